"""Error pages a person meets are Chinese, in the portal layout on public paths and in the workbench
layout on staff paths, and never Django's English or debug pages (issue 11, item 8)."""

import re

import pytest
from django.test import Client

from gongkai.testing import PASSWORD

ENGLISH = re.compile(r"Not Found|Forbidden|Server Error|Bad Request|CSRF verification|requested resource")


def page_of(response) -> str:
    html = response.content.decode()
    assert not ENGLISH.search(html), html[:500]
    return html


def test_an_unknown_public_page_is_a_chinese_404_in_the_portal_layout(client, tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = page_of(response)
    assert "<h1>页面不存在</h1>" in html
    assert 'aria-label="主导航"' in html and "返回首页" in html
    assert "工作台导航" not in html


def test_a_missing_record_says_what_was_not_found(client, tree):
    html = page_of(client.get("/catalog/items/000000002/2024-99999/"))
    assert "未找到该政府信息。" in html


def test_a_staff_page_that_does_not_exist_is_a_404_in_the_workbench_layout(client, staff):
    client.force_login(staff["handler_a"])
    response = client.get("/workbench/catalog/999999/")
    assert response.status_code == 404
    html = page_of(response)
    assert "<h1>页面不存在</h1>" in html and 'aria-label="工作台导航"' in html and "返回工作台首页" in html
    assert 'aria-label="主导航"' not in html


def test_a_forbidden_act_is_a_chinese_403_in_the_workbench_layout(client, staff):
    client.force_login(staff["handler_a"])
    response = client.get("/workbench/catalog/settings/")
    assert response.status_code == 403
    html = page_of(response)
    assert "<h1>没有访问权限</h1>" in html and "目录设置须由机构管理员修改。" in html
    assert 'aria-label="工作台导航"' in html


def test_permission_denied_renders_the_403_page_with_the_message(rf, staff):
    from django.core.exceptions import PermissionDenied

    from gongkai.core.error_pages import permission_denied

    request = rf.get("/workbench/catalog/")
    request.user = staff["handler_a"]
    response = permission_denied(request, PermissionDenied("当前角色无权执行此操作（需要审核人）"))
    html = page_of(response)
    assert response.status_code == 403
    assert "<h1>没有访问权限</h1>" in html and "当前角色无权执行此操作（需要审核人）。" in html


def test_an_expired_form_is_a_chinese_page_not_the_raw_csrf_page(tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/workbench/login/", {"username": "handler_a", "password": PASSWORD})
    assert response.status_code == 403
    html = page_of(response)
    assert "页面已过期，请重新提交" in html and "Cookie" in html


def test_a_bad_request_is_a_chinese_400(client, tree):
    response = client.get("/", HTTP_HOST="evil.example")  # not an allowed host
    assert response.status_code == 400
    assert "<h1>请求无法处理</h1>" in page_of(response)


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize(("path", "layout"), [("/broken/", "主导航"), ("/workbench/broken/", "工作台导航")])
def test_a_bug_is_a_chinese_500_in_the_layout_of_its_side(staff, path, layout):
    client = Client(raise_request_exception=False)
    client.force_login(staff["handler_a"])
    response = client.get(path)
    assert response.status_code == 500
    html = page_of(response)
    assert "<h1>系统暂时出错</h1>" in html and f'aria-label="{layout}"' in html


def test_the_api_keeps_its_json_errors(client, tree):
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404 and response.json()["error"]["code"]
