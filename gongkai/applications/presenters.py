"""Applications as the API and pages show them: the clock replayed, personal data only for staff."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.utils import timezone

from gongkai.applications import not_held, signoff, stored_clock
from gongkai.applications.choices import FeeMethod
from gongkai.applications.clock import effective, explain, voids_by_target
from gongkai.applications.letters.texts import item_places
from gongkai.applications.models import Application, ApplicationEvent, Review
from gongkai.audit.labels import actor_name
from gongkai.screening.screen import mask_personal
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays


def _days_left(clock, today: dt.date, calendar) -> int | None:
    try:
        return clock.days_left(today, calendar)
    except CalendarNotConfirmed:  # today or the due date in an unconfirmed year: unknown
        return None


def fee_of(clock) -> dict | None:
    if clock.fee_notice_on is None:
        return None
    return {
        "method": clock.fee_method,
        "amount": float(clock.fee_amount) if clock.fee_amount not in (None, "") else None,
        "notice_on": clock.fee_notice_on,
        "pay_by": clock.fee_pay_by,
        "paid_on": clock.fee_paid_on,
    }


def fee_particulars(data: dict) -> list[str]:
    """A fee's method and what it was computed from — of a fee notice's data or the detail's fee:
    the pages, or the applicant's places in the month and the split (一事一申请)."""
    parts = []
    if data.get("method") in FeeMethod.values:
        parts.append(f"计收方式：{FeeMethod(data['method']).label}")
    if data.get("nth"):
        items = data.get("items") or 1
        split = f"按“一事一申请”拆分为{items}件，" if items > 1 else ""
        parts.append(f"{split}为申请人本月{item_places(data['nth'], items)}")
    if data.get("pages") is not None:
        parts.append(f"页数：{data['pages']}")
    return parts


def review_row(review: Review) -> dict:
    return {
        "id": review.pk,
        "application": review.application_id,
        "agency": review.agency.code,
        "kind": review.kind,
        "filed_on": review.filed_on,
        "decided_on": review.decided_on,
        "result": review.result or None,
        "note": review.note,
    }


def events_of(rows: list[ApplicationEvent]) -> list[dict]:
    """The file of an application as recorded: every event, the voided ones marked (``voided_by``
    is the id of the void that cancelled it), each with the time it was entered."""
    voids = voids_by_target(stored_clock.to_clock_event(row) for row in rows)
    return [
        {
            "id": row.pk,
            "action": row.action,
            "date": row.on,
            "by": row.actor_label,
            "by_name": actor_name(row.actor, row.actor_label, public="申请人"),
            "data": row.data,
            "letter_no": (row.data or {}).get("letter_no"),
            "recorded_at": row.created_at,
            "voided": row.pk in voids,
            "voided_by": voids[row.pk].id if row.pk in voids else None,
        }
        for row in rows
    ]


def detail(application: Application, today: dt.date) -> dict:
    """Everything staff see of one application (GET /applications/{id})."""
    calendar = stored_clock.calendar_for(application)
    rows = list(application.events.select_related("actor").order_by("on", "id"))
    clock = stored_clock.clock_for(application, calendar, [stored_clock.to_clock_event(row) for row in rows])
    fee = fee_of(clock)
    if fee is not None:
        in_force = {event.id for event in effective(stored_clock.to_clock_event(row) for row in rows)}
        notice = next(
            (row for row in reversed(rows) if row.action == "fee_notice" and row.pk in in_force), None
        )
        if notice is not None:
            fee["nth"] = notice.data.get("nth")
            fee["pages"] = notice.data.get("pages")
            # Notices recorded before splits were recorded counted the application as one item.
            fee["items"] = notice.data.get("items", 1) if fee["method"] == "per_item" else None
    return {
        "id": application.pk,
        "tracking_code": application.tracking_code,
        "agency": application.agency.code,
        "agency_name": application.agency.name,
        "channel": application.channel,
        "applicant_type": application.applicant_type,
        "applicant": {
            "type": application.applicant_type,
            "name": application.name,
            "id_type": application.id_type,
            "id_number": application.id_number,
            "org_name": application.org_name,
            "org_code": application.org_code,
            "phone": application.phone,
            "email": application.email,
            "address": application.address,
        },
        "description": application.description,
        "purpose": application.purpose,
        "format": application.format or None,
        "delivery": application.delivery or None,
        "state": clock.state,
        "arrived_on": clock.arrived_on,  # the workbench's confirm-receipt date (Art. 31(二))
        "received_on": clock.received_on,
        "due_on": clock.due_on,
        "days_left": _days_left(clock, today, calendar),
        "paused": clock.paused,
        "outcome": clock.outcome or None,
        "replied_on": clock.replied_on,
        "concluded_on": clock.concluded_on,
        "late": clock.late,
        "fee": fee,
        "restarted_on": clock.restarted_on,
        "extension_days": clock.extension_days,
        "paused_days": clock.paused_days,
        "correction_respond_by": clock.correction_respond_by,
        "calendar_unconfirmed": clock.calendar_unconfirmed,
        "due_explained": explain(clock),
        "events": events_of(rows),
        "pending_draft": _pending_draft(clock, rows),
        "reviews": [review_row(review) for review in application.reviews.select_related("agency")],
        "created_at": application.created_at,
    }


