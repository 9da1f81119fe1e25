"""Import of a 权责清单 sheet into a new revision (domain/services.md §2): unknown columns and bad
rows are reported by sheet line and refuse the whole file; nothing is half-imported. The new
revision is at once the portal's list, so its public texts are screened first (``sheet_screening``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.guides import layouts, sheets
from gongkai.guides.models import PowerEntry, PowerList
from gongkai.guides.services import sheet_screening

HELPERS = ("screening_view",)

# What the portal (page and ``GET /public/powers``) shows of an entry, named by the sheet's headers.
PUBLIC_FIELDS = ("code", "name", "basis", "implementing_body", "responsibilities", "accountability", "note")
COLUMNS = {field: layouts.POWER_COLUMNS[field].labels[0] for field in PUBLIC_FIELDS}


def _entry(power_list: PowerList | None, r: layouts.PowerRecord) -> PowerEntry:
    return PowerEntry(
        power_list=power_list, line=r.line, code=r.code[:64], name=r.name[:300], power_type=r.power_type,
        basis=r.basis, implementing_body=r.implementing_body[:300], responsibilities=r.responsibilities,
        accountability=r.accountability, note=r.note,
    )  # fmt: skip


def _public_rows(entries: list[PowerEntry]) -> sheet_screening.Rows:
    return [(e.line, [(f, text) for f in PUBLIC_FIELDS if (text := getattr(e, f) or "")]) for e in entries]


def screening_view(name: str, data: bytes) -> dict | None:
    """The screening findings of a power-list sheet, for the workbench's refusal page."""
    records, _ = layouts.read_powers(sheets.read_table(name, data, layouts.POWER_COLUMNS))
    rows = _public_rows([_entry(None, r) for r in records])
    return sheet_screening.screening_view(rows, COLUMNS, today=timezone.localdate())


@service
def import_powers(
    *, actor, agency, name: str, data: bytes, on: dt.date | None = None, note: str = "",
    override_reason: str | None = None,
) -> PowerList:  # fmt: skip
    """Read the sheet (layout ``layouts.POWER_COLUMNS``) and store it as the agency's next revision,
    dated ``on`` (the day of the adjustment; default today). A blocking screening finding in any
    row refuses the file unless a reviewer overrides it with a substantive reason."""
    permissions.require(actor, "review", agency)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise RuleViolation("date_in_future", "调整日期不能晚于今天", {"date": on.isoformat()})
    table = sheets.read_table(name, data, layouts.POWER_COLUMNS)
    records, problems = layouts.read_powers(table)
    if table.unknown_columns:
        problems.insert(0, sheets.Problem(None, f"无法识别的列：{'、'.join(table.unknown_columns)}"))
    if not records and not problems:
        problems.append(sheets.Problem(None, "表格中没有权责事项"))
    if problems:
        raise InvalidInput(
            "import_problems",
            f"表格有{len(problems)}处问题，未导入任何内容：" + "；".join(str(p) for p in problems[:5]),
            {"problems": [problem.as_dict() for problem in problems]},
        )
    entries = [_entry(None, r) for r in records]
    screening = sheet_screening.screen_sheet(
        _public_rows(entries), COLUMNS, agency=agency, actor=actor, override_reason=override_reason, today=today
    )
    latest = PowerList.objects.select_for_update().filter(agency=agency).aggregate(last=Max("revision"))["last"]
    power_list = PowerList.objects.create(
        agency=agency, revision=(latest or 0) + 1, revised_on=on, file_name=name[:200], note=str(note or "")[:500],
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    for entry in entries:
        entry.power_list = power_list
    PowerEntry.objects.bulk_create(entries)
    record(
        actor=actor, action="guides.powers_import", obj=power_list, agency=agency,
        summary=f"导入权责清单第{power_list.revision}版（{len(records)}项，调整日期{on.isoformat()}）"
        + ("（经说明理由放行审查发现）" if screening.get("override_reason") else ""),
        data={"file": name, "entries": len(records), "revision": power_list.revision, "revised_on": on, **screening},
    )  # fmt: skip
    return power_list
