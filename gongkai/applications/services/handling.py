"""The acts of handling an application up to its answer (Arts. 30–38 of the regulation)."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies import permissions
from gongkai.agencies.names import staff_name
from gongkai.applications import not_held as not_held_rules
from gongkai.applications.choices import REPLY_OUTCOMES, Outcome
from gongkai.applications.models import ExtensionApproval
from gongkai.applications.services.approvals import store_approval
from gongkai.applications.services.common import act, noted, required
from gongkai.applications.services.signoff import check_outcome, needs_reviewer, pending_of, policy_of
from gongkai.audit.services import service
from gongkai.core.errors import InvalidInput, RuleViolation


@service
def confirm_receipt(application, *, actor, on: dt.date, today=None):
    """Art. 31: an online, fax or ordinary-letter application is received on the day the agency
    confirms receipt with the applicant; the 20 working days run from that day."""
    return act(application, "confirm_receipt", "确认收到申请", actor=actor, on=on, today=today)


@service
def request_correction(
    application, *, actor, on: dt.date, items, respond_within_days: int | None = None, today=None
):
    """Art. 30: tell the applicant once, within 7 working days after receipt, what to correct and by
    when (default 15 working days); the clock stops until the correction arrives."""
    items = [items] if isinstance(items, str) else list(items or [])
    required([item for item in items if str(item).strip()], "items", "请列明需要补正的事项")
    data = {"items": items, "respond_within_days": respond_within_days or 15}
    return act(application, "request_correction", "告知补正", actor=actor, on=on, today=today, data=data)


@service
def receive_correction(application, *, actor, on: dt.date, note: str = "", today=None):
    """Art. 30: the corrected application arrived on ``on``; the limit restarts from that day."""
    return act(
        application, "receive_correction", "收到补正", actor=actor, on=on, today=today, data=noted(note)
    )


@service
def correction_lapsed(application, *, actor, on: dt.date, today=None):
    """Art. 30: no correction within the period → 视为放弃申请 (outcome other.correction_lapsed).

    A correction the applicant sent online and staff have not yet taken in is a correction made:
    it is taken in (``receive_online_correction``) before any lapse can be recorded."""
    permissions.require(actor, "edit", application.agency_id)
    waiting = list(
        application.online_corrections.filter(received_event__isnull=True)
        .order_by("submitted_on", "id")
        .values_list("submitted_on", flat=True)
    )
    if waiting:
        raise RuleViolation(
            "correction_waiting",
            f"申请人已于{waiting[0].isoformat()}通过网上提交补正材料，尚待登记收到；"
            "请先登记收到补正，不能视为放弃申请（条例第三十条）",
            {"submitted_on": [day.isoformat() for day in waiting]},
        )
    return act(application, "correction_lapsed", "逾期未补正，视为放弃", actor=actor, on=on, today=today)


@service
def start_consultation(application, *, actor, on: dt.date, third_party: str, today=None):
    """Arts. 32, 34: ask a third party (or the co-issuing agency); the time taken is not counted."""
    required((third_party or "").strip(), "third_party", "请填写征求意见的第三方或机关")
    data = {"third_party": third_party.strip()}
    return act(
        application, "start_consultation", "征求第三方意见", actor=actor, on=on, today=today, data=data
    )


@service
def end_consultation(application, *, actor, on: dt.date, note: str = "", today=None):
    """Art. 32: the third party answered (or its 15 working days passed); the clock runs again."""
    return act(
        application, "end_consultation", "征求意见结束", actor=actor, on=on, today=today, data=noted(note)
    )


@service
def extend(
    application,
    *,
    actor,
    on: dt.date,
    days: int,
    reason: str,
    approver: str = "",
    approval=None,
    approval_document: int | None = None,
    today=None,
):
    """Art. 33: extend the limit once, by at most 20 working days, with the approval of the head of
    the disclosure office, decided on or before the current due date.

    The approver is a person in the system or proved by a document: a reviewer-rank user (or a
    superuser) approves by recording it; a handler names the head *and* gives the signed approval
    (``approval``, an uploaded PDF or image, or ``approval_document``, the id of one uploaded
    before through the API). A name alone is refused."""
    required((reason or "").strip(), "reason", "请填写延长答复期限的理由")
    approver = (approver or "").strip()
    data = {"days": days, "reason": reason.strip()}
    document = None
    if approval_document is not None:
        document = ExtensionApproval.objects.filter(pk=approval_document, application=application).first()
        if document is None:
            raise InvalidInput(
                "validation_error", "找不到该申请的延期审批文件", {"field": "approval_document"}
            )
        approver = approver or document.approver
    elif approval is not None:
        permissions.require(actor, "edit", application.agency_id)
        document = store_approval(application, actor=actor, approver=approver, upload=approval)
    if document is not None:
        data.update(approver=approver, approval_document=document.pk, approval_file=document.name)
    elif permissions.may(actor, "review", application.agency_id):
        # The approver as people read it (the reviewer's name); the account stays for the record.
        data.update(approver=approver or staff_name(actor), approved_in_system_by=actor.get_username())
    else:
        raise InvalidInput(
            "approval_evidence_required",
            "延长答复期限须经政府信息公开工作机构负责人同意：由审核人在系统中批准，"
            "或填写负责人姓名并上传其签批的审批文件（PDF 或图片）",
            {"field": "approval"},
        )
    summary = f"延长答复期限{days}个工作日"
    return act(application, "extend", summary, actor=actor, on=on, today=today, data=data)


@service
def set_later_deadline(application, *, actor, on: dt.date, due_on: dt.date, reason: str, today=None):
    """Art. 35: for a reasonable but voluminous request, a later deadline told to the applicant."""
    required(due_on, "due_on", "请填写延后的答复期限")
    required((reason or "").strip(), "reason", "请填写确定延后答复期限的理由")
    data = {"due_on": due_on, "reason": reason.strip()}
    summary = f"确定答复期限为{due_on.isoformat()}"
    return act(application, "set_later_deadline", summary, actor=actor, on=on, today=today, data=data)


@service
def reply(
    application,
    *,
    actor,
    on: dt.date,
    outcome: str,
    reason: str = "",
    note: str = "",
    not_held: str = "",
    other_agency_name: str = "",
    other_agency_contact: str = "",
    today=None,
):
    """Arts. 36–38: the answer, with one outcome (a row of the annual report) and its reasons.
    For ``unable.not_held``, ``not_held`` says whether it is Art. 36(四) (not found, the default) or
    (五) (not this agency's to disclose; the agency responsible and its contact when known).

    Where the agency requires sign-off for the outcome, only a reviewer-rank user (or a superuser)
    replies directly (their reply is its own sign-off); a handler drafts (``draft_reply``)."""
    check_outcome(outcome)
    if outcome in REPLY_OUTCOMES and needs_reviewer(actor, application, outcome):
        raise RuleViolation(
            "signoff_required",
            "本机关规定该类答复须经审核人签发：请在“答复稿送审”中提交答复稿，由审核人签发后出具告知书",
            {"outcome": outcome, "signoff": policy_of(application.agency)},
        )
    data = {"outcome": outcome, "reason": reason or "", "note": note or ""}
    data.update(
        not_held_rules.reply_data(
            outcome,
            not_held=not_held,
            other_agency_name=other_agency_name,
            other_agency_contact=other_agency_contact,
        )
    )
    pending = pending_of(application)
    if pending is not None:
        data["draft"] = pending.id  # answered by a reviewer directly: the draft is settled with it
    summary = f"答复：{Outcome(outcome).label}"
    return act(application, "reply", summary, actor=actor, on=on, today=today, data=data)


@service
def withdraw(application, *, actor, on: dt.date, note: str = "", today=None):
    """The applicant withdraws: concluded as 其他处理-其他 (outcome other.other)."""
    return act(application, "withdraw", "申请人撤回申请", actor=actor, on=on, today=today, data=noted(note))
