"""The workbench pages: overview with ranking, one agency's findings, rectify, ledger and export,
scheme edit, and the clock dashboard."""

import datetime as dt

import pytest

from gongkai.selfcheck.models import RectificationTask, SchemeVersion
from gongkai.selfcheck.tests.factories import application

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, staff):
    client.force_login(staff["office"])
    return client


def test_overview_ranks_the_agencies_below(tree, office):
    page = office.get("/workbench/selfcheck/").content.decode()
    assert "下级机构排名" in page
    for agency in tree.values():
        assert f"/workbench/selfcheck/agency/{agency.code}/" in page


def test_the_overview_lists_the_vetoes_without_a_trailing_separator(tree, office):
    import re

    page = office.get("/workbench/selfcheck/").content.decode()  # no items: blank-column vetoes fire
    vetoes = re.search(r"单项否决：(.*?)</p>", page, re.S)
    assert vetoes, page[:2000]
    names = re.sub(r"<[^>]+>", "", vetoes.group(1)).strip().split("、")
    assert names and all(names), names  # "空白栏目、栏目长期不更新、" left an empty last name


def test_agency_page_lists_records_and_the_rectify_link(tree, office):
    late = application(tree["dept_a"], due_on=dt.date(2026, 11, 25), description="<script>x</script>")
    page = office.get("/workbench/selfcheck/agency/dept-a/").content.decode()
    assert f"/workbench/apply/{late.pk}/" in page
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page
    assert "/workbench/selfcheck/agency/dept-a/rectify/application_overdue/" in page


def test_rectify_opens_a_task(tree, office):
    application(tree["dept_a"], due_on=dt.date(2026, 11, 25))
    url = "/workbench/selfcheck/agency/dept-a/rectify/application_overdue/"
    assert "申请答复逾期" in office.get(url).content.decode()
    response = office.post(
        url,
        {
            "problem": "申请逾期未答复",
            "measures": "三日内答复",
            "responsible": "甲局办公室",
            "due_on": "2026-12-04",
        },
    )
    task = RectificationTask.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/workbench/selfcheck/ledger/{task.pk}/"
    assert (task.measures, task.responsible, task.due_on) == (
        "三日内答复",
        "甲局办公室",
        dt.date(2026, 12, 4),
    )
    ledger = office.get("/workbench/selfcheck/ledger/").content.decode()
    assert "申请逾期未答复" in ledger and "整改中" in ledger
    export = office.get("/workbench/selfcheck/ledger.xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    detail = office.post(
        f"/workbench/selfcheck/ledger/{task.pk}/",
        {
            "problem": "x",
            "measures": "已答复",
            "responsible": "甲局办公室",
            "due_on": "2026-12-04",
            "completion": "已于12月1日答复",
        },
    )
    assert detail.status_code == 302
    task.refresh_from_db()
    assert task.completion == "已于12月1日答复" and task.problem == "申请逾期未答复"


def test_other_agencies_pages_are_not_found(tree, client, staff):
    client.force_login(staff["handler_b"])
    assert client.get("/workbench/selfcheck/agency/dept-a/").status_code == 404
    assert client.get("/workbench/selfcheck/agency/nowhere/").status_code == 404


def test_scheme_edit_by_the_office(tree, office, client, staff):
    page = office.get("/workbench/selfcheck/scheme/").content.decode()
    assert "application_late-deduction" in page
    form = {}
    from gongkai.selfcheck import selectors

    for code, rule in selectors.current_scheme()[1].items():
        form[f"{code}-deduction"] = rule["deduction"]
        form[f"{code}-cap"] = "" if rule["cap"] is None else rule["cap"]
        if rule["veto"]:
            form[f"{code}-veto"] = "on"
    form["application_late-deduction"] = "7"
    form["note"] = "试行"
    assert office.post("/workbench/selfcheck/scheme/", form).status_code == 302
    assert SchemeVersion.objects.get().rules["application_late"]["deduction"] == 7
    handler = client.__class__()
    handler.force_login(staff["handler_a"])
    assert handler.post("/workbench/selfcheck/scheme/", form).status_code == 403


def test_clock_dashboard(tree, office):
    application(tree["dept_a"], due_on=dt.date(2026, 12, 2), description="查询某项目审批文件")
    application(tree["dept_b"], due_on=None, description="未知期限的申请")
    page = office.get("/workbench/clocks/").content.decode()
    assert "查询某项目审批文件" in page and "剩余 2 个工作日" in page
    assert page.index("未知期限的申请") < page.index("查询某项目审批文件")
    only = office.get("/workbench/clocks/?scope=agency").content.decode()
    assert "查询某项目审批文件" not in only


def test_the_clock_dashboard_counts_the_clocks_in_a_sentence(tree, office):
    application(tree["dept_a"], due_on=dt.date(2026, 12, 2), description="查询某项目审批文件")
    response = office.get("/workbench/clocks/")
    assert f"截至 2026-11-30，共 {len(response.context['rows'])} 项。" in response.content.decode()


