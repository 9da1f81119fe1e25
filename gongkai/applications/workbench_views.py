"""Workbench pages of 依申请公开: the list by deadline, registration, the application page with its
timeline, deadline and acts, reviews, letters and letter templates.

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
from gongkai.applications.choices import Action, Channel, NotHeld, Outcome, SignOff, State
from gongkai.applications.clock import CREATION, INTERNAL
from gongkai.applications.forms import RegistrationForm
from gongkai.applications.letters import numbering, texts
from gongkai.applications.presenters import detail, fee_particulars, list_row
from gongkai.applications.workbench_forms import ActionForm, DecideForm, FilterForm, ReviewForm, SettingsForm
from gongkai.applications.year_end_warnings import application_warning
from gongkai.core.errors import DomainError, InvalidInput
from gongkai.workbench.context import staff_agencies, staff_view
from gongkai.workbench.registry import deadline_status

PAGE_SIZE = 20
SIGNOFF_ACTS = ("draft_reply", "approve_reply", "return_reply")


def status_of(days_left: int | None, state: str, *, due_on=None, today=None) -> str:
    if state == State.CONCLUDED:
        return "normal"
    return deadline_status(days_left, due_on=due_on, today=today)


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


def event_summary(data: dict) -> str:
    """What an event's data says, in a line for the timeline."""
    parts = []
    if data.get("letter_no"):
        parts.append(f"文号：{data['letter_no']}")
    if data.get("outcome") in Outcome.values:
        parts.append(f"结果：{Outcome(data['outcome']).label}")
    parts.extend(not_held_lines(data))
    if isinstance(data.get("items"), list) and data["items"]:
        parts.append("补正事项：" + "；".join(str(item) for item in data["items"]))
    if data.get("respond_within_days"):
        parts.append(f"补正期限 {data['respond_within_days']} 个工作日")
    if data.get("days"):
        parts.append(f"延长 {data['days']} 个工作日")
    if data.get("approver"):
        parts.append(f"批准人：{data['approver']}")
    if data.get("approved_in_system_by"):
        parts.append(f"在系统中批准：{data['approved_in_system_by']}")
    if data.get("signed_off_by"):
        parts.append(f"签发人：{data['signed_off_by']}")
    if data.get("comment"):
        parts.append(f"退回意见：{data['comment']}")
    if data.get("third_party"):
        parts.append(f"征求意见对象：{data['third_party']}")
    if data.get("amount"):
        parts.append(f"金额：{data['amount']} 元")
    parts += fee_particulars(data)
    if data.get("due_on"):
        parts.append(f"答复期限：{data['due_on']}")
    for key, label in (("reason", "理由"), ("note", "说明")):
        if data.get(key):
            parts.append(f"{label}：{data[key]}")
    return "；".join(parts)


def not_held_lines(data: dict) -> list[str]:
    """Which answer a reply 本机关不掌握 gave (Art. 36(四)/(五)) and the agency it named."""
    lines = []
    if data.get("not_held") in NotHeld.values:
        lines.append(f"不掌握的情形：{NotHeld(data['not_held']).label}")
    if data.get("other_agency_name"):
        contact = data.get("other_agency_contact")
        contact = f"（联系方式：{contact}）" if contact else ""
        lines.append(f"负责公开的行政机关：{data['other_agency_name']}{contact}")
    return lines


def _allowed_actions(data: dict, *, can_review: bool, policy: str) -> list[str]:
    """The acts the state allows, minus the once-only ones already done (lifecycle decides anyway),
    with sign-off: a handler drafts instead of replying where the agency requires it, and waits
    while a draft is with the reviewer; a reviewer replies directly or decides on the draft."""
    allowed = lifecycle.ALLOWED[data["state"]]
    done = {event["action"] for event in data["events"] if not event["voided"]}
    if not data["extension_days"]:
        done.discard("extend")  # one granted before a 补正 went with the old limit (Art. 30)
    actions = [
        action
        for action in Action.values
        if action in allowed and not (action in lifecycle.ONCE_ONLY and action in done)
    ]
    if "reply" not in actions:
        return actions
    pending = data.get("pending_draft") is not None
    if can_review:
        if pending:
            actions[actions.index("reply") : actions.index("reply")] = ["approve_reply", "return_reply"]
        return actions
    if pending or policy == SignOff.ALL:
        actions.remove("reply")
    if not pending and policy != SignOff.NONE:
        actions.append("draft_reply")
    return actions


def _label_events(events: list[dict]) -> None:
    """Labels, summaries, letters, voids and the day of entry of each timeline entry."""
    by_id = {event["id"]: event for event in events}
    for event in events:
        data = event["data"] or {}
        event["label"] = Action(event["action"]).label if event["action"] in Action.values else event["action"]
        event["summary"] = event_summary(data)
        event["letter"] = texts.kind_for(event["action"], data.get("outcome", ""))
        event["void"] = by_id.get(event["voided_by"])
        if event["action"] == Action.VOID:
            target = by_id.get(data.get("voids"))
            event["target"] = target
        recorded_on = timezone.localtime(event["recorded_at"]).date()
        event["recorded_on"] = recorded_on if recorded_on != event["date"] else None


