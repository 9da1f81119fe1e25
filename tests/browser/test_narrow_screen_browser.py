"""At 375 px (a phone): header, 搜索 button and the item metadata table fit without horizontal
scrolling (issue 11, item 13)."""

import datetime as dt

import pytest

from gongkai.catalog import services
from gongkai.core.system import SYSTEM
from gongkai.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 375


@pytest.fixture
def narrow(page):
    page.set_viewport_size({"width": WIDTH, "height": 800})
    return page


@pytest.fixture
def item(tree):
    draft = services.create_item(
        actor=SYSTEM,
        agency=tree["dept_a"],
        title="测试市甲局关于进一步做好政府信息公开工作年度报告编制和发布工作的通知",
        doc_number="测甲发〔2024〕123号",
        genre="normative_document",
        keywords="政府信息公开,年度报告,编制,发布",
        summary="就年度报告的编制、审核、发布和报送作出安排。",
        formed_on=dt.date(2024, 9, 20),
        body="各科室：现将有关事项通知如下。",
    )
    return services.publish_item(draft, actor=SYSTEM, on=dt.date(2024, 9, 27))


def assert_fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('header *, main *')]
              .filter(e => !e.closest('.table-scroll, .report-table-scroll'))
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
              .map(e => e.tagName + '.' + e.className)"""
    )
    assert overflowing == []


def test_the_portal_header_fits_with_the_search_button_on_one_line(live_server, narrow, tree):
    narrow.goto(live_server.url + "/")
    assert_fits(narrow)
    button = narrow.get_by_role("search").get_by_role("button", name="搜索")
    lines = button.evaluate(
        """b => { const r = document.createRange(); r.selectNodeContents(b);
                  return new Set([...r.getClientRects()].map(rect => Math.round(rect.top))).size; }"""
    )
    assert lines == 1
    header = narrow.get_by_role("banner").bounding_box()
    assert header["height"] <= 240  # was 330 px: the header no longer takes a third of the screen
    search_box = narrow.get_by_role("searchbox").bounding_box()
    assert search_box["width"] >= 150


def test_the_item_metadata_table_fits_a_phone(live_server, narrow, item):
    narrow.goto(live_server.url + item.get_absolute_url())
    assert_fits(narrow)
    table = narrow.locator("table.metadata-table")
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    index_no = table.locator("td.index-no")
    assert index_no.inner_text() == "000000002/2024-00001"
    assert index_no.bounding_box()["x"] + index_no.bounding_box()["width"] <= WIDTH


def test_search_results_and_the_workbench_fit_a_phone(live_server, narrow, staff, item):
    narrow.goto(live_server.url + "/search/?q=年度报告")
    assert_fits(narrow)
    narrow.goto(live_server.url + "/workbench/login/")
    narrow.get_by_label("用户名").fill("reviewer_a")
    narrow.get_by_label("密码").fill(PASSWORD)
    narrow.get_by_role("button", name="登录").click()
    narrow.wait_for_url(live_server.url + "/workbench/")
    assert_fits(narrow)
    narrow.goto(f"{live_server.url}/workbench/catalog/{item.pk}/")
    assert_fits(narrow)


def lines_of(locator) -> int:
    """How many lines the text of ``locator`` is laid out on."""
    return locator.evaluate(
        """e => { const r = document.createRange(); r.selectNodeContents(e);
                  return new Set([...r.getClientRects()].map(rect => Math.round(rect.top))).size; }"""
    )


def test_an_agency_phone_number_is_not_broken_at_its_hyphen(live_server, narrow, tree):
    from gongkai.agencies.services import update_agency

    update_agency(
        tree["dept_a"],
        actor=SYSTEM,
        name="测试市甲局（测试市甲局政务服务和政府信息公开工作办公室）",
        phone="0571-8888 8888、0571-8765 4321",
    )
    for path in ("/agencies/dept-a/", "/interaction/"):
        narrow.goto(live_server.url + path)
        assert_fits(narrow)
        numbers = narrow.locator("main .nowrap", has_text="0571-")
        assert numbers.count() == 2
        for index in range(2):
            assert lines_of(numbers.nth(index)) == 1
