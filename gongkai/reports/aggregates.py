"""The aggregate queries behind the annual report: every cell computed in the database, one query
per table.

Table 3 is one ``GROUP BY applicant_type`` query over the cached columns of applications
(``received_on``, ``concluded_on``, ``outcome``) with conditional aggregation for each row; table 2
one ``GROUP BY genre`` over catalogue items; table 4 one ``GROUP BY kind`` over review cases. No
Python loop ever runs over records. ``scope="tree"`` takes the agency and every agency below it
(materialized-path prefix).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, Review
from gongkai.applications.models import ApplicationEvent as Event
from gongkai.catalog.models import Item
from gongkai.reports import tables
from gongkai.reports.models import AnnualReport, ReportRevision

SCOPES = ("agency", "tree")
RECORD_LIMIT = 50  # offending records listed per failed check


def bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def agency_ids(agency: Agency, scope: str) -> list[int]:
    if scope == "tree":
        return list(Agency.objects.filter(path__startswith=agency.path).values_list("id", flat=True))
    return [agency.pk]


# --- Table 3 -----------------------------------------------------------------------------------


def applications_counts(ids: list[int], year: int) -> tuple[dict, dict]:
    """Table 3 and the count of applications still open on 31 Dec, per applicant type.

    Counting (domain/annual-report.md): ``new`` = received in the year; ``carried_over`` = received
    before the year and not concluded before it; an outcome row = received, and concluded in the
    year with that outcome; open at year end = received by 31 Dec and not concluded by then. An
    application never received (online submission never confirmed) is in no row. One query.
    """
    start, end = bounds(year)
    # The rows that matter for the year: received by 31 Dec and not concluded before 1 Jan. As
    # two index ranges on (agency, concluded_on) — concluded from 1 Jan on, and still open (NULL) —
    # in one UNION ALL, each grouped by (applicant type, outcome): at most 2 × 6 × 22 groups,
    # folded into the table below.
    relevant = Application.objects.filter(agency_id__in=ids, received_on__lte=end)
    groups = _groups(relevant.filter(concluded_on__gte=start), start, end).union(
        _groups(relevant.filter(concluded_on__isnull=True), start, end), all=True
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    open_counts: dict[str, int] = defaultdict(int)
    outcomes = set(tables.OUTCOME_KEYS)
    for group in groups:  # groups, not records
        column = group["applicant_type"]
        counts[("new", column)] += group["new"]
        counts[("carried_over", column)] += group["carried_over"]
        if group["outcome"] in outcomes:
            counts[(group["outcome"], column)] += group["concluded"]
        open_counts[column] += group["open"]
    return tables.applications_table(counts), tables.with_open_totals(open_counts)


def _groups(queryset, start: dt.date, end: dt.date):
    return (
        queryset.order_by()
        .values("applicant_type", "outcome")
        .annotate(
            new=Count("applicant_type", filter=Q(received_on__gte=start)),
            carried_over=Count("applicant_type", filter=Q(received_on__lt=start)),
            concluded=Count("applicant_type", filter=Q(concluded_on__lte=end)),
            open=Count("applicant_type", filter=Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)),
        )
    )


def inconsistent_applications(ids: list[int], year: int) -> list[int]:
    """Applications whose cached dates contradict each other, so they upset table 3's balance."""
    _, end = bounds(year)
    broken = (
        Q(concluded_on__isnull=False, concluded_on__lt=F("received_on"))
        | Q(concluded_on__isnull=False, outcome="")
        | Q(concluded_on__isnull=True) & ~Q(outcome="")
        | ~Q(applicant_type__in=tables.APPLICANT_TYPES)
    )
    queryset = Application.objects.filter(agency_id__in=ids, received_on__lte=end).filter(broken)
    return list(queryset.order_by("pk").values_list("pk", flat=True)[:RECORD_LIMIT])


def backdated_applications(ids: list[int], year: int, since: dt.datetime) -> list[int]:
    """Applications with an act dated on or before 31 Dec of ``year`` but recorded after ``since``,
    or with an act of that time voided after ``since``: they changed that year's figures after its
    report was published."""
    _, end = bounds(year)
    recent = Event.objects.filter(application__agency_id__in=ids, created_at__gt=since)
    queryset = recent.filter(on__lte=end).order_by("application_id")
    found = set(queryset.values_list("application_id", flat=True).distinct()[:RECORD_LIMIT])
    # A void is dated when it is decided; what it changes is the year of the act it cancels.
    for application_id, data in recent.filter(action="void", on__gt=end).values_list("application_id", "data"):
        if str((data or {}).get("voided_on", "")) <= end.isoformat():
            found.add(application_id)
    return sorted(found)[:RECORD_LIMIT]


def monthly_applications(ids: list[int], year: int) -> list[int]:
    """Applications received per month (for the chart), one query."""
    months = [0] * 12
    start, end = bounds(year)
    # Grouped by day in index order (no sort), at most 366 groups folded into months.
    days = (
        Application.objects.filter(received_on__gte=start, received_on__lte=end, agency_id__in=ids)
        .order_by()
        .values("received_on")
        .annotate(count=Count("received_on"))
    )
    for day in days:
        months[day["received_on"].month - 1] += day["count"]
    return months


