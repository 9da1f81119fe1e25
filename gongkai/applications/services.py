"""One function per legal act on an application (Arts. 27–45, 51 of the regulation).

Each act: permission check (``agencies.permissions``), the rules of ``lifecycle`` against the
clock replayed from the recorded events, one appended ``ApplicationEvent`` dated with the act's
legal date ``on``, the cache columns recomputed, and one audit event — in one transaction. A
refused act changes nothing. ``today`` defaults to the local date (Asia/Shanghai) and is a
parameter only so that tests and imports can fix it.

Callers (API, workbench pages, letters) pass model instances and plain values:

    register(actor=user, agency=agency, channel="in_person", applicant=Applicant(...),
             description="…", received_on=date(2026, 2, 10))
    request_correction(application, actor=user, on=date(2026, 2, 12), items=["请写明文号"])
    reply(application, actor=user, on=date(2026, 3, 10), outcome="disclosed", reason="…")
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.applications import clocks, fees, lifecycle, selectors
from gongkai.applications.choices import (
    IMMEDIATE_CHANNELS,
    Action,
    Channel,
    Delivery,
    FeeMethod,
    Format,
    ReviewKind,
    ReviewResult,
)
from gongkai.applications.intake import Applicant, clean_applicant
from gongkai.applications.models import Application, ApplicationEvent, Review
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class PublicApplicant:
    """The actor of an online submission: a member of the public, not a user account."""

    pk = None
    is_authenticated = False

    def get_username(self) -> str:
        return "public"


PUBLIC = PublicApplicant()


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12))
        if not Application.objects.filter(tracking_code=code).exists():
            return code


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif not isinstance(value, str | int | float | bool | list | dict | type(None)):
            value = str(value)
        out[key] = value
    return out


def _append(application: Application, *, actor, action: str, on: dt.date, data: dict) -> ApplicationEvent:
    user = actor if getattr(actor, "pk", None) is not None else None
    label = actor.get_username() if hasattr(actor, "get_username") else "system"
    return ApplicationEvent.objects.create(
        application=application, action=action, on=on, actor=user, actor_label=label, data=_jsonable(data)
    )


def _create(*, actor, agency: Agency, channel: str, applicant: Applicant, fields: dict, action, on, data):
    if not agency.active:
        agency = agency.successor()
    application = Application.objects.create(
        agency=agency, tracking_code=_tracking_code(), channel=channel, **applicant.model_fields(), **fields
    )
    _append(application, actor=actor, action=action, on=on, data=data)
    clocks.refresh(application)
    return application


def _content(description: str, purpose: str, format: str, delivery: str) -> dict:
    description = (description or "").strip()
    if not description:
        raise InvalidInput("validation_error", "请描述所需政府信息", {"field": "description"})
    if format and format not in Format.values:
        raise InvalidInput("validation_error", "获取信息方式应为 paper 或 electronic", {"field": "format"})
    if delivery and delivery not in Delivery.values:
        raise InvalidInput("validation_error", "获取途径不正确", {"field": "delivery"})
    return {
        "description": description,
        "purpose": purpose or "",
        "format": format or "",
        "delivery": delivery or "",
    }


@service
def submit_online(
    *,
    agency: Agency,
    applicant: Applicant,
    description: str,
    purpose: str = "",
    format: str = "",
    delivery: str = "",
    today: dt.date | None = None,
    identity_required: bool = True,
) -> Application:
    """网上申请 (Art. 29): recorded as submitted; the clock starts only at ``confirm_receipt`` (Art. 31)."""
    today = _today(today)
    applicant = clean_applicant(applicant, today=today, identity_required=identity_required)
    fields = _content(description, purpose, format, delivery)
    application = _create(
        actor=PUBLIC,
        agency=agency,
        channel=Channel.ONLINE,
        applicant=applicant,
        fields=fields,
        action=Action.SUBMIT,
        on=today,
        data={"channel": Channel.ONLINE},
    )
    record(
        actor=PUBLIC,
        action="application.submit",
        obj=application,
        agency=application.agency,
        summary=f"网上提交政府信息公开申请（{application.tracking_code}）",
        data={"channel": Channel.ONLINE},
    )
    return application


@service
def register(
    *,
    actor,
    agency: Agency,
    channel: str,
    applicant: Applicant,
    description: str,
    received_on: dt.date | None = None,
    purpose: str = "",
    format: str = "",
    delivery: str = "",
    today: dt.date | None = None,
    identity_required: bool = True,
) -> Application:
    """Staff register an application (Art. 31). In person and registered post are received on the
    day handed in / signed for (``received_on``, required); an ordinary letter, a fax or an online
    application is received when ``confirm_receipt`` records the date confirmed with the applicant
    — a ``received_on`` given for those is kept as the day it arrived."""
    permissions.require(actor, "edit", agency)
    today = _today(today)
    if channel not in Channel.values:
        raise InvalidInput("validation_error", "申请渠道不正确", {"field": "channel"})
    immediate = channel in IMMEDIATE_CHANNELS
    if immediate and received_on is None:
        raise InvalidInput(
            "validation_error", "当面提交或邮寄（需签收）的申请须填写收到日期", {"field": "received_on"}
        )
    on = received_on or today
    if on > today:
        raise RuleViolation("date_in_future", "收到日期不能晚于今天", {"field": "received_on"})
    applicant = clean_applicant(applicant, today=today, identity_required=identity_required)
    fields = _content(description, purpose, format, delivery)
    application = _create(
        actor=actor,
        agency=agency,
        channel=channel,
        applicant=applicant,
        fields=fields,
        action=Action.REGISTER,
        on=on,
        data={"channel": channel, "received": immediate},
    )
    record(
        actor=actor,
        action="application.register",
        obj=application,
        agency=application.agency,
        summary=f"登记政府信息公开申请（{application.tracking_code}，{Channel(channel).label}）",
        data={"channel": channel, "received_on": application.received_on},
    )
    return application


def _check(application: Application, action: str, on: dt.date, data: dict, today):
    """Lock the application and ask ``lifecycle`` whether the act may be recorded."""
    application = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
    calendar = clocks.calendar_for(application)
    clock = clocks.clock_for(application, calendar)
    try:
        lifecycle.check(clock, action, on, today=_today(today), calendar=calendar, data=data)
    except lifecycle.Invalid as error:
        raise InvalidInput(error.code, error.message, error.details) from error
    except lifecycle.Refused as error:
        raise RuleViolation(error.code, error.message, error.details) from error
    return application, calendar


def _act(application: Application, *, actor, action: str, on: dt.date, data: dict, summary: str, today):
    """The common course of an act on an existing application."""
    permissions.require(actor, "edit", application.agency_id)
    application, calendar = _check(application, action, on, data, today)
    _append(application, actor=actor, action=action, on=on, data=data)
    clocks.refresh(application, calendar)
    record(
        actor=actor,
        action=f"application.{action}",
        obj=application,
        agency=application.agency,
        summary=f"{summary}（{application.tracking_code}，{on.isoformat()}）",
        data={"on": on, **_jsonable(data)},
    )
    return application


def _required(value, field: str, message: str):
    if value in (None, "", []):
        raise InvalidInput("validation_error", message, {"field": field})
    return value


@service
def confirm_receipt(application, *, actor, on: dt.date, today=None) -> Application:
    """Art. 31: an online, fax or ordinary-letter application is received on the day the agency
    confirms receipt with the applicant; the 20 working days run from that day."""
    return _act(
        application,
        actor=actor,
        action="confirm_receipt",
        on=on,
        data={},
        summary="确认收到申请",
        today=today,
    )


@service
def request_correction(
    application, *, actor, on: dt.date, items, respond_within_days: int | None = None, today=None
):
    """Art. 30: tell the applicant once, within 7 working days after receipt, what to correct and by
    when (default 15 working days); the clock stops until the correction arrives."""
    items = [items] if isinstance(items, str) else list(items or [])
    _required([item for item in items if str(item).strip()], "items", "请列明需要补正的事项")
    data = {"items": items, "respond_within_days": respond_within_days or 15}
    return _act(
        application,
        actor=actor,
        action="request_correction",
        on=on,
        data=data,
        summary="告知补正",
        today=today,
    )


@service
def receive_correction(application, *, actor, on: dt.date, note: str = "", today=None):
    """Art. 30: the corrected application arrived on ``on``; the limit restarts from that day."""
    data = {"note": note} if note else {}
    return _act(
        application,
        actor=actor,
        action="receive_correction",
        on=on,
        data=data,
        summary="收到补正",
        today=today,
    )


@service
def correction_lapsed(application, *, actor, on: dt.date, today=None):
    """Art. 30: no correction within the period → 视为放弃申请 (outcome other.correction_lapsed)."""
    return _act(
        application,
        actor=actor,
        action="correction_lapsed",
        on=on,
        data={},
        summary="逾期未补正，视为放弃",
        today=today,
    )


@service
def start_consultation(application, *, actor, on: dt.date, third_party: str, today=None):
    """Arts. 32, 34: ask a third party (or the co-issuing agency); the time taken is not counted."""
    _required((third_party or "").strip(), "third_party", "请填写征求意见的第三方或机关")
    data = {"third_party": third_party.strip()}
    return _act(
        application,
        actor=actor,
        action="start_consultation",
        on=on,
        data=data,
        summary="征求第三方意见",
        today=today,
    )


@service
def end_consultation(application, *, actor, on: dt.date, note: str = "", today=None):
    """Art. 32: the third party answered (or its 15 working days passed); the clock runs again."""
    data = {"note": note} if note else {}
    return _act(
        application,
        actor=actor,
        action="end_consultation",
        on=on,
        data=data,
        summary="征求意见结束",
        today=today,
    )


@service
def extend(application, *, actor, on: dt.date, days: int, reason: str, approver: str = "", today=None):
    """Art. 33: extend the limit once, by at most 20 working days, with the approval of the head of
    the disclosure office, decided on or before the current due date."""
    _required((reason or "").strip(), "reason", "请填写延长答复期限的理由")
    if not approver:
        if not permissions.may(actor, "review", application.agency_id):
            raise InvalidInput(
                "validation_error",
                "延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人",
                {"field": "approver"},
            )
        approver = actor.get_username()
    data = {"days": days, "reason": reason.strip(), "approver": approver}
    return _act(
        application,
        actor=actor,
        action="extend",
        on=on,
        data=data,
        summary=f"延长答复期限{days}个工作日",
        today=today,
    )


@service
def fee_notice(
    application, *, actor, on: dt.date, method: str, pages: int | None = None, delivered_on=None, today=None
):
    """Art. 42 and 国办函〔2020〕109号: a fee notice within the answer limit, by one method; the wait
    for payment is not counted. ``delivered_on`` (default ``on``) starts the 20 days to pay."""
    if method not in FeeMethod.values:
        raise InvalidInput("validation_error", "收费方式应为 per_item 或 per_page", {"field": "method"})
    permissions.require(actor, "edit", application.agency_id)
    data: dict[str, Any] = {"method": method}
    application, _ = _check(application, "fee_notice", on, data, today)
    if method == FeeMethod.PER_PAGE:
        _required(pages, "pages", "按量计收须填写页数")
        if pages < 0:
            raise InvalidInput("validation_error", "页数不能为负数", {"field": "pages"})
        data["pages"] = pages
        amount = fees.per_page_fee(pages)
    else:
        data["nth"] = selectors.per_item_position(application)
        amount = fees.per_item_fee(data["nth"])
    if not amount:
        raise RuleViolation("fee_not_chargeable", "按该计收方式本申请不应收取信息处理费", _jsonable(data))
    data["amount"] = str(amount)
    if delivered_on is not None:
        data["delivered_on"] = delivered_on
    return _act(
        application,
        actor=actor,
        action="fee_notice",
        on=on,
        data=data,
        summary=f"发出收费通知（{amount}元）",
        today=today,
    )


@service
def fee_paid(application, *, actor, on: dt.date, today=None):
    """The fee was paid on ``on``: the clock runs again, the wait (notice, payment] not counted."""
    return _act(
        application, actor=actor, action="fee_paid", on=on, data={}, summary="申请人已缴费", today=today
    )


@service
def fee_lapsed(application, *, actor, on: dt.date, today=None):
    """Unpaid 20 working days after the notice → 视为放弃 (outcome other.fee_lapsed)."""
    return _act(
        application,
        actor=actor,
        action="fee_lapsed",
        on=on,
        data={},
        summary="逾期未缴费，视为放弃",
        today=today,
    )


@service
def reply(application, *, actor, on: dt.date, outcome: str, reason: str = "", note: str = "", today=None):
    """Arts. 36–38: the answer, with one outcome (a row of the annual report) and its reasons."""
    from gongkai.applications.choices import REPLY_OUTCOMES, Outcome

    if outcome not in Outcome.values:
        raise InvalidInput("validation_error", "处理结果不正确", {"field": "outcome"})
    if outcome not in REPLY_OUTCOMES:
        raise InvalidInput(
            "invalid_outcome", "逾期不补正、逾期未缴费由相应办理动作记录", {"field": "outcome"}
        )
    data = {"outcome": outcome, "reason": reason or "", "note": note or ""}
    return _act(
        application,
        actor=actor,
        action="reply",
        on=on,
        data=data,
        summary=f"答复：{Outcome(outcome).label}",
        today=today,
    )


@service
def withdraw(application, *, actor, on: dt.date, note: str = "", today=None):
    """The applicant withdraws: concluded as 其他处理-其他 (outcome other.other)."""
    data = {"note": note} if note else {}
    return _act(
        application, actor=actor, action="withdraw", on=on, data=data, summary="申请人撤回申请", today=today
    )


@service
def set_later_deadline(application, *, actor, on: dt.date, due_on: dt.date, reason: str, today=None):
    """Art. 35: for a reasonable but voluminous request, a later deadline told to the applicant."""
    _required(due_on, "due_on", "请填写延后的答复期限")
    _required((reason or "").strip(), "reason", "请填写确定延后答复期限的理由")
    data = {"due_on": due_on, "reason": reason.strip()}
    return _act(
        application,
        actor=actor,
        action="set_later_deadline",
        on=on,
        data=data,
        summary=f"确定答复期限为{due_on.isoformat()}",
        today=today,
    )


@service
def file_review(application, *, actor, kind: str, filed_on: dt.date, note: str = "", today=None) -> Review:
    """Art. 51: record an administrative review or lawsuit about the application."""
    permissions.require(actor, "edit", application.agency_id)
    if kind not in ReviewKind.values:
        raise InvalidInput("validation_error", "类型不正确", {"field": "kind"})
    if filed_on > _today(today):
        raise RuleViolation("date_in_future", "日期不能晚于今天", {"field": "filed_on"})
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
    if decided_on > _today(today):
        raise RuleViolation("date_in_future", "日期不能晚于今天", {"field": "decided_on"})
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
