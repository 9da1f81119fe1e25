"""Workbench pages of suggestions and proposals: the list with due days, registration, and one
page per record with the forms of its acts; key tasks with their findings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.core.errors import DomainError
from gongkai.proposals import clocks, presenters, selectors, services
from gongkai.proposals.workbench_forms import ACTION_FORMS, ProposalForm
from gongkai.workbench.context import staff_view


@staff_view
def proposal_list(request):
    today = timezone.localdate()
    state = request.GET.get("state", "")
    queryset = selectors.staff_proposals(request.user, agency=request.agency, state=state or None)
    rows = [presenters.staff_payload(proposal, today) for proposal in queryset[:300]]
    return render(request, "proposals/workbench/list.html", {"rows": rows, "state": state})


@staff_view
def proposal_new(request):
    if request.agency is None or not permissions.may(request.user, "edit", request.agency):
        raise Http404("无可用机构")
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        codes = [code.strip() for code in data.pop("co_handlers").replace("，", ",").split(",") if code.strip()]
        co_agencies = list(Agency.objects.filter(code__in=codes))
        if len(co_agencies) != len(set(codes)):
            form.add_error("co_handlers", "有未知的机构代码")
        else:
            try:
                proposal = services.create_proposal(actor=request.user, agency=request.agency, co_agencies=co_agencies, **data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "已登记")
                return redirect("proposals_staff:detail", pk=proposal.pk)
    return render(request, "proposals/workbench/form.html", {"form": form})


@staff_view
def proposal_detail(request, pk):
    proposal = selectors.staff_proposal(request.user, pk)
    state = clocks.state_of(proposal)
    available = {
        "handling": ["answer"] + ([] if proposal.extended else ["extend"]),
        "answered": ["rate"],
        "second_answer_due": ["second_answer"],
    }.get(state.value, [])
    if proposal.answered_on and not proposal.published_on:
        available.append("publish")
    forms_ = [(action, ACTION_FORMS[action][1], ACTION_FORMS[action][0](prefix=action)) for action in available]
    context = {"p": presenters.staff_payload(proposal, timezone.localdate()), "forms": forms_}
    return render(request, "proposals/workbench/detail.html", context)


@require_POST
@staff_view
def proposal_act(request, pk, action):
    if action not in ACTION_FORMS:
        raise Http404
    proposal = selectors.staff_proposal(request.user, pk, action="review" if action == "publish" else "edit")
    form = ACTION_FORMS[action][0](request.POST, prefix=action)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("proposals_staff:detail", pk=pk)
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
        messages.error(request, error.message)
    else:
        messages.success(request, f"已{ACTION_FORMS[action][1]}")
    return redirect("proposals_staff:detail", pk=pk)


@staff_view
def task_list(request):
    today = timezone.localdate()
    rows = [presenters.task_payload(task, today, staff=True) for task in selectors.staff_tasks(request.user, agency=request.agency)]
    return render(request, "proposals/workbench/tasks.html", {"rows": rows})
