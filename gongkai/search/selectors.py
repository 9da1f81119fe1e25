"""Public full-text search: parse, match, filter, facet, rank, highlight, paginate.

Only documents marked ``public`` are ever read (providers index only published, proactive,
non-internal records; the flag is a second guard). The backend answers which documents match;
filters, facets and ordering are the same SQL on every backend.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction

from gongkai.agencies.models import Agency
from gongkai.core.errors import DomainError, InvalidInput, NotFound
from gongkai.search import indexing, limits, suggest, text
from gongkai.search.backends import get_backend
from gongkai.search.models import SearchDocument, SearchText

MAX_QUERY_LENGTH = 100
MAX_PAGE_SIZE = 100
# Above this many hits, relevance order skips the density score (title/文号 hits, then recency):
# scoring every hit of a very common word costs more than it tells.
DENSITY_LIMIT = 1000
SORTS = ("relevance", "date")
# Counts of very common terms are estimated from the sample (``backends.base``) when it holds at
# least this many hits (≈ 2,000 hits at a 5 % sample; relative error ≈ 1/√100 = 10 %), unless the
# exact count is asked for: counting every hit costs time proportional to the hits.
ESTIMATE_MIN_SAMPLE_HITS = 100
# A backend's smaller sample (read first, ``backends.base.SearchBackend.samples``) estimates a term
# it holds this often (relative error ≈ 7 %): a term in ≥ ~⅓ of the documents at a 0.6 % sample.
ESTIMATE_MIN_SMALL_SAMPLE_HITS = 200
# The first-page shortcut (titles and 文号 first, then recency) serves pages up to this depth; a
# deeper page is ranked in full.
SHORTCUT_MAX_DEPTH = 200
# The recency walk for a page gives up after this many documents (then the page is ranked in full).
SHORTCUT_MAX_SCANNED = 20_000
# … or after this many, for a level with many titles in the title index (its matches are rare
# among the newest documents: 2023 at 1,000,000 items, 18,486 titles of 2023 and before).
SHORTCUT_WALK_BEFORE_TITLES = 5_000
# A level of the ranking whose title-index superset holds at most this many documents is read
# from the index and sorted; a larger one by the recency walk.
SHORTCUT_TITLE_SORT_LIMIT = 2_000
# Rows read per step: title candidates, then the recency walk (doubling up to the maximum).
SHORTCUT_TITLE_CHUNK = 50
SHORTCUT_WALK_CHUNK = 50
SHORTCUT_WALK_CHUNK_MAX = 2_000
# A walk looks at its pace once it has read this many documents (four chunks: 50 + 100 + 200 + 400):
# when even twice the matches found so far, kept up over its whole budget, would not fill the page,
# it gives up there rather than read the rest of its budget (1,000,000 items: 义务教育 -双减 met 3
# titles at its level in 5,150 documents, 2023 none; both read ~22 ms of windows for nothing).
WALK_EARLY_LOOK = 750
WALK_PACE_MARGIN = 2


@dataclass
class SearchParams:
    q: str
    agency: str = ""
    genre: str = ""
    year: int | None = None
    column: str = ""
    validity: str = ""
    sort: str = "relevance"
    page: int = 1
    size: int = 20
    exact: bool = False  # exact counts even for very common terms (slower)


@dataclass
class SearchOutcome:
    total: int
    took_ms: float
    results: list[dict]
    facets: dict[str, list[dict]]
    page: int
    size: int
    query: text.Query
    suggestion: str | None = None
    redirect: dict | None = None
    extra: dict = field(default_factory=dict)
    # True when total and facet counts are estimated from the sample (very common terms).
    total_estimated: bool = False
    # True when an exact count was asked for but stopped at its time limit (the estimate is shown).
    exact_unavailable: bool = False


class SearchTimeout(DomainError):
    """The search reached its time limit (``settings.GONGKAI_SEARCH_SECONDS``) and was stopped."""

    status = 503

    def __init__(self):
        super().__init__(
            "search_timeout",
            "检索用时过长，已停止。请增加检索词，或按机构、体裁、年份筛选，缩小范围后再试",
            {"limit_seconds": settings.GONGKAI_SEARCH_SECONDS},
        )


def parse(raw: str) -> text.Query:
    """The parsed query, or ``InvalidInput`` for an empty, oversized or exclusion-only query."""
    raw = (raw or "").strip()
    if not raw:
        raise InvalidInput("query_empty", "请输入检索词")
    if len(raw) > MAX_QUERY_LENGTH:
        raise InvalidInput(
            "query_too_long", f"检索词不能超过{MAX_QUERY_LENGTH}个字符", {"max_length": MAX_QUERY_LENGTH}
        )
    query = text.parse_query(raw)
    # NFKC may lengthen a term (⑩ → 10, ㍻ → 平成): the index finds a term of at most
    # MAX_QUERY_LENGTH normalised characters (the PostgreSQL sections' overlap assumes so).
    if any(len(term) > MAX_QUERY_LENGTH for term in (*query.terms, *query.excluded)):
        raise InvalidInput(
            "query_too_long",
            f"检索词过长：每个检索词不能超过{MAX_QUERY_LENGTH}个字符（带圈数字等符号按展开后的字符计）",
            {"max_length": MAX_QUERY_LENGTH},
        )
    if query.empty:
        if query.excluded:
            raise InvalidInput("query_only_exclusions", "请至少输入一个需要包含的检索词")
        raise InvalidInput("query_empty", "检索词不能只包含标点或空格")
    return query


def _contains(column: str) -> str:
    function = "strpos" if connection.vendor == "postgresql" else "instr"
    return f"(CASE WHEN {function}({column}, %s) > 0 THEN 1 ELSE 0 END)"


def _filters(params: SearchParams) -> tuple[list[str], list]:
    """WHERE clauses on ``d`` for the filters. An agency code that names no agency is refused
    (``agency_not_found``, as by every list of the API), not answered with an empty result."""
    where, args = ["d.public = %s"], [True]
    if params.agency:
        agency = Agency.objects.filter(code=params.agency).only("path").first()
        if agency is None:
            raise NotFound("agency_not_found", f"未找到机构“{params.agency}”", {"agency": params.agency})
        where.append("d.agency_path LIKE %s")
        args.append(agency.path + "%")  # "/1/5/": digits and slashes only
    for name in ("genre", "validity"):
        if getattr(params, name):
            where.append(f"d.{name} = %s")
            args.append(getattr(params, name))
    if params.year:
        where.append("d.year = %s")
        args.append(params.year)
    if params.column:
        where.append(f"{_contains('d.columns')} = 1")
        args.append(f"|{params.column}|")
    return where, args


# Within one search(): one backend instance (what its ``prepare`` read stays with it) and the
# exact look-up, which every query built asks for, run once.
_search_state: ContextVar[dict | None] = ContextVar("search_state", default=None)


def _backend():
    state = _search_state.get()
    if state is None:
        return get_backend()
    if "backend" not in state:
        state["backend"] = get_backend()
    return state["backend"]


def _exact_ids(query: text.Query) -> list[int]:
    """Documents whose 索引号 or 文号 is exactly the query (both columns are indexed)."""
    if len(query.terms) != 1 or query.excluded or len(query.terms[0]) < 4:
        return []
    state = _search_state.get()
    memo = state.setdefault("exact", {}) if state is not None else None
    if memo is not None and query in memo:
        return memo[query]
    # Two indexed look-ups in one statement (an OR of both columns would scan the table).
    sql = " UNION ".join(
        f"SELECT id FROM (SELECT id FROM search_searchdocument WHERE {column} = %s LIMIT 10) AS {column}"  # noqa: S608
        for column in ("doc_number_key", "index_no_key")
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.terms[0]] * 2)
        ids = sorted(row[0] for row in cursor.fetchall())
    if memo is not None:
        memo[query] = ids
    return ids


def _candidates(query: text.Query, scored: bool, ids: list[int] | None = None) -> tuple[str, list]:
    """Matching document ids (with density scores), plus an exact 索引号/文号 match; with
    ``ids`` (every hit, found before) scored without matching again where the backend can."""
    backend = _backend()
    if scored and ids is not None and backend.scores_ids:
        return backend.scored_sql(query, ids)
    sql, args = backend.scored_sql(query) if scored else backend.match_sql(query)
    exact = _exact_ids(query)
    if exact:
        placeholders = ", ".join(["%s"] * len(exact))
        columns = "id, 0" if scored else "id"
        sql = f"{sql} UNION SELECT {columns} FROM search_searchdocument WHERE id IN ({placeholders})"  # noqa: S608
        args = [*args, *exact]
    return sql, args


def _facets(rows: list[tuple]) -> dict[str, list[dict]]:
    agencies: dict[int, int] = {}
    genres: dict[str, int] = {}
    years: dict[int, int] = {}
    for agency_id, genre, year, count in rows:
        agencies[agency_id] = agencies.get(agency_id, 0) + count
        if genre:
            genres[genre] = genres.get(genre, 0) + count
        if year:
            years[year] = years.get(year, 0) + count
    names = {a.pk: a for a in Agency.objects.filter(pk__in=agencies).only("code", "name")}
    labels = indexing.genre_labels()
    return {
        "agency": [
            {"value": names[pk].code, "label": names[pk].name, "count": n}
            for pk, n in sorted(agencies.items(), key=lambda kv: (-kv[1], kv[0]))
            if pk in names
        ],
        "genre": [
            {"value": g, "label": labels.get(g, g), "count": n}
            for g, n in sorted(genres.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "year": [{"value": y, "label": str(y), "count": n} for y, n in sorted(years.items(), reverse=True)],
    }


def _title_hits(query, alias: str = "d") -> tuple[str, list]:
    """How many terms the title holds (the first ranking key)."""
    return "(" + " + ".join([_contains(f"{alias}.title_key")] * len(query.terms)) + ")", list(query.terms)


def _number_hit(query, alias: str = "d") -> tuple[str, list]:
    """1 when the 文号 holds the terms' concatenation (the second ranking key)."""
    return _contains(f"{alias}.doc_number_key"), ["".join(query.terms)]


