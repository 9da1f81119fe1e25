"""The 2024–2026 national calendar built from domain/calendar.md's published schedules only."""

import datetime as dt

from gongkai.interaction.deadlines import Event
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.tests.schedules import holiday_dates, makeup_dates

YEARS = (2024, 2025, 2026)


def published() -> WorkdayCalendar:
    holidays, makeup = {}, {}
    for year in YEARS:
        holidays.update({day: name or "节假日" for day, name in holiday_dates(year).items()})
        makeup.update(dict.fromkeys(makeup_dates(year), "调休上班"))
    return WorkdayCalendar(YEARS, holidays, makeup)


CALENDAR = published()


def regional() -> WorkdayCalendar:
    """A region that also rests every Monday and 2026-03-09 to 03-13 (made up: calendars differ)."""
    holidays, makeup = {}, {}
    for year in YEARS:
        holidays.update({day: name or "节假日" for day, name in holiday_dates(year).items()})
        makeup.update(dict.fromkeys(makeup_dates(year), "调休上班"))
        day = dt.date(year, 1, 1)
        while day.year == year:
            if day.weekday() == 0 and day not in makeup:
                holidays.setdefault(day, "地方休息日")
            day += dt.timedelta(days=1)
    for offset in range(5):
        holidays[dt.date(2026, 3, 9) + dt.timedelta(days=offset)] = "地方假日"
    return WorkdayCalendar(YEARS, holidays, makeup, region="xz")


REGIONAL = regional()


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def ev(action: str, on: str, **data) -> Event:
    return Event(action, d(on), data)


def received(on: str, kind: str = "consultation", limit: int = 5, agency: str = "a") -> list[Event]:
    return [ev("submit", on, kind=kind, limit=limit, agency=agency)]
