"""Acts of the drafting office: prepare, publish and extend a solicitation, and link the final
decision (domain/solicitation.md "Lifecycle")."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.catalog import attachments as attachment_checks
from gongkai.catalog.models import Item
from gongkai.catalog.services.publication import require_substantive_reason
from gongkai.catalog.text import html_to_text, sanitize_body
from gongkai.core.errors import Forbidden, InvalidInput, RuleViolation
from gongkai.solicitation import periods
from gongkai.solicitation.models import Attachment, Extension, Solicitation
from gongkai.solicitation.services.common import (
    local_today,
    locked,
    require_on,
    require_period,
    screening_findings,
)
from gongkai.solicitation.vocabulary import KIND_LABELS

EDITABLE = (
    "kind",
    "title",
    "draft",
    "explanation",
    "how_to_comment",
    "contacts",
    "hearing",
    "opens_on",
    "closes_on",
    "shortened_reason",
)
TEXT_FIELDS = ("title", "how_to_comment", "contacts", "hearing", "shortened_reason")


def _apply(solicitation: Solicitation, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInput("invalid_solicitation", f"未知字段：{', '.join(sorted(unknown))}")
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            value = (value or "").strip()
        elif name in ("draft", "explanation"):
            value = sanitize_body(value or "")
        setattr(solicitation, name, value)
    if solicitation.kind not in KIND_LABELS:
        labels = "、".join(f"{kind.value}（{label}）" for kind, label in KIND_LABELS.items())
        raise InvalidInput("invalid_kind", f"征集类型只能是：{labels}", {"kind": solicitation.kind})
    if not solicitation.title or len(solicitation.title) > 300:
        raise InvalidInput("validation_error", "标题不能为空，且不超过300字", {"field": "title"})
    if not html_to_text(solicitation.draft):
        raise InvalidInput("validation_error", "请填写征求意见稿正文", {"field": "draft"})
    if not isinstance(solicitation.opens_on, dt.date) or not isinstance(solicitation.closes_on, dt.date):
        raise InvalidInput("validation_error", "请填写征求意见的开始和截止日期", {"field": "opens_on"})
    require_period(solicitation)


@service
def create_solicitation(*, actor, agency, **fields) -> Solicitation:
    """Prepare a draft for public comment; the period is checked against the kind's minimum now."""
    permissions.require(actor, "edit", agency)
    if not agency.active:
        raise RuleViolation("agency_inactive", f"“{agency.name}”已撤销或并入其他机构")
    solicitation = Solicitation(agency=agency, created_by=actor if getattr(actor, "pk", None) else None)
    fields.setdefault("explanation", "")
    _apply(solicitation, fields)
    solicitation.save()
    record(
        actor=actor,
        action="solicitation.create",
        obj=solicitation,
        agency=agency,
        summary=f"起草意见征集“{solicitation.title}”",
        data={
            "kind": solicitation.kind,
            "opens_on": solicitation.opens_on,
            "closes_on": solicitation.closes_on,
        },
    )
    return solicitation


def _require_draft(solicitation: Solicitation) -> None:
    if solicitation.is_published:
        raise RuleViolation(
            "solicitation_published", "意见征集已发布，不能修改；如需延长期限请使用“延长征求意见期限”"
        )


@service
def update_solicitation(solicitation: Solicitation, *, actor, **changes) -> Solicitation:
    """Change a solicitation not yet published."""
    permissions.require(actor, "edit", solicitation.agency_id)
    solicitation = locked(solicitation)
    _require_draft(solicitation)
    _apply(solicitation, changes)
    solicitation.save()
    record(
        actor=actor,
        action="solicitation.update",
        obj=solicitation,
        agency=solicitation.agency,
        summary=f"修改意见征集“{solicitation.title}”",
        data={"fields": sorted(changes)},
    )
    return solicitation


