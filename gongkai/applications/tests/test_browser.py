"""In a browser: a citizen applies online, staff confirm receipt and reply, the citizen tracks it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from gongkai.applications import services
from gongkai.applications.tests.factories import received_application
from gongkai.core.system import SYSTEM
from gongkai.testing import PASSWORD, TODAY, sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ID_NUMBER = "11010519491231002X"


def fill_application(page, tree, id_number=ID_NUMBER):
    page.get_by_label("受理机关").select_option(value=str(tree["dept_a"].pk))
    page.get_by_label("公民", exact=True).check()
    page.get_by_label("姓名").fill("张三")
    page.get_by_label("证件号码").fill(id_number)
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("电子邮箱").fill("zhangsan@example.com")
    page.get_by_label("所需政府信息的名称").fill("2025年本机关财政预算执行情况")
    page.get_by_label("电子", exact=True).check()
    page.get_by_label("电子邮件", exact=True).check()


def test_citizen_applies_staff_reply_and_the_tracking_page_shows_the_reply_date(
    live_server, page, staff, tree
):
    today = TODAY.isoformat()
    page.goto(live_server.url + "/apply/")
    page.get_by_role("link", name="在线提交申请").click()
    fill_application(page, tree)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/apply/receipt/**")
    code = page.locator("[data-tracking-code]").inner_text().strip()
    assert len(code) == 12

    staff_page = page.context.new_page()
    staff_page.goto(live_server.url + "/workbench/")
    staff_page.get_by_label("用户名").fill("handler_a")
    staff_page.get_by_label("密码").fill(PASSWORD)
    staff_page.get_by_role("button", name="登录").click()
    staff_page.wait_for_url(live_server.url + "/workbench/")
    staff_page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="依申请公开").click()
    staff_page.get_by_role("link", name=code).click()
    staff_page.get_by_role("button", name="确认收到", exact=True).click()
    assert f"收到 {today}" in staff_page.locator("[data-deadline-explained]").inner_text()
    reply = staff_page.locator('form[data-action="reply"]')
    reply.get_by_label("处理结果").select_option(label="予以公开")
    reply.get_by_role("button", name="答复", exact=True).click()
    assert staff_page.locator("[data-state]").get_attribute("data-state") == "concluded"
    assert staff_page.get_by_role("link", name="PDF").count() == 1

    page.goto(live_server.url + "/apply/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.locator('[data-field="replied_on"]').inner_text() == today
    assert page.locator('[data-field="received_on"]').inner_text() == today
    assert page.locator('[data-field="outcome"]').inner_text() == "予以公开"
    assert "张三" not in page.content() and ID_NUMBER not in page.content()
    assert page.console_errors == []


def test_a_wrong_id_number_is_refused_with_a_chinese_message(live_server, page, tree):
    page.goto(live_server.url + "/apply/form/")
    fill_application(page, tree, id_number="110105194912310021")
    page.get_by_role("button", name="提交申请").click()
    error = page.locator("#field-id_number .errorlist")
    assert "居民身份证号码不正确" in error.inner_text()
    assert page.get_by_label("姓名").input_value() == "张三"


def test_the_organisation_switch_shows_the_organisation_fields(live_server, page, tree):
    page.goto(live_server.url + "/apply/form/")
    assert page.get_by_label("组织名称").is_hidden()
    page.get_by_label("法人或者其他组织").check()
    assert page.get_by_label("组织名称").is_visible()
    assert page.get_by_label("证件号码").is_hidden()
    assert page.console_errors == []


def log_in(page, live_server, username):
    sign_in_browser(page, live_server, username)  # with the second factor for the office
    page.wait_for_url(live_server.url + "/workbench/")


def test_a_reviewer_voids_a_wrong_reply_and_the_timeline_keeps_it_marked(live_server, page, staff, tree):
    application = received_application(tree["dept_a"], "2026-02-10")
    services.reply(application, actor=SYSTEM, on=dt.date(2026, 3, 10), outcome="disclosed", today=TODAY)
    log_in(page, live_server, "reviewer_a")
    page.goto(live_server.url + f"/workbench/apply/{application.pk}/")
    void = page.locator('form[data-action="void"]')
    assert "将作废“答复”（2026-03-10）" in void.inner_text()
    void.get_by_label("作废日期").fill("2026-03-11")
    void.get_by_label("作废理由").fill("答复录入到了错误的申请")
    void.get_by_role("button", name="作废办理环节").click()
    page.wait_for_url("**#timeline")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "received")
    reply = page.locator('#timeline li[data-event="reply"]')
    assert reply.get_attribute("data-voided") is not None
    assert "已作废" in reply.inner_text() and "答复录入到了错误的申请" in reply.inner_text()
    assert "文书（已作废，存档备查）" in reply.inner_text()
    assert (
        "作废办理环节：“答复”（2026-03-10）" in page.locator('#timeline li[data-event="void"]').inner_text()
    )
    assert page.console_errors == []


def test_the_disclosure_office_lists_and_filters_the_applications_below_it(live_server, page, staff, tree):
    for name in ("dept_a", "dept_b", "town"):
        received_application(tree[name], "2026-02-10")
    log_in(page, live_server, "office")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="依申请公开").click()
    page.wait_for_url("**/workbench/apply/")
    table = page.locator("table.applications-table")
    expect(table.get_by_role("columnheader", name="机构")).to_have_count(1)
    expect(table.locator('td[data-field="agency"]')).to_have_count(3)
    assert sorted(table.locator('td[data-field="agency"]').all_inner_texts()) == sorted(
        [tree["dept_a"].name, tree["dept_b"].name, tree["town"].name]
    )
    page.get_by_label("机构", exact=True).select_option(label=tree["town"].name)
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**agency=town**")
    expect(table.locator('td[data-field="agency"]')).to_have_text([tree["town"].name])
    assert page.console_errors == []


def test_a_handler_drafts_the_reply_and_a_reviewer_signs_it_off(live_server, page, browser, staff, tree):
    application = received_application(tree["dept_a"], on="2026-11-20")
    url = f"{live_server.url}/workbench/apply/{application.pk}/"
    sign_in_browser(page, live_server, "handler_a")
    page.goto(url)
    draft = page.locator('form[data-action="draft_reply"]')
    draft.get_by_label("处理结果").select_option(label="无法提供：本机关不掌握相关政府信息")
    draft.get_by_label("理由（写入答复告知书）").fill("本机关未制作、未保存该信息")
    draft.get_by_role("button", name="答复稿送审").click()
    expect(page.locator("[data-pending-draft]")).to_contain_text("等待审核人签发")
    assert page.locator("[data-state]").get_attribute("data-state") == "received"

    reviewer = browser.new_context(locale="zh-CN").new_page()
    sign_in_browser(reviewer, live_server, "reviewer_a")
    expect(reviewer.get_by_role("link", name="待签发：张三", exact=False)).to_be_visible()
    reviewer.get_by_role("link", name="待签发：张三", exact=False).click()
    expect(reviewer.locator('[data-field="draft_outcome"]')).to_have_text("无法提供：本机关不掌握相关政府信息")
    reviewer.locator('form[data-action="approve_reply"]').get_by_role("button", name="签发答复").click()
    assert reviewer.locator("[data-state]").get_attribute("data-state") == "concluded"
    assert reviewer.locator('[data-field="replied_on"]').inner_text().startswith(TODAY.isoformat())
    issued = reviewer.locator('li[data-event="reply"]')
    expect(issued).to_contain_text("签发人：reviewer_a")
    expect(issued).to_contain_text("文号：测甲依申复〔2026〕1号")
    with reviewer.expect_download() as download:
        issued.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.startswith("答复告知书（无法提供）-")
    reviewer.context.close()


def test_the_reply_form_asks_which_not_held_answer_only_when_it_applies(live_server, page, staff, tree):
    application = received_application(tree["dept_a"], "2026-02-10")
    log_in(page, live_server, "reviewer_a")
    page.goto(live_server.url + f"/workbench/apply/{application.pk}/")
    reply = page.locator('form[data-action="reply"]')
    agency = reply.get_by_label("负责公开该政府信息的行政机关")
    expect(reply.get_by_text("本机关不掌握的情形")).to_be_hidden()
    reply.get_by_label("处理结果").select_option(value="unable.not_held")
    expect(reply.get_by_text("本机关不掌握的情形")).to_be_visible()
    expect(agency).to_be_hidden()
    reply.get_by_label("不属于本机关负责公开（条例第三十六条第（五）项）").check()
    agency.fill("测试市自然资源局")
    reply.get_by_label("该行政机关的联系方式（电话、地址）").fill("0731-88888888")
    reply.get_by_label("理由（写入答复告知书）").fill("该信息由市自然资源局制作")
    reply.get_by_role("button", name="答复", exact=True).click()
    page.wait_for_url("**#timeline")
    entry = page.locator('#timeline li[data-event="reply"]').inner_text()
    assert "不属于本机关负责公开" in entry and "测试市自然资源局（联系方式：0731-88888888）" in entry
    assert page.console_errors == []


def test_on_a_phone_a_refused_draft_opens_at_the_field_at_fault(live_server, page, staff, tree):
    application = received_application(tree["dept_a"], "2026-11-02")
    page.set_viewport_size({"width": 375, "height": 812})
    sign_in_browser(page, live_server, "handler_a")
    page.goto(f"{live_server.url}/workbench/apply/{application.pk}/")
    draft = page.locator('form[data-action="draft_reply"]')
    reason = draft.get_by_label("理由（写入答复告知书）")
    draft.get_by_label("处理结果").select_option(value="unable.not_held")
    draft.get_by_label("不属于本机关负责公开（条例第三十六条第（五）项）").check()
    expect(draft.locator('label[for="id_draft_reply-reason"] .required-mark')).to_be_visible()
    expect(reason).to_have_attribute("aria-required", "true")
    draft.get_by_label("负责公开该政府信息的行政机关").fill("测试市自然资源局")
    reason.fill("该信息由市自然资源局制作")
    draft.get_by_role("button", name="答复稿送审").click()

    contact = page.locator("#id_draft_reply-other_agency_contact")
    error = page.locator("#id_draft_reply-other_agency_contact_error")
    expect(error).to_contain_text("请同时填写名称和联系方式")
    expect(contact).to_be_focused()
    expect(contact).to_be_in_viewport()
    expect(error).to_be_in_viewport()
    expect(page.locator("#id_draft_reply-other_agency_name")).to_have_value("测试市自然资源局")
    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_draft_reply-other_agency_contact")
    # The refusal's own status (422) is the only thing the console reports.
    assert [text for text in page.console_errors if "status of 422" not in text] == []


@pytest.mark.parametrize("width", [1280, 375])
def test_a_refused_review_registration_opens_at_its_date(live_server, page, staff, tree, width):
    application = received_application(tree["dept_a"], "2026-11-02")
    page.set_viewport_size({"width": width, "height": 812})
    sign_in_browser(page, live_server, "handler_a")
    page.goto(f"{live_server.url}/workbench/apply/{application.pk}/")
    form = page.locator('form[action$="/reviews/"]')
    form.get_by_label("类型").select_option(value="litigation_direct")
    form.get_by_label("申请/立案日期").fill("2026-10-30")  # before the application arrived
    form.get_by_label("备注").fill("（2026）湘01行初12号")
    form.get_by_role("button", name="登记复议或诉讼").click()

    filed_on = page.locator("#id_filed_on")
    error = page.locator("#id_filed_on_error")
    expect(error).to_contain_text("日期不能早于申请日期（2026-11-02）")
    expect(filed_on).to_be_focused()
    expect(filed_on).to_be_in_viewport()
    expect(error).to_be_in_viewport()
    expect(page.locator("#id_note")).to_have_value("（2026）湘01行初12号")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("“登记复议或诉讼”未能记录")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_filed_on")
    # The refusal's own status (409) is the only thing the console reports.
    assert [text for text in page.console_errors if "status of 409" not in text] == []
