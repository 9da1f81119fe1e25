"""The self-check indicators and clocks of 互动交流 (domain/interaction.md, "Indicators it
feeds"), built on the selectors at the end of ``interaction.selectors``; registered with
``gongkai.selfcheck.registry`` in ``InteractionConfig.ready``."""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.db.models import Max, Min, Q

from gongkai.interaction import selectors
from gongkai.interaction.models import Message
from gongkai.interaction.vocabulary import OPEN_STATES, Kind
from gongkai.selfcheck.providers import (
    Calendars,
    days_left,
    deadline_results,
    grouped,
    results,
    soon_limit,
    url_for,
    year_before,
)
from gongkai.selfcheck.registry import (
    RECORDS_LIMIT,
    Clock,
    Indicator,
    Record,
    Result,
    register_clocks,
    register_indicator,
)
from gongkai.selfcheck.vocabulary import Status

REPLY_COLUMN_MONTHS = 2


@cache
def _message_url():
    return url_for("interaction_staff:detail")


def _url(message) -> str:
    return _message_url()(message.pk)


def _record(message) -> Record:
    return Record("message", message.pk, f"{message.tracking_code} {message.title[:40]}", _url(message))


def _messages(agencies, today: dt.date):
    """The messages of ``agencies`` received by ``today`` (a report of a past day knows no later one)."""
    return Message.objects.filter(agency_id__in=[agency.pk for agency in agencies], received_on__lte=today)


def unanswered_3_months(agencies, today: dt.date) -> dict[int, Result]:
    """Veto from the day after a valid consultation's 3 months without a first reply; until then
    the day the oldest waiting one passes them, and a warning (listing those) when that day's eve
    is within 3 working days, as ``deadline_results`` warns of a running clock."""
    messages = _messages(agencies, today)
    found = selectors.unanswered_beyond(messages, today, 3)
    answer = results(*grouped(found, _record, order=("received_on", "id")), Status.FAIL)
    rest = [agency for agency in agencies if agency.pk not in answer]
    waiting = selectors.unanswered_within(messages.filter(agency_id__in=[a.pk for a in rest]), today, 3)
    oldest = dict(waiting.order_by().values_list("agency_id").annotate(first=Min("received_on")))
    calendars = Calendars()
    for agency in rest:
        if agency.pk not in oldest:
            continue
        last_day = selectors.last_day_unanswered(oldest[agency.pk], 3)
        next_on = last_day + dt.timedelta(days=1)
        soon = soon_limit(calendars(agency.region), today)
        listed = ()
        if last_day <= soon:
            # Received up to 3 months before the limit (a few days more for the months' ends).
            candidates = waiting.filter(
                agency_id=agency.pk, received_on__lte=selectors.months_before(soon, 3) + dt.timedelta(days=3)
            ).order_by("received_on", "id")
            listed = tuple(
                _record(message)
                for message in candidates
                if selectors.last_day_unanswered(message.received_on, 3) <= soon
            )[:RECORDS_LIMIT]
        answer[agency.pk] = Result(
            0,
            Status.WARN if listed else Status.PASS,
            listed,
            next_on,
            f"有政务咨询留言若仍未答复，将于{next_on.isoformat()}超过3个月未答复（单项否决）",
        )
    return answer


def overdue(agencies, today: dt.date) -> dict[int, Result]:
    """``messages_overdue``: open past ``due_on``; warn with ≤ 3 working days left."""
    return deadline_results(
        selectors.open_on(_messages(agencies, today), today),
        agencies,
        today,
        _record,
        lambda day: f"有留言将于{day.isoformat()}超过答复期限",
    )


def late(agencies, today: dt.date) -> dict[int, Result]:
    """``messages_late``: replies (or rejections) given after the due date within the last year,
    counted by the reply's date (as ``application_late`` counts answers), not by receipt."""
    found = selectors.late(
        _messages(agencies, today).filter(replied_on__gt=year_before(today), replied_on__lte=today)
    )
    return results(*grouped(found, _record, order=("-replied_on", "id")))


def transfers_late(agencies, today: dt.date) -> dict[int, Result]:
    found = selectors.transfers_late(_messages(agencies, today).filter(received_on__gt=year_before(today)))
    return results(*grouped(found, _record, order=("-received_on", "id")))


def error_reports_open(agencies, today: dt.date) -> dict[int, Result]:
    """``error_reports_open``: each 找错 message still unresolved past its due date costs points
    (fail, from the day after ``due_on``); those still within their limit, or whose due date the
    calendar cannot tell yet, are listed as a warning with the day the earliest becomes late."""
    found = selectors.error_reports_open(_messages(agencies, today), today)
    answer = results(*grouped(found.filter(due_on__lt=today), _record, order=("due_on", "id")), Status.FAIL)
    pending = found.exclude(due_on__lt=today).exclude(agency_id__in=list(answer))
    firsts = dict(pending.order_by().values_list("agency_id").annotate(first=Min("due_on")))
    for agency_id, records in grouped(pending, _record, order=("received_on", "id"))[1].items():
        first = firsts.get(agency_id)
        next_on = first + dt.timedelta(days=1) if first else None
        answer[agency_id] = Result(
            0,
            Status.WARN,
            tuple(records),
            next_on,
            f"有网民找错留言将于{next_on.isoformat()}超过答复期限" if next_on else "",
        )
    return answer


