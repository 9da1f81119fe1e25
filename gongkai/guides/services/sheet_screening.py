"""Screening of an imported 权责清单 or 标准目录 sheet before its rows reach the portal (Art. 17
保密审查; ``guides.prescreen``). An import stores the whole sheet at once (a revision of the power
list, the replacement of the catalogue), so a blocking finding in any row refuses the whole file
(409 ``screening_findings``, every row by line with its masked findings), unless a reviewer of the
agency gives a substantive written reason (``override_reason``), kept in the import's audit event."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies import permissions
from gongkai.catalog.services.publication import require_substantive_reason
from gongkai.core.errors import Forbidden, RuleViolation
from gongkai.guides import prescreen

HELPERS = ("screen_sheet", "screening_view")

Rows = list[tuple[int, list[tuple[str, str]]]]


def screen_sheet(
    rows: Rows, columns: dict[str, str], *, agency, actor, override_reason: str | None, today: dt.date
) -> dict:
    """Screen the public texts of ``rows`` (line, [(field, text)]); ``columns`` names the fields as
    the sheet's headers. Returns what the audit event keeps (masked findings with line and column,
    and the override's reason), empty when nothing was found."""
    findings = prescreen.sheet_findings(rows, today=today)
    if not findings:
        return {}
    blocked = prescreen.blocking(findings)
    reason = str(override_reason or "").strip()
    if blocked and not reason:
        refused = prescreen.sheet_rows_refused(blocked, columns)
        lines = "、".join(f"第{row['line']}行" for row in refused[:10]) + ("等" if len(refused) > 10 else "")
        raise RuleViolation(
            "screening_findings",
            f"发布前审查发现{len(blocked)}处可能涉及个人信息或涉密标志的内容（{lines}），未导入任何内容："
            "请修改后重新导入，或由审核人说明理由后导入",
            {"findings": prescreen.sheet_public_view(blocked, columns), "screened_out": refused},
        )
    if blocked:
        require_substantive_reason(reason)
        if not permissions.may(actor, "review", agency):
            raise Forbidden(
                "override_needs_reviewer",
                "放行审查发现须由审核人或机构管理员决定：请修改表格后再导入，或由审核人说明理由后导入",
            )
    return {"screening": prescreen.sheet_public_view(findings, columns), "override_reason": reason if blocked else ""}


def screening_view(rows: Rows, columns: dict[str, str], *, today: dt.date) -> dict | None:
    """The findings of ``rows`` for the workbench's ``screening/_findings.html``, or None."""
    findings = prescreen.sheet_findings(rows, today=today)
    return prescreen.sheet_view(rows, findings, columns) if findings else None
