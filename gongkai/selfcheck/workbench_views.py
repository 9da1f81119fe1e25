"""Workbench pages of the self-check: the overview with the ranked agencies below, one agency's
indicators with the records behind them, the trend, the rectification ledger and its export, the
scoring scheme, and the live clock dashboard (/workbench/clocks/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.agencies.selectors import agency_by_code
from gongkai.core.errors import DomainError, Forbidden, NotFound
from gongkai.selfcheck import charts, evaluation, exports, registry, selectors, services
from gongkai.selfcheck.vocabulary import Scope, Status, TaskStatus
from gongkai.selfcheck.workbench_forms import LedgerFilterForm, TaskForm, TaskUpdateForm
from gongkai.workbench.context import staff_view
from gongkai.workbench.registry import days_left_text, is_overdue

LEDGER_PAGE_SIZE = 30


def _agency(request, code: str | None):
    if code:
        try:
            agency = agency_by_code(code)
        except NotFound:
            raise Http404 from None
        permissions.require(request.user, "view", agency)
        return agency
    if request.agency is None:
        raise Http404("无可用机构")
    return request.agency


@staff_view
def overview(request):
    agency = _agency(request, request.GET.get("agency"))
    today = timezone.localdate()
    ranked = selectors.ranking(request.user, agency, today)
    tree = evaluation.combine(agency, ranked, today) if len(ranked) > 1 else None
    own = next((report for report in ranked if report.agency.pk == agency.pk), None)
    report = tree or own
    context = {
        "agency": agency,
        "today": today,
        "ranked": ranked,
        "tree": tree,
        "own": own,
        "report": report,
        "veto_names": [f.name for f in report.findings if f.code in report.vetoes] if report else [],
        "rows": [(finding, None) for finding in report.findings] if report else [],
        "statuses": {status.value: status.label for status in Status},
    }
    return render(request, "selfcheck/overview.html", context)


@staff_view
def agency_detail(request, code):
    agency = _agency(request, code)
    today = timezone.localdate()
    report = selectors.selfcheck(request.user, agency, today, Scope.AGENCY)
    since = selectors.since_when(agency, today)
    history = list(selectors.snapshots(agency))[-90:]
    tasks = selectors.tasks(request.user, agency, Scope.AGENCY)
    open_by_indicator = {task.indicator: task for task in tasks if task.status == TaskStatus.OPEN}
    context = {
        "agency": agency,
        "today": today,
        "report": report,
        "since": since,
        "history": history,
        "trend": charts.trend_svg(history),
        "rows": [(finding, open_by_indicator.get(finding.code)) for finding in report.findings],
        "may_edit": permissions.may(request.user, "edit", agency),
    }
    return render(request, "selfcheck/agency.html", context)


@staff_view
def rectify(request, code, indicator):
    agency = _agency(request, code)
    if not permissions.may(request.user, "edit", agency):
        raise Forbidden("forbidden", "当前角色无权立项整改")
    today = timezone.localdate()
    found = registry.indicator(indicator)
    if found is None:
        raise Http404
    open_task = selectors.open_tasks_of([agency.pk]).filter(indicator=indicator).order_by("id").first()
    report = selectors.selfcheck(request.user, agency, today, Scope.AGENCY)
    finding = report.finding(indicator)
    if request.method == "POST":
        form = TaskForm(request.POST)
        if form.is_valid():
            try:
                task = services.open_task(
                    actor=request.user, agency=agency, indicator=indicator, today=today, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "已立项整改")
                return redirect("selfcheck:task", task.pk)
    else:
        records = "；".join(record.label for record in finding.records[:5]) if finding else ""
        problem = f"{found.name}：{found.rule}" + (f"（{records}）" if records else "")
        form = TaskForm(initial={"problem": problem, "responsible": agency.name})
    return render(
        request,
        "selfcheck/rectify.html",
        {"agency": agency, "indicator": found, "finding": finding, "form": form, "open_task": open_task},
    )


@staff_view
def ledger(request):
    """The ledger of the agency and those below it; an unknown ``status`` shows every task, with a
    note next to the filter (as the other workbench lists do)."""
    agency = _agency(request, request.GET.get("agency"))
    today = timezone.localdate()
    form = LedgerFilterForm(request.GET)
    status = form.status_filter()
    tasks = selectors.tasks(request.user, agency, Scope.TREE, status)
    names = {indicator.code: indicator.name for indicator in registry.indicators()}
    page = Paginator(tasks, LEDGER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = {key: value for key, value in (("agency", request.GET.get("agency")), ("status", status)) if value}
    context = {
        "agency": agency,
        "today": today,
        "form": form,
        "status": status,
        "rows": [
            {
                "task": task,
                "indicator": names.get(task.indicator, task.indicator),
                "overdue": task.status == TaskStatus.OPEN and is_overdue(None, due_on=task.due_on, today=today),
            }
            for task in page
        ],
        "page": page,
        "query": urlencode(query),
    }
    return render(request, "selfcheck/ledger.html", context)


@staff_view
def ledger_export(request):
    agency = _agency(request, request.GET.get("agency"))
    tasks = selectors.tasks(request.user, agency, Scope.TREE)
    return exports.ledger_response(agency, list(tasks), timezone.localdate())


@staff_view
def task_detail(request, pk):
    task = selectors.task(request.user, pk)
    may_edit = permissions.may(request.user, "edit", task.agency)
    initial = {name: getattr(task, name) for name in TaskUpdateForm.base_fields if name != "problem"}
    form = TaskUpdateForm(request.POST or None, initial={**initial, "problem": task.problem})
    if request.method == "POST":
        if not may_edit:
            raise Forbidden("forbidden", "当前角色无权修改整改任务")
        if form.is_valid():
            data = {key: value for key, value in form.cleaned_data.items() if key != "problem"}
            services.update_task(task, actor=request.user, **data)
            messages.success(request, "已保存")
            return redirect("selfcheck:task", task.pk)
    found = registry.indicator(task.indicator)
    context = {
        "task": task,
        "form": form,
        "indicator": found,
        "may_edit": may_edit,
        "status_label": TaskStatus(task.status).label,
    }
    return render(request, "selfcheck/task.html", context)


@staff_view
def scheme(request):
    number, rules = selectors.current_scheme()
    may_edit = permissions.access_for(request.user).is_office
    rows = [(indicator, rules.get(indicator.code, {})) for indicator in registry.indicators()]
    if request.method == "POST":
        if not may_edit:
            raise Forbidden("office_required", "仅政务公开办可修改评分方案")
        edited = {}
        for indicator, _rule in rows:
            code = indicator.code
            edited[code] = {
                "deduction": request.POST.get(f"{code}-deduction", "0"),
                "cap": request.POST.get(f"{code}-cap", ""),
                "veto": request.POST.get(f"{code}-veto") == "on",
            }
        try:
            version = services.save_scheme(
                actor=request.user, rules=edited, note=request.POST.get("note", "")
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"评分方案已保存为第{version.number}版")
            return redirect("selfcheck:scheme")
    context = {
        "number": number,
        "rows": rows,
        "may_edit": may_edit,
        "versions": selectors.scheme_versions()[:20],
    }
    return render(request, "selfcheck/scheme.html", context)


@staff_view
def clocks(request):
    agency = _agency(request, request.GET.get("agency"))
    scope = Scope.AGENCY if request.GET.get("scope") == Scope.AGENCY else Scope.TREE
    today = timezone.localdate()
    found = selectors.clocks(request.user, agency, today, scope)
    names = {a.pk: a.name for a in selectors.agencies_in_scope(request.user, agency, scope)}
    rows = [
        {
            "clock": clock,
            "agency": names.get(clock.agency_id, ""),
            "left": days_left_text(clock.days_left, clock.days_unit, due_on=clock.due_on, today=today)
            if clock.days_left is not None
            else "期限未知",
            "state": services.clock_state(clock, today),
        }
        for clock in found
    ]
    return render(
        request, "selfcheck/clocks.html", {"agency": agency, "rows": rows, "scope": scope, "today": today}
    )


@require_POST
@staff_view
def snapshot_now(request):
    """The office takes today's snapshot by hand (the worker does it daily)."""
    permissions.require_office(request.user)
    services.take_snapshots(actor=request.user, today=timezone.localdate())
    messages.success(request, "已生成今日自查快照")
    return redirect(reverse("selfcheck:overview"))
