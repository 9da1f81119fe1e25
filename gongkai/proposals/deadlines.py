"""The clocks of a deputy's suggestion or a CPPCC proposal — pure Python, no Django.

domain/services.md §4. Months are counted by 民法典 Arts. 201–203 (``gongkai.workdays.months``), the
publication limit in working days. ``calendar`` is the pure ``WorkdayCalendar``: a date in a year
nobody has confirmed raises ``CalendarNotConfirmed`` and the caller shows the due day as unknown.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from gongkai.workdays.months import corresponding_day, period_end

ANSWER_MONTHS = 3
EXTENDED_ANSWER_MONTHS = 6
SECOND_ANSWER_MONTHS = 1
CO_HANDLER_LEAD_MONTHS = 1
PUBLICATION_WORKING_DAYS = 20


class Calendar(Protocol):
    def is_workday(self, day: dt.date) -> bool: ...

    def add(self, start: dt.date, days: int) -> dt.date: ...


def answer_due(assigned_on: dt.date, *, extended: bool, calendar: Calendar) -> dt.date:
    """代表法 Art. 51: 自交办之日起三个月内答复，涉及面广、处理难度大的，应当在六个月内答复 —
    3 months after 交办, 6 with an extension; month periods by 民法典 Arts. 202–203."""
    months = EXTENDED_ANSWER_MONTHS if extended else ANSWER_MONTHS
    return period_end(assigned_on, months, calendar)


def co_handler_views_due(
    answer_due_on: dt.date, calendar: Calendar, months: int = CO_HANDLER_LEAD_MONTHS
) -> dt.date:
    """Co-handlers send their views to the lead by a date the lead sets; by default one month
    before the answer is due (same day number, or the month's last day). A day off gives way to
    the working day before it, so the lead keeps the whole month for the answer."""
    day = corresponding_day(answer_due_on, -months)
    while not calendar.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def second_answer_due(rated_on: dt.date, calendar: Calendar, months: int = SECOND_ANSWER_MONTHS) -> dt.date:
    """不满意: the lead answers again within one month of the rating (deployment setting)."""
    return period_end(rated_on, months, calendar)


def publication_due(
    answered_on: dt.date, calendar: Calendar, days: int = PUBLICATION_WORKING_DAYS
) -> dt.date:
    """国办发〔2014〕46号 and provincial practice: the answer, in full or as a summary, is published
    within 20 working days of answering (deployment setting)."""
    return calendar.add(answered_on, days)


def is_late(done_on: dt.date | None, due_on: dt.date | None, today: dt.date) -> bool:
    """Late when done after the due day, or not yet done once the due day has passed. An unknown
    due day is never late."""
    if due_on is None:
        return False
    return (done_on or today) > due_on
