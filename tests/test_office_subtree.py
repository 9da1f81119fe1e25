"""The disclosure office (政务公开办, a role at the city government reaching every agency below it)
sees the whole subtree in the workbench lists — applications, items and annual reports — with the
agency as a column and a filter; staff of one department keep seeing their department only."""

import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from gongkai.applications.tests.factories import TODAY, received_application
from gongkai.catalog import services as catalog_services
from gongkai.core.system import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications(tree):
    return {
        name: received_application(tree[name], "2026-02-10", description=f"{tree[name].name}的申请")
        for name in ("dept_a", "dept_b", "town")
    }


def as_user(client, staff, username):
    client.force_login(staff[username])
    return client


def test_the_office_lists_the_applications_of_every_agency_below_it(client, staff, tree, applications):
    office = as_user(client, staff, "office")
    page = office.get(reverse("applications_staff:index"))
    assert {row["id"] for row in page.context["rows"]} == {app.pk for app in applications.values()}
    html = page.content.decode()
    assert '<th scope="col">机构</th>' in html
    for name in ("dept_a", "dept_b", "town"):
        assert f'<td data-field="agency">{tree[name].name}</td>' in html
    filtered = office.get(reverse("applications_staff:index"), {"agency": "dept-b"})
    assert [row["id"] for row in filtered.context["rows"]] == [applications["dept_b"].pk]


def test_a_departments_handler_still_sees_the_department_only_without_an_agency_column(
    client, staff, applications
):
    handler = as_user(client, staff, "handler_a")
    page = handler.get(reverse("applications_staff:index"))
    assert [row["id"] for row in page.context["rows"]] == [applications["dept_a"].pk]
    assert 'data-field="agency"' not in page.content.decode() and "agency" not in page.context["form"].fields
    # Naming another agency in the query changes nothing (the filter is not offered to them).
    page = handler.get(reverse("applications_staff:index"), {"agency": "dept-b"})
    assert [row["id"] for row in page.context["rows"]] == [applications["dept_a"].pk]


def test_the_office_lists_the_items_of_every_agency_below_it(client, staff, tree):
    for name in ("dept_a", "town"):
        catalog_services.create_item(
            actor=SYSTEM,
            agency=tree[name],
            title=f"{tree[name].name}的通知",
            genre="notice",
            formed_on=dt.date(2026, 2, 10),
            body="正文",
        )
    office = as_user(client, staff, "office")
    html = office.get(reverse("catalog_staff:list")).content.decode()
    assert "测试市甲局的通知" in html and "测试镇人民政府的通知" in html
    assert re.search(rf'<td [^>]*data-field="agency"[^>]*>{tree["town"].name}</td>', html)
    html = office.get(reverse("catalog_staff:list"), {"agency": "town"}).content.decode()
    assert "测试镇人民政府的通知" in html and "测试市甲局的通知" not in html
    html = as_user(client, staff, "handler_b").get(reverse("catalog_staff:list")).content.decode()
    assert "的通知" not in html and 'data-field="agency"' not in html


@pytest.mark.today("2026-06-15")
def test_the_office_sees_each_agencys_annual_report_and_opens_its_live_figures(
    client, staff, tree, applications
):
    office = as_user(client, staff, "office")
    index = office.get(reverse("reports_staff:index"))
    html = index.content.decode()
    assert "<title>年度报告" in html and "<table" not in html.split("<title>")[1].split("</title>")[0]
    assert [row["agency"].code for row in index.context["subtree"]] == ["city", "dept-a", "dept-b", "town"]
    report = office.get(reverse("reports_staff:report", args=[2026]), {"agency": "dept-b"})
    assert report.status_code == 200
    assert report.context["doc"]["agency_name"] == tree["dept_b"].name
    assert report.context["other_agency"] == tree["dept_b"] and not report.context["can_manage"]
    # The download links give the report on the page, not the switcher's agency's.
    assert report.context["download_query"] == "agency=dept-b"
    download = office.get(reverse("reports_staff:download", args=[2026, "xlsx"]), {"agency": "dept-b"})
    assert download.status_code == 200
    assert quote(tree["dept_b"].name) in download["Content-Disposition"]
    # Staff of one department cannot open another department's report this way.
    handler = as_user(client, staff, "handler_a")
    assert handler.get(reverse("reports_staff:report", args=[2026]), {"agency": "dept-b"}).status_code == 404
    assert not handler.get(reverse("reports_staff:index")).context["subtree"]


def test_the_offices_todo_covers_the_agencies_below_it(staff, tree):
    from gongkai.applications.todos import applications_todo

    overdue = received_application(tree["dept_b"], "2026-02-10")
    items = applications_todo(user=staff["office"], agency=tree["city"], today=TODAY)
    assert any(str(overdue.pk) in item.url for item in items)
    assert not applications_todo(user=staff["handler_a"], agency=tree["dept_a"], today=TODAY)


def test_the_api_lists_the_subtree_with_scope_tree(api, tree, applications):
    office = api("office")
    own = office.get("/applications", agency="city").json()
    assert own["total"] == 0
    subtree = office.get("/applications", agency="city", scope="tree").json()
    assert {row["agency"] for row in subtree["results"]} == {"dept-a", "dept-b", "town"}
    assert api("handler_a").get("/applications", agency="dept-a", scope="tree").json()["total"] == 1
