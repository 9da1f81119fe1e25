"""In a browser: the public list of proposals shows a published answer and leads to its catalogue
item; the proposers' names appear nowhere. The lead sets a co-handler's views date on a phone."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from gongkai.proposals import services
from gongkai.proposals.models import Proposal
from gongkai.testing import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_proposals_list_with_a_published_answer(live_server, page, tree, staff):
    actor = staff["reviewer_a"]
    proposal = services.create_proposal(
        actor=actor, agency=tree["dept_a"], kind="cppcc_proposal", session="市政协十三届三次会议",
        number="112", title="关于优化营商环境减少企业办事环节的提案", assigned_on=dt.date(2026, 8, 3),
        proposers="李某某委员",
    )  # fmt: skip
    services.answer(
        proposal, actor=actor, on=dt.date(2026, 10, 20), result_class="B", doc_number="甲发〔2026〕112号",
        text="经研究，我局已将企业开办环节压减至3个，下一步推进全程网办。",
    )  # fmt: skip
    services.publish(proposal, actor=actor, on=dt.date(2026, 11, 2), mode="full")
    page.goto(live_server.url + "/proposals/")
    row = page.locator("#proposal-list tbody tr").first
    expect(row).to_contain_text("市政协十三届三次会议第112号")
    expect(row).to_contain_text("B类")
    expect(page.locator("body")).not_to_contain_text("李某某")
    page.get_by_role("link", name="政协提案", exact=True).click()
    row.get_by_role("link", name="关于优化营商环境减少企业办事环节的提案").click()
    expect(page.locator("body")).to_contain_text("企业开办环节压减至3个")
    expect(page.locator("body")).not_to_contain_text("李某某")


def test_the_lead_sets_a_co_handlers_views_date_on_a_phone(live_server, page, tree, staff):
    """At 375 px the proposal's workbench page never scrolls sideways: the co-handlers' table with
    its date forms scrolls inside its own box."""
    proposal = services.create_proposal(
        actor=staff["reviewer_a"], agency=tree["dept_a"], kind="cppcc_proposal", session="市政协十三届三次会议",
        number="9", title="关于老旧小区加装电梯的提案", assigned_on=dt.date(2026, 9, 1), co_agencies=[tree["dept_b"]],
    )  # fmt: skip
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in_browser(page, live_server, "reviewer_a")
    page.goto(f"{live_server.url}/workbench/proposals/{proposal.pk}/")
    row = page.locator("#co-dept-b")
    expect(row).to_contain_text("2026-10-30")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    row.get_by_label("协办意见截止日期", exact=True).fill("2026-11-20")
    row.get_by_role("button", name="设定").click()
    page.wait_for_load_state("load")
    expect(page.locator(".messages")).to_contain_text("已设定测试市乙局提交协办意见的截止日期为2026-11-20")
    expect(row).to_contain_text("主办单位设定")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.console_errors == []


def test_a_refused_progress_report_keeps_the_text_and_names_the_problem_at_the_field(
    live_server, page, tree, staff
):
    """A handler's progress report with a mobile number is refused by the screening: the tasks page
    comes back with the text as typed and the reason under 进展情况, so the handler edits rather
    than retypes it; the corrected report then goes through."""
    task = services.create_task(
        actor=staff["handler_a"], agency=tree["dept_a"], source="2026年政府工作报告",
        title="完成城区雨污分流改造10公里", assigned_on=dt.date(2026, 3, 1), deadline=dt.date(2026, 12, 31),
    )  # fmt: skip
    sign_in_browser(page, live_server, "handler_a")
    page.goto(live_server.url + "/workbench/proposals/tasks/")
    form = page.get_by_role("form", name="报送“完成城区雨污分流改造10公里”的进展")
    form.get_by_label("进展日期").fill("2026-11-20")
    form.get_by_label("进展情况").fill("已完成8公里，联系人王某13712345678")
    form.get_by_role("button", name="报送").click()

    page.wait_for_load_state("load")
    text = form.get_by_label("进展情况")
    expect(text).to_have_value("已完成8公里，联系人王某13712345678")
    expect(form.get_by_label("进展日期")).to_have_value("2026-11-20")
    expect(form.locator(f"#field-progress-{task.pk}-text .errorlist")).to_contain_text("发布前审查发现1处")
    assert task.updates.count() == 0

    text.fill("已完成8公里")
    form.get_by_role("button", name="报送").click()
    expect(page.locator(".messages")).to_contain_text("已报送进展")
    assert task.updates.get().text == "已完成8公里"
    # The refusal is answered 409 (the browser logs the status); no script error besides.
    assert [error for error in page.console_errors if "status of 409" not in error] == []


def test_a_proposal_from_extension_to_publication_asks_before_each_act(live_server, page, tree, staff):
    """Extend, answer, rate and publish on the proposal's page: none can be undone, so each asks
    first; a 取消 sends nothing, an OK records the act and the page moves on to the next one."""
    proposal = services.create_proposal(
        actor=staff["reviewer_a"], agency=tree["dept_a"], kind="deputy_suggestion", session="十七届人大三次会议",
        number="58", title="关于加快城区公共充电桩建设的建议", assigned_on=dt.date(2026, 9, 1),
        proposers="赵某某代表",
    )  # fmt: skip
    sign_in_browser(page, live_server, "reviewer_a")
    page.goto(f"{live_server.url}/workbench/proposals/{proposal.pk}/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    extend = page.locator("form[action$='/act/extend/']")
    extend.get_by_label("延期理由").fill("涉及多部门协调，需延期答复")
    page.once("dialog", lambda dialog: answer(dialog, False))
    extend.get_by_role("button").click()
    assert questions == ["延期只能办理一次，登记后不能撤回。确定延期吗？"]
    proposal.refresh_from_db()
    assert not proposal.extended

    page.on("dialog", lambda dialog: answer(dialog, True))
    extend.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("已延期（六个月内答复）")
    form = page.locator("form[action$='/act/answer/']")
    form.get_by_label("答复文号").fill("甲发〔2026〕58号")
    form.get_by_label("答复正文（不含联系方式）").fill("经研究，今年新建公共充电桩420个。")
    form.get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("已答复")
    page.locator("form[action$='/act/rate/']").get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("已登记满意度")
    page.locator("form[action$='/act/publish/']").get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("已公开答复")
    expect(page.locator("#state")).not_to_contain_text("办理中")
    assert questions[1:] == [
        "延期只能办理一次，登记后不能撤回。确定延期吗？",
        "答复登记后不能修改或撤回。确定登记这份答复吗？",
        "满意度登记后不能修改。确定登记吗？",
        "公开后答复即在门户网站和信息公开目录中发布，不能撤回。确定公开吗？",
    ]
    proposal.refresh_from_db()
    assert proposal.extended and proposal.answered_on and proposal.rated_on and proposal.published_on
    assert page.console_errors == []


def test_a_clerk_ticks_the_co_handlers_by_name_on_a_phone(live_server, page, tree, staff):
    """The co-handlers of a new proposal are ticked by their names, not typed as codes; at 375 px
    the form never scrolls sideways."""
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in_browser(page, live_server, "reviewer_a")
    page.goto(live_server.url + "/workbench/proposals/new/")
    page.get_by_label("类型").select_option(label="人大代表建议")
    page.get_by_label("届次（如：十七届人大三次会议）").fill("十七届人大三次会议")
    page.get_by_label("编号").fill("7")
    page.get_by_label("标题").fill("关于增设公交线路的建议")
    page.get_by_label("交办日期").fill("2026-03-02")
    picker = page.get_by_role("group", name="协办单位（可多选）")
    picker.get_by_label("测试市乙局").check()
    picker.get_by_label("测试镇人民政府").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="登记").click()
    expect(page.locator(".messages")).to_contain_text("已登记")
    expect(page.locator("#co-handlers")).to_contain_text("测试市乙局")
    expect(page.locator("#co-handlers")).to_contain_text("测试镇人民政府")
    page.get_by_role("link", name="返回建议提案列表").click()
    expect(page.locator("h1")).to_contain_text("建议提案办理")
    assert page.console_errors == []


def test_the_key_tasks_are_cards_on_a_phone(live_server, page, tree, staff):
    """At 375 px each key task is a card of labelled lines (.stack-table): neither the page nor the
    table's own box scrolls sideways, and the progress form in the card still reports."""
    task = services.create_task(
        actor=staff["handler_a"], agency=tree["dept_a"], source="2026年政府工作报告",
        title="出台支持民营经济发展的若干措施", assigned_on=dt.date(2026, 3, 1), deadline=dt.date(2026, 6, 30),
        co_agencies=[tree["dept_b"], tree["town"]],
    )  # fmt: skip
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in_browser(page, live_server, "handler_a")
    page.goto(live_server.url + "/workbench/proposals/tasks/")
    card = page.locator(f"#task-{task.pk}")
    expect(card).to_contain_text("出台支持民营经济发展的若干措施")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = page.locator(".table-scroll:has(#tasks)")
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth + 1")
    assert card.evaluate("row => getComputedStyle(row).display") == "block"
    deadline = card.locator("td[data-label='完成时限']")
    assert deadline.evaluate("cell => getComputedStyle(cell, '::before').content") == '"完成时限："'
    assert card.bounding_box()["width"] <= 375
    form = card.get_by_role("form")
    form.get_by_label("进展日期").fill("2026-11-20")
    form.get_by_label("进展情况").fill("已起草，正在征求意见")
    form.get_by_role("button", name="报送").click()
    expect(page.locator(".messages")).to_contain_text("已报送进展")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.console_errors == []


