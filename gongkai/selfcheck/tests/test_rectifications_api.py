"""GET /rectifications: the ledger as a list of API.md's general rule (``?page=&size=`` →
``{total, page, size, results}``, size ≤ 100), filtered by agency, scope and status."""

import datetime as dt

import pytest

from gongkai.selfcheck.tests.factories import tasks
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db


def ids(body) -> list[int]:
    return [task["id"] for task in body["results"]]


def test_the_ledger_comes_twenty_tasks_a_page_with_the_total(tree, api):
    created = tasks(tree["dept_a"], 45, due_on=dt.date(2026, 12, 31))
    pages = [
        api("handler_a").get("/rectifications", agency="dept-a", page=page).json() for page in (1, 2, 3, 4)
    ]
    shapes = [(body["total"], body["page"], body["size"], len(body["results"])) for body in pages]
    assert shapes == [(45, 1, 20, 20), (45, 2, 20, 20), (45, 3, 20, 5), (45, 4, 20, 0)]
    assert [task_id for body in pages for task_id in ids(body)] == [task.pk for task in created]


def test_a_page_holds_up_to_one_hundred_tasks(tree, api):
    tasks(tree["dept_a"], 120)
    body = api("handler_a").get("/rectifications", agency="dept-a", size=100).json()
    assert (body["total"], body["size"], len(body["results"])) == (120, 100, 100)
    assert (
        len(api("handler_a").get("/rectifications", agency="dept-a", size=100, page=2).json()["results"])
        == 20
    )


@pytest.mark.parametrize(
    "params",
    [{"size": 101}, {"size": 0}, {"page": 0}, {"page": -1}, {"size": "abc"}, {"page": "二"}],
    ids=["size 101", "size 0", "page 0", "page -1", "size abc", "page 二"],
)
def test_a_page_or_size_out_of_range_is_refused_in_chinese(tree, api, params):
    response = api("handler_a").get("/rectifications", agency="dept-a", **params)
    assert response.status_code == 422 and error_code(response) == "validation_error", response.content
    assert response.json()["error"]["message"].startswith("请求参数不正确")


def test_open_tasks_come_first_then_by_due_date_with_undated_tasks_last(tree, api):
    undated = tasks(tree["dept_a"], 1)
    later = tasks(tree["dept_a"], 1, due_on=dt.date(2026, 12, 31))
    sooner = tasks(tree["dept_a"], 1, due_on=dt.date(2026, 12, 15))
    done = tasks(
        tree["dept_a"], 1, status="done", due_on=dt.date(2026, 12, 1), closed_on=dt.date(2026, 11, 20)
    )
    body = api("handler_a").get("/rectifications", agency="dept-a").json()
    assert ids(body) == [task.pk for task in sooner + later + undated + done]


def test_the_status_filter_counts_only_tasks_in_that_state(tree, api):
    tasks(tree["dept_a"], 23)
    tasks(tree["dept_a"], 4, status="done", closed_on=dt.date(2026, 11, 20))
    client = api("handler_a")
    open_tasks = client.get("/rectifications", agency="dept-a", status="open").json()
    assert open_tasks["total"] == 23 and {task["status"] for task in open_tasks["results"]} == {"open"}
    done = client.get("/rectifications", agency="dept-a", status="done").json()
    assert done["total"] == 4 and {task["status"] for task in done["results"]} == {"done"}
    assert client.get("/rectifications", agency="dept-a").json()["total"] == 27


def test_an_unknown_status_is_refused_naming_the_states(tree, api):
    response = api("handler_a").get("/rectifications", agency="dept-a", status="closed")
    assert response.status_code == 422 and error_code(response) == "invalid_status"
    error = response.json()["error"]
    assert "open（整改中）" in error["message"] and "done（已完成）" in error["message"]
    assert error["details"] == {"status": "closed"}


def test_an_unknown_scope_is_refused(tree, api):
    response = api("handler_a").get("/rectifications", agency="dept-a", scope="world")
    assert response.status_code == 422 and error_code(response) == "invalid_scope"


def test_staff_of_another_agency_are_told_it_does_not_exist(tree, api):
    tasks(tree["dept_a"], 3)
    tasks(tree["dept_b"], 2)
    response = api("handler_b").get("/rectifications", agency="dept-a")
    assert response.status_code == 404 and error_code(response) == "not_found"
    own = api("handler_b").get("/rectifications", agency="dept-b").json()
    assert own["total"] == 2 and {task["agency"] for task in own["results"]} == {"dept-b"}
    assert api("handler_a").get("/rectifications", agency="city").status_code == 404
    assert api().get("/rectifications", agency="dept-a").status_code == 401


def test_the_office_counts_its_subtree_or_its_own_agency(tree, api):
    tasks(tree["city"], 1)
    tasks(tree["dept_a"], 30)
    tasks(tree["dept_b"], 2)
    subtree = api("office").get("/rectifications", agency="city", size=100).json()
    assert subtree["total"] == 33
    assert {task["agency"] for task in subtree["results"]} == {"city", "dept-a", "dept-b"}
    assert api("office").get("/rectifications", agency="city", scope="agency").json()["total"] == 1