@service
def attach_file(solicitation: Solicitation, *, actor, upload, name: str | None = None) -> Attachment:
    """Add a file to the draft before publication (type checked by content, as catalogue attachments)."""
    permissions.require(actor, "edit", solicitation.agency_id)
    _require_draft(solicitation)
    kind = attachment_checks.check_upload(upload)
    display_name = (name or upload.name or f"附件.{kind}").strip()[:200]
    attachment = Attachment(
        solicitation=solicitation,
        name=display_name,
        size=upload.size,
        content_type=attachment_checks.TYPES[kind],
        text=attachment_checks.extract_text(kind, upload),
    )
    attachment.file.save(f"attachment.{kind}", upload, save=False)
    attachment.save()
    record(
        actor=actor,
        action="solicitation.attach",
        obj=attachment,
        agency=solicitation.agency,
        summary=f"为意见征集“{solicitation.title}”上传附件“{display_name}”",
        data={"solicitation": solicitation.pk, "size": upload.size, "type": kind},
    )
    return attachment


@service
def remove_attachment(attachment: Attachment, *, actor) -> None:
    """Take a file off a draft before publication (once published, the notice stays as it was)."""
    solicitation = attachment.solicitation
    permissions.require(actor, "edit", solicitation.agency_id)
    _require_draft(locked(solicitation))
    name, pk, storage, stored = attachment.name, attachment.pk, attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))  # the file goes only if the act stands
    record(
        actor=actor,
        action="solicitation.detach",
        obj=solicitation,
        agency=solicitation.agency,
        summary=f"删除意见征集“{solicitation.title}”的附件“{name}”",
        data={"attachment": pk, "name": name},
    )


def _public_texts(solicitation: Solicitation) -> list[tuple[str, str]]:
    texts = [
        ("title", solicitation.title),
        ("draft", html_to_text(solicitation.draft)),
        ("explanation", html_to_text(solicitation.explanation)),
        ("how_to_comment", solicitation.how_to_comment),
        ("contacts", solicitation.contacts),
        ("hearing", solicitation.hearing),
        ("shortened_reason", solicitation.shortened_reason),
    ]
    texts += [
        (f"attachment:{attachment.pk}", attachment.text) for attachment in solicitation.attachments.all()
    ]
    return texts


def _require_override_allowed(solicitation: Solicitation, actor, reason: str) -> None:
    """Art. 17 保密审查, as for catalogue items: publishing over a blocking finding needs a
    substantive written reason and a second person — agency-admin rank, or a reviewer who did not
    draft the solicitation."""
    require_substantive_reason(reason)
    if permissions.may(actor, "manage", solicitation.agency_id):
        return
    if solicitation.created_by_id is not None and solicitation.created_by_id == getattr(actor, "pk", None):
        raise Forbidden(
            "override_needs_second_person",
            "放行审查发现须由第二人决定：请由机构管理员，或未起草该意见征集的审核人办理",
        )


@service
def publish_solicitation(
    solicitation: Solicitation, *, actor, on: dt.date | None = None, override_reason: str = ""
) -> Solicitation:
    """Put the draft out for comment on the portal (published on ``on``, today by default).

    The period cannot start before the public can read the draft: published after ``opens_on``, the
    period opens on the day of publication and the minimum is checked from that day. Screening runs
    first, as for catalogue items (Art. 17); a reviewer may publish over its findings with a reason.
    """
    permissions.require(actor, "review", solicitation.agency_id)
    solicitation = locked(solicitation)
    _require_draft(solicitation)
    today = local_today()
    on = require_on(on or today, today)
    if on > solicitation.closes_on:
        raise RuleViolation(
            "period_over",
            "征求意见截止日期已过，不能发布；请先修改征求意见期限",
            {"closes_on": solicitation.closes_on.isoformat()},
        )
    opens_on = max(on, solicitation.opens_on)
    check = require_period(solicitation, opens_on)
    override_reason = (override_reason or "").strip()
    findings = screening_findings(_public_texts(solicitation), on)
    if findings and not override_reason:
        raise RuleViolation(
            "screening_findings",
            f"发布前审查发现{len(findings)}处可能涉及个人信息或涉密标志的内容，请修改后再发布，或由审核人说明理由后发布",
            {"findings": findings},
        )
    if findings:
        _require_override_allowed(solicitation, actor, override_reason)
    moved_from = solicitation.opens_on if opens_on != solicitation.opens_on else None
    solicitation.opens_on, solicitation.published_on = opens_on, on
    solicitation.save(update_fields=["opens_on", "published_on", "updated_at"])
    record(
        actor=actor,
        action="solicitation.publish",
        obj=solicitation,
        agency=solicitation.agency,
        summary=f"发布意见征集“{solicitation.title}”，征求意见期限{opens_on:%Y-%m-%d}至{solicitation.closes_on:%Y-%m-%d}",
        data={
            "published_on": on,
            "opens_on": opens_on,
            "opens_on_moved_from": moved_from,
            "closes_on": solicitation.closes_on,
            "min_closes_on": check.min_closes_on,
            "shortened_reason": solicitation.shortened_reason,
            "findings": findings,
            "override_reason": override_reason if findings else "",
        },
    )
    return solicitation


