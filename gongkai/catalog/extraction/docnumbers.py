"""发文字号 (document numbers) per GB/T 9704-2012 §7.2.4: 机关代字 + 〔年份〕 + 序号 + 号.

The standard brackets the year with 六角括号 〔〕; in the wild the year also appears in ``[ ]``, ``［ ］``,
``（ ）``, ``( )`` and ``【 】``, all of which are read as the same number, as is a sequence written with 第
(``〔2024〕第7号``: §7.2.4 says 序号不加"第"字, so the standard form drops it). Copy-paste damage drops brackets
or the final 号 (``娄政办函〔201766号``, ``迎政办〔201515)``): such numbers are read as well as possible
(the year is always four digits, so the sequence is what follows it) and flagged ``damaged``.

Pages copied from websites with ruby annotations carry pinyin after a character (``滬府發(fā)〔2017〕92號``):
the annotation is not part of the number and is skipped. The standard form (``text``) is written in
Simplified characters with 号 (``沪府发〔2017〕92号``) so that a number reads the same whichever version of a
site it came from; ``raw`` keeps what the source says.

A 令 (GB/T 9704 §10.2) and a numbered 公告 or 通告 have no 机关代字: they are numbered under the agency's mark
(``测试市人民政府令第12号``, ``国家税务总局公告2023年第1号``, ``国家税务总局 财政部公告2023年第12号``,
``中国人民银行公告〔2023〕第5号``, ``测试市人民政府通告（2024年第3号）``). Such a designation is read whole
(``find_order``, ``parse_order``; ``DocNumber.order``) and stored as a legal citation gives it: the mark, the year as
the agency writes it, 第…号, without the layout's spaces and brackets. Pure module: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import opencc

from gongkai.catalog.extraction.dates import fold

OPEN = "〔[(【"
CLOSE = "〕])】"
PAIRS = dict(zip(OPEN, CLOSE, strict=True))
# The 机关代字: Chinese characters (Traditional too), at most a dozen; Latin letters are rare but occur.
CODE = r"[\u4e00-\u9fffA-Za-z]{1,14}"
YEAR = r"(?:19|20)[0-9]{2}"
SUFFIX = "号號"

# The patterns start at the bracket (or the year) and the 机关代字 is read backwards from there: scanning
# forwards from every Chinese character would cost a dozen steps per character of a long text.
WELL_FORMED = re.compile(
    rf"(?P<open>[{re.escape(OPEN)}])\s*(?P<year>{YEAR})\s*(?P<close>[{re.escape(CLOSE)}])"
    rf"\s*(?:第\s*)?(?P<seq>[0-9]{{1,5}})(?![0-9])\s*(?P<suffix>[{SUFFIX}])?"
)
# Brackets lost: ``〔201766号`` or ``201766号`` (year and sequence run together, 号 kept), or
# ``〔201515)`` (closing bracket and 号 lost, the parenthesis of the sentence follows), or ``〔201746`` at the
# end of its line (closing bracket and 号 lost, as a 文号 line of a copied page).
RUN_TOGETHER = re.compile(
    rf"(?:(?P<open>[{re.escape(OPEN)}])|(?<![0-9]))(?P<year>{YEAR})(?P<seq>[0-9]{{1,5}})(?P<suffix>[{SUFFIX}])"
    rf"|(?P<open2>[{re.escape(OPEN)}])(?P<year2>{YEAR})(?P<seq2>[0-9]{{1,5}})(?:[{re.escape(CLOSE)}]|(?=[^\S\n]*(?:\n|$)))"
)
# Every match of RUN_TOGETHER has a year with a digit after it: text without such a run is not scanned
# (the pattern may start at any character that no digit precedes, so the engine tries every position).
_RUN_HINT = re.compile(r"(?:19|20)[0-9]{3}")
# A year as written, full-width digits included. Pinyin annotations follow a Chinese character, so
# removing one never joins digits: a year in the cleaned text is a run of four digits here.
_YEAR_HINT = re.compile("[12１２][09０９][0-9０-９]{2}")
CODE_BEFORE = re.compile(rf"(?P<code>{CODE})\s*$")
# A 机关代字 with an area code in it (``豫0923环罚决字``: a province's one character, a county's 4 or 6 digits,
# the code words): only at the start of the number (nothing Chinese or digit before it), and never a year
# (``在2024测政发`` is prose) nor digits a 年, 月 or 号 follows.
AREA_CODE_BEFORE = re.compile(
    r"(?<![0-9A-Za-z\u4e00-\u9fff])(?P<code>[\u4e00-\u9fff](?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]{4}(?:[0-9]{2})?"
    r"(?![年月日号號])[\u4e00-\u9fff]{1,8})\s*$"
)
# A designation under an agency's mark (GB/T 9704 §10.2 for a 令; a numbered 公告 or 通告 alike): the 发文机关标志 (an
# agency's name, or joint agencies' names a space apart, then 令, 公告 or 通告), then maybe the year (``2023年``, or
# ``〔2023〕`` as 中国人民银行公告〔2023〕第5号 writes it), then 第…号, maybe all in brackets (``通告（2024年第3号）``).
ORDER = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{2,30}(?:[^\S\n]+[\u4e00-\u9fff]{2,30})*?(?:令|公告|通告))[^\S\n]*"
    r"(?:(?P<yopen>[(（〔\[【])[^\S\n]*(?P<byear>(?:19|20)[0-9]{2})[^\S\n]*[)）〕\]】][^\S\n]*"
    r"|(?P<open>[(（〔\[【])?[^\S\n]*(?:(?P<year>(?:19|20)[0-9]{2})[^\S\n]*年[^\S\n]*)?)"
    r"第[^\S\n]*(?P<seq>[0-9]{1,5}|[〇零一二三四五六七八九十百千]{1,9})[^\S\n]*(?P<suffix>[号號])[^\S\n]*(?(open)[)）〕\]】])"
)
# The last word of an agency's mark, and what no mark holds: a title's words (``关于…的公告（2024年第3号）``) or the
# word of a sentence citing it (``根据国家税务总局公告…``).
MARK_END = re.compile(r"(?:令|公告|通告)$")
NOT_A_MARK = re.compile(r"关于|關於|關于|的|^(?:根据|根據|依据|依據|按照|依照|参照|參照|对照|對照|执行|執行|落实|落實)")
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
NOT_A_CODE = re.compile(r"ICP|备案|备$|備$")
CJK = re.compile(r"[\u4e00-\u9fff]")

# Words that often stand right before a cited number and are not part of the 机关代字: the code starts
# after the last of them. Single characters that also occur inside real codes (经, 发, 办) are not listed.
LEADING_WORDS = re.compile(
    r"^.*(?:根据|依据|按照|依照|对照|對照|贯彻|貫徹|落实|落實|印发|印發|转发|轉發|下发|下發|文件|通过|通過|以及"
    r"|字号|字號|文号|文號|[及和与與以即的是])"  # 字号/文号: a label run on to its value (``发文字号测交发…``)
)
CODE_MAX = 10

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A pinyin annotation after a Chinese character: ``發(fā)``, ``發（fa1）`` or bare toned syllables ``發fā``.
PINYIN = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?:\s?[(（]\s*[a-zü{TONED}]{{1,6}}[1-5]?\s*[)）]"
    rf"|[a-zü]{{0,5}}[{TONED}][a-zü{TONED}]{{0,5}}(?![A-Za-z]))"
)
# Two cheap scans tell most texts have no annotation (one pattern with an alternation scans slower).
_TONED_HINT = re.compile(rf"[{TONED}]")
_PAREN_HINT = re.compile(r"[(（]\s*[a-zü]")
# Characters that t2s would change but that are also Simplified characters of place names (乾县, 於潜).
KEEP_AS_WRITTEN = frozenset("乾於")


@dataclass(frozen=True)
class DocNumber:
    """One 发文字号: ``text`` is the reading in the standard form, ``raw`` what the source says."""

    code: str
    year: int
    sequence: int
    suffix: str
    raw: str
    damaged: bool
    start: int = 0
    # A designation under an agency's mark (a 令's, a numbered 公告's or 通告's): ``code`` is the 发文机关标志 with its
    # 令/公告/通告, ``year`` 0 when it has none; ``bracketed`` when the year stands in brackets (``公告〔2023〕第5号``).
    order: bool = False
    bracketed: bool = False
    # The sequence as the designation writes it when in Chinese numerals (``中华人民共和国主席令第三十一号``): kept so.
    numeral: str = ""

    @property
    def text(self) -> str:
        """The standard form: 〔〕 around the year, Simplified characters, 号 (a 令's: ``…令2023年第7号``; a 公告's as its
        agency writes the year: ``…公告2023年第1号``, ``…公告〔2023〕第5号``; joint agencies a space apart)."""
        if self.order:
            year = (f"〔{self.year}〕" if self.bracketed else f"{self.year}年") if self.year else ""
            return f"{simplified(' '.join(self.code.split()))}{year}第{self.numeral or self.sequence}号"
        return f"{simplified(self.code)}〔{self.year}〕{self.sequence}号"

    @property
    def rewritten(self) -> bool:
        """The standard form changed the characters (Traditional, pinyin), not only brackets or spacing."""
        return simplified(self.code) != self.code or self.suffix != "号" or bool(PINYIN.search(self.raw))


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def simplified(code: str) -> str:
    """``code`` in Simplified characters, character by character (a 机关代字 is not a phrase)."""
    if code.isascii():
        return code
    convert = _t2s().convert
    return "".join(char if char in KEEP_AS_WRITTEN else convert(char) for char in code)


def strip_pinyin(text: str) -> tuple[str, list[int] | None]:
    """``text`` without pinyin annotations, and the original position of every kept character.

    The positions are None when there was nothing to strip (the common case: no copy is made).
    """
    if not (_TONED_HINT.search(text) or _PAREN_HINT.search(text)) or not PINYIN.search(text):
        return text, None
    kept: list[str] = []
    positions: list[int] = []
    last = 0
    for match in PINYIN.finditer(text):
        kept.append(text[last : match.start()])
        positions.extend(range(last, match.start()))
        last = match.end()
    kept.append(text[last:])
    positions.extend(range(last, len(text)))
    return "".join(kept), positions


def _trim_code(code: str) -> str:
    trimmed = LEADING_WORDS.sub("", code)
    if len(trimmed) >= 2:
        code = trimmed
    return code[-CODE_MAX:]


def find_numbers(text: str) -> list[DocNumber]:
    """Every 发文字号 in ``text``, well-formed or damaged, in order of appearance."""
    if not _YEAR_HINT.search(text):  # every number has a year; most lines have none
        return []
    cleaned, positions = strip_pinyin(text)
    folded = fold(cleaned)
    numbers: list[DocNumber] = []
    taken: list[tuple[int, int]] = []
    for match in WELL_FORMED.finditer(folded):
        if not match["suffix"] and not _plausible_without_suffix(folded, match):
            continue
        # A close bracket of another kind than the open one, or no 号, is damage.
        damaged = PAIRS[match["open"]] != match["close"] or not match["suffix"]
        if _add(numbers, text, folded, positions, match, damaged, match["year"], match["seq"]):
            taken.append(match.span())
    for match in RUN_TOGETHER.finditer(folded) if _RUN_HINT.search(folded) else ():
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        year, seq = match["year"] or match["year2"], match["seq"] or match["seq2"]
        _add(numbers, text, folded, positions, match, True, year, seq)
    numbers.sort(key=lambda number: number.start)
    return numbers


def _plausible_without_suffix(folded: str, match: re.Match) -> bool:
    """``〔2017〕26`` without 号 is a number only in 〔〕/[]/【】 and not followed by more words.

    ``规划(2016)3个`` is prose, so parentheses never stand for the year bracket when 号 is missing.
    """
    if match["open"] == "(":
        return False
    following = folded[match.end() : match.end() + 1]
    return not following or not CJK.match(following) or following == "文"


def _add(
    numbers,
    text: str,
    folded: str,
    positions: list[int] | None,
    match: re.Match,
    damaged: bool,
    year: str,
    seq: str,
) -> bool:
    window_start = max(0, match.start() - 2 * CODE_MAX)
    before = CODE_BEFORE.search(folded, window_start, match.start())
    if before is None:
        return False
    code = _trim_code(before["code"])
    if before.start("code") > 0 and folded[before.start("code") - 1].isdigit():
        area = AREA_CODE_BEFORE.search(folded, max(0, before.start("code") - 8), match.start())
        if area is not None:
            before, code = area, area["code"]
    if NOT_A_CODE.search(code) or (code[-1] in "令告" and MARK_END.search(code)):
        return False  # a site's 备案 number; a 公告's designation (``…公告〔2023〕第5号``: ``find_order`` reads it)
    start = before.end("code") - len(code)
    end = match.end()
    if positions is not None:  # back to positions in the text as written, annotations included
        start, end = positions[start], positions[end - 1] + 1
    numbers.append(
        DocNumber(
            code=code,
            year=int(year),
            sequence=int(seq),
            suffix=match["suffix"] or "号",
            raw=text[start:end],
            damaged=damaged,
            start=start,
        )
    )
    return True


def parse_number(value: str) -> DocNumber | None:
    """The number when ``value`` (a sheet cell, a labelled field, a line) holds one and little else."""
    stripped = value.strip()
    numbers = find_numbers(stripped)
    if len(numbers) != 1:
        return parse_order(stripped) if not numbers and ("令" in stripped or "告" in stripped) else None
    number = numbers[0]
    if number.start != 0 or len(stripped) - len(number.raw) > 2:
        return None
    return number


def find_order(text: str, start: int = 0) -> DocNumber | None:
    """The first designation under an agency's mark in ``text`` from ``start`` on, its ``start`` where the mark begins:
    a 令's (``…令第12号``) or a numbered 公告's or 通告's (``国家税务总局公告2023年第1号``, ``中国人民银行公告〔2023〕第5号``,
    ``国家税务总局 财政部公告2023年第12号``).

    The mark is read as far back as Chinese characters go: callers look where a designation stands alone (a line, a
    note's opening, a bracket), not in prose.
    """
    match = ORDER.search(fold(text), start)
    if match is None:
        return None
    year = match["year"] or match["byear"]
    sequence = match["seq"]
    count = int(sequence) if sequence.isdigit() else chinese_count(sequence)
    if count is None:
        return None
    return DocNumber(
        code=match["code"],
        year=int(year) if year else 0,
        sequence=count,
        numeral="" if sequence.isdigit() else sequence,
        suffix=match["suffix"],
        raw=text[match.start() : match.end()],
        damaged=False,
        start=match.start(),
        order=True,
        bracketed=match["byear"] is not None,
    )


def chinese_count(text: str) -> int | None:
    """A sequence number in Chinese numerals: ``三十一`` 31, ``十二`` 12, ``一百零五`` 105, ``二百`` 200; None when the
    numerals do not make a number (``三三``, ``十十``)."""
    total, digit, last_unit = 0, None, 10_000
    for char in text:
        unit = CHINESE_UNITS.get(char)
        if unit is not None:
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        elif char in "〇零":
            if digit is not None:
                return None
            digit = 0 if total else None
        elif digit:
            return None
        else:
            digit = "一二三四五六七八九".index(char) + 1
    total += digit or 0
    return total or None


def parse_order(value: str) -> DocNumber | None:
    """The designation when ``value`` is one and nothing else: ``测试市人民政府令第12号``, ``…令 2023年第7号``,
    ``测试市人民政府通告（2024年第3号）``; never a title's (``关于…的公告（2024年第3号）``) nor a sentence's."""
    stripped = value.strip()
    number = find_order(stripped) if "令" in stripped or "告" in stripped else None
    if number is None or number.start != 0 or len(number.raw) != len(stripped) or NOT_A_MARK.search(number.code):
        return None
    return number
