"""A reviewer pastes a draft into 发布前审查 and sees what must go before publication."""

import pytest
from playwright.sync_api import expect

from gongkai.testing import PASSWORD, sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = (
    "秘密★1年\n关于张三同志的情况通报\n"
    "张三，身份证号11010519491231002X，手机138 1234 5678，邮箱zhang@example.com。\n"
    "统一社会信用代码91350100M000100Y43，发布日期2018-01-31。"
)


def test_staff_paste_a_draft_and_see_findings_highlighted_and_listed(live_server, page, staff):
    page.goto(live_server.url + "/workbench/")
    page.get_by_label("用户名").fill("reviewer_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/workbench/")

    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="发布前审查").click()
    page.wait_for_url(live_server.url + "/workbench/screening/")
    page.get_by_label("待审查文本").fill(DRAFT)
    page.get_by_role("button", name="开始审查").click()

    status = page.get_by_role("status").first
    assert "发现 4 处" in status.inner_text() and "其中 3 处阻止发布" in status.inner_text()
    marks = page.locator("mark.finding")
    assert marks.count() == 4
    assert marks.nth(1).inner_text() == "11010519491231002X"
    assert marks.nth(1).get_attribute("title") == "110105********002X"
    assert "finding-block" in marks.nth(2).get_attribute("class")
    assert "finding-warn" in marks.nth(3).get_attribute("class")
    rows = page.get_by_role("table", name="审查发现").locator("tbody tr")
    assert rows.count() == 4
    assert "居民身份证号码" in rows.nth(1).inner_text()
    # The highlighted block keeps the pasted text as text (no markup from it) and wears the CSS.
    background = marks.nth(1).evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 0)")
    assert page.get_by_label("待审查文本").input_value() == DRAFT
    assert page.console_errors == []


def test_on_a_phone_the_findings_are_cards_and_the_page_never_scrolls_sideways(live_server, page, staff):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in_browser(page, live_server, "reviewer_a")
    page.goto(live_server.url + "/workbench/screening/")
    page.get_by_label("待审查文本").fill(DRAFT)
    page.get_by_role("button", name="开始审查").click()

    expect(page.locator("table.screening-list tbody tr")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Each finding reads as labelled lines, and the caption is one line, not a column of characters.
    assert page.locator("table.screening-list td[data-label='说明']").first.is_visible()
    caption = page.locator("table.screening-list caption").bounding_box()
    assert caption["width"] > 300 and caption["height"] < 60
