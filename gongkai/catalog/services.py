"""Acts on catalogue items: draft, screen, review, publish, abolish, amend (Arts. 17, 19–26)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.catalog import attachments as attachment_checks
from gongkai.catalog import prescreen
from gongkai.catalog.index_assignment import assign_index_no
from gongkai.catalog.models import Attachment, Column, Item
from gongkai.catalog.publication_clock import apply_interpretation_lags, publication_clock
from gongkai.catalog.signals import item_changed
from gongkai.catalog.validation import clean_fields
from gongkai.catalog.vocabulary import GENRE_DEFAULT_COLUMN, Disclosure, ItemState, Validity
from gongkai.core.errors import InvalidInput, RuleViolation

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


def _changed(item: Item, action: str) -> None:
    item_changed.send(sender=Item, item=item, action=action)


def _recorded(item: Item, change: str, *, actor, action: str, summary: str, data=None, obj=None) -> None:
    """Audit an act on ``item`` (or on ``obj``, e.g. its attachment) and signal the ``change``."""
    record(actor=actor, action=action, obj=obj or item, agency=item.agency, summary=summary, data=data)
    _changed(item, change)


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


def _require_unpublished(item: Item) -> None:
    if item.state == ItemState.PUBLISHED:
        raise RuleViolation("item_published", "信息已发布，不能修改或删除；如需变更请发布修改后的信息")


@service
def create_item(*, actor, agency, columns: list[str] | None = None, **fields) -> Item:
    """Register a piece of government information; its disclosure attribute is set now (Arts. 19–20)."""
    permissions.require(actor, "edit", agency)
    if not agency.active:
        raise RuleViolation("agency_inactive", f"“{agency.name}”已撤销或并入其他机构")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInput("invalid_item", f"未知字段：{', '.join(sorted(unknown))}")
    item = Item(agency=agency, created_by=actor if getattr(actor, "pk", None) else None)
    clean_fields(item, fields, actor=actor)
    if not item.source:
        item.source = agency.name
    item.save()
    _set_columns(item, columns)
    _recorded(
        item,
        "created",
        actor=actor,
        action="item.create",
        summary=f"起草政府信息“{item.title}”",
        data={"genre": item.genre, "disclosure": item.disclosure, "internal": item.internal},
    )
    return item


@service
def update_item(item: Item, *, actor, columns: list[str] | None = None, **changes) -> Item:
    """Change an unpublished item; a screened or reviewed item goes back to draft."""
    permissions.require(actor, "edit", item.agency_id)
    _require_unpublished(item)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput("invalid_item", f"不可修改的字段：{', '.join(sorted(unknown))}")
    clean_fields(item, changes, actor=actor)
    item.state = ItemState.DRAFT
    item.save()
    if columns is not None:
        _set_columns(item, columns)
    _recorded(
        item,
        "updated",
        actor=actor,
        action="item.update",
        summary=f"修改政府信息“{item.title}”",
        data={"fields": sorted(changes) + (["columns"] if columns is not None else [])},
    )
    return item


@service
def screen_item(item: Item, *, actor) -> list[dict]:
    """保密审查 (Art. 17): run the detectors; without blocking findings the item is screened."""
    permissions.require(actor, "edit", item.agency_id)
    _require_unpublished(item)
    findings = prescreen.screen(item)
    blocked = prescreen.blocking(findings)
    item.state = ItemState.DRAFT if blocked else ItemState.SCREENED
    item.save(update_fields=["state", "updated_at"])
    _recorded(
        item,
        "screened",
        actor=actor,
        action="item.screen",
        summary=f"审查“{item.title}”：{'发现' + str(len(blocked)) + '处需处理的内容' if blocked else '未发现阻止发布的内容'}",
        data={"findings": prescreen.public_view(findings)},
    )
    return findings


@service
def review_item(item: Item, *, actor) -> Item:
    """审核: a reviewer approves a screened item for publication."""
    permissions.require(actor, "review", item.agency_id)
    if item.state != ItemState.SCREENED:
        raise RuleViolation("not_screened", "信息须先通过保密审查才能审核")
    item.state = ItemState.REVIEWED
    item.save(update_fields=["state", "updated_at"])
    _recorded(item, "reviewed", actor=actor, action="item.review", summary=f"审核通过“{item.title}”")
    return item


@service
def publish_item(item: Item, *, actor, on: dt.date | None = None, override_reason: str | None = None) -> Item:
    """Publish: screening first (Art. 17), then the 索引号, publication date and the Art. 26 clock.

    Blocking findings stop publication unless a reviewer gives a written reason (audited).
    The 索引号 comes from the agency's counter in this same transaction: gap-free, never reused.
    """
    permissions.require(actor, "review", item.agency_id)
    item.refresh_from_db()  # the state as committed, not as the caller last saw it
    _require_unpublished(item)
    if item.disclosure != Disclosure.PROACTIVE:
        raise RuleViolation("not_proactive", "只有公开属性为“主动公开”的信息可以在目录中发布")
    on = on or timezone.localdate()
    if on < item.formed_on:
        raise RuleViolation("published_before_formed", "发布日期不能早于信息生成日期")
    override_reason = (override_reason or "").strip()
    findings = prescreen.screen(item)
    blocked = prescreen.blocking(findings)
    if blocked and not override_reason:
        raise RuleViolation(
            "screening_findings",
            f"发布前审查发现{len(blocked)}处可能涉及个人信息或涉密标志的内容，请修改后再发布，或由审核人说明理由后发布",
            {"findings": prescreen.public_view(findings)},
        )
    item.published_on = on
    item.due_on, item.late = publication_clock(item)
    item.index_no = assign_index_no(item)
    item.state = ItemState.PUBLISHED
    item.save()
    apply_interpretation_lags(item)
    _recorded(
        item,
        "published",
        actor=actor,
        action="item.publish",
        summary=f"发布“{item.title}”，索引号{item.index_no}"
        + ("（审核人说明理由后发布）" if blocked else ""),
        data={
            "index_no": item.index_no,
            "published_on": on,
            "due_on": item.due_on,
            "late": item.late,
            "findings": prescreen.public_view(findings),
            "override_reason": override_reason if blocked else "",
        },
    )
    return item


def _require_published(item: Item) -> None:
    if item.state != ItemState.PUBLISHED:
        raise RuleViolation("not_published", "信息尚未发布")


@service
def abolish_item(item: Item, *, actor, on: dt.date) -> Item:
    """Mark a published document 已废止 from ``on``; it stays in the catalogue with its mark."""
    permissions.require(actor, "review", item.agency_id)
    _require_published(item)
    if item.validity == Validity.ABOLISHED:
        raise RuleViolation("already_abolished", "该文件已废止")
    if on < item.formed_on:
        raise RuleViolation("abolished_before_formed", "废止日期不能早于文件生成日期")
    item.validity, item.abolished_on = Validity.ABOLISHED, on
    item.save(update_fields=["validity", "abolished_on", "updated_at"])
    _recorded(
        item,
        "abolished",
        actor=actor,
        action="item.abolish",
        summary=f"“{item.title}”于{on:%Y-%m-%d}废止",
        data={"on": on},
    )
    return item


@service
def amend_item(item: Item, *, actor, on: dt.date, successor: Item | None = None) -> Item:
    """Mark a published document 已修改 from ``on``, linking the amended version when there is one."""
    permissions.require(actor, "review", item.agency_id)
    _require_published(item)
    if item.validity == Validity.ABOLISHED:
        raise RuleViolation("already_abolished", "该文件已废止，不能再标记为修改")
    if on < item.formed_on:
        raise RuleViolation("amended_before_formed", "修改日期不能早于文件生成日期")
    if successor is not None:
        if successor.pk == item.pk:
            raise RuleViolation("successor_is_self", "修改后的文件不能是其本身")
        if not successor.is_public:
            raise RuleViolation("successor_not_published", "修改后的文件须已在目录中公开发布")
    item.validity, item.amended_on, item.successor = Validity.AMENDED, on, successor
    item.save(update_fields=["validity", "amended_on", "successor", "updated_at"])
    _recorded(
        item,
        "amended",
        actor=actor,
        action="item.amend",
        summary=f"“{item.title}”于{on:%Y-%m-%d}修改",
        data={"on": on, "successor": successor.index_no if successor else None},
    )
    return item


@service
def set_internal(item: Item, *, actor, internal: bool) -> Item:
    """Show or hide an item from the public catalogue (e.g. withdrawn after a complaint)."""
    permissions.require(actor, "review", item.agency_id)
    item.internal = bool(internal)
    item.save(update_fields=["internal", "updated_at"])
    _recorded(
        item,
        "internal_changed",
        actor=actor,
        action="item.set_internal",
        summary=f"“{item.title}”设为{'仅内部可见' if item.internal else '公开可见'}",
        data={"internal": item.internal},
    )
    return item


@service
def delete_draft(item: Item, *, actor) -> None:
    """Delete an item that was never published (published items are never deleted)."""
    permissions.require(actor, "edit", item.agency_id)
    _require_unpublished(item)
    _recorded(
        item,
        "deleted",
        actor=actor,
        action="item.delete_draft",
        summary=f"删除草稿“{item.title}”",
        data={"title": item.title},
    )
    files = [attachment.file for attachment in item.attachments.all()]
    item.delete()
    for file in files:
        file.delete(save=False)


@service
def upload_attachment(item: Item, *, actor, upload, name: str | None = None) -> Attachment:
    """Attach a file to an unpublished item; its type is checked by content and its text kept for screening."""
    permissions.require(actor, "edit", item.agency_id)
    _require_unpublished(item)
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
    if item.state != ItemState.DRAFT:
        item.state = ItemState.DRAFT
        item.save(update_fields=["state", "updated_at"])
    _recorded(
        item,
        "attachment_added",
        actor=actor,
        action="item.attach",
        summary=f"为“{item.title}”上传附件“{display_name}”",
        data={"item": item.pk, "size": upload.size, "type": kind},
        obj=attachment,
    )
    return attachment


@service
def set_index_pattern(agency, *, actor, pattern: str):
    """Configure the agency's 索引号 pattern (applies to numbers given from now on; given ones stay)."""
    from gongkai.catalog.index_patterns import InvalidPattern, validate_pattern
    from gongkai.catalog.models import CatalogSettings

    permissions.require(actor, "manage", agency)
    pattern = (pattern or "").strip()
    try:
        validate_pattern(pattern)
    except InvalidPattern as error:
        raise InvalidInput("invalid_index_pattern", str(error), {"pattern": pattern}) from error
    settings, _ = CatalogSettings.objects.get_or_create(agency=agency)
    before = settings.index_pattern
    settings.index_pattern = pattern
    settings.save(update_fields=["index_pattern"])
    record(
        actor=actor,
        action="catalog.set_index_pattern",
        obj=settings,
        agency=agency,
        summary=f"设置“{agency.name}”的索引号格式为 {pattern}",
        data={"before": before, "after": pattern},
    )
    return settings


