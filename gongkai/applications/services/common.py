"""The common course of an act on an application, shared by the service modules of this package."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.applications import lifecycle, notify, stored_clock
from gongkai.applications.clock import ClockEvent
from gongkai.applications.letters import numbering, texts
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.audit.services import record
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.core.jsonable import jsonable

HELPERS = (
    "today_or_local",
    "tracking_code",
    "append_event",
    "check_act",
    "act",
    "required",
    "noted",
)

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class PublicApplicant:
    """The actor of an online submission: a member of the public, not a user account."""

    pk = None
    is_authenticated = False

    def get_username(self) -> str:
        return "public"


PUBLIC = PublicApplicant()


def today_or_local(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12))
        if not Application.objects.filter(tracking_code=code).exists():
            return code


def append_event(
    application: Application, *, actor, action: str, on: dt.date, data: dict
) -> ApplicationEvent:
    user = actor if getattr(actor, "pk", None) is not None else None
    label = actor.get_username() if hasattr(actor, "get_username") else "system"
    event = ApplicationEvent.objects.create(
        application=application, action=action, on=on, actor=user, actor_label=label, data=jsonable(data)
    )
    notify.event_recorded(application, event)  # e-mail to the applicant, queued in this transaction
    return event


def check_act(application: Application, action: str, on: dt.date, data: dict, today):
    """Lock the application and ask ``lifecycle`` whether the act may be recorded."""
    application = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
    calendar = stored_clock.calendar_for(application)
    events = stored_clock.events_of(application)
    clock = stored_clock.clock_for(application, calendar, events)
    try:
        lifecycle.check(clock, action, on, today=today_or_local(today), calendar=calendar, data=data)
        if action in lifecycle.NOTICE_DATES:
            after = stored_clock.clock_for(application, calendar, [*events, ClockEvent(action, on, data)])
            lifecycle.check_notice_date(after, action)
    except lifecycle.Invalid as error:
        raise InvalidInput(error.code, error.message, error.details) from error
    except lifecycle.Refused as error:
        raise RuleViolation(error.code, error.message, error.details) from error
    return application, calendar


def act(
    application: Application,
    action: str,
    summary: str,
    *,
    actor,
    on: dt.date,
    today,
    data: dict | None = None,
) -> Application:
    """The common course of an act on an existing application: permission, rules, event, audit."""
    data = data or {}
    permissions.require(actor, "edit", application.agency_id)
    application, calendar = check_act(application, action, on, data, today)
    kind = texts.kind_for(action, data.get("outcome", ""))
    if kind is not None:
        # The letter the act sends gets the next number (文号) of the agency's series.
        data["letter_no"] = numbering.assign(application.agency, kind, on)
    append_event(application, actor=actor, action=action, on=on, data=data)
    stored_clock.refresh(application, calendar)
    if kind is not None:
        summary = f"{summary}，{data['letter_no']}"
    record(
        actor=actor,
        action=f"application.{action}",
        obj=application,
        agency=application.agency,
        summary=f"{summary}（{application.tracking_code}，{on.isoformat()}）",
        data={"on": on, **jsonable(data)},
    )
    return application


def required(value, field: str, message: str):
    if value in (None, "", []):
        raise InvalidInput("validation_error", message, {"field": field})
    return value


def noted(note: str) -> dict:
    """The event data of an act whose only detail is an optional free-text note."""
    return {"note": note} if note else {}
