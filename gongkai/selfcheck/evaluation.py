"""Running the registered indicators over agencies and scoring them with the scheme in force.

``evaluate(agencies, today, rules)`` asks every indicator once for all the agencies (providers
answer with grouped queries), then scores each agency. ``combine`` makes the view of a subtree:
counts and records added up (a record shared by several agencies once), the worst status, the score the average of its agencies' scores
and the verdict 不合格 when any agency fails (docs/decisions.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.selfcheck import registry, scoring
from gongkai.selfcheck.registry import Record
from gongkai.selfcheck.vocabulary import STATUS_RANK, Status


@dataclass
class Finding:
    code: str
    name: str
    rule: str
    source: str
    group: str
    status: Status
    count: int
    deduction: float
    records: list[Record]
    next_change_on: dt.date | None
    next_change: str
    note: str = ""
    veto: bool = False  # the scheme makes it a veto indicator
    vetoing: bool = False  # and it vetoes now


@dataclass
class Report:
    agency: object
    date: dt.date
    score: float
    verdict: str
    vetoes: list[str]
    findings: list[Finding]
    agencies: list = field(default_factory=list)  # the agencies it covers (one, or a subtree)

    def finding(self, code: str) -> Finding | None:
        return next((finding for finding in self.findings if finding.code == code), None)

    @property
    def failing(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.status != Status.PASS]


def evaluate(agencies, today: dt.date, rules: dict) -> dict[int, Report]:
    agencies = list(agencies)
    with registry.run():
        answers = {indicator.code: indicator.compute(agencies, today) for indicator in registry.indicators()}
    reports = {}
    for agency in agencies:
        findings = []
        for indicator in registry.indicators():
            result = answers[indicator.code].get(agency.pk, registry.PASSED)
            status = result.final_status
            rule = rules.get(indicator.code)
            findings.append(
                Finding(
                    indicator.code,
                    indicator.name,
                    indicator.rule,
                    indicator.source,
                    indicator.group,
                    status,
                    result.count,
                    scoring.deduction(rule, status, result.count),
                    list(result.records),
                    result.next_change_on,
                    result.next_change,
                    result.note,
                    bool(rule and rule.get("veto")),
                    scoring.vetoed(rule, status, result.veto_reached),
                )
            )
        scored = scoring.score(((f.code, f.status, f.count, f.vetoing) for f in findings), rules)
        reports[agency.pk] = Report(
            agency, today, scored.score, scored.verdict, list(scored.vetoes), findings, [agency]
        )
    return reports


def combine(agency, reports: list[Report], today: dt.date) -> Report:
    """The subtree of ``agency``: one report over ``reports`` (one per agency of the subtree)."""
    if len(reports) == 1:
        return reports[0]
    findings = []
    for position, first in enumerate(reports[0].findings if reports else []):
        parts = [report.findings[position] for report in reports]
        status = max((part.status for part in parts), key=STATUS_RANK.__getitem__)
        # A record several agencies share (next year's calendar of their region) is listed and
        # counted once.
        listed = [record for part in parts for record in part.records]
        records = list(dict.fromkeys(listed))
        count = sum(part.count for part in parts) - (len(listed) - len(records))
        upcoming = [part for part in parts if part.next_change_on]
        soonest = min(upcoming, key=lambda part: part.next_change_on) if upcoming else None
        findings.append(
            Finding(
                first.code,
                first.name,
                first.rule,
                first.source,
                first.group,
                status,
                count,
                round(sum(part.deduction for part in parts) / len(parts), 2),
                records[: registry.RECORDS_LIMIT],
                soonest.next_change_on if soonest else None,
                soonest.next_change if soonest else "",
                first.note if len(parts) == 1 else "",
                first.veto,
                any(part.vetoing for part in parts),
            )
        )
    vetoes = sorted({code for report in reports for code in report.vetoes})
    verdict = "fail" if any(report.verdict == "fail" for report in reports) else "pass"
    score = scoring.average(report.score for report in reports)
    return Report(agency, today, score, verdict, vetoes, findings, [report.agency for report in reports])


def ranked(reports: list[Report]) -> list[Report]:
    """The office's ranking: passing agencies first, then by score, best first."""
    return sorted(reports, key=lambda report: (report.verdict == "fail", -report.score, report.agency.name))
