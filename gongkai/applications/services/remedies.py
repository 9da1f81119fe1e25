"""Administrative review and lawsuits about an application (Art. 51): filed, then decided once."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies import permissions
from gongkai.applications.choices import ReviewKind, ReviewResult
from gongkai.applications.models import Review
from gongkai.applications.services.common import today_or_local
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation


def _not_in_future(day: dt.date, today, field: str) -> None:
    if day > today_or_local(today):
        raise RuleViolation("date_in_future", "日期不能晚于今天", {"field": field})


@service
def file_review(application, *, actor, kind: str, filed_on: dt.date, note: str = "", today=None) -> Review:
    """Art. 51: record an administrative review or lawsuit about the application."""
    permissions.require(actor, "edit", application.agency_id)
    if kind not in ReviewKind.values:
        raise InvalidInput("validation_error", "类型不正确", {"field": "kind"})
    _not_in_future(filed_on, today, "filed_on")
    start = application.received_on or application.events.order_by("on").values_list("on", flat=True).first()
    if start is not None and filed_on < start:
        raise RuleViolation("date_before_previous_event", f"日期不能早于申请日期（{start.isoformat()}）")
    review = Review.objects.create(
        application=application,
        agency_id=application.agency_id,
        kind=kind,
        filed_on=filed_on,
        note=note or "",
    )
    record(
        actor=actor,
        action="application.review.file",
        obj=review,
        agency=application.agency,
        summary=f"{ReviewKind(kind).label}（{application.tracking_code}，{filed_on.isoformat()}）",
        data={"application": application.pk, "kind": kind, "filed_on": filed_on},
    )
    return review


@service
def decide_review(
    review: Review, *, actor, decided_on: dt.date, result: str, note: str = "", today=None
) -> Review:
    """Record the result of a review or lawsuit (maintained / corrected / other), once."""
    permissions.require(actor, "edit", review.agency_id)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if result not in ReviewResult.values:
        raise InvalidInput("validation_error", "结果不正确", {"field": "result"})
    if review.decided_on is not None:
        raise RuleViolation("review_already_decided", "该案件已记录审结结果")
    _not_in_future(decided_on, today, "decided_on")
    if decided_on < review.filed_on:
        raise RuleViolation(
            "date_before_previous_event", f"审结日期不能早于立案日期（{review.filed_on.isoformat()}）"
        )
    review.decided_on, review.result = decided_on, result
    if note:
        review.note = (review.note + "\n" + note).strip()
    review.save(update_fields=["decided_on", "result", "note"])
    record(
        actor=actor,
        action="application.review.decide",
        obj=review,
        agency=review.agency,
        summary=f"{review.get_kind_display()}审结：{ReviewResult(result).label}",
        data={"decided_on": decided_on, "result": result},
    )
    return review
