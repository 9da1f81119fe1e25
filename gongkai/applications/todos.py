"""The workbench 待办 of applications: those waiting for 确认收到, and open applications due within
5 working days or overdue — of the current agency and the agencies below it that the user sees."""

from __future__ import annotations

import datetime as dt

from gongkai.applications import selectors
from gongkai.applications.choices import Channel
from gongkai.workbench.registry import DUE_SOON_DAYS
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays

LIMIT = 50


def application_url(application) -> str:
    from django.urls import reverse

    return reverse("applications_staff:detail", args=[application.pk])


def _calendar(calendars: dict, application):
    region = application.agency.region
    return calendars.get(region) or calendars.setdefault(region, workdays(region))


def _waiting(calendar, since: dt.date, today: dt.date) -> str:
    try:
        days = calendar.count(since, today)
    except CalendarNotConfirmed:  # today in a year whose calendar is not confirmed yet
        return ""
    return f"，已等待 {days} 个工作日" if days > 0 else ""


def receipt_todos(*, user, agency, today: dt.date) -> list:
    """Art. 31: an online, fax or letter application is received on the day the agency confirms
    receipt; until then no deadline runs, so an unconfirmed application must not be forgotten."""
    from gongkai.workbench.registry import TodoItem

    items, calendars = [], {}
    for application in selectors.awaiting_receipt(user, agency=agency)[:LIMIT]:
        entered = "提交" if application.channel == Channel.ONLINE else "登记"
        note = f"{application.agency.name}，{Channel(application.channel).label}"
        if application.entered_on is not None:
            waiting = _waiting(_calendar(calendars, application), application.entered_on, today)
            note += f"，{application.entered_on.isoformat()} {entered}{waiting}"
        items.append(
            TodoItem(
                "依申请公开",
                f"待确认收到：{application.applicant_label}：{application.description[:30]}",
                application_url(application),
                note=note + "；确认收到之日起计算答复期限",
                badge="待确认收到",
            )
        )
    return items


def applications_todo(*, user, agency, today: dt.date):
    """Applications waiting for 确认收到, then open, running applications due within 5 working
    days, or overdue."""
    from gongkai.workbench.registry import TodoItem

    try:
        until = workdays().add(today, DUE_SOON_DAYS)
    except CalendarNotConfirmed:  # next year's calendar not confirmed: fall back to a week
        until = today + dt.timedelta(days=7)
    items = receipt_todos(user=user, agency=agency, today=today)
    calendars: dict[str, object] = {}
    for application in selectors.due_soon(user, agency=agency, today=today, until=until)[:LIMIT]:
        days_left = _calendar(calendars, application).count(today, application.due_on)
        items.append(
            TodoItem(
                "依申请公开",
                f"{application.applicant_label}：{application.description[:30]}",
                application_url(application),
                application.due_on,
                days_left,
                application.agency.name,
            )
        )
    return items


def corrections_todo(*, user, agency, today: dt.date) -> list:
    """Corrections the applicant sent online (Art. 30): staff record 收到补正 on the day they arrived."""
    from gongkai.workbench.registry import TodoItem

    return [
        TodoItem(
            "依申请公开",
            f"网上补正待登记：{submission.application.applicant_label}：{submission.application.description[:30]}",
            application_url(submission.application) + "#online-corrections",
            note=f"{submission.application.agency.name}，{submission.submitted_on.isoformat()} 网上提交补正材料",
            badge="待登记补正",
        )
        for submission in selectors.corrections_waiting(user, agency=agency)[:LIMIT]
    ]
