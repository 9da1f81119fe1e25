"""The standard catalogue (基层政务公开标准目录, 国办发〔2019〕54号): import of the agency's sheet
(merged cells and "同上" handled by ``sheets``), links of entries to catalogue columns confirmed by
staff, and offline channels confirmed with a date. The catalogue is a public document (国办发〔2019〕54号):
its entries' texts are screened on import (``sheet_screening``) before they are stored."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.catalog.models import Column
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.guides import layouts, sheets
from gongkai.guides.coverage import is_online
from gongkai.guides.models import ChannelConfirmation, EntryColumn, StandardEntry
from gongkai.guides.services import sheet_screening

HELPERS = ("screening_view",)

# The public texts of an entry (as stored), named by the sheet's headers.
PUBLIC_FIELDS = ("first_level", "second_level", "content", "basis", "time_limit", "subject", "channels")
COLUMNS = {field: layouts.STANDARD_COLUMNS[field].labels[0] for field in PUBLIC_FIELDS}


def _public_rows(records: list[layouts.StandardRecord]) -> sheet_screening.Rows:
    rows = []
    for r in records:
        values = {"first_level": r.first_level[:200], "second_level": r.second_level[:200], "content": r.content,
                  "basis": r.basis, "time_limit": r.time_rule.text, "subject": r.subject[:300],
                  "channels": "、".join(channel for channel, _ in r.channels)}  # fmt: skip
        rows.append((r.line, [(field, text) for field in PUBLIC_FIELDS if (text := values[field] or "")]))
    return rows


def screening_view(name: str, data: bytes) -> dict | None:
    """The screening findings of a catalogue sheet, for the workbench's refusal page."""
    records, _ = layouts.read_standard(sheets.read_table(name, data, layouts.STANDARD_COLUMNS))
    return sheet_screening.screening_view(_public_rows(records), COLUMNS, today=timezone.localdate())


def _refuse(problems) -> InvalidInput:
    return InvalidInput(
        "import_problems",
        f"表格有{len(problems)}处问题，未导入任何内容：" + "；".join(str(p) for p in problems[:5]),
        {"problems": [problem.as_dict() for problem in problems]},
    )


@service
def import_standard(*, actor, agency, name: str, data: bytes, override_reason: str | None = None) -> dict:
    """Replace the agency's standard catalogue by the sheet. Entries keep their links,
    confirmations and import date when their 一级事项 + 二级事项 stay; entries no longer in the sheet go. A blocking
    screening finding in any row refuses the file unless a reviewer overrides it with a reason."""
    permissions.require(actor, "review", agency)
    table = sheets.read_table(name, data, layouts.STANDARD_COLUMNS)
    records, problems = layouts.read_standard(table)
    if table.unknown_columns:
        problems.insert(0, sheets.Problem(None, f"无法识别的列：{'、'.join(table.unknown_columns)}"))
    seen: dict[tuple[str, str], int] = {}
    for entry in records:
        key = (entry.first_level, entry.second_level)
        if key in seen:
            problems.append(sheets.Problem(entry.line, f"与第{seen[key]}行的事项重复", "二级事项"))
        seen.setdefault(key, entry.line)
    if not records and not problems:
        problems.append(sheets.Problem(None, "表格中没有目录事项"))
    if problems:
        raise _refuse(problems)
    today = timezone.localdate()
    screening = sheet_screening.screen_sheet(
        _public_rows(records), COLUMNS, agency=agency, actor=actor, override_reason=override_reason, today=today
    )
    existing = {(e.first_level, e.second_level): e for e in StandardEntry.objects.filter(agency=agency)}
    kept = created = 0
    for r in records:
        entry = existing.pop((r.first_level[:200], r.second_level[:200]), None)
        created, kept = created + (entry is None), kept + (entry is not None)
        entry = entry or StandardEntry(agency=agency, first_level=r.first_level[:200], second_level=r.second_level[:200])
        entry.line, entry.content, entry.basis, entry.subject = r.line, r.content, r.basis, r.subject[:300]
        entry.time_limit, entry.time_rule = r.time_rule.text, str(r.time_rule.kind)
        entry.time_days, entry.time_period = r.time_rule.days, str(r.time_rule.period or "")
        entry.channels = [[channel, required] for channel, required in r.channels]
        entry.audiences, entry.modes, entry.levels = r.audiences, r.modes, r.levels
        if entry.pk is None:  # the day it first came in: a past day's self-check knows it from then
            entry.imported_on = today
        entry.save()
    removed = len(existing)
    StandardEntry.objects.filter(pk__in=[e.pk for e in existing.values()]).delete()
    record(
        actor=actor, action="guides.standard_import", obj=agency, agency=agency,
        summary=f"导入基层政务公开标准目录“{name}”：{len(records)}项（新增{created}项，删除{removed}项）"
        + ("（经说明理由放行审查发现）" if screening.get("override_reason") else ""),
        data={"file": name, "entries": len(records), "created": created, "kept": kept, "removed": removed,
              **screening},
    )  # fmt: skip
    return {"entries": len(records), "created": created, "kept": kept, "removed": removed}


