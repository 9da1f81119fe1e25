"""Chinese text for the index: normalisation, compaction, bigram tokens, words, query parsing.

Pure module (no Django). The matching semantics (domain/search.md): a term matches where its text
occurs contiguously once both sides are normalised (NFKC, Traditional→Simplified, lower case) and
punctuation, symbols and whitespace are ignored. The index therefore stores the *compacted*
normalised text as overlapping character bigrams plus one final unigram; a term of n ≥ 2 characters
is the phrase of its n−1 bigrams (consecutive positions ⇔ contiguous substring), a one-character
term is a prefix query over the tokens (every position starts a token thanks to the final
unigram). Words from the segmenter (rjieba) serve suggestions and display, not matching: a word
index misses substrings that cross or sit inside words (measured in bench/search_bench.py).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc
import rjieba

TERMS_FILE = Path(__file__).resolve().parent / "data" / "terms.txt"
T2S_FILE = Path(__file__).resolve().parent / "data" / "t2s_changing.txt"  # see ``t2s_data``
# Bump when the tokens produced for a text change: the index must then be rebuilt
# (``manage.py reindex --clear``) because deleting rows recomputes their tokens.
TOKENIZER_VERSION = 2

# Everything that is not a letter or a number (punctuation, symbols, whitespace, controls) and "_".
_NOT_TEXT = re.compile(r"[\W_]+")
_TEXT_CHAR = re.compile(r"[^\W_]")
_SUPPLEMENTARY = re.compile("[\U00010000-\U0010ffff]")
_QUERY_PART = re.compile(r'(-?)(?:"([^"]*)"?|“([^”]*)”?|(\S+))')
# CJK ideographs (Extension A and the URO): no decomposition, combining class 0, part of no
# composition, so NFKC leaves them as they are and never joins anything across them. Only the runs
# between them need normalising (4× quicker on Chinese prose; ``test_text`` checks these properties
# against the Unicode database and the result against whole-text NFKC).
IDEOGRAPHS = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"))
_IDEOGRAPH_RUNS = re.compile("([" + "".join(f"{low}-{high}" for low, high in IDEOGRAPHS) + "]+)")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _t2s_changing() -> tuple[re.Pattern, frozenset]:
    """The characters that let t2s change a text (``t2s_data``): those of the Basic Multilingual Plane
    as one character class (a bitmap to the regex engine: ~1 µs per 1,000 characters), the few
    beyond it as a set (a class holding them is a list the engine walks for every character)."""
    characters = "".join(
        line for line in T2S_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    )
    basic = "".join(character for character in characters if ord(character) <= 0xFFFF)
    return re.compile(f"[{re.escape(basic)}]"), frozenset(characters) - frozenset(basic)


def _t2s_may_change(text: str) -> bool:
    basic, supplementary = _t2s_changing()
    if basic.search(text):
        return True
    return _SUPPLEMENTARY.search(text) is not None and not supplementary.isdisjoint(text)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, normalising only what lies between ideographs."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    parts = _IDEOGRAPH_RUNS.split(text)
    parts[0::2] = [unicodedata.normalize("NFKC", part) for part in parts[0::2]]
    return "".join(parts)


def normalise(text: str) -> str:
    """NFKC, Traditional→Simplified (OpenCC t2s), lower case."""
    if not text:
        return ""
    text = nfkc(text)
    if _t2s_may_change(text):
        text = _converter().convert(text)
    return text.lower()


def compact(text: str) -> str:
    """Drop punctuation, symbols and whitespace from already normalised text."""
    return _NOT_TEXT.sub("", text)


def searchable(text: str) -> str:
    """The form the ground truth compares: normalised and compacted."""
    return compact(normalise(text))


def bigram_tokens(compacted: str) -> list[str]:
    """Overlapping bigrams and a final unigram, so that every position starts one token."""
    if not compacted:
        return []
    tokens = [compacted[i : i + 2] for i in range(len(compacted) - 1)]
    tokens.append(compacted[-1])
    return tokens


# Code points as 4-byte machine words: the array and the UTF-32 codec must agree on width and order.
_WORD = next(code for code in "IL" if array(code).itemsize == 4)
_UTF32 = f"utf-32-{sys.byteorder[0]}e"
_SPACE = array(_WORD, [32])


def bigram_string(compacted: str) -> str:
    """``" ".join(bigram_tokens(compacted))``, built with array slices (10× quicker)."""
    n = len(compacted)
    if n < 2:
        return compacted
    try:
        codes = array(_WORD, compacted.encode(_UTF32))
    except UnicodeEncodeError:  # a lone surrogate (compacted text has none)
        return " ".join(bigram_tokens(compacted))
    # Token i is characters i and i + 1 and a space: three code points each, then the unigram.
    joined = array(_WORD, bytes(4 * (3 * n - 2)))
    end = 3 * (n - 1)
    joined[0:end:3] = codes[:-1]
    joined[1:end:3] = codes[1:]
    joined[2:end:3] = _SPACE * (n - 1)
    joined[-1] = codes[-1]
    return joined.tobytes().decode(_UTF32)


def sections(compacted: str, size: int, overlap: int) -> list[str]:
    """Split long text into pieces of ``size`` characters overlapping by ``overlap``.

    Every substring of at most ``overlap + 1`` characters lies wholly inside one piece, so a term
    no longer than that is never lost at a boundary.
    """
    if len(compacted) <= size:
        return [compacted] if compacted else []
    step = size - overlap
    pieces = []
    for start in range(0, len(compacted), step):
        pieces.append(compacted[start : start + size])
        if start + size >= len(compacted):
            break
    return pieces


# --- segmentation (rjieba) ------------------------------------------------------------------


def government_terms() -> list[str]:
    lines = TERMS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def _segmenter() -> rjieba.Jieba:
    jieba = rjieba.Jieba()
    for term in government_terms():
        jieba.add_word(normalise(term), None, None)
        jieba.suggest_freq(normalise(term))
    return jieba


def index_words(text: str) -> list[str]:
    """Search-mode words of normalised text (long words and their parts), punctuation dropped."""
    return [w for w in _segmenter().cut_for_search(normalise(text), False) if compact(w)]


def query_words(text: str) -> list[str]:
    """Precise-mode words of a query."""
    return [w for w in _segmenter().cut(normalise(text), False) if compact(w)]


# --- queries --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A parsed query: every ``terms`` entry must occur, no ``excluded`` entry may."""

    raw: str
    terms: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    display_terms: tuple[str, ...] = field(default=(), compare=False)

    @property
    def empty(self) -> bool:
        return not self.terms


