"""Helpers for the duties' indicator providers: grouped counts with a few records per agency,
working days left, the year an assessment looks back over."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Count, Min, QuerySet

from gongkai.selfcheck.registry import RECORDS_LIMIT, Record, Result
from gongkai.selfcheck.vocabulary import Status
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays

_SENTINEL = 987654321


def url_for(name: str) -> Callable[[object], str]:
    """``url_for("catalog_staff:detail")(pk)``: the URL of a detail page with one integer argument,
    reversed once (thousands of records are listed in a subtree's self-check)."""
    from django.urls import reverse

    pattern = reverse(name, args=[_SENTINEL])
    return lambda pk: pattern.replace(str(_SENTINEL), str(pk))


def year_before(today: dt.date) -> dt.date:
    """The first day of the year an assessment looks back over (today − 1 year, exclusive)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def grouped(
    queryset: QuerySet, to_record: Callable[[object], Record], *, order=("id",), field: str = "agency_id"
) -> tuple[dict[int, int], dict[int, list[Record]]]:
    """Counts per agency (one aggregate query) and the first ``RECORDS_LIMIT`` records of each
    agency that has any (one query each, ``ORDER BY … LIMIT``: an index on the agency and the order
    walks just those rows, however many match)."""
    counts = dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))
    records: dict[int, list[Record]] = {}
    for agency_id in sorted(agency_id for agency_id, count in counts.items() if count):
        first = queryset.filter(**{field: agency_id}).order_by(*order)[:RECORDS_LIMIT]
        records[agency_id] = [to_record(row) for row in first]
    return counts, records


def results(
    counts: dict[int, int], records: dict[int, list[Record]], status: Status | None = None
) -> dict[int, Result]:
    return {
        agency_id: Result(count, status, tuple(records.get(agency_id, ())))
        for agency_id, count in counts.items()
        if count
    }


def deadline_results(
    queryset: QuerySet,
    agencies,
    today: dt.date,
    to_record: Callable[[object], Record],
    describe: Callable[[dt.date], str],
) -> dict[int, Result]:
    """For running clocks with a ``due_on`` (``queryset``: the open records of ``agencies``): fail
    for those past it, warn for those with ≤ 3 working days left, and the day the earliest still
    running one becomes late (``describe(day)`` says so). A fixed number of queries per region."""
    counts, records = grouped(queryset.filter(due_on__lt=today), to_record, order=("due_on", "id"))
    answer = results(counts, records, Status.FAIL)
    rest = [agency for agency in agencies if agency.pk not in answer]
    if not rest:
        return answer
    upcoming = queryset.filter(agency_id__in=[agency.pk for agency in rest], due_on__gte=today)
    firsts = dict(upcoming.order_by().values_list("agency_id").annotate(first=Min("due_on")))
    by_region: dict[str, list[int]] = {}
    for agency in rest:
        if agency.pk in firsts:
            by_region.setdefault(agency.region or "", []).append(agency.pk)
    calendars = Calendars()
    soon: dict[int, list[Record]] = {}
    for region, ids in by_region.items():
        limit = soon_limit(calendars(region), today)
        soon.update(
            grouped(upcoming.filter(agency_id__in=ids, due_on__lte=limit), to_record, order=("due_on", "id"))[
                1
            ]
        )
    for agency in rest:
        first = firsts.get(agency.pk)
        if first is None:
            continue
        next_on = first + dt.timedelta(days=1)
        listed = tuple(soon.get(agency.pk, ()))
        answer[agency.pk] = Result(
            0, Status.WARN if listed else Status.PASS, listed, next_on, describe(next_on)
        )
    return answer


def deadline_results_of(
    rows, agencies, today: dt.date, describe: Callable[[dt.date], str]
) -> dict[int, Result]:
    """``deadline_results`` for running clocks already in memory: ``rows`` of (agency id, due day,
    record) — e.g. clocks replayed as they stood on a past day, which no column holds."""
    ordered = sorted((row for row in rows if row[1] is not None), key=lambda row: (row[1], row[2].id))
    late: dict[int, list[Record]] = {}
    running: dict[int, list[tuple[dt.date, Record]]] = {}
    for agency_id, due_on, record in ordered:
        if due_on < today:
            late.setdefault(agency_id, []).append(record)
        else:
            running.setdefault(agency_id, []).append((due_on, record))
    answer = {
        agency_id: Result(len(found), Status.FAIL, tuple(found[:RECORDS_LIMIT])) for agency_id, found in late.items()
    }
    calendars = Calendars()
    for agency in agencies:
        if agency.pk in answer or agency.pk not in running:
            continue
        limit = soon_limit(calendars(agency.region), today)
        listed = tuple(record for due_on, record in running[agency.pk] if due_on <= limit)[:RECORDS_LIMIT]
        next_on = running[agency.pk][0][0] + dt.timedelta(days=1)
        answer[agency.pk] = Result(
            0, Status.WARN if listed else Status.PASS, listed, next_on, describe(next_on)
        )
    return answer


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
