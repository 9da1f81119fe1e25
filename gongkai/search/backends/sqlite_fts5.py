"""SQLite: a contentless FTS5 table over bigram tokens (see ``text.py``).

The table stores no copy of the text (``content=''``); a row is deleted by handing FTS5 the
tokens it was indexed with, recomputed from the ``SearchDocument`` row before it changes.
``tokenize='ascii'`` splits on ASCII spaces and punctuation only, so our pre-made tokens
(letters and digits, any script) pass through unchanged.
"""

from __future__ import annotations

from django.db import DatabaseError

from gongkai.search import text
from gongkai.search.backends.base import SearchBackend
from gongkai.search.text import Query

TABLE = "search_fts"
CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "body, content='', tokenize='ascii', detail='full')"
)
DROP_SQL = "DROP TABLE IF EXISTS search_fts"


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


class Fts5Backend(SearchBackend):
    vendor = "sqlite"

    def _tokens(self, document) -> str:
        return " ".join(text.bigram_tokens(self.stream(document.title, document.body)))

    def add(self, document) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_fts(rowid, body) VALUES (%s, %s)",
                [document.pk, self._tokens(document)],
            )

    def add_many(self, documents) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts(rowid, body) VALUES (%s, %s)",
                [(document.pk, self._tokens(document)) for document in documents],
            )

    def remove(self, document) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', %s, %s)",
                [document.pk, self._tokens(document)],
            )

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")

    def match_sql(self, query: Query) -> tuple[str, list]:
        return "SELECT rowid AS doc_id FROM search_fts WHERE search_fts MATCH %s", [fts_expression(query)]

    def scored_sql(self, query: Query) -> tuple[str, list]:
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
