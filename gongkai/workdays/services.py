"""Acts of the disclosure office on the calendar. Every edit changes the revision token."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Q

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput
from gongkai.workdays import seed
from gongkai.workdays.models import CalendarDay, CalendarRevision, CalendarYear, DayType
from gongkai.workdays.signals import calendar_changed

MAX_HOLIDAY_LENGTH = 15  # days; the longest State Council holiday range so far is 9


@dataclass(frozen=True)
class HolidayRange:
    name: str
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class MakeupDay:
    date: dt.date
    name: str = ""


def _touch_revision(*, region: str, since: dt.date) -> None:
    """A new revision token (every process rebuilds its calendar), then ``calendar_changed`` so the
    apps recompute the dates they cached from ``since`` on (``signals``)."""
    updated = CalendarRevision.objects.update(token=uuid.uuid4())
    if not updated:
        CalendarRevision.objects.create()
    calendar_changed.send(sender=CalendarYear, region=region, since=since)


def _window(year: int) -> tuple[dt.date, dt.date]:
    """A notice for year Y may also place days at the turn of the year (元旦 from 30 Dec)."""
    return dt.date(year - 1, 12, 1), dt.date(year + 1, 1, 31)


def _validate_schedule(year: int, holidays: list[HolidayRange], makeup_days: list[MakeupDay]) -> None:
    if not 2000 <= year <= 2100:
        raise InvalidInput("invalid_year", "年度应在2000年至2100年之间")
    low, high = _window(year)
    seen: dict[dt.date, str] = {}
    for holiday in holidays:
        if not holiday.name.strip():
            raise InvalidInput("invalid_holiday", "节假日名称不能为空")
        if holiday.last < holiday.first:
            raise InvalidInput("invalid_holiday", f"“{holiday.name}”的结束日期早于开始日期")
        if (holiday.last - holiday.first).days + 1 > MAX_HOLIDAY_LENGTH:
            raise InvalidInput("invalid_holiday", f"“{holiday.name}”超过{MAX_HOLIDAY_LENGTH}天，请核对日期")
        if holiday.first < low or holiday.last > high:
            raise InvalidInput("date_outside_year", f"“{holiday.name}”的日期不在{year}年度安排的范围内")
        day = holiday.first
        while day <= holiday.last:
            if day in seen:
                raise InvalidInput(
                    "duplicate_day", f"{day:%Y-%m-%d}重复出现在“{seen[day]}”和“{holiday.name}”中"
                )
            seen[day] = holiday.name
            day += dt.timedelta(days=1)
    for makeup in makeup_days:
        if makeup.date < low or makeup.date > high:
            raise InvalidInput(
                "date_outside_year", f"调休上班日{makeup.date:%Y-%m-%d}不在{year}年度安排的范围内"
            )
        if makeup.date.weekday() < 5:
            raise InvalidInput("makeup_not_weekend", f"{makeup.date:%Y-%m-%d}不是周末，无需调休上班")
        if makeup.date in seen:
            raise InvalidInput("duplicate_day", f"{makeup.date:%Y-%m-%d}不能既是节假日又是调休上班日")
        seen[makeup.date] = "调休"


def _expand(region: str, holidays: list[HolidayRange], makeup_days: list[MakeupDay]) -> list[CalendarDay]:
    rows = []
    for holiday in holidays:
        day = holiday.first
        while day <= holiday.last:
            rows.append(CalendarDay(date=day, region=region, kind=DayType.HOLIDAY, name=holiday.name.strip()))
            day += dt.timedelta(days=1)
    rows += [
        CalendarDay(
            date=makeup.date,
            region=region,
            kind=DayType.MAKEUP_WORKDAY,
            name=makeup.name.strip() or "调休上班",
        )
        for makeup in makeup_days
    ]
    return rows


@service
def confirm_year(
    *,
    actor,
    year: int,
    region: str = "",
    source: str,
    holidays: list[HolidayRange],
    makeup_days: list[MakeupDay],
    on: dt.date,
    note: str = "",
) -> CalendarYear:
    """Enter (or correct) a year's schedule from the State Council notice or a region's rules, and
    confirm the year so deadlines may be computed across it. A year may be confirmed with no
    exceptional days at all (a region with no holidays of its own)."""
    permissions.require_office(actor)
    region = region.strip()
    if not source.strip():
        raise InvalidInput("source_required", "请填写依据（通知文号或名称）")
    _validate_schedule(year, holidays, makeup_days)
    previous = CalendarYear.objects.filter(year=year, region=region).first()
    rows = _expand(region, holidays, makeup_days)
    # The notice replaces the year's days, and any turn-of-year days it places in adjacent years.
    replaced = CalendarDay.objects.filter(region=region).filter(
        Q(date__year=year) | Q(date__in=[row.date for row in rows])
    )
    before = [(str(entry.date), entry.kind, entry.name) for entry in replaced]
    replaced.delete()
    CalendarDay.objects.bulk_create(rows)
    entry, _ = CalendarYear.objects.update_or_create(
        year=year, region=region, defaults={"source": source.strip(), "confirmed_on": on, "note": note}
    )
    # The year's days are counted from 1 January; a turn-of-year day placed earlier moves that too.
    since = min([dt.date(year, 1, 1), *(row.date for row in rows), *(dt.date.fromisoformat(day) for day, *_ in before)])
    _touch_revision(region=region, since=since)
    after = [(str(row.date), row.kind, row.name) for row in rows]
    where = f"地区“{region}”" if region else "全国"
    record(
        actor=actor,
        action="calendar.confirm_year",
        obj=entry,
        summary=f"{'更正' if previous else '确认'}{where}{year}年节假日安排（{source.strip()}）",
        data={"year": year, "region": region, "source": source, "before": before, "after": after},
    )
    return entry


@service
def set_calendar_day(*, actor, date: dt.date, kind: str, name: str, region: str = "") -> CalendarDay:
    """Add or change one exceptional day (e.g. a regional holiday announced during the year)."""
    permissions.require_office(actor)
    if kind not in DayType.values:
        raise InvalidInput("invalid_day_kind", f"未知的日期类型：{kind}")
    if kind == DayType.MAKEUP_WORKDAY and date.weekday() < 5:
        raise InvalidInput("makeup_not_weekend", f"{date:%Y-%m-%d}不是周末，无需调休上班")
    if not name.strip():
        raise InvalidInput("invalid_holiday", "名称不能为空")
    before = CalendarDay.objects.filter(date=date, region=region).values("kind", "name").first()
    entry, _ = CalendarDay.objects.update_or_create(
        date=date, region=region, defaults={"kind": kind, "name": name.strip()}
    )
    _touch_revision(region=region, since=date)
    record(
        actor=actor,
        action="calendar.set_day",
        obj=entry,
        summary=f"设置{region or '全国'} {date:%Y-%m-%d} 为{entry.get_kind_display()}（{entry.name}）",
        data={"date": date, "region": region, "before": before, "after": {"kind": kind, "name": name}},
    )
    return entry


@service
def remove_calendar_day(entry: CalendarDay, *, actor) -> None:
    """Make a date ordinary again (its weekday decides)."""
    permissions.require_office(actor)
    data = {"date": entry.date, "region": entry.region, "kind": entry.kind, "name": entry.name}
    record(
        actor=actor,
        action="calendar.remove_day",
        obj=entry,
        summary=f"取消{entry.region or '全国'} {entry.date:%Y-%m-%d} 的{entry.get_kind_display()}",
        data=data,
    )
    entry.delete()
    _touch_revision(region=data["region"], since=data["date"])


@service
def seed_builtin_calendar(*, actor, on: dt.date) -> list[int]:
    """Add the national years the installed ``chinese-calendar`` knows and the database lacks."""
    permissions.require_superuser(actor)
    schedule = seed.package_schedule()
    added = seed.seed(CalendarYear, CalendarDay, CalendarRevision, schedule=schedule, confirmed_on=on)
    if added:  # ``seed`` moved the revision token itself; a year's notice may reach into the one before
        calendar_changed.send(sender=CalendarYear, region="", since=_window(min(added))[0])
    record(
        actor=actor,
        action="calendar.seed",
        summary=f"从内置数据补充年度：{added or '无'}",
        object_type="workdays.calendaryear",
        data={"added": added, "source": schedule.source},
    )
    return added
