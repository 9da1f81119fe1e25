"""Very common terms (issue 19): estimated counts, exact counts on demand, the first-page shortcut.

The thresholds are lowered per test (module constants) so that a corpus of a hundred documents
takes the paths a province's million take; everything else is the real backend (SQLite and
PostgreSQL).
"""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.search import indexing, selectors, text
from gongkai.search.backends import get_backend, sqlite_fts5
from gongkai.search.backends.base import SAMPLE_BUCKETS, sample_bucket
from gongkai.search.models import SearchDocument, SearchText

TOPICS = ["预算公开", "政务公开", "安全生产", "营商环境", "乡村振兴"]


@pytest.fixture
def corpus(tree):
    """120 public documents in one batch (consecutive ids: some fall in the sample), with titles,
    文号 and dates chosen so that every ranking key ties somewhere."""
    rng = random.Random(19)
    entries = []
    for n in range(120):
        topic = rng.choice(TOPICS)
        title = rng.choice([f"关于{topic}的通知", f"{topic}工作情况", "年度工作报告", f"市政府{topic}"])
        body = "，".join(rng.choice([*TOPICS, "工作要求", "落实责任", "政府信息"]) for _ in range(12))
        entries.append(
            indexing.Entry(
                key=f"common:{n}",
                title=title,
                body=("工作" if n % 7 else "") + body,
                agency=tree["dept_a"] if n % 3 else tree["dept_b"],
                index_no=f"COMMON/2024-{n:05d}",
                doc_number=rng.choice(["", "", f"示政发〔2024〕{n}号", "预算公开〔2023〕1号"]),
                genre=rng.choice(["notice", "news"]),
                # Few distinct dates: ties are broken by id.
                published_on=None if n % 29 == 0 else dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(6)),
            )
        )
    documents = indexing.index_documents(entries)
    sampled = [d for d in documents if sample_bucket(d.pk) < get_backend_rate_level()]
    assert sampled, "the batch must reach the sample"
    return documents


def get_backend_rate_level() -> int:
    """Buckets in the sample the backend reads (an estimate is hits ÷ this rate)."""
    from django.db import connection

    backend = get_backend()
    if connection.vendor == "postgresql":
        return backend.sample_level()
    from gongkai.search.backends.base import SAMPLE_LEVEL

    return SAMPLE_LEVEL


@pytest.fixture
def estimating(monkeypatch):
    monkeypatch.setattr(selectors, "ESTIMATE_MIN_SAMPLE_HITS", 1)
    monkeypatch.setattr(selectors, "DENSITY_LIMIT", 0)  # above the threshold no density score


def truth(documents, q):
    query = text.parse_query(q)
    bodies = dict(SearchText.objects.values_list("pk", "body"))
    return [d for d in documents if text.matches(query, d.title + bodies.get(d.pk, ""))]


def test_a_common_term_gets_an_estimated_total_and_facets(corpus, estimating):
    matching = truth(corpus, "工作")
    level = get_backend_rate_level()
    in_sample = [d for d in matching if sample_bucket(d.pk) < level]
    outcome = selectors.search(selectors.SearchParams(q="工作"))
    assert outcome.total_estimated
    assert outcome.total == selectors._round_estimate(len(in_sample) * SAMPLE_BUCKETS / level)
    estimated_genres = {f["value"]: f["count"] for f in outcome.facets["genre"]}
    sampled_genres = {d.genre for d in in_sample}
    assert set(estimated_genres) == sampled_genres
    assert len(outcome.results) == 20


def test_the_exact_count_is_given_on_demand(corpus, estimating):
    matching = truth(corpus, "工作")
    outcome = selectors.search(selectors.SearchParams(q="工作", exact=True))
    assert not outcome.total_estimated
    assert outcome.total == len(matching)
    assert sum(f["count"] for f in outcome.facets["agency"]) == len(matching)


def test_rare_terms_are_always_counted_exactly(corpus):
    outcome = selectors.search(selectors.SearchParams(q="工作"))
    assert not outcome.total_estimated and outcome.total == len(truth(corpus, "工作"))