def _order(query, params, scored: bool, alias: str = "d", score=("m.score", ())) -> tuple[list[str], list]:
    order, order_args = [], []
    if params.sort == "relevance":
        hits, hits_args = _title_hits(query, alias)
        order.append(f"{hits} DESC")
        order_args += hits_args
        number, number_args = _number_hit(query, alias)
        order.append(f"{number} DESC")
        order_args += number_args
        if scored:
            order.append(f"{score[0]} ASC")
            order_args += score[1]
    order += [f"{alias}.published_on DESC", f"{alias}.id DESC"]
    return order, order_args


def _ranked_ids(query, where, args, params, hits: list[int] | None = None) -> list[int]:
    """The page in relevance order with the density score (only run for ≤ DENSITY_LIMIT hits,
    ``hits`` when the first statement returned them)."""
    source, source_args = _candidates(query, scored=True, ids=hits)
    order, order_args = _order(query, params, scored=True)
    sql = (
        # CROSS JOIN: SQLite keeps the hits as the outer loop.
        f"SELECT d.id FROM ({source}) AS m "  # noqa: S608
        f"CROSS JOIN search_searchdocument d WHERE d.id = m.doc_id AND {' AND '.join(where)} "
        f"ORDER BY {', '.join(order)} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*source_args, *args, *order_args, params.size, (params.page - 1) * params.size])
        return [row[0] for row in cursor.fetchall()]


def _facets_and_page(
    query, where, args, params, scored: bool = False
) -> tuple[int, list[tuple], list[int], list[int] | None]:
    """Total, facet rows and the page (without density score) from ONE statement: the match and
    its join to the metadata are materialised once and both the counts and the page read them.
    ``scored`` (backends scoring only inside the match, when few hits are expected): the match
    carries the density score and the page uses it when there are ≤ DENSITY_LIMIT hits, so the
    density ranking does not match again. Otherwise also every hit's id when there are few enough
    for the density ranking and the backend scores given documents (else None)."""
    source, source_args = _candidates(query, scored=scored)
    # With the score, a document the exact look-up adds may also match: one row, its best score.
    score = ", MIN(m.score) AS score" if scored else ""
    grouped = " GROUP BY d.id" if scored else ""
    ranked = ("CASE WHEN (SELECT COUNT(*) FROM h) <= %s THEN h.score END", (DENSITY_LIMIT,))
    order, order_args = _order(query, params, scored=scored, alias="h", score=ranked)
    # With the score the match is materialised: SQLite refuses bm25 in an aggregate once the
    # match is flattened into it.
    matched = f"m AS MATERIALIZED ({source}), " if scored else ""
    sql = (
        f"WITH {matched}h AS MATERIALIZED (SELECT d.id, d.agency_id, d.genre, d.year, d.published_on, "  # noqa: S608
        f"d.title_key, d.doc_number_key{score} FROM {'m' if scored else f'({source}) AS m'} "
        f"CROSS JOIN search_searchdocument d WHERE d.id = m.doc_id AND {' AND '.join(where)}{grouped}) "
        "SELECT 0, agency_id, genre, year, COUNT(*) FROM h GROUP BY agency_id, genre, year "
        "UNION ALL SELECT 1, id, NULL, NULL, row_number() OVER () FROM "
        f"(SELECT h.id FROM h ORDER BY {', '.join(order)} LIMIT %s OFFSET %s) AS page"
    )
    sql_args = [*source_args, *args, *order_args, params.size, (params.page - 1) * params.size]
    want_hits = params.sort == "relevance" and _backend().scores_ids and not scored
    if want_hits:
        sql += " UNION ALL SELECT 2, id, NULL, NULL, NULL FROM h WHERE (SELECT COUNT(*) FROM h) <= %s"
        sql_args.append(DENSITY_LIMIT)
    with connection.cursor() as cursor:
        cursor.execute(sql, sql_args)
        fetched = cursor.fetchall()
    rows = [row[1:] for row in fetched if row[0] == 0]
    page = [row[1] for row in sorted((row for row in fetched if row[0] == 1), key=lambda row: row[4])]
    hits = [row[1] for row in fetched if row[0] == 2] if want_hits else None
    return sum(row[3] for row in rows), rows, page, hits


def _sample_rows(sample: str, sample_args: list, rate: float, where, args) -> tuple[list[tuple], float]:
    """Facet rows (agency, genre, year, hits) of the sample's matching documents, and its rate."""
    sql = (
        f"SELECT d.agency_id, d.genre, d.year, COUNT(*) FROM ({sample}) AS m "  # noqa: S608
        f"CROSS JOIN search_searchdocument d WHERE d.id = m.doc_id AND {' AND '.join(where)} "
        "GROUP BY d.agency_id, d.genre, d.year"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*sample_args, *args])
        return cursor.fetchall(), rate


