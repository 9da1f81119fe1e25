"""The rectification ledger page (整改台账): its order, the status filter, the 逾期 badge and 未定,
on SQLite and PostgreSQL alike."""

import datetime as dt
import re

import pytest

from gongkai.selfcheck import selectors
from gongkai.selfcheck.models import RectificationTask
from gongkai.selfcheck.vocabulary import TaskStatus
from gongkai.testing import TODAY

pytestmark = pytest.mark.django_db

LEDGER = "/workbench/selfcheck/ledger/"


@pytest.fixture
def office(client, staff):
    client.force_login(staff["office"])
    return client


def task(agency, problem, *, due_on=None, status=TaskStatus.OPEN, **fields) -> RectificationTask:
    return RectificationTask.objects.create(
        agency=agency,
        indicator="columns_blank",
        problem=problem,
        opened_on=dt.date(2026, 11, 2),
        due_on=due_on,
        status=status,
        **fields,
    )


@pytest.fixture
def mixed(tree):
    """Tasks created in an order unlike the ledger's: done ones, open ones with and without 时限."""
    dept_a = tree["dept_a"]
    return [
        task(dept_a, "已完成早", due_on=dt.date(2026, 10, 1), status=TaskStatus.DONE),
        task(dept_a, "整改中无时限一"),
        task(dept_a, "整改中晚", due_on=dt.date(2026, 12, 31)),
        task(dept_a, "已完成无时限", status=TaskStatus.DONE),
        task(dept_a, "整改中早", due_on=dt.date(2026, 11, 20)),
        task(dept_a, "整改中无时限二"),
        task(dept_a, "整改中同日", due_on=dt.date(2026, 12, 31)),
    ]


LEDGER_ORDER = [
    "整改中早",
    "整改中晚",
    "整改中同日",
    "整改中无时限一",
    "整改中无时限二",
    "已完成早",
    "已完成无时限",
]


def problems(tasks) -> list[str]:
    return [task.problem for task in tasks]


class TestOrder:
    def test_open_tasks_come_first_by_time_limit_with_the_undated_last_then_by_id(self, tree, staff, mixed):
        assert problems(selectors.tasks(staff["office"], tree["city"])) == LEDGER_ORDER

    def test_the_model_default_order_is_the_ledger_order(self, mixed):
        assert problems(RectificationTask.objects.all()) == LEDGER_ORDER

    def test_the_page_lists_the_tasks_in_the_ledger_order(self, office, mixed):
        page = office.get(LEDGER).content.decode()
        found = re.findall(r'href="/workbench/selfcheck/ledger/\d+/">([^<]+)</a>', page)
        assert found == LEDGER_ORDER

    def test_filtered_to_done_the_order_still_holds(self, tree, staff, mixed):
        done = selectors.tasks(staff["office"], tree["city"], status=TaskStatus.DONE)
        assert problems(done) == ["已完成早", "已完成无时限"]


def cell(page: str, task: RectificationTask, label: str) -> str:
    """The inner HTML of one cell of a task's row."""
    row = re.search(rf'<tr id="task-{task.pk}">(.*?)</tr>', page, re.S)
    assert row, page
    found = re.search(rf'<td data-label="{label}"[^>]*>(.*?)</td>', row.group(1), re.S)
    assert found, row.group(1)
    return found.group(1)


class TestToolbar:
    def test_the_status_filter_is_a_labelled_field_with_the_project_buttons(self, office, mixed):
        page = office.get(LEDGER).content.decode()
        toolbar = re.search(r'<form method="get" class="form-grid panel".*?</form>', page, re.S)
        assert toolbar, page
        toolbar = toolbar.group(0)
        assert re.search(r'<div class="field" id="field-status">\s*<label for="id_status">状态', toolbar)
        assert '<button type="submit" class="primary">筛选</button>' in toolbar
        assert (
            '<a class="button secondary" href="/workbench/selfcheck/ledger.xlsx?agency=city">导出 XLSX</a>'
            in toolbar
        )

    def test_the_filter_keeps_the_chosen_status(self, office, mixed):
        page = office.get(LEDGER, {"status": "done"}).content.decode()
        assert '<option value="done" selected>已完成</option>' in page
        assert problems_on(page) == ["已完成早", "已完成无时限"]

    def test_the_ledger_is_a_table_that_becomes_cards_on_a_phone(self, office, mixed):
        page = office.get(LEDGER).content.decode()
        assert '<table class="data-table stack-table">' in page
        row = re.search(rf'<tr id="task-{mixed[0].pk}">(.*?)</tr>', page, re.S).group(1)
        labels = re.findall(r'<td data-label="([^"]+)"', row)
        assert labels == ["序号", "问题", "整改措施", "责任单位", "时限", "状态", "完成情况"]


def problems_on(page: str) -> list[str]:
    return re.findall(r'href="/workbench/selfcheck/ledger/\d+/">([^<]+)</a>', page)


class TestUnknownStatus:
    def test_an_unknown_status_shows_every_task_and_says_so(self, office, mixed):
        page = office.get(LEDGER, {"status": "closed"}).content.decode()
        assert problems_on(page) == LEDGER_ORDER
        assert "没有“closed”这种状态，已显示全部整改任务" in page
        assert 'class="field field-invalid"' in page
        assert "共7项整改任务" in page

    def test_the_unknown_status_is_escaped_and_not_carried_into_the_page_links(self, office, tree):
        for number in range(35):
            task(tree["dept_a"], f"问题{number:02d}")
        page = office.get(LEDGER, {"status": "<b>x</b>"}).content.decode()
        assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
        assert 'href="?page=2">下一页</a>' in page

    def test_a_known_status_has_no_notice(self, office, mixed):
        page = office.get(LEDGER, {"status": "open"}).content.decode()
        assert "这种状态" not in page and "field-invalid" not in page
        assert problems_on(page) == LEDGER_ORDER[:5]


class TestTimeLimit:
    def test_an_open_task_past_its_time_limit_is_marked_overdue(self, office, tree):
        late = task(tree["dept_a"], "逾期", due_on=TODAY - dt.timedelta(days=1))
        page = office.get(LEDGER).content.decode()
        assert cell(page, late, "时限") == '2026-11-29 <span class="badge status-overdue">逾期</span>'

    @pytest.mark.parametrize(
        "due_on, status",
        [
            (TODAY, TaskStatus.OPEN),  # due by the end of today: not yet late
            (TODAY + dt.timedelta(days=1), TaskStatus.OPEN),
            (TODAY - dt.timedelta(days=30), TaskStatus.DONE),  # a done task is never overdue
        ],
    )
    def test_a_task_on_time_or_done_is_not_marked(self, office, tree, due_on, status):
        on_time = task(tree["dept_a"], "按时", due_on=due_on, status=status)
        page = office.get(LEDGER).content.decode()
        assert cell(page, on_time, "时限") == due_on.isoformat()

    @pytest.mark.today("2026-12-21")
    def test_overdue_is_decided_by_the_page_today(self, office, tree):
        due = task(tree["dept_a"], "到期", due_on=dt.date(2026, 12, 15))
        page = office.get(LEDGER).content.decode()
        assert "逾期</span>" in cell(page, due, "时限")
        assert "今天 2026-12-21" in page

    def test_a_task_without_a_time_limit_shows_undecided(self, office, tree):
        undated = task(tree["dept_a"], "无时限")
        page = office.get(LEDGER).content.decode()
        assert cell(page, undated, "时限") == '<span class="muted">未定</span>'