@pytest.mark.parametrize(
    "due_on",
    [
        pytest.param(dt.date(2026, 12, 4), marks=pytest.mark.today("2026-12-05"), id="saturday"),
        pytest.param(dt.date(2026, 9, 30), marks=pytest.mark.today("2026-10-03"), id="holiday"),
    ],
)
def test_the_clock_dashboard_shows_a_clock_past_its_due_day_as_overdue_on_a_day_off(tree, office, due_on):
    application(tree["dept_a"], due_on=due_on, description="查询某项目审批文件")
    response = office.get("/workbench/clocks/")
    (row,) = [row for row in response.context["rows"] if row["clock"].label.endswith("查询某项目审批文件")]
    assert row["clock"].days_left == 0  # count(today, due_on), as the API shows it
    assert row["state"] == "overdue" and row["left"] == "已逾期不足 1 个工作日"


def test_an_open_task_is_linked_instead_of_offering_a_second(tree, office, staff):
    from gongkai.selfcheck import services
    from gongkai.testing import TODAY

    task = services.open_task(
        actor=staff["office"], agency=tree["dept_a"], indicator="columns_blank", today=TODAY
    )
    page = office.get("/workbench/selfcheck/agency/dept-a/").content.decode()
    assert f'href="/workbench/selfcheck/ledger/{task.pk}/"' in page
    assert "/workbench/selfcheck/agency/dept-a/rectify/columns_blank/" not in page
    url = "/workbench/selfcheck/agency/dept-a/rectify/columns_blank/"
    response = office.get(url).content.decode()
    assert "已有整改中的任务" in response and f'href="/workbench/selfcheck/ledger/{task.pk}/"' in response
    assert 'name="measures"' not in response
    posted = office.post(url, {"problem": "又一次", "measures": "补充", "due_on": "2026-12-31"})
    assert posted.status_code == 200 and "已有整改中的任务" in posted.content.decode()
    assert RectificationTask.objects.count() == 1


def test_rectify_requires_measures_and_a_time_limit_and_keeps_the_input(tree, office):
    url = "/workbench/selfcheck/agency/dept-a/rectify/columns_blank/"
    response = office.post(url, {"problem": "空白栏目待补充", "measures": "  ", "due_on": ""})
    page = response.content.decode()
    assert response.status_code == 200 and not RectificationTask.objects.exists()
    assert "请填写整改措施" in page and "请填写整改时限" in page
    assert "空白栏目待补充" in page


def test_a_finding_without_records_shows_a_dash_not_a_dash_and_a_count(tree, office):
    import re

    # The city's portal home has no item at all: home_stale fails with a note and no record (the
    # stale reply column, once used here, now lists the messages waiting for a published reply).
    page = office.get("/workbench/selfcheck/agency/city/").content.decode()
    row = re.search(r'<tr id="indicator-home_stale">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert "未通过" in cells[1] and cells[2] == "1"
    assert cells[6] == "—"  # the count is in the 数量 column; "—<br>共1条" contradicted itself


def test_a_long_rectification_todo_is_cut_with_an_ellipsis_and_keeps_its_full_title(tree, client, staff):
    from gongkai.selfcheck import services
    from gongkai.testing import TODAY

    problem = "政策解读滞后：规章和行政规范性文件的解读应在文件公开后3个工作日内发布（示范市居民阶梯电价调整方案）"
    services.open_task(
        actor=staff["handler_a"], agency=tree["dept_a"], indicator="columns_blank", today=TODAY, problem=problem
    )
    client.force_login(staff["handler_a"])
    page = client.get("/workbench/").content.decode()
    assert f"整改：{problem[:39]}…</a>" in page
    assert f'title="整改：{problem}"' in page


def test_the_ledger_is_paginated_with_page_links(tree, office):
    from gongkai.testing import TODAY

    for number in range(65):
        RectificationTask.objects.create(
            agency=tree["dept_a"], indicator="columns_blank", problem=f"问题{number:03d}", opened_on=TODAY
        )
    first = office.get("/workbench/selfcheck/ledger/?status=open").content.decode()
    assert "问题000" in first and "问题030" not in first
    assert "共65项整改任务" in first and "第 1 / 3 页" in first
    assert 'href="?status=open&amp;page=2">下一页</a>' in first
    last = office.get("/workbench/selfcheck/ledger/?status=open&page=3").content.decode()
    assert "问题064" in last and "问题059" not in last and ">61</td>" in last


def test_badges_and_dates_do_not_wrap(tree, office):
    import re
    from pathlib import Path

    from gongkai.testing import TODAY

    css = (Path(__file__).parents[2] / "portal/static/portal/site.css").read_text()
    rule = re.search(r"^\.badge, time, \.nowrap \{([^}]*)\}", css, re.M)
    assert rule and "white-space: nowrap" in rule.group(1)
    RectificationTask.objects.create(
        agency=tree["dept_a"], indicator="columns_blank", problem="空白栏目", opened_on=TODAY, due_on=TODAY
    )
    ledger = office.get("/workbench/selfcheck/ledger/").content.decode()
    assert '<td data-label="时限" class="nowrap">2026-11-30</td>' in ledger