def _estimate(query, where, args) -> tuple[int, list[tuple]] | None:
    """Total and facet rows estimated from the sample, or None when the sample holds too few hits
    for an estimate (then the exact count is cheap enough; the search's state keeps the rough
    expectation as ``expected``)."""
    samples = _backend().samples(query)
    for n, sample in enumerate(samples):
        rows, rate = _sample_rows(*sample, where, args)
        hits = sum(row[3] for row in rows)
        if n < len(samples) - 1 and hits >= ESTIMATE_MIN_SMALL_SAMPLE_HITS:
            break
    if hits < ESTIMATE_MIN_SAMPLE_HITS:
        state = _search_state.get()
        if state is not None:
            state["expected"] = hits / rate
        return None
    scaled = [(*row[:3], max(1, round(row[3] / rate))) for row in rows]
    return _round_estimate(hits / rate), scaled


def _round_estimate(value: float) -> int:
    """Two significant digits: an estimate should not look exact."""
    magnitude = 10 ** max(len(str(int(value))) - 2, 0)
    return int(round(value / magnitude) * magnitude)


def _verified(query, ids: list[int]) -> set[int]:
    """Which of ``ids`` match the query (or are its exact 索引号/文号 document)."""
    if not ids:
        return set()
    return _backend().verify(query, ids) | (set(_exact_ids(query)) & set(ids))


