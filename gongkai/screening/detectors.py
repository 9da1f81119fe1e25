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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gongkai.core.identifiers import (
    is_resident_id,
    is_resident_id_15,
    is_uscc,
    passes_luhn,
    resident_id_birth_date,
)

BLOCK = "block"
WARN = "warn"

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

# Left/right edges of a number: no digit, decimal point or thousands group continues it.
_L = r"(?<![0-9])(?<![0-9][.\-])"
_R = r"(?![0-9])(?!\.[0-9])"

ID_CARD = re.compile(_L + r"[1-8][0-9]{16}[0-9Xx](?![0-9A-Za-z])(?!\.[0-9])")
ID_CARD_15 = re.compile(_L + r"[1-8][0-9]{14}" + _R)
BANK_CARD = re.compile(
    _L + r"(?:[0-9]{16,19}|(?<![0-9][ -])[3-69][0-9]{3}([ -])[0-9]{4}(?:\1[0-9]{4}){2}(?:\1[0-9]{1,3})?"
    r"(?![ -][0-9]))" + _R
)
MOBILE = re.compile(
    _L + r"(?<![0-9][ -])(?:(?:\+|00)?86[ -]?)?"
    r"(?P<number>1[3-9][0-9](?:[0-9]{8}|(?P<sep>[ -])[0-9]{4}(?P=sep)[0-9]{4}(?![ -][0-9])))" + _R
)
PASSPORT = re.compile(r"(?<![0-9A-Za-z])[EG][0-9]{8}(?![0-9A-Za-z])")
HK_MACAU_PERMIT = re.compile(r"(?<![0-9A-Za-z])[CHM][0-9]{8,10}(?![0-9A-Za-z])")
LANDLINE = re.compile(
    _L + r"(?:[(（]0[1-9][0-9]{1,2}[)）][ -]?|0[1-9][0-9]{1,2}-)[2-9][0-9]{6,7}(?:-[0-9]{1,5})?" + _R
)
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
USCC_TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9A-Z]{18}(?![0-9A-Za-z])")

GUARDS = tuple(
    re.compile(pattern)
    for pattern in (
        # 索引号: organisation code / year(month) - sequence, e.g. 003111216/201505-00034.
        r"(?<![0-9A-Za-z])[0-9A-Z]{6,20}/[0-9]{4,8}-[0-9]{3,8}(?![0-9])",
        r"索[ \t]*引[ \t]*号[ \t]*[:：]?[ \t]*[0-9A-Za-z/\-]+",
        # 文号: 〔2021〕12号 and its bracket variants.
        r"[〔\[［(（【][0-9]{4}[〕\]］)）】][ \t]*第?[ \t]*[0-9]+[ \t]*号",
        # Dates: 2018年1月31日, 2018-01-31, 2018/1/31, 2018.01.31, 20180131.
        r"(?<![0-9])[0-9]{4}[ \t]*年[ \t]*[0-9]{1,2}[ \t]*月(?:[ \t]*[0-9]{1,2}[ \t]*日)?",
        r"(?<![0-9])(?:19|20)[0-9]{2}(?:[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12][0-9]|3[01])"
        r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))(?![0-9])",
        # Money: ¥1,234.50, 人民币 12345 元, 3.5万元.
        r"(?:[¥￥$]|人民币)[ \t]*[0-9][0-9,.]*",
        r"(?<![0-9])[0-9][0-9,.]*[ \t]*(?:万|亿|千)?(?:元|美元|港元|港币)",
        # Statistical figures: thousands separators, decimals, percentages.
        r"(?<![0-9])[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])",
        r"(?<![0-9])[0-9]+\.[0-9]+(?:[ \t]*[%‰])?",
        r"(?<![0-9])[0-9]+[ \t]*[%‰]",
    )
)

# Secret markers (Art. 17 保密审查; 《保守国家秘密法》 Art. 20 on the 密级 mark).
_EDGE = r"\s\u3000:：;；,，.。、!！?？★☆*·|/\-—【】\[\]（）()「」『』《》<>\"'“”‘’"
CLASSIFIED_STAR = re.compile(
    r"(?:绝密|机密|秘密)[ \t]*[★☆][ \t]*(?:(?:[0-9]+|[一二三四五六七八九十]+)[ \t]*(?:年|个月)|长期)?"
)
CLASSIFIED_PERIOD = re.compile(rf"(?:(?<=[{_EDGE}])|^)(?:绝密|机密|秘密)[ \t]*[0-9]+[ \t]*(?:年|个月)", re.M)
CLASSIFIED_LABEL = re.compile(
    r"密[ \t]*级[ \t]*[:：]?[ \t]*(?:绝密|机密|秘密)|^[ \t]*(?:绝密|机密|秘密)[ \t]*$", re.M
)
INTERNAL = re.compile(r"(?:(?:仅供|仅限|只供|限)?内部使用|内部资料|内部文件|注意保密|不得外传)")
# Sample and test IDs (440524188001010014) are born in the 1800s; screening errs on the safe side.
EARLIEST_BIRTH_YEAR = 1800
HEAD_LINES = 5
HEAD_CHARS = 300


