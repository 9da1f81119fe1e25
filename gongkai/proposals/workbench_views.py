"""Workbench pages of suggestions and proposals: the list with due days, registration, and one
page per record with the forms of its acts; key tasks with their findings."""

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
from gongkai.core.errors import DomainError
from gongkai.proposals import clocks, presenters, selectors, services
from gongkai.proposals.vocabulary import State
from gongkai.proposals.workbench_forms import (
    ACTION_CONFIRMATIONS,
    ACTION_FORMS,
    ProgressForm,
    ProposalForm,
    TaskForm,
    ViewsDueForm,
    ViewsForm,
    YearReportForm,
)
from gongkai.workbench.context import staff_view

PAGE_SIZE = 30


@staff_view
def proposal_list(request):
    return _list_page(request)


def _list_page(request, report_form: YearReportForm | None = None, *, status: int = 200):
    """The proposals with their due days, and the year report's form (``report_form`` bound
    and refused: shown again with its errors and input)."""
    today = timezone.localdate()
    state = request.GET.get("state", "")
    queryset = selectors.staff_proposals(request.user, agency=request.agency, state=state or None)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [presenters.staff_payload(proposal, today) for proposal in page.object_list]
    context = {
        "rows": rows,
        "page": page,
        "query": urlencode({"state": state} if state else {}),
        "state": state,
        "page_path": _list_path(request, "proposals_staff:list"),
        "report_form": report_form or YearReportForm(initial={"year": today.year - 1, "date": today}),
    }
    return render(request, "proposals/workbench/list.html", context, status=status)


def _list_path(request, name: str) -> str:
    """The list's address for its page links when the page answers a POST to another address
    (a refused form), so that they do not lead to the form's address; empty otherwise."""
    path = reverse(name)
    return "" if request.path == path else path


# The field of a workbench form a service's refusal is about, by error code; others name their
# field in ``details`` or stand above the form.
ERROR_FIELDS = {
    "date_in_future": "date",
    "date_before_previous_act": "date",
    "report_exists": "year",
    "nothing_to_report": "year",
}


def _refuse(form, error: DomainError, fields: dict[str, str] = ERROR_FIELDS) -> None:
    """Put a service's refusal next to the field it is about (above the form when none is)."""
    field = fields.get(error.code) or error.details.get("field")
    form.add_error(field if field in form.fields else None, error.message)


@require_POST
@staff_view
def year_report(request):
    """Publish the year's handling report; a refusal shows the list again with the cause at its
    field and the input kept."""
    if request.agency is None:
        raise Http404("无可用机构")
    form = YearReportForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    data = form.cleaned_data
    try:
        report = services.publish_year_report(
            request.agency, actor=request.user, year=data["year"], on=data["date"], note=data["note"]
        )
    except DomainError as error:
        _refuse(form, error)
        return _list_page(request, form, status=error.status)
    messages.success(request, f"已公开{report.year}年度办理情况（索引号{report.item.index_no}）")
    return redirect("proposals_staff:list")


@require_POST
@staff_view
def co_views(request, pk, agency_code):
    """A co-handler's views to the lead; a refusal shows the proposal again with the error at its
    field and the views as typed."""
    proposal = selectors.staff_proposal(request.user, pk)
    co_handler = selectors.co_handler_of(request.user, proposal, agency_code)
    form = ViewsForm(request.POST, agency_code=co_handler.agency.code)
    if not form.is_valid():
        return _detail(request, proposal, failed_views=(co_handler.agency.code, form), status=400)
    try:
        services.send_views(
            co_handler, actor=request.user, on=form.cleaned_data["date"], views=form.cleaned_data["views"]
        )
    except DomainError as error:
        if error.code == "views_sent":  # the views are in: the page offers no form to show it at
            messages.error(request, error.message)
            return redirect("proposals_staff:detail", pk=pk)
        _refuse(form, error)
        return _detail(request, proposal, failed_views=(co_handler.agency.code, form), status=error.status)
    messages.success(request, "已提交协办意见")
    return redirect("proposals_staff:detail", pk=pk)


@staff_view
def proposal_new(request):
    if request.agency is None or not permissions.may(request.user, "edit", request.agency):
        raise Http404("无可用机构")
    form = ProposalForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        co_agencies = data.pop("co_handlers")
        try:
            proposal = services.create_proposal(
                actor=request.user, agency=request.agency, co_agencies=co_agencies, **data
            )
        except DomainError as error:
            _refuse(form, error, {"date_in_future": "assigned_on", "proposal_exists": "number"})
        else:
            messages.success(request, "已登记")
            return redirect("proposals_staff:detail", pk=proposal.pk)
    return render(request, "proposals/workbench/form.html", {"form": form})


