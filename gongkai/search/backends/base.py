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

# The sample the estimates of very common terms read: a document is in it when
# ``(id * SAMPLE_MULTIPLIER) % SAMPLE_BUCKETS < level``. Consecutive ids are spread evenly over the
# buckets (an odd multiplier permutes each block of 1,024 ids), so the sample is a systematic
# 1-in-N draw whatever order the documents were indexed in.
SAMPLE_BUCKETS = 1024
SAMPLE_MULTIPLIER = 40503
SAMPLE_LEVEL = 52  # ≈ 5.1 % of the documents


def sample_bucket(document_id: int) -> int:
    return (document_id * SAMPLE_MULTIPLIER) % SAMPLE_BUCKETS


def sample_predicate(column: str, level: int, *, parameters: bool = True) -> str:
    """SQL for "``column`` is in the sample of ``level`` buckets" (the same expression the partial
    indexes use); ``%`` doubled for a statement run with parameters."""
    modulo = "%%" if parameters else "%"
    return f"({column} * {SAMPLE_MULTIPLIER}) {modulo} {SAMPLE_BUCKETS} < {level}"


class SearchBackend:
    vendor = ""
    # True when ``prepare`` sets anything (search queries then run in a transaction of their own).
    session_settings = False
    # Appended to a subquery that must stay its own plan node (not merged into the outer query).
    fence = ""

    def __init__(self, connection):
        self.connection = connection

    @staticmethod
    def stream(title: str, body: str) -> str:
        """The searchable text of a document: its title followed by its body."""
        return text.searchable(title) + text.searchable(body)

    def document_stream(self, document) -> str:
        """``stream`` of a ``SearchDocument``: the one computed with its entry when it was just
        filled (``indexing.Forms``), else from its title and body (a stored row being removed)."""
        stream = getattr(document, "stream", None)
        return self.stream(document.title, document.body) if stream is None else stream

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

    @contextmanager
    def concurrent_upkeep(self):
        """Around many write transactions (a bulk import): backends may do index upkeep beside
        the writes. Yields a callable the writer calls after each committed batch."""
        yield lambda: None

    # --- reads ---------------------------------------------------------------------------------

    def prepare(self, cursor) -> None:
        """Session settings for the search queries (run inside their transaction)."""

    def match_sql(self, query: Query, ids: list[int] | None = None) -> tuple[str, list]:
        """SQL selecting ``doc_id`` of every matching document (only among ``ids`` when given)."""
        raise NotImplementedError

    def verify(self, query: Query, ids: list[int]) -> set[int]:
        """Which of ``ids`` (a few documents) match the query."""
        sql, params = self.match_sql(query, ids)
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}

    def sample_sql(self, query: Query) -> tuple[str, list, float]:
        """SQL selecting ``doc_id`` of the matching documents of the sample, and the sample's rate."""
        raise NotImplementedError

    def samples(self, query: Query) -> list[tuple[str, list, float]]:
        """``sample_sql`` of each sample the backend keeps, the smallest first (the last is
        ``sample_sql``'s): a smaller one estimates the commonest terms at less cost."""
        return [self.sample_sql(query)]

    def title_sql(self, query: Query, mode: str) -> tuple[str, list]:
        """SQL selecting ``doc_id`` of (at least) every document whose title contains any term
        (``mode="any"``), every term (``"all"``), or whose 文号 contains the terms' concatenation
        (``"number"``): the documents ranked above recency."""
        raise NotImplementedError

    # True when ``scored_sql`` can score given documents without matching again.
    scores_ids = False

    def scored_sql(self, query: Query, ids: list[int] | None = None) -> tuple[str, list]:
        """SQL selecting ``doc_id, score`` (density, lower is better) of every matching document,
        or of the matching documents ``ids`` when the backend ``scores_ids``."""
        raise NotImplementedError

    def size_bytes(self) -> int | None:
        """Bytes used by the full-text structures, when the database can tell."""
        return None
