"""PostgreSQL: sections of the token stream under a GIN index of their bigrams.

Each section row holds the compacted text only. Its grams are computed by the server: the GIN
indexes are expression indexes over ``gongkai_grams(content)`` (an immutable SQL function,
migration 0006: the bigrams and the last character), so no tsvector is stored (it was ~10 KB per
section, TOASTed: the index was 2.7–6.5× the text). Queries use the same expression,
``gongkai_grams(content) @@ tsquery``, which the planner answers from the index; lexemes and
prefixes need no recheck, so the function runs only when a bitmap turns lossy (``prepare`` gives
the bitmaps enough ``work_mem`` that they do not). A term of two characters is one lexeme, a
character the prefix ``'x':*`` (every position starts a bigram, but the last, which is a lexeme
of its own): the GIN index answers both exactly, without reading rows. A longer term is the AND
of its bigrams (index) confirmed by ``strpos`` on the section text (exact). Measured on this machine: phrase
queries (``<->``) over positional tsvectors spend most of their time decompressing every
candidate's tsvector to check positions, 5–50× slower than this.

The planner would rather scan the table than use the index, so search queries run with
``enable_seqscan`` off (``prepare``): matches are GIN bitmap scans.
Sections keep the text in the heap page; they overlap by more than the longest term, so no
occurrence is lost at a boundary.

Two smaller structures beside it (migrations 0005, 0006): partial GIN indexes (same expression)
over the sections of the documents of the sample (``base.sample_predicate``, two sizes), from
which the counts of very common terms are estimated, and a GIN expression index on the documents
over ``gongkai_title_grams(title_key, doc_number_key)`` (migration 0007: every character and
bigram of the title, and of the 文号 behind "#"), from which the documents ranked above recency
are found without visiting every hit.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.db import DatabaseError

from gongkai.search import text
from gongkai.search.backends.base import SAMPLE_BUCKETS, SearchBackend, sample_predicate
from gongkai.search.text import Query

# ≤ 2,400 characters (7.2 KB) keeps a section's text in the heap page (storage MAIN, migration
# 0004): confirming a term reads no TOAST.
SECTION_SIZE = 2_400
# Terms are at most ``selectors.MAX_QUERY_LENGTH`` characters.
SECTION_OVERLAP = 128
BITMAP_MEMORY = "64MB"
COPY_SQL = "COPY search_searchsection (document_id, ordinal, content) FROM STDIN"
# The indexed expression: queries must spell it exactly so, or the planner cannot use the index.
GRAMS = "gongkai_grams(content)"
GIN_SQL = f"CREATE INDEX IF NOT EXISTS search_section_grams_gin ON search_searchsection USING gin ({GRAMS})"
# Sample sizes (buckets of 1,024): ≈ 5.1 % up to ~100,000 documents, ≈ 0.6 % above; each has its
# own partial GIN index, so an estimate reads the sample's postings and rows only.
SAMPLE_LEVELS = (52, 6)
SAMPLE_TARGET = 8_000  # documents in the sample: the larger level while it stays under this
SAMPLE_GIN_SQL = [
    f"CREATE INDEX IF NOT EXISTS search_section_sample{level}_gin ON search_searchsection "
    f"USING gin ({GRAMS}) WHERE {sample_predicate('document_id', level, parameters=False)}"
    for level in SAMPLE_LEVELS
]
# The title index's expression (migration 0007), spelt as the index has it.
TITLE_GRAMS = "gongkai_title_grams(title_key, doc_number_key)"
TITLE_INDEX = "search_document_title_gin"
INDEX_NAMES = ("search_section_grams_gin", *(f"search_section_sample{level}_gin" for level in SAMPLE_LEVELS))
# During a bulk import the writer's new GIN entries wait in the indexes' pending lists (up to this
# many kB, instead of the default 4 MB that makes the writer merge them itself) and a second
# connection merges them after each committed batch (``concurrent_upkeep``).
UPKEEP_PENDING_KB = 65_536
UPKEEP_INDEXES = (*INDEX_NAMES, TITLE_INDEX)

logger = logging.getLogger(__name__)


def tsquery_term(term: str, prefix: bool = True) -> str:
    """A character is the prefix of the sections' bigrams; titles hold it as a lexeme (``prefix``
    False: their query stays as it was)."""
    if len(term) == 1 and prefix:
        return f"'{term}':*"
    if len(term) <= 2:
        return f"'{term}'"
    return " & ".join(f"'{gram}'" for gram in dict.fromkeys(term[i : i + 2] for i in range(len(term) - 1)))


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    session_settings = True
    fence = " OFFSET 0"
    _documents: float | None = None  # pg_class.reltuples of the documents, read by ``prepare``

    # Set for the search's transaction in one statement (one round trip instead of four).
    # ``jit``: with sequential scans disabled every plan's cost is huge, so JIT compilation (tens
    # to hundreds of milliseconds) would start for every search. Hash and merge joins: the hits
    # join the documents by primary key, and a hash join would read every document (measured
    # 20 ms of 24 at 20,000 items for 71 hits), a nested loop only the hits'.
    # ``work_mem``: a bitmap larger than it turns lossy, and every row of its lossy pages is
    # rechecked, computing the row's grams (~2 ms for 2,400 characters); 64 MB keeps about a
    # million heap pages exact (≈ 1,000,000 documents' sections); it is only taken when needed.
    # No parallel workers: the grams expression's cost (a function of cost 100 per row) made
    # bitmap scans of common terms look expensive, and they were planned with two workers, whose
    # start-up cost more than the scan (工作, 20,000 items: 29 against 17 ms).
    SETTINGS = {
        "jit": "off",
        "enable_seqscan": "off",
        "enable_hashjoin": "off",
        "enable_mergejoin": "off",
        "work_mem": BITMAP_MEMORY,
        "max_parallel_workers_per_gather": "0",
    }

    def prepare(self, cursor) -> None:
        # The same statement reads the planner's document count, from which ``sample_level``
        # picks the sample (one round trip fewer per search).
        settings = ", ".join("set_config(%s, %s, true)" for _ in self.SETTINGS)
        cursor.execute(
            f"SELECT {settings}, (SELECT reltuples FROM pg_class WHERE relname = 'search_searchdocument')",  # noqa: S608
            [value for item in self.SETTINGS.items() for value in item],
        )
        self._documents = cursor.fetchone()[-1]

    def add(self, document) -> None:
        self.add_many([document])

    def add_many(self, documents) -> None:
        # The title index is an expression index on the documents' own columns: nothing to write.
        # COPY, not INSERT: measured 35 % less server time for the same rows (bulk import, reindex).
        with self.connection.cursor() as cursor, cursor.cursor.copy(COPY_SQL) as copy:
            for document in documents:
                stream = self.document_stream(document)
                for n, piece in enumerate(text.sections(stream, SECTION_SIZE, SECTION_OVERLAP)):
                    copy.write_row((document.pk, n, piece))

    @contextmanager
    def bulk_load(self):
        """Drop the GIN indexes and build them once at the end (much faster than row by row)."""
        with self.connection.cursor() as cursor:
            for name in INDEX_NAMES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        try:
            yield
        finally:
            with self.connection.cursor() as cursor:
                # Django's foreign keys are deferred; CREATE INDEX refuses pending checks.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for sql in (GIN_SQL, *SAMPLE_GIN_SQL):
                    cursor.execute(sql)

    @contextmanager
    def concurrent_upkeep(self):
        """Merge the GIN pending lists on a second connection while the writer goes on.

        A GIN index takes new entries into its pending list and merges the list into its tree
        when it passes ``gin_pending_list_limit``; the merge is about half the index's upkeep and
        it runs in whichever transaction filled the list, so a bulk import's writer waited for it
        batch after batch. Here the writer's limit is raised, and after each committed batch
        (the callable yielded) a thread merges the lists with ``gin_clean_pending_list`` on a
        connection of its own, on another core, while the writer prepares and writes the next
        batch; the block ends once the last merge is done, so the import returns with its
        entries in the trees. The lists stay about one batch long, so searches meanwhile read
        little of them. Should the merge fail (the role does not own the indexes), the writer's
        limit is set back at once and merges happen as they did (a warning is logged).
        """
        merger = _PendingMerger(self.connection)
        try:
            yield merger.written
        except BaseException:
            merger.finish(failing=True)
            raise
        merger.finish()

    def remove(self, document) -> None:
        from gongkai.search.models import SearchSection

        SearchSection.objects.filter(document_id=document.pk).delete()

    def clear(self) -> None:
        from gongkai.search.models import SearchSection

        SearchSection.objects.all().delete()

    def _term_sql(
        self, term: str, where: str = "", where_params=(), confirm: bool = True, without: str = ""
    ) -> tuple[str, list]:
        # DISTINCT of ``document_id + 0``: no index yields that order, so a term in most documents
        # is not planned as an ordered scan of the document_id index testing every row (then a
        # TOASTed tsvector, now its grams computed; measured 1.75 s against 0.48 s for the GIN
        # bitmap scan, "政府 -通知", 100,000 items) — index scans stay available for the join to
        # the documents and for look-ups.
        sql = (
            "SELECT DISTINCT document_id + 0 AS document_id FROM search_searchsection "  # noqa: S608
            f"WHERE {GRAMS} @@ %s::tsquery{where}"
        )
        tsquery = tsquery_term(term) + without
        if len(term) <= 2 or not confirm:
            return sql, [tsquery, *where_params]
        return sql + " AND strpos(content, %s) > 0", [tsquery, *where_params, term]

    def _match(self, query: Query, where: str = "", where_params=()) -> tuple[str, list]:
        # With several terms or an exclusion, a long term's bigram AND (a superset) is
        # intersected (or excepted) first and confirmed by ``strpos`` only on the documents left:
        # "东城区 教育" at 20,000 items reads the text of 1,426 documents instead of 9,304
        # sections. Excluded terms are exact (a superset would exclude too much).
        # An excluded term of one or two characters is one lexeme, exact in the index: the
        # sections are searched without it (``& !'双减'``), and the few documents left are
        # checked for it in their other sections (``NOT EXISTS``). "义务教育 -双减" at 100,000
        # items: 477 sections read instead of 13,119 + 12,866 documents' sections (12 ms against
        # 255 ms). A longer excluded term's bigrams are a superset, so it stays an exact EXCEPT.
        several = len(query.terms) > 1 or bool(query.excluded)
        deferred = [term for term in query.terms if len(term) > 2] if several else []
        short_excluded = [term for term in query.excluded if len(term) <= 2]
        without = "".join(f" & !{tsquery_term(term)}" for term in short_excluded)
        parts, params = [], []
        for term in query.terms:
            sql, term_params = self._term_sql(term, where, where_params, term not in deferred, without)
            parts.append(sql)
            params += term_params
        sql = " INTERSECT ".join(parts)
        for term in query.excluded:
            if term in short_excluded:
                continue
            excluded_sql, term_params = self._term_sql(term, where, where_params)
            sql = f"({sql}) EXCEPT ({excluded_sql})"
            params += term_params
        confirmations = "".join(
            " AND EXISTS (SELECT 1 FROM search_searchsection s "
            "WHERE s.document_id = matched.document_id AND strpos(s.content, %s) > 0)"
            for _ in deferred
        ) + "".join(
            # A document of one section was checked by its section's match; only a longer one's
            # other sections are read. OFFSET 0: without it the planner hashed every document's
            # second section once (11,209 rows, 108 of 125 ms for "工作 -通知" on the sample).
            " AND (NOT EXISTS (SELECT 1 FROM search_searchsection s "
            "WHERE s.document_id = matched.document_id AND s.ordinal = 1 OFFSET 0) "
            "OR NOT EXISTS (SELECT 1 FROM search_searchsection s "
            "WHERE s.document_id = matched.document_id AND strpos(s.content, %s) > 0))"
            for _ in short_excluded
        )
        params += [*deferred, *short_excluded]
        # OFFSET 0 keeps the match a separate plan node (GIN bitmap scan) instead of being pulled
        # into the join, where the planner would filter row by row, computing every row's grams.
        return (
            f"SELECT document_id AS doc_id FROM ({sql} OFFSET 0) AS matched WHERE TRUE{confirmations}",  # noqa: S608
            params,
        )

    def match_sql(self, query: Query, ids: list[int] | None = None) -> tuple[str, list]:
        if ids is None:
            return self._match(query)
        # A few candidates: their sections by document id, each term confirmed by ``strpos`` on
        # the section text (exact for any length; no grams are computed).
        term_sql = (
            "SELECT DISTINCT document_id FROM search_searchsection "
            "WHERE document_id = ANY(%s) AND strpos(content, %s) > 0"
        )
        sql = " INTERSECT ".join([term_sql] * len(query.terms))
        params = [value for term in query.terms for value in (list(ids), term)]
        for term in query.excluded:
            sql = f"({sql}) EXCEPT ({term_sql})"
            params += [list(ids), term]
        return f"SELECT document_id AS doc_id FROM ({sql}) AS matched", params  # noqa: S608

    def sample_level(self) -> int:
        documents = self._documents
        if documents is None:  # not read by ``prepare``
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'search_searchdocument'")
                row = cursor.fetchone()
            documents = row[0] if row else 0
        documents = max(documents or 0, 0)
        for level in SAMPLE_LEVELS:
            if documents * level / SAMPLE_BUCKETS <= SAMPLE_TARGET:
                return level
        return SAMPLE_LEVELS[-1]

    def sample_sql(self, query: Query, level: int | None = None) -> tuple[str, list, float]:
        level = level or self.sample_level()
        sql, params = self._match(query, f" AND {sample_predicate('document_id', level)}")
        return sql, params, level / SAMPLE_BUCKETS

    def samples(self, query: Query) -> list[tuple[str, list, float]]:
        # The 0.6 % sample (a subset of the 5.1 % one) is read first and suffices for the
        # commonest terms; the 5.1 % one is read when it holds too few hits, at any size: above
        # ~160,000 documents it is costlier than its target, but much cheaper than the exact
        # path it spares (1,000,000 items, 招标 采购, 9,692 hits: 0.9–1.5 s exact).
        return [self.sample_sql(query, level) for level in sorted(SAMPLE_LEVELS)]

    def title_sql(self, query: Query, mode: str) -> tuple[str, list]:
        if mode == "number":
            number = "".join(query.terms)
            grams = [number] if len(number) == 1 else [number[i : i + 2] for i in range(len(number) - 1)]
            tsquery = " & ".join(f"'#{gram}'" for gram in dict.fromkeys(grams))
        else:
            joiner = " & " if mode == "all" else " | "
            tsquery = joiner.join(f"({tsquery_term(term, prefix=False)})" for term in query.terms)
        return (
            f"SELECT id AS doc_id FROM search_searchdocument WHERE {TITLE_GRAMS} @@ %s::tsquery OFFSET 0",  # noqa: S608
            [tsquery],
        )

    scores_ids = True

    def scored_sql(self, query: Query, ids: list[int] | None = None) -> tuple[str, list]:
        if ids is not None:
            # The documents already found: their sections, without matching again.
            match, params = "SELECT unnest(%s::bigint[]) AS doc_id", [list(ids)]
        else:
            match, params = self.match_sql(query)
        # Density: occurrences of the terms per character (negated: lower is better, as bm25).
        occurrences = " + ".join(
            "(length(s.content) - length(replace(s.content, %s, ''))) / %s" for _ in query.terms
        )
        occurrence_params = [value for term in query.terms for value in (term, len(term))]
        return (
            f"SELECT m.doc_id, -SUM({occurrences})::float / (SUM(length(s.content)) + 100) AS score "  # noqa: S608
            f"FROM ({match}) AS m JOIN search_searchsection s ON s.document_id = m.doc_id GROUP BY m.doc_id",
            [*occurrence_params, *params],
        )

    def size_bytes(self) -> int | None:
        with self.connection.cursor() as cursor:
            # The sections (text and GIN indexes) and the title index (its keys are the documents'
            # ranking columns, which every backend keeps).
            cursor.execute(
                "SELECT pg_total_relation_size('search_searchsection') + pg_relation_size(%s)", [TITLE_INDEX]
            )
            return cursor.fetchone()[0]


class _PendingMerger:
    """The thread of ``PostgresBackend.concurrent_upkeep``: started by the first committed batch."""

    def __init__(self, connection):
        self.connection = connection  # the writer's
        self.wake = threading.Event()
        self.finishing = False
        self.failed: DatabaseError | None = None
        self.thread: threading.Thread | None = None
        self.raised = False  # the writer's limit is raised

    def written(self) -> None:
        if self.failed is not None:
            self._restore_limit()
            return
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="gin-pending-merge", daemon=True)
            self.thread.start()
            with self.connection.cursor() as cursor:
                cursor.execute(f"SET gin_pending_list_limit = {UPKEEP_PENDING_KB}")
            self.raised = True
        self.wake.set()

    def finish(self, failing: bool = False) -> None:
        if self.thread is not None:
            self.finishing = True
            self.wake.set()
            self.thread.join()
        try:
            self._restore_limit()
        except DatabaseError:
            if not failing:
                raise
            # The writer's own error goes on; its connection is of no more use.
        if self.failed is not None:
            logger.warning("GIN pending lists not merged beside the import: %s", self.failed)

    def _restore_limit(self) -> None:
        # A transaction being rolled back undoes the SET itself (and takes no statement).
        if self.raised and not self.connection.needs_rollback:
            with self.connection.cursor() as cursor:
                cursor.execute("RESET gin_pending_list_limit")
        self.raised = False

    def _run(self) -> None:
        other = self.connection.copy()  # a connection of this thread's own, autocommit
        try:
            while True:
                self.wake.wait()
                self.wake.clear()
                last = self.finishing  # read before merging: a batch committed later wakes us again
                with other.cursor() as cursor:
                    for name in UPKEEP_INDEXES:
                        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
                if last:
                    return
        except DatabaseError as error:
            self.failed = error
        finally:
            other.close()