def _co_handler_rows(request, proposal, failed: tuple[str, ViewsDueForm] | None) -> list[dict]:
    """Each co-handler's views date (set by the lead or the default) and whether the views are in;
    a form to set the date for the lead's staff while the proposal is handled and the views are not in."""
    may_set = clocks.state_of(proposal) == State.HANDLING and permissions.may(
        request.user, "edit", proposal.agency_id
    )
    rows = []
    for co in proposal.co_handlers.all():
        due = clocks.views_due(co)
        form = None
        if may_set and co.views_sent_on is None:
            form = ViewsDueForm(
                prefix=f"views-due-{co.agency.code}", initial={"views_due_on": co.views_due_on}
            )
            if failed and failed[0] == co.agency.code:
                form = failed[1]
        rows.append({"co": co, "due": due, "set": co.views_due_on is not None, "form": form})
    return rows


def _detail(
    request,
    proposal,
    *,
    failed: tuple[str, ViewsDueForm] | None = None,
    failed_act: tuple[str, object] | None = None,
    failed_views: tuple[str, ViewsForm] | None = None,
    status: int = 200,
):
    """The proposal page; ``failed_act`` (action, bound form) and ``failed_views`` (co-handler's
    code, bound form) are shown again with their errors and input."""
    state = clocks.state_of(proposal)
    available = {
        "handling": ["answer"] + ([] if proposal.extended else ["extend"]),
        "answered": ["rate"],
        "second_answer_due": ["second_answer"],
    }.get(state.value, [])
    if proposal.answered_on and not proposal.published_on:
        available.append("publish")
    today = timezone.localdate()
    forms_ = [
        (
            action,
            ACTION_FORMS[action][1],
            failed_act[1]
            if failed_act is not None and failed_act[0] == action
            else _act_form(action, initial={"date": today}),
            ACTION_CONFIRMATIONS[action],
        )
        for action in available
    ]
    own = [
        co for co in proposal.co_handlers.all()
        if co.views_sent_on is None and permissions.may(request.user, "edit", co.agency_id)
    ]  # fmt: skip
    if not permissions.may(request.user, "edit", proposal.agency_id):
        forms_ = []
    rows = _co_handler_rows(request, proposal, failed)
    # A refusal whose form the page no longer offers (the views came in, the proposal was answered)
    # is shown above the co-handlers' table instead.
    lost = failed is not None and not any(row["form"] is failed[1] for row in rows)
    views_forms = [
        (
            co.agency,
            failed_views[1]
            if failed_views is not None and failed_views[0] == co.agency.code
            else ViewsForm(agency_code=co.agency.code, initial={"date": today}),
        )
        for co in own
    ]
    # The refused form: its first field at fault focused and its errors summed up under the title,
    # each a link to its field (to the form for an error of the whole form) while the form is shown.
    shown = [form for _, _, form, _ in forms_] + [form for _, form in views_forms]
    shown += [row["form"] for row in rows if row["form"]]
    refused = next((pair[1] for pair in (failed_act, failed_views) if pair), failed[1] if failed and not lost else None)
    if refused is not None:
        refused.focus_first_error()
    context = {
        "p": presenters.staff_payload(proposal, timezone.localdate()),
        "forms": forms_,
        "views_forms": views_forms,
        "refused": refused,
        "error_summary": refused.error_summary(shown=any(form is refused for form in shown))
        if refused is not None
        else [],
        "co_rows": rows,
        "views_due_forms": any(row["form"] for row in rows),
        "views_due_error": "；".join(e for errors in failed[1].errors.values() for e in errors)
        if lost
        else "",
    }
    return render(request, "proposals/workbench/detail.html", context, status=status)


def _act_form(action: str, *args, **kwargs):
    """The form of an act on the proposal's page, its fields prefixed and its ids with them."""
    form_class, label = ACTION_FORMS[action]
    form = form_class(*args, prefix=action, **kwargs)
    form.label = label
    return form


@staff_view
def proposal_detail(request, pk):
    return _detail(request, selectors.staff_proposal(request.user, pk))


