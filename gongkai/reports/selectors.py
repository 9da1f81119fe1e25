"""Who sees which version of a report: the public the published (frozen) figures, staff of the
agency (or of its disclosure office) the live figures as well."""

from __future__ import annotations

from django.db.models import Max
from django.urls import reverse

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.core.errors import NotFound
from gongkai.reports import figures
from gongkai.reports.models import AnnualReport, ReportRevision


def agency_for(user, code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise NotFound("agency_not_found", f"未找到机构“{code}”")
    return agency


def revision_of(agency: Agency, year: int, number: int | None = None) -> ReportRevision | None:
    revisions = ReportRevision.objects.select_related("report__agency").filter(
        report__agency=agency, report__year=year
    )
    if number is not None:
        return revisions.filter(number=number).first()
    return revisions.order_by("-number").first()


def report_for(
    user, code: str, year: int, *, scope: str = "agency", revision: int | None = None, published=False
) -> dict:
    """The report document ``user`` may read: a given or the latest published revision, or — for
    staff of the agency — the live figures. Only staff get the cross-checks of the figures."""
    agency = agency_for(user, code)
    staff = permissions.may(user, "view", agency)
    if staff and revision is None and not published:
        return figures.live_report(agency, year, scope)
    frozen = revision_of(agency, year, revision)
    if frozen is None:
        if revision is not None:
            raise NotFound("revision_not_found", f"{year}年度报告没有第{revision}版")
        raise NotFound("report_not_published", f"{agency.name}{year}年度报告尚未发布")
    document = figures.frozen_report(frozen, scope)
    if not staff:
        document["checks"] = []  # the cross-checks are the compilers' tool, not part of the report
    return document


def published_reports(*, agency: str | None = None, year: int | None = None):
    """Published reports, newest year first, each with its latest revision number."""
    reports = AnnualReport.objects.filter(revisions__isnull=False).select_related("agency")
    if agency:
        reports = reports.filter(agency__code=agency)
    if year:
        reports = reports.filter(year=year)
    return (
        reports.annotate(latest=Max("revisions__number"))
        .order_by("-year", "agency__path", "agency__sort_order")
        .distinct()
    )


def published_list(*, agency: str | None = None, year: int | None = None) -> list[dict]:
    reports = list(published_reports(agency=agency, year=year))
    latest = {
        (revision.report_id, revision.number): revision
        for revision in ReportRevision.objects.filter(report__in=reports)
    }
    result = []
    for report in reports:
        revision = latest[(report.pk, report.latest)]
        result.append(
            {
                "agency": report.agency.code,
                "agency_name": report.agency.name,
                "year": report.year,
                "revision": revision.number,
                "published_on": revision.published_on,
                "url": _portal_url(report),
            }
        )
    return result


def _portal_url(report: AnnualReport) -> str:
    return reverse("reports:report", args=[report.agency.code, report.year])
