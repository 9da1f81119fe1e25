"""In a browser: draft with a phone number, blocked publication, reviewer override, public page.

After a click that navigates, the test waits for the new page's load event before it looks: the click
returns once the response has started, and the body may still be parsing (the blocking script in the
head is revalidated when the server's clock, frozen in tests, lies before the file's Last-Modified)."""

import pytest

from gongkai.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/workbench/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/workbench/")


def test_blocked_publication_overridden_by_a_reviewer_shows_the_metadata_table(live_server, page, staff):
    sign_in(page, live_server, "handler_a")
    page.goto(live_server.url + "/workbench/catalog/new/")
    page.get_by_label("信息名称").fill("关于开通政务服务咨询热线的通知")
    page.get_by_label("体裁分类").select_option("notice")
    page.get_by_label("生成日期").fill("2024-09-20")
    page.get_by_label("文号").fill("测甲发〔2024〕9号")
    page.get_by_label("正文").fill("即日起开通咨询热线，联系人手机13812345678。")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/workbench/catalog/*/")
    detail_url = page.url
    finding = page.locator("mark.finding[data-kind=mobile]")
    assert finding.inner_text() == "13812345678"
    page.get_by_role("button", name="退出").click()

    sign_in(page, live_server, "reviewer_a")
    page.goto(detail_url)
    page.on("dialog", lambda dialog: dialog.accept())  # 发布 asks first: it cannot be undone
    page.get_by_label("发布日期").fill("2024-09-27")
    page.get_by_label("放行理由（审核人）").fill("x")
    page.get_by_role("button", name="说明理由后发布").click()
    assert "放行理由须具体说明" in page.locator("#field-override_reason .errorlist").inner_text()
    page.console_errors.clear()  # the refused attempt answered 422, as it should
    page.get_by_label("发布日期").fill("2024-09-27")
    page.get_by_label("放行理由（审核人）").fill("热线电话为单位公开联系方式")
    page.get_by_role("button", name="说明理由后发布").click()
    page.wait_for_selector("text=已发布，索引号")
    signoff = page.locator("[data-signoff]")
    assert signoff.locator("[data-reviewer]").inner_text() == "reviewer_a"
    override = signoff.locator("[data-override]")
    assert "热线电话为单位公开联系方式" in override.inner_text()
    assert "手机号码 138****5678" in override.inner_text()
    assert "13812345678" not in override.inner_text()
    page.get_by_role("link", name="查看公开页面").click()
    page.wait_for_load_state()

    table = page.locator("table.metadata-table")
    assert table.is_visible()
    assert table.locator("th").first.inner_text() == "索引号"
    assert "000000002/2024-00001" in table.inner_text()
    assert "测甲发〔2024〕9号" in table.inner_text()
    assert "现行有效" in table.inner_text()
    assert page.console_errors == []


def test_publication_without_reason_is_blocked_with_the_finding_highlighted(live_server, page, staff, draft):
    item = draft(body="联系人手机13812345678。")
    sign_in(page, live_server, "reviewer_a")
    page.goto(f"{live_server.url}/workbench/catalog/{item.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="说明理由后发布").click()
    page.wait_for_load_state()
    assert page.locator("#field-override_reason .errorlist").inner_text().startswith("发布前审查发现")
    assert page.locator("mark.finding[data-kind=mobile]").is_visible()


def test_a_refused_publication_keeps_the_reason_at_its_field_focused_and_reloads_to_the_item(
    live_server, page, staff, draft
):
    """The refusal is next to 放行理由, not only in the bar at the top; the reason as typed stays,
    the cursor is in it, and opening the address again shows the item rather than an error."""
    item = draft(title="关于开通咨询热线的通知", body="联系人手机13812345678。")
    sign_in(page, live_server, "reviewer_a")
    page.goto(f"{live_server.url}/workbench/catalog/{item.pk}/")
    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_label("发布日期").fill("2024-09-27")
    page.get_by_label("放行理由（审核人）").fill("同意")
    page.get_by_role("button", name="说明理由后发布").click()
    page.wait_for_load_state()
    assert questions == ["发布后“关于开通咨询热线的通知”即在门户网站公开，不能再改回草稿。确定发布吗？"]
    reason = page.get_by_label("放行理由（审核人）")
    assert reason.input_value() == "同意"
    assert reason.evaluate("element => element === document.activeElement")
    assert reason.get_attribute("aria-invalid") == "true"
    assert "放行理由须具体说明" in page.locator("#field-override_reason .errorlist").inner_text()
    assert page.get_by_label("发布日期").input_value() == "2024-09-27"
    assert page.locator(".messages").count() == 0
    page.console_errors.clear()  # the refused attempt answered 422, as it should

    response = page.goto(page.url.split("#")[0])
    assert response.status == 200
    assert page.url == f"{live_server.url}/workbench/catalog/{item.pk}/"
    item.refresh_from_db()
    assert item.state == "draft"
    assert page.console_errors == []


def test_a_visitor_browses_agency_column_and_year_without_console_errors(live_server, page, published):
    import datetime as dt

    published(title="二〇二四年的通知", genre="notice", on=dt.date(2024, 9, 27))
    published(
        title="二〇二五年的工作动态", genre="news", formed_on=dt.date(2025, 3, 3), on=dt.date(2025, 3, 4)
    )
    page.goto(live_server.url + "/catalog/")
    page.get_by_role("link", name="测试市甲局").first.click()
    page.get_by_role("navigation", name="栏目").get_by_role("link", name="工作动态").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="二〇二五年的工作动态").is_visible()
    assert page.get_by_role("link", name="二〇二四年的通知").count() == 0
    page.get_by_role("navigation", name="栏目").get_by_role("link", name="全部").click()
    page.get_by_label("年度").select_option("2024")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="二〇二四年的通知").is_visible()
    assert page.get_by_role("link", name="二〇二五年的工作动态").count() == 0
    page.get_by_role("link", name="二〇二四年的通知").click()
    page.wait_for_load_state()
    assert page.locator("table.metadata-table").is_visible()
    page.goto(live_server.url + "/catalog/statistics/")
    assert page.locator("svg.chart rect.bar").count() == 2
    assert page.console_errors == []


def test_deleting_a_draft_asks_first_and_a_no_keeps_it(live_server, page, staff, tree):
    import datetime as dt

    from gongkai.catalog import services
    from gongkai.catalog.models import Item

    item = services.create_item(
        actor=staff["handler_a"],
        agency=tree["dept_a"],
        title="待删除的草稿",
        genre="notice",
        formed_on=dt.date(2024, 9, 20),
    )
    sign_in(page, live_server, "handler_a")
    page.goto(f"{live_server.url}/workbench/catalog/{item.pk}/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="删除草稿").click()
    assert questions == ["删除后草稿及其附件不能恢复。确定删除“待删除的草稿”吗？"]
    assert page.url.endswith(f"/workbench/catalog/{item.pk}/") and Item.objects.filter(pk=item.pk).exists()

    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="删除草稿").click()
    page.wait_for_url("**/workbench/catalog/")
    page.wait_for_load_state()
    assert not Item.objects.filter(pk=item.pk).exists()
    assert page.console_errors == []


