"""Legal clocks of the catalogue. Pure module: the working-day calendar is passed in.

``calendar`` is any object with ``add(start, days) -> date`` and ``count(start, end) -> int``
(``gongkai.workdays.calendar.WorkdayCalendar`` or the selectors' ``Workdays``).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

PUBLICATION_LIMIT_WORKDAYS = 20
INTERPRETATION_LIMIT_WORKDAYS = 3


class Calendar(Protocol):
    def add(self, start: dt.date, days: int) -> dt.date: ...

    def count(self, start: dt.date, end: dt.date) -> int: ...


def clock_start(formed_on: dt.date, changed_on: dt.date | None) -> dt.date:
    """The day the 20-day clock starts: when the information was formed, or last changed."""
    if changed_on is not None and changed_on > formed_on:
        return changed_on
    return formed_on


def publication_due(formed_on: dt.date, changed_on: dt.date | None, calendar: Calendar) -> dt.date:
    """Art. 26: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内
    及时公开 — the 20th working day after formation or change."""
    return calendar.add(clock_start(formed_on, changed_on), PUBLICATION_LIMIT_WORKDAYS)


def is_late(published_on: dt.date, due_on: dt.date | None) -> bool:
    """Art. 26: published after the due day is late (on the due day is in time)."""
    return due_on is not None and published_on > due_on


def interpretation_lag(
    policy_published_on: dt.date, interpretation_published_on: dt.date, calendar: Calendar
) -> int:
    """Working days from the policy's publication to its interpretation's (0 = same day or before)."""
    if interpretation_published_on <= policy_published_on:
        return 0
    return calendar.count(policy_published_on, interpretation_published_on)


def interpretation_is_late(lag: int | None) -> bool:
    """政策解读 goes out with the policy, at the latest 3 working days after it (assessment practice)."""
    return lag is not None and lag > INTERPRETATION_LIMIT_WORKDAYS
