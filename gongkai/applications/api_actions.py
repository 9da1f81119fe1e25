"""The acts of ``POST /applications/{id}/actions/{action}``: each action code to the one service it
calls, with the payload's optional fields checked and turned into that service's arguments."""

from gongkai.applications import services
from gongkai.applications.schemas import ApplicationActionIn
from gongkai.core.errors import InvalidInput

ACTIONS = {
    "confirm_receipt": lambda app, user, p: services.confirm_receipt(app, actor=user, on=p.date),
    "request_correction": lambda app, user, p: services.request_correction(
        app,
        actor=user,
        on=p.date,
        items=_correction_items(p.items),
        respond_within_days=p.respond_within_days,
    ),
    "receive_correction": lambda app, user, p: services.receive_correction(
        app, actor=user, on=p.date, note=p.note or ""
    ),
    "correction_lapsed": lambda app, user, p: services.correction_lapsed(app, actor=user, on=p.date),
    "start_consultation": lambda app, user, p: services.start_consultation(
        app, actor=user, on=p.date, third_party=p.third_party or ""
    ),
    "end_consultation": lambda app, user, p: services.end_consultation(
        app, actor=user, on=p.date, note=p.note or ""
    ),
    "extend": lambda app, user, p: services.extend(
        app,
        actor=user,
        on=p.date,
        days=_need(p.days, "days"),
        reason=p.reason or "",
        approver=p.approver or "",
        approval_document=p.approval_document,
    ),
    "fee_notice": lambda app, user, p: services.fee_notice(
        app,
        actor=user,
        on=p.date,
        method=_need(p.method, "method"),
        pages=p.pages,
        items=_split_items(p.items),
        delivered_on=p.delivered_on,
    ),
    "fee_paid": lambda app, user, p: services.fee_paid(app, actor=user, on=p.date),
    "fee_lapsed": lambda app, user, p: services.fee_lapsed(app, actor=user, on=p.date),
    "reply": lambda app, user, p: services.reply(app, actor=user, on=p.date, **_answer(p)),
    "draft_reply": lambda app, user, p: services.draft_reply(app, actor=user, on=p.date, **_answer(p)),
    "approve_reply": lambda app, user, p: services.approve_reply(app, actor=user, on=p.date),
    "return_reply": lambda app, user, p: services.return_reply(
        app, actor=user, on=p.date, comment=p.comment or ""
    ),
    "withdraw": lambda app, user, p: services.withdraw(app, actor=user, on=p.date, note=p.note or ""),
    "set_later_deadline": lambda app, user, p: services.set_later_deadline(
        app, actor=user, on=p.date, due_on=_need(p.due_on, "due_on"), reason=p.reason or ""
    ),
    "void": lambda app, user, p: services.void(app, actor=user, on=p.date, reason=p.reason or ""),
}


def _correction_items(items):
    """补正事项 are words: ``items`` as a number belongs to fee_notice."""
    if isinstance(items, int):
        raise InvalidInput("validation_error", "补正事项应为文字或文字列表", {"field": "items"})
    return items


def _split_items(items):
    """The items a fee notice splits the application into: a whole number (as text too), else
    refused in Chinese; the range and the method are the service's to check."""
    if isinstance(items, str) and items.strip().isdigit():
        return int(items)
    if items is not None and (isinstance(items, bool) or not isinstance(items, int)):
        raise InvalidInput("validation_error", "拆分件数应为整数", {"field": "items"})
    return items


def _answer(payload: ApplicationActionIn) -> dict:
    """What a reply and its draft both take: the outcome, its reasons, the 本机关不掌握 answer."""
    return {
        "outcome": _need(payload.outcome, "outcome"),
        "reason": payload.reason or "",
        "note": payload.note or "",
        "not_held": payload.not_held or "",
        "other_agency_name": payload.other_agency_name or "",
        "other_agency_contact": payload.other_agency_contact or "",
    }


def _need(value, field: str):
    if value is None:
        raise InvalidInput("validation_error", f"请求参数不正确：{field} 缺少必填字段", {"field": field})
    return value
