"""待办: proactive items not yet published, with the Art. 26 clock running."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.agencies import permissions
from gongkai.catalog import publication_rules
from gongkai.catalog.models import Item
from gongkai.catalog.vocabulary import Disclosure, ItemState
from gongkai.workdays.calendar import CalendarNotConfirmed

LIMIT = 50


def publication_todos(*, user, agency, today: dt.date):
    from gongkai.workbench.registry import TodoItem
    from gongkai.workdays.selectors import workdays

    if agency is None or not permissions.may(user, "edit", agency):
        return []
    pending = (
        Item.objects.filter(agency=agency, disclosure=Disclosure.PROACTIVE)
        .exclude(state=ItemState.PUBLISHED)
        .order_by("formed_on", "id")[:LIMIT]
    )
    todos = []
    calendar = workdays(agency.region)
    for item in pending:
        try:
            due_on = publication_rules.publication_due(item.formed_on, item.changed_on, calendar)
            days_left = calendar.count(today, due_on)
        except CalendarNotConfirmed:
            due_on = days_left = None
        todos.append(
            TodoItem(
                "主动公开",
                f"待发布：{item.title}",
                reverse("catalog_staff:detail", args=[item.pk]),
                due_on,
                days_left,
                f"当前状态：{item.get_state_display()}",
                today=today,
            )
        )
    return todos
