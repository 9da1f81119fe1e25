"""The clock of a stored application: its events replayed through the pure rules of ``clock``, and
the cache columns kept from it.

``clock_for(application)`` replays the application's events through ``clock.compute`` with the
agency's calendar (national or regional). ``refresh(application)`` rewrites the cached columns
from that clock; the services call it after every event and ``manage.py
rebuild_application_clocks`` calls it for every application. A calendar year that nobody has
confirmed yet leaves the deadline unknown (``due_on`` null) instead of guessing it; confirming it (or
any other calendar edit) rebuilds the applications it may concern (``refresh_after_calendar_change``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, Q

from gongkai.applications import clock as rules
from gongkai.applications.choices import OPEN_STATES
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.workdays.selectors import workdays

CACHED = ("state", "received_on", "concluded_on", "outcome", "due_on", "late", "paused", "fee_amount")


def calendar_for(application: Application):
    return workdays(application.agency.region if application.agency_id else "")


def to_clock_event(row: ApplicationEvent) -> rules.ClockEvent:
    return rules.ClockEvent(row.action, row.on, row.data or {}, row.pk)


def events_of(application: Application) -> list[rules.ClockEvent]:
    rows = ApplicationEvent.objects.filter(application=application).order_by("on", "id")
    return [to_clock_event(row) for row in rows]


def clock_for(application: Application, calendar=None, events=None) -> rules.Clock:
    calendar = calendar or calendar_for(application)
    return rules.compute(events if events is not None else events_of(application), calendar)


def cached_values(clock: rules.Clock) -> dict:
    fee = clock.fee_amount
    return {
        "state": clock.state,
        "received_on": clock.received_on,
        "concluded_on": clock.concluded_on,
        "outcome": clock.outcome,
        "due_on": clock.due_on,
        "late": clock.late,
        "paused": clock.paused,
        "fee_amount": Decimal(str(fee)) if fee not in (None, "") else None,
    }


def refresh(application: Application, calendar=None) -> rules.Clock:
    """Recompute the clock and store its cache columns on ``application`` (and in the database)."""
    clock = clock_for(application, calendar)
    values = cached_values(clock)
    changed = {key: value for key, value in values.items() if getattr(application, key) != value}
    for key, value in values.items():
        setattr(application, key, value)
    if changed and application.pk:
        Application.objects.filter(pk=application.pk).update(**changed)
    return clock


def rebuild_all(queryset=None, progress=None) -> tuple[int, int]:
    """Rebuild every cache from the events; returns (applications seen, applications changed).

    Reads events 500 applications at a time (one query per chunk) and writes only rows whose
    cache differs."""
    queryset = (queryset if queryset is not None else Application.objects.all()).select_related("agency")
    queryset = queryset.order_by("pk").prefetch_related(
        Prefetch("events", queryset=ApplicationEvent.objects.order_by("on", "id"), to_attr="ordered_events")
    )
    seen = changed = 0
    calendars: dict[str, object] = {}
    for application in queryset.iterator(chunk_size=500):
        region = application.agency.region
        calendar = calendars.get(region) or calendars.setdefault(region, workdays(region))
        events = [to_clock_event(row) for row in application.ordered_events]
        values = cached_values(clock_for(application, calendar, events))
        difference = {key: value for key, value in values.items() if getattr(application, key) != value}
        if difference:
            Application.objects.filter(pk=application.pk).update(**difference)
            changed += 1
        seen += 1
        if progress:
            progress(seen)
    return seen, changed


def refresh_after_calendar_change(sender, *, region: str, since: dt.date, **kwargs) -> int:
    """``workdays.signals.calendar_changed``: rebuild the caches of the applications whose clock may
    count a day from ``since`` on — the open ones, those whose deadline was unknown (an unconfirmed
    year), and those due on or after it; a deadline before ``since`` was reached counting earlier days
    only. Every region is rebuilt for a regional change too. Returns how many changed."""
    queryset = Application.objects.filter(Q(state__in=OPEN_STATES) | Q(due_on__isnull=True) | Q(due_on__gte=since))
    return rebuild_all(queryset)[1]
