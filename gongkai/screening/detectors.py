"""Pre-publication screening of text for personal data and secret markers — pure Python, no Django.

Regulation Art. 17 requires a 保密审查 before publication, Art. 15 and 《个人信息保护法》 forbid
disclosing personal information without consent. ``scan(text)`` finds what a reviewer must look
at: resident ID, mobile and bank card numbers (``block``), travel document numbers, landlines and
e-mail addresses (``warn``), and classification or "internal only" markers (``block``).

Offsets are Python ``str`` indices into the text as given. Full-width digits and letters are read
as their ASCII forms (a one-to-one character mapping, so offsets do not move).

False-positive guards: dates, 文号, 索引号, money amounts, statistical figures (decimals, thousands
separators, percentages, columns of numbers) and valid unified social credit codes (organisations'
codes are public) never produce a finding.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path

from gongkai.core import identifiers
from gongkai.core.identifiers import (
    is_resident_id,
    is_resident_id_15,
    is_uscc,
    passes_luhn,
    resident_id_birth_date,
)
from gongkai.screening import vocabulary
from gongkai.screening.vocabulary import Severity

BLOCK = Severity.BLOCK.value
WARN = Severity.WARN.value

# kind → (severity, message). The order is the priority when two candidates overlap.
KINDS: dict[str, tuple[str, str]] = {
    "secret_marker": (BLOCK, "含密级标志或内部资料标志，不得公开发布"),
    "id_card": (BLOCK, "居民身份证号码，属个人信息，发布前须删除或遮蔽"),
    "bank_card": (BLOCK, "银行卡号，属个人信息，发布前须删除或遮蔽"),
    "mobile": (BLOCK, "手机号码，属个人信息，发布前须删除或遮蔽"),
    "id_card_15": (WARN, "疑似15位旧版居民身份证号码，请核实"),
    "hk_macau_permit": (WARN, "疑似港澳通行证或回乡证号码，请核实"),
    "passport": (WARN, "疑似护照号码，请核实"),
    "landline": (WARN, "固定电话号码（办公电话通常可以公开），请核实是否为个人电话"),
    "email": (WARN, "电子邮箱地址，请核实是否为个人邮箱"),
}
# A resident ID with a valid check character is never taken for a date or a code; markers are words.
UNGUARDED = frozenset({"secret_marker", "id_card"})
PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str
    masked: str
    severity: str
    message: str


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop publication unless a reviewer overrides them (truthy if any)."""
    return [finding for finding in findings if finding.severity == BLOCK]


# Full-width forms (U+FF01–FF5E) and the ideographic space read as ASCII, one character for one.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]+")

# Every pattern opens with a plain character class and checks what precedes it in a lookbehind
# placed after that first character: Python's regex engine then skips quickly to candidate
# characters instead of testing the lookbehind at every position (about ten times faster).


def _opening(first: str, *before: str) -> str:
    """``first`` not preceded by any of ``before`` (fixed-width classes)."""
    return first + "".join(f"(?<!{preceding}{first})" for preceding in before)


# Left/right edges of a number: no digit, decimal point or dash-joined number continues it.
_NUMBER_BEFORE = ("[0-9]", r"[0-9][.\-]")
_R = r"(?![0-9])(?!\.[0-9])"

