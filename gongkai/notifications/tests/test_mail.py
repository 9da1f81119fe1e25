"""Outgoing mail: queued with the act, delivered after commit, failures visible and retried."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai.core.errors import RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.notifications import services
from gongkai.notifications.models import OutgoingMail
from gongkai.notifications.outbox import queue_mail
from gongkai.notifications.todos import failed_mail_todo

pytestmark = pytest.mark.django_db

REFUSING = "gongkai.notifications.tests.backends.RefusingBackend"


def queued(agency, django_capture_on_commit_callbacks, recipient="writer@example.org"):
    with django_capture_on_commit_callbacks(execute=True):
        return queue_mail(
            recipient=recipient, subject="您的留言已答复", body="答复内容", related="x:1", agency=agency
        )


def test_a_rolled_back_act_sends_nothing(tree, django_capture_on_commit_callbacks):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ZeroDivisionError),
        transaction.atomic(),
    ):
        queue_mail(recipient="a@example.org", subject="s", body="b", agency=tree["dept_a"])
        raise ZeroDivisionError
    assert mail.outbox == [] and not OutgoingMail.objects.exists()


def test_a_failed_delivery_is_shown_to_the_agencys_staff_and_can_be_retried(
    tree, staff, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    item = queued(tree["dept_a"], django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert (item.status, item.attempts) == ("failed", 1)
    day = dt.date(2026, 6, 15)
    todo = failed_mail_todo(user=staff["handler_a"], agency=tree["dept_a"], today=day)
    assert [entry.title for entry in todo] == ["发送失败：您的留言已答复"]
    assert failed_mail_todo(user=staff["handler_b"], agency=tree["dept_b"], today=day) == []
    client.force_login(staff["handler_a"])
    page = client.get("/workbench/mail/?status=failed").content.decode()
    assert "writer@example.org" in page and "SMTPRecipientsRefused" in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/workbench/mail/{item.pk}/retry/")
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.attempts, item.last_error) == ("sent", 2, "")
    assert len(mail.outbox) == 1
    with pytest.raises(RuleViolation) as refused:
        services.retry_mail(item, actor=SYSTEM)
    assert refused.value.code == "mail_already_sent"
    client.force_login(staff["handler_b"])
    assert client.post(f"/workbench/mail/{item.pk}/retry/").status_code == 404


def test_retry_mail_command_sends_what_failed(tree, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = REFUSING
    queued(tree["dept_a"], django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("retry_mail", stdout=out)
    assert "1 封" in out.getvalue()
    assert OutgoingMail.objects.get().status == "sent"
