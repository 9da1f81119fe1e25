"""The reply clock of a message — pure Python, no Django (domain/interaction.md).

Everything is replayed from the recorded events (STYLE: state is derived, not duplicated):

- R: the receipt date — the day an online message is submitted, or the receipt date staff give
  for a letter, call, visit or 12345 transfer.
- L: the agency's reply limit for the message's kind when it was received (working days), kept in
  the receipt event so a later change of the setting does not move a running deadline.
- due_on = add(R, L); one extension of X ≤ 10 working days, decided on or before due_on, gives
  add(due_on, X). A transfer (转办) keeps due_on: the receiving agency inherits the writer's clock;
  a transfer later than add(R, 1) is ``transfer_late``.
- A reply or a rejection (a rejection is a reply with its reason) stops the clock; ``late`` = a
  reply given after the due date then in force. A dissatisfied rating lets staff reopen once
  (二次办理) with the new limit add(rated_on, L).
- Publication keeps the date of the reply its wording was made for (``published_replied_on``, also
  after unpublishing, like the wording); a later reply leaves the wording ``wording_outdated`` until
  it is published again.

The calendar is any object with ``add(date, n)`` and ``count(d1, d2)`` (``gongkai.workdays``); a
date in a year whose holidays nobody has confirmed leaves the deadline unknown, never guessed.
Agencies may keep different (regional) calendars: given ``calendars`` (agency code -> calendar),
each date is counted on the calendar of the agency that acted — receipt on the receiving agency's,
the transfer bound on the transferring agency's, an extension or a reopening on the handling
agency's — so a transfer never moves the due date the receiving agency inherits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from gongkai.interaction.vocabulary import Kind, State
from gongkai.workdays.calendar import CalendarNotConfirmed

DEFAULT_LIMITS: dict[str, int] = {
    Kind.CONSULTATION: 5,
    Kind.HELP: 5,
    Kind.SUGGESTION: 10,
    Kind.COMPLAINT: 10,
    Kind.ERROR_REPORT: 3,
}
MAX_LIMIT = 60  # an agency's own limit: 1–60 working days
MAX_EXTENSION = 10  # one extension of at most 10 working days
TRANSFER_WITHIN = 1  # a transfer later than add(R, 1) is late
RATING_PERIOD_DAYS = 30  # the writer rates within 30 days after the reply
CREATION = ("submit", "register")


class Calendar(Protocol):
    def add(self, start: dt.date, days: int) -> dt.date: ...

    def count(self, start: dt.date, end: dt.date) -> int: ...


@dataclass(frozen=True)
class Event:
    """What the clock needs of an event: its action, legal date and data."""

    action: str
    on: dt.date
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Transfer:
    from_agency: str
    to_agency: str
    on: dt.date
    late: bool


@dataclass(frozen=True)
class Status:
    state: str = State.RECEIVED
    received_on: dt.date | None = None
    limit: int = 0
    agency: str = ""  # code of the agency handling the message now
    due_on: dt.date | None = None
    extension_days: int = 0
    accepted_on: dt.date | None = None
    rejected_on: dt.date | None = None
    reject_reason: str = ""
    replied_on: dt.date | None = None  # the latest reply (or rejection)
    first_replied_on: dt.date | None = None  # the first reply proper (not a rejection)
    reply_count: int = 0
    late: bool = False
    first_reply_late: bool = False  # the first reply alone, for the statistics' "replied on time"
    transfers: tuple[Transfer, ...] = ()
    rating: str = ""
    rated_on: dt.date | None = None
    rated_since_reply: bool = False
    reopened_on: dt.date | None = None
    published: bool = False
    published_on: dt.date | None = None
    # The reply the published wording was made for (kept when unpublished, like the wording), and
    # whether the message was replied again since: then the wording shows an earlier reply.
    published_replied_on: dt.date | None = None
    wording_outdated: bool = False
    last_event_on: dt.date | None = None
    calendar_unconfirmed: bool = False

    @property
    def is_open(self) -> bool:
        return self.state in (State.RECEIVED, State.ACCEPTED, State.REOPENED)

    @property
    def valid(self) -> bool:
        """Rejected messages are never valid (they do not count for the 3-month veto)."""
        return self.state != State.REJECTED

    @property
    def transfer_late(self) -> bool:
        return any(transfer.late for transfer in self.transfers)

    @property
    def rating_open_until(self) -> dt.date | None:
        """The last day the writer may rate the reply (30 days after it)."""
        if self.state != State.REPLIED or self.replied_on is None:
            return None
        return self.replied_on + dt.timedelta(days=RATING_PERIOD_DAYS)

    def days_left(self, today: dt.date, calendar: Calendar) -> int | None:
        """Working days from ``today`` to the due date: count(today, due_on), negative when overdue."""
        if self.due_on is None or not self.is_open:
            return None
        return calendar.count(today, self.due_on)


class _Replay:
    def __init__(self, calendar: Calendar, calendars: Callable[[str], Calendar] | None = None):
        self.calendar = calendar
        self.calendars = calendars
        self.status = Status()
        self.unconfirmed = False

    def calendar_of(self, agency: str) -> Calendar:
        """The calendar of the agency with code ``agency`` (the default one when not told apart)."""
        if self.calendars is None or not agency:
            return self.calendar
        return self.calendars(agency)

    def safely(self, function, *args):
        try:
            return function(*args)
        except CalendarNotConfirmed:
            self.unconfirmed = True
            return None

    def update(self, **changes) -> None:
        self.status = replace(self.status, **changes)


def replay(
    events: Iterable[Event], calendar: Calendar, calendars: Callable[[str], Calendar] | None = None
) -> Status:
    """Replay ``events`` (in recorded order) into the message's status and clock; ``calendars``
    gives each agency's own calendar by its code (else ``calendar`` serves every agency)."""
    walk = _Replay(calendar, calendars)
    for event in events:
        STEPS.get(event.action, _nothing)(walk, event)
        walk.update(last_event_on=event.on)
    return replace(walk.status, calendar_unconfirmed=walk.unconfirmed)