def fee_figures(ids: list[int], year: int) -> dict:
    """Fee notices sent in the year and fees collected (国办函〔2020〕109号), for section 六."""
    start, end = bounds(year)
    # Acts voided as recorded in error never happened (applications.clock.effective).
    voided = (
        Event.objects.filter(action="void", application__agency_id__in=ids)
        .annotate(target=Cast(KeyTextTransform("voids", "data"), IntegerField()))
        .values("target")
    )
    in_year = (
        Event.objects.filter(
            action__in=["fee_notice", "fee_paid"], on__gte=start, on__lte=end, application__agency_id__in=ids
        )
        .exclude(pk__in=voided)
        .order_by()
    )
    figures = in_year.aggregate(
        notices=Count("pk", filter=Q(action="fee_notice")),
        paid=Count("pk", filter=Q(action="fee_paid")),
        amount=Sum("application__fee_amount", filter=Q(action="fee_paid")),
    )
    return {
        "notices": figures["notices"],
        "paid": figures["paid"],
        "amount_yuan": float(figures["amount"] or 0),
    }


# --- Table 2 -----------------------------------------------------------------------------------


def proactive_figures(ids: list[int], year: int) -> dict:
    """Table 2: rules and normative documents from the catalogue (one query), the rest from inputs."""
    figures: dict[str, dict] = {}
    start, end = bounds(year)
    rows = (
        Item.objects.filter(
            agency_id__in=ids, genre__in=["rule", "normative_document"], state="published"
        )
        .order_by()
        .values("genre")
        .annotate(
            issued=Count("genre", filter=Q(published_on__gte=start, published_on__lte=end)),
            abolished=Count("genre", filter=Q(abolished_on__gte=start, abolished_on__lte=end)),
            in_force=Count(
                "genre",
                filter=Q(published_on__lte=end)
                & (Q(abolished_on__isnull=True) | Q(abolished_on__gt=end)),
            ),
        )
    )
    group = {"rule": "rules", "normative_document": "normative_documents"}
    for row in rows:
        figures[group[row["genre"]]] = {k: row[k] for k in ("issued", "abolished", "in_force")}
    inputs = AnnualReport.objects.filter(agency_id__in=ids, year=year).aggregate(
        licensing=Sum("licensing_decisions"),
        penalty=Sum("penalty_decisions"),
        coercion=Sum("coercion_decisions"),
        fees=Sum("fee_income_wan_yuan"),
    )
    for key in ("licensing", "penalty", "coercion"):
        figures[key] = {"decisions": inputs[key] or 0}
    figures["fees"] = {"amount_wan_yuan": float(inputs["fees"] or Decimal(0))}
    return tables.proactive_table(figures)


def published_count(ids: list[int], year: int) -> int:
    """Items proactively published in the year, each once (an item filed in several columns is one
    item). 主动公开 is what the public catalogue shows: an item kept internal (仅内部可见) has a
    索引号 but was not disclosed to the public."""
    start, end = bounds(year)
    return Item.objects.public().filter(agency_id__in=ids, published_on__gte=start, published_on__lte=end).count()


def published_by_column(ids: list[int], year: int) -> list[dict]:
    """Items proactively published in the year per catalogue column (for the overview's pre-filled text):
    grouped by column id over the item–column link, then named (columns of the same name in
    several agencies are added up)."""
    start, end = bounds(year)
    groups = (
        Item.objects.public()
        .filter(agency_id__in=ids, published_on__gte=start, published_on__lte=end)
        .order_by()
        .values("columns")
        .annotate(count=Count("pk"))
    )
    by_column = {group["columns"]: group["count"] for group in groups}
    names = dict(
        Item.columns.field.related_model.objects.filter(pk__in=[key for key in by_column if key]).values_list(
            "pk", "name"
        )
    )
    totals: dict[str, int] = defaultdict(int)
    for column_id, count in by_column.items():
        totals[names.get(column_id, "未分栏目")] += count
    return [
        {"column": name, "count": count}
        for name, count in sorted(totals.items(), key=lambda entry: (-entry[1], entry[0]))
    ]


# --- Table 4 -----------------------------------------------------------------------------------


def review_counts(ids: list[int], year: int) -> dict:
    """Table 4: cases filed in the year by their result as decided by 31 Dec (else pending)."""
    start, end = bounds(year)
    decided = Q(decided_on__isnull=False, decided_on__lte=end)
    rows = (
        Review.objects.filter(agency_id__in=ids, filed_on__gte=start, filed_on__lte=end)
        .order_by()
        .values("kind")
        .annotate(
            maintained=Count("kind", filter=decided & Q(result="maintained")),
            corrected=Count("kind", filter=decided & Q(result="corrected")),
            other=Count("kind", filter=decided & Q(result="other")),
            pending=Count("kind", filter=~decided | Q(result="")),
        )
    )
    counts = {}
    for row in rows:
        for result in tables.REVIEW_RESULTS:
            counts[(row["kind"], result)] = row[result]
    return tables.review_table(counts)


# --- The report ----------------------------------------------------------------------------------


def previous_revision(agency: Agency, year: int) -> ReportRevision | None:
    return (
        ReportRevision.objects.filter(report__agency=agency, report__year=year - 1)
        .order_by("-number")
        .first()
    )
