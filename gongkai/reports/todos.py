"""The statutory deadline of the annual report as a 待办 of the workbench dashboard (Art. 49)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.agencies import permissions
from gongkai.reports.figures import deadline
from gongkai.reports.models import ReportRevision
from gongkai.workbench.registry import CALENDAR_DAYS, WORKING_DAYS, TodoItem

NOTICE_FROM_MONTH = 12  # the coming report appears on the dashboard from December


def report_todo(*, user, agency, today: dt.date) -> list[TodoItem]:
    """Last year's report until it is published (overdue after the deadline); from December on,
    this year's report as well."""
    if agency is None or not permissions.may(user, "manage", agency):
        return []
    years = [today.year - 1]
    if today.month >= NOTICE_FROM_MONTH:
        years.append(today.year)
    published = set(
        ReportRevision.objects.filter(report__agency=agency, report__year__in=years).values_list(
            "report__year", flat=True
        )
    )
    items = []
    for year in years:
        if year in published:
            continue
        due = deadline(agency, year)
        days_left, unit = _days_left(today, due, agency.region)
        items.append(
            TodoItem(
                kind="年度报告",
                title=f"编制并发布{year}年政府信息公开工作年度报告",
                url=reverse("reports_staff:report", args=[year]),
                due_on=due,
                days_left=days_left,
                days_unit=unit,
                today=today,
                note="《条例》第四十九条："
                + ("政府年度报告3月31日前公布" if due.month == 3 else "部门年度报告1月31日前公布"),
            )
        )
    return items


def _days_left(today: dt.date, due: dt.date, region: str) -> tuple[int, str]:
    """Working days until the deadline like every other 待办; calendar days, so stated, when the
    calendar of those dates is not confirmed yet."""
    from gongkai.workdays.calendar import CalendarNotConfirmed
    from gongkai.workdays.selectors import count_workdays

    try:
        return count_workdays(today, due, region=region), WORKING_DAYS
    except CalendarNotConfirmed:
        return (due - today).days, CALENDAR_DAYS
