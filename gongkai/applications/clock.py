"""The statutory clock of an application — pure Python, no Django.

Everything is derived from the recorded events (STYLE: state is derived, not duplicated):

- R (Art. 31): the receipt date — a staff registration of an in-person or registered-post
  application, or ``confirm_receipt`` (online, fax, ordinary letter).
- R' : the last (re)start: R, or C when a corrected application arrives (Art. 30: 补正后重新计算).
- P  : working days inside the closed pauses after R' — consultations (S, E] (Arts. 32, 34: 征求
  意见所需时间不计算在期限内) and fee waits (F, Paid] (国办函〔2020〕109号: 缴费期间不计算在期限内).
- X  : the extension granted after R' (Art. 33 第二款, at most 20 working days, once).
- due_on = add(R', 20 + X + P) (Art. 33: 20 working days). While a pause is open or a correction is
  outstanding there is no due date and the clock is paused. An Art. 35 "reasonable later
  deadline" replaces the computed date; pauses closed after it still extend it.

No legal date precedes the day the application reached the agency (``arrived_on``): the day of
an online submission, or the arrival (or hand-in) date recorded when staff registered it.

A ``void`` event cancels one earlier act (``data["voids"]`` = that event's id) that was recorded
in error. The events stay as recorded (append-only); the clock is replayed from the *effective*
events only — neither the void nor the act it cancels takes part.

The calendar passed in is any object with ``add(date, n)`` and ``count(d1, d2)`` (see
``gongkai.workdays.calendar``); counting follows domain/calendar.md (the trigger day is not counted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from gongkai.applications.vocabulary import Action, Outcome
from gongkai.workdays.calendar import CalendarNotConfirmed

BASE_LIMIT = 20  # Art. 33: 自收到申请之日起20个工作日内予以答复
CORRECTION_NOTICE_LIMIT = 7  # Art. 30: 7个工作日内一次性告知补正
DEFAULT_CORRECTION_PERIOD = 15  # the period given to the applicant unless the agency sets another
MAX_EXTENSION = 20  # Art. 33: 延长的期限最长不得超过20个工作日
CONSULTATION_PERIOD = 15  # Art. 32: third party answers within 15 working days
FEE_PAYMENT_PERIOD = 20  # 国办函〔2020〕109号: pay within 20 working days after receiving the notice

CREATION = ("submit", "register")
VOID = "void"
# Internal steps of sign-off (``signoff``): a reply drafted for a reviewer and a draft returned.
# They are in the file, not acts towards the applicant: the clock and ``void`` pass over them.
DRAFT = "draft_reply"
RETURN = "return_reply"
INTERNAL = frozenset({DRAFT, RETURN})
# The acts that conclude an application and the outcome each carries (``letters.texts`` too).
CONCLUSIONS: dict[str, str | None] = {
    Action.REPLY: None,  # the outcome is in the event's data
    Action.WITHDRAW: Outcome.OTHER_OTHER.value,
    Action.CORRECTION_LAPSED: Outcome.OTHER_CORRECTION_LAPSED.value,
    Action.FEE_LAPSED: Outcome.OTHER_FEE_LAPSED.value,
}


class Calendar(Protocol):
    def add(self, start: dt.date, days: int) -> dt.date: ...

    def count(self, start: dt.date, end: dt.date) -> int: ...


@dataclass(frozen=True)
class ClockEvent:
    """What the clock needs of an event: its action, legal date, data and (stored events) its id."""

    action: str
    on: dt.date
    data: Mapping[str, Any] = field(default_factory=dict)
    id: int | None = None

    @property
    def marks_arrival(self) -> bool:
        """A creation event dated with the day the application reached the agency: an online
        submission (the system saw it arrive), an in-person or signed-for receipt, or a
        registration whose arrival date staff recorded (``arrived``)."""
        if self.action == "submit":
            return True
        return self.action == "register" and bool(self.data.get("received") or self.data.get("arrived"))


@dataclass(frozen=True)
class Pause:
    kind: str  # "consultation" or "fee"
    start: dt.date
    end: dt.date | None = None  # None while open
    days: int | None = 0  # working days in (start, end]; 0 while open, None if uncountable


@dataclass(frozen=True)
class Clock:
    state: str = "submitted"
    submitted_on: dt.date | None = None
    channel: str = ""  # how it reached the agency (Art. 31 fixes the receipt date per channel)
    arrived_on: dt.date | None = None  # the day it reached the agency, when known
    received_on: dt.date | None = None
    restarted_on: dt.date | None = None  # R'
    extension_days: int = 0  # X
    paused_days: int = 0  # P
    pauses: tuple[Pause, ...] = ()  # closed pauses (and one left open at conclusion)
    open_pause: Pause | None = None  # the consultation or fee wait running now
    due_on: dt.date | None = None
    paused: bool = False
    correction_requested_on: dt.date | None = None
    correction_respond_by: dt.date | None = None
    correction_received_on: dt.date | None = None
    later_deadline: dt.date | None = None
    fee_method: str = ""
    fee_amount: Any = None
    fee_notice_on: dt.date | None = None
    fee_pay_by: dt.date | None = None
    fee_paid_on: dt.date | None = None
    concluded_on: dt.date | None = None
    concluded_by: str = ""  # the concluding action
    outcome: str = ""
    late: bool = False
    last_event_on: dt.date | None = None
    # A date needed lies in a year whose holiday schedule is not confirmed yet: left unknown.
    calendar_unconfirmed: bool = False
    unconfirmed_year: int | None = None  # the first such year met, and its region ("" national)
    unconfirmed_region: str = ""
    # Which dates are unknown for that reason: "due_on", "correction_respond_by", "fee_pay_by".
    unknown_dates: frozenset[str] = frozenset()

    @property
    def is_open(self) -> bool:
        return self.concluded_on is None

    @property
    def replied_on(self) -> dt.date | None:
        return self.concluded_on

    def days_left(self, today: dt.date, calendar: Calendar) -> int | None:
        """Working days from ``today`` to the due date: count(today, due_on), negative when overdue."""
        if self.due_on is None or not self.is_open:
            return None
        return calendar.count(today, self.due_on)


def add_or_same(calendar: Calendar, start: dt.date, days: int) -> dt.date:
    return start if days == 0 else calendar.add(start, days)


class _Walk:
    """Mutable state while replaying the events in order."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.unconfirmed = False
        self.unconfirmed_at: tuple[int | None, str] | None = None
        self.unknown: set[str] = set()
        self.closed: list[Pause] = []  # closed pauses after R'
        self.all_pauses: list[Pause] = []
        self.open_pause: Pause | None = None
        self.correction_outstanding = False
        self.later_deadline_set_on: dt.date | None = None


