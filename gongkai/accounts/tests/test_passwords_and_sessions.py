"""Password rules, the password change forced at first sign-in, and the idle time-out."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.accounts import passwords, services, two_factor
from gongkai.agencies import services as agency_services
from gongkai.agencies.models import AccountSecurity, Role
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import InvalidInput
from gongkai.core.system import SYSTEM
from gongkai.testing import PASSWORD, TODAY, TOTP_TEST_KEY, enrol_for_tests, frozen_instant

NEW_PASSWORD = "Neues-Passwort-2026"


@pytest.mark.parametrize(
    ("password", "classes"),
    [
        ("abcdefghijkl", {"lower"}),
        ("ABCdef123456", {"upper", "lower", "digit"}),
        ("政务公开abcdefgh", {"other", "lower"}),
        ("a b-c_1", {"lower", "other", "digit"}),
    ],
)
def test_character_classes(password, classes):
    assert passwords.character_classes(password) == classes


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-1a", "密码太短：至少需要12个字符。"),
        ("onlylowercaseletters", "密码太简单：须包含大写字母、小写字母、数字、特殊字符中的至少3类。"),
        ("lowercase-and-symbols", "密码太简单：须包含大写字母、小写字母、数字、特殊字符中的至少3类。"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(db, password, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert message in refused.value.messages


@pytest.mark.parametrize("password", ["Gongkai-Demo-2026", "政务公开工作平台abc123", "lower-UPPER-mixed"])
def test_twelve_characters_of_three_classes_pass(db, password):
    validate_password(password)


def test_creating_an_account_with_a_weak_password_is_refused(db):
    with pytest.raises(InvalidInput) as refused:
        agency_services.create_user(actor=SYSTEM, username="weak", password="password1234")
    assert refused.value.code == "weak_password" and "至少3类" in refused.value.message


def test_an_account_an_administrator_created_must_change_its_password_first(staff, tree):
    user = agency_services.create_user(actor=staff["office"], username="new_handler", password=PASSWORD)
    agency_services.set_membership(actor=staff["office"], user=user, agency=tree["dept_a"], role=Role.HANDLER)
    client = Client()
    client.post("/workbench/login/", {"username": "new_handler", "password": PASSWORD})

    assert client.get("/workbench/catalog/")["Location"] == "/workbench/account/password/?next=%2Fworkbench%2Fcatalog%2F"
    page = client.get("/workbench/account/password/")
    assert "您的密码由管理员设置" in page.content.decode()
    weak = client.post(
        "/workbench/account/password/",
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert "密码太短" in weak.content.decode()
    done = client.post(
        "/workbench/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "next": "/workbench/"},
    )
    assert done.status_code == 302 and done["Location"] == "/workbench/"
    assert client.get("/workbench/").status_code == 200  # still signed in after the change
    assert not AccountSecurity.objects.get(user=user).must_change_password
    event = AuditEvent.objects.filter(action="user.change_password").latest("sequence")
    assert event.actor_id == user.pk and NEW_PASSWORD not in str(event.data)


def test_accounts_created_at_the_command_line_need_no_change(staff):
    assert not AccountSecurity.objects.filter(user=staff["handler_a"]).exists()
    client = Client()
    client.post("/workbench/login/", {"username": "handler_a", "password": PASSWORD})
    assert client.get("/workbench/").status_code == 200


def test_a_password_reset_by_a_superuser_must_be_changed_again(staff):
    agency_services.note_password_set(staff["handler_a"], actor=staff["root"])
    assert AccountSecurity.objects.get(user=staff["handler_a"]).must_change_password


def test_the_second_factor_comes_before_the_password_change(staff, tree, time_machine):
    user = agency_services.create_user(actor=staff["root"], username="new_admin", password=PASSWORD)
    agency_services.set_membership(actor=staff["root"], user=user, agency=tree["dept_b"], role=Role.AGENCY_ADMIN)
    enrol_for_tests(user)
    client = Client()
    client.post("/workbench/login/", {"username": "new_admin", "password": PASSWORD})
    assert client.get("/workbench/account/password/")["Location"].startswith("/workbench/account/verify/")
    time_machine.move_to(frozen_instant(TODAY), tick=False)
    client.post("/workbench/account/verify/", {"code": two_factor.code_now(TOTP_TEST_KEY)})
    assert client.get("/workbench/")["Location"].startswith("/workbench/account/password/")


def test_only_the_holder_changes_a_password_through_the_service(staff):
    with pytest.raises(Exception, match="本人"):
        services.change_password(staff["handler_a"], actor=staff["root"], new_password=NEW_PASSWORD)


def test_an_idle_session_ends_after_thirty_minutes(staff, time_machine):
    client = Client()
    time_machine.move_to(frozen_instant(TODAY), tick=False)
    client.post("/workbench/login/", {"username": "handler_a", "password": PASSWORD})
    assert client.get("/workbench/").status_code == 200
    time_machine.shift(29 * 60)
    assert client.get("/workbench/").status_code == 200  # activity restarts the 30 minutes
    time_machine.shift(29 * 60)
    assert client.get("/workbench/").status_code == 200
    time_machine.shift(31 * 60)
    response = client.get("/workbench/audit/")
    assert response.status_code == 302 and response["Location"] == "/workbench/login/?next=%2Fworkbench%2Faudit%2F"
    assert "_auth_user_id" not in client.session
    assert "已自动退出" in client.get(response["Location"]).content.decode()
    assert AuditEvent.objects.filter(action="auth.logout", actor_id=staff["handler_a"].pk).exists()


def test_the_idle_limit_is_a_setting(staff, settings, time_machine):
    settings.GONGKAI_SESSION_IDLE_MINUTES = 5
    client = Client()
    time_machine.move_to(frozen_instant(TODAY), tick=False)
    client.post("/workbench/login/", {"username": "handler_a", "password": PASSWORD})
    assert client.get("/workbench/").status_code == 200
    time_machine.shift(6 * 60)
    assert client.get("/workbench/").status_code == 302


def test_users_are_told_the_rules_on_the_security_page(client, staff):
    client.force_login(staff["handler_a"])
    html = client.get("/workbench/account/").content.decode()
    assert "至少12个字符" in html and "30分钟无操作将自动退出" in html
    assert get_user_model().objects.get(username="handler_a").check_password(PASSWORD)


def test_an_account_added_in_the_admin_site_must_change_its_password(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"username": "clerk", "password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AccountSecurity.objects.get(user__username="clerk").must_change_password


def test_the_admin_site_refuses_a_weak_password_in_chinese(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"username": "clerk", "password1": "clerk12345", "password2": "clerk12345", "usable_password": "true"},
    )
    assert response.status_code == 200 and "密码太短" in response.content.decode()