def _nothing(walk: _Replay, event: Event) -> None:
    return None


def _receive(walk: _Replay, event: Event) -> None:
    limit = int(event.data.get("limit") or DEFAULT_LIMITS.get(str(event.data.get("kind")), 5))
    agency = str(event.data.get("agency", ""))
    walk.update(
        received_on=event.on,
        limit=limit,
        agency=agency,
        due_on=walk.safely(walk.calendar_of(agency).add, event.on, limit),
    )


def _accept(walk: _Replay, event: Event) -> None:
    walk.update(state=State.ACCEPTED, accepted_on=event.on)


def _reject(walk: _Replay, event: Event) -> None:
    status = walk.status
    late = status.late or (status.due_on is not None and event.on > status.due_on)
    walk.update(
        state=State.REJECTED,
        rejected_on=event.on,
        replied_on=event.on,
        reject_reason=str(event.data.get("reason_code", "")),
        late=late,
    )


def _transfer(walk: _Replay, event: Event) -> None:
    """转办: the due date does not change; late when after add(R, 1)."""
    status = walk.status
    calendar = walk.calendar_of(status.agency)
    latest = walk.safely(calendar.add, status.received_on, TRANSFER_WITHIN) if status.received_on else None
    late = latest is not None and event.on > latest
    transfer = Transfer(str(event.data.get("from", "")), str(event.data.get("to", "")), event.on, late)
    walk.update(transfers=(*status.transfers, transfer), agency=transfer.to_agency)


def _extend(walk: _Replay, event: Event) -> None:
    days = int(event.data.get("days", 0))
    status = walk.status
    due = walk.safely(walk.calendar_of(status.agency).add, status.due_on, days) if status.due_on else None
    walk.update(extension_days=status.extension_days + days, due_on=due)


def _reply(walk: _Replay, event: Event) -> None:
    status = walk.status
    after_due = status.due_on is not None and event.on > status.due_on
    late = status.late or after_due
    first = status.first_replied_on is None
    walk.update(
        first_reply_late=after_due if first else status.first_reply_late,
        state=State.REPLIED,
        replied_on=event.on,
        first_replied_on=status.first_replied_on or event.on,
        accepted_on=status.accepted_on or event.on,  # a reply accepts the message
        reply_count=status.reply_count + 1,
        rated_since_reply=False,
        late=late,
        wording_outdated=status.published_replied_on is not None,
    )


def _rate(walk: _Replay, event: Event) -> None:
    walk.update(rating=str(event.data.get("rating", "")), rated_on=event.on, rated_since_reply=True)


def _reopen(walk: _Replay, event: Event) -> None:
    """二次办理: a new limit of add(rated_on, L) from the dissatisfied rating."""
    status = walk.status
    limit = int(event.data.get("limit") or status.limit)
    start = status.rated_on or event.on
    walk.update(
        state=State.REOPENED,
        reopened_on=event.on,
        due_on=walk.safely(walk.calendar_of(status.agency).add, start, limit),
    )


def _publish(walk: _Replay, event: Event) -> None:
    status = walk.status
    walk.update(
        published=True,
        published_on=event.on,
        published_replied_on=status.replied_on,
        wording_outdated=False,
    )


def _unpublish(walk: _Replay, event: Event) -> None:
    walk.update(published=False, published_on=None)


STEPS = {
    "submit": _receive,
    "register": _receive,
    "accept": _accept,
    "reject": _reject,
    "transfer": _transfer,
    "extend": _extend,
    "reply": _reply,
    "rate": _rate,
    "reopen": _reopen,
    "publish": _publish,
    "unpublish": _unpublish,
}


def explain(status: Status) -> str:
    """The deadline in words for staff (收到 2026-02-07，5 个工作日，第 5 个工作日为 2026-02-13…)."""
    if status.received_on is None:
        return ""
    parts = [f"收到 {status.received_on.isoformat()}，答复时限 {status.limit} 个工作日"]
    if status.extension_days:
        parts.append(f"经批准延期 {status.extension_days} 个工作日")
    if status.transfers:
        parts.append(f"转办 {len(status.transfers)} 次，答复期限不变")
    if status.reopened_on is not None and status.rated_on is not None:
        parts.append(f"{status.rated_on.isoformat()} 留言人不满意，二次办理 {status.limit} 个工作日")
    if status.due_on is not None:
        parts.append(f"答复期限 {status.due_on.isoformat()}")
    elif status.calendar_unconfirmed and status.is_open:  # once concluded it binds no one
        parts.append("答复期限所在年度的节假日安排尚未确认，暂无法计算")
    if status.replied_on is not None and not status.is_open:
        what = "不予受理" if status.state == State.REJECTED else "答复"
        parts.append(f"{status.replied_on.isoformat()} {what}" + ("（逾期）" if status.late else ""))
    return "，".join(parts)