@pytest.mark.parametrize(
    "q",
    ["工作", "预算公开", "政务公开 工作", "工作 -安全", "公", "预算公开 -乡村振兴", "政府信息", "2024"],
)
@pytest.mark.parametrize("sort", ["relevance", "date"])
@pytest.mark.parametrize(
    ("sort_limit", "walk_budget", "early_look"),
    [(0, 5_000, 10**9), (2000, 5_000, 10**9), (0, 4, 10**9), (0, 5_000, 8)],
    ids=[
        "levels-walked",
        "levels-from-the-title-index",
        "walks-give-way-to-the-title-index",
        "walks-give-up-at-a-slow-pace",
    ],
)
def test_the_first_page_shortcut_gives_the_full_rankings_order(
    corpus, estimating, monkeypatch, q, sort, sort_limit, walk_budget, early_look
):
    # Small steps, so that the title candidates and the recency walk each take several.
    monkeypatch.setattr(selectors, "SHORTCUT_TITLE_SORT_LIMIT", sort_limit)
    # A walk at a level with many titles stops after this many documents: the level is then read
    # from the title index when every title there matches, else the page is ranked in full.
    monkeypatch.setattr(selectors, "SHORTCUT_WALK_BEFORE_TITLES", walk_budget)
    # SQLite checks few ids one by one, more in one pass over their rowid range: both here.
    monkeypatch.setattr(sqlite_fts5, "VERIFY_BY_ID", 0 if sort_limit == 0 else 64)
    monkeypatch.setattr(selectors, "SHORTCUT_TITLE_CHUNK", 3)
    monkeypatch.setattr(selectors, "SHORTCUT_WALK_CHUNK", 4)
    monkeypatch.setattr(selectors, "SHORTCUT_WALK_CHUNK_MAX", 9)
    # A walk past this many documents gives up when its pace cannot fill the page.
    monkeypatch.setattr(selectors, "WALK_EARLY_LOOK", early_look)
    query = selectors.parse(q)
    for agency in ("", "dept-b"):
        where, args = selectors._filters(selectors.SearchParams(q=q, agency=agency))
        for page in (1, 2, 3, 7):
            params = selectors.SearchParams(q=q, agency=agency, sort=sort, page=page, size=7)
            with selectors._prepared():
                shortcut = selectors._first_page(query, where, args, params)
                full = selectors._page(query, where, args, params)
            if shortcut is None:  # a level whose titles must each be verified gives up
                assert early_look < 10**9 or (walk_budget < 5_000 and sort == "relevance"), (q, agency, page)
                continue
            assert shortcut == full, (q, agency, page)


@pytest.mark.parametrize("q", ["工作", "政务公开 工作"])
def test_a_walk_that_finds_too_little_gives_way_to_the_title_index(corpus, estimating, monkeypatch, q):
    """Titles holding every term (no exclusion) need no verification: after a short walk the level
    is read from the title index, sorted, and the page is the full ranking's."""
    monkeypatch.setattr(selectors, "SHORTCUT_TITLE_SORT_LIMIT", 0)
    monkeypatch.setattr(selectors, "SHORTCUT_WALK_BEFORE_TITLES", 4)
    monkeypatch.setattr(selectors, "SHORTCUT_WALK_CHUNK", 4)
    query = selectors.parse(q)
    where, args = selectors._filters(selectors.SearchParams(q=q))
    params = selectors.SearchParams(q=q, size=3)
    with selectors._prepared():
        shortcut = selectors._first_page(query, where, args, params)
        full = selectors._page(query, where, args, params)
    assert shortcut is not None and len(shortcut) == 3
    assert shortcut == full


