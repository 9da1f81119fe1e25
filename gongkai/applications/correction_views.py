"""Workbench: corrections sent online — record 收到补正 with one click, read the attached files."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.applications import selectors, services
from gongkai.applications.models import CorrectionSubmission
from gongkai.core import documents
from gongkai.core.errors import DomainError
from gongkai.workbench.context import staff_view


@require_POST
@staff_view
def receive(request, pk: int, submission_id: int):
    application = selectors.application_for(request.user, pk, action="edit")
    submission = get_object_or_404(CorrectionSubmission, pk=submission_id, application=application)
    try:
        services.receive_online_correction(submission, actor=request.user)
    except DomainError as error:
        messages.error(request, f"登记收到补正未成功：{error.message}")
    else:
        messages.success(
            request, f"已登记收到补正（{submission.submitted_on.isoformat()}），答复期限重新计算"
        )
    return redirect(reverse("applications_staff:detail", args=[application.pk]) + "#online-corrections")


@staff_view
def attachment(request, pk: int, attachment_id: int):
    found = selectors.correction_attachment_for(request.user, pk, attachment_id)
    response = FileResponse(found.file.open("rb"), content_type="application/octet-stream")
    response["Content-Disposition"] = documents.content_disposition(found.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