# 18 characters, or grouped 6-8-4 (110105 19491231 002X, 440301-19850612-1231) or 3-3-4-4-4
# (440 301 1985 0612 1231) with one space or dash throughout: groupings that keep region, birth date
# and check character, which decide. No further group may follow (a column of figures).
ID_CARD = re.compile(
    _opening("[1-8]", *_NUMBER_BEFORE)
    + r"[0-9]{2}(?:[0-9]{3}(?:[0-9]{11}|(?P<six>[ -])[0-9]{8}(?P=six)[0-9]{3})"
    r"|(?P<three>[ -])[0-9]{3}(?P=three)[0-9]{4}(?P=three)[0-9]{4}(?P=three)[0-9]{3})"
    r"[0-9Xx](?![0-9A-Za-z])(?!\.[0-9])(?(six)(?!(?P=six)[0-9]))(?(three)(?!(?P=three)[0-9]))"
)
# Text extracted from a PDF table wraps a long number where the column ends: a digit run closing one
# line and one opening the next make 18 characters (the check character decides, as above). One side
# holds six digits in a row, so that _NUMBER_HINT still tells which texts need no number scan.
_LINE_BREAK = r"[ \t]*\r?\n[ \t]*"
ID_CARD_WRAPPED = re.compile(
    _opening("[1-8]", *_NUMBER_BEFORE)
    + rf"(?:[0-9]{{5,16}}{_LINE_BREAK}[0-9]{{0,16}}|[0-9]{{0,4}}{_LINE_BREAK}[0-9]{{6,16}})[0-9Xx]"
    r"(?![0-9A-Za-z])(?!\.[0-9])"
)
ID_CARD_15 = re.compile(_opening("[1-8]", *_NUMBER_BEFORE) + r"[0-9]{14}" + _R)
# The issuer ranges of bank cards (first digit 2–6 or 9) are checked in _in_card_ranges().
BANK_CARD = re.compile(
    _opening("[0-9]", *_NUMBER_BEFORE)
    + r"(?:[0-9]{15,18}|(?<=[2-69])(?<![0-9][ -][2-69])[0-9]{3}([ -])[0-9]{4}(?:\1[0-9]{4}){2}"
    r"(?:\1[0-9]{1,3})?(?![ -][0-9]))" + _R
)
# The number itself; an international prefix and the left edge are checked in _mobiles(). Grouped
# 3-4-4 (either separator in either place) or 3-8, and no further group may follow.
MOBILE = re.compile(r"1[3-9][0-9](?:[0-9]{8}|(?P<sep>[ -])[0-9]{4}[ -]?[0-9]{4}(?![ -][0-9]))" + _R)
# +86 / 0086 (then a space or dash), 86- and 86 joined are country codes; "86 " alone only at a boundary
# (see _mobiles): in "共86 13812345678" it is a count.
MOBILE_PREFIX = re.compile(r"(?:(?:\+|00)86[ -]?|86-?|(?P<bare>86 ))\Z")
PASSPORT = re.compile(_opening("[EG]", "[0-9A-Za-z]") + r"[0-9]{8}(?![0-9A-Za-z])")
HK_MACAU_PERMIT = re.compile(_opening("[CHM]", "[0-9A-Za-z]") + r"[0-9]{8,10}(?![0-9A-Za-z])")
# Area code in brackets, or followed by a dash (en/em dashes too) or a space; the number whole or
# grouped 4-4 / 3-4. A spaced form is no landline when another group follows (or, checked in
# _landlines(), precedes it): a column of figures.
LANDLINE = re.compile(
    r"(?P<area>[(（]0[1-9][0-9]{1,2}[)）][ \-—–]?|"
    + _opening("0", *_NUMBER_BEFORE)
    + r"[1-9][0-9]{1,2}(?:[\-—–]|(?P<space> )))(?P<number>[2-9][0-9]{6,7}|[2-9][0-9]{2,3}(?P<gap> )[0-9]{4})"
    r"(?:-[0-9]{1,5})?" + _R + r"(?(space)(?! [0-9]))(?(gap)(?! [0-9]))"
)
EMAIL = re.compile(
    _opening("[A-Za-z0-9]", "[A-Za-z0-9._%+-]")
    + r"[A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
USCC_TOKEN = re.compile(_opening("[0-9A-Z]", "[0-9A-Za-z]") + r"[0-9A-Z]{17}(?![0-9A-Za-z])")

GUARDS = tuple(
    re.compile(pattern)
    for pattern in (
        # 索引号: organisation code / year(month) - sequence, e.g. 003111216/201505-00034.
        _opening("[0-9A-Z]", "[0-9A-Za-z]") + r"[0-9A-Z]{5,19}/[0-9]{4,8}-[0-9]{3,8}(?![0-9])",
        r"索[ \t]*引[ \t]*号[ \t]*[:：]?[ \t]*[0-9A-Za-z/\-]+",
        # Approval numbers of products: 国药准字H20033015, 国食健字G20050123 (not travel documents).
        r"字[ \t]*[A-Z][0-9]{8}(?![0-9])",
        # 文号: 〔2021〕12号 and its bracket variants.
        r"[〔\[［(（【][0-9]{4}[〕\]］)）】][ \t]*第?[ \t]*[0-9]+[ \t]*号",
        # Dates: 2018年1月31日, 2018-01-31, 2018/1/31, 2018.01.31, 20180131.
        _opening("[0-9]", "[0-9]") + r"[0-9]{3}[ \t]*年[ \t]*[0-9]{1,2}[ \t]*月(?:[ \t]*[0-9]{1,2}[ \t]*日)?",
        _opening("[12]", "[0-9]")
        + r"(?:(?<=1)9|(?<=2)0)[0-9]{2}(?:[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12][0-9]|3[01])"
        r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))(?![0-9])",
        # Money: ¥1,234.50, 人民币 12345 元, 3.5万元.
        r"(?:[¥￥$]|人民币)[ \t]*[0-9][0-9,.]*",
        _opening("[0-9]", "[0-9]") + r"[0-9,.]*[ \t]*(?:万|亿|千)?(?:元|美元|港元|港币)",
        # Statistical figures: thousands separators, decimals, percentages.
        _opening("[0-9]", "[0-9]") + r"[0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])",
        _opening("[0-9]", "[0-9]") + r"[0-9]*\.[0-9]+(?:[ \t]*[%‰])?",
        _opening("[0-9]", "[0-9]") + r"[0-9]*[ \t]*[%‰]",
    )
)

