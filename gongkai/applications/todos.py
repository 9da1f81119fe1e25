"""Open applications as 待办 of the workbench dashboard: overdue and due-soon first (Art. 33)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.applications import selectors
from gongkai.applications.choices import OPEN_STATES, State
from gongkai.applications.presenters import list_row
from gongkai.workbench.registry import TodoItem

LIMIT = 50
NOTES = {
    State.SUBMITTED: "待确认收到（条例第三十一条）",
    State.CORRECTION_REQUESTED: "等待申请人补正，计时暂停",
    State.IN_CONSULTATION: "征求意见中，计时暂停",
    State.AWAITING_FEE: "等待缴费，计时暂停",
}


def application_todos(*, user, agency, today: dt.date) -> list[TodoItem]:
    if agency is None:
        return []
    queryset = (
        selectors.visible(user)
        .filter(agency=agency, state__in=OPEN_STATES)
        .order_by("due_on", "created_at", "id")[:LIMIT]
    )
    calendars: dict = {}
    items = []
    for application in queryset:
        row = list_row(application, today, calendars)
        items.append(
            TodoItem(
                kind="依申请公开",
                title=f"{application.tracking_code} {application.description[:30]}",
                url=reverse("applications_staff:detail", args=[application.pk]),
                due_on=row["due_on"],
                days_left=row["days_left"],
                note=NOTES.get(application.state, "答复期限（条例第三十三条）"),
            )
        )
    return items
