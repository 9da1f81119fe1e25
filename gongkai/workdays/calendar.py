"""Working days (工作日) and deadline arithmetic — pure Python, no Django.

Every statutory limit of the disclosure regulation is counted in working days. A date is a working
day when it is a Monday–Friday outside every declared holiday range, or a Saturday/Sunday declared
a make-up working day (调休上班日) by the State Council's annual notice
(《国务院办公厅关于20XX年部分节假日安排的通知》) or by a region's own rules.

Counting (民法典第201条: 按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算): the day
of the triggering event is not counted. ``add(D, N)`` is the N-th working day strictly after D,
whatever kind of day D is; ``count(D1, D2)`` is the number of working days in (D1, D2], negative
when D2 < D1. ``count(D, add(D, N)) == N`` for every N ≥ 1.

Years without a confirmed schedule are never guessed: touching one raises
``CalendarNotConfirmed`` naming the year.

Both operations are O(log n) bisections over a sorted array of the ordinals of all working days in
the confirmed years, built once per calendar revision.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class DayKind(StrEnum):
    WEEKDAY = "weekday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"


class CalendarNotConfirmed(Exception):
    """A computation needs a year whose holiday schedule nobody has confirmed."""

    code = "calendar_not_confirmed"

    def __init__(self, year: int, region: str = ""):
        self.year = year
        self.region = region
        where = f"地区“{region}”" if region else ""
        super().__init__(
            f"{where}{year}年的节假日安排尚未确认，无法计算工作日；请政务公开办先录入并确认该年度安排"
        )


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    is_workday: bool
    kind: DayKind
    name: str = ""


class WorkdayCalendar:
    """An immutable calendar over a set of confirmed years.

    ``holidays`` maps dates inside declared holiday ranges to the festival's name; ``makeup_days``
    maps weekend dates declared working days to a description. Entries outside the confirmed years
    are ignored: only a confirmation makes a year usable.
    """

    def __init__(
        self,
        confirmed_years: Iterable[int],
        holidays: Mapping[dt.date, str],
        makeup_days: Mapping[dt.date, str],
        region: str = "",
    ):
        self.region = region
        self.confirmed_years = frozenset(confirmed_years)
        self._holidays = {day: name for day, name in holidays.items() if day.year in self.confirmed_years}
        self._makeup = {day: name for day, name in makeup_days.items() if day.year in self.confirmed_years}
        self._ordinals = self._build_index()

    def _build_index(self) -> list[int]:
        ordinals: list[int] = []
        for year in sorted(self.confirmed_years):
            day = dt.date(year, 1, 1)
            last = dt.date(year, 12, 31).toordinal()
            for ordinal in range(day.toordinal(), last + 1):
                if self._is_workday(dt.date.fromordinal(ordinal)):
                    ordinals.append(ordinal)
        return ordinals

    def _is_workday(self, day: dt.date) -> bool:
        if day in self._makeup:
            return True
        if day in self._holidays:
            return False
        return day.weekday() < 5

    def _require_years(self, first: dt.date, last: dt.date) -> None:
        for year in range(first.year, last.year + 1):
            if year not in self.confirmed_years:
                raise CalendarNotConfirmed(year, self.region)

    def day(self, day: dt.date) -> DayInfo:
        """What ``day`` is, and why."""
        self._require_years(day, day)
        if day in self._makeup:
            return DayInfo(day, True, DayKind.MAKEUP_WORKDAY, self._makeup[day])
        if day in self._holidays:
            return DayInfo(day, False, DayKind.HOLIDAY, self._holidays[day])
        if day.weekday() >= 5:
            return DayInfo(day, False, DayKind.WEEKEND)
        return DayInfo(day, True, DayKind.WEEKDAY)

    def is_workday(self, day: dt.date) -> bool:
        return self.day(day).is_workday

    def add(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day strictly after ``start`` (``days`` ≥ 1).

        条例第33条等 "自收到申请之日起20个工作日内": the day of receipt is not counted, so the
        limit triggered on D ends on add(D, 20).
        """
        if days < 1:
            raise ValueError("days must be at least 1")
        if start >= dt.date.max:
            # Nothing after 9999-12-31 can be on a confirmed calendar.
            raise CalendarNotConfirmed(start.year + 1, self.region)
        first_counted = start + dt.timedelta(days=1)
        self._require_years(first_counted, first_counted)
        index = bisect_right(self._ordinals, start.toordinal()) + days - 1
        if index >= len(self._ordinals):
            raise CalendarNotConfirmed(self._first_unconfirmed_after(first_counted.year), self.region)
        result = dt.date.fromordinal(self._ordinals[index])
        # The index skips unconfirmed years silently; refuse any gap between start and result.
        self._require_years(first_counted, result)
        return result

    def count(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative (−count(end, start)) when end < start."""
        if end < start:
            return -self.count(end, start)
        if end == start:
            return 0
        self._require_years(start + dt.timedelta(days=1), end)
        return bisect_right(self._ordinals, end.toordinal()) - bisect_right(self._ordinals, start.toordinal())

    def _first_unconfirmed_after(self, year: int) -> int:
        while year in self.confirmed_years:
            year += 1
        return year

    def month(self, year: int, month: int) -> list[DayInfo]:
        """Every day of a month, for calendar pages."""
        day = dt.date(year, month, 1)
        days = []
        while day.month == month:
            days.append(self.day(day))
            day += dt.timedelta(days=1)
        return days