# Secret markers (Art. 17 保密审查; 《保守国家秘密法》 Art. 20 on the 密级 mark).
# A header spaces the level's two characters to the width of the lines below (机  密★1年).
CLASSIFIED_STAR = re.compile(
    r"[绝机秘][ \t]*密[ \t]*[★☆][ \t]*(?:(?:[0-9]+|[一二三四五六七八九十]+)[ \t]*(?:年|个月)|长期)?"
)
CLASSIFIED_PERIOD = re.compile(r"[绝机秘][ \t]*密[ \t]*[0-9]+[ \t]*(?:年|个月)")  # left edge: _is_edge
CLASSIFIED_LABEL = re.compile(r"密[ \t]*级[ \t]*[:：]?[ \t]*[绝机秘][ \t]*密")
CLASSIFIED_LINE = re.compile(r"^[ \t]*[绝机秘][ \t]*密[ \t\r]*$", re.M)
INTERNAL = re.compile(r"[内注不](?:(?<=内)部(?:使用|资料|文件)|(?<=注)意保密|(?<=不)得外传)")
INTERNAL_USE_PREFIX = re.compile(r"(?:仅供|仅限|只供|限)\Z")
# Sample and test IDs (440524188001010014) are born in the 1800s; screening errs on the safe side.
EARLIEST_BIRTH_YEAR = 1800
HEAD_LINES = 5
HEAD_CHARS = 300


def scan(text: str, *, today: dt.date | None = None) -> list[Finding]:
    """All findings in ``text``, sorted by start and non-overlapping.

    ``today`` bounds resident-ID birth dates (an ID born after today is not an ID); the caller
    passes it, the rule never reads the clock.
    """
    normal = _FULL_WIDTH.sub(lambda match: match.group().translate(_WIDTH), text)
    candidates = list(_candidates(normal, today))
    if any(c.kind not in UNGUARDED for c in candidates):  # most texts have none: no guard scan
        guards = _Spans(_guard_spans(normal))
        candidates = [c for c in candidates if c.kind in UNGUARDED or not guards.hits(c)]
    return [
        Finding(c.kind, c.start, c.end, text[c.start : c.end], c.masked, *KINDS[c.kind])
        for c in _choose(candidates)
    ]


@dataclass(frozen=True)
class _Candidate:
    kind: str
    start: int
    end: int
    masked: str


class _Spans:
    """Fixed half-open spans, possibly overlapping, with an overlap test by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.max_end = list(accumulate((end for _, end in ordered), max))

    def hits(self, candidate: _Candidate) -> bool:
        index = bisect.bisect_left(self.starts, candidate.end) - 1
        return index >= 0 and self.max_end[index] > candidate.start


def _choose(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping findings: within each cluster of overlapping candidates the higher-priority
    kind wins, then the longer match. Linear apart from the sort: clusters are tiny."""
    candidates.sort(key=lambda c: (c.start, c.end))
    chosen: list[_Candidate] = []
    cluster: list[_Candidate] = []
    cluster_end = -1
    for candidate in candidates:
        if cluster and candidate.start >= cluster_end:
            chosen.extend(_resolve(cluster))
            cluster = []
        cluster_end = candidate.end if not cluster else max(cluster_end, candidate.end)
        cluster.append(candidate)
    chosen.extend(_resolve(cluster))
    return chosen


