"""Open clocks that reach into a year whose holiday schedule is not confirmed — pure Python, no Django.

Every limit of an application is counted in working days (Art. 33 and domain/calendar.md), and a
year whose State Council notice nobody has entered cannot be counted across. So before the year ends,
staff must see which of their open applications run towards such a year: their deadline is unknown
(or cannot be counted down), and a notice stating it cannot be issued.

The State Council publishes next year's schedule in the autumn; from 1 October of the year before an
unconfirmed year (and throughout that year itself) the workbench warns every staff member whose
agency has such clocks — not only the disclosure office, which alone can confirm the year.
"""

from __future__ import annotations

import datetime as dt

from gongkai.applications.clock import BASE_LIMIT, Calendar, Clock
from gongkai.workdays.calendar import CalendarNotConfirmed

WARN_FROM = (10, 1)  # month, day of the year before the unconfirmed year


def warns(today: dt.date, year: int) -> bool:
    """From 1 October of the year before ``year`` on, an unconfirmed ``year`` is worth a warning."""
    return today >= dt.date(year - 1, *WARN_FROM)


def reached_year(clock: Clock, today: dt.date, calendar: Calendar) -> int | None:
    """The unconfirmed year an open clock runs into, or None when every date it runs towards can be
    counted: the reply deadline (and the working days left to it), the end of the correction period
    while a correction is outstanding, the end of the payment period while a fee is unpaid, and,
    while a pause is open, the deadline as it would be were the pause to end today."""
    if not clock.is_open or clock.received_on is None:
        return None
    waiting = {"correction_requested": "correction_respond_by", "awaiting_fee": "fee_pay_by"}.get(clock.state)
    if (waiting in clock.unknown_dates) or ("due_on" in clock.unknown_dates and not clock.paused):
        return clock.unconfirmed_year
    if clock.due_on is not None:
        return unconfirmed_until(clock.due_on, today, calendar)
    if clock.open_pause is None or today <= clock.open_pause.start:
        return None
    try:
        restart = clock.restarted_on or clock.received_on
        running = calendar.count(clock.open_pause.start, today)
        calendar.add(restart, BASE_LIMIT + clock.extension_days + clock.paused_days + running)
    except CalendarNotConfirmed as error:
        return error.year
    return None


def unconfirmed_until(due_on: dt.date, today: dt.date, calendar: Calendar) -> int | None:
    """The unconfirmed year that keeps the working days from ``today`` to ``due_on`` from being
    counted (an Art. 35 later deadline may be set in any year), or None."""
    try:
        calendar.count(min(today, due_on), max(today, due_on))
    except CalendarNotConfirmed as error:
        return error.year
    return None
