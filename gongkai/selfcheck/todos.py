"""待办 of the self-check: open rectification tasks of the agency (and below), by their time limit."""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.urls import reverse
from django.utils.text import Truncator

from gongkai.agencies import permissions
from gongkai.selfcheck.models import RectificationTask
from gongkai.selfcheck.vocabulary import TaskStatus
from gongkai.workbench.registry import TodoItem

LIMIT = 20
TITLE_CHARS = 40  # of the problem, with the ellipsis


def rectification_todos(*, user, agency, today: dt.date) -> list[TodoItem]:
    if agency is None:
        return []
    tasks = permissions.scope_subtree(user, RectificationTask.objects.filter(status=TaskStatus.OPEN), agency)
    items = []
    # Dated tasks first, the soonest first; undated ones after them on every backend.
    for task in tasks.select_related("agency").order_by(F("due_on").asc(nulls_last=True), "id")[:LIMIT]:
        days_left = (task.due_on - today).days if task.due_on else None
        items.append(
            TodoItem(
                "自查整改",
                f"整改：{Truncator(task.problem).chars(TITLE_CHARS, truncate='…')}",
                reverse("selfcheck:task", args=[task.pk]),
                task.due_on,
                days_left,
                _owners(task),
                days_unit="自然日",
                today=today,
                full_title=f"整改：{task.problem}" if len(task.problem) > TITLE_CHARS else "",
            )
        )
    return items


def _owners(task: RectificationTask) -> str:
    """The agency, and the 责任单位 when it is another (a department of it, say)."""
    responsible = task.responsible.strip()
    if not responsible or responsible == task.agency.name:
        return task.agency.name
    return f"{task.agency.name}，责任单位：{responsible}"
