"""The workbench 待办 of messages: open messages due within 5 working days, or overdue."""

from __future__ import annotations

import datetime as dt

from gongkai.interaction import selectors
from gongkai.interaction.vocabulary import Kind
from gongkai.workbench.registry import DUE_SOON_DAYS
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays

LIMIT = 50


def messages_todo(*, user, agency, today: dt.date):
    from django.urls import reverse

    from gongkai.workbench.registry import TodoItem

    try:
        until = workdays().add(today, DUE_SOON_DAYS)
    except CalendarNotConfirmed:  # next year's calendar not confirmed: fall back to a week
        until = today + dt.timedelta(days=7)
    items = []
    calendars: dict[str, object] = {}
    for message in selectors.due_soon(user, agency=agency, until=until)[:LIMIT]:
        region = message.agency.region
        calendar = calendars.get(region) or calendars.setdefault(region, workdays(region))
        days_left = calendar.count(today, message.due_on)
        items.append(
            TodoItem(
                "互动交流",
                f"{Kind.label_of(message.kind)}：{message.title[:30]}",
                reverse("interaction_staff:detail", args=[message.pk]),
                message.due_on,
                days_left,
                message.agency.name,  # the days left are shown beside the due date
                today=today,
            )
        )
    return items
