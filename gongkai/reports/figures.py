"""The annual report as one JSON document: live figures, checks with offending records, narrative.

``live_report`` computes everything from the records (selectors); ``frozen_report`` returns what a
published revision stored. Both have the same shape (the keys of domain/annual-report.md).
"""

from __future__ import annotations

import dataclasses

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.reports import aggregates, tables
from gongkai.reports.models import AnnualReport, ReportRevision, empty_narrative

NARRATIVE_SECTIONS = [
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
]
# Checks whose failure the inconsistent records explain.
# Keys that describe the state of the report, not its figures: never frozen into a revision.
STATUS_KEYS = {"status", "live", "revision", "published_on", "revisions"}
BALANCE_CHECKS = {"balance", "non_negative", "open_at_year_end", "row_totals", "outcome_subtotals"}


def deadline(agency: Agency, year: int):
    """Art. 49: departments publish the previous year's report by 31 January; a government's
    disclosure office publishes the government's report by 31 March."""
    import datetime as dt

    month = 3 if agency.kind == "government" else 1
    return dt.date(year + 1, month, 31)


def live_tables(agency: Agency, year: int, scope: str = "agency") -> dict:
    """Tables 2–4, the open count and the cross-checks, computed now (three aggregate queries for
    the tables, plus one per failed check to name the records that cause it)."""
    ids = aggregates.agency_ids(agency, scope)
    rows, open_counts = aggregates.applications_counts(ids, year)
    proactive = aggregates.proactive_figures(ids, year)
    review = aggregates.review_counts(ids, year)
    previous = aggregates.previous_revision(agency, year)
    previous_forward = None
    if previous is not None:
        previous_forward = previous.figures.get(scope, {}).get("applications", {}).get("rows", {})
        previous_forward = previous_forward.get("carried_forward")
    checks = [
        *tables.check_applications(
            rows, open_at_year_end=open_counts, previous_carried_forward=previous_forward
        ),
        *tables.check_reviews(review),
    ]
    return {
        "agency": agency.code,
        "agency_name": agency.name,
        "year": year,
        "scope": scope,
        "proactive": proactive,
        "applications": {"rows": rows, "open_at_year_end": open_counts},
        "review_litigation": review,
        "checks": [_check(check, ids, year, previous) for check in checks],
    }


def _check(check: tables.Check, ids: list[int], year: int, previous: ReportRevision | None) -> dict:
    result = dataclasses.asdict(check)
    if check.passed:
        return result
    if check.code in BALANCE_CHECKS:
        result["details"]["applications"] = aggregates.inconsistent_applications(ids, year)
    elif check.code == "continuity" and previous is not None:
        result["details"]["applications"] = aggregates.backdated_applications(
            ids, year - 1, previous.published_at
        )
        result["details"]["previous_revision"] = previous.number
    return result


def live_report(agency: Agency, year: int, scope: str = "agency") -> dict:
    """The whole report as staff see it before publication."""
    document = live_tables(agency, year, scope)
    ids = aggregates.agency_ids(agency, scope)
    document["fees"] = aggregates.fee_figures(ids, year)
    document["monthly_applications"] = aggregates.monthly_applications(ids, year)
    document["published_by_column"] = aggregates.published_by_column(ids, year)
    document["published_items"] = aggregates.published_count(ids, year)
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    saved = {**empty_narrative(), **(report.narrative if report else {})}
    prefilled = prefill_narrative(document)
    document["narrative"] = {key: saved[key] or prefilled[key] for key, _ in NARRATIVE_SECTIONS}
    document["inputs"] = report.inputs() if report else AnnualReport(agency=agency, year=year).inputs()
    document["passed"] = all(check["passed"] for check in document["checks"])
    document["deadline"] = deadline(agency, year).isoformat()
    latest = report.latest_revision if report else None
    document.update(_status(latest, live=True))
    document["revisions"] = revision_list(report)
    return document


def frozen_report(revision: ReportRevision, scope: str = "agency") -> dict:
    document = dict(revision.figures[scope])
    document.update(_status(revision, live=False))
    document["revisions"] = revision_list(revision.report)
    return document


def _status(revision: ReportRevision | None, *, live: bool) -> dict:
    return {
        "status": "published" if revision else "draft",
        "live": live,
        "revision": revision.number if revision else None,
        "published_on": revision.published_on.isoformat() if revision else None,
    }


def revision_list(report: AnnualReport | None) -> list[dict]:
    if report is None:
        return []
    return [
        {
            "number": revision.number,
            "published_on": revision.published_on.isoformat(),
            "published_at": timezone.localtime(revision.published_at).isoformat(timespec="seconds"),
            "reason": revision.reason,
        }
        for revision in report.revisions.order_by("number")
    ]


def narrative_problems(this: dict, before: dict | None) -> list[str]:
    """鲤城区 2020's "elements missing / copied from last year" (−5 each): a section left empty, or
    the 存在的主要问题及改进情况 word for word as the year before (whitespace aside). The overview and
    其他事项 sections are prefilled from the year's own figures, so only an empty one is a problem."""

    def text(value) -> str:
        return "".join(str(value or "").split())

    found = [f"“{label}”为空" for key, label in NARRATIVE_SECTIONS if not text(this.get(key))]
    problems = text(this.get("problems"))
    if problems and before is not None and problems == text(before.get("problems")):
        found.append("“五、存在的主要问题及改进情况”与上一年度报告相同")
    return found


def prefill_narrative(document: dict) -> dict:
    """Default text of the narrative sections from the figures the system knows."""
    rows = document["applications"]["rows"]
    proactive = document["proactive"]
    year = document["year"]
    columns = document.get("published_by_column") or []
    # An item filed in several columns is in each column's count but published once.
    published = document.get("published_items", sum(entry["count"] for entry in columns))
    by_column = "，".join(f"“{entry['column']}”{entry['count']}条" for entry in columns[:8])
    overview = (
        f"{year}年，{document['agency_name']}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"全年主动公开政府信息{published}条"
        + (f"（其中{by_column}）" if by_column else "")
        + f"；制发规章{proactive['rules']['issued']}件、行政规范性文件"
        f"{proactive['normative_documents']['issued']}件。"
        f"全年新收政府信息公开申请{rows['new']['total']}件，上年结转{rows['carried_over']['total']}件，"
        f"办结{rows['concluded_total']['total']}件，结转下年度{rows['carried_forward']['total']}件。"
    )
    reviews = document["review_litigation"]
    cases = sum(reviews[group]["total"] for group, _ in tables.REVIEW_GROUPS)
    if cases:
        overview += f"因政府信息公开引发行政复议、行政诉讼共{cases}件。"
    fees = document.get("fees") or {"notices": 0, "paid": 0, "amount_yuan": 0}
    other = (
        f"依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度发出收费通知"
        f"{fees['notices']}件，实际收取信息处理费{fees['paid']}件、共计{fees['amount_yuan']:.2f}元。"
    )
    return {"overview": overview, "problems": "", "other": other}
