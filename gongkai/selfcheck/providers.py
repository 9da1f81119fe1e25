"""Helpers for the duties' indicator providers: grouped counts with a few records per agency,
working days left, the year an assessment looks back over."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Count, QuerySet

from gongkai.selfcheck.registry import RECORDS_LIMIT, Record, Result
from gongkai.selfcheck.vocabulary import Status
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays


def year_before(today: dt.date) -> dt.date:
    """The first day of the year an assessment looks back over (today − 1 year, exclusive)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def grouped(
    queryset: QuerySet, to_record: Callable[[object], Record], *, order=("id",), field: str = "agency_id"
) -> tuple[dict[int, int], dict[int, list[Record]]]:
    """Counts per agency (one aggregate query) and the first records of each agency that has any
    (one small query per such agency)."""
    counts = dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))
    records = {
        agency_id: [
            to_record(row) for row in queryset.filter(**{field: agency_id}).order_by(*order)[:RECORDS_LIMIT]
        ]
        for agency_id, n in counts.items()
        if n
    }
    return counts, records


def results(
    counts: dict[int, int], records: dict[int, list[Record]], status: Status | None = None
) -> dict[int, Result]:
    return {
        agency_id: Result(count, status, tuple(records.get(agency_id, ())))
        for agency_id, count in counts.items()
        if count
    }


class Calendars:
    """One calendar per region for the length of a computation."""

    def __init__(self):
        self._by_region: dict[str, object] = {}

    def __call__(self, region: str | None):
        region = region or ""
        if region not in self._by_region:
            self._by_region[region] = workdays(region)
        return self._by_region[region]


def days_left(calendar, today: dt.date, due_on: dt.date | None) -> tuple[int | None, str]:
    """Working days from today to ``due_on`` (negative when overdue; 0 on the day); calendar
    days, so stated, where the calendar of those dates is not confirmed yet."""
    if due_on is None:
        return None, "工作日"
    try:
        return calendar.count(today, due_on), "工作日"
    except CalendarNotConfirmed:
        return (due_on - today).days, "自然日"


def soon_limit(calendar, today: dt.date, days: int = 3) -> dt.date:
    """The last day that is still "≤ ``days`` working days left" (a week when unknown)."""
    try:
        return calendar.add(today, days)
    except CalendarNotConfirmed:
        return today + dt.timedelta(days=7)


def latest_overdue_start(calendar, today: dt.date, days: int) -> dt.date | None:
    """The latest start D whose ``days``-working-day limit add(D, days) ended before today."""
    day = today
    try:
        for _ in range(60):
            day -= dt.timedelta(days=1)
            if calendar.count(day, today) > days:
                return day
    except CalendarNotConfirmed:
        return None
    return None
