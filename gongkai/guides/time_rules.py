"""The 公开时限 of a standard-catalogue entry, read from its free text — pure Python, no Django.

domain/services.md §3: a catalogue sheet states each entry's time limit in words; the parser turns the
phrasings in use into one of five kinds:

- ``working_days_after_formation`` (N): "信息形成（变更）之日起20个工作日内", "自作出决定之日起7个工作日内";
- ``realtime``: "实时", "实时更新";
- ``promptly``: "及时", "及时公开";
- ``periodic`` with its period: "每季度", "按月", "每半年", "每年", "年度";
- ``manual``: anything else, or text naming two rules at once — kept verbatim for a person to read.

Nothing is guessed: calendar days ("15日内") are not working days, "定期" names no period, and a
rule with several readings stays ``manual``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class TimeRuleKind(StrEnum):
    WORKING_DAYS_AFTER_FORMATION = "working_days_after_formation"
    REALTIME = "realtime"
    PROMPTLY = "promptly"
    PERIODIC = "periodic"
    MANUAL = "manual"


TIME_RULE_LABELS = {
    TimeRuleKind.WORKING_DAYS_AFTER_FORMATION: "形成或变更后N个工作日内",
    TimeRuleKind.REALTIME: "实时",
    TimeRuleKind.PROMPTLY: "及时",
    TimeRuleKind.PERIODIC: "定期",
    TimeRuleKind.MANUAL: "需人工判断",
}


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


PERIOD_LABELS = {
    Period.MONTH: "每月",
    Period.QUARTER: "每季度",
    Period.HALF_YEAR: "每半年",
    Period.YEAR: "每年",
}
PERIOD_MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF_YEAR: 6, Period.YEAR: 12}


@dataclass(frozen=True)
class TimeRule:
    kind: TimeRuleKind
    text: str = ""  # the sheet's words, always kept
    days: int | None = None  # working_days_after_formation
    period: Period | None = None  # periodic

    @property
    def label(self) -> str:
        if self.kind == TimeRuleKind.WORKING_DAYS_AFTER_FORMATION:
            return f"形成或变更之日起{self.days}个工作日内"
        if self.kind == TimeRuleKind.PERIODIC and self.period:
            return PERIOD_LABELS[self.period]
        return TIME_RULE_LABELS[self.kind]


_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMBER = r"[0-9]+|[零〇一二两三四五六七八九十百]+"
WORKING_DAYS = re.compile(rf"({_NUMBER})个?工作日")
CALENDAR_DAYS = re.compile(rf"({_NUMBER})(?:个自然日|日内|天内|日以内|天以内)")
REALTIME = re.compile(r"实时")
PROMPTLY = re.compile(r"及时")
# Longest phrasings first: 每半年 before 每年, 季度 before 年度.
PERIODS = (
    (Period.HALF_YEAR, re.compile(r"(?:每|按)半年|半年度|上下半年")),
    (Period.QUARTER, re.compile(r"(?:每|按|逐)季度?|季度")),
    (Period.MONTH, re.compile(r"(?:每|按|逐)月|月度")),
    (Period.YEAR, re.compile(r"(?:每|按|逐)年度?|年度")),
)


def chinese_number(text: str) -> int | None:
    """Arabic digits or a Chinese numeral up to 999 (二十, 十五, 一百二十)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for character in text:
        if character in _DIGITS:
            current = _DIGITS[character]
        elif character == "十":
            total += (current or 1) * 10
            current = 0
        elif character == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _normalised(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _periods(text: str) -> set[Period]:
    found: set[Period] = set()
    for period, pattern in PERIODS:
        if pattern.search(text):
            found.add(period)
            text = pattern.sub("", text)  # 每半年 is not also 每年
    return found


def parse_time_rule(text: str) -> TimeRule:
    """The kind of rule the words state; ``manual`` when they state none or more than one."""
    original = (text or "").strip()
    compact = _normalised(original)
    readings: list[TimeRule] = []
    days = [chinese_number(match) for match in WORKING_DAYS.findall(compact)]
    if len(set(days)) == 1 and days[0]:
        readings.append(TimeRule(TimeRuleKind.WORKING_DAYS_AFTER_FORMATION, original, days=days[0]))
    elif days:
        return TimeRule(TimeRuleKind.MANUAL, original)
    if CALENDAR_DAYS.search(WORKING_DAYS.sub("", compact)):
        return TimeRule(TimeRuleKind.MANUAL, original)
    if REALTIME.search(compact):
        readings.append(TimeRule(TimeRuleKind.REALTIME, original))
    if PROMPTLY.search(compact) and not readings:
        # "20个工作日内及时公开" repeats Art. 26's wording: 及时 adds nothing to the number.
        readings.append(TimeRule(TimeRuleKind.PROMPTLY, original))
    periods = _periods(compact)
    if len(periods) > 1:
        return TimeRule(TimeRuleKind.MANUAL, original)
    readings += [TimeRule(TimeRuleKind.PERIODIC, original, period=period) for period in periods]
    if len(readings) != 1:
        return TimeRule(TimeRuleKind.MANUAL, original)
    return readings[0]
