"""The acts of handling a message up to its answer, and the writer's rating (domain/interaction.md)."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies.models import Agency
from gongkai.audit.services import service
from gongkai.core.errors import InvalidInput
from gongkai.interaction import selectors
from gongkai.interaction.models import Message
from gongkai.interaction.services.common import PUBLIC, act, required, today_or_local
from gongkai.interaction.vocabulary import Kind, Rating, RejectReason
from gongkai.notifications.outbox import queue_mail


@service
def accept(message: Message, *, actor, on: dt.date, today=None) -> Message:
    """受理: the message is a matter for the agency and will be answered within its limit."""
    return act(message, "accept", "受理留言", actor=actor, on=on, today=today)


@service
def reject(message: Message, *, actor, on: dt.date, reason_code: str, note: str = "", today=None) -> Message:
    """不予受理 with a reason code: a reply that tells the writer why (and where to go, for a petition
    or an information request), stops the clock and is counted apart; never valid for the veto."""
    data = {"reason_code": reason_code, "note": (note or "").strip()}
    summary = f"不予受理：{RejectReason.label_of(reason_code)}"
    message = act(message, "reject", summary, actor=actor, on=on, today=today, data=data)
    _tell_writer(
        message,
        "您的留言未予受理",
        f"{RejectReason.label_of(reason_code)}。{data['note']}".strip("。 ") + "。",
    )
    return message


@service
def transfer(message: Message, *, actor, on: dt.date, to_agency: Agency, note: str, today=None) -> Message:
    """转办 to another agency of the deployment, with a note. The writer's clock does not restart:
    the receiving agency inherits the due date; later than add(received_on, 1) is flagged."""
    note = required(note, "note", "请填写转办说明")
    if to_agency is None or not to_agency.active:
        raise InvalidInput("invalid_agency", "请选择有效的转办机构", {"field": "to_agency"})
    data = {"from": message.agency.code, "to": to_agency.code, "note": note}
    summary = f"转办至{to_agency.name}"
    return act(
        message,
        "transfer",
        summary,
        actor=actor,
        on=on,
        today=today,
        data=data,
        changes={"agency": to_agency},
    )


@service
def extend(message: Message, *, actor, on: dt.date, days: int, reason: str, today=None) -> Message:
    """延期答复: once, at most 10 working days, decided on or before the due date, with a reason."""
    reason = required(reason, "reason", "请填写延期理由")
    data = {"days": int(days or 0), "reason": reason}
    return act(message, "extend", f"延期答复{days}个工作日", actor=actor, on=on, today=today, data=data)


@service
def reply(message: Message, *, actor, on: dt.date, text: str, today=None) -> Message:
    """答复: the reply text, by the agency handling the message, dated on or after receipt and not in
    the future; the writer is e-mailed when an address was given."""
    text = required(text, "text", "请填写答复内容")
    changes = {"reply_text": text, "reply_agency": message.agency}
    message = act(
        message, "reply", "答复留言", actor=actor, on=on, today=today, data={"text": text}, changes=changes
    )
    _tell_writer(message, "您的留言已答复", text)
    return message


@service
def reopen(message: Message, *, actor, on: dt.date, today=None) -> Message:
    """二次办理 after a dissatisfied rating, once: a new limit of add(rated_on, limit[kind])."""
    limit = selectors.limits_for(message.agency)[message.kind]
    return act(message, "reopen", "二次办理", actor=actor, on=on, today=today, data={"limit": limit})


@service
def rate(message: Message, *, rating: str, comment: str = "", today=None) -> Message:
    """The writer's rating of the reply, from the tracking page, within 30 days after it."""
    on = today_or_local(today)
    comment = (comment or "").strip()[:500]
    changes = {"rating_comment": comment}
    summary = f"留言人评价：{Rating.label_of(rating)}"
    return act(
        message, "rate", summary, actor=PUBLIC, on=on, today=on, data={"rating": rating}, changes=changes
    )


def _tell_writer(message: Message, subject: str, text: str) -> None:
    """E-mail the writer (when an address was given); delivery is a background task."""
    if not message.email:
        return
    body = (
        f"您好！\n\n您于 {message.received_on.isoformat()} 提交的{Kind.label_of(message.kind)}留言"
        f"《{message.title}》，{message.agency.name}已办理：\n\n{text}\n\n"
        f"可凭查询码 {message.tracking_code} 在“互动交流 — 留言查询”页面查看办理情况并评价。\n"
    )
    queue_mail(
        recipient=message.email,
        subject=f"{subject}（查询码 {message.tracking_code}）",
        body=body,
        related=message,
        agency=message.agency,
    )
