"""The delivery task (django-tasks): one attempt per run, retried later on failure.

With a backend that can defer work (the database backend in production), a failed attempt is
enqueued again after a growing delay, up to ``MAX_ATTEMPTS``; the immediate backend of tests and
``make run`` cannot defer, so a failure there stays ``failed`` for staff to retry (workbench 邮件通知,
or ``manage.py retry_mail``). Either way the row shows the attempts and the last error.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gongkai.notifications.models import MailStatus, OutgoingMail

logger = logging.getLogger("gongkai.notifications")

MAX_ATTEMPTS = 5
RETRY_DELAYS = (60, 300, 1800, 7200)  # seconds before attempts 2, 3, 4, 5


@task()
def deliver(mail_id: int) -> str:
    """Send one queued mail through Django's e-mail backend (console by default, SMTP by settings)."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status == MailStatus.SENT:
            return "skipped"
        mail.attempts += 1
        try:
            EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.recipient]).send()
        except Exception as error:  # SMTP and network errors of any kind: recorded, retried
            logger.warning("mail %s to %s failed: %s", mail.pk, mail.recipient, error)
            mail.status, mail.last_error = MailStatus.FAILED, f"{type(error).__name__}: {error}"[:2000]
            mail.save(update_fields=["attempts", "status", "last_error"])
            retry_later = mail.attempts < MAX_ATTEMPTS
        else:
            mail.status, mail.sent_at, mail.last_error = MailStatus.SENT, timezone.now(), ""
            mail.save(update_fields=["attempts", "status", "sent_at", "last_error"])
            return "sent"
    if retry_later and deliver.get_backend().supports_defer:
        delay = RETRY_DELAYS[min(mail.attempts, len(RETRY_DELAYS)) - 1]
        deliver.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(mail_id)
    return "failed"
