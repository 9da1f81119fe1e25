"""Which act is allowed when, and the date rules of each act — pure Python, no Django.

``check(clock, action, on, …)`` is asked before an event is recorded; it raises ``Refused`` with a
stable code (HTTP 409 in the API) when the act is not allowed in the application's state or its
legal date breaks a rule, and ``Invalid`` (HTTP 422) when the act's own data is unacceptable.
Nothing is written when a check fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from gongkai.applications import clock as clock_rules
from gongkai.applications import not_held
from gongkai.applications.clock import Calendar, Clock, ClockEvent
from gongkai.applications.vocabulary import LAPSE_OUTCOMES, Channel, Outcome, State
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.wording import unconfirmed_year_label, who_confirms


class Refused(Exception):
    """The act is not allowed now (state, order or a statutory limit)."""

    def __init__(self, code: str, message: str, details: dict | None = None):
        super().__init__(message)
        self.code, self.message, self.details = code, message, details or {}


class Invalid(Refused):
    """The act's data is not acceptable."""


# Acts allowed in each state (domain/applications.md). Replies wait for pauses to end: a
# consultation or fee wait must be closed before the answer.
ALLOWED: dict[str, frozenset[str]] = {
    "submitted": frozenset({"confirm_receipt"}),
    "received": frozenset(
        {
            "request_correction",
            "start_consultation",
            "extend",
            "fee_notice",
            "reply",
            "withdraw",
            "set_later_deadline",
        }
    ),
    "correction_requested": frozenset({"receive_correction", "correction_lapsed", "withdraw"}),
    "in_consultation": frozenset({"end_consultation", "withdraw"}),
    "awaiting_fee": frozenset({"fee_paid", "fee_lapsed", "withdraw"}),
    "concluded": frozenset(),
}
ACTIONS = frozenset().union(*ALLOWED.values())
CONCLUDING = frozenset(clock_rules.CONCLUSIONS)
STATE_LABELS = State.labels()


def check(
    clock: Clock,
    action: str,
    on: dt.date,
    *,
    today: dt.date,
    calendar: Calendar,
    data: Mapping[str, Any] | None = None,
) -> None:
    """Raise ``Refused``/``Invalid`` unless ``action`` dated ``on`` may be recorded now."""
    data = data or {}
    if action not in ACTIONS:
        raise Invalid("unknown_action", f"未知的办理动作：{action}", {"action": action})
    _check_once(clock, action)
    if action not in ALLOWED[clock.state]:
        raise Refused(
            "action_not_allowed",
            f"申请当前状态为“{STATE_LABELS[clock.state]}”，不能执行该操作",
            {"state": clock.state, "action": action, "allowed": sorted(ALLOWED[clock.state])},
        )
    check_date(clock, on, today=today)
    rule = RULES.get(action)
    if rule is not None:
        rule(clock, on, calendar, data)
    if data.get("delivered_on") is not None:
        _check_delivery(on, data["delivered_on"], today)


def check_date(clock: Clock, on: dt.date, *, today: dt.date) -> None:
    """Every act is dated on or before today, not before the day the application reached the
    agency (Art. 31: nothing can be received, asked or answered before it arrived), and not
    before the application's previous act."""
    if on > today:
        raise Refused(
            "date_in_future", "日期不能晚于今天", {"date": on.isoformat(), "today": today.isoformat()}
        )
    if clock.last_event_on is not None and on < clock.last_event_on:
        raise Refused(
            "date_before_previous_event",
            f"日期不能早于上一办理环节的日期（{clock.last_event_on.isoformat()}）",
            {"date": on.isoformat(), "previous": clock.last_event_on.isoformat()},
        )
    if clock.arrived_on is not None and on < clock.arrived_on:
        raise Refused(
            "date_before_arrival",
            f"日期不能早于申请到达本机关的日期（{clock.arrived_on.isoformat()}）",
            {"date": on.isoformat(), "arrived_on": clock.arrived_on.isoformat()},
        )


def check_void(
    clock: Clock, target: ClockEvent | None, on: dt.date, *, today: dt.date, under_review: bool
) -> None:
    """A ``void`` cancels the latest effective act, recorded in error, dated on or after it.

    Only the submission or registration left → ``nothing_to_void`` (the application itself is
    not undone: withdrawal is the applicant's act). A conclusion that a review or lawsuit is about
    is a decision under challenge, not a slip of the record → ``void_under_review``.
    """
    if target is None:
        raise Refused("nothing_to_void", "只剩提交（登记）记录，没有可以作废的办理环节")
    if on > today:
        raise Refused(
            "date_in_future", "日期不能晚于今天", {"date": on.isoformat(), "today": today.isoformat()}
        )
    if on < target.on:
        raise Refused(
            "date_before_previous_event",
            f"作废日期不能早于被作废环节的日期（{target.on.isoformat()}）",
            {"date": on.isoformat(), "previous": target.on.isoformat()},
        )
    if target.action in CONCLUDING and under_review:
        raise Refused(
            "void_under_review",
            "该办理结果已被申请行政复议或提起行政诉讼，不能作废；应按复议、诉讼结果处理",
            {"action": target.action},
        )


