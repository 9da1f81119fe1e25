"""A correction (补正, Art. 30) sent online from the tracking page, and staff taking it in.

The applicant's submission changes no legal state: it is material waiting for staff. Staff record
``receive_correction`` dated the day it arrived with one click (``receive_online_correction``);
that act restarts the limit, exactly as for a correction handed in at the counter.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.applications.choices import State
from gongkai.applications.models import Application, CorrectionAttachment, CorrectionSubmission
from gongkai.applications.services.common import PUBLIC, today_or_local
from gongkai.applications.services.handling import receive_correction
from gongkai.audit.services import record, service
from gongkai.catalog import attachments
from gongkai.core.errors import InvalidInput, RuleViolation

MAX_FILES = 5
MAX_TEXT = 5000
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PENDING = 5  # online corrections waiting for staff, per application


def _check_files(files) -> list[tuple[object, str]]:
    if len(files) > MAX_FILES:
        raise InvalidInput("too_many_files", f"补正材料最多上传{MAX_FILES}个文件", {"field": "files"})
    checked = []
    for upload in files:
        if upload.size > MAX_FILE_BYTES:
            raise InvalidInput(
                "attachment_too_large",
                f"文件“{upload.name}”超过{MAX_FILE_BYTES // (1024 * 1024)}MB",
                {"field": "files"},
            )
        try:
            kind = attachments.check_upload(upload)
        except InvalidInput as error:
            raise InvalidInput(
                error.code, f"文件“{upload.name}”：{error.message}", {"field": "files"}
            ) from error
        checked.append((upload, kind))
    return checked


@service
def submit_correction(application: Application, *, text: str, files=(), today: dt.date | None = None):
    """The applicant sends the correction online while a 补正 is outstanding."""
    today = today_or_local(today)
    application = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
    if application.state != State.CORRECTION_REQUESTED:
        raise RuleViolation("no_correction_requested", "该申请当前无需补正")
    text = (text or "").strip()
    if not text:
        raise InvalidInput("validation_error", "请填写补正内容", {"field": "text"})
    if len(text) > MAX_TEXT:
        raise InvalidInput("validation_error", f"补正内容不能超过{MAX_TEXT}字", {"field": "text"})
    pending = application.online_corrections.filter(received_event__isnull=True)
    if pending.count() >= MAX_PENDING:
        raise RuleViolation("too_many_corrections", "已提交的补正材料尚待受理机关处理，请勿重复提交")
    checked = _check_files(list(files))
    submission = CorrectionSubmission.objects.create(application=application, text=text, submitted_on=today)
    for upload, kind in checked:
        CorrectionAttachment.objects.create(
            submission=submission,
            file=upload,
            name=(upload.name or "file")[-200:],
            kind=kind,
            size=upload.size,
        )
    record(
        actor=PUBLIC,
        action="application.correction_submitted",
        obj=application,
        agency=application.agency,
        summary=f"申请人网上提交补正材料（{application.tracking_code}，{len(checked)}个文件）",
        data={"submission": submission.pk, "on": today, "files": [upload.name for upload, _ in checked]},
    )
    return submission


@service
def receive_online_correction(submission: CorrectionSubmission, *, actor, today: dt.date | None = None):
    """Record ``receive_correction`` on the day the online correction arrived, and link it."""
    submission = CorrectionSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.received_event_id is not None:
        raise RuleViolation("correction_already_received", "该补正材料已登记收到")
    application = receive_correction(
        submission.application,
        actor=actor,
        on=submission.submitted_on,
        note=f"网上提交的补正材料（{timezone.localtime(submission.submitted_at):%Y-%m-%d %H:%M}）",
        today=today,
    )
    submission.received_event = application.events.filter(action="receive_correction").latest("id")
    submission.save(update_fields=["received_event"])
    record(
        actor=actor,
        action="application.online_correction.received",
        obj=application,
        agency=application.agency,
        summary=f"登记收到网上补正材料（{application.tracking_code}，{submission.submitted_on.isoformat()}）",
        data={"submission": submission.pk, "event": submission.received_event_id},
    )
    return submission
