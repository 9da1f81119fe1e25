"""Messages as the API and pages show them: the clock replayed, the writer's particulars only for staff."""

from __future__ import annotations

import datetime as dt

from gongkai.audit.labels import actor_name
from gongkai.interaction import stored_clock
from gongkai.interaction.deadlines import explain
from gongkai.interaction.models import Message
from gongkai.interaction.vocabulary import Kind, Rating, RejectReason, State
from gongkai.screening.screen import mask_personal
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays


def days_left(due_on, state: str, today: dt.date, calendar) -> int | None:
    if due_on is None or state not in (State.RECEIVED, State.ACCEPTED, State.REOPENED):
        return None
    try:
        return calendar.count(today, due_on)
    except CalendarNotConfirmed:  # today or the due date in an unconfirmed year: unknown
        return None


def detail(message: Message, today: dt.date) -> dict:
    """Everything staff see of one message (GET /messages/{id})."""
    calendar = stored_clock.calendar_for(message)
    rows = list(message.events.select_related("actor").order_by("on", "id"))
    status = stored_clock.status_for(message, calendar, [stored_clock.to_event(row) for row in rows])
    return {
        "id": message.pk,
        "tracking_code": message.tracking_code,
        "agency": message.agency.code,
        "agency_name": message.agency.name,
        "kind": message.kind,
        "channel": message.channel,
        "title": message.title,
        "body": message.body,
        "writer": {"name": message.name, "phone": message.phone, "email": message.email},
        "publish_consent": message.publish_consent,
        "state": str(status.state),
        "received_on": status.received_on,
        "limit": status.limit,
        "due_on": status.due_on,
        "days_left": days_left(status.due_on, status.state, today, calendar),
        "extension_days": status.extension_days,
        "accepted_on": status.accepted_on,
        "replied_on": status.replied_on,
        "late": status.late,
        "valid": status.valid,
        "transfer_late": status.transfer_late,
        "reject_reason": status.reject_reason or None,
        "reply": message.reply_text or None,
        "reply_agency": message.reply_agency.code if message.reply_agency_id else None,
        "rating": status.rating or None,
        "rated_on": status.rated_on,
        "rating_comment": message.rating_comment or None,
        "published": status.published,
        "published_on": status.published_on,
        "published_wording": {
            "title": message.published_title,
            "body": message.published_body,
            "reply": message.published_reply,
            "replied_on": status.published_replied_on,
            "outdated": status.wording_outdated,
        }
        if message.published_title
        else None,
        "calendar_unconfirmed": status.calendar_unconfirmed,
        "due_explained": explain(status),
        "transfers": [
            {"from": t.from_agency, "to": t.to_agency, "on": t.on, "late": t.late} for t in status.transfers
        ],
        "events": [
            {
                "action": row.action,
                "date": row.on,
                "by": row.actor_label,
                "by_name": actor_name(row.actor, row.actor_label, public="留言人"),
                "data": row.data,
            }
            for row in rows
        ],
        "created_at": message.created_at,
    }


def list_row(message: Message, today: dt.date, calendars: dict) -> dict:
    """One line of the staff list, from the cache columns (no event replay)."""
    region = message.agency.region
    calendar = calendars.get(region) or calendars.setdefault(region, workdays(region))
    return {
        "id": message.pk,
        "tracking_code": message.tracking_code,
        "agency": message.agency.code,
        "agency_name": message.agency.name,
        "kind": message.kind,
        "channel": message.channel,
        "title": message.title,
        "state": message.state,
        "received_on": message.received_on,
        "due_on": message.due_on,
        "days_left": days_left(message.due_on, message.state, today, calendar),
        "replied_on": message.replied_on,
        "late": message.late,
        "transfer_late": message.transfer_late,
        "published": message.published,
    }


def reply_shown(message: Message) -> str | None:
    """The answer the writer sees: the reply, or the reason a message was not accepted."""
    if message.state == State.REJECTED:
        note = next(
            (row.data.get("note", "") for row in message.events.filter(action="reject").order_by("-id")[:1]),
            "",
        )
        return "不予受理：" + RejectReason.label_of(message.reject_reason) + (f"。{note}" if note else "")
    return message.reply_text or None


def reply_for_tracking(message: Message, today: dt.date) -> str | None:
    """The answer as the tracking page shows it: staff often greet the writer by name or repeat a
    number (“王某某您好，…”), so the writer's own particulars and any personal data the screening
    finds are masked; the agencies' own telephone and e-mail stay."""
    agencies = [message.agency] + ([message.reply_agency] if message.reply_agency_id else [])
    return mask_personal(
        reply_shown(message),
        today=today,
        names=(message.name,),
        phones=(message.phone,),
        emails=(message.email,),
        public=tuple(value for agency in agencies for value in (agency.phone, agency.email)),
    )


def tracking(message: Message, today: dt.date) -> dict:
    """What anyone holding the tracking code may see: progress, the answer, the rating — nothing personal."""
    status = stored_clock.status_for(message)
    return {
        "tracking_code": message.tracking_code,
        "state": message.state,
        "kind": message.kind,
        "agency": message.agency.code,
        "agency_name": message.agency.name,
        "received_on": message.received_on,
        "due_on": message.due_on,
        "replied_on": message.replied_on,
        "reply": reply_for_tracking(message, today),
        "rating": message.rating or None,
        "rating_open_until": status.rating_open_until,
        "can_rate": status.state == State.REPLIED
        and not status.rated_since_reply
        and status.rating_open_until is not None
        and today <= status.rating_open_until,
    }


def published_reply_date(message: Message) -> dt.date | None:
    """The date of the reply the published wording shows: a message replied again after reopening
    stays published with the earlier reply until a reviewer publishes it again."""
    return message.published_replied_on or message.replied_on


def public_row(message: Message) -> dict:
    """A published message: its published wording, dates and the replying agency — never the writer."""
    agency = message.reply_agency or message.agency
    return {
        "id": message.pk,
        "kind": message.kind,
        "kind_label": Kind.label_of(message.kind),
        "title": message.published_title,
        "body": message.published_body,
        "reply": message.published_reply,
        "received_on": message.received_on,
        "replied_on": published_reply_date(message),
        "agency": agency.code,
        "agency_name": agency.name,
    }


def rating_label(code: str | None) -> str:
    return Rating.label_of(code) if code else ""
