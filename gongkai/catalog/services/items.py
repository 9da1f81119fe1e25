"""Drafting acts on catalogue items: create, change, attach a file, delete a draft (Arts. 19–20)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from gongkai.agencies import permissions
from gongkai.audit.services import service
from gongkai.catalog import attachments as attachment_checks
from gongkai.catalog.models import Attachment, Column, Item
from gongkai.catalog.services.common import (
    back_to_draft,
    event_arguments,
    recorded,
    require_unpublished,
    user_of,
)
from gongkai.catalog.validation import clean_fields
from gongkai.catalog.vocabulary import GENRE_DEFAULT_COLUMN
from gongkai.core.errors import InvalidInput, RuleViolation

HELPERS = ("creation_event",)

EDITABLE = (
    "title",
    "doc_number",
    "genre",
    "topic",
    "audience",
    "keywords",
    "summary",
    "body",
    "formed_on",
    "changed_on",
    "disclosure",
    "not_disclosed_reason",
    "internal",
    "interprets",
    "source",
    "publication_modes",
)


def _set_columns(item: Item, codes: list[str] | None) -> None:
    """Columns by code, or by their Chinese name as staff know them (政策解读); none → by genre."""
    if not codes:
        codes = [GENRE_DEFAULT_COLUMN.get(item.genre, "art20-15")]
    found = list(
        Column.objects.filter(Q(code__in=codes) | Q(name__in=codes), agency_id=item.agency_id).distinct()
    )
    unknown = sorted(set(codes) - {column.code for column in found} - {column.name for column in found})
    if unknown:
        raise InvalidInput("unknown_column", f"本机构没有栏目：{'、'.join(unknown)}", {"columns": unknown})
    item.columns.set(found)


@service
def create_item(*, actor, agency, columns: list[str] | None = None, **fields) -> Item:
    """Register a piece of government information; its disclosure attribute is set now (Arts. 19–20)."""
    permissions.require(actor, "edit", agency)
    if not agency.active:
        raise RuleViolation("agency_inactive", f"“{agency.name}”已撤销或并入其他机构")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInput("invalid_item", f"未知字段：{', '.join(sorted(unknown))}")
    item = Item(agency=agency, created_by=user_of(actor))
    clean_fields(item, fields, actor=actor)
    if not item.source:
        item.source = agency.name
    item.save()
    _set_columns(item, columns)
    recorded(item, "created", **creation_event(item, actor))
    return item


def creation_event(item: Item, actor) -> dict:
    """The audit event of ``create_item`` (``record``'s arguments but the item and its agency)."""
    return event_arguments(
        actor=actor,
        action="item.create",
        summary=f"起草政府信息“{item.title}”",
        data={"genre": item.genre, "disclosure": item.disclosure, "internal": item.internal},
    )


@service
def update_item(item: Item, *, actor, columns: list[str] | None = None, **changes) -> Item:
    """Change an unpublished item; a screened or reviewed item goes back to draft."""
    permissions.require(actor, "edit", item.agency_id)
    require_unpublished(item)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput("invalid_item", f"不可修改的字段：{', '.join(sorted(unknown))}")
    clean_fields(item, changes, actor=actor)
    back_to_draft(item)
    item.save()
    if columns is not None:
        _set_columns(item, columns)
    recorded(
        item,
        "updated",
        actor=actor,
        action="item.update",
        summary=f"修改政府信息“{item.title}”",
        data={"fields": sorted(changes) + (["columns"] if columns is not None else [])},
    )
    return item


@service
def delete_draft(item: Item, *, actor) -> None:
    """Delete an item that was never published (published items are never deleted)."""
    permissions.require(actor, "edit", item.agency_id)
    require_unpublished(item)
    recorded(
        item,
        "deleted",
        actor=actor,
        action="item.delete_draft",
        summary=f"删除草稿“{item.title}”",
        data={"title": item.title},
    )
    files = [attachment.file for attachment in item.attachments.all()]
    item.delete()
    # The files go only once the deletion is committed: a rollback keeps item and files together.
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])


@service
def upload_attachment(item: Item, *, actor, upload, name: str | None = None) -> Attachment:
    """Attach a file to an unpublished item; its type is checked by content and its text kept for screening."""
    permissions.require(actor, "edit", item.agency_id)
    require_unpublished(item)
    kind = attachment_checks.check_upload(upload)
    display_name = (name or upload.name or f"附件.{kind}").strip()[:200]
    attachment = Attachment(
        item=item,
        name=display_name,
        size=upload.size,
        content_type=attachment_checks.TYPES[kind],
        text=attachment_checks.extract_text(kind, upload),
    )
    attachment.file.save(f"attachment.{kind}", upload, save=False)
    attachment.save()
    item.save(update_fields=[*back_to_draft(item), "updated_at"])
    recorded(
        item,
        "attachment_added",
        actor=actor,
        action="item.attach",
        summary=f"为“{item.title}”上传附件“{display_name}”",
        data={"item": item.pk, "size": upload.size, "type": kind},
        obj=attachment,
    )
    return attachment
