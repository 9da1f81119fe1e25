"""In a browser: staff open the standard-catalogue coverage page, confirm a suggested column and an
offline channel, and the entry turns from 未覆盖 to 已覆盖."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Column
from gongkai.guides import services
from gongkai.guides.models import StandardEntry
from gongkai.guides.tests.factories import workbook_bytes
from gongkai.testing import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = [
    ["一级事项", "二级事项", "公开时限", "公开渠道和载体", "公开方式", "公开层级"],
    ["就业服务", "招聘信息", "实时", "■政府网站 ■公示栏", "主动", "县级"],
]


def test_the_coverage_page_confirms_a_column_and_a_notice_board(live_server, page, tree, staff):
    actor = staff["reviewer_a"]
    services.import_standard(actor=actor, agency=tree["dept_a"], name="目录.xlsx", data=workbook_bytes(ROWS))
    Column.objects.create(agency=tree["dept_a"], code="jobs", name="招聘信息", order=500)
    item = catalog_services.create_item(
        actor=actor, agency=tree["dept_a"], title="2026年下半年公益性岗位招聘公告", genre="notice",
        body="<p>招聘公告</p>", formed_on=dt.date(2026, 11, 20), columns=["jobs"],
    )  # fmt: skip
    catalog_services.publish_item(item, actor=actor, on=dt.date(2026, 11, 20))
    entry = StandardEntry.objects.get()

    sign_in_browser(page, live_server, "handler_a")
    page.goto(live_server.url + "/workbench/guides/standard/")
    row = page.locator(f"#entry-{entry.pk}")
    expect(row).to_have_attribute("data-status", "uncovered")
    row.get_by_role("button", name="关联建议栏目“招聘信息”").click()
    row = page.locator(f"#entry-{entry.pk}")
    expect(row).to_contain_text("公示栏尚未确认公开")
    row.get_by_label("渠道").select_option("公示栏")
    row.get_by_role("button", name="确认线下公开").click()
    expect(page.locator(f"#entry-{entry.pk}")).to_have_attribute("data-status", "covered")
    expect(page.locator("#coverage-counts")).to_contain_text("已覆盖 1 项")
