"""待办 of opinion solicitation: comments to decide, and feedback owed after the close."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.agencies import permissions
from gongkai.solicitation import selectors
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays


def feedback_todos(*, user, agency, today: dt.date):
    from gongkai.workbench.registry import TodoItem

    if agency is None or not permissions.may(user, "edit", agency):
        return []
    calendar = workdays(agency.region).calendar
    todos = []
    for solicitation in selectors.awaiting_feedback([agency.pk], today)[:50]:
        due_on = selectors.feedback_due_on(solicitation)
        try:
            days_left = calendar.count(today, due_on) if due_on else None
        except CalendarNotConfirmed:
            days_left = None
        undecided = solicitation.comments.filter(decision="").count()
        todos.append(
            TodoItem(
                "意见征集",
                f"待公布采纳情况：{solicitation.title}",
                reverse("solicitation_staff:detail", args=[solicitation.pk]),
                due_on,
                days_left,
                f"尚有{undecided}条意见未处理" if undecided else "意见已全部处理，可公布采纳情况",
                today=today,
            )
        )
    return todos