def test_a_walk_that_keeps_no_pace_stops_early_and_the_page_is_the_same(tree, estimating, monkeypatch):
    """The titles holding the term are all old: a walk of the newest documents meets none, and
    past WALK_EARLY_LOOK documents it gives up instead of reading the rest of its budget; the level
    is then read from the title index, and the page is the full ranking's either way."""
    old = [
        indexing.Entry(
            key=f"pace:old:{n}",
            title="关于预算公开的通知",
            body="预算公开工作要求",
            agency=tree["dept_a"],
            index_no=f"PACE/2020-{n:05d}",
            published_on=dt.date(2020, 3, 1) + dt.timedelta(days=n),
        )
        for n in range(3)
    ]
    new = [
        indexing.Entry(
            key=f"pace:new:{n}",
            title=f"第{n}期工作简报",
            body="落实预算公开要求" if n % 2 else "落实责任",
            agency=tree["dept_a"],
            index_no=f"PACE/2024-{n:05d}",
            published_on=dt.date(2024, 1, 1) + dt.timedelta(days=n),
        )
        for n in range(60)
    ]
    indexing.index_documents(old + new)
    monkeypatch.setattr(selectors, "SHORTCUT_TITLE_SORT_LIMIT", 0)  # every title level is walked first
    monkeypatch.setattr(selectors, "SHORTCUT_WALK_BEFORE_TITLES", 40)
    monkeypatch.setattr(selectors, "SHORTCUT_WALK_CHUNK", 5)
    monkeypatch.setattr(selectors, "SHORTCUT_WALK_CHUNK_MAX", 5)
    query = selectors.parse("预算公开")
    where, args = selectors._filters(selectors.SearchParams(q="预算公开"))
    params = selectors.SearchParams(q="预算公开", size=10)

    def first_page(early_look):
        monkeypatch.setattr(selectors, "WALK_EARLY_LOOK", early_look)
        with selectors._prepared(), CaptureQueriesContext(connection) as statements:
            page = selectors._first_page(query, where, args, params)
        windows = [s for s in statements if "ORDER BY w.published_on DESC" in s["sql"]]
        return page, len(windows)

    patient, patient_windows = first_page(10**9)
    hasty, hasty_windows = first_page(10)
    with selectors._prepared():
        full = selectors._page(query, where, args, params)
    assert patient == hasty == full
    assert set(SearchDocument.objects.filter(pk__in=full[:3]).values_list("key", flat=True)) == {
        f"pace:old:{n}" for n in range(3)
    }
    # The title level's walk read 8 windows of 5 (its budget of 40) before; it now stops after 2.
    assert patient_windows - hasty_windows == 6


def test_search_pages_are_the_same_with_and_without_estimates(corpus, estimating):
    for q in ("工作", "政务公开", "工作 -通知", "预算公开〔2023〕1号"):
        for page in (1, 2):
            estimated = selectors.search(selectors.SearchParams(q=q, page=page))
            exact = selectors.search(selectors.SearchParams(q=q, page=page, exact=True))
            assert [r["key"] for r in estimated.results] == [r["key"] for r in exact.results], q


def test_a_page_beyond_the_shortcut_is_ranked_in_full(corpus, estimating, monkeypatch):
    monkeypatch.setattr(selectors, "SHORTCUT_MAX_DEPTH", 10)
    query = selectors.parse("工作")
    where, args = selectors._filters(selectors.SearchParams(q="工作"))
    params = selectors.SearchParams(q="工作", page=3, size=5)
    assert selectors._first_page(query, where, args, params) is None
    deep = selectors.search(params)
    exact = selectors.search(selectors.SearchParams(q="工作", page=3, size=5, exact=True))
    assert deep.total_estimated and [r["key"] for r in deep.results] == [r["key"] for r in exact.results]


def test_the_api_flags_an_estimate_and_counts_exactly_on_request(corpus, estimating, client):
    body = client.get("/api/v1/search", {"q": "工作"}).json()
    assert body["total_estimated"] is True
    body = client.get("/api/v1/search", {"q": "工作", "exact": "true"}).json()
    assert body["total_estimated"] is False and body["total"] == len(truth(corpus, "工作"))


def test_the_results_page_says_about_and_links_the_exact_count(corpus, estimating, client):
    page = client.get("/search/", {"q": "工作"}).content.decode()
    assert "找到约" in page and "精确统计" in page and "exact=1" in page
    page = client.get("/search/", {"q": "工作", "exact": "1"}).content.decode()
    assert "找到约" not in page and f"找到 {len(truth(corpus, '工作'))} 条结果" in page


