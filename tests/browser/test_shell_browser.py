"""What a person sees in a browser: the portal's landmarks and the workbench sign-in."""

import pytest

from gongkai.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_landmarks_skip_link_and_large_font(live_server, page, tree):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("navigation", name="主导航").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.get_by_role("link", name="测试市甲局").is_visible()

    # The first Tab reaches the skip link, which moves focus to the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    # The large-font toggle enlarges the text and is remembered on the next page.
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    toggle = page.get_by_role("button", name="大字版")
    toggle.click()
    assert page.get_by_role("button", name="标准版").get_attribute("aria-pressed") == "true"
    after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert after >= before * 1.2
    page.goto(live_server.url + "/agencies/dept-a/")
    assert page.evaluate("document.documentElement.classList.contains('large-font')")
    assert page.console_errors == []  # nothing blocked by the CSP, no script errors


def test_workbench_login_page_landmarks_and_sign_in(live_server, page, staff):
    page.goto(live_server.url + "/workbench/")
    assert page.url.startswith(live_server.url + "/workbench/login/")
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    page.get_by_label("用户名").fill("handler_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/workbench/")
    assert page.get_by_role("heading", name="待办").is_visible()
    assert page.get_by_role("navigation", name="工作台导航").count() == 1
    assert page.get_by_label("当前机构").input_value() == str(
        staff["handler_a"].memberships.first().agency_id
    )


def test_narrow_screen_keeps_navigation_usable(live_server, page, tree):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    nav_links = page.get_by_role("navigation", name="主导航").get_by_role("link")
    assert nav_links.count() >= 2
    for index in range(nav_links.count()):
        box = nav_links.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