def test_publishing_and_abolishing_ask_first_and_a_no_changes_nothing(live_server, page, staff, draft):
    """Publication and 废止 cannot be undone in the workbench: each asks before it is sent, naming
    the document, and a 取消 leaves the item as it was."""
    item = draft(title="关于调整办公时间的通知")
    sign_in(page, live_server, "reviewer_a")
    page.goto(f"{live_server.url}/workbench/catalog/{item.pk}/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="发布", exact=True).click()
    assert questions == ["发布后“关于调整办公时间的通知”即在门户网站公开，不能再改回草稿。确定发布吗？"]
    item.refresh_from_db()
    assert item.state == "draft"

    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_selector("text=已发布，索引号")

    page.get_by_label("废止日期").fill("2024-10-08")
    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="标记废止").click()
    assert questions[-1] == "标记废止后“关于调整办公时间的通知”不能恢复为现行有效。确定标记废止吗？"
    item.refresh_from_db()
    assert item.validity == "valid" and item.abolished_on is None

    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="标记废止").click()
    page.wait_for_selector("text=操作已完成")
    item.refresh_from_db()
    assert item.validity == "abolished"
    assert page.console_errors == []


def _box(locator):
    return locator.bounding_box()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_item_page_spaces_its_forms_labels_above_fields_and_steps_apart_from_publishing(
    live_server, page, staff, draft, published, width
):
    """有效性与可见性: each label above its input, not squeezed against it on one line; 办理: the
    保密审查 button a clear gap above 发布日期; at 375 px nothing scrolls sideways."""
    page.set_viewport_size({"width": width, "height": 900})
    item, done = draft(), published(title="已发布的通知")
    sign_in(page, live_server, "reviewer_a")
    page.goto(f"{live_server.url}/workbench/catalog/{item.pk}/")
    screen = _box(page.get_by_role("button", name="保密审查"))
    date_label = _box(page.locator("#publish-form label[for=id_date]"))
    assert date_label["y"] - (screen["y"] + screen["height"]) >= 16
    assert screen["height"] >= 36  # a button of the project's size, not a bare browser button
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto(f"{live_server.url}/workbench/catalog/{done.pk}/")
    for name in ("amend-date", "amend-successor", "abolish-date"):
        label, field = _box(page.locator(f"label[for={name}]")), _box(page.locator(f"#{name}"))
        assert label["y"] + label["height"] <= field["y"] + 1
        assert field["width"] >= 200
    for name in ("标记已修改", "标记废止"):
        assert _box(page.get_by_role("button", name=name))["height"] >= 36
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.console_errors == []