def _counts_upto(sources: list[tuple[str, list]], limit: int) -> list[int]:
    """Rows of each ``(sql, args)``, counting no further than ``limit`` + 1, in one statement."""
    columns, args = [], []
    for n, (sql, sql_args) in enumerate(sources):
        columns.append(f"(SELECT COUNT(*) FROM ({sql} LIMIT %s) AS bounded{n})")  # noqa: S608
        args += [*sql_args, limit + 1]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", args)
        return list(cursor.fetchone())


def _walk_sql(where: list[str], args: list, level: str = "TRUE", level_args=()) -> tuple[str, list]:
    """The filtered documents newest first, a window at a time (``LIMIT %s OFFSET %s`` appended
    inside), each with 1 when it is at ``level`` (an expression on ``w``). The window is read in
    the date index's order and filtered after: with the level in its WHERE, PostgreSQL planned a
    bitmap scan of every document and a sort (it cannot tell how selective the level is), 40–65 ms
    against a few for the ordered scan that stops at the window's end (100,000 items)."""
    return (
        f"SELECT w.id, CASE WHEN {level} THEN 1 ELSE 0 END FROM ("  # noqa: S608
        "SELECT d.id, d.published_on, d.title_key, d.doc_number_key FROM search_searchdocument d "
        f"WHERE {' AND '.join(where)} ORDER BY d.published_on DESC, d.id DESC LIMIT %s OFFSET %s) AS w "
        "ORDER BY w.published_on DESC, w.id DESC",
        [*level_args, *args],
    )


