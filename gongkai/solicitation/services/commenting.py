"""Comments from the public and the drafting office's decisions on them (domain/solicitation.md)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.catalog import attachments as attachment_checks
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.solicitation import decisions, periods
from gongkai.solicitation.models import COMMENT_MAX_CHARS, Comment, CommentGroup, Solicitation
from gongkai.solicitation.selectors import MAX_ID
from gongkai.solicitation.services.common import PUBLIC, local_today, locked, require_on
from gongkai.solicitation.vocabulary import CHANNEL_LABELS, DECISION_LABELS, Channel, chinese_date

COMMENT_FILE_KINDS = ("pdf", "docx", "png", "jpg")
COMMENT_FILE_MAX_BYTES = 10 * 1024 * 1024
COMMENT_FILE_TYPES_MESSAGE = "附件只能是 PDF、DOCX、PNG 或 JPG 文件（按文件内容判断）"


def _check_text(text: str, name: str, contact: str) -> tuple[str, str, str]:
    text, name, contact = (text or "").strip(), (name or "").strip(), (contact or "").strip()
    if not text:
        raise InvalidInput("validation_error", "请填写意见内容", {"field": "text"})
    if len(text) > COMMENT_MAX_CHARS:
        raise InvalidInput(
            "validation_error",
            f"意见内容不能超过{COMMENT_MAX_CHARS}字",
            {"field": "text", "max": COMMENT_MAX_CHARS},
        )
    if len(name) > 100:
        raise InvalidInput("validation_error", "姓名或单位不能超过100字", {"field": "name"})
    if len(contact) > 200:
        raise InvalidInput("validation_error", "联系方式不能超过200字", {"field": "contact"})
    return text, name, contact


def _check_file(upload) -> str:
    if upload.size > COMMENT_FILE_MAX_BYTES:
        raise InvalidInput(
            "attachment_too_large",
            f"附件大小超过限制（最大{COMMENT_FILE_MAX_BYTES // (1024 * 1024)}MB）",
            {"size": upload.size, "max_bytes": COMMENT_FILE_MAX_BYTES},
        )
    try:
        kind = attachment_checks.check_upload(upload)
    except InvalidInput as error:
        if error.code != "attachment_type_not_allowed":
            raise
        kind = None  # the catalogue's message lists XLS/XLSX, which comments do not accept
    if kind not in COMMENT_FILE_KINDS:
        raise InvalidInput("attachment_type_not_allowed", COMMENT_FILE_TYPES_MESSAGE)
    return kind


def require_open(solicitation: Solicitation, on: dt.date) -> None:
    """Comments are accepted only from the opening day through the whole of the last day."""
    if not solicitation.is_published or not periods.accepts_comments(
        solicitation.opens_on, solicitation.closes_on, on
    ):
        if solicitation.is_published and on < solicitation.opens_on:
            message = f"征求意见将于{chinese_date(solicitation.opens_on)}开始，届时欢迎提出意见"
        elif solicitation.is_published:
            message = f"征求意见已于{chinese_date(solicitation.closes_on)}截止，不再接收意见"
        else:
            message = "该意见征集尚未发布，不能提交意见"
        raise RuleViolation(
            "solicitation_not_open",
            message,
            {"opens_on": solicitation.opens_on.isoformat(), "closes_on": solicitation.closes_on.isoformat()},
        )


HELPERS = ("require_open",)


@service
def submit_comment(
    solicitation: Solicitation, *, text: str, name: str = "", contact: str = "", upload=None, at=None
) -> Comment:
    """A comment from the public, received at ``at`` (now by default); the day is the deployment's."""
    at = at or timezone.now()
    received_on = timezone.localtime(at).date()
    solicitation = locked(solicitation)
    require_open(solicitation, received_on)
    text, name, contact = _check_text(text, name, contact)
    kind = _check_file(upload) if upload is not None else None
    last = Comment.objects.filter(solicitation=solicitation).aggregate(last=Max("number"))["last"] or 0
    comment = Comment(
        solicitation=solicitation,
        number=last + 1,
        text=text,
        name=name,
        contact=contact,
        received_at=at,
        received_on=received_on,
    )
    if kind:
        comment.attachment_name = (upload.name or f"附件.{kind}").strip()[:200]
        comment.attachment_type = attachment_checks.TYPES[kind]
        comment.attachment.save(f"comment.{kind}", upload, save=False)
    comment.save()
    record(
        actor=PUBLIC,
        action="solicitation.comment",
        obj=comment,
        agency=solicitation.agency,
        summary=f"收到对“{solicitation.title}”的第{comment.number}条意见",
        data={"solicitation": solicitation.pk, "number": comment.number, "attachment": bool(kind)},
    )
    return comment