# Acts an application gets at most once while open (Arts. 30, 33; 国办函〔2020〕109号). The extension is
# once per limit: one granted before a 补正 goes with the limit the corrected application restarts.
ONCE_ONLY = frozenset({"request_correction", "extend", "fee_notice"})


def _check_once(clock: Clock, action: str) -> None:
    if not clock.is_open:
        return
    if action == "request_correction" and clock.correction_requested_on is not None:
        raise Refused("correction_already_requested", "补正告知只能作出一次（条例第三十条：一次性告知）")
    if action == "extend" and clock.extension_days:
        raise Refused("extension_already_granted", "答复期限只能延长一次（条例第三十三条）")
    if action == "fee_notice" and clock.fee_notice_on is not None:
        raise Refused("fee_already_noticed", "该申请已发出收费通知")


def _request_correction(clock: Clock, on: dt.date, calendar: Calendar, data: Mapping) -> None:
    """Art. 30: the 补正 notice must go out within 7 working days after receipt."""
    try:
        limit = calendar.add(clock.received_on, clock_rules.CORRECTION_NOTICE_LIMIT)
    except CalendarNotConfirmed:
        limit = None  # the limit lies in a year not yet confirmed, after today: not passed
    if limit is not None and on > limit:
        raise Refused(
            "correction_too_late",
            f"补正告知应在收到申请之日起7个工作日内作出（最晚 {limit.isoformat()}）",
            {"latest": limit.isoformat()},
        )
    period = data.get("respond_within_days")
    if period is not None and not 1 <= int(period) <= 60:
        raise Invalid("invalid_period", "补正期限应为1至60个工作日", {"field": "respond_within_days"})


def _confirm_receipt(clock: Clock, on: dt.date, calendar: Calendar, data: Mapping) -> None:
    """Art. 31(二): an ordinary letter (平常信函) is confirmed with the applicant on the day it
    arrives, and that day is the receipt date. With the arrival recorded, a later confirmation
    would start the limit late; fax and online are received when both sides confirm (双方确认之日)."""
    if clock.channel == Channel.POST and clock.arrived_on is not None and on > clock.arrived_on:
        arrived = clock.arrived_on.isoformat()
        raise Refused(
            "receipt_not_on_arrival",
            f"以平常信函提交的申请，应于收到申请的当日与申请人确认，确认之日为收到申请之日"
            f"（条例第三十一条第（二）项）；本申请于{arrived}到达，请以该日期确认收到",
            {"date": on.isoformat(), "arrived_on": arrived},
        )


def _lapsed(limit_of, code: str, what: str, key: str):
    """视为放弃 only once the period ``limit_of(clock)`` (the last day of it) has passed."""

    def rule(clock: Clock, on: dt.date, calendar: Calendar, data: Mapping) -> None:
        limit = limit_of(clock)
        if limit is None:
            _unknown_limit(clock, what)
        if on <= limit:
            raise Refused(
                code,
                f"{what}尚未届满（截至 {limit.isoformat()}），不能视为放弃申请",
                {key: limit.isoformat()},
            )

    return rule


# Art. 30: the period given for the correction.
_correction_lapsed = _lapsed(
    lambda clock: clock.correction_respond_by, "correction_not_lapsed", "补正期限", "respond_by"
)
# 国办函〔2020〕109号: unpaid after 20 working days from the notice.
_fee_lapsed = _lapsed(lambda clock: clock.fee_pay_by, "fee_not_lapsed", "缴费期限", "pay_by")


def _check_delivery(on: dt.date, delivered: dt.date, today: dt.date) -> None:
    """The applicant received the notice on or after the day it went out, and not after today."""
    if isinstance(delivered, str):
        delivered = dt.date.fromisoformat(delivered)
    if delivered > today:
        raise Refused("date_in_future", "送达日期不能晚于今天", {"field": "delivered_on"})
    if delivered < on:
        raise Refused(
            "delivered_before_notice",
            f"申请人收到通知的日期不能早于通知日期（{on.isoformat()}）",
            {"field": "delivered_on", "notice_on": on.isoformat()},
        )


def _unknown_limit(clock: Clock, what: str) -> None:
    year = unconfirmed_year_label(clock.unconfirmed_year, clock.unconfirmed_region)
    raise Refused(
        "calendar_not_confirmed",
        f"{what}的最后一日落在{year}，该年度的节假日安排尚未确认，无法判断期限是否届满，"
        f"不能视为放弃申请。{who_confirms(year)}",
        _year_details(clock),
    )


# A notice that must state a date (Art. 30: 补正期限; Art. 33: 延长后的答复期限; 国办函〔2020〕109号:
# 缴费期限) is not issued with a blank: the act that sends it waits until the year is confirmed.
# Act → (the clock's date the notice states, what the date is called, the notice).
NOTICE_DATES = {
    "request_correction": ("correction_respond_by", "补正期限", "补正告知书"),
    "extend": ("due_on", "延长后的答复期限", "延期答复告知书"),
    "fee_notice": ("fee_pay_by", "缴费期限", "收费通知书"),
}


