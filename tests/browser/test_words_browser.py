"""In a browser, what staff read (issue 11, items 12 and 5): names and Chinese, never codes.

An agency admin opens the audit trail after a reviewer's acts and reads 发布政府信息 by the
reviewer's name on 政府信息“标题”, filters by that action, sees a draft's 索引号 explained, and
gets a form error in plain words. Then the override rule (item 5) from the reviewer's side: the
reviewer who drafted an item with a mobile number cannot wave the finding through alone; the
agency admin can, with a substantive reason, and the item's page names both people.
(Items 8 and 13 have their own browser tests: tests/browser/test_error_pages_browser.py and
test_narrow_screen_browser.py.)
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from gongkai.catalog import services as catalog_services
from gongkai.testing import sign_in_browser
from tests.test_words import data_words, problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = {"reviewer_a": "王审核", "admin_a": "李管理"}


@pytest.fixture
def named(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for username, name in NAMES.items():
        get_user_model().objects.filter(username=username).update(first_name=name)
        staff[username].refresh_from_db()
    return staff


def readable(page) -> str:
    return page.locator("main").inner_text()


def test_the_audit_trail_a_draft_and_a_form_error_read_in_chinese(live_server, page, named, tree):
    reviewer = named["reviewer_a"]
    item = catalog_services.create_item(
        actor=reviewer, agency=tree["dept_a"], title="关于开展节能宣传周活动的通知", genre="notice",
        formed_on=dt.date(2026, 11, 20), body="各科室：现将有关事项通知如下。",
    )  # fmt: skip
    catalog_services.publish_item(item, actor=reviewer, on=dt.date(2026, 11, 27))
    draft = catalog_services.create_item(
        actor=reviewer,
        agency=tree["dept_a"],
        title="尚未发布的草稿",
        genre="notice",
        formed_on=dt.date(2026, 11, 25),
    )

    sign_in_browser(page, live_server, "admin_a")
    page.goto(live_server.url + "/workbench/audit/")
    rows = page.locator("table.data-table tbody tr")
    published = rows.filter(has_text="发布政府信息")
    assert published.count() == 1
    row = published.first.inner_text()
    assert "王审核" in row and "政府信息“关于开展节能宣传周活动的通知”" in row
    text = readable(page)
    assert "reviewer_a" not in row  # (set up before they had names, the role events still say it)
    assert "item.publish" not in text and "catalog.item" not in text
    assert problems(text, data_words()) == []

    page.get_by_label("动作").select_option(label="起草政府信息")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert rows.count() == 2 and all("起草政府信息" in rows.nth(i).inner_text() for i in range(2))

    page.goto(f"{live_server.url}/workbench/catalog/{draft.pk}/")
    metadata = page.locator("table.metadata-table").inner_text()
    assert "发布时编制" in metadata and "尚未发布" in metadata and "None" not in metadata

    page.goto(live_server.url + "/workbench/interaction/limits/")
    field = page.get_by_label("咨询（工作日）")
    field.fill("61")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert "不能大于 60。" in readable(page)
    assert "确保" not in readable(page)


def test_a_blocking_finding_needs_a_second_person_and_a_real_reason(live_server, page, named, tree):
    item = catalog_services.create_item(
        actor=named["reviewer_a"], agency=tree["dept_a"], title="关于开通咨询热线的通知", genre="notice",
        formed_on=dt.date(2026, 11, 20), body="即日起开通咨询热线，联系人手机13812345678。",
    )  # fmt: skip
    detail = f"{live_server.url}/workbench/catalog/{item.pk}/"

    sign_in_browser(page, live_server, "reviewer_a")
    page.goto(detail)
    assert page.locator("mark.finding[data-kind=mobile]").inner_text() == "13812345678"
    page.get_by_label("发布日期").fill("2026-11-27")
    page.get_by_label("放行理由（审核人）").fill("该号码为单位公开的咨询热线，可以公开")
    page.on("dialog", lambda dialog: dialog.accept())  # 发布 asks first: it cannot be undone
    page.get_by_role("button", name="说明理由后发布").click()
    page.wait_for_load_state()
    assert "放行审查发现须由第二人决定" in page.locator("body").inner_text()
    page.console_errors.clear()  # the refusal answered 403, as it should
    page.goto(live_server.url + "/workbench/")
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()

    sign_in_browser(page, live_server, "admin_a")
    page.goto(detail)
    page.get_by_label("发布日期").fill("2026-11-27")
    page.get_by_label("放行理由（审核人）").fill("。。。xxxx")
    page.get_by_role("button", name="说明理由后发布").click()
    page.wait_for_load_state()
    assert "放行理由须具体说明" in page.locator(".message-error").first.inner_text()
    page.console_errors.clear()
    page.get_by_label("发布日期").fill("2026-11-27")
    page.get_by_label("放行理由（审核人）").fill("该号码为单位公开的咨询热线，可以公开")
    page.get_by_role("button", name="说明理由后发布").click()
    page.wait_for_selector("text=已发布，索引号")
    signoff = page.locator("[data-signoff]").inner_text()
    assert "王审核" in signoff and "李管理" in signoff and "reviewer_a" not in signoff
    assert "该号码为单位公开的咨询热线" in signoff
    assert page.console_errors == []