def parse_query(raw: str) -> Query:
    """Space = AND, "quoted text" = one term (spaces inside ignored), ``-term`` = exclusion."""
    text = unicodedata.normalize("NFKC", raw or "")
    terms: list[str] = []
    excluded: list[str] = []
    shown: list[str] = []
    for match in _QUERY_PART.finditer(text):
        negative, quoted, curly, bare = match.groups()
        original = next(part for part in (quoted, curly, bare, "") if part is not None)
        term = searchable(original)
        if not term:
            continue
        target = excluded if negative else terms
        if term not in target:
            target.append(term)
            if not negative:
                shown.append(original.strip())
    return Query(raw=raw or "", terms=tuple(terms), excluded=tuple(excluded), display_terms=tuple(shown))


def matches(query: Query, text: str) -> bool:
    """The ground truth: does the searchable form of ``text`` satisfy ``query``?"""
    haystack = searchable(text)
    return all(t in haystack for t in query.terms) and not any(t in haystack for t in query.excluded)


# --- highlighting ---------------------------------------------------------------------------


def aligned(text: str) -> tuple[str, list[int]] | None:
    """The searchable form of ``text`` with, for each of its characters, the offset in ``text``.

    None when Traditional→Simplified conversion changed the length (rare phrase conversions), in
    which case the caller highlights the normalised text instead.
    """
    origins: list[int] | None = None
    if unicodedata.is_normalized("NFKC", text):
        folded_text = text
    else:
        pieces = [_nfkc_char(char) for char in text]
        folded_text = "".join(pieces)
        if len(folded_text) != len(text) or 0 in map(len, pieces):
            # Some character folded into several (or none): map each back to its origin.
            origins = [offset for offset, piece in enumerate(pieces) for _ in piece]
    converted = _converter().convert(folded_text).lower()
    if len(converted) != len(folded_text):
        return None
    kept = [match.start() for match in _TEXT_CHAR.finditer(converted)]
    haystack = _NOT_TEXT.sub("", converted)
    return haystack, kept if origins is None else [origins[i] for i in kept]


