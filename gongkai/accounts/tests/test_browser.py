"""In a browser: signing in with a code from an authenticator app, and binding one by QR code."""

from base64 import b32decode

import pytest

from gongkai.accounts import two_factor
from gongkai.testing import PASSWORD, TOTP_TEST_KEY, enrol_for_tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def type_password(page, live_server, username):
    page.goto(live_server.url + "/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_the_office_signs_in_with_a_totp_code(live_server, page, staff):
    enrol_for_tests(staff["office"])
    type_password(page, live_server, "office")
    page.wait_for_url("**/workbench/account/verify/**")
    assert page.get_by_role("navigation", name="工作台导航").count() == 0  # nothing before the code

    page.get_by_label("验证码").fill(two_factor.code_now(TOTP_TEST_KEY))
    page.get_by_role("button", name="验证").click()
    page.wait_for_url(live_server.url + "/workbench/")
    assert page.get_by_role("heading", name="待办").is_visible()
    assert page.console_errors == []


def test_an_agency_admin_binds_an_authenticator_by_its_qr_code_at_first_sign_in(live_server, page, staff):
    type_password(page, live_server, "admin_a")
    page.wait_for_url("**/workbench/account/two-factor/**")
    qr_code = page.get_by_role("img", name="身份验证器绑定二维码")
    assert qr_code.is_visible() and qr_code.evaluate("image => image.naturalWidth") > 100
    secret = page.locator("code.token-secret").inner_text().replace(" ", "")
    key = b32decode(secret).hex()

    page.get_by_label("应用显示的6位验证码").fill(two_factor.code_now(key))
    page.get_by_role("button", name="完成绑定").click()
    page.get_by_role("heading", name="恢复码").wait_for()
    assert page.locator(".recovery-codes li").count() == 10
    page.get_by_role("link", name="我已保存，继续").click()
    page.wait_for_url(live_server.url + "/workbench/")
    assert page.get_by_role("heading", name="待办").is_visible()
    assert page.console_errors == []
