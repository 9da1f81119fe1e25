"""Workbench pages of 依申请公开: the list by deadline, registration, the acts on an application,
reviews, the agency's settings and approval files (the application page itself is
``workbench_detail``; letters and letter templates are ``letter_views``).

Each POST calls one service; a refused act (``DomainError``) is shown next to its form and
changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, When
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.applications import letter_numbers, lifecycle, selectors, services
from gongkai.applications.choices import Action, Channel, Outcome, SignOff, State
from gongkai.applications.forms import RegistrationForm
from gongkai.applications.letters import numbering
from gongkai.applications.presenters import list_row
from gongkai.applications.workbench_detail import detail_page, status_of
from gongkai.applications.workbench_forms import ActionForm, DecideForm, FilterForm, ReviewForm, SettingsForm
from gongkai.core.errors import DomainError, InvalidInput
from gongkai.workbench.context import staff_agencies, staff_view

PAGE_SIZE = 20
SIGNOFF_ACTS = ("draft_reply", "approve_reply", "return_reply")


def _by_deadline(queryset):
    """Open applications first, soonest deadline first; paused and unreceived ones after them."""
    return queryset.annotate(
        closed=Case(When(state=State.CONCLUDED, then=1), default=0, output_field=IntegerField())
    ).order_by("closed", F("due_on").asc(nulls_last=True), "created_at", "id")


@staff_view
def index(request):
    """The applications of the current agency — for the disclosure office, of every agency below
    it as well, with the agency as a column and a filter."""
    today = timezone.localdate()
    agencies = permissions.subtree_agencies(request.user, request.agency) if request.agency else None
    form = FilterForm(request.GET or None, agencies=agencies)
    rows, page = [], None
    if request.agency is not None:
        filters = form.filters()
        chosen = filters.pop("agency")
        queryset = selectors.filtered(
            request.user, agency=chosen or request.agency, subtree=chosen is None, today=today, **filters
        )
        page = Paginator(_by_deadline(queryset), PAGE_SIZE).get_page(request.GET.get("page"))
        calendars: dict = {}
        for application in page.object_list:
            row = list_row(application, today, calendars)
            row.update(
                agency_name=application.agency.name,
                status=status_of(row["days_left"], row["state"], due_on=row["due_on"], today=today),
                state_label=State(row["state"]).label,
                channel_label=Channel(row["channel"]).label,
                outcome_label=Outcome(row["outcome"]).label if row["outcome"] else "",
            )
            rows.append(row)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "query": query.urlencode(),
        "today": today,
        "many_agencies": "agency" in form.fields,
    }
    return render(request, "applications/workbench_index.html", context)


@staff_view
def register(request):
    agencies = staff_agencies(request.user)
    form = RegistrationForm(request.POST or None, agencies=agencies, initial={"agency": request.agency})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.register(
                actor=request.user,
                agency=data["agency"],
                channel=data["channel"],
                applicant=form.applicant,
                received_on=data.get("received_on"),
                **form.content(),
            )
        except InvalidInput as error:
            form.add_service_errors(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已登记申请，查询码 {application.tracking_code}")
            return redirect("applications_staff:detail", pk=application.pk)
    status = 400 if form.is_bound else 200
    return render(request, "applications/workbench_register.html", {"form": form}, status=status)


@staff_view
def application_page(request, pk: int):
    return detail_page(request, selectors.application_for(request.user, pk))


@require_POST
@staff_view
def act(request, pk: int, action: str):
    application = selectors.application_for(request.user, pk, action="edit")
    if action not in {*lifecycle.ACTIONS, Action.VOID, *SIGNOFF_ACTS}:
        raise Http404("未知的办理动作")
    form = ActionForm(action, request.POST, request.FILES)
    if not form.is_valid():
        return detail_page(request, application, failed=form, status=400)
    try:
        getattr(services, action)(application, actor=request.user, **form.service_kwargs())
    except DomainError as error:
        application.refresh_from_db()
        form.add_refusal(error)
        return detail_page(request, application, failed=form, status=error.status)
    messages.success(request, f"已记录：{form.label}")
    return redirect(reverse("applications_staff:detail", args=[pk]) + "#timeline")


@require_POST
@staff_view
def file_review(request, pk: int):
    application = selectors.application_for(request.user, pk, action="edit")
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.file_review(application, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_refusal(error)
            return detail_page(request, application, review_form=form, status=error.status)
        messages.success(request, "已登记行政复议或诉讼")
        return redirect(reverse("applications_staff:detail", args=[pk]) + "#reviews")
    return detail_page(request, application, review_form=form, status=400)


@require_POST
@staff_view
def decide_review(request, pk: int, review_id: int):
    review = selectors.review_for(request.user, review_id, action="edit")
    if review.application_id != pk:
        raise Http404("没有这条记录")
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写审结日期和结果")
    else:
        try:
            services.decide_review(review, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "已记录审结结果")
    return redirect(reverse("applications_staff:detail", args=[pk]) + "#reviews")


def _settings_form(agency, data=None) -> SettingsForm:
    saved = numbering.settings_for(agency)
    short = letter_numbers.short_name(agency.name)
    defaults = {"short_name": short}
    for series in letter_numbers.SERIES:
        defaults[f"prefix_{series}"] = letter_numbers.default_prefix(saved.short_name or short, series)
    initial = {name: getattr(saved, name) for name in services.settings.FIELDS}
    return SettingsForm(data, initial=initial, defaults=defaults)


@staff_view
def settings_page(request):
    """The agency's letter-number prefixes (文号) — shown to its staff, changed by its admin."""
    agency = request.agency
    if agency is None:
        return redirect("workbench:home")
    permissions.require(request.user, "view", agency)
    can_manage = permissions.may(request.user, "manage", agency)
    form = _settings_form(agency, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        permissions.require(request.user, "manage", agency)
        if form.is_valid():
            try:
                services.update_settings(agency, actor=request.user, **form.cleaned_data)
            except InvalidInput as error:
                form.add_error((error.details or {}).get("field"), error.message)
            else:
                messages.success(request, "已保存依申请公开设置")
                return redirect("applications_staff:settings")
        status = 400
    year = timezone.localdate().year
    examples = [
        (label, letter_numbers.format_number(prefix, year, 1))
        for (series, (label, _)), prefix in zip(
            letter_numbers.SERIES.items(), numbering.prefixes(agency).values(), strict=True
        )
    ]
    context = {
        "form": form,
        "can_manage": can_manage,
        "examples": examples,
        "signoff_label": SignOff(numbering.settings_for(agency).signoff).label,
    }
    return render(request, "applications/workbench_settings.html", context, status=status)


@staff_view
def approval_file(request, pk: int, document_id: int):
    """The signed approval of an extension, for the agency's staff."""
    application = selectors.application_for(request.user, pk)
    document = application.extension_approvals.filter(pk=document_id).first()
    if document is None:
        raise Http404("没有这份审批文件")
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )
    return response
