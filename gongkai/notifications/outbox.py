"""Queueing mail: ``queue_mail(...)`` inside the caller's transaction, delivery after commit.

    queue_mail(recipient="a@example.org", subject="…", body="…", related=message, agency=agency)

The row is part of the caller's act (its audit event covers it); the delivery task is enqueued
only when the transaction commits, so a rolled-back act sends nothing.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.notifications.models import OutgoingMail


def related_key(obj) -> str:
    if obj is None:
        return ""
    if isinstance(obj, str):
        return obj
    return f"{obj._meta.label_lower}:{obj.pk}"


def queue_mail(*, recipient: str, subject: str, body: str, related=None, agency=None) -> OutgoingMail:
    """Record a mail to send and enqueue its delivery once the current transaction commits."""
    mail = OutgoingMail.objects.create(
        recipient=recipient, subject=subject[:200], body=body, related=related_key(related), agency=agency
    )
    transaction.on_commit(lambda: enqueue(mail.pk))
    return mail


def enqueue(mail_id: int) -> None:
    from gongkai.notifications.tasks import deliver

    deliver.enqueue(mail_id)
