""" "Did you mean": for a query without hits, replace each term that finds nothing by the nearest
word (edit distance) of the indexed titles' vocabulary or the government-terms dictionary, and
offer the result only if it finds something."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from gongkai.search import text
from gongkai.search.models import SearchTerm

CANDIDATE_LIMIT = 5000


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def nearest(term: str) -> str | None:
    """The closest known word to ``term`` within 1 edit (2 for terms longer than 4 characters)."""
    limit = 1 if len(term) <= 4 else 2
    near = Q(word__startswith=term[0]) | Q(word__endswith=term[-1])
    words = set(
        SearchTerm.objects.filter(
            near, length__gte=len(term) - limit, length__lte=len(term) + limit
        ).values_list("word", flat=True)[:CANDIDATE_LIMIT]
    )
    words.update(text.searchable(w) for w in text.government_terms())
    best: tuple[int, int, str] | None = None
    for word in words:
        if word == term or abs(len(word) - len(term)) > limit:
            continue
        distance = edit_distance(term, word)
        if distance <= limit:
            key = (distance, abs(len(word) - len(term)), word)
            best = key if best is None or key < best else best
    return best[2] if best else None


def _as_typed(term: str, shown: str) -> str:
    """The term as the user typed it when that reads back as the same one term, else its
    normalised form (a quoted "政府 信息" would read back as two terms, "-号文件" as an exclusion)."""
    again = text.parse_query(shown)
    return shown if again.terms == (term,) and not again.excluded else term


def suggestion(query: text.Query, count: Callable[[text.Query], int]) -> str | None:
    """A corrected query string that has hits, or None."""
    parts, changed = [], False
    for term, shown in zip(query.terms, query.display_terms, strict=False):
        replacement = None
        if len(term) >= 2 and count(text.Query(raw=term, terms=(term,))) == 0:
            replacement = nearest(term)
        parts.append(replacement or _as_typed(term, shown))
        changed = changed or replacement is not None
    if not changed:
        return None
    candidate = " ".join([*parts, *(f"-{term}" for term in query.excluded)])
    return candidate if count(text.parse_query(candidate)) > 0 else None