def _void_form(user, application, events: list[dict], failed: ActionForm | None) -> ActionForm | None:
    """The void form for a reviewer, naming the act it would cancel; none when nothing is left."""
    if not permissions.may(user, "review", application.agency_id):
        return None
    # As ``clock.latest_act``: the internal steps of sign-off are not acts a void cancels.
    skipped = (*CREATION, Action.VOID, *INTERNAL)
    in_force = [e for e in events if not e["voided"] and e["action"] not in skipped]
    if not in_force:
        return None
    target = in_force[-1]
    form = failed if failed is not None and failed.action == Action.VOID else ActionForm(Action.VOID)
    form.hint = (
        f"将作废“{target['label']}”（{target['date']:%Y-%m-%d}）。仅用于纠正录入错误；"
        "原记录和已出具的文书保留并标注作废，答复期限按作废后的记录重新计算。"
    )
    return form


def _labelled_draft(draft: dict | None) -> dict | None:
    if draft is not None:
        label = Outcome(draft["outcome"]).label if draft["outcome"] else ""
        draft = {**draft, "outcome_label": label, "outcome_detail": "；".join(not_held_lines(draft))}
    return draft


def _reply_data(events: list[dict]) -> dict:
    """The data of the reply in force (the one that concluded the application), or {}."""
    replies = [event for event in events if event["action"] == Action.REPLY and not event["voided"]]
    return (replies[-1]["data"] or {}) if replies else {}


def _initial(data: dict, action: str) -> dict:
    """The date an act's form offers: today, but an ordinary letter whose arrival was recorded is
    confirmed on the day it arrived (Art. 31(二), ``lifecycle``)."""
    if action == Action.CONFIRM_RECEIPT and data["channel"] == Channel.POST and data["arrived_on"]:
        return {"date": data["arrived_on"]}
    return {"date": timezone.localdate()}


def _page(
    request, application, *, failed: ActionForm | None = None, error: str = "", review_form=None, status=200
):
    today = timezone.localdate()
    data = detail(application, today)
    can_edit = permissions.may(request.user, "edit", application.agency_id)
    can_review = permissions.may(request.user, "review", application.agency_id)
    policy = numbering.settings_for(application.agency).signoff
    forms = []
    if can_edit:
        for action in _allowed_actions(data, can_review=can_review, policy=policy):
            forms.append(
                failed
                if failed is not None and failed.action == action
                else ActionForm(action, initial=_initial(data, action))
            )
    _label_events(data["events"])
    void_form = _void_form(request.user, application, data["events"], failed)
    if void_form is not None:
        forms.append(void_form)
    context = {
        "app": application,
        "data": data,
        "status": status_of(data["days_left"], data["state"], due_on=data["due_on"], today=today),
        "today": today,
        "state_label": State(data["state"]).label,
        "outcome_label": Outcome(data["outcome"]).label if data["outcome"] else "",
        "outcome_detail": "；".join(not_held_lines(_reply_data(data["events"]))),
        "action_forms": forms,
        "pending_draft": _labelled_draft(data.get("pending_draft")),
        "can_review": can_review,
        "signoff_label": SignOff(policy).label,
        "action_error": error,
        "failed_action": failed.action if failed is not None else "",
        "can_edit": can_edit,
        "review_form": review_form or ReviewForm(initial={"filed_on": today}),
        # One form per review row: no ids (they would repeat), each field named by its wrapping label.
        "decide_form": DecideForm(initial={"decided_on": today}, auto_id=False),
        "reviews": application.reviews.all(),
        "year_end_warning": application_warning(request.user, application, today),
        "fee_particulars": "；".join(fee_particulars(data["fee"])) if data["fee"] else "",
    }
    return render(request, "applications/workbench_detail.html", context, status=status)


@staff_view
def application_page(request, pk: int):
    return _page(request, selectors.application_for(request.user, pk))


@require_POST
@staff_view
def act(request, pk: int, action: str):
    application = selectors.application_for(request.user, pk, action="edit")
    if action not in {*lifecycle.ACTIONS, Action.VOID, *SIGNOFF_ACTS}:
        raise Http404("未知的办理动作")
    form = ActionForm(action, request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, application, failed=form, status=400)
    try:
        getattr(services, action)(application, actor=request.user, **form.service_kwargs())
    except DomainError as error:
        application.refresh_from_db()
        return _page(request, application, failed=form, error=error.message, status=error.status)
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
            form.add_error(None, error.message)
        else:
            messages.success(request, "已登记行政复议或诉讼")
            return redirect(reverse("applications_staff:detail", args=[pk]) + "#reviews")
    return _page(request, application, review_form=form, status=400)


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
        document.file.open("rb"), as_attachment=True, filename=document.name, content_type=document.content_type
    )
    return response
