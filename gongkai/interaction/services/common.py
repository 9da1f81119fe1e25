"""The common course of an act on a message, shared by the service modules of this package."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import record
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.core.jsonable import jsonable
from gongkai.interaction import lifecycle, stored_clock
from gongkai.interaction.models import Message, MessageEvent

HELPERS = ("today_or_local", "tracking_code", "append_event", "check_act", "act", "required", "Writer")

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class Writer:
    """The actor of the writer's own acts (submitting, rating): a member of the public."""

    pk = None
    is_authenticated = False

    def get_username(self) -> str:
        return "public"


PUBLIC = Writer()


def today_or_local(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12))
        if not Message.objects.filter(tracking_code=code).exists():
            return code


def append_event(message: Message, *, actor, action: str, on: dt.date, data: dict) -> MessageEvent:
    user = actor if getattr(actor, "pk", None) is not None else None
    label = actor.get_username() if hasattr(actor, "get_username") else "system"
    return MessageEvent.objects.create(
        message=message, action=action, on=on, actor=user, actor_label=label, data=jsonable(data)
    )


def check_act(message: Message, action: str, on: dt.date, data: dict, today: dt.date | None):
    """Lock the message and ask ``lifecycle`` whether the act may be recorded now."""
    message = Message.objects.select_for_update().select_related("agency").get(pk=message.pk)
    calendar = stored_clock.calendar_for(message)
    status = stored_clock.status_for(message, calendar)
    try:
        lifecycle.check(status, action, on, today=today_or_local(today), data=data)
    except lifecycle.Invalid as error:
        raise InvalidInput(error.code, error.message, error.details) from error
    except lifecycle.Refused as error:
        raise RuleViolation(error.code, error.message, error.details) from error
    return message, status


def act(
    message: Message,
    action: str,
    summary: str,
    *,
    actor,
    on: dt.date,
    today: dt.date | None,
    data: dict | None = None,
    rank: str = "edit",
    changes: dict | None = None,
) -> Message:
    """Permission, rules, event, cache and audit of one act on an existing message.

    ``changes`` are field values written with the event (the reply text, the published wording).
    """
    data = data or {}
    if actor is not PUBLIC:
        permissions.require(actor, rank, message.agency_id)
    message, _ = check_act(message, action, on, data, today)
    acting_agency = message.agency  # a transfer's change moves the message: the act is the sender's
    append_event(message, actor=actor, action=action, on=on, data=data)
    if changes:
        for key, value in changes.items():
            setattr(message, key, value)
        message.save(update_fields=list(changes))
    stored_clock.refresh(message)
    record(
        actor=actor,
        action=f"message.{action}",
        obj=message,
        agency=acting_agency,
        summary=f"{summary}（{message.tracking_code}，{on.isoformat()}）",
        data={"on": on, **{key: value for key, value in data.items() if key != "text"}},
    )
    return message


def required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput("validation_error", message, {"field": field})
    return value
