"""The bridge between stored events and the pure clock, and the cache columns it keeps.

``status_for(message)`` replays the message's events through ``deadlines.replay``, each date on
the calendar (national or regional) of the agency that acted: a transfer to an agency of another
region keeps the due date counted where the message was received. ``refresh(message)`` rewrites the cached columns from
that status; the services call it after every event and ``manage.py rebuild_message_clocks``
calls it for every message.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q

from gongkai.agencies.models import Agency
from gongkai.interaction import deadlines
from gongkai.interaction.models import Message, MessageEvent
from gongkai.interaction.vocabulary import OPEN_STATES
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays

CACHED = (
    "state",
    "received_on",
    "due_on",
    "accepted_on",
    "replied_on",
    "first_replied_on",
    "reply_workdays",
    "late",
    "first_reply_late",
    "transfer_late",
    "reject_reason",
    "rating",
    "rated_on",
    "published",
    "published_on",
    "published_replied_on",
)


def calendar_for(message: Message):
    """The calendar of the agency handling the message now (its days left)."""
    return workdays(message.agency.region if message.agency_id else "")


class AgencyCalendars:
    """Agency code -> that agency's calendar, for ``deadlines.replay`` (regions looked up once)."""

    def __init__(self, regions: dict[str, str] | None = None):
        self.regions = dict(regions or {})
        self.calendars: dict[str, object] = {}

    def __call__(self, code: str):
        if code not in self.regions:
            self.regions[code] = (
                Agency.objects.filter(code=code).values_list("region", flat=True).first() or ""
            )
        region = self.regions[code]
        return self.calendars.get(region) or self.calendars.setdefault(region, workdays(region))


def to_event(row: MessageEvent) -> deadlines.Event:
    return deadlines.Event(row.action, row.on, row.data or {})


def events_of(message: Message) -> list[deadlines.Event]:
    return [to_event(row) for row in MessageEvent.objects.filter(message=message).order_by("on", "id")]


def status_for(message: Message, calendar=None, events=None) -> deadlines.Status:
    calendar = calendar or calendar_for(message)
    events = events if events is not None else events_of(message)
    return deadlines.replay(events, calendar, _calendars_of(message, calendar))


def _calendars_of(message: Message, calendar) -> AgencyCalendars:
    calendars = AgencyCalendars()
    if message.agency_id:
        calendars.regions[message.agency.code] = message.agency.region
        calendars.calendars[message.agency.region] = calendar
    return calendars


def reply_workdays(status: deadlines.Status, calendar) -> int | None:
    """Working days from receipt to the first reply (the statistics' average)."""
    if status.received_on is None or status.first_replied_on is None:
        return None
    try:
        return calendar.count(status.received_on, status.first_replied_on)
    except CalendarNotConfirmed:
        return None


def cached_values(status: deadlines.Status, calendar) -> dict:
    return {
        "state": str(status.state),
        "received_on": status.received_on,
        "due_on": status.due_on,
        "accepted_on": status.accepted_on,
        "replied_on": status.replied_on,
        "first_replied_on": status.first_replied_on,
        "reply_workdays": reply_workdays(status, calendar),
        "late": status.late,
        "first_reply_late": status.first_reply_late,
        "transfer_late": status.transfer_late,
        "reject_reason": status.reject_reason,
        "rating": status.rating,
        "rated_on": status.rated_on,
        "published": status.published,
        "published_on": status.published_on,
        "published_replied_on": status.published_replied_on,
    }


def refresh(message: Message, calendar=None) -> deadlines.Status:
    """Recompute the status and store its cache columns on ``message`` (and in the database)."""
    calendar = calendar or calendar_for(message)
    status = status_for(message, calendar)
    values = cached_values(status, calendar)
    changed = {key: value for key, value in values.items() if getattr(message, key) != value}
    for key, value in values.items():
        setattr(message, key, value)
    if changed and message.pk:
        Message.objects.filter(pk=message.pk).update(**changed)
    return status


def rebuild_all(queryset=None, progress=None) -> tuple[int, int]:
    """Rebuild every cache from the events; returns (messages seen, messages changed)."""
    queryset = (queryset if queryset is not None else Message.objects.all()).select_related("agency")
    queryset = queryset.order_by("pk").prefetch_related(
        Prefetch("events", queryset=MessageEvent.objects.order_by("on", "id"), to_attr="ordered_events")
    )
    seen = changed = 0
    calendars = AgencyCalendars(dict(Agency.objects.values_list("code", "region")))
    for message in queryset.iterator(chunk_size=500):
        calendar = calendars(message.agency.code)
        status = deadlines.replay([to_event(row) for row in message.ordered_events], calendar, calendars)
        values = cached_values(status, calendar)
        difference = {key: value for key, value in values.items() if getattr(message, key) != value}
        if difference:
            Message.objects.filter(pk=message.pk).update(**difference)
            changed += 1
        seen += 1
        if progress:
            progress(seen)
    return seen, changed


def refresh_after_calendar_change(sender, *, region: str, since: dt.date, **kwargs) -> int:
    """``workdays.signals.calendar_changed``: rebuild the caches of the messages whose deadlines may
    count a day from ``since`` on — the open ones, those whose deadline was unknown, and those due on
    or after it. Every region is rebuilt (a transfer counts on the receiving agency's calendar).
    Returns how many changed."""
    queryset = Message.objects.filter(Q(state__in=OPEN_STATES) | Q(due_on__isnull=True) | Q(due_on__gte=since))
    return rebuild_all(queryset)[1]
