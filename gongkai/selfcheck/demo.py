"""Demo of the self-check: a rectification task opened from a failing indicator of the demo city,
and today's snapshot (the other loaders' records make the mix of passes, warnings and a veto)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.core.demo import DemoContext
from gongkai.core.system import SYSTEM

# Findings the demo opens rectification tasks for, where the other loaders' records produce them.
DEMO_TASKS = (
    "application_overdue",
    "interpretation_lag",
    "columns_stale",
    "messages_overdue",
    "columns_blank",
)


def load(context: DemoContext) -> None:
    from gongkai.agencies.models import Agency
    from gongkai.selfcheck import selectors, services, tasks
    from gongkai.selfcheck.models import RectificationTask
    from gongkai.selfcheck.vocabulary import Status

    today = timezone.localdate()
    agencies = list(Agency.objects.filter(active=True))
    if not agencies:
        return
    reports = selectors.evaluate_all(agencies, today)
    # Idempotent: tasks are opened on the first load only.
    opened = 3 if RectificationTask.objects.exists() else 0
    for agency in agencies:
        for finding in reports[agency.pk].findings:
            if finding.status != Status.FAIL or finding.code not in DEMO_TASKS or opened >= 3:
                continue
            if RectificationTask.objects.filter(agency=agency, indicator=finding.code).exists():
                continue
            services.open_task(
                actor=SYSTEM,
                agency=agency,
                indicator=finding.code,
                today=today,
                measures="逐条核查，补充发布并完善审核流程",
                responsible=agency.name,
                due_on=today + dt.timedelta(days=30),
            )
            opened += 1
    # The daily run (snapshots, closing rectified tasks, reminders) through the task backend: run at
    # once by `make run`'s immediate backend, handed to db_worker in production.
    tasks.daily_selfcheck.enqueue(today.isoformat())
    context.notes.append("自查评估：工作台“自查评估”“法定时限”菜单（整改任务已按未通过指标立项）")
