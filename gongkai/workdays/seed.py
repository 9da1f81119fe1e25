"""Built-in national years: the frozen data file and the installed ``chinese-calendar`` package.

Two sources, one shape (``Schedule``):

- ``frozen_schedule()`` reads ``data/builtin_years.json``, the State Council notices 2004–2026 as
  ``chinese-calendar`` 1.11.0 transcribed them, frozen once with a fixed ``confirmed_on``. Migration
  ``workdays.0002`` reads the same file (without importing this module), and ``core.reference``
  re-seeds from it after a flush, so a fresh database is the same whatever day it is built on.
- ``package_schedule()`` reads the installed package: ``manage.py calendar_seed`` adds the years a
  newer release knows (confirmed on the day the command runs).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import chinese_calendar

FROZEN_DATA = Path(__file__).resolve().parent / "data" / "builtin_years.json"

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

Day = tuple[dt.date, str, str]  # (date, kind, name)


@dataclass(frozen=True)
class Schedule:
    """Exceptional days of whole national years, and the notice they come from."""

    source: str
    days: dict[int, list[Day]]

    @property
    def years(self) -> list[int]:
        return sorted(self.days)


# The source staff read for the built-in years: the notices themselves. Which package transcribed
# them is a developer's fact (the data file's "package", `manage.py calendar_seed`'s output).
BUILTIN_SOURCE = "国务院办公厅历年部分节假日安排的通知（系统内置）"


def builtin_source() -> str:
    return BUILTIN_SOURCE


def package_version() -> str:
    return f"chinese-calendar {version('chinese-calendar')}"


def builtin_years() -> list[int]:
    return sorted({day.year for day in chinese_calendar.holidays})


def builtin_days(year: int) -> list[Day]:
    """(date, kind, name) of every holiday and make-up day of ``year`` in the installed package."""
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


def package_schedule() -> Schedule:
    return Schedule(builtin_source(), {year: builtin_days(year) for year in builtin_years()})


def frozen_schedule() -> tuple[Schedule, dt.date]:
    """The frozen built-in years and the fixed date they count as confirmed on."""
    data = json.loads(FROZEN_DATA.read_text(encoding="utf-8"))
    days = {
        int(year): [(dt.date.fromisoformat(day), kind, name) for day, kind, name in entries]
        for year, entries in data["years"].items()
    }
    return Schedule(BUILTIN_SOURCE, days), dt.date.fromisoformat(data["confirmed_on"])


def seed(year_model, day_model, revision_model, *, schedule: Schedule, confirmed_on: dt.date) -> list[int]:
    """Add the schedule's national years missing from the database; never overwrite an existing year.

    Works with real or historical models. Returns the years added.
    """
    present = set(year_model.objects.filter(region="").values_list("year", flat=True))
    added = [year for year in schedule.years if year not in present]
    for year in added:
        year_model.objects.create(year=year, region="", source=schedule.source, confirmed_on=confirmed_on)
        existing = set(day_model.objects.filter(region="", date__year=year).values_list("date", flat=True))
        day_model.objects.bulk_create(
            [
                day_model(date=day, region="", kind=kind, name=name)
                for day, kind, name in schedule.days[year]
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
