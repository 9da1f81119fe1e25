"""The public results page."""

import re

import pytest

from gongkai.search import indexing


def test_results_page_shows_highlighted_escaped_hits_and_facets(client, add):
    add("关于政务公开的通知", "<script>alert(1)</script>政务公开要点", url="/catalog/items/x/")
    response = client.get("/search/", {"q": "政务公开"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>政务公开</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "找到 1 条结果" in html and "测试市甲局" in html


def test_a_search_without_results_shows_no_empty_facet_box(client, add):
    add("关于政务公开的通知", "正文")
    html = client.get("/search/", {"q": "量子纠缠"}).content.decode()
    assert "找到 0 条结果" in html
    assert "search-facets" not in html and "search-layout-single" in html
    html = client.get("/search/", {"q": "政务公开"}).content.decode()
    assert "search-facets" in html and "search-layout-single" not in html


def test_results_page_explains_a_refused_query(client, db):
    html = client.get("/search/", {"q": "-废止"}).content.decode()
    assert "请至少输入一个需要包含的检索词" in html


def test_results_page_names_an_unknown_agency_next_to_the_form(client, add):
    add("关于政务公开的通知", "正文")
    response = client.get("/search/", {"q": "政务公开", "agency": "no-such"})
    html = response.content.decode()
    assert response.status_code == 404
    assert "未找到机构“no-such”" in html and 'role="alert"' in html
    assert 'id="s-agency"' in html and "条结果" not in html  # the form stays, no result count


def test_exact_index_number_goes_straight_to_the_item(client, add):
    add("某通知", index_no="000000002/2024-00007", url="/catalog/items/000000002/2024-00007/")
    response = client.get("/search/", {"q": "000000002/2024-00007"})
    assert response.status_code == 302 and response.url == "/catalog/items/000000002/2024-00007/"


def test_advanced_form_offers_agencies_and_genres_by_name(client, add, tree):
    add("关于政务公开的通知", "正文", genre="notice")
    add("政务公开工作动态", "正文", genre="news", agency=tree["dept_b"])
    response = client.get("/search/", {"q": "政务公开", "agency": "dept-a", "genre": "notice"})
    html = response.content.decode()
    assert '<option value="dept-a" selected>\u3000测试市甲局</option>' in html
    assert '<option value="city">测试市人民政府</option>' in html
    assert '<option value="notice" selected>通知公告</option>' in html
    assert "找到 1 条结果" in html


def test_no_two_genres_of_the_advanced_form_have_the_same_name(client, db):
    html = client.get("/search/").content.decode()
    genres = html[html.index('<option value="">全部体裁</option>') :]
    names = re.findall(r"<option value=\"[^\"]+\">([^<]+)</option>", genres[: genres.index("</select>")])
    assert "办事指南" in names and "办事指南（政务服务事项）" in names  # catalogue items, service guides
    assert len(names) == len(set(names))


def test_search_box_of_every_page_points_here(client, db):
    assert 'action="/search/"' in client.get("/").content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_person_searches_filters_by_facet_with_the_keyboard(live_server, page, tree):
    for n, agency in enumerate([tree["dept_a"], tree["dept_b"], tree["dept_b"]]):
        indexing.index_document(
            indexing.Entry(key=f"t:{n}", title=f"政务公开工作要点{n}", body="年度政务公开", agency=agency)
        )
    page.goto(live_server.url + "/")
    page.get_by_label("搜索政府信息").fill("政务公开")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("status").filter(has_text="找到 3 条结果").is_visible()
    assert page.locator(".search-hits mark").first.inner_text() == "政务公开"
    facet = page.get_by_role("complementary", name="按分类筛选").get_by_role("link", name="测试市乙局")
    facet.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**agency=dept-b*")
    assert page.get_by_role("status").filter(has_text="找到 2 条结果").is_visible()
    assert page.console_errors == []


def test_a_query_with_markup_is_echoed_escaped_and_finds_the_text(client, add):
    add("<script>alert(1)</script>测试公告", "正文")
    html = client.get("/search/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "找到 1 条结果" in html and "&lt;<mark>script&gt;alert(1)&lt;/script</mark>&gt;" in html