def effective(events: Iterable[ClockEvent]) -> list[ClockEvent]:
    """The events that count: all but the voids and the acts they cancel, and the internal steps
    of sign-off, in the given order."""
    events = list(events)
    voided = {event.data.get("voids") for event in events if event.action == VOID}
    return [
        event
        for event in events
        if event.action != VOID and event.action not in INTERNAL and event.id not in voided
    ]


def voids_by_target(events: Iterable[ClockEvent]) -> dict[int, ClockEvent]:
    """Cancelled event id → the void event that cancelled it."""
    return {event.data["voids"]: event for event in events if event.action == VOID}


def latest_act(events: Iterable[ClockEvent]) -> ClockEvent | None:
    """The act a ``void`` would cancel: the last effective event after the creation, if any."""
    acts = [event for event in effective(events) if event.action not in CREATION]
    return acts[-1] if acts else None


def compute(events: Iterable[ClockEvent], calendar: Calendar) -> Clock:
    """Replay the effective ``events`` (in recorded order) into the clock of the application."""
    walk = _Walk()
    values = walk.values
    for event in effective(events):
        # Legal acts are ordered among themselves. A submission that is not also the receipt is
        # not an act but it bounds them all: ``arrived_on`` (lifecycle.check_date).
        if event.action not in CREATION or event.data.get("received"):
            values["last_event_on"] = event.on
        _apply(walk, event, calendar)
    restart = values.get("restarted_on")
    paused = walk.open_pause is not None or walk.correction_outstanding
    extension = values.get("extension_days", 0)
    paused_days = sum(pause.days or 0 for pause in walk.closed)
    due_on = None
    due_at_conclusion = values.pop("due_at_conclusion", None)
    if values.get("concluded_on") is not None:
        # A concluded application keeps the deadline it had when it was concluded.
        due_on = due_at_conclusion
        paused = False
    elif restart is not None and not paused:
        due_on = _safely(walk, "due_on", _due, walk, calendar, restart, extension)
    year, region = walk.unconfirmed_at or (None, "")
    return Clock(
        **values,
        paused_days=paused_days,
        pauses=tuple(walk.all_pauses),
        due_on=due_on,
        paused=paused,
        state=_state(walk, values),
        calendar_unconfirmed=walk.unconfirmed,
        unconfirmed_year=year,
        unconfirmed_region=region,
        unknown_dates=frozenset(walk.unknown),
        open_pause=walk.open_pause if values.get("concluded_on") is None else None,
    )


