"""Writing the audit trail, and the contract every service function keeps.

A *service* is a function named for one act (``create_agency``, ``publish_item``) that checks
permission and rules, writes, and records exactly one audit event, all in one transaction. The
``@service`` decorator provides the transaction and enforces the "exactly one event" rule at run
time: a service that forgets its event (or writes two of its own) fails and rolls back instead of
silently changing data without a trace. Events written by nested services count for those
services, not for the caller.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import models, transaction

from gongkai.audit.models import AuditEvent
from gongkai.core.jsonable import jsonable

F = TypeVar("F", bound=Callable[..., Any])

# Public functions here that are infrastructure, not acts (see the guard test in audit/tests).
HELPERS = ("service", "record", "record_many", "actor_label")

# One counter per service call currently running in this context, innermost last.
_frames: ContextVar[tuple[list[int], ...]] = ContextVar("gongkai_service_frames", default=())


class AuditContractError(RuntimeError):
    """A service did not record exactly one audit event: a programming error."""


def service(func: F) -> F:
    """Run ``func`` as a service: atomic, and recording exactly one audit event."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        counter = [0]
        token = _frames.set((*_frames.get(), counter))
        try:
            with transaction.atomic():
                result = func(*args, **kwargs)
                if counter[0] != 1:
                    raise AuditContractError(
                        f"{func.__module__}.{func.__qualname__} recorded {counter[0]} audit events; "
                        "a service records exactly one"
                    )
        finally:
            _frames.reset(token)
        return result

    wrapper.is_service = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def actor_label(actor) -> str:
    if actor is None:
        return "system"
    return getattr(actor, "get_username", lambda: str(actor))()


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    agency=None,
    summary: str = "",
    data: dict[str, Any] | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
) -> AuditEvent:
    """Append one audit event. Must run inside the transaction of the change it describes.

    The event becomes the newest link of the hash chain (``AuditEvent.save``): the chain head is
    locked until the transaction ends, so concurrent writers take turns.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    user = actor if getattr(actor, "pk", None) is not None else None
    event = AuditEvent.objects.create(
        actor=user,
        actor_label=actor_label(actor),
        agency=agency,
        action=action,
        object_type=object_type or "",
        object_id="" if object_id is None else str(object_id),
        summary=summary,
        data=jsonable(data or {}),
    )
    frames = _frames.get()
    if frames:
        frames[-1][0] += 1
    return event


def record_many(events: list[dict[str, Any]]) -> list[AuditEvent]:
    """Append one audit event per dict of ``record``'s keyword arguments, in order, as consecutive
    links of the hash chain (one lock of the chain head for all of them). For acts done in bulk
    outside a ``@service`` (catalogue import): each event is exactly what ``record`` would write."""
    built = []
    for event in events:
        obj, object_type, object_id = event.get("obj"), event.get("object_type"), event.get("object_id")
        if obj is not None:
            object_type = object_type or obj._meta.label_lower
            object_id = obj.pk if object_id is None else object_id
        actor = event.get("actor")
        built.append(
            AuditEvent(
                actor=actor if getattr(actor, "pk", None) is not None else None,
                actor_label=actor_label(actor),
                agency=event.get("agency"),
                action=event["action"],
                object_type=object_type or "",
                object_id="" if object_id is None else str(object_id),
                summary=event.get("summary", ""),
                data=jsonable(event.get("data") or {}),
            )
        )
    return AuditEvent.append_many(built)