def _take(
    query,
    rows_sql,
    rows_args,
    found,
    wanted,
    walk: bool,
    trusted: bool = False,
    budget: int = SHORTCUT_MAX_SCANNED,
) -> bool:
    """Append the matching ids of ``rows_sql`` (ordered; ``LIMIT %s OFFSET %s`` appended) to
    ``found`` until it holds ``wanted``; False when a walk gives up (``budget`` rows read).
    A walk's rows are a window of ``_walk_sql`` (only those at the level are candidates); past
    WALK_EARLY_LOOK rows it also gives up when its pace cannot fill the page within ``budget``.
    ``trusted``: every row matches (titles holding every term, no exclusion)."""
    offset, chunk = 0, SHORTCUT_WALK_CHUNK if walk else SHORTCUT_TITLE_CHUNK
    start = len(found)
    with connection.cursor() as cursor:
        while len(found) < wanted:
            if walk and offset >= budget:
                return False
            if walk and offset >= WALK_EARLY_LOOK:
                pace = (len(found) - start) / offset
                if start + WALK_PACE_MARGIN * pace * budget < wanted:
                    return False
            cursor.execute(
                rows_sql if walk else f"{rows_sql} LIMIT %s OFFSET %s", [*rows_args, chunk, offset]
            )
            rows = cursor.fetchall()
            ids = [row[0] for row in rows if not walk or row[1]]
            matching = set(ids) if trusted else _verified(query, ids)
            found += [i for i in ids if i in matching]
            if len(rows) < chunk:
                break
            offset += chunk
            if walk:
                chunk = min(chunk * 2, SHORTCUT_WALK_CHUNK_MAX)
    return True