def _safely(walk: _Walk, name: str, function, *args):
    """Compute the date ``name``; a date in an unconfirmed year is unknown (None), not guessed."""
    try:
        walk.unknown.discard(name)
        return function(*args)
    except CalendarNotConfirmed as error:
        walk.unconfirmed = True
        walk.unknown.add(name)
        walk.unconfirmed_at = walk.unconfirmed_at or (error.year, error.region)
        return None


def _due(walk: _Walk, calendar: Calendar, restart: dt.date, extension: int) -> dt.date:
    later = walk.values.get("later_deadline")
    if later is not None and walk.later_deadline_set_on is not None:
        after = _counted(
            [pause for pause in walk.closed if pause.start >= walk.later_deadline_set_on], calendar
        )
        return add_or_same(calendar, later, after)
    return calendar.add(restart, BASE_LIMIT + extension + _counted(walk.closed, calendar))


def _counted(pauses: list[Pause], calendar: Calendar) -> int:
    """Working days in closed pauses; one reaching a year not yet confirmed is counted again, which
    raises ``CalendarNotConfirmed`` until the year is confirmed (every date after it is unknown)."""
    return sum(
        calendar.count(pause.start, pause.end) if pause.days is None else pause.days for pause in pauses
    )


def _state(walk: _Walk, values: dict) -> str:
    if values.get("concluded_on") is not None:
        return "concluded"
    if values.get("received_on") is None:
        return "submitted"
    if walk.correction_outstanding:
        return "correction_requested"
    if walk.open_pause is not None:
        return "in_consultation" if walk.open_pause.kind == "consultation" else "awaiting_fee"
    return "received"


def _apply(walk: _Walk, event: ClockEvent, calendar: Calendar) -> None:
    values, action, on, data = walk.values, event.action, event.on, event.data
    if action in CREATION:
        values["submitted_on"] = on
        values["channel"] = str(data.get("channel", ""))
        if event.marks_arrival:
            values["arrived_on"] = on
        if data.get("received"):
            values["received_on"] = values["restarted_on"] = on
    elif action == "confirm_receipt":
        values["received_on"] = values["restarted_on"] = on
    elif action == "request_correction":
        period = int(data.get("respond_within_days") or DEFAULT_CORRECTION_PERIOD)
        walk.correction_outstanding = True
        values["correction_requested_on"] = on
        values["correction_respond_by"] = _safely(walk, "correction_respond_by", calendar.add, on, period)
    elif action == "receive_correction":
        # Art. 30: the limit restarts from the day the corrected application arrives. What
        # adjusted the old limit — closed pauses, an extension, an Art. 35 later deadline — goes
        # with it; the new limit may be adjusted afresh.
        walk.correction_outstanding = False
        walk.closed = []
        values.pop("extension_days", None)
        values.pop("later_deadline", None)
        walk.later_deadline_set_on = None
        values["restarted_on"] = values["correction_received_on"] = on
    elif action in ("start_consultation", "fee_notice"):
        walk.open_pause = Pause("consultation" if action == "start_consultation" else "fee", on)
        if action == "fee_notice":
            delivered = data.get("delivered_on")
            start = dt.date.fromisoformat(delivered) if isinstance(delivered, str) else delivered or on
            values.update(
                fee_method=data.get("method", ""),
                fee_amount=data.get("amount"),
                fee_notice_on=on,
                fee_pay_by=_safely(walk, "fee_pay_by", calendar.add, start, FEE_PAYMENT_PERIOD),
            )
    elif action in ("end_consultation", "fee_paid"):
        _close_pause(walk, on, calendar)
        if action == "fee_paid":
            values["fee_paid_on"] = on
    elif action == "extend":
        values["extension_days"] = values.get("extension_days", 0) + int(data.get("days", 0))
    elif action == "set_later_deadline":
        later = data.get("due_on")
        values["later_deadline"] = dt.date.fromisoformat(later) if isinstance(later, str) else later
        walk.later_deadline_set_on = on
    elif action in CONCLUSIONS:
        _conclude(walk, event, calendar)


def _close_pause(walk: _Walk, on: dt.date, calendar: Calendar) -> None:
    if walk.open_pause is None:
        return
    start = walk.open_pause.start
    try:
        days = calendar.count(start, on)
    except CalendarNotConfirmed as error:
        # The pause ended in a year whose schedule is not confirmed: it ended all the same (the
        # answer or the payment came), but its length stays unknown — and with it the due date.
        days = None
        walk.unconfirmed = True
        walk.unconfirmed_at = walk.unconfirmed_at or (error.year, error.region)
    pause = Pause(walk.open_pause.kind, start, on, days)
    walk.open_pause = None
    walk.closed.append(pause)
    walk.all_pauses.append(pause)


