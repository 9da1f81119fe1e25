"""The calendar as the rest of gongkai uses it.

``workdays(region)`` returns a ``Workdays`` object for the national calendar or a region's.
Hold it for the duration of a request or a loop: its ``add``/``count`` are O(log n) and touch
no database. Each call of ``workdays()`` costs one small query (the revision token); the index
itself is rebuilt only when the calendar changes.
"""

from __future__ import annotations

import datetime as dt
import threading

from gongkai.core.errors import RuleViolation
from gongkai.workdays.calendar import CalendarNotConfirmed, DayInfo, WorkdayCalendar
from gongkai.workdays.models import CalendarDay, CalendarRevision, CalendarYear, DayType


class CalendarNotConfirmedError(RuleViolation, CalendarNotConfirmed):
    """The pure calendar's ``CalendarNotConfirmed`` as a domain error (409 ``calendar_not_confirmed``).

    A subclass of both: the API and the pages map it like every ``RuleViolation``, and code that
    leaves a date unknown in an unconfirmed year catches ``CalendarNotConfirmed`` whichever calendar
    (pure or this one) raised it.
    """

    def __init__(self, year: int, region: str = ""):
        CalendarNotConfirmed.__init__(self, year, region)
        self.code = CalendarNotConfirmed.code
        self.message = str(self.args[0])
        self.details = {"year": year, "region": region}


class Workdays:
    """A ``WorkdayCalendar`` that raises the domain error ``calendar_not_confirmed``."""

    def __init__(self, calendar: WorkdayCalendar):
        self.calendar = calendar
        self.region = calendar.region

    def add(self, start: dt.date, days: int) -> dt.date:
        try:
            return self.calendar.add(start, days)
        except CalendarNotConfirmed as error:
            raise CalendarNotConfirmedError(error.year, error.region) from error

    def count(self, start: dt.date, end: dt.date) -> int:
        try:
            return self.calendar.count(start, end)
        except CalendarNotConfirmed as error:
            raise CalendarNotConfirmedError(error.year, error.region) from error

    def day(self, day: dt.date) -> DayInfo:
        try:
            return self.calendar.day(day)
        except CalendarNotConfirmed as error:
            raise CalendarNotConfirmedError(error.year, error.region) from error

    def month(self, year: int, month: int) -> list[DayInfo]:
        try:
            return self.calendar.month(year, month)
        except CalendarNotConfirmed as error:
            raise CalendarNotConfirmedError(error.year, error.region) from error


# Per-process cache of built indexes, keyed by region and the revision token: a cache only, the
# database stays the truth and any edit (in any process) changes the token.
_cache: dict[str, tuple[str, Workdays]] = {}
_lock = threading.Lock()


def _revision_token() -> str:
    token = CalendarRevision.objects.values_list("token", flat=True).first()
    return str(token) if token else "none"


def workdays(region: str = "") -> Workdays:
    token = _revision_token()
    cached = _cache.get(region)
    if cached and cached[0] == token:
        return cached[1]
    calendar = Workdays(build_calendar(region))
    with _lock:
        _cache[region] = (token, calendar)
    return calendar


def build_calendar(region: str = "") -> WorkdayCalendar:
    """National days, with the region's own days laid over them; a regional year counts as
    confirmed only when both the national schedule and the region's are confirmed."""
    years = set(CalendarYear.objects.filter(region="").values_list("year", flat=True))
    if region:
        years &= set(CalendarYear.objects.filter(region=region).values_list("year", flat=True))
    holidays: dict[dt.date, str] = {}
    makeup: dict[dt.date, str] = {}
    regions = [""] + ([region] if region else [])
    for entry in CalendarDay.objects.filter(region__in=regions).order_by("region", "date"):
        # Regional rows come after national ones and replace them for the same date.
        holidays.pop(entry.date, None)
        makeup.pop(entry.date, None)
        if entry.kind == DayType.HOLIDAY:
            holidays[entry.date] = entry.name
        else:
            makeup[entry.date] = entry.name
    return WorkdayCalendar(years, holidays, makeup, region=region)


def add_workdays(start: dt.date, days: int, *, region: str = "") -> dt.date:
    return workdays(region).add(start, days)


def count_workdays(start: dt.date, end: dt.date, *, region: str = "") -> int:
    return workdays(region).count(start, end)


def day_info(day: dt.date, *, region: str = "") -> DayInfo:
    return workdays(region).day(day)


def years(region: str | None = None):
    queryset = CalendarYear.objects.all()
    if region is not None:
        queryset = queryset.filter(region=region)
    return queryset.order_by("region", "-year")


def days_of_year(year: int, region: str = ""):
    return CalendarDay.objects.filter(region=region, date__year=year).order_by("date")


def regions() -> list[str]:
    return sorted(set(CalendarYear.objects.exclude(region="").values_list("region", flat=True)))