COLUMN_CODE = r"^[a-z0-9][a-z0-9_-]{0,39}$"


@service
def create_column(agency, *, actor, code: str, name: str, order: int | None = None) -> Column:
    """Add a column (栏目) of the agency's own beside the default ones."""
    import re

    permissions.require(actor, "manage", agency)
    code, name = (code or "").strip(), (name or "").strip()
    if not re.match(COLUMN_CODE, code):
        raise InvalidInput(
            "invalid_column_code", "栏目代码只能包含小写英文字母、数字、下划线和连字符，最长40位"
        )
    if not name or len(name) > 100:
        raise InvalidInput("invalid_column_name", "栏目名称不能为空，且不超过100字")
    if Column.objects.filter(agency=agency, code=code).exists():
        raise RuleViolation("column_exists", f"栏目代码“{code}”已存在")
    if order is None:
        last = Column.objects.filter(agency=agency).order_by("-order").values_list("order", flat=True).first()
        order = (last or 0) + 10
    column = Column.objects.create(agency=agency, code=code, name=name, order=order)
    record(
        actor=actor,
        action="catalog.create_column",
        obj=column,
        agency=agency,
        summary=f"新增栏目“{name}”（{code}）",
        data={"code": code, "name": name, "order": order},
    )
    return column


@service
def update_column(column: Column, *, actor, name: str | None = None, order: int | None = None) -> Column:
    """Rename or reorder a column; its code stays (URLs and feeds rely on it)."""
    permissions.require(actor, "manage", column.agency_id)
    before = {"name": column.name, "order": column.order}
    if name is not None:
        name = name.strip()
        if not name or len(name) > 100:
            raise InvalidInput("invalid_column_name", "栏目名称不能为空，且不超过100字")
        column.name = name
    if order is not None:
        column.order = order
    column.save(update_fields=["name", "order"])
    record(
        actor=actor,
        action="catalog.update_column",
        obj=column,
        agency=column.agency,
        summary=f"修改栏目“{column.name}”（{column.code}）",
        data={"before": before, "after": {"name": column.name, "order": column.order}},
    )
    return column
