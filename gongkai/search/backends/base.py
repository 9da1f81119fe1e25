"""The interface every full-text backend implements.

A backend owns the structures that map a document to its tokens and answers one question: which
document ids satisfy a parsed query (every term contiguous, no excluded term), optionally with a
density score (lower is better). Everything else — filters, facets, ordering, snippets — is the
same SQL over ``SearchDocument`` for every backend (``selectors.py``).
"""

from __future__ import annotations

from contextlib import contextmanager

from gongkai.search import text
from gongkai.search.text import Query


class SearchBackend:
    vendor = ""

    def __init__(self, connection):
        self.connection = connection

    @staticmethod
    def stream(title: str, body: str) -> str:
        """The searchable text of a document: its title followed by its body."""
        return text.searchable(title) + text.searchable(body)

    # --- writes (run in the caller's transaction) ---------------------------------------------

    def add(self, document) -> None:
        """Index a saved ``SearchDocument``."""
        raise NotImplementedError

    def add_many(self, documents) -> None:
        for document in documents:
            self.add(document)

    def remove(self, document) -> None:
        """Drop the tokens of ``document`` as it was when indexed (before any change)."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    @contextmanager
    def bulk_load(self):
        """Around a rebuild of many documents: backends may defer index maintenance."""
        yield

    # --- reads ---------------------------------------------------------------------------------

    def prepare(self, cursor) -> None:
        """Session settings for the search queries (run inside their transaction)."""

    def match_sql(self, query: Query) -> tuple[str, list]:
        """SQL selecting ``doc_id`` of every matching document."""
        raise NotImplementedError

    def scored_sql(self, query: Query) -> tuple[str, list]:
        """SQL selecting ``doc_id, score`` (density, lower is better) of every matching document."""
        raise NotImplementedError

    def size_bytes(self) -> int | None:
        """Bytes used by the full-text structures, when the database can tell."""
        return None
