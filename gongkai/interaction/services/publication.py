"""Publishing answers on the portal, the FAQ, and the agencies' reply limits."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.interaction import deadlines, search_index
from gongkai.interaction.models import Faq, Message, ReplyLimits
from gongkai.interaction.services.common import act, append_event, check_act, required, today_or_local
from gongkai.interaction.vocabulary import Kind
from gongkai.screening.detectors import scan
from gongkai.screening.screen import apply_masks, phone_numbers

HELPERS = ("screen", "masked", "stored_reply")
BLOCK = "block"


def screen(texts: dict[str, str], *, today: dt.date) -> list[dict]:
    """Findings of the screening (domain/screening.md) in each text, without the matched text."""
    return [
        {
            "kind": finding.kind,
            "start": finding.start,
            "end": finding.end,
            "masked": finding.masked,
            "severity": finding.severity,
            "field": field,
        }
        for field, text in texts.items()
        for finding in scan(text or "", today=today)
    ]


def masked(text: str, *, today: dt.date, name: str = "") -> str:
    """``text`` with every blocking finding replaced by its mask: the suggested published wording.
    With the writer's ``name``, that too is masked (surname kept), as publication refuses it."""
    text = apply_masks(text, [finding for finding in scan(text or "", today=today) if finding.severity == BLOCK])
    name = name.strip()
    if len(name) >= 2:
        text = text.replace(name, name[0] + "*" * (len(name) - 1))
    return text


def _refuse_findings(texts: dict[str, str], today: dt.date) -> None:
    blocking = [finding for finding in screen(texts, today=today) if finding["severity"] == BLOCK]
    if blocking:
        raise RuleViolation(
            "screening_findings",
            "公开文本中含有个人信息或涉密标识，须遮蔽或删除后才能公开",
            {"findings": blocking},
        )


def _digits(text: str) -> str:
    """ASCII digits of ``text``; full-width ones (as Chinese input methods type them) count."""
    return re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", text or ""))


def _refuse_writer_particulars(message: Message, texts: dict[str, str]) -> None:
    """The writer's name, phone and e-mail are never published, whatever screening finds."""
    fields = []
    numbers = phone_numbers(message.phone)
    for field, text in texts.items():
        if (
            (len(message.name) >= 2 and message.name in text)
            or (message.email and message.email.lower() in text.lower())
            or any(number in _digits(text) for number in numbers)
        ):
            fields.append(field)
    if fields:
        raise RuleViolation(
            "personal_data_in_wording",
            "公开文本中含有留言人的姓名、电话或电子邮箱，请删除后再公开",
            {"fields": fields},
        )


def stored_reply(message: Message, status: deadlines.Status) -> str:
    """The published reply wording, unless the message was replied again since it was made (after
    reopening): then the default wording is the new reply, not the earlier one."""
    return "" if status.wording_outdated else message.published_reply


@service
def publish(
    message: Message,
    *,
    actor,
    on: dt.date,
    title: str | None = None,
    body: str | None = None,
    reply: str | None = None,
    today=None,
) -> Message:
    """Publish a replied message on the portal: only with the writer's consent, in a wording staff
    may edit (the original stays internal); screening runs on it and a blocking finding, or the
    writer's own particulars, must be removed first. Kind, title, text, reply, dates and the
    replying agency are shown — never the writer's name, phone, e-mail or ID."""
    permissions.require(actor, "review", message.agency_id)
    today = today_or_local(today)
    message, status = check_act(message, "publish", on, {}, today)  # the state first: nothing to publish yet
    if not message.publish_consent:
        raise RuleViolation("no_publish_consent", "留言人未同意公开，不能公开该留言")
    wording = {
        "title": (title if title is not None else message.published_title or message.title).strip(),
        "body": (body if body is not None else message.published_body or message.body).strip(),
        "reply": (
            reply if reply is not None else stored_reply(message, status) or message.reply_text
        ).strip(),
    }
    for field, label in (("title", "公开标题"), ("body", "公开留言内容"), ("reply", "公开答复内容")):
        required(wording[field], field, f"请填写{label}")
    if len(wording["title"]) > 100:
        raise InvalidInput("validation_error", "公开标题不能超过100字", {"field": "title"})
    _refuse_findings(wording, today)
    _refuse_writer_particulars(message, wording)
    changes = {
        "published_title": wording["title"],
        "published_body": wording["body"],
        "published_reply": wording["reply"],
    }
    edited = [
        field
        for field, original in (("title", message.title), ("body", message.body))
        if wording[field] != original
    ]
    message = act(
        message,
        "publish",
        "公开留言及答复",
        actor=actor,
        on=on,
        today=today,
        rank="review",
        data={"edited": edited},
        changes=changes,
    )
    search_index.reindex_message(message)
    return message


