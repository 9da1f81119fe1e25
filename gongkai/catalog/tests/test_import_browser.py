"""A handler uploads documents, corrects what was extracted, and gets drafts."""

import pytest

from gongkai.catalog.models import Item
from gongkai.testing import PASSWORD, SAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_handler_uploads_samples_corrects_a_title_and_creates_drafts(live_server, page, staff, tmp_path):
    page.goto(live_server.url + "/workbench/")
    page.get_by_label("用户名").fill("handler_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/workbench/")

    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="批量导入").click()
    page.wait_for_url(live_server.url + "/workbench/catalog/import/")
    page.get_by_label("文件").set_input_files(
        [next(SAMPLES.glob("000_*.txt")), next(SAMPLES.glob("003_*.txt"))]
    )
    page.get_by_role("button", name="上传并提取").click()
    page.get_by_role("heading", name="核对提取结果").wait_for()

    rows = page.locator("fieldset.import-row")
    assert rows.count() == 2
    assert "娄政办函〔2017〕66号" in rows.nth(0).inner_text()  # the damaged cited number, as read
    assert "第一句" in rows.nth(1).inner_text()  # the title of 003 was guessed: say so
    rows.nth(1).get_by_label("信息名称").fill("賀蘭縣太陽城社區政務服務工作匯報")
    page.get_by_role("button", name="确认，创建草稿").click()

    page.get_by_role("heading", name="导入结果").wait_for()
    assert page.get_by_text("已创建草稿").count() == 2
    assert sorted(Item.objects.values_list("title", flat=True)) == sorted(
        ["市经信委2017年政府信息公开工作年度报告", "賀蘭縣太陽城社區政務服務工作匯報"]
    )
    assert page.console_errors == []


def test_the_result_page_reads_on_a_phone_without_sideways_scrolling(live_server, page, staff):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/workbench/")
    page.get_by_label("用户名").fill("handler_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/workbench/")
    page.goto(live_server.url + "/workbench/catalog/import/")
    page.get_by_label("文件").set_input_files([next(SAMPLES.glob("000_*.txt")), next(SAMPLES.glob("001_*.txt"))])
    page.get_by_role("button", name="上传并提取").click()
    page.get_by_role("heading", name="核对提取结果").wait_for()
    page.locator("fieldset.import-row").nth(1).get_by_label("导入").uncheck()
    page.get_by_role("button", name="确认，创建草稿").click()

    page.get_by_role("heading", name="导入结果").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    table = page.locator("table.import-results")
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    for text in ("已创建草稿", "未导入（未勾选）"):
        box = page.get_by_text(text).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, text
    assert page.console_errors == []