def _lines(locator) -> int:
    """How many lines the element's text takes."""
    return locator.evaluate(
        """e => { const r = document.createRange(); r.selectNodeContents(e);
                  return new Set([...r.getClientRects()].map(rect => Math.round(rect.top))).size; }"""
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_the_item_list_has_filters_in_a_panel_the_export_apart_and_dates_unbroken(
    live_server, page, staff, draft, published, width
):
    """主动公开: the filters labelled above their selects in a panel, the ledger export outside it;
    索引号 and dates on one line each; at 375 px each item a card, nothing scrolling sideways."""
    import datetime as dt

    published(title="关于印发示范市居民阶梯电价实施办法的通知（一个很长的信息名称）", on=dt.date(2024, 9, 27))
    draft(title="草稿")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "reviewer_a")
    page.goto(f"{live_server.url}/workbench/catalog/")
    filters = page.locator("[data-item-filters]")
    label, select = _box(filters.get_by_text("状态", exact=True)), _box(filters.get_by_label("状态"))
    assert label["y"] + label["height"] <= select["y"] + 1
    panel, export = _box(filters), _box(page.get_by_role("button", name="导出台账（XLSX）"))
    assert export["y"] + export["height"] <= panel["y"] or export["y"] >= panel["y"] + panel["height"]
    assert filters.get_by_role("button", name="导出台账（XLSX）").count() == 0

    row = page.locator("tbody tr").filter(has_text="阶梯电价")
    assert "000000002/2024-00001" in row.inner_text()
    for cell in ("索引号", "生成日期", "发布日期", "应公开日期"):
        assert _lines(row.locator(f'td[data-label="{cell}"]')) == 1, cell
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    table = page.locator("table.item-table")
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    assert page.console_errors == []


@pytest.mark.parametrize("width", [1280, 375])
def test_a_refused_abolition_keeps_its_date_at_the_focused_field_and_reloads_to_the_item(
    live_server, page, staff, published, width
):
    """废止 before the document was formed: the refusal next to 废止日期, not in the bar at the top;
    the date as typed stays with the cursor in it, the summary links to it, nothing scrolls sideways,
    and opening the address again shows the item rather than an error."""
    item = published(title="关于调整办公时间的通知")  # formed 2024-09-20
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "reviewer_a")
    page.goto(f"{live_server.url}/workbench/catalog/{item.pk}/")
    page.on("dialog", lambda dialog: dialog.accept())  # 废止 asks first: it cannot be undone
    page.get_by_label("废止日期").fill("2024-09-01")
    page.get_by_role("button", name="标记废止").click()
    page.wait_for_load_state()
    date = page.get_by_label("废止日期")
    assert date.input_value() == "2024-09-01"
    assert date.evaluate("element => element === document.activeElement")
    assert date.get_attribute("aria-invalid") == "true"
    assert "废止日期不能早于文件生成日期" in page.locator("#field-abolish-date .errorlist").inner_text()
    summary = page.locator("[data-error-summary]")
    assert "“标记废止”未能完成" in summary.inner_text()
    assert summary.get_by_role("link").get_attribute("href") == "#abolish-date"
    assert page.locator(".messages").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.console_errors.clear()  # the refused attempt answered 409, as it should

    response = page.goto(page.url.split("#")[0])
    assert response.status == 200
    assert page.url == f"{live_server.url}/workbench/catalog/{item.pk}/"
    item.refresh_from_db()
    assert item.validity == "valid"
    assert page.console_errors == []
