import datetime as dt
import re

import pytest

from gongkai.api.models import ApiToken
from gongkai.audit.models import AuditEvent
from gongkai.testing import PASSWORD
from gongkai.workbench import registry


def test_workbench_requires_login(client, db):
    response = client.get("/workbench/")
    assert response.status_code == 302 and "/workbench/login/" in response["Location"]


def test_user_without_role_is_told_so(client, db):
    from gongkai.testing import make_user

    client.force_login(make_user("nobody"))
    response = client.get("/workbench/")
    assert response.status_code == 403
    assert "尚未分配工作角色" in response.content.decode()


def test_login_and_home_shows_current_agency(client, staff):
    response = client.post("/workbench/login/", {"username": "handler_a", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "测试市甲局 · 工作台" in response.content.decode()


def test_agency_switcher_only_switches_to_own_agencies(client, staff, tree):
    client.force_login(staff["office"])
    client.post("/workbench/agency/", {"agency": tree["town"].pk})
    assert "测试镇人民政府 · 工作台" in client.get("/workbench/").content.decode()
    client.force_login(staff["handler_a"])
    response = client.post("/workbench/agency/", {"agency": tree["dept_b"].pk}, follow=True)
    assert "无法切换到该机构" in response.content.decode()
    assert "测试市甲局 · 工作台" in response.content.decode()


def test_switcher_refuses_offsite_next(client, staff, tree):
    client.force_login(staff["office"])
    response = client.post("/workbench/agency/", {"agency": tree["town"].pk, "next": "//evil.example/"})
    assert response["Location"] == "/workbench/"


def test_todo_providers_are_merged_most_urgent_first(client, staff, tree):
    def provider(*, user, agency, today):
        return [
            registry.TodoItem("测试", "later", "/x", dt.date(2026, 3, 1), 12),
            registry.TodoItem("测试", "overdue", "/y", dt.date(2026, 1, 1), -2),
            registry.TodoItem("测试", "soon", "/z", dt.date(2026, 2, 1), 3),
        ]

    registry.register_todo("test-provider", provider)
    try:
        client.force_login(staff["handler_a"])
        text = client.get("/workbench/").content.decode()
    finally:
        registry._todo_providers.pop("test-provider")
    assert text.index("overdue") < text.index("soon") < text.index("later")
    assert "已逾期 2 个工作日" in text and "即将到期" in text


def test_profile_issues_a_token_shown_once(client, staff):
    client.force_login(staff["handler_a"])
    response = client.post("/workbench/profile/", {"action": "issue", "name": "报送系统"})
    text = response.content.decode()
    secret = re.search(r'class="token-secret">(gk_[^<]+)<', text).group(1)
    assert "报送系统" in text
    assert AuditEvent.objects.filter(action="api_token.issue", actor_label="handler_a").exists()
    assert secret not in client.get("/workbench/profile/").content.decode()  # shown once, never again
    assert ApiToken.objects.get(user=staff["handler_a"]).prefix == secret[:10]


def test_audit_page_exports_csv(client, staff):
    client.force_login(staff["admin_a"])
    response = client.get("/workbench/audit/", {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize(
    "target", ["//evil.example/", "/\\evil.example/", "https://evil.example/", "/\\/evil"]
)
def test_switching_agency_never_redirects_off_site(client, staff, tree, target):
    client.force_login(staff["office"])
    response = client.post("/workbench/agency/", {"agency": str(tree["dept_a"].pk), "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/workbench/"


def test_switching_agency_returns_to_the_page_it_came_from(client, staff, tree):
    client.force_login(staff["office"])
    response = client.post(
        "/workbench/agency/", {"agency": str(tree["dept_a"].pk), "next": "/workbench/apply/"}
    )
    assert response["Location"] == "/workbench/apply/"


def test_audit_csv_neutralises_formulas_in_every_cell(db):
    import csv

    from django.db import transaction

    from gongkai.audit.services import record
    from gongkai.testing import make_agency, make_user
    from gongkai.workbench.audit_trail import csv_rows

    agency = make_agency("csv", name='=HYPERLINK("http://evil.example")')
    actor = make_user("@SUM(1+1)")
    with transaction.atomic():
        record(
            actor=actor,
            agency=agency,
            action="test.csv",
            object_type="+cmd",
            object_id="-1+2",
            summary="=1+1",
        )
    lines = list(csv_rows(AuditEvent.objects.filter(action="test.csv").select_related("agency")))
    header, row = list(csv.reader(line.lstrip("\ufeff") for line in lines))
    assert header[0] == "时间"
    assert row[1:3] == ["'@SUM(1+1)", '\'=HYPERLINK("http://evil.example")']
    assert row[4:7] == ["'+cmd", "'-1+2", "'=1+1"]
    assert not [cell for cell in row if cell and cell[0] in "=+-@\t\r"]


def test_one_rule_says_when_a_deadline_is_due_soon():
    from gongkai.applications.workbench_views import status_of as application_status
    from gongkai.interaction.workbench_views import status_of as message_status
    from gongkai.workbench.registry import DUE_SOON_DAYS, TodoItem, deadline_status

    assert DUE_SOON_DAYS == 5
    cases = {None: "normal", -1: "overdue", 0: "due_soon", 5: "due_soon", 6: "normal"}
    for days_left, status in cases.items():
        assert deadline_status(days_left) == status
        assert message_status(days_left) == status
        assert application_status(days_left, "received") == status
        assert TodoItem(kind="k", title="t", url="/", days_left=days_left).status == status
    assert application_status(-3, "concluded") == "normal"