def _year_details(clock: Clock) -> dict:
    return {"year": clock.unconfirmed_year, "region": clock.unconfirmed_region}


def check_notice_date(clock_after: Clock, action: str) -> None:
    """The notice of ``action`` must state a date; ``clock_after`` is the clock with the act recorded.
    A date in a year whose holiday schedule is not confirmed cannot be computed, so the act is
    refused rather than a notice issued with the date left blank."""
    if action not in NOTICE_DATES:
        return
    attribute, what, notice = NOTICE_DATES[action]
    if attribute not in clock_after.unknown_dates:
        return
    year = unconfirmed_year_label(clock_after.unconfirmed_year, clock_after.unconfirmed_region)
    raise Refused(
        "calendar_not_confirmed",
        f"{notice}须写明{what}，而{what}落在{year}，该年度的节假日安排尚未确认，无法计算，"
        f"因此暂不能作出该项办理、出具{notice}。{who_confirms(year)}",
        {**_year_details(clock_after), "date": attribute},
    )


def _within_limit(code: str, what: str):
    def rule(clock: Clock, on: dt.date, calendar: Calendar, data: Mapping) -> None:
        if clock.due_on is not None and on > clock.due_on:
            raise Refused(
                code,
                f"{what}应在答复期限（{clock.due_on.isoformat()}）届满前作出",
                {"due_on": clock.due_on.isoformat()},
            )

    return rule


def _extend(clock: Clock, on: dt.date, calendar: Calendar, data: Mapping) -> None:
    """Art. 33: once, by at most 20 working days, decided on or before the current due date.
    Not after an Art. 35 later deadline: that deadline lies beyond the limits of Art. 33 already."""
    if clock.later_deadline is not None:
        raise Refused(
            "extension_after_later_deadline",
            f"已依条例第三十五条确定延迟答复的合理期限（{clock.later_deadline.isoformat()}），"
            "不能再依第三十三条延长答复期限",
            {"later_deadline": clock.later_deadline.isoformat()},
        )
    days = int(data.get("days", 0))
    if days < 1:
        raise Invalid("invalid_days", "延长天数至少为1个工作日", {"field": "days"})
    if days > clock_rules.MAX_EXTENSION:
        raise Refused(
            "extension_too_long", "延长的期限最长不得超过20个工作日（条例第三十三条）", {"days": days}
        )
    _within_limit("extension_too_late", "延长答复期限的决定")(clock, on, calendar, data)


def _set_later_deadline(clock: Clock, on: dt.date, calendar: Calendar, data: Mapping) -> None:
    """Art. 35: a reasonable later deadline, set within the current limit and later than it."""
    _within_limit("later_deadline_too_late", "确定延后答复期限")(clock, on, calendar, data)
    later = data.get("due_on")
    if later is None:
        raise Invalid("due_on_required", "请填写延后的答复期限", {"field": "due_on"})
    if clock.due_on is not None and later <= clock.due_on:
        raise Refused(
            "later_deadline_not_later",
            f"延后的答复期限应晚于当前答复期限（{clock.due_on.isoformat()}）",
            {"due_on": clock.due_on.isoformat()},
        )


def _reply(clock: Clock, on: dt.date, calendar: Calendar, data: Mapping) -> None:
    """The lapses are recorded by their own acts (``correction_lapsed``, ``fee_lapsed``).

    Art. 30: an unclear application is answered first by the one-time 补正 notice; "still unclear
    after correction" is an answer only once the corrected application has come back. Art. 36(四)
    and (五) are both "本机关不掌握": ``not_held`` says which answer a reply gives and what it must state."""
    outcome = data.get("outcome")
    problem = not_held.problem(data)
    if problem is not None:
        raise Invalid(*problem)
    if outcome in LAPSE_OUTCOMES:
        raise Invalid(
            "invalid_outcome",
            "逾期不补正、逾期未缴费由相应办理动作记录，不能作为答复结果",
            {"field": "outcome"},
        )
    if outcome == Outcome.UNABLE_STILL_UNCLEAR and clock.correction_received_on is None:
        raise Refused(
            "still_unclear_without_correction",
            "申请内容不明确的，应先一次性告知申请人补正（条例第三十条）；"
            "收到补正后的申请仍不明确，才能答复“补正后申请内容仍不明确”",
            {"field": "outcome", "outcome": outcome},
        )


RULES = {
    "confirm_receipt": _confirm_receipt,
    "request_correction": _request_correction,
    "correction_lapsed": _correction_lapsed,
    "extend": _extend,
    "fee_notice": _within_limit("fee_notice_too_late", "收费通知"),
    # Arts. 32, 34: the consultation time is left out of a limit that is still running; once the
    # limit has passed, consulting cannot make a late answer timely.
    "start_consultation": _within_limit("consultation_too_late", "征求第三方意见"),
    "fee_lapsed": _fee_lapsed,
    "set_later_deadline": _set_later_deadline,
    "reply": _reply,
}