def _first_page(query, where, args, params) -> list[int] | None:
    """The page of the ranking without density score (title hits, 文号 hit, recency), read without
    visiting every hit. The order is by level — (terms in the title, 文号 hit) — then recency; each
    level is read newest first, either from the title index (its documents sorted, when the index
    gives few) or by walking all documents newest first (the filters' date index) and keeping the
    matching ones at that level. The same order as ``_facets_and_page``; None when the page is
    too deep or a walk finds too little."""
    wanted = params.page * params.size
    if wanted > SHORTCUT_MAX_DEPTH:
        return None
    found: list[int] = []
    if params.sort != "relevance":
        ok = _take(query, *_walk_sql(where, args), found, wanted, walk=True)
        return found[(params.page - 1) * params.size : wanted] if ok else None
    backend = _backend()
    # The level (terms in the title, 文号 hit) on the walk's rows (w) and on the title rows (t).
    walk_hits, hits_args = _title_hits(query, "w")
    walk_number, number_args = _number_hit(query, "w")
    title_hits, _ = _title_hits(query, "t")
    title_number, _ = _number_hit(query, "t")
    k = len(query.terms)
    # Supersets in the title index: any term in the title, every term in it, the 文号 hit.
    indexes = {mode: backend.title_sql(query, mode) for mode in ("any", "all", "number")}
    # One term: "any" and "all" are the same set, counted once.
    distinct = list(dict.fromkeys((sql, tuple(sql_args)) for sql, sql_args in indexes.values()))
    counts = dict(zip(distinct, _counts_upto(distinct, SHORTCUT_TITLE_SORT_LIMIT), strict=True))
    small = {
        mode: counts[sql, tuple(sql_args)] <= SHORTCUT_TITLE_SORT_LIMIT
        for mode, (sql, sql_args) in indexes.items()
    }
    for t in range(k, -1, -1):
        for d in (1, 0):
            if len(found) >= wanted:
                break
            title_level = f"{title_hits} = %s AND {title_number} = %s"
            level_args = [*hits_args, t, *number_args, d]
            trusted = t == k and not query.excluded
            source = "number" if d else ("all" if t == k else "any") if t else None
            if source and not small[source]:
                # Walk first (the level's documents are often among the newest). When they are
                # rare there and every title at the level matches, read them from the title index
                # after all, sorted (one read); when each must be verified (an excluded term, some
                # of several terms), rank the page in full: the index's chunks would be sorted
                # again and again (义务教育 -双减: 34,535 titles, 1,000,000 items).
                walk = _walk_sql(where, args, f"{walk_hits} = %s AND {walk_number} = %s", level_args)
                before = len(found)
                if _take(
                    query,
                    *walk,
                    found,
                    wanted,
                    walk=True,
                    trusted=trusted,
                    budget=SHORTCUT_WALK_BEFORE_TITLES,
                ):
                    continue
                if not trusted:
                    return None
                del found[before:]  # read again, in the same order, from the title index
            if source:
                index_sql, index_args = indexes[source]
                # The level is tested after the join (fenced): inside it PostgreSQL estimated the
                # documents at that level as one row and nested a rescan of the title index under
                # a walk of every document (政府, 1,451 titles, 20,000 items: 2.1 s against 5 ms).
                sql = (
                    "SELECT t.id FROM (SELECT d.id, d.published_on, d.title_key, d.doc_number_key "  # noqa: S608
                    f"FROM ({index_sql}) AS m CROSS JOIN search_searchdocument d "
                    f"WHERE d.id = m.doc_id AND {' AND '.join(where)}{backend.fence}) AS t "
                    f"WHERE {title_level} ORDER BY t.published_on DESC, t.id DESC"
                )
                _take(
                    query, sql, [*index_args, *args, *level_args], found, wanted, walk=False, trusted=trusted
                )
            else:
                walk = _walk_sql(where, args, f"{walk_hits} = %s AND {walk_number} = %s", level_args)
                if not _take(query, *walk, found, wanted, walk=True, trusted=trusted):
                    return None
    return found[(params.page - 1) * params.size : wanted]