def test_an_exact_count_over_its_time_limit_gives_the_estimate(corpus, estimating, settings, client):
    estimated = selectors.search(selectors.SearchParams(q="工作"))
    settings.GONGKAI_SEARCH_EXACT_SECONDS = 0  # the exact count is stopped before it starts
    outcome = selectors.search(selectors.SearchParams(q="工作", exact=True))
    assert outcome.total_estimated and outcome.exact_unavailable
    assert (outcome.total, outcome.facets) == (estimated.total, estimated.facets)
    assert [r["key"] for r in outcome.results] == [r["key"] for r in estimated.results]
    body = client.get("/api/v1/search", {"q": "工作", "exact": "true"}).json()
    assert body["exact_unavailable"] is True and body["total_estimated"] is True
    assert body["total"] == estimated.total
    page = client.get("/search/", {"q": "工作", "exact": "1"}).content.decode()
    assert "精确统计用时过长" in page and "找到约" in page and ">精确统计</a>" not in page
    # Narrowing keeps the request for an exact count.
    assert "agency=dept-a&amp;exact=1" in page


def test_a_stopped_exact_count_of_a_rarer_term_is_still_exact(corpus, settings):
    settings.GONGKAI_SEARCH_EXACT_SECONDS = 0
    # No estimate for a term the sample finds rarely: the count is cheap, and made without the limit.
    outcome = selectors.search(selectors.SearchParams(q="工作", exact=True))
    assert not outcome.total_estimated and not outcome.exact_unavailable
    assert outcome.total == len(truth(corpus, "工作"))


def test_a_search_over_its_time_limit_is_stopped_with_a_clear_error(corpus, settings, client):
    settings.GONGKAI_SEARCH_SECONDS = 0
    with pytest.raises(selectors.SearchTimeout):
        selectors.search(selectors.SearchParams(q="工作"))
    response = client.get("/api/v1/search", {"q": "工作"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "search_timeout"
    assert "缩小范围" in response.json()["error"]["message"]
    response = client.get("/search/", {"q": "工作"})
    assert response.status_code == 503
    assert "检索用时过长" in response.content.decode()
    settings.GONGKAI_SEARCH_SECONDS = None  # no limit: the same search runs
    assert selectors.search(selectors.SearchParams(q="工作")).total == len(truth(corpus, "工作"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_a_stopped_exact_count_says_so_and_narrowing_asks_again(
    corpus, estimating, settings, live_server, page
):
    settings.GONGKAI_SEARCH_EXACT_SECONDS = 0
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/search/?q=工作")
    page.get_by_role("link", name="精确统计").click()
    note = page.locator(".search-estimate")
    assert "精确统计用时过长" in note.inner_text()
    assert page.get_by_role("status").inner_text().startswith("找到约")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.locator(".search-facets a, aside a").filter(has_text="测试市甲局").first.click()
    assert "exact=1" in page.url and "agency=dept-a" in page.url
    assert "精确统计用时过长" in page.locator(".search-estimate").inner_text()
    assert page.console_errors == []
    settings.GONGKAI_SEARCH_SECONDS = 0
    response = page.goto(live_server.url + "/search/?q=工作")
    assert response.status == 503
    assert "检索用时过长" in page.get_by_role("alert").inner_text()


def test_the_commonest_terms_are_estimated_from_the_smallest_sample(corpus, estimating, monkeypatch, tree):
    monkeypatch.setattr(selectors, "ESTIMATE_MIN_SMALL_SAMPLE_HITS", 1)
    rate = get_backend().samples(selectors.parse("工作"))[0][2]  # the smallest sample, read first
    smallest = round(rate * SAMPLE_BUCKETS)
    documents = list(corpus)
    # Consecutive ids: every 1,024 hold `smallest` of that sample; add documents until one is in it.
    while not any(sample_bucket(d.pk) < smallest for d in documents):
        documents += indexing.index_documents(
            [
                indexing.Entry(key=f"more:{len(documents) + n}", title="工作简报", body="工作", agency=tree["dept_a"])
                for n in range(50)
            ]
        )
    in_sample = [d for d in truth(documents, "工作") if sample_bucket(d.pk) < smallest]
    outcome = selectors.search(selectors.SearchParams(q="工作"))
    assert outcome.total_estimated
    assert outcome.total == selectors._round_estimate(len(in_sample) * SAMPLE_BUCKETS / smallest)
