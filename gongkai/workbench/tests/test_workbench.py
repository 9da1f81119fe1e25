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
            registry.TodoItem("测试", "later", "/x", dt.date(2026, 12, 16), 12),
            registry.TodoItem("测试", "overdue", "/y", dt.date(2026, 11, 26), -2),
            registry.TodoItem("测试", "soon", "/z", dt.date(2026, 12, 3), 3),
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


def test_the_audit_filter_shows_the_agency_the_list_is_limited_to(client, staff, tree):
    client.force_login(staff["office"])
    client.post("/workbench/agency/", {"agency": str(tree["dept_a"].pk), "next": "/workbench/"})

    def filter_select(query):
        page = client.get("/workbench/audit/", query).content.decode()
        return re.search(r'<select name="agency" id="id_agency">(.*?)</select>', page, re.S).group(1)

    selected = f'<option value="{tree["dept_a"].pk}" selected>'
    assert selected in filter_select({})  # not "全部" over a list limited to the current agency
    assert selected not in filter_select({"agency": ""})


def test_the_office_reads_the_calendars_acts_and_everyone_their_own_acts_of_no_agency(staff, tree):
    """Acts of no agency: the office confirms the calendar and answers for it; a log-in is its
    user's; another agency's admin sees neither the calendar's acts nor the office's log-ins."""
    from gongkai.audit.services import record
    from gongkai.workbench import audit_trail

    record(actor=staff["office"], action="calendar.confirm_year", obj=None, summary="确认全国2027年节假日安排")
    record(actor=staff["office"], action="auth.login", obj=None, summary="登录")
    record(actor=staff["admin_a"], action="auth.login", obj=None, summary="登录")

    def seen(user):
        events = audit_trail.events_for(user, audit_trail.AuditFilter()).filter(agency__isnull=True)
        return sorted((event.action, event.actor_label) for event in events)

    assert seen(staff["office"]) == [("auth.login", "office"), ("calendar.confirm_year", "office")]
    assert seen(staff["admin_a"]) == [("auth.login", "admin_a")]


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
    # 摘要, then the codes: 操作人账号, 动作代码, 对象类型, 对象编号.
    assert (row[5], row[6], row[8], row[9]) == ("'=1+1", "'@SUM(1+1)", "'+cmd", "'-1+2")
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


# A day off after the due day: count(today, due_on) is 0 there, yet the reply was due by the end of
# the due day, so it is overdue (Friday → Saturday; 30 September → the National Day holiday).
DAY_OFF_AFTER_DUE = [
    (dt.date(2026, 12, 4), dt.date(2026, 12, 5)),
    (dt.date(2026, 9, 30), dt.date(2026, 10, 3)),
]


@pytest.mark.parametrize(("due_on", "today"), DAY_OFF_AFTER_DUE)
def test_a_day_off_after_the_due_day_is_overdue_not_due_today(due_on, today):
    from gongkai.applications.workbench_views import status_of as application_status
    from gongkai.interaction.workbench_views import status_of as message_status
    from gongkai.workbench.registry import TodoItem, days_left_text, deadline_status

    assert deadline_status(0, due_on=due_on, today=today) == "overdue"
    assert message_status(0, due_on=due_on, today=today) == "overdue"
    assert application_status(0, "received", due_on=due_on, today=today) == "overdue"
    assert days_left_text(0, due_on=due_on, today=today) == "已逾期不足 1 个工作日"
    item = TodoItem(kind="k", title="t", url="/", due_on=due_on, days_left=0, today=today)
    assert item.status == "overdue" and item.days_left_text == "已逾期不足 1 个工作日"
    # A working day or more late: the number, as before.
    assert days_left_text(-2, due_on=due_on, today=today) == "已逾期 2 个工作日"


def test_due_today_only_on_the_due_day():
    from gongkai.workbench.registry import days_left_text, deadline_status

    friday, saturday, sunday = dt.date(2026, 12, 4), dt.date(2026, 12, 5), dt.date(2026, 12, 6)
    assert days_left_text(0, due_on=friday, today=friday) == "今天到期"
    assert deadline_status(0, due_on=friday, today=friday) == "due_soon"
    # Due on a Sunday, seen on the Saturday before: not yet due, no working day left.
    assert days_left_text(0, due_on=sunday, today=saturday) == "剩余不足 1 个工作日"
    assert deadline_status(0, due_on=sunday, today=saturday) == "due_soon"


@pytest.mark.today("2026-12-05")
def test_the_dashboard_shows_a_todo_due_the_day_before_a_weekend_as_overdue(client, staff):
    def provider(*, user, agency, today):
        return [registry.TodoItem("测试", "friday", "/f", dt.date(2026, 12, 4), 0)]

    registry.register_todo("test-provider", provider)
    try:
        client.force_login(staff["handler_a"])
        home = client.get("/workbench/")
    finally:
        registry._todo_providers.pop("test-provider")
    item = next(item for item in home.context["todos"] if item.title == "friday")
    assert item.status == "overdue" and item.days_left == 0
    text = home.content.decode()
    assert "期限 2026-12-04（已逾期不足 1 个工作日）" in text and "今天到期" not in text
