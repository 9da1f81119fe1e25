"""The self-check's background work (django-tasks, run by the database worker in production):
the daily run takes every agency's snapshot, closes rectified tasks and sends the reminders."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from gongkai.core.system import SYSTEM


def daily(today: dt.date) -> dict:
    from gongkai.selfcheck import services

    return {
        "snapshots": services.take_snapshots(actor=SYSTEM, today=today),
        "closed": services.close_rectified(actor=SYSTEM, today=today),
        "reminders": services.send_reminders(actor=SYSTEM, today=today),
    }


@task()
def daily_selfcheck(date: str | None = None) -> dict:
    """Snapshot, close rectified tasks and remind, for ``date`` (ISO) or today."""
    return daily(dt.date.fromisoformat(date) if date else timezone.localdate())
