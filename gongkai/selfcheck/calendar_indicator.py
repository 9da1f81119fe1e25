"""The calendar's indicator and clock (domain/calendar.md, domain/compliance.md: "next year's
calendar"). The calendar (``workdays``) sits below the self-check, so it cannot register itself;
the self-check registers this one on its behalf, through the same registry as every duty.

``calendar_next_year``: next year's holiday schedule must be confirmed before a 20-working-day
limit (条例第三十三条) started today would end in it. Warn from 1 October while it is missing; fail
once such a limit can no longer be computed.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.selfcheck.registry import Clock, Indicator, Record, Result, register_clocks, register_indicator
from gongkai.selfcheck.vocabulary import Status
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays

CODE = "calendar_next_year"
LONGEST_LIMIT = 20  # working days: the reply limit of Art. 33, the longest ordinary clock
WARN_FROM_MONTH = 10


def _state(region: str, today: dt.date):
    """(confirmed, last safe day): the last day on which add(day, 20) is still computable."""
    calendar = workdays(region)
    next_year = today.year + 1
    if next_year in calendar.calendar.confirmed_years:
        return True, None
    try:
        left = calendar.count(today, dt.date(today.year, 12, 31))
    except CalendarNotConfirmed:
        return False, None
    if left < LONGEST_LIMIT:
        return False, None
    # After k more working days, ``left - k`` remain; add(D, 20) overflows once fewer than 20 do.
    return False, calendar.add(today, left - LONGEST_LIMIT) if left > LONGEST_LIMIT else today


def compute(agencies, today: dt.date) -> dict[int, Result]:
    results: dict[int, Result] = {}
    by_region: dict[str, tuple] = {}
    for agency in agencies:
        region = agency.region or ""
        if region not in by_region:
            by_region[region] = _state(region, today)
        confirmed, last_safe = by_region[region]
        if confirmed:
            continue
        year = today.year + 1
        record = Record(
            "calendar_year", year, f"{year}年节假日安排（{region or '全国'}）", _year_url(region, year)
        )
        if last_safe is None:
            results[agency.pk] = Result(
                1, Status.FAIL, (record,), note=f"{year}年节假日安排未确认，跨年的法定期限无法计算"
            )
        elif today.month >= WARN_FROM_MONTH:
            after = last_safe + dt.timedelta(days=1)
            results[agency.pk] = Result(
                1,
                Status.WARN,
                (record,),
                next_change_on=after,
                next_change=f"自{after.isoformat()}起，新收到申请的答复期限将落入{year}年，届时无法计算",
            )
    return results


def _year_url(region: str, year: int) -> str:
    if region:
        return reverse("workdays_staff:region_year", args=[region, year])
    return reverse("workdays_staff:year", args=[year])


def clocks(agencies, today: dt.date) -> list[Clock]:
    """Next year's calendar as a clock of the disclosure office: due on the last safe day."""
    found = []
    seen = set()
    for agency in agencies:
        region = agency.region or ""
        if region in seen or agency.parent_id is not None:
            continue
        seen.add(region)
        confirmed, last_safe = _state(region, today)
        if confirmed or today.month < WARN_FROM_MONTH:
            continue
        year = today.year + 1
        if last_safe is None:
            explanation = f"{year}年节假日安排未确认，跨年的法定期限已无法计算"
            days_left = None
        else:
            explanation = f"{last_safe.isoformat()}之后收到的申请，其20个工作日答复期限将落入{year}年"
            days_left = workdays(region).count(today, last_safe)
        found.append(
            Clock(
                "calendar",
                "下一年度节假日安排",
                "calendar_year",
                year,
                f"确认{year}年节假日安排",
                agency.pk,
                last_safe,
                days_left,
                explanation,
                _year_url(region, year),
            )
        )
    return found


def register() -> None:
    register_indicator(
        Indicator(
            CODE,
            "下一年度节假日安排",
            "下一年度节假日安排须在20个工作日的法定期限跨入该年之前确认，否则期限无法计算",
            "国务院办公厅关于节假日安排的通知；《条例》第三十三条",
            compute,
            group="工作日历",
            order=90,
        )
    )
    register_clocks("calendar", clocks)
