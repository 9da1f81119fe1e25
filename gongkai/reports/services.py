"""Acts on the annual report: enter the inputs and narrative, publish (freeze), correct.

Arts. 49–50: each agency publishes its report for the previous year (departments by 31 January,
a government's disclosure office by 31 March). Publishing freezes the figures; a later correction
is a new revision, published with its reason, and the earlier ones stay visible.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.reports import figures, publication
from gongkai.reports.aggregates import SCOPES
from gongkai.reports.models import AnnualReport, ReportRevision, empty_narrative

FIRST_YEAR = 2008  # the regulation took effect on 1 May 2008
NARRATIVE_MAX = 50_000
COUNT_FIELDS = ("licensing_decisions", "penalty_decisions", "coercion_decisions")
HELPERS = ("check_year",)


def check_year(year: int) -> None:
    """Validate a report year from a URL or form (the regulation's years only); writes nothing."""
    if not FIRST_YEAR <= year <= 2100:
        raise InvalidInput("invalid_year", f"年度应在{FIRST_YEAR}年至2100年之间", {"year": year})


def _report(agency: Agency, year: int, *, lock: bool = False) -> AnnualReport:
    report, _ = AnnualReport.objects.get_or_create(agency=agency, year=year)
    if lock:
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    return report


def _count(field: str, value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput("invalid_inputs", "处理决定数量应为非负整数", {"field": field})
    if value > 10**9:
        raise InvalidInput("invalid_inputs", "处理决定数量过大", {"field": field})
    return value


def _amount(value) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise InvalidInput(
            "invalid_inputs", "收费金额应为数字（单位：万元）", {"field": "fee_income_wan_yuan"}
        ) from error
    if not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 10:
        raise InvalidInput(
            "invalid_inputs", "收费金额应为非负数（单位：万元）", {"field": "fee_income_wan_yuan"}
        )
    return amount.quantize(Decimal("0.0001"))


def _narrative(current: dict, changes: dict | None) -> dict:
    narrative = {**empty_narrative(), **(current or {})}
    if changes is None:
        return narrative
    unknown = set(changes) - set(narrative)
    if unknown:
        raise InvalidInput(
            "invalid_inputs", "报告正文只包含 overview、problems、other 三部分", {"fields": sorted(unknown)}
        )
    for key, text in changes.items():
        if text is None:
            continue
        if not isinstance(text, str) or len(text) > NARRATIVE_MAX:
            raise InvalidInput("invalid_inputs", f"报告正文每部分不超过{NARRATIVE_MAX}字", {"field": key})
        narrative[key] = text.replace("\r\n", "\n").strip()
    return narrative


@service
def save_inputs(agency: Agency, year: int, *, actor, narrative: dict | None = None, **values) -> AnnualReport:
    """Enter the figures no record holds (Art. 20 (五)(六)(八): licensing, penalty and coercion
    decisions, fee income in 万元) and the narrative sections. Keys left out stay as they were."""
    permissions.require(actor, "manage", agency)
    check_year(year)
    unknown = set(values) - {*COUNT_FIELDS, "fee_income_wan_yuan"}
    if unknown:
        raise InvalidInput("invalid_inputs", f"未知字段：{', '.join(sorted(unknown))}")
    report = _report(agency, year, lock=True)
    before = report.inputs()
    for field in COUNT_FIELDS:
        if field in values:
            setattr(report, field, _count(field, values[field]))
    if "fee_income_wan_yuan" in values:
        report.fee_income_wan_yuan = _amount(values["fee_income_wan_yuan"])
    report.narrative = _narrative(report.narrative, narrative)
    report.updated_by = actor if getattr(actor, "pk", None) else None
    report.save()
    after = report.inputs()
    record(
        actor=actor,
        action="report.save_inputs",
        obj=report,
        agency=agency,
        summary=f"填报{year}年度政府信息公开工作年度报告",
        data={"changed": sorted(key for key in after if after[key] != before[key])},
    )
    return report


def _freeze(report: AnnualReport, *, actor, on: dt.date, reason: str) -> ReportRevision:
    agency, year = report.agency, report.year
    if on <= dt.date(year, 12, 31):
        raise RuleViolation("year_not_ended", f"{year}年度尚未结束，不能发布该年度报告")
    documents = {scope: figures.live_report(agency, year, scope) for scope in SCOPES}
    failed = [
        {**check, "scope": scope}
        for scope, document in documents.items()
        for check in document["checks"]
        if not check["passed"]
    ]
    if failed:
        raise RuleViolation(
            "report_checks_failed",
            "年度报告数据校验未通过：" + "；".join(check["description"] for check in failed),
            {"checks": failed},
        )
    latest = report.latest_revision
    frozen = {}
    for scope, document in documents.items():
        document = {key: value for key, value in document.items() if key not in figures.STATUS_KEYS}
        frozen[scope] = document
    revision = ReportRevision.objects.create(
        report=report,
        number=(latest.number + 1) if latest else 1,
        figures=frozen,
        reason=reason,
        published_on=on,
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    item_id = publication.publish_to_catalog(revision, actor=actor, on=on)
    if item_id is not None:
        revision.catalog_item_id = item_id
        revision.save(update_fields=["catalog_item_id"])
    return revision


@service
def publish_report(agency: Agency, year: int, *, actor, on: dt.date) -> ReportRevision:
    """Art. 49: publish the year's report. The figures are frozen as revision 1 and appear in the
    catalogue column “年度报告”. Refused while any cross-check fails."""
    permissions.require(actor, "manage", agency)
    check_year(year)
    report = _report(agency, year, lock=True)
    if report.revisions.exists():
        raise RuleViolation(
            "report_already_published", f"{year}年度报告已发布；如需更正，请发布更正版本并说明理由"
        )
    revision = _freeze(report, actor=actor, on=on, reason="")
    record(
        actor=actor,
        action="report.publish",
        obj=revision,
        agency=agency,
        summary=f"发布{year}年度政府信息公开工作年度报告",
        data={"year": year, "revision": revision.number},
    )
    return revision


@service
def correct_report(agency: Agency, year: int, *, actor, on: dt.date, reason: str) -> ReportRevision:
    """Publish a corrected revision of an already published report, with the reason shown."""
    permissions.require(actor, "manage", agency)
    check_year(year)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("reason_required", "更正已发布的年度报告须说明理由", {"field": "reason"})
    report = _report(agency, year, lock=True)
    if not report.revisions.exists():
        raise RuleViolation("report_not_published", f"{year}年度报告尚未发布，无需更正")
    revision = _freeze(report, actor=actor, on=on, reason=reason[:2000])
    record(
        actor=actor,
        action="report.correct",
        obj=revision,
        agency=agency,
        summary=f"更正{year}年度政府信息公开工作年度报告（第{revision.number}版）",
        data={"year": year, "revision": revision.number, "reason": reason[:200]},
    )
    return revision
