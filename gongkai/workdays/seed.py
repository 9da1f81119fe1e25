"""Built-in years from the ``chinese-calendar`` package (transcribed State Council notices)."""

from __future__ import annotations

import datetime as dt
import uuid
from importlib.metadata import version

import chinese_calendar

# chinese-calendar's English holiday names → the names the notices use.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def builtin_source() -> str:
    return f"国务院办公厅节假日安排通知（chinese-calendar {version('chinese-calendar')} 收录）"


def builtin_years() -> list[int]:
    return sorted({day.year for day in chinese_calendar.holidays})


def builtin_days(year: int) -> list[tuple[dt.date, str, str]]:
    """(date, kind, name) of every holiday and make-up day of ``year``."""
    days = [
        (day, "holiday", HOLIDAY_NAMES.get(str(name), str(name)))
        for day, name in chinese_calendar.holidays.items()
        if day.year == year
    ]
    days += [
        (day, "makeup_workday", HOLIDAY_NAMES.get(str(name), str(name)) + "调休")
        for day, name in chinese_calendar.workdays.items()
        if day.year == year and day.weekday() >= 5
    ]
    return sorted(days)


def seed(year_model, day_model, revision_model, *, today: dt.date) -> list[int]:
    """Add built-in national years missing from the database; never overwrite an existing year.

    Works with real or historical (migration) models. Returns the years added.
    """
    present = set(year_model.objects.filter(region="").values_list("year", flat=True))
    added = [year for year in builtin_years() if year not in present]
    source = builtin_source()
    for year in added:
        year_model.objects.create(year=year, region="", source=source, confirmed_on=today)
        existing = set(day_model.objects.filter(region="", date__year=year).values_list("date", flat=True))
        day_model.objects.bulk_create(
            [
                day_model(date=day, region="", kind=kind, name=name)
                for day, kind, name in builtin_days(year)
                if day not in existing
            ]
        )
    if added:
        revision = revision_model.objects.first()
        if revision is None:
            revision_model.objects.create(token=uuid.uuid4())
        else:
            revision_model.objects.filter(pk=revision.pk).update(token=uuid.uuid4())
    return added
