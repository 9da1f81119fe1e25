"""In a browser: the disclosure office opens the self-check, drills down to a late item and opens a
rectification task for it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from gongkai.selfcheck.models import RectificationTask
from gongkai.selfcheck.tests.factories import application, item
from gongkai.testing import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_drills_down_to_a_late_item_and_opens_a_rectification_task(live_server, page, staff, tree):
    late = item(
        tree["dept_a"], title="关于2026年度专项资金分配的通知", published_on=dt.date(2026, 10, 20), late=True
    )
    sign_in_browser(page, live_server, "office")
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="自查评估").click()
    expect(page.get_by_role("heading", name="下级机构排名")).to_be_visible()
    page.get_by_role("link", name="测试市甲局").click()
    row = page.locator("#indicator-item_published_late")
    expect(row).to_contain_text("未通过")
    row.get_by_role("link", name=late.title).click()
    page.wait_for_url(f"**/workbench/catalog/{late.pk}/")
    expect(page.get_by_text(late.title).first).to_be_visible()
    page.go_back()
    page.locator("#indicator-item_published_late").get_by_role("link", name="立项整改").click()
    expect(page.get_by_label("问题")).to_contain_text(late.title)
    page.get_by_label("整改措施").fill("完善发布流程，形成之日起20个工作日内公开")
    page.get_by_label("时限").fill("2026-12-15")
    page.get_by_role("button", name="立项").click()
    expect(page.get_by_text("已立项整改")).to_be_visible()
    expect(page.get_by_text("整改中")).to_be_visible()
    task = RectificationTask.objects.get()
    assert task.agency == tree["dept_a"] and task.indicator == "item_published_late"
    assert task.due_on == dt.date(2026, 12, 15)


def test_on_a_phone_the_clock_table_scrolls_and_keeps_its_columns_readable(live_server, browser, staff, tree):
    """375 px: the page itself does not scroll sideways; the table does, inside its frame, and a
    due date or a kind stays on one line instead of one character per line."""
    application(tree["dept_a"], due_on=dt.date(2026, 12, 2), description="查询某项目审批文件的申请")
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        sign_in_browser(page, live_server, "office")
        page.goto(f"{live_server.url}/workbench/clocks/")
        row = page.get_by_role("row").filter(has_text="查询某项目审批文件的申请")
        expect(row).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        frame = page.locator(".table-scroll")
        assert frame.evaluate("el => el.scrollWidth > el.clientWidth")
        due, kind = row.get_by_role("cell").nth(0), row.get_by_role("cell").nth(2)
        expect(due).to_have_text("2026-12-02")
        line = float(due.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
        for cell in (due, kind):  # the height of the text itself, not of the row around it
            text_height = cell.evaluate(
                "el => { const r = document.createRange(); r.selectNodeContents(el); "
                "return r.getBoundingClientRect().height; }"
            )
            assert text_height < 1.5 * line
    finally:
        context.close()


def test_on_a_phone_the_indicators_are_cards_with_readable_rules(live_server, browser, staff, tree):
    """375 px: each indicator is a card whose cells are labelled lines the width of the screen,
    not six columns four characters wide; the page does not scroll sideways."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        sign_in_browser(page, live_server, "office")
        for path in ("/workbench/selfcheck/", "/workbench/selfcheck/agency/dept-a/"):
            page.goto(f"{live_server.url}{path}")
            rule = page.locator("#indicator-columns_blank td[data-label='规则与依据']")
            expect(rule).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            assert rule.evaluate("el => el.getBoundingClientRect().width") > 250
            assert page.locator(".stack-table thead").evaluate("el => el.getBoundingClientRect().height") <= 1
    finally:
        context.close()


def test_on_a_phone_the_ledger_is_cards_without_sideways_scrolling(live_server, browser, staff, tree):
    """375 px: each rectification task is a card of labelled lines, its 问题 the width of the screen
    rather than a column a few characters wide; the 状态 label sits above its box; the page does not
    scroll sideways."""
    RectificationTask.objects.create(
        agency=tree["dept_a"],
        indicator="interpretation_lag",
        problem="政策解读滞后：规章和行政规范性文件的解读应在文件公开后3个工作日内发布（测试市居民阶梯电价调整方案）",
        measures="逐条核查，补充发布并完善审核流程",
        responsible="测试市甲局办公室",
        due_on=dt.date(2026, 11, 20),
        opened_on=dt.date(2026, 11, 2),
    )
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        sign_in_browser(page, live_server, "office")
        page.goto(f"{live_server.url}/workbench/selfcheck/ledger/")
        problem = page.locator("td[data-label='问题']").first
        expect(problem).to_contain_text("政策解读滞后")
        expect(page.locator("td[data-label='时限']").first).to_contain_text("逾期")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert problem.evaluate("el => el.getBoundingClientRect().width") > 250
        label, select = page.locator("label[for='id_status']"), page.get_by_label("状态", exact=True)
        assert label.bounding_box()["y"] + label.bounding_box()["height"] <= select.bounding_box()["y"] + 1
        assert select.bounding_box()["width"] > 250
    finally:
        context.close()
