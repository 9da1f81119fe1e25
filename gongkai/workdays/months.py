"""Periods counted in months (民法典 Arts. 201–203) — pure Python, no Django.

代表法 Art. 51 gives deputies' suggestions "三个月内答复", the proposal rules of CPPCC committees the
same; a second answer after 不满意 is due a month later. Such periods are not working-day limits:

- Art. 201: 按照年、月、日、小时计算期间的，开始的当日不计入，自下一日开始计算。
- Art. 202: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。
- Art. 203: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。

So 31 January + 1 month is the last day of February, and a last day that is not a working day
(weekend or holiday, a make-up Saturday being a working day) moves to the next working day of the
calendar. A last day in a year whose holiday schedule nobody has confirmed is unknown: the calendar
raises ``CalendarNotConfirmed`` rather than guess whether it is a holiday.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from typing import Protocol


class Calendar(Protocol):
    def is_workday(self, day: dt.date) -> bool: ...

    def add(self, start: dt.date, days: int) -> dt.date: ...


def corresponding_day(start: dt.date, months: int) -> dt.date:
    """Art. 202: the day of the month ``months`` after ``start`` with the same number; when that
    month is shorter (31 January + 1 month), its last day. Negative ``months`` count back the same
    way (a date a lead sets "one month before" a due day)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = gregorian.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))


def next_working_day_from(day: dt.date, calendar: Calendar) -> dt.date:
    """Art. 203: a last day that is not a working day gives way to the next working day."""
    if calendar.is_workday(day):
        return day
    return calendar.add(day, 1)


def period_end(start: dt.date, months: int, calendar: Calendar) -> dt.date:
    """The last day of a period of ``months`` months triggered on ``start`` (Arts. 201–203).

    Raises ``CalendarNotConfirmed`` when the last day lies in (or is pushed into) a year whose
    schedule is not confirmed: the due day is then unknown, never guessed.
    """
    return next_working_day_from(corresponding_day(start, months), calendar)
