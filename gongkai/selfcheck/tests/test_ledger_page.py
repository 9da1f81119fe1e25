"""The rectification ledger page (整改台账): its order, the status filter, the 逾期 badge and 未定,
on SQLite and PostgreSQL alike."""

import datetime as dt
import re

import pytest

from gongkai.selfcheck import selectors
from gongkai.selfcheck.models import RectificationTask
from gongkai.selfcheck.vocabulary import TaskStatus

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
