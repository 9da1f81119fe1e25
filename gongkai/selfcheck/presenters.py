"""Self-check records → the dicts of the API (API.md, "Self-check and clocks")."""

from __future__ import annotations

from gongkai.selfcheck.evaluation import Finding, Report
from gongkai.selfcheck.registry import Clock


def _date(value):
    return value.isoformat() if value else None


def finding_payload(finding: Finding) -> dict:
    return {
        "code": finding.code,
        "name": finding.name,
        "group": finding.group,
        "status": str(finding.status),
        "count": finding.count,
        "deduction": finding.deduction,
        "veto": finding.veto,
        "records": [
            {"type": record.type, "id": record.id, "label": record.label, "url": record.url}
            for record in finding.records
        ],
        "rule": finding.rule,
        "source": finding.source,
        "next_change_on": _date(finding.next_change_on),
        "next_change": finding.next_change,
        "note": finding.note,
    }


def report_payload(report: Report, scope: str) -> dict:
    return {
        "agency": report.agency.code,
        "agency_name": report.agency.name,
        "scope": scope,
        "date": report.date.isoformat(),
        "score": report.score,
        "verdict": report.verdict,
        "vetoes": report.vetoes,
        "agencies": [agency.code for agency in report.agencies],
        "indicators": [finding_payload(finding) for finding in report.findings],
    }


def ranking_payload(report: Report, rank: int) -> dict:
    return {
        "rank": rank,
        "agency": report.agency.code,
        "agency_name": report.agency.name,
        "score": report.score,
        "verdict": report.verdict,
        "vetoes": report.vetoes,
        "failing": [finding.code for finding in report.failing if str(finding.status) == "fail"],
    }


def clock_payload(clock: Clock, agency_codes: dict[int, str]) -> dict:
    return {
        "kind": clock.kind,
        "kind_label": clock.kind_label,
        "object_type": clock.object_type,
        "object_id": clock.object_id,
        "label": clock.label,
        "agency": agency_codes.get(clock.agency_id, ""),
        "due_on": _date(clock.due_on),
        "days_left": clock.days_left,
        "days_unit": clock.days_unit,
        "explanation": clock.explanation,
        "url": clock.url,
    }


def task_payload(task) -> dict:
    return {
        "id": task.pk,
        "agency": task.agency.code,
        "indicator": task.indicator,
        "problem": task.problem,
        "measures": task.measures,
        "responsible": task.responsible,
        "due_on": _date(task.due_on),
        "status": task.status,
        "completion": task.completion,
        "opened_on": _date(task.opened_on),
        "closed_on": _date(task.closed_on),
    }
