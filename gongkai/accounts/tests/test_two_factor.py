"""Two-factor sign-in: who needs it, enrolment with a QR code, codes, recovery codes, throttling."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import services, two_factor
from gongkai.accounts.demo import DEMO_KEY
from gongkai.api.models import ApiToken
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import RuleViolation
from gongkai.testing import PASSWORD, TODAY, TOTP_TEST_KEY, enrol_for_tests, frozen_instant, make_user


@pytest.fixture
def frozen(time_machine):
    """TOTP codes are computed from the clock: hold it still (the root conftest lets it tick)."""
    time_machine.move_to(frozen_instant(TODAY), tick=False)
    return time_machine


def sign_in(username: str) -> Client:
    """The password step through the login form."""
    client = Client()
    response = client.post("/workbench/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


@pytest.mark.parametrize(
    ("username", "required"),
    [("root", True), ("admin_a", True), ("office", True), ("reviewer_a", False), ("handler_a", False)],
)
def test_superusers_agency_admins_and_the_office_must_use_a_second_factor(staff, username, required):
    assert two_factor.required_for(staff[username]) is required


def test_a_deployment_may_require_it_of_every_staff_member(staff, settings):
    settings.GONGKAI_TWO_FACTOR_FOR_ALL_STAFF = True
    assert two_factor.required_for(staff["handler_a"])


def test_an_office_member_without_a_device_is_sent_to_enrol_before_any_page(staff):
    client = sign_in("office")
    page = client.get("/workbench/")
    assert page.status_code == 302 and page["Location"].startswith("/workbench/account/two-factor/")
    assert client.get("/workbench/audit/")["Location"].startswith("/workbench/account/two-factor/")
    assert client.get("/admin/")["Location"].startswith("/workbench/account/two-factor/")


def test_enrolment_shows_a_qr_code_and_binds_the_app_with_its_first_code(staff, frozen):
    client = sign_in("office")
    page = client.get("/workbench/account/two-factor/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in html and "style=" not in html.split("<main")[1]
    secret = re.search(r'<code class="token-secret">([A-Z2-7 ]+)</code>', html).group(1)
    key = client.session["gongkai_pending_totp_key"]
    assert two_factor.base32_of(key) == secret

    wrong = client.post("/workbench/account/two-factor/", {"code": "000000"})
    assert "验证码不正确" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=staff["office"]).exists()

    done = client.post("/workbench/account/two-factor/", {"code": two_factor.code_now(key), "next": "/workbench/"})
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10 and "离开本页后无法再次查看" in done.content.decode()
    assert client.get("/workbench/").status_code == 200
    assert AuditEvent.objects.filter(action="account.two_factor.enable", object_id=str(staff["office"].pk)).exists()


def test_an_enrolled_user_is_asked_for_the_code_and_a_wrong_one_is_refused_and_recorded(staff, frozen):
    enrol_for_tests(staff["admin_a"])
    client = sign_in("admin_a")
    assert client.get("/workbench/")["Location"] == "/workbench/account/verify/?next=%2Fworkbench%2F"

    wrong = client.post("/workbench/account/verify/", {"code": "123456"})
    assert wrong.status_code == 200 and "验证码不正确或已过期" in wrong.content.decode()
    assert client.get("/workbench/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.second_factor_failed").count() == 1


def test_the_right_code_opens_the_workbench_with_a_new_session_key(staff, frozen):
    enrol_for_tests(staff["admin_a"])
    client = sign_in("admin_a")
    before = client.session.session_key
    response = client.post(
        "/workbench/account/verify/", {"code": two_factor.code_now(TOTP_TEST_KEY), "next": "/workbench/audit/"}
    )
    assert response.status_code == 302 and response["Location"] == "/workbench/audit/"
    assert client.session.session_key != before
    assert client.get("/workbench/audit/").status_code == 200
    event = AuditEvent.objects.filter(action="auth.second_factor").latest("sequence")
    assert event.data == {"method": "totp"}


def test_a_code_is_accepted_once_only(staff, frozen):
    device = enrol_for_tests(staff["admin_a"])
    code = two_factor.code_now(TOTP_TEST_KEY)
    assert services.verify_second_factor(staff["admin_a"], code=code) == device
    assert services.verify_second_factor(staff["admin_a"], code=code) is None


def test_a_recovery_code_signs_in_once(staff, frozen):
    user = staff["office"]
    codes = services.enable_two_factor(user, actor=user, key=TOTP_TEST_KEY, code=two_factor.code_now(TOTP_TEST_KEY))
    client = sign_in("office")
    response = client.post("/workbench/account/verify/", {"code": codes[0].upper()})
    assert response.status_code == 302
    assert two_factor.recovery_codes_left(user) == 9
    assert services.verify_second_factor(user, code=codes[0]) is None
    event = AuditEvent.objects.filter(action="auth.second_factor").latest("sequence")
    assert event.data == {"method": "recovery_code", "recovery_codes_left": 9}


def test_repeated_wrong_codes_make_the_user_wait(staff, frozen):
    enrol_for_tests(staff["admin_a"])
    client = sign_in("admin_a")
    for _ in range(3):
        client.post("/workbench/account/verify/", {"code": "000000"})
    right = client.post("/workbench/account/verify/", {"code": two_factor.code_now(TOTP_TEST_KEY)})
    assert right.status_code == 200 and "连续输错次数过多" in right.content.decode()
    frozen.shift(60)
    assert client.post("/workbench/account/verify/", {"code": two_factor.code_now(TOTP_TEST_KEY)}).status_code == 302


def test_a_handler_signs_in_with_the_password_alone_unless_they_enrolled(staff, frozen):
    client = sign_in("handler_a")
    assert client.get("/workbench/").status_code == 200
    enrol_for_tests(staff["handler_a"])
    client = sign_in("handler_a")
    assert client.get("/workbench/")["Location"].startswith("/workbench/account/verify/")


def test_only_those_not_required_to_may_switch_it_off(staff, frozen):
    office = staff["office"]
    enrol_for_tests(office)
    with pytest.raises(RuleViolation) as refused:
        services.disable_two_factor(office, actor=office)
    assert refused.value.code == "two_factor_required"
    handler = staff["handler_a"]
    enrol_for_tests(handler)
    services.disable_two_factor(handler, actor=handler)
    assert two_factor.totp_device(handler) is None


def test_regenerated_recovery_codes_replace_the_old_ones(staff, frozen):
    user = staff["office"]
    old = services.enable_two_factor(user, actor=user, key=TOTP_TEST_KEY, code=two_factor.code_now(TOTP_TEST_KEY))
    new = services.regenerate_recovery_codes(user, actor=user)
    assert set(old).isdisjoint(new)
    assert services.verify_second_factor(user, code=old[1]) is None
    frozen.shift(10)  # past the pause a wrong code imposes
    assert services.verify_second_factor(user, code=new[1]) is not None


def test_an_operator_resets_a_lost_device_from_the_command_line(staff, frozen):
    enrol_for_tests(staff["office"])
    out = StringIO()
    call_command("reset_two_factor", "office", stdout=out)
    assert "已重置" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=staff["office"]).exists()
    assert not StaticDevice.objects.filter(user=staff["office"]).exists()
    assert AuditEvent.objects.filter(action="account.two_factor.reset", actor_label="system").exists()
    client = sign_in("office")
    assert client.get("/workbench/")["Location"].startswith("/workbench/account/two-factor/")


def test_tokens_from_the_profile_page_need_the_second_factor_first(staff, frozen):
    enrol_for_tests(staff["office"])
    client = sign_in("office")
    refused = client.post("/workbench/profile/", {"action": "issue", "name": "数据报送"})
    assert refused.status_code == 302 and refused["Location"].startswith("/workbench/account/verify/")
    assert not ApiToken.objects.filter(user=staff["office"]).exists()

    client.post("/workbench/account/verify/", {"code": two_factor.code_now(TOTP_TEST_KEY)})
    issued = client.post("/workbench/profile/", {"action": "issue", "name": "数据报送"})
    assert issued.status_code == 200 and "gk_" in issued.content.decode()
    assert ApiToken.objects.filter(user=staff["office"]).count() == 1


def test_the_api_token_command_still_works_for_a_superuser_without_a_device(db):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("operator", "o@example.com", "x")
    out = StringIO()
    call_command("api_token", "operator", stdout=out)
    token = out.getvalue().strip()
    response = Client().get("/api/v1/audit", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_the_admin_site_signs_in_through_the_workbench(staff):
    assert Client().get("/admin/login/?next=/admin/")["Location"] == "/workbench/login/?next=/admin/"


def test_the_demo_code_command_shows_only_demo_devices(staff, frozen):
    enrol_for_tests(staff["office"])
    with pytest.raises(CommandError, match="演示密钥"):
        call_command("demo_otp_code", "office", stdout=StringIO())
    make_user("demo_admin", superuser=True)
    user = make_user("demo_admin")
    services.enable_two_factor(user, actor=user, key=DEMO_KEY, code=two_factor.code_now(DEMO_KEY))
    out = StringIO()
    call_command("demo_otp_code", "demo_admin", stdout=out)
    assert out.getvalue().strip() == two_factor.code_now(DEMO_KEY)
