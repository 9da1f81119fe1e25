"""GET /api/v1/search per API.md."""

import pytest

from gongkai.testing import ApiClient, error_code


@pytest.fixture
def client():
    return ApiClient()


def test_search_returns_the_contract_shape(add, client):
    add("关于政务公开的通知", "<b>政务公开</b>要点", doc_number="测政发〔2024〕1号")
    response = client.get("/search", q="政务公开")
    assert response.status_code == 200
    body = response.json()
    assert {"total", "took_ms", "results", "facets"} <= set(body)
    assert body["total"] == 1
    hit = body["results"][0]
    assert {"index_no", "title", "agency", "published_on", "snippet"} <= set(hit)
    assert hit["agency"] == "dept-a"
    assert "<mark>政务公开</mark>" in hit["snippet"] and "<b>" not in hit["snippet"]
    assert set(body["facets"]) == {"agency", "genre", "year"}
    assert body["facets"]["agency"][0] == {"value": "dept-a", "label": "测试市甲局", "count": 1}


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ("", "query_empty"),
        ("   ", "query_empty"),
        ("，。", "query_empty"),
        ("-废止", "query_only_exclusions"),
        ("政" * 101, "query_too_long"),
    ],
)
def test_bad_queries_are_refused_with_a_code(db, client, q, code):
    response = client.get("/search", q=q)
    assert response.status_code == 422
    assert error_code(response) == code


def test_oversized_page_is_refused(db, client):
    assert client.get("/search", q="公开", size=101).status_code == 422


def test_filters_and_pagination(add, client, tree):
    for n in range(5):
        add(f"通知{n}", agency=tree["dept_b"] if n % 2 else tree["dept_a"])
    body = client.get("/search", q="通知", agency="dept-b", size=1, page=2).json()
    assert body["total"] == 2 and len(body["results"]) == 1 and body["page"] == 2
    assert client.get("/search", q="通知", sort="sideways").status_code == 422


def test_an_unknown_agency_is_refused_by_name_not_answered_with_nothing(add, client):
    # As every other list of the API (GET /items?agency=…): 404 agency_not_found naming the code.
    add("关于政务公开的通知")
    response = client.get("/search", q="政务公开", agency="no-such")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "agency_not_found" and error["details"] == {"agency": "no-such"}
    assert "no-such" in error["message"]
    assert client.get("/search", q="政务公开", agency="dept-a").json()["total"] == 1


def test_zero_hits_carry_a_suggestion(add, client):
    add("依申请公开办理流程")
    body = client.get("/search", q="依申请公干").json()
    assert body["total"] == 0 and body["suggestion"] == "依申请公开"


def test_title_html_is_the_whole_title_with_a_late_match_marked(add, client):
    """The title is the item's name: a match deep in a long title is marked, nothing is cut."""
    title = "关于印发《" + "某" * 150 + "<实施细则>》的通知"
    add(title, "正文")
    hit = client.get("/search", q="实施细则").json()["results"][0]
    assert hit["title_html"] == "关于印发《" + "某" * 150 + "&lt;<mark>实施细则</mark>&gt;》的通知"
