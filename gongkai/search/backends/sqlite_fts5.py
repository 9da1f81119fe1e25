"""SQLite: a contentless FTS5 table over bigram tokens (see ``text.py``).

The table stores no copy of the text (``content=''``); a row is deleted by handing FTS5 the
tokens it was indexed with, recomputed from the ``SearchDocument`` row before it changes.
``tokenize='ascii'`` splits on ASCII spaces and punctuation only, so our pre-made tokens
(letters and digits, any script) pass through unchanged.

Two smaller tables beside it (migration 0005): ``search_fts_sample`` holds the same tokens for the
documents of the sample (``base.sample_bucket``), from which the counts of very common terms are
estimated; ``search_fts_title`` holds the tokens of each title and 文号, from which the documents
ranked above recency are found without visiting every hit.
"""

from __future__ import annotations

from django.db import DatabaseError

from gongkai.search import text
from gongkai.search.backends.base import SAMPLE_BUCKETS, SAMPLE_LEVEL, SearchBackend, sample_bucket
from gongkai.search.text import Query

TABLE = "search_fts"
CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "body, content='', tokenize='ascii', detail='full')"
)
DROP_SQL = "DROP TABLE IF EXISTS search_fts"
SAMPLE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_sample USING fts5("
    "body, content='', tokenize='ascii', detail='full')"
)
TITLE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_title USING fts5("
    "title, number, content='', tokenize='ascii', detail='full')"
)


# Up to this many ids are checked one by one (``rowid IN``), more in one pass over their range.
VERIFY_BY_ID = 64


def fts_term(term: str) -> str:
    """One term as an FTS5 expression: a phrase of its bigrams, or a prefix for one character."""
    if len(term) == 1:
        return f'"{term}"*'
    return '"' + " ".join(text.bigram_tokens(term)[:-1]) + '"'


def fts_expression(query: Query) -> str:
    expression = " AND ".join(fts_term(t) for t in query.terms)
    for term in query.excluded:
        expression = f"({expression}) NOT {fts_term(term)}"
    return expression


def title_expression(query: Query, mode: str) -> str:
    """Titles holding any term or every term, or 文号 holding the terms' concatenation."""
    if mode == "number":
        return f"number : {fts_term(''.join(query.terms))}"
    return f" {'AND' if mode == 'all' else 'OR'} ".join(f"title : {fts_term(term)}" for term in query.terms)


def title_tokens(document) -> tuple[str, str]:
    return text.bigram_string(document.title_key), text.bigram_string(document.doc_number_key)


class Fts5Backend(SearchBackend):
    vendor = "sqlite"

    def _tokens(self, document) -> str:
        return text.bigram_string(self.document_stream(document))

    def add(self, document) -> None:
        self.add_many([document])

    def add_many(self, documents) -> None:
        rows = [(document.pk, self._tokens(document)) for document in documents]
        with self.connection.cursor() as cursor:
            cursor.executemany("INSERT INTO search_fts(rowid, body) VALUES (%s, %s)", rows)
            cursor.executemany(
                "INSERT INTO search_fts_sample(rowid, body) VALUES (%s, %s)",
                [row for row in rows if sample_bucket(row[0]) < SAMPLE_LEVEL],
            )
            cursor.executemany(
                "INSERT INTO search_fts_title(rowid, title, number) VALUES (%s, %s, %s)",
                [(document.pk, *title_tokens(document)) for document in documents],
            )

    def remove(self, document) -> None:
        tokens = self._tokens(document)
        with self.connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', %s, %s)",
                [document.pk, tokens],
            )
            if sample_bucket(document.pk) < SAMPLE_LEVEL:
                cursor.execute(
                    "INSERT INTO search_fts_sample(search_fts_sample, rowid, body) VALUES ('delete', %s, %s)",
                    [document.pk, tokens],
                )
            cursor.execute(
                "INSERT INTO search_fts_title(search_fts_title, rowid, title, number) "
                "VALUES ('delete', %s, %s, %s)",
                [document.pk, *title_tokens(document)],
            )

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            for table in ("search_fts", "search_fts_sample", "search_fts_title"):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")  # noqa: S608

    def match_sql(self, query: Query, ids: list[int] | None = None) -> tuple[str, list]:
        sql, params = "SELECT rowid AS doc_id FROM search_fts WHERE search_fts MATCH %s", [fts_expression(query)]
        if ids is not None:
            sql += f" AND rowid IN ({', '.join(['%s'] * len(ids))})"
            params += list(ids)
        return sql, params

    def verify(self, query: Query, ids: list[int]) -> set[int]:
        if not ids:
            return set()
        if all(len(term) > 1 for term in (*query.terms, *query.excluded)):
            if len(ids) <= VERIFY_BY_ID:
                return super().verify(query, ids)
            # ``rowid IN (…)`` makes FTS5 start the query once per id (0.1–0.35 ms each, measured
            # at 20,000 items: 140 ms for 400 ids); one pass over the ids' rowid range costs
            # ~1 µs per hit in the range (6–25 ms for 1,400–19,900 hits).
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid BETWEEN %s AND %s",
                    [fts_expression(query), min(ids), max(ids)],
                )
                wanted = set(ids)
                return {row[0] for row in cursor.fetchall() if row[0] in wanted}
        # A one-character term is a prefix query: FTS5 would merge the doclists of every token
        # starting with it once per id (seconds for a common character). The text itself is quicker.
        from gongkai.search.models import SearchDocument, SearchText

        titles = dict(SearchDocument.objects.filter(pk__in=ids).values_list("pk", "title"))
        bodies = dict(SearchText.objects.filter(pk__in=ids).values_list("pk", "body"))
        found = set()
        for pk, title in titles.items():
            haystack = self.stream(title, bodies.get(pk, ""))
            if all(t in haystack for t in query.terms) and not any(t in haystack for t in query.excluded):
                found.add(pk)
        return found

    def sample_sql(self, query: Query) -> tuple[str, list, float]:
        return (
            "SELECT rowid AS doc_id FROM search_fts_sample WHERE search_fts_sample MATCH %s",
            [fts_expression(query)],
            SAMPLE_LEVEL / SAMPLE_BUCKETS,
        )

    def title_sql(self, query: Query, mode: str) -> tuple[str, list]:
        return (
            "SELECT rowid AS doc_id FROM search_fts_title WHERE search_fts_title MATCH %s",
            [title_expression(query, mode)],
        )

    def scored_sql(self, query: Query, ids: list[int] | None = None) -> tuple[str, list]:
        # bm25 exists only inside the match (which FTS5 answers quickly): ``ids`` are not used.
        return (
            "SELECT rowid AS doc_id, bm25(search_fts) AS score FROM search_fts WHERE search_fts MATCH %s",
            [fts_expression(query)],
        )

    def size_bytes(self) -> int | None:
        with self.connection.cursor() as cursor:
            try:
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", ["search_fts%"])
            except DatabaseError:  # dbstat is a compile-time option
                return None
            return cursor.fetchone()[0]
