"""Staff acts on outgoing mail: retrying a delivery that failed."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.core.errors import RuleViolation
from gongkai.notifications.models import MailStatus, OutgoingMail
from gongkai.notifications.outbox import enqueue


@service
def retry_mail(mail: OutgoingMail, *, actor) -> OutgoingMail:
    """Send a failed (or stuck pending) mail again; the attempt runs after this act commits."""
    if mail.agency_id is None:
        permissions.require_superuser(actor)
    else:
        permissions.require(actor, "edit", mail.agency_id)
    if mail.status == MailStatus.SENT:
        raise RuleViolation("mail_already_sent", "该邮件已发送，无需重发")
    record(
        actor=actor,
        action="notifications.retry",
        obj=mail,
        agency=mail.agency,
        summary=f"重新发送邮件“{mail.subject}”",
        data={"attempts": mail.attempts, "last_error": mail.last_error},
    )
    transaction.on_commit(lambda: enqueue(mail.pk))
    return mail