@service
def register_comment(
    solicitation: Solicitation,
    *,
    actor,
    text: str,
    channel: str,
    received_on: dt.date,
    name: str = "",
    contact: str = "",
) -> Comment:
    """A comment that reached the drafting office by e-mail, letter or otherwise, entered by staff so
    that it is decided and counted in the report like those sent through the portal. The day it was
    received must fall within the period (the notice offered these ways for that period)."""
    permissions.require(actor, "edit", solicitation.agency_id)
    solicitation = locked(solicitation)
    _require_not_reported(solicitation)
    if channel not in {code.value for code in Channel} or channel == Channel.ONLINE:
        labels = "、".join(label for code, label in CHANNEL_LABELS.items() if code != Channel.ONLINE)
        raise InvalidInput("invalid_channel", f"收到方式只能是：{labels}", {"channel": channel})
    require_on(received_on, local_today())
    require_open(solicitation, received_on)
    text, name, contact = _check_text(text, name, contact)
    last = Comment.objects.filter(solicitation=solicitation).aggregate(last=Max("number"))["last"] or 0
    comment = Comment.objects.create(
        solicitation=solicitation,
        number=last + 1,
        text=text,
        name=name,
        contact=contact,
        channel=channel,
        received_at=timezone.make_aware(dt.datetime.combine(received_on, dt.time())),
        received_on=received_on,
    )
    record(
        actor=actor,
        action="solicitation.register_comment",
        obj=comment,
        agency=solicitation.agency,
        summary=f"登记“{solicitation.title}”的第{comment.number}条意见（{CHANNEL_LABELS[Channel(channel)]}）",
        data={
            "solicitation": solicitation.pk,
            "number": comment.number,
            "channel": channel,
            "received_on": received_on,
        },
    )
    return comment


def _decide(comments: list[Comment], *, actor, decision: str, reason: str, on: dt.date) -> tuple[str, str]:
    decision = decisions.parse_decision(decision)
    reason = decisions.require_reason(decision, reason)
    for comment in comments:
        comment.decision, comment.reason, comment.decided_on = decision.value, reason, on
        comment.decided_by = actor if getattr(actor, "pk", None) else None
        comment.save(update_fields=["decision", "reason", "decided_on", "decided_by"])
    return decision.value, reason


def _require_not_reported(solicitation: Solicitation) -> None:
    if hasattr(solicitation, "feedback"):
        raise RuleViolation("feedback_published", "采纳情况已公布，不能再修改意见的处理决定")


@service
def decide_comment(
    comment: Comment, *, actor, decision: str, reason: str = "", on: dt.date | None = None
) -> Comment:
    """采纳 / 部分采纳 / 未采纳 / 不属于征求意见范围, with the reason 37号文 asks for the middle two.

    The spec's "after closing, each comment gets …" is read as when decisions are owed, not a ban:
    a comment may be decided as it arrives while the period runs (the feedback report alone waits
    for the close and for every decision), and decisions freeze once the report is out.
    """
    permissions.require(actor, "edit", comment.solicitation.agency_id)
    solicitation = locked(comment.solicitation)
    _require_not_reported(solicitation)
    decision, reason = _decide(
        [comment], actor=actor, decision=decision, reason=reason, on=on or local_today()
    )
    record(
        actor=actor,
        action="solicitation.decide",
        obj=comment,
        agency=solicitation.agency,
        summary=f"“{solicitation.title}”第{comment.number}条意见：{DECISION_LABELS[decision]}",
        data={"decision": decision, "reason": reason},
    )
    return comment


@service
def group_comments(
    solicitation: Solicitation, *, actor, comment_ids: list[int], summary: str
) -> CommentGroup:
    """Put similar comments together under the agency's own summary, to decide them at once."""
    permissions.require(actor, "edit", solicitation.agency_id)
    solicitation = locked(solicitation)
    _require_not_reported(solicitation)
    summary = (summary or "").strip()
    if not summary:
        raise InvalidInput("summary_required", "请填写这组意见的摘要", {"field": "summary"})
    known = [pk for pk in comment_ids if 0 < pk <= MAX_ID]  # larger ids cannot exist (nor be queried)
    comments = list(Comment.objects.filter(solicitation=solicitation, pk__in=known))
    if len(comments) != len(set(comment_ids)) or not comments:
        raise InvalidInput("unknown_comment", "所选意见不属于本次征集", {"comments": comment_ids})
    group = CommentGroup.objects.create(solicitation=solicitation, summary=summary)
    Comment.objects.filter(pk__in=[comment.pk for comment in comments]).update(group=group)
    CommentGroup.objects.filter(solicitation=solicitation, comments__isnull=True).delete()
    record(
        actor=actor,
        action="solicitation.group",
        obj=group,
        agency=solicitation.agency,
        summary=f"将“{solicitation.title}”的{len(comments)}条意见归为一组：{summary[:40]}",
        data={"comments": sorted(comment.number for comment in comments)},
    )
    return group


@service
def decide_group(group: CommentGroup, *, actor, decision: str, reason: str = "", on: dt.date | None = None):
    """Decide every comment of a group the same way."""
    permissions.require(actor, "edit", group.solicitation.agency_id)
    solicitation = locked(group.solicitation)
    _require_not_reported(solicitation)
    comments = list(group.comments.all())
    decision, reason = _decide(
        comments, actor=actor, decision=decision, reason=reason, on=on or local_today()
    )
    record(
        actor=actor,
        action="solicitation.decide_group",
        obj=group,
        agency=solicitation.agency,
        summary=f"“{solicitation.title}”一组{len(comments)}条意见：{DECISION_LABELS[decision]}",
        data={"decision": decision, "reason": reason, "comments": sorted(c.number for c in comments)},
    )
    return group
