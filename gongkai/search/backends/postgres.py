"""PostgreSQL: tsvector sections of bigram tokens with a GIN index.

Tokens go in as a tsvector literal with explicit positions (no text-search parser touches them)
and queries as tsquery literals: a term is the ``<->`` phrase of its bigrams, or a ``:*`` prefix
for one character. PostgreSQL keeps positions only up to 16,383, at most 256 per lexeme, and a
tsvector under 1 MB, so bodies are cut into overlapping sections (``text.sections``); a
document matches when each term is found in one of its sections.
"""

from __future__ import annotations

from collections import defaultdict

from gongkai.search import text
from gongkai.search.backends.base import SearchBackend
from gongkai.search.text import Query

SECTION_SIZE = 4000
# Terms are at most ``MAX_TERM_LENGTH`` characters (selectors refuse longer queries).
SECTION_OVERLAP = 128


def tsvector_literal(compacted: str) -> str:
    positions: dict[str, list[str]] = defaultdict(list)
    for position, token in enumerate(text.bigram_tokens(compacted), start=1):
        positions[token].append(str(position))
    return " ".join(f"'{token}':{','.join(places)}" for token, places in positions.items())


def tsquery_term(term: str) -> str:
    if len(term) == 1:
        return f"'{term}':*"
    return " <-> ".join(f"'{bigram}'" for bigram in text.bigram_tokens(term)[:-1])


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def add(self, document) -> None:
        self.add_many([document])

    def add_many(self, documents) -> None:
        from gongkai.search.models import SearchSection

        SearchSection.objects.bulk_create(
            SearchSection(document_id=document.pk, ordinal=n, tsv=tsvector_literal(piece))
            for document in documents
            for n, piece in enumerate(
                text.sections(self.stream(document.title, document.body), SECTION_SIZE, SECTION_OVERLAP)
            )
        )

    def remove(self, document) -> None:
        from gongkai.search.models import SearchSection

        SearchSection.objects.filter(document_id=document.pk).delete()

    def clear(self) -> None:
        from gongkai.search.models import SearchSection

        SearchSection.objects.all().delete()

    def _term_sql(self, term: str) -> tuple[str, list]:
        return "SELECT document_id FROM search_searchsection WHERE tsv @@ %s::tsquery", [tsquery_term(term)]

    def match_sql(self, query: Query) -> tuple[str, list]:
        parts, params = [], []
        for term in query.terms:
            sql, term_params = self._term_sql(term)
            parts.append(sql)
            params += term_params
        sql = " INTERSECT ".join(parts)
        for term in query.excluded:
            excluded_sql, term_params = self._term_sql(term)
            sql = f"({sql}) EXCEPT ({excluded_sql})"
            params += term_params
        return f"SELECT document_id AS doc_id FROM ({sql}) AS matched", params  # noqa: S608

    def scored_sql(self, query: Query) -> tuple[str, list]:
        match, params = self.match_sql(query)
        every = " & ".join(f"({tsquery_term(t)})" for t in query.terms)
        # ts_rank grows with density; negate so that lower is better as for bm25.
        return (
            f"SELECT m.doc_id, -MAX(ts_rank(s.tsv, %s::tsquery, 1)) AS score FROM ({match}) AS m "  # noqa: S608
            "JOIN search_searchsection s ON s.document_id = m.doc_id GROUP BY m.doc_id",
            [every, *params],
        )

    def size_bytes(self) -> int | None:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchsection')")
            return cursor.fetchone()[0]
