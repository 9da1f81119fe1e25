"""In a browser: staff open a solicitation, a citizen comments, staff decide and publish the feedback,
and the portal shows the feedback linked from the solicitation and from the final policy."""

import datetime as dt

import pytest
import time_machine
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from gongkai.catalog import services as catalog_services
from gongkai.core.system import SYSTEM
from gongkai.solicitation.tests import factories
from gongkai.solicitation.tests.factories import at, comment
from gongkai.testing import PASSWORD, sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, username: str) -> None:
    page.goto(base + "/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + "/workbench/")


def open_solicitation(staff_page, base: str) -> None:
    staff_page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="意见征集").click()
    staff_page.get_by_role("link", name="起草意见征集").click()
    staff_page.locator("#id_kind").select_option(value="normative_document")
    staff_page.locator("#id_title").fill("某市养犬管理规定（征求意见稿）")
    staff_page.locator("#id_draft").fill("第一条 为了规范养犬行为，制定本规定。")
    staff_page.locator("#id_how_to_comment").fill("在本页提交意见")
    staff_page.locator("#id_opens_on").fill("2026-09-01")
    # 7 working days after Sep 1: Sep 2, 3, 4, 7, 8, 9, 10.
    staff_page.locator("#id_closes_on").fill("2026-09-10")
    staff_page.get_by_role("button", name="保存").click()
    staff_page.get_by_role("button", name="发布并开始征求意见").click()
    expect(staff_page.locator("[data-state]")).to_have_attribute("data-state", "open")


def test_staff_open_a_citizen_comments_staff_decide_and_the_portal_links_the_feedback(
    live_server, page, staff, tree
):
    base = live_server.url
    with time_machine.travel(at("2026-09-01 09:00:00"), tick=True) as traveller:
        staff_page = page.context.new_page()
        log_in(staff_page, base, "reviewer_a")
        open_solicitation(staff_page, base)
        detail_url = staff_page.url

        traveller.move_to(at("2026-09-02 10:00:00"))
        page.goto(base + "/solicitations/")
        page.get_by_role("link", name="某市养犬管理规定（征求意见稿）").click()
        assert "剩余 8 天" in page.locator("#solicitation-state").inner_text()
        page.get_by_label("意见内容").fill("建议禁止在居民区饲养烈性犬。")
        page.get_by_label("姓名或单位（选填，不公开）").fill("王小明")
        key = page.locator('input[name="captcha_0"]').input_value()
        page.get_by_role("textbox", name="验证码", exact=True).fill(
            CaptchaStore.objects.get(hashkey=key).response
        )
        page.get_by_role("button", name="提交意见").click()
        expect(page.locator(".messages")).to_contain_text("您的意见已提交（第1条）")
        expect(page.locator(".messages")).to_be_in_viewport()  # seen without scrolling back up

        traveller.move_to(at("2026-09-11 09:00:00"))
        final = catalog_services.create_item(
            actor=SYSTEM, agency=tree["dept_a"], title="某市养犬管理规定", genre="normative_document",
            body="第一条 为了规范养犬行为，制定本规定。", formed_on=dt.date(2026, 9, 11),
        )  # fmt: skip
        catalog_services.publish_item(final, actor=SYSTEM, on=dt.date(2026, 9, 11))
        log_in(staff_page, base, "reviewer_a")  # ten days later the staff session has expired
        staff_page.goto(detail_url)
        assert "王小明" in staff_page.content()
        staff_page.get_by_label("采纳情况").first.select_option(value="partially_adopted")
        staff_page.locator("#comment-1").get_by_label("理由", exact=True).fill("列入重点管理犬只目录")
        staff_page.get_by_role("button", name="保存", exact=True).click()
        expect(staff_page.locator(".messages")).to_contain_text("第1条意见已处理")
        staff_page.get_by_label("意见摘要").fill("建议禁止在居民区饲养烈性犬")
        staff_page.get_by_role("button", name="公布采纳情况").click()
        expect(staff_page.locator(".messages")).to_contain_text("意见采纳情况已公布")
        staff_page.get_by_label("正式文件索引号").fill(final.index_no)
        staff_page.get_by_role("button", name="关联").click()
        expect(staff_page.locator(".messages")).to_contain_text("已关联正式出台的文件")

        page.reload()
        feedback = page.locator("#feedback")
        assert "部分采纳" in feedback.inner_text() and "列入重点管理犬只目录" in feedback.inner_text()
        assert "王小明" not in page.content()
        page.get_by_role("link", name="某市养犬管理规定", exact=True).click()
        page.get_by_role(
            "link", name="关于《某市养犬管理规定（征求意见稿）》公开征求意见采纳情况的说明"
        ).click()
        expect(page.locator("main")).to_contain_text("共收到意见1条，其中采纳0条、部分采纳1条")
        assert "王小明" not in page.content()
    assert page.console_errors == []


