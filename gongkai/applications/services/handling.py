"""The acts of handling an application up to its answer (Arts. 30–38 of the regulation)."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies import permissions
from gongkai.applications.choices import Outcome
from gongkai.applications.services.common import act, noted, required
from gongkai.audit.services import service
from gongkai.core.errors import InvalidInput


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
    """Art. 30: no correction within the period → 视为放弃申请 (outcome other.correction_lapsed)."""
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
def extend(application, *, actor, on: dt.date, days: int, reason: str, approver: str = "", today=None):
    """Art. 33: extend the limit once, by at most 20 working days, with the approval of the head of
    the disclosure office, decided on or before the current due date."""
    required((reason or "").strip(), "reason", "请填写延长答复期限的理由")
    if not approver:
        if not permissions.may(actor, "review", application.agency_id):
            raise InvalidInput(
                "validation_error",
                "延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人",
                {"field": "approver"},
            )
        approver = actor.get_username()
    data = {"days": days, "reason": reason.strip(), "approver": approver}
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
def reply(application, *, actor, on: dt.date, outcome: str, reason: str = "", note: str = "", today=None):
    """Arts. 36–38: the answer, with one outcome (a row of the annual report) and its reasons."""
    if outcome not in Outcome.values:
        raise InvalidInput("validation_error", "处理结果不正确", {"field": "outcome"})
    data = {"outcome": outcome, "reason": reason or "", "note": note or ""}
    summary = f"答复：{Outcome(outcome).label}"
    return act(application, "reply", summary, actor=actor, on=on, today=today, data=data)


@service
def withdraw(application, *, actor, on: dt.date, note: str = "", today=None):
    """The applicant withdraws: concluded as 其他处理-其他 (outcome other.other)."""
    return act(application, "withdraw", "申请人撤回申请", actor=actor, on=on, today=today, data=noted(note))
