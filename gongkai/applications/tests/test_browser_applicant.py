"""In a browser: the applicant corrects online from the tracking page, staff take it in with one
click and the public timeline shows it; the submitter downloads the receipt PDF."""

import datetime as dt
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from gongkai.applications import services
from gongkai.applications.tests.factories import received_application
from gongkai.applications.tests.test_browser import fill_application, log_in
from gongkai.core.system import SYSTEM
from gongkai.testing import TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_online_correction_from_the_tracking_page_to_the_timeline(live_server, page, staff, tree, tmp_path):
    application = received_application(tree["dept_a"], on="2026-11-16")
    services.request_correction(
        application, actor=SYSTEM, on=dt.date(2026, 11, 18), items=["请写明文件名称"], today=TODAY
    )
    page.goto(live_server.url + f"/apply/track/?code={application.tracking_code}")
    expect(page.locator("[data-correction-items]")).to_contain_text("请写明文件名称")
    page.get_by_label("联系电话").fill("13900000000")
    page.get_by_role("button", name="验证").click()
    expect(page.locator('[data-error="verify"]')).to_have_text("联系电话与申请时填写的不一致")
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_role("button", name="验证").click()
    expect(page.get_by_role("link", name="补正告知书")).to_be_visible()

    scan = tmp_path / "补正材料.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("补正内容").fill("所需文件为《某某通知》（2025年）")
    page.get_by_label("补正材料（可选）").set_input_files(str(scan))
    page.get_by_role("button", name="提交补正").click()
    expect(page.locator("[data-corrections]")).to_contain_text("待受理机关登记收到")

    staff_page = page.context.browser.new_context(locale="zh-CN").new_page()
    log_in(staff_page, live_server, "handler_a")
    staff_page.get_by_role("link", name="网上补正待登记").first.click()
    expect(staff_page.locator("#online-corrections")).to_contain_text("所需文件为《某某通知》")
    expect(staff_page.get_by_role("link", name="补正材料.pdf")).to_be_visible()
    staff_page.get_by_role("button", name="登记收到补正（2026-11-30）").click()
    expect(staff_page.locator("[data-state]")).to_have_attribute("data-state", "received")
    staff_page.context.close()

    page.reload()
    expect(page.locator('[data-timeline] li[data-event="receive_correction"]')).to_contain_text(
        "2026-11-30"
    )
    expect(page.locator('[data-field="state"]')).to_have_text("办理中")
    expect(page.locator("[data-corrections]")).to_contain_text("受理机关已登记收到")
    # the wrong number above was answered 422 on purpose; nothing else failed
    assert [error for error in page.console_errors if "422" not in error] == []


def test_the_submitter_downloads_the_receipt_pdf(live_server, page, tree):
    page.goto(live_server.url + "/apply/form/")
    fill_application(page, tree)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/apply/receipt/**")
    code = page.locator("[data-tracking-code]").inner_text().strip()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载打印申请回执（PDF）").click()
    text = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages[0].extract_text()
    assert code in text and "测试市甲局" in text and "2026年11月30日" in text
    assert "2025年本机关财政预算执行情况" in text