def test_on_a_phone_the_notice_and_the_comments_page_fit_the_screen(live_server, page, staff, tree):
    """At 375 px the portal notice and the staff comments page never scroll sideways: wide tables
    scroll inside their own box (hidden labels included)."""
    solicitation = factories.open_solicitation(tree["dept_a"], staff["reviewer_a"])
    for text in (
        "建议降低公共停车场的收费标准，减轻市民负担。",
        "建议降低公共停车场收费标准，减轻市民的负担！",
    ):
        comment(solicitation, text, name="王小明", contact="wang@example.com")
    page.set_viewport_size({"width": 375, "height": 800})
    with time_machine.travel(at("2026-09-20 10:00:00"), tick=True):
        page.goto(f"{live_server.url}/solicitations/{solicitation.pk}/")
        expect(page.get_by_role("button", name="提交意见")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        sign_in_browser(page, live_server, "handler_a")
        page.goto(f"{live_server.url}/workbench/solicitations/{solicitation.pk}/")
        expect(page.get_by_text("第1、2条意见内容相近")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.console_errors == []


def test_a_refused_comment_opens_at_the_form_with_its_errors_in_view(live_server, page, staff, tree):
    """The form is at the foot of a long page: after a refusal the page opens there, not at the top
    where nothing says the comment was not taken."""
    solicitation = factories.open_solicitation(tree["dept_a"], staff["reviewer_a"])
    page.set_viewport_size({"width": 375, "height": 800})
    with time_machine.travel(at("2026-09-20 10:00:00"), tick=True):
        page.goto(f"{live_server.url}/solicitations/{solicitation.pk}/")
        page.get_by_label("意见内容").fill("建议降低收费标准。")
        page.get_by_role("textbox", name="验证码", exact=True).fill("0000")
        page.get_by_role("button", name="提交意见").click()
        expect(page.locator("#comment-form .errorlist")).to_contain_text("验证码不正确")
        summary = page.locator("#comment-form [role=alert]")
        expect(summary).to_contain_text("意见未提交：有 1 处需要修改")
        expect(summary).to_be_in_viewport()
    assert [error for error in page.console_errors if "422" not in error] == []


def test_on_a_phone_each_comment_is_a_card_whose_decision_controls_are_on_screen(
    live_server, page, staff, tree
):
    """At 375 px the 处理 controls were off-screen to the right of a scrolled table and the
    comment was three characters wide: each comment is now a card with its cells stacked."""
    solicitation = factories.open_solicitation(tree["dept_a"], staff["reviewer_a"])
    received = comment(solicitation, "建议明确一网通办的具体办理渠道，并公布各渠道的办理时限。")
    page.set_viewport_size({"width": 375, "height": 800})
    with time_machine.travel(at("2026-10-12 10:00:00"), tick=True):
        sign_in_browser(page, live_server, "handler_a")
        page.goto(f"{live_server.url}/workbench/solicitations/{solicitation.pk}/#comment-1")
        select = page.locator(f"#decision-{received.pk}")
        select.scroll_into_view_if_needed()
        expect(select).to_be_in_viewport(ratio=1)
        box = page.locator("#comment-1 td[data-label=意见内容]").bounding_box()
        assert box["width"] > 250
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # a refused decision opens at its card with the error and the choice kept
        select.select_option(value="not_adopted")
        page.locator("#comment-1").get_by_role("button", name="保存").click()
        error = page.locator(f"#decision-error-{received.pk}")
        expect(error).to_contain_text("意见处理为“未采纳”时须说明理由")
        expect(error).to_be_in_viewport()
        expect(select).to_have_value("not_adopted")
    assert [error for error in page.console_errors if "422" not in error] == []