def scan(text: str, *, today: dt.date | None = None) -> list[Finding]:
    """All findings in ``text``, sorted by start and non-overlapping.

    ``today`` bounds resident-ID birth dates (an ID born after today is not an ID); the caller
    passes it, the rule never reads the clock.
    """
    normal = text.translate(_WIDTH)
    guards = _Spans(_guard_spans(normal))
    candidates = [c for c in _candidates(normal, today) if c.kind == "secret_marker" or not guards.hits(c)]
    candidates.sort(key=lambda c: (PRIORITY[c.kind], -(c.end - c.start), c.start))
    taken = _Spans([])
    chosen = []
    for candidate in candidates:
        if not taken.hits(candidate):
            taken.add(candidate.start, candidate.end)
            chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return [Finding(c.kind, c.start, c.end, text[c.start : c.end], c.masked, *KINDS[c.kind]) for c in chosen]


@dataclass(frozen=True)
class _Candidate:
    kind: str
    start: int
    end: int
    masked: str


class _Spans:
    """Disjoint-or-not half-open spans with an overlap test; spans are few, lookups are many."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.max_end = []
        running = -1
        for _, end in self.spans:
            running = max(running, end)
            self.max_end.append(running)

    def hits(self, candidate: _Candidate) -> bool:
        index = bisect.bisect_left(self.starts, candidate.end) - 1
        return index >= 0 and self.max_end[index] > candidate.start

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.spans.insert(index, (start, end))
        self.starts.insert(index, start)
        self.max_end = list(_running_max(end for _, end in self.spans))


def _running_max(values: Iterable[int]) -> Iterator[int]:
    running = -1
    for value in values:
        running = max(running, value)
        yield running


def _guard_spans(text: str) -> Iterator[tuple[int, int]]:
    for pattern in GUARDS:
        for match in pattern.finditer(text):
            yield match.span()
    for match in USCC_TOKEN.finditer(text):
        code = match.group()
        # An 18-digit string that is a valid resident ID is treated as one: blocking is the safe side.
        if is_uscc(code) and not is_resident_id(code, earliest_year=EARLIEST_BIRTH_YEAR):
            yield match.span()


def _candidates(text: str, today: dt.date | None) -> Iterator[_Candidate]:
    yield from _secret_markers(text)
    for match in ID_CARD.finditer(text):
        number = match.group().upper()
        if is_resident_id(number, today=today, earliest_year=EARLIEST_BIRTH_YEAR):
            yield _Candidate("id_card", *match.span(), number[:6] + "*" * 8 + number[-4:])
    for match in ID_CARD_15.finditer(text):
        if is_resident_id_15(match.group(), today=today):
            yield _Candidate("id_card_15", *match.span(), match.group()[:6] + "*" * 6 + match.group()[-3:])
    for match in BANK_CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if passes_luhn(digits) and not _looks_like_mistyped_id(digits):
            yield _Candidate("bank_card", *match.span(), mask_bank_card(digits))
    for match in MOBILE.finditer(text):
        digits = re.sub(r"[ -]", "", match.group("number"))
        yield _Candidate("mobile", *match.span(), digits[:3] + "****" + digits[-4:])
    for kind, pattern in (("hk_macau_permit", HK_MACAU_PERMIT), ("passport", PASSPORT)):
        for match in pattern.finditer(text):
            value = match.group()
            yield _Candidate(kind, *match.span(), value[:2] + "*" * (len(value) - 4) + value[-2:])
    for match in LANDLINE.finditer(text):
        value = match.group()
        yield _Candidate("landline", *match.span(), value[:-4].rstrip("0123456789") + "****" + value[-4:])
    for match in EMAIL.finditer(text):
        local, domain = match.group().split("@", 1)
        yield _Candidate("email", *match.span(), local[0] + "***@" + domain)


def mask_bank_card(digits: str) -> str:
    """First and last four digits kept, the middle starred in groups of four: 6222 **** **** 1234."""
    middle = "*" * (len(digits) - 8)
    groups = [middle[i : i + 4] for i in range(0, len(middle), 4)]
    return " ".join([digits[:4], *groups, digits[-4:]])


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
    for pattern in (CLASSIFIED_STAR, CLASSIFIED_PERIOD, CLASSIFIED_LABEL):
        for match in pattern.finditer(text):
            start, end = match.span()
            value = match.group()
            start += len(value) - len(value.lstrip())
            end -= len(value) - len(value.rstrip())
            yield _Candidate("secret_marker", start, end, text[start:end])
    head_end = _head_end(text)
    for match in INTERNAL.finditer(text):
        start, end = match.span()
        if _is_label(text, start, end) or (start < head_end and _heads_a_line(text, start, end)):
            yield _Candidate("secret_marker", start, end, match.group())


def _is_label(text: str, start: int, end: int) -> bool:
    """The marker stands apart from the words around it: 【内部资料】, "内部资料 注意保密", its own line."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    return _is_edge(before) and _is_edge(after)


def _heads_a_line(text: str, start: int, end: int) -> bool:
    """In the head of a document a marker may close a line (市教育局内部资料) or open one followed by
    an issue number (内部资料第3期), but "内部资料性出版物管理办法" is a title, not a marker."""
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)].strip()
    if not rest:
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
