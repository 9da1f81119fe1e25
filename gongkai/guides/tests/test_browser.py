"""In a browser: the portal's guide list filtered by topic leads to a guide's page with its
materials table; the page prints without the navigation."""

import pytest
from playwright.sync_api import expect

from gongkai.guides.tests.factories import make_guide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_guide_page_from_the_list_by_topic(live_server, page, tree, staff):
    make_guide(tree["dept_a"], staff["handler_a"])
    make_guide(tree["dept_b"], staff["handler_b"], name="道路运输经营许可", topic="交通出行")
    page.goto(live_server.url + "/guides/")
    page.get_by_label("服务主题").select_option("交通出行")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#guide-list")).not_to_contain_text("食品经营许可")
    page.get_by_label("服务主题").select_option("市场监管")
    page.get_by_role("button", name="查询").click()
    page.get_by_role("link", name="食品经营许可（新办）").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("食品经营许可（新办）")
    expect(page.locator("#materials tbody tr")).to_have_count(2)
    expect(page.locator("#materials")).to_contain_text("原件")
    expect(page.locator("#promised-days")).to_have_text("5个工作日")
    page.emulate_media(media="print")
    expect(page.locator(".main-nav")).to_be_hidden()


def test_on_a_phone_a_guide_with_a_long_code_and_the_contacts_table_fit_the_screen(
    live_server, page, tree, staff
):
    """375 px: a 事项编码 of 38 letters and digits wraps inside its field, and the contacts table of
    互动交流 scrolls in its frame: neither page scrolls sideways."""
    guide = make_guide(tree["dept_a"], staff["handler_a"], code="11430100MB1234567X400011200100000000A7")
    agency = tree["dept_a"]
    agency.address, agency.phone = "测试市人民路1号市政府大楼东副楼三层", "0731-12345678"
    agency.email, agency.office_hours = (
        "gongkai-office@dept-a.example.gov.cn",
        "工作日 上午8:30-12:00，下午1:30-5:30",
    )
    agency.save()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/guides/{guide.pk}/")
    expect(page.get_by_text("11430100MB1234567X400011200100000000A7")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto(f"{live_server.url}/interaction/")
    expect(page.get_by_role("table", name="各机关联系方式")).to_contain_text(
        "gongkai-office@dept-a.example.gov.cn"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