@service
def link_column(entry: StandardEntry, *, actor, column: Column) -> EntryColumn:
    """Confirm that ``column`` carries the entry's information (a suggestion becomes a link)."""
    permissions.require(actor, "edit", entry.agency_id)
    if column.agency_id != entry.agency_id:
        raise RuleViolation("column_of_other_agency", "只能关联本机构的栏目")
    link, made = EntryColumn.objects.get_or_create(
        entry=entry, column=column,
        defaults={"confirmed_on": timezone.localdate(), "confirmed_by": actor if getattr(actor, "pk", None) else None},
    )  # fmt: skip
    if not made:
        raise RuleViolation("already_linked", "该栏目已关联")
    record(
        actor=actor, action="guides.standard_link", obj=entry, agency=entry.agency,
        summary=f"将标准目录事项“{entry.second_level}”关联到栏目“{column.name}”", data={"column": column.code},
    )  # fmt: skip
    return link


@service
def unlink_column(entry: StandardEntry, *, actor, column: Column) -> None:
    permissions.require(actor, "edit", entry.agency_id)
    deleted, _ = EntryColumn.objects.filter(entry=entry, column=column).delete()
    if not deleted:
        raise RuleViolation("not_linked", "该栏目未关联")
    record(
        actor=actor, action="guides.standard_unlink", obj=entry, agency=entry.agency,
        summary=f"取消标准目录事项“{entry.second_level}”与栏目“{column.name}”的关联", data={"column": column.code},
    )  # fmt: skip


@service
def confirm_channel(entry: StandardEntry, *, actor, channel: str, on: dt.date, note: str = "") -> ChannelConfirmation:
    """Staff saw the entry on an offline channel (公示栏 …) on ``on``; a website is covered by the
    items of the linked columns (services.md §3), so confirming one is refused."""
    permissions.require(actor, "edit", entry.agency_id)
    names = [name for name, _ in entry.channels]
    if channel not in names:
        raise InvalidInput("unknown_channel", f"该事项的公开渠道中没有“{channel}”", {"channels": names})
    if is_online(channel):
        raise InvalidInput(
            "online_channel",
            f"{channel}是网上渠道：关联栏目中公开的信息即为其公开情况，无须确认线下公开",
            {"channel": channel},
        )
    if on > timezone.localdate():
        raise RuleViolation("date_in_future", "确认日期不能晚于今天")
    confirmation = ChannelConfirmation.objects.create(
        entry=entry, channel=channel, confirmed_on=on, note=str(note or "")[:300],
        confirmed_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    record(
        actor=actor, action="guides.standard_channel", obj=entry, agency=entry.agency,
        summary=f"确认“{entry.second_level}”已在{channel}公开（{on.isoformat()}）", data={"channel": channel, "on": on},
    )  # fmt: skip
    return confirmation
