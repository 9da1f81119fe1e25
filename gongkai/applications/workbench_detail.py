"""The workbench page of one application: its timeline (labels, summaries, letters, voids), the
deadline, the acts its state allows as forms (sign-off and void included, refused input shown
again), the pending draft and the reviews (``workbench_views`` renders it after each act)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.applications import lifecycle
from gongkai.applications.choices import Action, Channel, NotHeld, Outcome, SignOff, State
from gongkai.applications.clock import CREATION, INTERNAL
from gongkai.applications.letters import numbering, texts
from gongkai.applications.presenters import detail, fee_particulars
from gongkai.applications.workbench_forms import ActionForm, DecideForm, ReviewForm
from gongkai.applications.year_end_warnings import application_warning
from gongkai.workbench.registry import deadline_status


def status_of(days_left: int | None, state: str, *, due_on=None, today=None) -> str:
    if state == State.CONCLUDED:
        return "normal"
    return deadline_status(days_left, due_on=due_on, today=today)


def event_summary(data: dict, names: dict[str, str] | None = None) -> str:
    """What an event's data says, in a line for the timeline; ``names`` turns the login codes it
    records (签发人, 在系统中批准) into the names people go by."""
    names = names or {}
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
        login = data["approved_in_system_by"]
        parts.append(f"在系统中批准：{names.get(login, login)}")
    if data.get("signed_off_by"):
        parts.append(f"签发人：{names.get(data['signed_off_by'], data['signed_off_by'])}")
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
    # An event's data names staff by login (``signed_off_by``); each of them is the actor of an event.
    names = {event["by"]: event["by_name"] for event in events}
    for event in events:
        data = event["data"] or {}
        event["label"] = (
            Action(event["action"]).label if event["action"] in Action.values else event["action"]
        )
        event["summary"] = event_summary(data, names)
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


def _labelled_draft(draft: dict | None, events: list[dict]) -> dict | None:
    """The pending draft with its outcome in words and the name of the handler who sent it."""
    if draft is not None:
        label = Outcome(draft["outcome"]).label if draft["outcome"] else ""
        by_name = next(event["by_name"] for event in events if event["id"] == draft["id"])
        draft = {
            **draft,
            "outcome_label": label,
            "outcome_detail": "；".join(not_held_lines(draft)),
            "by_name": by_name,
        }
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


def detail_page(
    request,
    application,
    *,
    failed: ActionForm | None = None,
    review_form: ReviewForm | None = None,
    status=200,
):
    """The page; ``failed`` is the form of a refused act — or a bound ``review_form``, a refused
    复议/诉讼 registration — shown again with its errors at its fields, focused, and summed up at
    the top of the page."""
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
    shown = failed in forms
    if failed is None and review_form is not None and review_form.is_bound:
        failed, shown = review_form, can_edit
    if failed is not None:
        failed.focus_first_error()
    context = {
        "app": application,
        "data": data,
        "status": status_of(data["days_left"], data["state"], due_on=data["due_on"], today=today),
        "today": today,
        "state_label": State(data["state"]).label,
        "outcome_label": Outcome(data["outcome"]).label if data["outcome"] else "",
        "outcome_detail": "；".join(not_held_lines(_reply_data(data["events"]))),
        "action_forms": forms,
        "pending_draft": _labelled_draft(data.get("pending_draft"), data["events"]),
        "can_review": can_review,
        "signoff_label": SignOff(policy).label,
        "failed": failed,
        "error_summary": failed.error_summary(shown=shown) if failed is not None else [],
        "can_edit": can_edit,
        "review_form": review_form or ReviewForm(initial={"filed_on": today}),
        # One form per review row: no ids (they would repeat), each field named by its wrapping label.
        "decide_form": DecideForm(initial={"decided_on": today}, auto_id=False),
        "reviews": application.reviews.all(),
        "year_end_warning": application_warning(request.user, application, today),
        "fee_particulars": "；".join(fee_particulars(data["fee"])) if data["fee"] else "",
    }
    return render(request, "applications/workbench_detail.html", context, status=status)
