"""In a browser 375 px wide: the staff pages of 办事指南 fit the screen."""

import pytest

from gongkai.testing import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 375, "height": 800}


def test_an_empty_standard_catalogue_says_so_within_a_narrow_screen(live_server, page, tree, staff):
    page.set_viewport_size(NARROW)
    sign_in_browser(page, live_server, "handler_a")
    page.goto(live_server.url + "/workbench/guides/standard/")
    notice = page.get_by_text("尚未导入标准目录，或没有本级主动公开的事项")
    assert notice.is_visible()
    assert notice.bounding_box()["x"] + notice.bounding_box()["width"] <= NARROW["width"]
