"""Suggested groups of similar comments — pure Python, no Django.

Staff may decide similar comments together (domain/solicitation.md); to help them, comments whose
texts share most of their character pairs are suggested as a group. Similarity is the Jaccard index of
the sets of character bigrams (Chinese text has no spaces, so characters, not words, are compared) after
dropping punctuation and spaces. Candidate pairs are found with prefix filtering (Bayardo et al.,
"Scaling up all pairs similarity search", 2007), which finds exactly the pairs at or above the
threshold without comparing every pair.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping

THRESHOLD = 0.5


def shingles(text: str) -> frozenset[str]:
    """Character bigrams of the letters, digits and ideographs of ``text`` (NFKC-folded)."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    kept = "".join(char for char in folded if unicodedata.category(char)[0] in "LN")
    if len(kept) < 2:
        return frozenset({kept}) if kept else frozenset()
    return frozenset(kept[index : index + 2] for index in range(len(kept) - 1))


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def similar_groups(texts: Mapping[int, str], threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups (two or more ids, ascending; groups ordered by their first id) of texts linked by a
    chain of pairs with Jaccard similarity ≥ ``threshold``."""
    sets = {key: shingles(text) for key, text in texts.items()}
    sets = {key: value for key, value in sets.items() if value}
    frequency = Counter(token for tokens in sets.values() for token in tokens)
    parent = {key: key for key in sets}

    def root(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    index: dict[str, list[int]] = defaultdict(list)
    for key in sorted(sets, key=lambda item: len(sets[item])):
        tokens = sorted(sets[key], key=lambda token: (frequency[token], token))
        prefix = len(tokens) - math.ceil(threshold * len(tokens)) + 1
        candidates = {other for token in tokens[:prefix] for other in index[token]}
        for other in candidates:
            if jaccard(sets[key], sets[other]) >= threshold:
                parent[root(key)] = root(other)
        for token in tokens[:prefix]:
            index[token].append(key)
    groups: dict[int, list[int]] = defaultdict(list)
    for key in sets:
        groups[root(key)].append(key)
    return sorted((sorted(members) for members in groups.values() if len(members) > 1), key=lambda g: g[0])
