"""Comment periods of opinion solicitation — pure Python, no Django.

Minimum periods (domain/solicitation.md):

- 重大行政决策 (国务院令第713号 Art. 15 "征求意见期限一般不少于30日"), 规章 (规章制定程序条例 Arts. 15,
  21), 与市场主体生产经营活动密切相关的文件 (优化营商环境条例 Art. 62): 30 days;
- 行政规范性文件 (国办发〔2018〕37号 "一般不少于7个工作日"): 7 working days;
- 其他: no minimum.

Counting follows 民法典 Arts. 201–203: the opening day is not counted (Art. 201); a period in days
ends on the last day (Art. 203: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日"),
which for a calendar-day period moves to the next working day on the working-day calendar (a make-up
working day is a working day). Comments are accepted through the whole of the last day (Art. 203 second
paragraph: "期间的最后一日的截止时间为二十四时").

The calendar is an argument (anything with ``add(start, days)`` and ``is_workday(date)``, such as
``gongkai.workdays.calendar.WorkdayCalendar``); a year nobody confirmed is never guessed: the minimum is
then unknown (``None`` with the year named), and only a period shorter than every possible minimum is
known to be short.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from gongkai.solicitation.vocabulary import Kind
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.months import next_working_day_from


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"


@dataclass(frozen=True)
class MinimumPeriod:
    days: int
    unit: Unit
    source: str

    @property
    def label(self) -> str:
        return f"{self.days}{'日' if self.unit == Unit.CALENDAR_DAYS else '个工作日'}"


MINIMUM_PERIODS: dict[Kind, MinimumPeriod | None] = {
    Kind.MAJOR_DECISION: MinimumPeriod(30, Unit.CALENDAR_DAYS, "《重大行政决策程序暂行条例》第十五条"),
    Kind.RULE: MinimumPeriod(30, Unit.CALENDAR_DAYS, "《规章制定程序条例》第十五条、第二十一条"),
    Kind.MARKET_RELATED: MinimumPeriod(30, Unit.CALENDAR_DAYS, "《优化营商环境条例》第六十二条"),
    Kind.NORMATIVE_DOCUMENT: MinimumPeriod(7, Unit.WORKING_DAYS, "国办发〔2018〕37号"),
    Kind.OTHER: None,
}


class Calendar(Protocol):
    def add(self, start: dt.date, days: int) -> dt.date: ...

    def is_workday(self, day: dt.date) -> bool: ...


def min_closes_on(kind: Kind | str, opens_on: dt.date, calendar: Calendar) -> dt.date | None:
    """The earliest allowed last day of comment, or ``None`` when the kind has no minimum.

    Calendar-day kinds: ``opens_on + 30 days`` (Art. 201: the opening day is not counted), moved to the
    next working day when it is not one (Art. 203). Working-day kinds: ``add(opens_on, 7)``.
    Raises ``CalendarNotConfirmed`` when a year involved has no confirmed schedule.
    """
    minimum = MINIMUM_PERIODS[Kind(kind)]
    if minimum is None:
        return None
    if minimum.unit == Unit.WORKING_DAYS:
        return calendar.add(opens_on, minimum.days)
    last_day = _days_after(opens_on, minimum.days)
    if last_day is None:
        # Past 9999-12-31: no calendar can be confirmed there.
        raise CalendarNotConfirmed(dt.MAXYEAR + 1)
    return next_working_day_from(last_day, calendar)


def lower_bound(kind: Kind | str, opens_on: dt.date) -> dt.date | None:
    """A day no minimum can fall before, whatever the calendar says: N working days or N calendar
    days after the opening day both end at least N calendar days later. ``None`` when the kind has
    no minimum or the bound lies past 9999-12-31."""
    minimum = MINIMUM_PERIODS[Kind(kind)]
    if minimum is None:
        return None
    return _days_after(opens_on, minimum.days)


def _days_after(day: dt.date, days: int) -> dt.date | None:
    """``day`` plus ``days`` calendar days, or ``None`` past the last representable date."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


@dataclass(frozen=True)
class PeriodCheck:
    """The minimum for a period and whether the period reaches it.

    ``min_closes_on`` is ``None`` either because the kind has none (``required`` False) or because the
    calendar is not confirmed (``unknown_year`` set). ``short`` is ``None`` when it cannot be known.
    """

    required: bool
    min_closes_on: dt.date | None
    short: bool | None
    unknown_year: int | None = None


def check_period(kind: Kind | str, opens_on: dt.date, closes_on: dt.date, calendar: Calendar) -> PeriodCheck:
    """Does ``opens_on``–``closes_on`` reach the minimum period of ``kind``?"""
    if MINIMUM_PERIODS[Kind(kind)] is None:
        return PeriodCheck(required=False, min_closes_on=None, short=False)
    try:
        earliest = min_closes_on(kind, opens_on, calendar)
    except CalendarNotConfirmed as error:
        bound = lower_bound(kind, opens_on)
        # No bound: the minimum lies past 9999-12-31, so every period is short.
        known_short = True if bound is None or closes_on < bound else None
        return PeriodCheck(required=True, min_closes_on=None, short=known_short, unknown_year=error.year)
    return PeriodCheck(required=True, min_closes_on=earliest, short=closes_on < earliest)


def accepts_comments(opens_on: dt.date, closes_on: dt.date, on: dt.date) -> bool:
    """Comments are accepted from the opening day through the whole of the last day (Art. 203)."""
    return opens_on <= on <= closes_on


def is_closed(closes_on: dt.date, today: dt.date) -> bool:
    """The period is over once its last day has passed; no one closes it by hand or early."""
    return today > closes_on


def days_left(closes_on: dt.date, today: dt.date) -> int:
    """Calendar days after today still open for comment (0 on the last day)."""
    return (closes_on - today).days


def feedback_due_on(closes_on: dt.date, calendar: Calendar, working_days: int = 20) -> dt.date:
    """The day by which the feedback report should be out: ``working_days`` after the last day of
    comment (domain/solicitation.md, indicator ``feedback_missing``; an agency setting, default 20)."""
    return calendar.add(closes_on, working_days)


def year_before(today: dt.date) -> dt.date:
    """The first day of the twelve months ending ``today`` (29 Feb → 1 Mar of the year before)."""
    try:
        return today.replace(year=today.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return dt.date(today.year - 1, 3, 1)
