"""Workbench pages: the live report with its checks, inputs and narrative, publish and correct."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.core import documents
from gongkai.core.errors import DomainError
from gongkai.reports import figures, services, tables
from gongkai.reports import render as report_render
from gongkai.reports.forms import CorrectionForm, InputsForm
from gongkai.reports.models import AnnualReport, ReportRevision
from gongkai.workbench.context import staff_view


@staff_view
def index(request):
    agency = request.agency
    if agency is None:  # every agency of the user was merged away
        return render(request, "reports/workbench_index.html", {"rows": []})
    today = timezone.localdate()
    reports = AnnualReport.objects.filter(agency=agency).prefetch_related("revisions") if agency else []
    years = sorted({today.year - 1, today.year, *(report.year for report in reports)}, reverse=True)
    by_year = {report.year: report for report in reports}
    rows = [
        {
            "year": year,
            "deadline": figures.deadline(agency, year),
            "revision": by_year[year].latest_revision if year in by_year else None,
        }
        for year in years
    ]
    subtree = _subtree_status(request.user, agency, today.year - 1)
    context = {"rows": rows, "subtree": subtree}
    return render(request, "reports/workbench_index.html", context)


def _subtree_status(user, agency, year: int) -> list[dict]:
    """For the disclosure office: each agency below and whether its report for ``year`` is out."""
    agencies = [entry for entry in permissions.subtree_agencies(user, agency) if entry.active]
    if len(agencies) < 2:
        return []
    latest = dict(
        ReportRevision.objects.filter(report__agency__in=agencies, report__year=year)
        .order_by()
        .values_list("report__agency_id")
        .annotate(number=Max("number"))
    )
    published_on = dict(
        ReportRevision.objects.filter(report__agency__in=agencies, report__year=year, number=1).values_list(
            "report__agency_id", "published_on"
        )
    )
    return [
        {
            "agency": entry,
            "year": year,
            "deadline": figures.deadline(entry, year),
            "revision": latest.get(entry.pk),
            "published_on": published_on.get(entry.pk),
        }
        for entry in agencies
    ]


def _check_year(year: int) -> None:
    """A year in the URL outside the regulation's years is no page (not a 500 from the date maths)."""
    try:
        services.check_year(year)
    except DomainError as error:
        raise Http404(error.message) from error


def _download_query(scope: str, other_agency) -> str:
    """The downloads are of the report on the page: the same scope and agency."""
    query = {"scope": "tree"} if scope == "tree" else {}
    if other_agency is not None:
        query["agency"] = other_agency.code
    return urlencode(query)


def _report_agency(request):
    """The current agency, or (``?agency=<code>``, the disclosure office) one below it."""
    code = request.GET.get("agency")
    if not code or code == request.agency.code:
        return request.agency
    agency = permissions.subtree_agencies(request.user, request.agency).filter(code=code).first()
    if agency is None:
        raise Http404("没有这个机构")
    return agency


@staff_view
def report(request, year: int):
    _check_year(year)
    if request.agency is None:
        return redirect("workbench:home")
    agency = _report_agency(request)
    permissions.require(request.user, "view", agency)
    scope = "tree" if request.GET.get("scope") == "tree" else "agency"
    # Inputs and publication belong to the agency one works for (the switcher); another agency's
    # report is read here, and filled in after switching to it.
    own = agency.pk == request.agency.pk
    can_manage = own and permissions.may(request.user, "manage", agency)
    form = None
    if request.method == "POST":
        form = InputsForm(request.POST)
        if not can_manage:
            messages.error(request, "仅机构管理员或政务公开办可填报年度报告")
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.save_inputs(
                    agency,
                    year,
                    actor=request.user,
                    narrative={key: data[key] for key in ("overview", "problems", "other")},
                    **{key: data[key] for key in (*services.COUNT_FIELDS, "fee_income_wan_yuan")},
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "已保存")
                return redirect("reports_staff:report", year=year)
    document = figures.live_report(agency, year, scope)
    if form is None:
        inputs = document["inputs"]
        initial = {key: inputs[key] for key in (*services.COUNT_FIELDS, "fee_income_wan_yuan")}
        initial.update(document["narrative"])
        form = InputsForm(initial=initial)
    context = report_render.context(document)
    before = AnnualReport.objects.filter(agency=agency, year=year - 1).first()
    before = before.latest_revision if before else None
    previous = ((before.figures or {}).get("agency") or {}).get("narrative") if before else None
    labels = {**dict(tables.APPLICANT_COLUMNS), "total": "总计", **dict(tables.REVIEW_GROUPS)}
    for check in document["checks"]:
        named = check["details"].get("columns") or check["details"].get("groups") or []
        check["labels"] = [labels.get(key, key) for key in named]
    context.update(
        {
            "form": form,
            "correction_form": CorrectionForm(),
            # What the self-check will count against the report (annual_report_missing), said before
            # it is published; the agency's own narrative only (a subtree's has none of its own).
            "narrative_problems": figures.narrative_problems(document["narrative"], previous)
            if scope == "agency"
            else [],
            "can_manage": can_manage,
            "scope": scope,
            "year": year,
            "other_agency": None if own else agency,
            "download_query": _download_query(scope, None if own else agency),
            "year_ended": timezone.localdate().year > year,
            "download_formats": [("docx", "Word（DOCX）"), ("pdf", "PDF"), ("xlsx", "Excel（XLSX）")],
        }
    )
    return render(request, "reports/workbench_report.html", context)


@staff_view
def download(request, year: int, fmt: str):
    """The report as the page shows it — live figures, the cross-checks left out as in every
    rendering — for staff signed in to the workbench (the API needs a token, not a session)."""
    _check_year(year)
    if fmt not in report_render.FORMATS or request.agency is None:
        raise Http404("不支持的格式")
    agency = _report_agency(request)
    permissions.require(request.user, "view", agency)
    scope = "tree" if request.GET.get("scope") == "tree" else "agency"
    document = figures.live_report(agency, year, scope)
    content = report_render.FORMATS[fmt](document)
    return documents.file_response(content, report_render.filename(document, fmt), fmt)


@require_POST
@staff_view
def publish(request, year: int):
    _check_year(year)
    agency = request.agency
    today = timezone.localdate()
    try:
        if request.POST.get("reason"):
            revision = services.correct_report(
                agency, year, actor=request.user, on=today, reason=request.POST["reason"]
            )
            messages.success(request, f"已发布更正版本（第{revision.number}版）")
        else:
            services.publish_report(agency, year, actor=request.user, on=today)
            messages.success(request, f"{year}年度报告已发布，数据已冻结")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("reports_staff:report", year=year)