def _page(query, where, args, params) -> list[int]:
    """The page of the ranking without density score, in full (no counts)."""
    source, source_args = _candidates(query, scored=False)
    order, order_args = _order(query, params, scored=False)
    sql = (
        f"SELECT d.id FROM ({source}) AS m "  # noqa: S608
        f"CROSS JOIN search_searchdocument d WHERE d.id = m.doc_id AND {' AND '.join(where)} "
        f"ORDER BY {', '.join(order)} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*source_args, *args, *order_args, params.size, (params.page - 1) * params.size])
        return [row[0] for row in cursor.fetchall()]


def _count_and_facets(query, where, args) -> tuple[int, list[tuple]]:
    source, source_args = _candidates(query, scored=False)
    sql = (
        f"SELECT d.agency_id, d.genre, d.year, COUNT(*) FROM ({source}) AS m "  # noqa: S608
        f"CROSS JOIN search_searchdocument d WHERE d.id = m.doc_id AND {' AND '.join(where)} "
        "GROUP BY d.agency_id, d.genre, d.year"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*source_args, *args])
        rows = cursor.fetchall()
    return sum(row[3] for row in rows), rows


def _snippet(title: str, body: str, terms: tuple[str, ...]) -> str:
    """Around the first match in the body; when only the title (or the seam) matches, from there."""
    excerpt = text.snippet(body, terms)
    if "<mark>" in excerpt:
        return excerpt
    return text.snippet(f"{title}\n{body}", terms)


def _body(document: SearchDocument) -> str:
    try:
        return document.text.body
    except SearchText.DoesNotExist:
        return ""


def _result(document: SearchDocument, body: str, query: text.Query) -> dict:
    return {
        "index_no": document.index_no,
        "title": document.title,
        "title_html": text.highlight(document.title, query.terms),
        "agency": document.agency.code,
        "agency_name": document.agency.name,
        "published_on": document.published_on,
        "doc_number": document.doc_number,
        "genre": document.genre,
        "validity": document.validity,
        "snippet": _snippet(document.title, body, query.terms),
        "url": document.url,
        "key": document.key,
    }


@contextmanager
def _prepared():
    """A transaction with the backend's session settings for search queries. Without settings
    (SQLite) no transaction: on SQLite it would begin with the writers' lock (``BEGIN
    IMMEDIATE``, measured 20 ms a search under load) for statements that only read."""
    backend = _backend()
    if not backend.session_settings:
        yield
        return
    with transaction.atomic(savepoint=False):  # inside the search's time limit: its transaction
        with connection.cursor() as cursor:
            backend.prepare(cursor)
        yield


def matching_ids(query: text.Query, params: SearchParams | None = None) -> set[int]:
    """Ids of every public document matching (benchmarks and tests compare them to ground truth)."""
    where, args = _filters(params or SearchParams(q=query.raw))
    source, source_args = _candidates(query, scored=False)
    sql = f"SELECT d.id FROM ({source}) AS m JOIN search_searchdocument d ON d.id = m.doc_id WHERE {' AND '.join(where)}"  # noqa: S608
    with _prepared(), connection.cursor() as cursor:
        cursor.execute(sql, [*source_args, *args])
        return {row[0] for row in cursor.fetchall()}


def count(query: text.Query, params: SearchParams | None = None) -> int:
    """How many public documents match (used by suggestions and tests)."""
    filters = _filters(params or SearchParams(q=query.raw))
    with _prepared():
        return _count_and_facets(query, *filters)[0]


