"""In a browser 375 px wide: the annual report's charts stay readable (text 12 px and up)."""

import pytest

from gongkai.testing import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RENDERED_FONT_SIZES = """svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
}"""


def test_the_report_charts_are_readable_on_a_narrow_screen(live_server, page, tree, staff):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in_browser(page, live_server, "admin_a")
    page.goto(live_server.url + "/workbench/reports/2025/")
    charts = page.locator("svg.report-chart")
    assert charts.count() == 2
    for index in range(2):
        sizes = charts.nth(index).evaluate(RENDERED_FONT_SIZES)
        assert sizes and min(sizes) >= 12
        figure = page.locator(".report-charts figure").nth(index).bounding_box()
        assert figure["x"] + figure["width"] <= 375  # the chart scrolls inside its figure
