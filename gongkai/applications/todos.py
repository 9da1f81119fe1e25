"""The workbench 待办 of applications: open applications due within 5 working days or overdue."""

from __future__ import annotations

import datetime as dt

from gongkai.applications import selectors
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays

DUE_SOON_DAYS = 5  # the workbench marks ≤ 5 working days left as due soon
LIMIT = 50


def application_url(application) -> str:
    from django.urls import reverse

    return reverse("applications_staff:detail", args=[application.pk])


def applications_todo(*, user, agency, today: dt.date):
    """Open, running applications of the user's agencies due within 5 working days, or overdue."""
    from gongkai.workbench.registry import TodoItem

    try:
        until = workdays().add(today, DUE_SOON_DAYS)
    except CalendarNotConfirmed:  # next year's calendar not confirmed: fall back to a week
        until = today + dt.timedelta(days=7)
    items = []
    calendars: dict[str, object] = {}
    for application in selectors.due_soon(user, agency=agency, today=today, until=until)[:LIMIT]:
        region = application.agency.region
        calendar = calendars.get(region) or calendars.setdefault(region, workdays(region))
        days_left = calendar.count(today, application.due_on)
        note = f"已逾期 {-days_left} 个工作日" if days_left < 0 else f"剩余 {days_left} 个工作日"
        items.append(
            TodoItem(
                "依申请公开",
                f"{application.applicant_label}：{application.description[:30]}",
                application_url(application),
                application.due_on,
                days_left,
                f"{application.agency.name}，{note}",
            )
        )
    return items
