"""Sign-off of replies (审核签发, ``applications.signoff``): draft, approve, return.

The approval records the ``reply`` itself (dated the approval day, naming its draft and the
reviewer), so the clock, the letter, its number and the annual report treat it as any reply.
"""

from __future__ import annotations

import datetime as dt

from gongkai.agencies import permissions
from gongkai.applications import not_held as not_held_rules
from gongkai.applications import signoff, stored_clock
from gongkai.applications.choices import Outcome
from gongkai.applications.clock import DRAFT, RETURN
from gongkai.applications.letters import numbering
from gongkai.applications.models import Application
from gongkai.applications.services.common import act, append_event, check_act, required, today_or_local
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation

HELPERS = ("policy_of", "needs_reviewer", "pending_of", "check_outcome")


def policy_of(agency) -> str:
    return numbering.settings_for(agency).signoff


def needs_reviewer(actor, application, outcome: str) -> bool:
    """True when ``actor`` may not issue this reply alone: the agency requires sign-off for the
    outcome and the actor is below reviewer rank (a reviewer's reply is its own sign-off)."""
    if permissions.may(actor, "review", application.agency_id):
        return False
    return signoff.needs_signoff(policy_of(application.agency), outcome)


def pending_of(application):
    """The draft awaiting sign-off of an open application, or None."""
    if application.state == "concluded":
        return None
    return signoff.pending_draft(stored_clock.events_of(application))


def check_outcome(outcome: str) -> None:
    """A known outcome code; which outcomes a reply may carry is ``lifecycle``'s rule."""
    if outcome not in Outcome.values:
        raise InvalidInput("validation_error", "处理结果不正确", {"field": "outcome"})


def _locked_pending(application, on: dt.date, today):
    application = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
    draft = pending_of(application)
    if draft is None:
        raise RuleViolation("no_pending_draft", "该申请没有待签发的答复稿")
    if on > today_or_local(today):
        raise RuleViolation("date_in_future", "日期不能晚于今天", {"date": on.isoformat()})
    if on < draft.on:
        raise RuleViolation(
            "date_before_draft",
            f"日期不能早于答复稿送审日期（{draft.on.isoformat()}）",
            {"date": on.isoformat(), "draft_on": draft.on.isoformat()},
        )
    return application, draft


@service
def draft_reply(
    application,
    *,
    actor,
    on: dt.date,
    outcome: str,
    reason: str = "",
    note: str = "",
    not_held: str = "",
    other_agency_name: str = "",
    other_agency_contact: str = "",
    today=None,
):
    """A handler's draft of the reply (outcome, reasons, the letter's text) for a reviewer's sign-off.
    The reply's own rules apply now (state, date, outcome, the sub-choice of ``unable.not_held``);
    the clock runs on."""
    check_outcome(outcome)
    permissions.require(actor, "edit", application.agency_id)
    data = {"outcome": outcome, "reason": reason or "", "note": note or ""}
    data.update(
        not_held_rules.reply_data(
            outcome,
            not_held=not_held,
            other_agency_name=other_agency_name,
            other_agency_contact=other_agency_contact,
        )
    )
    application, _ = check_act(application, "reply", on, data, today)
    if pending_of(application) is not None:
        raise RuleViolation("draft_pending", "已有答复稿等待审核签发，请等待签发或退回后再提交")
    append_event(application, actor=actor, action=DRAFT, on=on, data=data)
    record(
        actor=actor,
        action="application.draft_reply",
        obj=application,
        agency=application.agency,
        summary=f"答复稿送审：{Outcome(outcome).label}（{application.tracking_code}，{on.isoformat()}）",
        data={"on": on, **data},
    )
    return application


@service
def approve_reply(application, *, actor, on: dt.date, today=None):
    """A reviewer signs off the pending draft: the reply is recorded on ``on`` (the approval day)
    with the draft's outcome and text, and its letter issued."""
    permissions.require(actor, "review", application.agency_id)
    application, draft = _locked_pending(application, on, today)
    data = {
        "outcome": draft.data.get("outcome", ""),
        "reason": draft.data.get("reason", ""),
        "note": draft.data.get("note", ""),
        **{field: draft.data[field] for field in not_held_rules.FIELDS if field in draft.data},
        "draft": draft.id,
        "signed_off_by": actor.get_username(),
    }
    summary = f"签发答复：{Outcome(data['outcome']).label}"
    return act(application, "reply", summary, actor=actor, on=on, today=today, data=data)


@service
def return_reply(application, *, actor, on: dt.date, comment: str, today=None):
    """A reviewer returns the pending draft with a comment; the handler drafts again."""
    permissions.require(actor, "review", application.agency_id)
    comment = required((comment or "").strip(), "comment", "请填写退回意见")
    application, draft = _locked_pending(application, on, today)
    append_event(application, actor=actor, action=RETURN, on=on, data={"draft": draft.id, "comment": comment})
    stored_clock.refresh(application)
    record(
        actor=actor,
        action="application.return_reply",
        obj=application,
        agency=application.agency,
        summary=f"退回答复稿：{comment}（{application.tracking_code}，{on.isoformat()}）",
        data={"on": on, "draft": draft.id, "comment": comment},
    )
    return application