def search(params: SearchParams) -> SearchOutcome:
    """Run a public search (domain/search.md), stopped at ``settings.GONGKAI_SEARCH_SECONDS``
    (``SearchTimeout``: a public parameter must not hold the database for long)."""
    token = _search_state.set({})
    try:
        with limits.time_limit(settings.GONGKAI_SEARCH_SECONDS):
            return _search(params)
    except limits.OverTime:
        raise SearchTimeout from None
    finally:
        _search_state.reset(token)


def _exact(query, where, args, params) -> tuple | None:
    """The exact count and facets with the page (``_facets_and_page``), or None when they take
    longer than ``settings.GONGKAI_SEARCH_EXACT_SECONDS`` (the caller falls back to the estimate)."""
    try:
        with limits.time_limit(settings.GONGKAI_SEARCH_EXACT_SECONDS):
            return _facets_and_page(query, where, args, params, False)
    except limits.OverTime:
        return None


def _search(params: SearchParams) -> SearchOutcome:
    started = time.perf_counter()
    query = parse(params.q)
    if params.sort not in SORTS:
        raise InvalidInput("invalid_sort", "排序方式只能是 relevance 或 date", {"allowed": list(SORTS)})
    if not 1 <= params.size <= MAX_PAGE_SIZE or params.page < 1:
        raise InvalidInput("invalid_page", "页码或每页条数不正确", {"max_size": MAX_PAGE_SIZE})
    filters = _filters(params)
    total, rows, ids, results, redirect, suggestion = 0, [], [], [], None, None
    estimated, hits, scored, counted, exact_stopped = False, None, False, False, False
    with _prepared():
        if params.exact:
            exact = _exact(query, *filters, params)
            counted, exact_stopped = exact is not None, exact is None
            if counted:
                total, rows, ids, hits = exact
        estimate = None if counted else _estimate(query, *filters)
        if estimate is not None:
            # A very common term: counts from the sample, the page without visiting every hit.
            estimated = True
            total, rows = estimate
            ids = _first_page(query, *filters, params)
            if ids is None:
                ids = _page(query, *filters, params)
        elif not counted:
            # The sample expects ≤ DENSITY_LIMIT hits: score them in the same statement (backends
            # scoring only inside the match; measured on SQLite, 100,000 items: "义务教育 -双减"
            # 70 → 47 ms of CPU; scoring 1,644 hits that then need no score cost 7 ms more).
            expected = (_search_state.get() or {}).get("expected", DENSITY_LIMIT + 1)
            scored = expected <= DENSITY_LIMIT and params.sort == "relevance" and not _backend().scores_ids
            total, rows, ids, hits = _facets_and_page(query, *filters, params, scored)
        if total and not estimated and params.sort == "relevance" and total <= DENSITY_LIMIT and not scored:
            ids = _ranked_ids(query, *filters, params, hits)
    if total:
        # One statement: the documents with their agency and text (the body for the snippet).
        documents = SearchDocument.objects.select_related("agency", "text").in_bulk(ids)
        results = [_result(documents[i], _body(documents[i]), query) for i in ids if i in documents]
        redirect = _redirect(query, filters)
    else:
        suggestion = suggest.suggestion(query, lambda q: count(q, params))
    return SearchOutcome(
        total=total,
        took_ms=round((time.perf_counter() - started) * 1000, 2),
        results=results,
        facets=_facets(rows),
        page=params.page,
        size=params.size,
        query=query,
        suggestion=suggestion,
        redirect=redirect,
        total_estimated=estimated,
        exact_unavailable=exact_stopped and estimated,
    )


def _redirect(query: text.Query, filters) -> dict | None:
    """A query that is exactly one public item's 索引号 or 文号 leads straight to it."""
    ids = _exact_ids(query)  # two indexed look-ups (an OR of both columns would scan the table)
    if not ids:
        return None
    document = SearchDocument.objects.filter(pk__in=ids, public=True).order_by("-published_on", "-id").first()
    if document is None:
        return None
    return {"index_no": document.index_no, "title": document.title, "url": document.url}
