"""Workbench pages of 互动交流: the list by due date, registration, the message page with its timeline
and act forms (publication with screening), the FAQ and the reply limits.

Each POST calls one service; a refused act (``DomainError``) is shown next to its form and changes
nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import public_agencies
from gongkai.core.errors import DomainError, InvalidInput
from gongkai.interaction import lifecycle, selectors, services
from gongkai.interaction.presenters import detail, list_row
from gongkai.interaction.vocabulary import OPEN_STATES, Action, Channel, Kind, Rating, RejectReason, State
from gongkai.interaction.workbench_forms import ActionForm, FaqForm, FilterForm, LimitsForm, RegistrationForm
from gongkai.workbench.context import staff_view
from gongkai.workbench.registry import deadline_status

PAGE_SIZE = 20
status_of = deadline_status
# The texts screening names in its findings, as staff read them.
FINDING_FIELDS = {
    "title": "标题",
    "body": "留言内容",
    "reply": "答复内容",
    "question": "问题",
    "answer": "解答",
}


@staff_view
def index(request):
    today = timezone.localdate()
    form = FilterForm(request.GET or None)
    rows, page = [], None
    if request.agency is not None:
        queryset = selectors.filtered(
            request.user, agency=request.agency, subtree=True, today=today, **form.filters()
        )
        page = Paginator(selectors.by_due_date(queryset), PAGE_SIZE).get_page(request.GET.get("page"))
        calendars: dict = {}
        for message in page.object_list:
            row = list_row(message, today, calendars)
            row.update(
                status=status_of(row["days_left"], due_on=row["due_on"], today=today),
                state_label=State.label_of(row["state"]),
                kind_label=Kind.label_of(row["kind"]),
                channel_label=Channel.label_of(row["channel"]),
            )
            rows.append(row)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "rows": rows, "page": page, "query": query.urlencode(), "today": today}
    return render(request, "interaction/workbench_index.html", context)


@staff_view
def register(request):
    form = RegistrationForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and request.agency is not None:
        try:
            message = services.register(actor=request.user, agency=request.agency, **form.cleaned_data)
        except InvalidInput as error:
            for problem in error.details.get("errors") or [
                {"field": error.details.get("field"), "message": error.message}
            ]:
                form.add_error(
                    problem["field"] if problem.get("field") in form.fields else None, problem["message"]
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已登记留言，查询码 {message.tracking_code}")
            return redirect("interaction_staff:detail", pk=message.pk)
    status = 400 if form.is_bound else 200
    return render(request, "interaction/workbench_register.html", {"form": form}, status=status)


def event_summary(data: dict, names: dict[str, str] | None = None) -> str:
    names = names or {}
    parts = []
    if data.get("reason_code"):
        parts.append(f"理由：{RejectReason.label_of(data['reason_code'])}")
    if data.get("to"):
        parts.append(f"{names.get(data.get('from'), data.get('from'))} → {names.get(data['to'], data['to'])}")
    if data.get("days"):
        parts.append(f"延长 {data['days']} 个工作日")
    if data.get("rating"):
        parts.append(f"评价：{Rating.label_of(data['rating'])}")
    if data.get("limit") and data.get("kind"):
        parts.append(f"答复时限 {data['limit']} 个工作日")
    for key, label in (("text", "答复"), ("reason", "理由"), ("note", "说明")):
        if data.get(key):
            parts.append(f"{label}：{str(data[key])[:200]}")
    return "；".join(parts)


# Acts only a reviewer (or above) may do: their forms are not offered to a handler.
REVIEWER_ACTS = frozenset({"publish", "unpublish", "to_faq"})


def _forms(
    message, data: dict, failed: ActionForm | None, *, can_review: bool = True, made_faq=None
) -> list[ActionForm]:
    """One form per act the state allows (publication only with consent, unpublish only when published,
    no second FAQ from a message already made one)."""
    allowed = lifecycle.ALLOWED[data["state"]] - {"rate"}
    if not can_review:
        allowed -= REVIEWER_ACTS
    if not message.publish_consent or data["published"]:
        allowed -= {"publish"}
    if not data["published"]:
        allowed -= {"unpublish"}
    if "reopen" in allowed and not (data["rating"] == Rating.DISSATISFIED and not _reopened(data)):
        allowed -= {"reopen"}
    if data["extension_days"]:
        allowed -= {"extend"}
    if made_faq is not None:
        allowed -= {"to_faq"}
    today = timezone.localdate()
    # A wording made before the message was replied again (after reopening) keeps its title and
    # text, but the new reply is offered in place of the earlier one.
    outdated = bool(data["published_wording"] and data["published_wording"]["outdated"])
    published_reply = "" if outdated else message.published_reply
    initial = {
        "publish": {
            "title": message.published_title or message.title,
            "body": message.published_body or services.masked(message.body, today=today, name=message.name),
            "reply": published_reply or services.masked(message.reply_text, today=today, name=message.name),
        },
        "to_faq": {
            "topic": Kind.label_of(message.kind),
            "question": message.published_title or message.title,
            "answer": published_reply or message.reply_text,
        },
    }
    agencies = public_agencies().exclude(pk=message.agency_id)
    return [
        failed
        if failed is not None and failed.action == action
        else ActionForm(action, initial=initial.get(action, {}), agencies=agencies)
        for action in (
            "accept",
            "reply",
            "transfer",
            "extend",
            "reject",
            "reopen",
            "publish",
            "unpublish",
            "to_faq",
        )
        if action in allowed
    ]


def _reopened(data: dict) -> bool:
    return any(event["action"] == "reopen" for event in data["events"])


def _page(request, message, *, failed: ActionForm | None = None, error: str = "", findings=None, status=200):
    today = timezone.localdate()
    data = detail(message, today)
    can_edit = permissions.may(request.user, "edit", message.agency_id)
    can_review = permissions.may(request.user, "review", message.agency_id)
    codes = {code for transfer in data["transfers"] for code in (transfer["from"], transfer["to"])}
    names = dict(Agency.objects.filter(code__in=codes).values_list("code", "name"))
    for event in data["events"]:
        event["label"] = Action.label_of(event["action"])
        event["summary"] = event_summary(event["data"] or {}, names)
    # The screening of the original wording is a warning before publication: not once the message is
    # published (its published wording is what the portal shows), nor when it never will be.
    publication_ahead = message.publish_consent and not data["published"] and data["state"] != State.REJECTED
    if findings is None:
        findings = (
            [
                finding
                for finding in services.screen(
                    {"title": message.title, "body": message.body, "reply": message.reply_text},
                    today=today,
                )
                if finding["severity"] == "block"
            ]
            if publication_ahead
            else []
        )
    made_faq = message.faqs.order_by("pk").first()
    action_forms = _forms(message, data, failed, can_review=can_review, made_faq=made_faq) if can_edit else []
    context = {
        "message": message,
        "data": data,
        "status": status_of(data["days_left"], due_on=data["due_on"], today=today),
        "today": today,
        "state_label": State.label_of(data["state"]),
        "open": data["state"] in OPEN_STATES,
        "kind_label": Kind.label_of(data["kind"]),
        "channel_label": Channel.label_of(data["channel"]),
        "rating_label": Rating.label_of(data["rating"]) if data["rating"] else "",
        "reject_label": RejectReason.label_of(data["reject_reason"]) if data["reject_reason"] else "",
        "action_forms": action_forms,
        # A refusal of an act no longer offered (a second FAQ from another tab) is shown above the forms.
        "unplaced_error": error if failed is not None and failed not in action_forms else "",
        "made_faq": made_faq,
        "can_review": can_review,
        "reviewer_acts_waiting": can_edit
        and not can_review
        and bool(lifecycle.ALLOWED[data["state"]] & REVIEWER_ACTS),
        "action_error": error,
        "failed_action": failed.action if failed is not None else "",
        "findings": [
            {**finding, "field_label": FINDING_FIELDS.get(finding["field"], finding["field"])}
            for finding in findings
        ],
    }
    return render(request, "interaction/workbench_detail.html", context, status=status)


@staff_view
def message_page(request, pk: int):
    return _page(request, selectors.message_for(request.user, pk))


@require_POST
@staff_view
def act(request, pk: int, action: str):
    message = selectors.message_for(request.user, pk, action="edit")
    if action not in lifecycle.ACTIONS or action == "rate":
        raise Http404("未知的办理动作")
    form = ActionForm(action, request.POST, agencies=public_agencies().exclude(pk=message.agency_id))
    if not form.is_valid():
        return _page(request, message, failed=form, status=400)
    try:
        getattr(services, action)(message, actor=request.user, **form.service_kwargs())
    except DomainError as error:
        message.refresh_from_db()
        findings = error.details.get("findings") if error.code == "screening_findings" else None
        # A refusal about particular fields (the note of an "other" rejection, the wordings naming
        # the writer) is shown at those fields; any other stays above the form.
        fields = [
            name
            for name in (error.details.get("field"), *(error.details.get("fields") or ()))
            if name in form.fields
        ]
        for name in fields:
            form.add_error(name, error.message)
        return _page(
            request,
            message,
            failed=form,
            error="" if fields else error.message,
            findings=findings,
            status=error.status,
        )
    messages.success(request, f"已记录：{form.label}")
    if action == "transfer":
        # The list's top, where the confirmation is shown: a redirect without a fragment would keep
        # the form action's "#action-transfer".
        return redirect(reverse("interaction_staff:index") + "#top")
    return redirect(reverse("interaction_staff:detail", args=[pk]) + "#timeline")


@staff_view
def faq_index(request):
    entries = selectors.faqs_for_staff(request.user, request.agency) if request.agency is not None else []
    return render(request, "interaction/workbench_faqs.html", {"entries": entries})


@staff_view
def faq_edit(request, pk: int | None = None):
    faq = selectors.faq_for(request.user, pk, action="review") if pk is not None else None
    initial = (
        {
            "topic": faq.topic,
            "question": faq.question,
            "answer": faq.answer,
            "public": faq.public,
            "sort_order": faq.sort_order,
        }
        if faq
        else None
    )
    form = FaqForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_faq(faq, actor=request.user, agency=request.agency, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已保存常见问题")
            return redirect("interaction_staff:faqs")
    status = 400 if form.is_bound else 200
    return render(request, "interaction/workbench_faq_edit.html", {"form": form, "faq": faq}, status=status)


@staff_view
def limits(request):
    agency = request.agency
    if agency is None:
        raise Http404("请先选择机构")
    current = selectors.limits_for(agency)
    form = LimitsForm(request.POST or None, initial=current)
    can_manage = permissions.may(request.user, "manage", agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_limits(agency, actor=request.user, limits=form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已保存答复时限")
            return redirect("interaction_staff:limits")
    status = 400 if form.is_bound else 200
    return render(
        request, "interaction/workbench_limits.html", {"form": form, "can_manage": can_manage}, status=status
    )