def error_reports_slow(agencies, today: dt.date) -> dict[int, Result]:
    found = selectors.error_reports_slow(
        _messages(agencies, today).filter(received_on__gt=year_before(today)), today
    )
    return results(*grouped(found, _record, order=("-received_on", "id")))


def reply_column_stale(agencies, today: dt.date) -> dict[int, Result]:
    """No published reply for more than 2 months while messages were received in them: stale from
    the day after the newest reply's date 2 months on (the ``next_change_on`` shown the day before).
    On a past day: the replies published by then (by the reply's date, and the publication's
    where known) and the messages received by then."""
    since = selectors.months_before(today, REPLY_COLUMN_MONTHS)
    last = dict(
        _messages(agencies, today)
        .filter(published=True)
        .filter(Q(published_on__isnull=True) | Q(published_on__lte=today))
        .alias(reply_on=selectors.published_reply_on())
        .filter(reply_on__lte=today)
        .order_by()
        .values_list("agency_id")
        .annotate(last=Max("reply_on"))
    )
    received = set(
        _messages(agencies, today)
        .filter(received_on__gt=since)
        .values_list("agency_id", flat=True)
        .distinct()
    )
    answer = {}
    for agency in agencies:
        newest = last.get(agency.pk)
        # Compared from the reply's side: months_before(today) cannot tell 29 Apr from 28 Apr
        # (both give 28 Feb), so a reply of 28 Feb would go stale two days after its shown date.
        next_on = (
            selectors.months_before(newest, -REPLY_COLUMN_MONTHS) + dt.timedelta(days=1) if newest else None
        )
        if agency.pk in received and (next_on is None or next_on <= today):
            note = f"最近一次公开答复：{newest.isoformat()}" if newest else "尚无公开答复"
            answer[agency.pk] = Result(1, Status.FAIL, _awaiting_publication(agency, newest, today), note=note)
        elif next_on is not None and next_on > today:
            answer[agency.pk] = Result(
                0,
                Status.PASS,
                next_change_on=next_on,
                next_change=f"若无新的公开答复，留言答复栏目将于{next_on.isoformat()}满2个月未更新",
            )
    return answer


def _awaiting_publication(agency, newest: dt.date | None, today: dt.date) -> tuple[Record, ...]:
    """What a reviewer opens to bring the 留言答复 column up to date: the messages received since
    its newest published reply (every one, when none is) whose reply is not published yet, oldest
    first — each is answered and published from its page."""
    waiting = (
        _messages([agency], today)
        .filter(Q(published=False) | Q(published_on__gt=today))
        .order_by("received_on", "id")
    )
    if newest is not None:
        waiting = waiting.filter(received_on__gt=newest)
    return tuple(_record(message) for message in waiting[:RECORDS_LIMIT])


def clocks(agencies, today: dt.date) -> list[Clock]:
    calendars = Calendars()
    found = []
    for message in _messages(agencies, today).filter(state__in=OPEN_STATES).select_related("agency"):
        calendar = calendars(message.agency.region)
        left, unit = days_left(calendar, today, message.due_on)
        if message.due_on is None:
            explanation = "所涉年度节假日安排未确认，答复期限暂无法计算"
        else:
            explanation = f"{Kind.label_of(message.kind)}类留言，自{message.received_on.isoformat()}收到起按本机构答复时限计算"
        found.append(
            Clock(
                "message_reply",
                "留言答复",
                "message",
                message.pk,
                f"{message.tracking_code} {message.title[:40]}",
                message.agency_id,
                message.due_on,
                left,
                explanation,
                _url(message),
                unit,
            )
        )
    return found


def register() -> None:
    source = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"
    entries = [
        (
            "messages_unanswered_3_months",
            "留言超3个月未答复",
            "近一年内有效的政务咨询留言超过3个月未答复即单项否决",
            source,
            unanswered_3_months,
            40,
            {"veto": True},
        ),
        (
            "messages_overdue",
            "留言答复逾期",
            "留言在答复期限届满时仍未答复",
            "本机构留言办理规定",
            overdue,
            41,
            {"deduction": 1, "cap": 10},
        ),
        (
            "messages_late",
            "留言逾期答复",
            "近一年内在答复期限之后才答复的留言",
            "本机构留言办理规定",
            late,
            42,
            {"deduction": 1, "cap": 10},
        ),
        (
            "reply_column_stale",
            "留言答复栏目不更新",
            "收到留言而2个月内没有新的公开答复",
            source,
            reply_column_stale,
            43,
            {"deduction": 3},
        ),
        (
            "transfer_late",
            "留言转办超时",
            "留言应在收到后的第一个工作日内转交承办单位",
            "本机构留言办理规定",
            transfers_late,
            44,
            {"deduction": 0.5, "cap": 5},
        ),
        (
            "error_reports_open",
            "网民纠错未处理",
            "网民找错留言超过答复期限仍未处理完毕（每条扣2分，最多扣10分）",
            source,
            error_reports_open,
            45,
            {"deduction": 2, "cap": 10},
        ),
        (
            "error_reports_slow",
            "网民纠错处理超时",
            "网民找错留言超过1个月才处理",
            source,
            error_reports_slow,
            46,
            {"deduction": 1, "cap": 5},
        ),
    ]
    for code, name, rule, where, compute, order, scoring in entries:
        register_indicator(Indicator(code, name, rule, where, compute, "互动交流", order), **scoring)
    register_clocks("interaction", clocks)
