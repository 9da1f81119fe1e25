"""In a browser: a wrong address and an expired form end on Chinese pages in the site's layout."""

import pytest

from gongkai.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_wrong_address_shows_the_chinese_404_with_the_portal_navigation(live_server, page, tree):
    response = page.goto(live_server.url + "/catalog/items/000000002/2024-99999/")
    assert response.status == 404
    assert page.get_by_role("heading", name="页面不存在").is_visible()
    assert page.get_by_role("navigation", name="主导航").is_visible()
    page.get_by_role("link", name="政府信息公开目录").last.click()
    page.wait_for_url(live_server.url + "/catalog/")
    page.get_by_role("heading", name="政府信息公开目录").wait_for()


def test_a_staff_address_that_does_not_exist_keeps_the_workbench_around(live_server, page, staff):
    page.goto(live_server.url + "/workbench/login/")
    page.get_by_label("用户名").fill("handler_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/workbench/")
    response = page.goto(live_server.url + "/workbench/catalog/999999/")
    assert response.status == 404
    assert page.get_by_role("heading", name="页面不存在").is_visible()
    assert page.get_by_role("navigation", name="工作台导航").is_visible()
    page.get_by_role("link", name="返回工作台首页").click()
    page.wait_for_url(live_server.url + "/workbench/")
    page.get_by_role("heading", name="待办").wait_for()


def test_an_expired_sign_in_form_explains_itself_in_chinese(live_server, page, staff):
    page.goto(live_server.url + "/workbench/login/")
    page.context.clear_cookies()  # the form's security token has expired meanwhile
    page.get_by_label("用户名").fill("handler_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="页面已过期，请重新提交").wait_for()
    assert "CSRF" not in page.content()