@service
def unpublish(message: Message, *, actor, on: dt.date, reason: str = "", today=None) -> Message:
    """Take a published message off the portal (the record and its wording stay)."""
    data = {"reason": (reason or "").strip()}
    message = act(
        message, "unpublish", "撤销公开留言", actor=actor, on=on, today=today, rank="review", data=data
    )
    search_index.reindex_message(message)
    return message


def _faq_fields(topic: str, question: str, answer: str, today: dt.date) -> dict:
    question = required(question, "question", "请填写问题")
    answer = required(answer, "answer", "请填写解答")
    if len(question) > 200:
        raise InvalidInput("validation_error", "问题不能超过200字", {"field": "question"})
    topic = (topic or "").strip()[:40]
    _refuse_findings({"question": question, "answer": answer}, today)
    return {"topic": topic, "question": question, "answer": answer}


@service
def to_faq(
    message: Message, *, actor, on: dt.date, question: str = "", answer: str = "", topic: str = "", today=None
) -> Faq:
    """Turn a reply into a question/answer pair of the agency's 常见问题 (published wording first)."""
    permissions.require(actor, "review", message.agency_id)
    today = today_or_local(today)
    message, status = check_act(message, "to_faq", on, {}, today)
    made = message.faqs.order_by("pk").first()
    if made is not None:
        raise RuleViolation(
            "faq_exists",
            f"该留言已转为常见问题“{made.question[:40]}”，不能重复转换；如需修改，请编辑该常见问题",
            {"faq": made.pk},
        )
    fields = _faq_fields(
        topic or Kind.label_of(message.kind),
        question or message.published_title or message.title,
        answer or stored_reply(message, status) or message.reply_text,
        today,
    )
    _refuse_writer_particulars(message, {"question": fields["question"], "answer": fields["answer"]})
    faq = Faq.objects.create(agency=message.agency, source=message, created_on=on, **fields)
    append_event(message, actor=actor, action="to_faq", on=on, data={"faq": faq.pk})
    record(
        actor=actor,
        action="message.to_faq",
        obj=faq,
        agency=message.agency,
        summary=f"由留言 {message.tracking_code} 生成常见问题“{fields['question'][:40]}”",
        data={"message": message.pk, "on": on},
    )
    search_index.reindex_faq(faq)
    return faq


@service
def save_faq(
    faq: Faq | None,
    *,
    actor,
    agency: Agency | None = None,
    topic: str = "",
    question: str,
    answer: str,
    public: bool = True,
    sort_order: int = 0,
    today=None,
) -> Faq:
    """Write or edit a 常见问题 entry (screened like a published answer); ``faq=None`` creates one."""
    agency = faq.agency if faq is not None else agency
    if agency is None:
        raise InvalidInput("validation_error", "请选择机构", {"field": "agency"})
    permissions.require(actor, "review", agency)
    today = today_or_local(today)
    fields = {**_faq_fields(topic, question, answer, today), "public": bool(public), "sort_order": sort_order}
    created = faq is None
    if created:
        faq = Faq.objects.create(agency=agency, created_on=today, **fields)
    else:
        for key, value in fields.items():
            setattr(faq, key, value)
        faq.save()
    record(
        actor=actor,
        action="faq.create" if created else "faq.update",
        obj=faq,
        agency=agency,
        summary=f"{'新增' if created else '修改'}常见问题“{faq.question[:40]}”",
        data={"topic": faq.topic, "public": faq.public},
    )
    search_index.reindex_faq(faq)
    return faq


@service
def set_limits(agency: Agency, *, actor, limits: dict[str, int]) -> ReplyLimits:
    """An agency's reply limits per kind (working days, 1–60); kinds not given keep their value.
    Messages already received keep the limit they were received with."""
    permissions.require(actor, "manage", agency)
    unknown = sorted(set(limits) - {kind.value for kind in Kind})
    if unknown:
        raise InvalidInput("validation_error", f"未知的留言类型：{'、'.join(unknown)}", {"fields": unknown})
    for kind, days in limits.items():
        if not isinstance(days, int) or not 1 <= days <= deadlines.MAX_LIMIT:
            raise InvalidInput(
                "invalid_limit", f"答复时限应为1至{deadlines.MAX_LIMIT}个工作日", {"field": kind}
            )
    from gongkai.interaction.selectors import limits_for

    row = ReplyLimits.objects.filter(agency=agency).first() or ReplyLimits(
        agency=agency, **limits_for(agency)
    )
    before = {kind.value: getattr(row, kind.value) for kind in Kind}
    for kind, days in limits.items():
        setattr(row, kind, days)
    row.save()
    record(
        actor=actor,
        action="message.limits",
        obj=row,
        agency=agency,
        summary="设置留言答复时限",
        data={"before": before, "after": {kind.value: getattr(row, kind.value) for kind in Kind}},
    )
    return row