_NFKC_CHARS: dict[str, str] = {}


def _nfkc_char(char: str) -> str:
    """NFKC of one character, remembered (snippets fold every character of their window)."""
    folded = _NFKC_CHARS.get(char)
    if folded is None:
        folded = unicodedata.normalize("NFKC", char)
        if len(_NFKC_CHARS) < 100_000:
            _NFKC_CHARS[char] = folded
    return folded


def match_spans(text: str, terms: tuple[str, ...]) -> tuple[str, list[tuple[int, int]]]:
    """Spans of ``text`` (or of its normalised form, see ``aligned``) where any term occurs."""
    alignment = aligned(text)
    if alignment is None:
        text = normalise(text)
        alignment = aligned(text) or ("", [])
    haystack, origins = alignment
    spans: list[tuple[int, int]] = []
    for term in sorted(set(terms), key=len, reverse=True):
        start = haystack.find(term)
        while start >= 0:
            spans.append((origins[start], origins[start + len(term) - 1] + 1))
            start = haystack.find(term, start + len(term))
    return text, _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, terms: tuple[str, ...], width: int = 120) -> str:
    """An HTML excerpt of ``text`` around the first match: matches in ``<mark>``, the rest escaped."""
    from html import escape

    if not text:
        return ""
    window, spans = _first_window(text, terms)
    if not spans:
        return escape(_clip(text[:width]))
    first = spans[0][0]
    start = max(0, first - width // 4)
    end = min(len(window), start + width)
    parts: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(window[cursor:span_start]))
        parts.append(f"<mark>{escape(window[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(window[cursor:end]))
    parts.append("…" if end < len(window) else "")
    return _clip("".join(parts))


def highlight(text: str, terms: tuple[str, ...]) -> str:
    """All of ``text`` (a title) as HTML: matches in ``<mark>``, the rest escaped, nothing cut."""
    from html import escape

    shown, spans = match_spans(text, terms)
    parts, cursor = [], 0
    for start, end in spans:
        parts += [escape(shown[cursor:start]), f"<mark>{escape(shown[start:end])}</mark>"]
        cursor = end
    parts.append(escape(shown[cursor:]))
    return _clip("".join(parts))


def _clip(text: str) -> str:
    return " ".join(text.split())


def _first_window(text: str, terms: tuple[str, ...], size: int = 400) -> tuple[str, list[tuple[int, int]]]:
    """The piece of ``text`` holding the first match (scanning from its estimated position).

    A term written out as such in ``text`` gives the position directly; only otherwise is the
    whole text normalised to estimate it (a long body costs ~0.3 ms, 20 times a page)."""
    lowered = text.lower()
    literal = [k for k in (lowered.find(t) for t in terms if t) if k >= 0]
    if literal:
        estimate = max(0, min(literal) - size // 2)
    else:
        haystack = searchable(text)
        found = [k for k in (haystack.find(t) for t in terms if t) if k >= 0]
        if not found:
            return text, []
        ratio = len(text) / max(len(haystack), 1)
        estimate = max(0, int(min(found) * ratio) - size // 2)
    step = size - 100  # windows overlap by more than the longest term
    for begin in (*range(estimate, len(text), step), *range(0, estimate, step)):
        piece = text[begin : begin + size]
        shown, spans = match_spans(piece, terms)
        if spans:
            return shown, spans
    return text, []
