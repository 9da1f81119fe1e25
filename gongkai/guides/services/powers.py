"""Import of a 权责清单 sheet into a new revision (domain/services.md §2): unknown columns and bad
rows are reported by sheet line and refuse the whole file; nothing is half-imported."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.guides import layouts, sheets
from gongkai.guides.models import PowerEntry, PowerList


@service
def import_powers(*, actor, agency, name: str, data: bytes, on: dt.date | None = None, note: str = "") -> PowerList:
    """Read the sheet (layout ``layouts.POWER_COLUMNS``) and store it as the agency's next revision,
    dated ``on`` (the day of the adjustment; default today)."""
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
    latest = PowerList.objects.select_for_update().filter(agency=agency).aggregate(last=Max("revision"))["last"]
    power_list = PowerList.objects.create(
        agency=agency, revision=(latest or 0) + 1, revised_on=on, file_name=name[:200], note=str(note or "")[:500],
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    PowerEntry.objects.bulk_create(
        [
            PowerEntry(
                power_list=power_list, line=r.line, code=r.code[:64], name=r.name[:300], power_type=r.power_type,
                basis=r.basis, implementing_body=r.implementing_body[:300], responsibilities=r.responsibilities,
                accountability=r.accountability, note=r.note,
            )
            for r in records
        ]
    )
    record(
        actor=actor, action="guides.powers_import", obj=power_list, agency=agency,
        summary=f"导入权责清单第{power_list.revision}版（{len(records)}项，调整日期{on.isoformat()}）",
        data={"file": name, "entries": len(records), "revision": power_list.revision, "revised_on": on},
    )  # fmt: skip
    return power_list
