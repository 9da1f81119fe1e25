"""In a browser: a citizen writes a consultation, staff transfer it, the other agency replies and
publishes it, the citizen rates the reply, and the public list shows it without name or phone."""

import pytest
from captcha.models import CaptchaStore

from gongkai.agencies.models import Role
from gongkai.testing import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME, PHONE = "欧阳留言", "13912345678"


def log_in(page, live_server, username):
    page.goto(live_server.url + "/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/workbench/")


def open_message(page, code):
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="互动交流").click()
    page.get_by_role("link", name=code).click()


def test_consultation_transferred_replied_published_rated_and_listed(live_server, page, staff, tree):
    make_user("reviewer_b", agency=tree["dept_b"], role=Role.REVIEWER)

    page.goto(live_server.url + "/interaction/")
    page.get_by_role("link", name="我要留言").first.click()
    page.get_by_label("咨询", exact=True).check()
    page.get_by_label("留言对象").select_option(value=str(tree["dept_a"].pk))
    page.get_by_label("标题").fill("老年人乘车优惠卡怎么办理")
    page.get_by_label("留言内容").fill("请问老年人乘车优惠卡在哪里办理，需要什么材料？")
    page.get_by_role("textbox", name="姓名", exact=True).fill(NAME)
    page.get_by_role("textbox", name="联系电话", exact=True).fill(PHONE)
    page.get_by_label("同意公开我的留言和答复").check()
    key = page.locator('input[name="captcha_0"]').input_value()
    page.get_by_role("textbox", name="验证码", exact=True).fill(
        CaptchaStore.objects.get(hashkey=key).response
    )
    page.get_by_role("button", name="提交留言").click()
    page.wait_for_url("**/interaction/receipt/**")
    code = page.locator("[data-tracking-code]").inner_text().strip()
    assert len(code) == 12

    staff_a = page.context.new_page()
    log_in(staff_a, live_server, "handler_a")
    open_message(staff_a, code)
    transfer = staff_a.locator('form[data-action="transfer"]')
    transfer.get_by_label("转办机构").select_option(value=str(tree["dept_b"].pk))
    transfer.get_by_label("说明").fill("属乙局职责，请办理")
    transfer.get_by_role("button", name="转办").click()
    staff_a.wait_for_url(live_server.url + "/workbench/interaction/#top")
    assert code not in staff_a.content()

    staff_b = page.context.browser.new_context(locale="zh-CN").new_page()
    log_in(staff_b, live_server, "reviewer_b")
    open_message(staff_b, code)
    reply = staff_b.locator('form[data-action="reply"]')
    reply.get_by_label("答复内容").fill("请携带身份证到市民中心二楼窗口办理。")
    reply.get_by_role("button", name="答复", exact=True).click()
    assert staff_b.locator("[data-state]").get_attribute("data-state") == "replied"
    staff_b.locator('form[data-action="publish"]').get_by_role("button", name="公开").click()
    assert "已于" in staff_b.locator('[data-field="published"]').inner_text()
    assert [item.get_attribute("data-event") for item in staff_b.locator("[data-event]").all()] == [
        "submit",
        "transfer",
        "reply",
        "publish",
    ]

    page.goto(live_server.url + "/interaction/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert "市民中心二楼" in page.locator('[data-field="reply"]').inner_text()
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    assert page.locator('[data-field="rating"]').inner_text() == "满意"

    page.goto(live_server.url + "/interaction/messages/")
    listed = page.locator("[data-message]").first
    assert "老年人乘车优惠卡怎么办理" in listed.inner_text()
    assert "测试市乙局" in listed.inner_text()  # the replying agency
    assert NAME not in page.content() and PHONE not in page.content()
    assert (
        page.console_errors == [] and staff_b.console_errors if hasattr(staff_b, "console_errors") else True
    )