def test_a_clerk_narrows_the_co_handlers_by_typing_part_of_a_name(live_server, page, browser, tree, staff):
    """筛选单位 hides the agencies whose name does not contain the text typed; a ticked one stays
    visible; Enter in the box sends nothing; the proposal is registered with the agencies ticked,
    as without the box. Without JavaScript there is no box and every agency shows."""
    sign_in_browser(page, live_server, "reviewer_a")
    page.goto(live_server.url + "/workbench/proposals/new/")
    picker = page.get_by_role("group", name="协办单位（可多选）")
    city, dept_b, town = (picker.get_by_label(name) for name in ("测试市人民政府", "测试市乙局", "测试镇人民政府"))
    dept_b.check()
    search = picker.get_by_label("筛选单位")
    search.fill("镇")
    expect(town).to_be_visible()
    expect(city).to_be_hidden()
    expect(dept_b).to_be_visible()  # ticked: stays
    expect(picker.get_by_role("status")).to_contain_text("显示 2 个单位，共 3 个")
    page.evaluate("window.stillHere = true")
    search.press("Enter")
    page.wait_for_timeout(300)
    assert page.evaluate("window.stillHere === true")  # the form was not sent
    town.check()
    search.fill("")
    expect(city).to_be_visible()
    search.fill("乙")
    expect(town).to_be_visible()  # now ticked
    expect(city).to_be_hidden()
    page.get_by_label("类型").select_option(label="人大代表建议")
    page.get_by_label("届次（如：十七届人大三次会议）").fill("十七届人大三次会议")
    page.get_by_label("编号").fill("7")
    page.get_by_label("标题").fill("关于增设公交线路的建议")
    page.get_by_label("交办日期").fill("2026-03-02")
    page.get_by_role("button", name="登记").click()
    expect(page.locator(".messages")).to_contain_text("已登记")
    assert {co.agency.code for co in Proposal.objects.get().co_handlers.all()} == {"dept-b", "town"}
    assert page.console_errors == []

    plain = browser.new_context(locale="zh-CN", java_script_enabled=False).new_page()
    sign_in_browser(plain, live_server, "reviewer_a")
    plain.goto(live_server.url + "/workbench/proposals/tasks/")
    agencies = plain.get_by_role("group", name="配合单位（可多选）")
    expect(agencies.get_by_role("checkbox")).to_have_count(3)
    for checkbox in agencies.get_by_role("checkbox").all():
        expect(checkbox).to_be_visible()
    expect(plain.get_by_label("筛选单位")).to_have_count(0)
    plain.context.close()
