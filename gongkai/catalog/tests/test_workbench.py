"""Workbench pages: draft form, screening findings highlighted, reviewer override, validity."""

import datetime as dt

import pytest

from gongkai.catalog.models import Item
from gongkai.workbench import registry

FORM = {
    "title": "关于办事指南的通知",
    "genre": "notice",
    "formed_on": "2024-09-20",
    "disclosure": "proactive",
    "body": "咨询电话13812345678，欢迎来电。",
    "publication_modes": ["website"],
}


@pytest.fixture
def login(client, staff):
    def as_user(name):
        client.force_login(staff[name])
        return client

    return as_user


def test_handler_drafts_an_item_with_the_form(login):
    client = login("handler_a")
    response = client.post("/workbench/catalog/new/", FORM)
    assert response.status_code == 302
    item = Item.objects.get()
    assert item.state == "draft" and item.agency.code == "dept-a"
    page = client.get(response["Location"]).content.decode()
    assert 'data-kind="mobile" title="138****5678">13812345678</mark>' in page
    assert "发布须由审核人操作" in page


def test_publication_blocked_then_reviewer_overrides_with_a_reason(login, draft):
    item = draft(body=FORM["body"])
    client = login("reviewer_a")
    blocked = client.post(f"/workbench/catalog/{item.pk}/publish/", {"date": "2024-09-27"})
    assert blocked.status_code == 409
    html = blocked.content.decode()
    assert "data-findings" in html and "放行理由" in html
    item.refresh_from_db()
    assert item.state == "draft"
    done = client.post(
        f"/workbench/catalog/{item.pk}/publish/",
        {"date": "2024-09-27", "override_reason": "单位咨询电话，应当公开"},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.state == "published" and item.index_no


def test_staff_of_another_agency_cannot_open_the_item(login, draft):
    item = draft()
    assert login("handler_b").get(f"/workbench/catalog/{item.pk}/").status_code == 404


def test_reviewer_abolishes_a_published_item(login, published):
    item = published()
    client = login("reviewer_a")
    client.post(f"/workbench/catalog/{item.pk}/abolish/", {"date": "2024-12-02"})
    item.refresh_from_db()
    assert item.validity == "abolished"


def test_list_shows_own_agency_items(login, draft, tree):
    draft(title="甲局草稿")
    draft(title="乙局草稿", agency=tree["dept_b"])
    html = login("handler_a").get("/workbench/catalog/").content.decode()
    assert "甲局草稿" in html and "乙局草稿" not in html


def test_unpublished_proactive_items_appear_as_todos_with_their_due_day(draft, staff, tree):
    draft(formed_on=dt.date(2024, 9, 20))
    todos = registry.todos(staff["handler_a"], tree["dept_a"], dt.date(2024, 10, 21))
    mine = [todo for todo in todos if todo.kind == "主动公开"]
    assert mine and mine[0].due_on == dt.date(2024, 10, 23) and mine[0].days_left == 2
