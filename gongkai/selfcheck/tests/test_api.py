"""GET /selfcheck/{agency} and GET /clocks (API.md, "Self-check and clocks")."""

import datetime as dt

import pytest

from gongkai.selfcheck.tests.factories import application, item, message
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db


def test_selfcheck_of_an_agency(tree, api):
    late = application(tree["dept_a"], state="concluded", concluded_on=dt.date(2026, 10, 1), late=True)
    response = api("handler_a").get("/selfcheck/dept-a")
    assert response.status_code == 200
    body = response.json()
    assert {"agency", "date", "score", "verdict", "vetoes", "indicators"} <= set(body)
    assert body["agency"] == "dept-a" and body["date"] == "2026-11-30"
    assert body["verdict"] == "fail" and "columns_blank" in body["vetoes"]
    indicator = next(entry for entry in body["indicators"] if entry["code"] == "application_late")
    assert {
        "code",
        "name",
        "status",
        "count",
        "deduction",
        "records",
        "rule",
        "source",
        "next_change_on",
    } <= set(indicator)
    assert (indicator["status"], indicator["count"], indicator["deduction"]) == ("fail", 1, 6)
    assert indicator["records"] == [
        {
            "type": "application",
            "id": late.pk,
            "label": f"{late.tracking_code} {late.description}",
            "url": f"/workbench/apply/{late.pk}/",
        }
    ]


def test_tree_scope_and_date(tree, api):
    body = api("office").get("/selfcheck/city", scope="tree", date="2026-11-20").json()
    assert body["date"] == "2026-11-20"
    assert sorted(body["agencies"]) == ["city", "dept-a", "dept-b", "town"]


def test_other_agencies_and_bad_input(tree, api):
    assert api("handler_b").get("/selfcheck/dept-a").status_code == 404
    assert api().get("/selfcheck/dept-a").status_code == 401
    response = api("handler_a").get("/selfcheck/dept-a", scope="world")
    assert response.status_code == 422 and error_code(response) == "invalid_scope"
    assert api("handler_a").get("/selfcheck/nowhere").status_code == 404


@pytest.mark.parametrize("date", ["0001-01-01", "0001-12-31", "1999-12-31", "2101-01-01", "9999-12-31"])
def test_a_date_no_indicator_can_look_back_from_is_422_not_a_500(tree, api, date):
    for path, params in (("/selfcheck/dept-a", {}), ("/selfcheck/city", {"scope": "tree"})):
        response = api("office").get(path, date=date, **params)
        assert response.status_code == 422 and error_code(response) == "validation_error", response.content
    response = api("office").get("/selfcheck/city/ranking", date=date)
    assert response.status_code == 422 and error_code(response) == "validation_error"


def test_ranking(tree, api):
    body = api("office").get("/selfcheck/city/ranking").json()
    assert [entry["rank"] for entry in body] == [1, 2, 3, 4]


def test_clocks_sorted_by_due_date_unknown_first(tree, api):
    later = application(tree["dept_a"], due_on=dt.date(2026, 12, 20))
    sooner = application(tree["dept_a"], due_on=dt.date(2026, 12, 2))
    unknown = application(tree["dept_a"], due_on=None)
    reply = message(tree["dept_a"], due_on=dt.date(2026, 12, 10))
    draft = item(tree["dept_a"], formed_on=dt.date(2026, 11, 16))
    application(tree["dept_b"], due_on=dt.date(2026, 12, 1))  # another agency
    body = api("handler_a").get("/clocks", agency="dept-a").json()
    keys = [(entry["object_type"], entry["object_id"]) for entry in body]
    assert keys[0] == ("application", unknown.pk)
    assert body[0]["due_on"] is None and "节假日安排未确认" in body[0]["explanation"]
    assert (
        keys.index(("application", sooner.pk))
        < keys.index(("message", reply.pk))
        < keys.index(("application", later.pk))
    )
    assert ("item", draft.pk) in keys
    dated = [entry["due_on"] for entry in body if entry["due_on"]]
    assert dated == sorted(dated)
    entry = body[keys.index(("application", sooner.pk))]
    assert {"kind", "object_type", "object_id", "label", "due_on", "days_left", "explanation"} <= set(entry)
    assert (entry["kind"], entry["due_on"], entry["days_left"]) == ("application_reply", "2026-12-02", 2)
    assert all(entry["agency"] == "dept-a" for entry in body)


def test_clocks_of_the_subtree_for_the_office(tree, api):
    application(tree["dept_b"], due_on=dt.date(2026, 12, 1))
    body = api("office").get("/clocks", agency="city", scope="tree").json()
    assert "dept-b" in {entry["agency"] for entry in body}
    assert api("handler_a").get("/clocks", agency="dept-b").status_code == 404


def test_a_second_open_rectification_for_the_same_finding_is_409(tree, api):
    payload = {"agency": "dept-a", "indicator": "columns_blank", "measures": "补充内容", "due_on": "2026-12-31"}
    first = api("handler_a").post("/rectifications", payload)
    assert first.status_code == 201
    again = api("handler_a").post("/rectifications", payload)
    assert again.status_code == 409 and error_code(again) == "task_already_open"
    assert again.json()["error"]["details"] == {"indicator": "columns_blank", "task": first.json()["id"]}
