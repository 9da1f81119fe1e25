"""Cancelling an act recorded in error (``void``): a new event, never an edit of the old one."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies import permissions
from gongkai.applications import lifecycle, stored_clock
from gongkai.applications.choices import Action
from gongkai.applications.clock import latest_act
from gongkai.applications.models import Application
from gongkai.applications.services.common import append_event, required, today_or_local
from gongkai.audit.services import record, service
from gongkai.core.errors import RuleViolation


@service
def void(application, *, actor, on: dt.date, reason: str, today=None):
    """Cancel the latest act still in force, recorded in error (a reviewer's decision, with a reason).

    The cancelled event stays in the file; the ``void`` event names it (``voids``), and the clock
    is replayed without either, so the state, deadline and outcome — and the annual report, which
    reads the cached columns — are what they were before the act. Repeated voids go back one act at
    a time down to the submission. A letter already issued for the act stays in the file, marked
    作废. Voiding a conclusion reopens the application; voiding ``confirm_receipt`` returns it to
    待确认收到.
    """
    permissions.require(actor, "review", application.agency_id)
    reason = required((reason or "").strip(), "reason", "请填写作废理由")
    application = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
    calendar = stored_clock.calendar_for(application)
    events = stored_clock.events_of(application)
    target = latest_act(events)
    try:
        lifecycle.check_void(
            stored_clock.clock_for(application, calendar, events),
            target,
            on,
            today=today_or_local(today),
            under_review=application.reviews.exists(),
        )
    except lifecycle.Refused as error:
        raise RuleViolation(error.code, error.message, error.details) from error
    data = {"voids": target.id, "voided_action": target.action, "voided_on": target.on, "reason": reason}
    append_event(application, actor=actor, action=Action.VOID, on=on, data=data)
    stored_clock.refresh(application, calendar)
    label = Action(target.action).label if target.action in Action.values else target.action
    record(
        actor=actor,
        action="application.void",
        obj=application,
        agency=application.agency,
        summary=f"作废办理环节“{label}”（{target.on.isoformat()}）：{reason}（{application.tracking_code}）",
        data={"on": on, "voids": target.id, "voided_action": target.action, "reason": reason},
    )
    return application