def _conclude(walk: _Walk, event: ClockEvent, calendar: Calendar) -> None:
    values = walk.values
    restart = values.get("restarted_on")
    due = None
    if restart is not None and walk.open_pause is None and not walk.correction_outstanding:
        due = _safely(walk, "due_on", _due, walk, calendar, restart, values.get("extension_days", 0))
    if walk.open_pause is not None:
        walk.all_pauses.append(walk.open_pause)
    values["due_at_conclusion"] = due
    values["concluded_on"] = event.on
    values["concluded_by"] = event.action
    values["outcome"] = CONCLUSIONS[event.action] or str(event.data.get("outcome", ""))
    # Art. 33: an answer after the deadline is late; a withdrawal or a lapse is not an answer.
    values["late"] = event.action == "reply" and due is not None and event.on > due


PAUSE_LABELS = {"consultation": "征求意见", "fee": "等待缴费"}
# A lapse → (the notice's date, the notice, the period, its last day, what was not done).
LAPSES = {
    Action.CORRECTION_LAPSED: ("correction_requested_on", "告知补正", "补正期限", "correction_respond_by", "补正"),
    Action.FEE_LAPSED: ("fee_notice_on", "发出收费通知", "缴费期限", "fee_pay_by", "缴费"),
}


def explain(clock: Clock) -> str:
    """The deadline in words, for staff and letters (收到 2026-02-10，第 20 个工作日为 2026-03-16…)."""
    if clock.received_on is None:
        return "尚未确认收到申请，答复期限自收到之日起计算"
    start = clock.restarted_on or clock.received_on
    parts = [f"收到 {clock.received_on.isoformat()}"]
    if clock.correction_received_on is not None:
        parts.append(f"补正后于 {clock.correction_received_on.isoformat()} 重新起算")
    if clock.correction_requested_on is not None and clock.correction_received_on is None and clock.is_open:
        parts.append(f"{clock.correction_requested_on.isoformat()} 告知补正，等待补正期间不计算答复期限")
    for kind, label in PAUSE_LABELS.items():
        days = sum(
            pause.days or 0
            for pause in clock.pauses
            if pause.kind == kind and pause.end and pause.start >= start
        )
        if days:
            parts.append(f"其间{label}暂停 {days} 个工作日")
        if clock.open_pause is not None and clock.open_pause.kind == kind:
            parts.append(f"{clock.open_pause.start.isoformat()} 起{label}，计时暂停")
    if clock.extension_days:
        parts.append(f"经批准延长 {clock.extension_days} 个工作日")
    total = BASE_LIMIT + clock.extension_days + clock.paused_days
    if clock.later_deadline is not None and clock.due_on is not None:
        parts.append(f"依条例第三十五条确定答复期限为 {clock.due_on.isoformat()}")
    elif clock.due_on is not None:
        parts.append(f"第 {total} 个工作日为 {clock.due_on.isoformat()}")
    elif clock.calendar_unconfirmed and clock.is_open:
        # Once concluded the deadline no longer binds anyone: no warning that it cannot be computed.
        parts.append("答复期限所在年度的节假日安排尚未确认，暂无法计算")
    if clock.concluded_by in LAPSES:
        # 视为放弃 rests on a period the applicant let pass (Art. 30; 国办函〔2020〕109号): say which.
        started_on, notice, until, by, missed = LAPSES[clock.concluded_by]
        started, last = getattr(clock, started_on), getattr(clock, by)
        if started is not None:
            parts.append(f"{started.isoformat()} {notice}")
        if last is not None:
            parts.append(f"{until}截至 {last.isoformat()}")
        parts.append(f"逾期未{missed}，视为放弃申请")
    if clock.concluded_on is not None:
        parts.append(f"{clock.concluded_on.isoformat()} 办结" + ("（逾期）" if clock.late else ""))
        if lateness_unknown(clock):
            parts.append(f"是否逾期待{clock.unconfirmed_year}年节假日安排确认后自动判定")
    return "，".join(parts)


def lateness_unknown(clock: Clock) -> bool:
    """Concluded in or after the first unconfirmed year its deadline reached: the deadline, hence
    whether the answer was late, is known only once that year is confirmed (the cache is then rebuilt,
    ``stored_clock.refresh_after_calendar_change``). Concluded before that year it was in time: the
    deadline lies in that year or later."""
    return (
        clock.concluded_on is not None
        and clock.due_on is None
        and clock.calendar_unconfirmed
        and clock.unconfirmed_year is not None
        and clock.concluded_on.year >= clock.unconfirmed_year
    )