@service
def extend_period(
    solicitation: Solicitation, *, actor, closes_on: dt.date, reason: str, on: dt.date | None = None
) -> Extension:
    """Extend the period while it is open; the extension is announced on the notice. Closing early
    is not offered (domain/solicitation.md)."""
    permissions.require(actor, "review", solicitation.agency_id)
    solicitation = locked(solicitation)
    today = local_today()
    on = require_on(on or today, today)
    # Checked on today, not on the (possibly earlier) announcement date: once the last day has
    # passed the public was told comments were closed, and a back-dated extension cannot reopen it.
    if not solicitation.is_published or periods.is_closed(solicitation.closes_on, today):
        raise RuleViolation("solicitation_not_open", "只有征集中的意见征集可以延长期限")
    if closes_on <= solicitation.closes_on:
        raise RuleViolation(
            "extension_not_later",
            "延长后的截止日期须晚于原截止日期（不得提前结束征求意见）",
            {"closes_on": solicitation.closes_on.isoformat()},
        )
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("reason_required", "请说明延长征求意见期限的理由", {"field": "reason"})
    extension = Extension.objects.create(
        solicitation=solicitation,
        previous_closes_on=solicitation.closes_on,
        closes_on=closes_on,
        reason=reason,
        announced_on=on,
    )
    solicitation.closes_on = closes_on
    solicitation.save(update_fields=["closes_on", "updated_at"])
    record(
        actor=actor,
        action="solicitation.extend",
        obj=solicitation,
        agency=solicitation.agency,
        summary=f"意见征集“{solicitation.title}”截止日期由{extension.previous_closes_on:%Y-%m-%d}延长至{closes_on:%Y-%m-%d}",
        data={"previous_closes_on": extension.previous_closes_on, "closes_on": closes_on, "reason": reason},
    )
    return extension


@service
def link_final_item(solicitation: Solicitation, *, actor, item: Item) -> Solicitation:
    """Link the policy finally adopted (713号令 Art. 32); its catalogue page then links the feedback."""
    permissions.require(actor, "edit", solicitation.agency_id)
    solicitation = locked(solicitation)
    if not solicitation.is_published:
        raise RuleViolation("solicitation_not_published", "意见征集尚未发布")
    if not item.is_public:
        raise RuleViolation("item_not_published", "正式出台的文件须已在目录中公开发布")
    permissions.require(actor, "view", item.agency_id)
    if hasattr(solicitation, "feedback") and solicitation.feedback.item_id == item.pk:
        raise RuleViolation("item_is_feedback", "不能把采纳情况说明本身关联为正式出台的文件")
    previous = solicitation.final_item
    solicitation.final_item = item
    solicitation.save(update_fields=["final_item", "updated_at"])
    record(
        actor=actor,
        action="solicitation.link_final",
        obj=solicitation,
        agency=solicitation.agency,
        summary=f"意见征集“{solicitation.title}”关联正式出台的文件“{item.title}”",
        data={"item": item.index_no, "previous": previous.index_no if previous else None},
    )
    return solicitation
