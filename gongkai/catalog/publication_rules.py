"""Legal clocks of the catalogue. Pure module: the working-day calendar is passed in.

``calendar`` is any object with ``add(start, days) -> date`` and ``count(start, end) -> int``
(``gongkai.workdays.calendar.WorkdayCalendar`` or the selectors' ``Workdays``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
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


def publication_date_problem(published_on: dt.date, formed_on: dt.date, today: dt.date) -> str | None:
    """The publication date is the day the information reached the public: it cannot lie in the
    future (a date ahead of today would put the item at the top of 最新公开 and take a 索引号 of a
    year that has not begun), nor before the information existed (生成日期). Returns the error code,
    or None when the date is possible."""
    if published_on > today:
        return "date_in_future"
    if published_on < formed_on:
        return "published_before_formed"
    return None


OVERRIDE_REASON_MIN_CHARACTERS = 10
# A unit of one to four characters written twice or more in a row counts once: "测试测试测试" is
# the word 测试, "xxxxxxxx" one x.
_REPEATED_UNIT = re.compile(r"(.{1,4}?)\1+", re.DOTALL)


def substantive_characters(text: str) -> int:
    """How many characters of ``text`` carry meaning: letters and digits of any script, with
    punctuation, symbols and spaces dropped and back-to-back repetitions counted once."""
    kept = "".join(char for char in text or "" if unicodedata.category(char)[0] in "LN")
    return len(_REPEATED_UNIT.sub(r"\1", kept))


def is_substantive_reason(text: str) -> bool:
    """Art. 17 保密审查: a blocking finding is published only with a written reason a later reader
    can check — at least 10 meaningful characters ("x", "。。。。。。" or "同意同意同意" are not)."""
    return substantive_characters(text) >= OVERRIDE_REASON_MIN_CHARACTERS
