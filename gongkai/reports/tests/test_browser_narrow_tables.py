"""In a browser 375 px wide: the annual report's tables, on the report page and in its catalogue
copy, say that they scroll, can be scrolled from the keyboard, and keep their row headings readable;
the charts are drawn whole within the screen."""

import datetime as dt

import pytest

from gongkai.catalog.models import Item
from gongkai.reports import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 375
YEAR = 2025
HINT = "左右滑动查看全表"
# The narrowest row heading and whether the box says it scrolls (the ::before hint tables.css draws).
TABLE_STATE = """box => ({
  scrolls: box.scrollWidth > box.clientWidth,
  hint: getComputedStyle(box, "::before").content,
  focusable: box.tabIndex === 0,
  name: box.getAttribute("aria-label"),
  narrowestHeading: Math.min(...[...box.querySelectorAll("th[scope=row]:not([rowspan])")]
    .map(th => th.getBoundingClientRect().width)),
})"""


@pytest.fixture
def report(tree, staff):
    services.save_inputs(tree["dept_a"], YEAR, actor=staff["admin_a"], licensing_decisions=12)
    return services.publish_report(tree["dept_a"], YEAR, actor=staff["admin_a"], on=dt.date(2026, 1, 20))


def applications_table_box(page):
    return page.get_by_role("region", name="收到和处理政府信息公开申请情况")


@pytest.mark.parametrize("where", ["report", "catalogue"])
def test_a_wide_report_table_says_it_scrolls_on_a_phone(live_server, page, report, where):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    path = "/reports/dept-a/2025/"
    if where == "catalogue":
        path = Item.objects.get(pk=report.catalog_item_id).get_absolute_url()
    page.goto(live_server.url + path)
    box = applications_table_box(page)
    state = box.evaluate(TABLE_STATE)
    assert state["scrolls"] and HINT in state["hint"]
    assert state["focusable"] and state["name"] == "收到和处理政府信息公开申请情况"
    assert state["narrowestHeading"] >= 70  # some five characters a line, not one or two
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle())  # on towards 总计
    assert page.console_errors == []


def test_at_desktop_width_the_tables_fit_and_say_nothing(live_server, page, report):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/reports/dept-a/2025/")
    state = applications_table_box(page).evaluate(TABLE_STATE)
    assert not state["scrolls"] and state["hint"] == "none"



def test_the_charts_are_drawn_whole_within_the_screen(live_server, page, report):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.goto(live_server.url + "/reports/dept-a/2025/")
    for index in range(2):
        figure = page.locator(".report-charts figure").nth(index)
        chart = figure.locator("svg.report-chart").bounding_box()
        box = figure.bounding_box()
        assert chart["x"] >= box["x"] and chart["x"] + chart["width"] <= box["x"] + box["width"] + 0.5
        assert chart["x"] + chart["width"] <= WIDTH
