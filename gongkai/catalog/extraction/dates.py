"""Dates as Chinese official documents write them.

Forms read: ``2026年1月5日``, ``二〇二六年一月五日`` (Chinese numerals with 〇/零, and the common
typing ``二00九年`` with Latin zeros), ``2026-01-05``, ``2026.1.5``, ``2026/1/5``. GB/T 9704-2012 §7.3.5.3
writes the 成文日期 in Arabic numerals with the year in full and no leading zeros; older documents use
Chinese numerals. Pure module: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Full-width digits and punctuation mapped one character to one character, so that positions in the
# folded text are positions in the original.
FOLD = str.maketrans(
    "０１２３４５６７８９．－／［］（）",
    "0123456789.-/[]()",
)

_FOLDABLE = re.compile("[０-９．－／［］（）]")


def _half_width(match: re.Match) -> str:
    return chr(FOLD[ord(match.group())])


def fold(text: str) -> str:
    """``text`` with full-width digits and brackets made half-width. ``str.translate`` looks every
    character of a long non-ASCII text up in the table (~40 µs per body): only the matches are."""
    return _FOLDABLE.sub(_half_width, text)


ZERO = "〇零○Ｏ0O"
DIGIT_VALUES = {**dict.fromkeys(ZERO, 0), **{c: i for i, c in enumerate("一二三四五六七八九", start=1)}}
DIGIT_VALUES.update({str(i): i for i in range(10)})
DIGIT_VALUES["两"] = 2

YEAR_CHARS = "0-9〇零○Ｏ一二三四五六七八九O"
SMALL = "一二三四五六七八九十两"

# Both date patterns start with the year's first character and look two characters back from there
# (``(?<![…].)``: the character before the year), not with a look-behind: a pattern that starts with a
# character class lets the regex engine skip to the next candidate character, one that starts with a
# look-behind is tried at every position of the text (4× slower over a whole document).
CHINESE_DATE = re.compile(
    rf"([{YEAR_CHARS}](?<![0-9{YEAR_CHARS}].)[{YEAR_CHARS}]{{3}})\s*年\s*"
    rf"([0-9]{{1,2}}|[{SMALL}]{{1,2}})\s*月\s*"
    rf"([0-9]{{1,2}}|[{SMALL}]{{1,3}})\s*[日号號]"
)
_FIRST = frozenset(YEAR_CHARS.replace("0-9", "0123456789") + "０１２３４５６７８９")
_LAST = frozenset("日号號0123456789０１２３４５６７８９")
SEPARATED_DATE = re.compile(
    r"((?:1(?<![0-9.].)9|2(?<![0-9.].)0)[0-9]{2})([-./])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])"
)


@dataclass(frozen=True)
class FoundDate:
    on: dt.date
    text: str
    start: int
    end: int


def small_number(text: str) -> int | None:
    """A month or day number: ``5``, ``五``, ``十``, ``十五``, ``二十``, ``三十一``."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return DIGIT_VALUES.get(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    tens_value = DIGIT_VALUES.get(tens) if tens else 1
    units_value = DIGIT_VALUES.get(units) if units else 0
    if tens_value is None or units_value is None:
        return None
    return tens_value * 10 + units_value


def year_number(text: str) -> int | None:
    """A year written digit by digit: ``2026``, ``二〇二六``, ``二00九``."""
    digits = [DIGIT_VALUES.get(char) for char in text]
    if any(digit is None for digit in digits):
        return None
    year = int("".join(map(str, digits)))
    return year if 1900 <= year <= 2100 else None


def _make(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> tuple[list[FoundDate], list[str]]:
    """Every well-formed date in ``text`` in order of appearance, and the impossible ones as text."""
    folded = fold(text)
    found: list[FoundDate] = []
    impossible: list[str] = []
    for match in CHINESE_DATE.finditer(folded):
        on = _make(year_number(match[1]), small_number(match[2]), small_number(match[3]))
        if on:
            found.append(FoundDate(on, text[match.start() : match.end()], match.start(), match.end()))
        else:
            impossible.append(text[match.start() : match.end()])
    for match in SEPARATED_DATE.finditer(folded):
        on = _make(int(match[1]), int(match[3]), int(match[4]))
        if on:
            found.append(FoundDate(on, text[match.start() : match.end()], match.start(), match.end()))
        else:
            impossible.append(text[match.start() : match.end()])
    found.sort(key=lambda item: item.start)
    return found, impossible


def parse_date(text: str) -> dt.date | None:
    """The first date in a short value such as a sheet cell or a labelled field; None if there is none."""
    found, _ = find_dates(text.strip())
    return found[0].on if found else None


def is_date_line(line: str) -> dt.date | None:
    """The date when the whole line is one date (the 成文日期 line under a signature)."""
    stripped = line.strip()
    # A date starts with a year digit and ends with 日/号 or a digit: most lines end elsewhere.
    if not stripped or stripped[0] not in _FIRST or stripped[-1] not in _LAST:
        return None
    found, _ = find_dates(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].on
    return None