def _pending_draft(clock, rows: list[ApplicationEvent]) -> dict | None:
    """The reply drafted for sign-off that waits for a reviewer (审核签发), if any."""
    if clock.state == "concluded":
        return None
    draft = signoff.pending_draft(stored_clock.to_clock_event(row) for row in rows)
    if draft is None:
        return None
    row = next(row for row in rows if row.pk == draft.id)
    return {
        "id": row.pk,
        "date": row.on,
        "by": row.actor_label,
        "outcome": draft.data.get("outcome"),
        "reason": draft.data.get("reason", ""),
        "note": draft.data.get("note", ""),
        **{field: draft.data.get(field) for field in not_held.FIELDS},
    }


def list_row(application: Application, today: dt.date, calendars: dict) -> dict:
    """One line of the staff list, from the cache columns (no event replay)."""
    days_left = None
    if application.due_on is not None and application.state != "concluded":
        region = application.agency.region
        calendar = calendars.get(region) or calendars.setdefault(region, workdays(region))
        with contextlib.suppress(CalendarNotConfirmed):  # the due date's year is not confirmed: unknown
            days_left = calendar.count(today, application.due_on)
    return {
        "id": application.pk,
        "tracking_code": application.tracking_code,
        "agency": application.agency.code,
        "channel": application.channel,
        "applicant_type": application.applicant_type,
        "applicant_name": application.applicant_label,
        "state": application.state,
        "received_on": application.received_on,
        "due_on": application.due_on,
        "days_left": days_left,
        "paused": application.paused,
        "outcome": application.outcome or None,
        "replied_on": application.concluded_on,
        "late": application.late,
    }


def tracking(application: Application) -> dict:
    """What anyone holding the tracking code may see: progress only, nothing personal.

    The timeline lists the acts in force (a voided act and its void are a correction of the
    record, not a step of the procedure); what to correct while a 补正 is outstanding and the
    amount while a fee notice is out, because the applicant must act on them."""
    rows = list(application.events.select_related("actor").order_by("on", "id"))
    acts = effective(stored_clock.to_clock_event(row) for row in rows)
    progress = {
        "tracking_code": application.tracking_code,
        "agency": application.agency.code,
        "agency_name": application.agency.name,
        "state": application.state,
        "received_on": application.received_on,
        "due_on": application.due_on,
        "replied_on": application.concluded_on,
        "outcome": application.outcome or None,
        "timeline": [{"action": event.action, "date": event.on} for event in acts],
    }
    last = {event.action: event for event in acts}
    if application.state == "correction_requested" and "request_correction" in last:
        items = last["request_correction"].data.get("items") or []
        # Written by staff, who may name the applicant or quote a number: masked like the reply of
        # a message (the applicant's particulars and what the screening finds), the office's kept.
        particulars = {
            "today": timezone.localdate(),
            "names": (application.name,),
            "phones": (application.phone,),
            "emails": (application.email,),
            "others": (application.id_number, application.address),
            "public": (application.agency.phone, application.agency.email),
        }
        progress["correction_items"] = [mask_personal(str(item), **particulars) for item in items]
    if application.state == "awaiting_fee" and application.fee_amount is not None:
        progress["fee"] = {"amount": float(application.fee_amount), "items": _split(last.get("fee_notice"))}
    return progress


def _split(notice) -> int | None:
    """How many items a fee notice by item counted the application as (一事一申请); None by page.
    Only the split: the applicant's places in the month (``nth``) say how much they applied for."""
    data = notice.data if notice is not None else {}
    if data.get("method") != FeeMethod.PER_ITEM:
        return None
    # Notices recorded before splits were recorded counted the application as one item.
    return data.get("items") or 1