def _resolve(cluster: list[_Candidate]) -> list[_Candidate]:
    if len(cluster) < 2:
        return cluster
    taken: list[_Candidate] = []
    for candidate in sorted(cluster, key=lambda c: (PRIORITY[c.kind], -(c.end - c.start), c.start)):
        if all(candidate.end <= other.start or other.end <= candidate.start for other in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def _guard_spans(text: str) -> Iterator[tuple[int, int]]:
    for pattern in GUARDS:
        for match in pattern.finditer(text):
            yield match.span()
    for match in USCC_TOKEN.finditer(text):
        code = match.group()
        # An 18-digit string that is a valid resident ID is treated as one: blocking is the safe side.
        if is_uscc(code) and not is_resident_id(code, earliest_year=EARLIEST_BIRTH_YEAR):
            yield match.span()


# Every match of the number patterns below holds six digits in a row or a group of three or four, a
# space or dash, and four more (a grouped card or mobile number): most texts hold neither, and are not
# scanned by seven patterns for nothing. E-mail addresses hold "@".
_NUMBER_HINT = re.compile(r"[0-9]{6}|[0-9]{3}[ -][0-9]{4}")


def _candidates(text: str, today: dt.date | None) -> Iterator[_Candidate]:
    yield from _secret_markers(text)
    if _NUMBER_HINT.search(text):
        yield from _numbers(text, today)
    if "@" in text:
        for match in EMAIL.finditer(text):
            local, domain = match.group().split("@", 1)
            yield _Candidate("email", *match.span(), local[0] + "***@" + domain)


def _numbers(text: str, today: dt.date | None) -> Iterator[_Candidate]:
    for match in ID_CARD.finditer(text):
        number = re.sub(r"[ -]", "", match.group()).upper()
        if is_resident_id(number, today=today, earliest_year=EARLIEST_BIRTH_YEAR):
            yield _Candidate("id_card", *match.span(), number[:6] + "*" * 8 + number[-4:])
    for match in _wrapped_numbers(text):
        number = re.sub(r"\s", "", match.group()).upper()
        if len(number) == 18 and is_resident_id(number, today=today, earliest_year=EARLIEST_BIRTH_YEAR):
            yield _Candidate("id_card", *match.span(), number[:6] + "*" * 8 + number[-4:])
    for match in ID_CARD_15.finditer(text):
        if is_resident_id_15(match.group(), today=today):
            yield _Candidate("id_card_15", *match.span(), match.group()[:6] + "*" * 6 + match.group()[-3:])
    for match in BANK_CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if _in_card_ranges(digits) and passes_luhn(digits) and not _looks_like_mistyped_id(digits):
            yield _Candidate("bank_card", *match.span(), mask_bank_card(digits))
    yield from _mobiles(text)
    for kind, pattern in (("hk_macau_permit", HK_MACAU_PERMIT), ("passport", PASSPORT)):
        for match in pattern.finditer(text):
            value = match.group()
            yield _Candidate(kind, *match.span(), value[:2] + "*" * (len(value) - 4) + value[-2:])
    yield from _landlines(text)


_DIGITS = frozenset("0123456789")
# A pattern opening with a literal line break is searched for by the engine's fast literal scan, about
# fifteen times faster than ID_CARD_WRAPPED itself; the few lines opening with a digit are then checked
# for a digit run closing the line before (the next may hold only the check character X).
_LINE_OPENS_WITH_DIGIT = re.compile(r"\n[ \t]*[0-9Xx]")


def _wrapped_numbers(text: str) -> Iterator[re.Match]:
    """ID_CARD_WRAPPED's matches, tried only where a line closing with a digit meets one opening with one."""
    last_end = 0  # no overlapping matches, as finditer
    for line_break in _LINE_OPENS_WITH_DIGIT.finditer(text):
        end = line_break.start()
        if end and text[end - 1] == "\r":
            end -= 1
        while end and text[end - 1] in " \t":
            end -= 1
        start = end
        while start and end - start < 17 and text[start - 1] in _DIGITS:
            start -= 1
        if last_end <= start < end and (match := ID_CARD_WRAPPED.match(text, start)):
            last_end = match.end()
            yield match


def _landlines(text: str) -> Iterator[_Candidate]:
    for match in LANDLINE.finditer(text):
        start, end = match.span()
        if match.group("space") and start > 1 and text[start - 1] == " " and text[start - 2] in _DIGITS:
            continue  # "12 0731 88888888": a column of figures
        masked = match.group("area") + "****" + match.group("number")[-4:] + text[match.end("number") : end]
        yield _Candidate("landline", start, end, masked)


def _mobiles(text: str) -> Iterator[_Candidate]:
    for match in MOBILE.finditer(text):
        start, end = match.span()
        stands_alone = False
        if prefix := MOBILE_PREFIX.search(text, max(0, start - 6), start):
            preceding = text[prefix.start() - 1] if prefix.start() else " "
            if not prefix.group("bare") or (_is_edge(preceding) and preceding not in ".-"):
                start = prefix.start()
            elif preceding not in _DIGITS and preceding not in ".-":
                stands_alone = True  # 共86 / 电话86: a count or a country code, not a column of figures
        before = text[max(0, start - 2) : start]
        joiners = " .-" if match.group("sep") else ".-"  # a spaced number in a column of figures
        if not stands_alone and (
            before[-1:] in _DIGITS or (len(before) == 2 and before[0] in _DIGITS and before[1] in joiners)
        ):
            continue  # part of a longer number or a decimal
        digits = re.sub(r"[ -]", "", match.group())
        yield _Candidate("mobile", start, end, digits[:3] + "****" + digits[-4:])


def mask_bank_card(digits: str) -> str:
    """First and last four digits kept, the middle starred in groups of four: 6222 **** **** 1234."""
    middle = "*" * (len(digits) - 8)
    groups = [middle[i : i + 4] for i in range(0, len(middle), 4)]
    return " ".join([digits[:4], *groups, digits[-4:]])


_CARD_FIRST_DIGITS = frozenset("34569")


def _in_card_ranges(digits: str) -> bool:
    """Issuer ranges of payment cards (ISO/IEC 7812): 3 (American Express 34/37, JCB 35, Diners),
    4 (Visa), 5 (Mastercard), 6 (UnionPay 62, Discover), 9 (national: older Chinese cards), and
    Mastercard's 2-series 2221–2720 of 16 digits. A Luhn number opening with 1, 7, 8 or another 2
    (an article ID in a URL, an airline or fuel card) is not a bank card."""
    return digits[0] in _CARD_FIRST_DIGITS or (len(digits) == 16 and "2221" <= digits[:4] <= "2720")


def _looks_like_mistyped_id(digits: str) -> bool:
    """An 18-digit number with a resident ID's region and birth date but a wrong check digit is a
    mistyped ID rather than a bank card; reporting it as a card would mislead the reviewer."""
    return (
        len(digits) == 18
        and 11 <= int(digits[:2]) <= 82
        and (born := resident_id_birth_date(digits)) is not None
        and born.year >= EARLIEST_BIRTH_YEAR
    )


def _secret_markers(text: str) -> Iterator[_Candidate]:
    for pattern in (CLASSIFIED_STAR, CLASSIFIED_PERIOD, CLASSIFIED_LABEL, CLASSIFIED_LINE):
        for match in pattern.finditer(text):
            start, end = match.span()
            if pattern is CLASSIFIED_PERIOD and start > 0 and not _is_edge(text[start - 1]):
                continue  # "秘密10年" inside a sentence is prose; a label stands apart
            value = match.group()
            start += len(value) - len(value.lstrip())
            end -= len(value) - len(value.rstrip())
            yield _Candidate("secret_marker", start, end, text[start:end])
    head_end = _head_end(text)
    for match in INTERNAL.finditer(text):
        start, end = match.span()
        if match.group() == "内部使用" and (
            prefix := INTERNAL_USE_PREFIX.search(text[max(0, start - 2) : start])
        ):
            start -= len(prefix.group())
        if _is_label(text, start, end) or (start < head_end and _heads_a_line(text, start, end)):
            yield _Candidate("secret_marker", start, end, text[start:end])


def _is_label(text: str, start: int, end: int) -> bool:
    """The marker stands apart from the words around it: 【内部资料】, "内部资料 注意保密", its own line."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    return _is_edge(before) and _is_edge(after)


def _heads_a_line(text: str, start: int, end: int) -> bool:
    """In the head of a document a marker may close a line (市教育局内部资料), or a phrase of it before
    a space (市教育局内部资料 请勿外传), or open one followed by an issue number (内部资料第3期), but
    "内部资料性出版物管理办法" is a title, not a marker."""
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)].strip()
    if not rest or text[end].isspace():
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and (rest[0] == "第" or _is_edge(rest[0]))


def _is_edge(char: str) -> bool:
    return char.isspace() or char in _EDGE_CHARS


_EDGE_CHARS = frozenset(":：;；,，.。、!！?？★☆*·|/-—【】[]（）()「」『』《》<>\"'“”‘’")


def _head_end(text: str) -> int:
    """Offset where the head of the document ends: after its first non-blank lines, capped."""
    seen = 0
    position = 0
    while position < len(text) and position < HEAD_CHARS:
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        if text[position:line_end].strip():
            seen += 1
            if seen >= HEAD_LINES:
                return min(line_end, HEAD_CHARS)
        position = line_end + 1
    return min(len(text), HEAD_CHARS)


@cache
def rules_version() -> str:
    """A digest of the screening rules' code (this module, the identifier checks, the vocabulary):
    a verdict stored with other rules (``Item.screened_with``) is made again."""
    digest = hashlib.sha256()
    for module in (__file__, identifiers.__file__, vocabulary.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]
