"""Workbench pages: the live report with its checks, inputs and narrative, publish and correct."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.core.errors import DomainError
from gongkai.reports import figures, services
from gongkai.reports import render as report_render
from gongkai.reports.forms import CorrectionForm, InputsForm
from gongkai.reports.models import AnnualReport
from gongkai.workbench.context import staff_view


@staff_view
def index(request):
    agency = request.agency
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
    return render(request, "reports/workbench_index.html", {"rows": rows})


def _check_year(year: int) -> None:
    """A year in the URL outside the regulation's years is no page (not a 500 from the date maths)."""
    try:
        services.check_year(year)
    except DomainError as error:
        raise Http404(error.message) from error


@staff_view
def report(request, year: int):
    _check_year(year)
    agency = request.agency
    if agency is None:
        return redirect("workbench:home")
    permissions.require(request.user, "view", agency)
    scope = "tree" if request.GET.get("scope") == "tree" else "agency"
    can_manage = permissions.may(request.user, "manage", agency)
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
    context.update(
        {
            "form": form,
            "correction_form": CorrectionForm(),
            "can_manage": can_manage,
            "scope": scope,
            "year": year,
            "year_ended": timezone.localdate().year > year,
        }
    )
    return render(request, "reports/workbench_report.html", context)


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
