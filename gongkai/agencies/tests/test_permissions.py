"""The permission layer: who may see and do what, on pages and through the API."""

import pytest

from gongkai.agencies import permissions
from gongkai.agencies.models import Role
from gongkai.core.errors import Forbidden, NotFound
from gongkai.testing import make_user


@pytest.mark.parametrize(
    ("username", "agency", "action", "allowed"),
    [
        ("handler_a", "dept_a", "view", True),
        ("handler_a", "dept_a", "edit", True),
        ("handler_a", "dept_a", "review", False),
        ("reviewer_a", "dept_a", "review", True),
        ("reviewer_a", "dept_a", "manage", False),
        ("admin_a", "dept_a", "manage", True),
        ("handler_a", "dept_b", "view", False),
        ("handler_b", "dept_a", "view", False),
        ("handler_a", "city", "view", False),  # a department's staff do not see upwards
        ("office", "dept_a", "manage", True),  # the disclosure office sees its whole subtree
        ("office", "town", "review", True),
        ("root", "town", "manage", True),
    ],
)
def test_role_matrix(staff, tree, username, agency, action, allowed):
    assert permissions.may(staff[username], action, tree[agency]) is allowed


def test_no_role_at_agency_is_not_found_and_low_rank_is_forbidden(staff, tree):
    with pytest.raises(NotFound):
        permissions.require(staff["handler_b"], "view", tree["dept_a"])
    with pytest.raises(Forbidden):
        permissions.require(staff["handler_a"], "review", tree["dept_a"])


def test_anonymous_and_none_have_no_rights(tree):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.may(AnonymousUser(), "view", tree["city"])
    assert not permissions.may(None, "view", tree["city"])


def test_scope_limits_a_queryset_to_visible_agencies(staff, tree):
    from gongkai.agencies.models import Agency

    visible = set(
        permissions.scope(staff["handler_a"], Agency.objects.all(), field="pk").values_list("code", flat=True)
    )
    assert visible == {"dept-a"}
    office_visible = permissions.scope(staff["office"], Agency.objects.all(), field="pk")
    assert set(office_visible.values_list("code", flat=True)) == {"city", "dept-a", "dept-b", "town"}


def test_office_of_a_department_does_not_see_sibling_departments(tree):
    user = make_user("office_a", agency=tree["dept_a"], role=Role.DISCLOSURE_OFFICE)
    assert permissions.may(user, "manage", tree["dept_a"])
    assert not permissions.may(user, "view", tree["dept_b"])


def test_inactive_user_loses_every_right(staff, tree):
    user = staff["admin_a"]
    user.is_active = False
    user.save()
    permissions.forget_access(user)
    assert not permissions.may(user, "view", tree["dept_a"])


def test_api_cross_agency_denial(api, tree):
    # handler_a may not add a member to dept_b: the agency is invisible to them → 404.
    response = api("handler_a").put("/agencies/dept-b/members", {"username": "handler_a", "role": "reviewer"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    # Inside their own agency a handler is seen but lacks the rank → 403.
    response = api("handler_a").put("/agencies/dept-a/members", {"username": "handler_b", "role": "handler"})
    assert response.status_code == 403
    # The agency admin may.
    response = api("admin_a").put("/agencies/dept-a/members", {"username": "handler_b", "role": "handler"})
    assert response.status_code == 200, response.content
    assert response.json() == {"username": "handler_b", "agency": "dept-a", "role": "handler"}


def test_api_audit_of_another_agency_is_not_found(api, tree):
    response = api("admin_a").get("/audit", agency="dept-b")
    assert response.status_code == 404


def test_workbench_audit_page_hides_other_agencies_events(client, staff, tree):
    client.force_login(staff["admin_a"])
    response = client.get("/workbench/audit/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "测试市甲局" in text
    assert "测试市乙局" not in text
    # Asking for another agency's events explicitly does not reveal them either.
    response = client.get("/workbench/audit/", {"agency": tree["dept_b"].pk})
    assert "测试市乙局" not in response.content.decode()


def test_the_admin_user_pages_audit_every_account_change(admin_client, tree):
    from django.contrib.auth import get_user_model

    from gongkai.audit.models import AuditEvent

    before = AuditEvent.objects.count()
    response = admin_client.post(
        "/admin/auth/user/add/",
        {
            "username": "newcomer",
            "password1": "Long-Enough-Pass-2026",
            "password2": "Long-Enough-Pass-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(username="newcomer")
    created = AuditEvent.objects.filter(action="user.create", object_id=str(user.pk))
    assert created.count() == 1 and "Long-Enough" not in str(created.get().data)
    page = admin_client.get(f"/admin/auth/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    data.update(
        {
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
            "last_login_0": "",
            "last_login_1": "",
        }
    )
    data.pop("password", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)
    response = admin_client.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    update = AuditEvent.objects.get(action="user.update", object_id=str(user.pk))
    assert "is_superuser" in update.data["changed"] and update.data["superuser"] is True
    response = admin_client.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": "Another-Long-Pass-2026", "password2": "Another-Long-Pass-2026"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="user.set_password", object_id=str(user.pk)).count() == 1
    assert AuditEvent.objects.count() == before + 3
    assert admin_client.post(f"/admin/auth/user/{user.pk}/delete/", {"post": "yes"}).status_code == 403