@require_POST
@staff_view
def views_due(request, pk, agency_code):
    """The lead's staff set the date of a co-handler's views (``services.set_views_due``, audited);
    a refusal is shown next to that co-handler's form."""
    proposal = selectors.staff_proposal(request.user, pk, action="edit")
    co_handler = selectors.co_handler_named(proposal, agency_code)
    form = ViewsDueForm(request.POST, prefix=f"views-due-{co_handler.agency.code}")
    if not form.is_valid():
        return _detail(request, proposal, failed=(co_handler.agency.code, form), status=422)
    try:
        services.set_views_due(
            co_handler,
            actor=request.user,
            on=timezone.localdate(),
            views_due_on=form.cleaned_data["views_due_on"],
        )
    except DomainError as error:
        form.add_error(None, error.message)
        proposal = selectors.staff_proposal(request.user, pk, action="edit")
        return _detail(request, proposal, failed=(co_handler.agency.code, form), status=error.status)
    co_handler.refresh_from_db()
    due = clocks.views_due(co_handler).on
    messages.success(
        request,
        f"已设定{co_handler.agency.name}提交协办意见的截止日期" + (f"为{due.isoformat()}" if due else ""),
    )
    return redirect(reverse("proposals_staff:detail", args=[pk]) + "#co-handlers")


@require_POST
@staff_view
def proposal_act(request, pk, action):
    if action not in ACTION_FORMS:
        raise Http404
    proposal = selectors.staff_proposal(request.user, pk, action="review" if action == "publish" else "edit")
    form = _act_form(action, request.POST)
    if not form.is_valid():  # shown again with the errors next to the fields and the input kept
        return _detail(request, proposal, failed_act=(action, form), status=400)
    data = dict(form.cleaned_data)
    on = data.pop("date")
    call = {
        "extend": services.extend,
        "answer": services.answer,
        "rate": services.rate,
        "second_answer": services.answer_again,
        "publish": services.publish,
    }[action]
    try:
        call(proposal, actor=request.user, on=on, **data)
    except DomainError as error:
        form.add_error(None, error.message)
        return _detail(request, proposal, failed_act=(action, form), status=error.status)
    messages.success(request, f"已{ACTION_FORMS[action][1]}")
    return redirect("proposals_staff:detail", pk=pk)


@staff_view
def task_list(request):
    form = TaskForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and request.agency is not None and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.create_task(actor=request.user, agency=request.agency, **data)
        except DomainError as error:
            _refuse(form, error)
        else:
            messages.success(request, "已分解任务")
            return redirect("proposals_staff:tasks")
    return _tasks_page(request, form)


def _tasks_page(request, form, *, failed: tuple[int, ProgressForm] | None = None, status: int = 200):
    """One page of the key tasks with a progress form each (dated today to start with);
    ``failed`` (task id, bound form) is shown again with its errors next to the fields and the
    clerk's text kept. The page asked for travels in the query, also through a progress report."""
    today = timezone.localdate()
    tasks = selectors.staff_tasks(request.user, agency=request.agency)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for task in page.object_list:
        row = presenters.task_payload(task, today, staff=True)
        if failed is not None and failed[0] == row["id"]:
            rows.append((row, failed[1]))
        else:
            rows.append((row, ProgressForm(prefix=f"progress-{row['id']}", initial={"date": today})))
    context = {
        "rows": rows,
        "form": form,
        "page": page,
        "page_query": f"?page={page.number}" if page.number > 1 else "",
        "page_path": _list_path(request, "proposals_staff:tasks"),
    }
    return render(request, "proposals/workbench/tasks.html", context, status=status)


# Which field of the progress form a refusal of ``services.report_progress`` is about.
PROGRESS_ERROR_FIELDS = {
    "screening_findings": "text",
    "override_reason_insufficient": "override_reason",
    "override_needs_reviewer": "override_reason",
    "date_in_future": "date",
    "date_before_previous_act": "date",
    "invalid_status": "status",
}


@require_POST
@staff_view
def task_progress(request, pk):
    """A progress report; a refusal shows the tasks page again with the error next to the field
    and the report as typed, rather than losing it behind a redirect."""
    task = selectors.task_for_progress(request.user, pk)
    form = ProgressForm(request.POST, prefix=f"progress-{task.pk}")
    if not form.is_valid():
        return _tasks_page(request, TaskForm(agency=request.agency), failed=(task.pk, form), status=400)
    data = form.cleaned_data
    try:
        services.report_progress(
            task,
            actor=request.user,
            on=data["date"],
            status=data["status"],
            text=data["text"],
            override_reason=data["override_reason"],
        )
    except DomainError as error:
        _refuse(form, error, PROGRESS_ERROR_FIELDS)
        return _tasks_page(request, TaskForm(agency=request.agency), failed=(task.pk, form), status=error.status)
    messages.success(request, "已报送进展")
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return redirect(reverse("proposals_staff:tasks") + f"{query}#task-{task.pk}")
