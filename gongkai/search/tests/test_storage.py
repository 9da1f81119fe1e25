"""How the index is stored: on PostgreSQL the sections hold their text only and the GIN indexes are
over ``gongkai_grams(content)`` (migration 0006), the title index over the documents'
``gongkai_title_grams(title_key, doc_number_key)`` (0007); searches must use those indexes, exactly."""

import pytest
from django.db import connection

from gongkai.search import selectors, text
from gongkai.search.backends import get_backend, postgres
from gongkai.search.models import SearchDocument, SearchSection
from gongkai.testing import postgresql_only

pytestmark = pytest.mark.django_db

# These tests read PostgreSQL's own structures (SQL functions, GIN expression indexes, query plans);
# SQLite has none of them (its FTS5 tables are covered by the backend-neutral tests below and in
# test_search.py), and CI runs the suite on PostgreSQL too.
postgres_only = postgresql_only("PostgreSQL-only structures (gongkai_grams, GIN expression indexes)")


def python_grams(compacted: str) -> set[str]:
    return set(compacted[-1:]) | {compacted[i : i + 2] for i in range(len(compacted) - 1)}


@postgres_only
@pytest.mark.parametrize(
    "compacted",
    [
        "",
        "政",
        "政务",
        "政务公开",
        "政务公开工作要点",
        "2024年第3号abc",
        "公开公开公开",
        "a" * 2401,
        "了了了",
    ],
)
def test_the_server_computes_each_grams_once(compacted):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(gongkai_grams(%s))", [compacted])
        lexemes = cursor.fetchone()[0]
    assert len(lexemes) == len(set(lexemes))  # deduplicated
    assert set(lexemes) == python_grams(compacted)


def python_title_grams(title_key: str, number_key: str) -> set[str]:
    """Every character and bigram of the title, and of the 文号 behind "#"."""
    grams = set(title_key) | {title_key[i : i + 2] for i in range(len(title_key) - 1)}
    grams |= {"#" + char for char in number_key}
    return grams | {"#" + number_key[i : i + 2] for i in range(len(number_key) - 1)}


@postgres_only
@pytest.mark.parametrize(
    ("title_key", "number_key"),
    [
        ("", ""),
        ("政", ""),
        ("政务公开", ""),
        ("", "京"),
        ("关于做好2024年政务公开工作的通知", "京政办发202412号"),
        ("了了了", "11"),
    ],
)
def test_the_server_computes_the_title_grams(title_key, number_key):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(gongkai_title_grams(%s, %s))", [title_key, number_key])
        lexemes = cursor.fetchone()[0]
    assert len(lexemes) == len(set(lexemes))
    assert set(lexemes) == python_title_grams(title_key, number_key)


@postgres_only
@pytest.mark.parametrize("mode", ["any", "all", "number"])
def test_title_queries_use_the_documents_title_index(add, mode):
    add("关于政务公开工作的通知", "各单位：请做好政务公开工作。")
    backend = get_backend()
    sql, params = backend.title_sql(text.parse_query("政务 通知"), mode)
    with connection.cursor() as cursor:
        backend.prepare(cursor)
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(sql, params)
        found = {row[0] for row in cursor.fetchall()}
    assert "search_document_title_gin" in plan
    assert found == (set() if mode == "number" else set(SearchDocument.objects.values_list("pk", flat=True)))


@postgres_only
def test_sections_store_their_text_and_no_tsvector(add):
    add("关于政务公开工作的通知", "各单位：请做好政务公开工作。" * 300)
    assert "tsv" not in {field.name for field in SearchSection._meta.get_fields()}
    sections = list(SearchSection.objects.order_by("ordinal").values_list("content", flat=True))
    assert len(sections) > 1  # longer than one section
    assert sections[0].startswith(text.searchable("关于政务公开工作的通知"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bool_and(gongkai_grams(content) @@ %s::tsquery) FROM search_searchsection",
            [postgres.tsquery_term("政务")],
        )
        assert cursor.fetchone()[0] is True


@postgres_only
@pytest.mark.parametrize("q", ["政", "政务", "政务公开", "政务公开 -通知", "知"])
def test_term_queries_are_answered_by_the_grams_index(add, q):
    add("关于政务公开工作的通知", "各单位：请做好政务公开工作。")
    backend = get_backend()
    sql, params = backend.match_sql(text.parse_query(q))
    with connection.cursor() as cursor:
        backend.prepare(cursor)
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_section_grams_gin" in plan
    assert "Seq Scan on search_searchsection" not in plan


@postgres_only
def test_sample_queries_use_the_partial_indexes(add):
    add("政务公开", "政务公开")
    backend = get_backend()
    sql, params, _share = backend.sample_sql(text.parse_query("政务"))
    with connection.cursor() as cursor:
        backend.prepare(cursor)
        # Without the whole-table index (dropped in the test's transaction, rolled back after it):
        # on a table of one row the planner may take either index at the same cost (it took the
        # whole-table one once earlier tests had grown the partial index's pages); what is tested is
        # that the sample's predicate matches the partial index's, so that it can be used.
        cursor.execute("DROP INDEX search_section_grams_gin")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"search_section_sample{backend.sample_level()}_gin" in plan
    assert "Seq Scan" not in plan


def test_a_rebuild_in_bulk_gives_the_same_results(add):
    """Dropping the GIN indexes and building them once at the end (reindex --clear) changes nothing."""
    for n in range(5):
        add(f"第{n}号通知", "政务公开工作要点" if n % 2 else "依申请公开")
    before = {
        q: selectors.search(selectors.SearchParams(q=q)).total for q in ("政务", "公开", "依申请公开", "要点")
    }
    with get_backend().bulk_load():
        add("又一份通知", "政务公开")
    after = {q: selectors.search(selectors.SearchParams(q=q)).total for q in before}
    assert after == {**before, "政务": before["政务"] + 1, "公开": before["公开"] + 1}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchsection'")
            assert set(postgres.INDEX_NAMES) <= {row[0] for row in cursor.fetchall()}


@postgres_only
def test_the_larger_sample_stays_available_above_its_target_size():
    """At 1,000,000 documents the 0.6 % sample is the default level, but a query it holds too few
    hits of is estimated from the 5.1 % one rather than counted exactly (read smallest first)."""
    backend = get_backend()
    backend._documents = 1_000_000  # what ``prepare`` reads from pg_class
    assert backend.sample_level() == min(postgres.SAMPLE_LEVELS)
    rates = [rate for _sql, _params, rate in backend.samples(text.parse_query("招标 采购"))]
    assert rates == sorted(level / 1024 for level in postgres.SAMPLE_LEVELS)
