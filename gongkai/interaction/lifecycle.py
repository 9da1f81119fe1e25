"""Which act on a message is allowed when, and the date rules of each act — pure Python, no Django.

``check(status, action, on, …)`` is asked before an event is recorded; it raises ``Refused`` with a
stable code (HTTP 409) when the act is not allowed in the message's state or its date breaks a
rule, and ``Invalid`` (HTTP 422) when the act's own data is unacceptable. Nothing is written when a
check fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from gongkai.interaction.deadlines import MAX_EXTENSION, Status
from gongkai.interaction.vocabulary import Action, Rating, RejectReason, State


class Refused(Exception):
    """The act is not allowed now (state, order or a limit)."""

    def __init__(self, code: str, message: str, details: dict | None = None):
        super().__init__(message)
        self.code, self.message, self.details = code, message, details or {}


class Invalid(Refused):
    """The act's data is not acceptable."""


HANDLING = frozenset({"transfer", "extend", "reply"})
ALLOWED: dict[str, frozenset[str]] = {
    State.RECEIVED: HANDLING | {"accept", "reject"},
    State.ACCEPTED: HANDLING | {"reject"},
    State.REOPENED: HANDLING | {"unpublish"},
    State.REPLIED: frozenset({"rate", "reopen", "publish", "unpublish", "to_faq"}),
    State.REJECTED: frozenset(),
}
ACTIONS = frozenset().union(*ALLOWED.values())


def check(status: Status, action: str, on: dt.date, *, today: dt.date, data: Mapping[str, Any] | None = None):
    """Raise ``Refused``/``Invalid`` unless ``action`` dated ``on`` may be recorded now."""
    data = data or {}
    if action not in ACTIONS:
        raise Invalid("unknown_action", f"未知的办理动作：{action}", {"action": action})
    if action not in ALLOWED[status.state]:
        raise Refused(
            "action_not_allowed",
            f"留言当前状态为“{State.label_of(status.state)}”，不能{Action.label_of(action)}",
            {"state": str(status.state), "action": action, "allowed": sorted(ALLOWED[status.state])},
        )
    check_date(status, on, today=today)
    rule = RULES.get(action)
    if rule is not None:
        rule(status, on, data)


def check_date(status: Status, on: dt.date, *, today: dt.date) -> None:
    """Every act is dated on or before today, and not before the message's previous event."""
    if on > today:
        raise Refused(
            "date_in_future", "日期不能晚于今天", {"date": on.isoformat(), "today": today.isoformat()}
        )
    if status.last_event_on is not None and on < status.last_event_on:
        raise Refused(
            "date_before_previous_event",
            f"日期不能早于上一办理环节的日期（{status.last_event_on.isoformat()}）",
            {"date": on.isoformat(), "previous": status.last_event_on.isoformat()},
        )


def _reject(status: Status, on: dt.date, data: Mapping) -> None:
    reason = data.get("reason_code")
    if reason not in RejectReason.__members__.values():
        raise Invalid("invalid_reason_code", "不予受理的理由不正确", {"field": "reason_code"})
    if reason == RejectReason.OTHER and not str(data.get("note") or "").strip():
        raise Invalid("note_required", "以“其他原因”不予受理的，请写明理由", {"field": "note"})


def _transfer(status: Status, on: dt.date, data: Mapping) -> None:
    if data.get("to") == status.agency:
        raise Invalid("transfer_to_same_agency", "不能转办给本机关", {"field": "to_agency"})


def _extend(status: Status, on: dt.date, data: Mapping) -> None:
    """One extension, of at most 10 working days, decided on or before the due date."""
    if status.extension_days:
        raise Refused("extension_already_granted", "答复期限只能延长一次")
    days = int(data.get("days") or 0)
    if days < 1:
        raise Invalid("invalid_days", "延长天数至少为1个工作日", {"field": "days"})
    if days > MAX_EXTENSION:
        raise Refused("extension_too_long", f"延长的期限最长不得超过{MAX_EXTENSION}个工作日", {"days": days})
    if status.due_on is not None and on > status.due_on:
        raise Refused(
            "extension_too_late",
            f"延期决定应在答复期限（{status.due_on.isoformat()}）届满前作出",
            {"due_on": status.due_on.isoformat()},
        )


def _rate(status: Status, on: dt.date, data: Mapping) -> None:
    """The writer rates each reply once, within 30 days after it."""
    if data.get("rating") not in Rating.__members__.values():
        raise Invalid("invalid_rating", "评价应为满意、基本满意或不满意", {"field": "rating"})
    if status.rated_since_reply:
        raise Refused("already_rated", "该答复已评价，不能重复评价")
    until = status.rating_open_until
    if until is not None and on > until:
        raise Refused(
            "rating_closed", f"答复后30日内可以评价（截至 {until.isoformat()}）", {"until": until.isoformat()}
        )


def _reopen(status: Status, on: dt.date, data: Mapping) -> None:
    """二次办理: once, and only after a dissatisfied rating of the reply."""
    if status.reopened_on is not None:
        raise Refused("already_reopened", "每件留言只能二次办理一次")
    if not (status.rated_since_reply and status.rating == Rating.DISSATISFIED):
        raise Refused("not_dissatisfied", "留言人对答复评价为“不满意”后才能二次办理")


def _publish(status: Status, on: dt.date, data: Mapping) -> None:
    if status.published:
        raise Refused("already_published", "该留言已公开；如需修改公开文本，请先撤销公开")


def _unpublish(status: Status, on: dt.date, data: Mapping) -> None:
    if not status.published:
        raise Refused("not_published", "该留言尚未公开")


RULES = {
    "reject": _reject,
    "transfer": _transfer,
    "extend": _extend,
    "rate": _rate,
    "reopen": _reopen,
    "publish": _publish,
    "unpublish": _unpublish,
}
