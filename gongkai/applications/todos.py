"""The workbench 待办 of applications: replies waiting for sign-off (for reviewers) and drafts
returned (for the handler who drafted them), those waiting for 确认收到, open applications due
within 5 working days or overdue, and paused ones whose 补正, payment or consultation period has
run out — of the current agency and the agencies below it that the user sees."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies import permissions
from gongkai.applications import selectors, signoff, stored_clock
from gongkai.applications.choices import Channel
from gongkai.applications.clock import CONSULTATION_PERIOD
from gongkai.workbench.registry import DUE_SOON_DAYS
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays

LIMIT = 50


def application_url(application) -> str:
    from django.urls import reverse

    return reverse("applications_staff:detail", args=[application.pk])


def _calendar(calendars: dict, application):
    region = application.agency.region
    return calendars.get(region) or calendars.setdefault(region, workdays(region))


def _waiting(calendar, since: dt.date, today: dt.date) -> str:
    try:
        days = calendar.count(since, today)
    except CalendarNotConfirmed:  # today in a year whose calendar is not confirmed yet
        return ""
    return f"，已等待 {days} 个工作日" if days > 0 else ""


def receipt_todos(*, user, agency, today: dt.date) -> list:
    """Art. 31: an online, fax or letter application is received on the day the agency confirms
    receipt; until then no deadline runs, so an unconfirmed application must not be forgotten."""
    from gongkai.workbench.registry import TodoItem

    items, calendars = [], {}
    for application in selectors.awaiting_receipt(user, agency=agency)[:LIMIT]:
        entered = "提交" if application.channel == Channel.ONLINE else "登记"
        note = f"{application.agency.name}，{Channel(application.channel).label}"
        if application.entered_on is not None:
            waiting = _waiting(_calendar(calendars, application), application.entered_on, today)
            note += f"，{application.entered_on.isoformat()} {entered}{waiting}"
        items.append(
            TodoItem(
                "依申请公开",
                f"待确认收到：{application.applicant_label}：{application.description[:30]}",
                application_url(application),
                note=note + "；确认收到之日起计算答复期限",
                badge="待确认收到",
            )
        )
    return items


def _days_left(calendars: dict, application, today: dt.date) -> int | None:
    if application.due_on is None:
        return None
    try:
        return _calendar(calendars, application).count(today, application.due_on)
    except CalendarNotConfirmed:
        return None


def signoff_todos(*, user, agency, today: dt.date) -> list:
    """审核签发: a reviewer sees the drafts waiting for sign-off; the handler who drafted a reply sees
    it again when it was returned, with the comment. The deadline runs on in both cases."""
    from gongkai.audit.labels import actor_name
    from gongkai.workbench.registry import TodoItem

    items, calendars = [], {}
    for application in selectors.with_drafts(user, agency=agency)[:LIMIT]:
        rows = application.signoff_events
        events = [stored_clock.to_clock_event(row) for row in rows]
        subject = f"{application.applicant_label}：{application.description[:30]}"
        days_left = _days_left(calendars, application, today)
        pending = signoff.pending_draft(events)
        if pending is not None:
            if permissions.may(user, "review", application.agency_id):
                drafted = next(row for row in rows if row.pk == pending.id)
                items.append(
                    TodoItem(
                        "依申请公开",
                        f"待签发：{subject}",
                        application_url(application) + "#pending-draft",
                        application.due_on,
                        days_left,
                        f"{application.agency.name}，{actor_name(drafted.actor, drafted.actor_label)} {drafted.on.isoformat()} 送审",
                        today=today,
                    )
                )
            continue
        returned = signoff.returned_draft(events)
        if returned is not None:
            draft, back = returned
            drafted = next(row for row in rows if row.pk == draft.id)
            if drafted.actor_id == user.pk:
                items.append(
                    TodoItem(
                        "依申请公开",
                        f"答复稿被退回：{subject}",
                        application_url(application) + "#timeline",
                        application.due_on,
                        days_left,
                        f"退回意见：{back.data.get('comment', '')}",
                        today=today,
                    )
                )
    return items


def applications_todo(*, user, agency, today: dt.date):
    """Applications waiting for 确认收到, then open, running applications due within 5 working
    days, or overdue."""
    from gongkai.workbench.registry import TodoItem

    try:
        until = workdays().add(today, DUE_SOON_DAYS)
    except CalendarNotConfirmed:  # next year's calendar not confirmed: fall back to a week
        until = today + dt.timedelta(days=7)
    items = signoff_todos(user=user, agency=agency, today=today)
    items += receipt_todos(user=user, agency=agency, today=today)
    listed = {item.url.split("#")[0] for item in items}
    calendars: dict[str, object] = {}
    for application in selectors.due_soon(user, agency=agency, today=today, until=until)[:LIMIT]:
        if application_url(application) in listed:
            continue
        days_left = _calendar(calendars, application).count(today, application.due_on)
        items.append(
            TodoItem(
                "依申请公开",
                f"{application.applicant_label}：{application.description[:30]}",
                application_url(application),
                application.due_on,
                days_left,
                application.agency.name,
                today=today,
            )
        )
    return items


def corrections_todo(*, user, agency, today: dt.date) -> list:
    """Corrections the applicant sent online (Art. 30): staff record 收到补正 on the day they arrived."""
    from gongkai.workbench.registry import TodoItem

    return [
        TodoItem(
            "依申请公开",
            f"网上补正待登记：{submission.application.applicant_label}：{submission.application.description[:30]}",
            application_url(submission.application) + "#online-corrections",
            note=f"{submission.application.agency.name}，{submission.submitted_on.isoformat()} 网上提交补正材料",
            badge="待登记补正",
        )
        for submission in selectors.corrections_waiting(user, agency=agency)[:LIMIT]
    ]


def _period_end(calendar, clock):
    """The last day of the period an open pause waits for, and what to do once it has passed."""
    if clock.state == "correction_requested":
        return (
            clock.correction_respond_by,
            "补正期限",
            "申请人无正当理由逾期不补正的，可记录视为放弃申请（条例第三十条）",
        )
    if clock.state == "awaiting_fee":
        return clock.fee_pay_by, "缴费期限", "申请人逾期未缴费的，可记录视为放弃申请（国办函〔2020〕109号）"
    pause = clock.open_pause
    if pause is None:
        return None, "", ""
    try:
        answer_by = calendar.add(pause.start, CONSULTATION_PERIOD)
    except CalendarNotConfirmed:
        return None, "", ""
    return (
        answer_by,
        "征求意见已满15个工作日",
        "第三方逾期未提出意见的，由本机关依照条例规定决定，结束征求意见后恢复计算答复期限（条例第三十二条）",
    )


def pauses_todo(*, user, agency, today: dt.date) -> list:
    """Paused clocks whose period has run out (Arts. 30, 32; 国办函〔2020〕109号): a 补正 or a payment
    not made in time, a consultation open for more than 15 working days. No deadline runs while the
    clock is paused, so without a reminder such an application would wait for ever."""
    from gongkai.workbench.registry import TodoItem

    items, calendars = [], {}
    for application in selectors.paused(user, agency=agency):
        calendar = _calendar(calendars, application)
        events = [stored_clock.to_clock_event(row) for row in application.ordered_events]
        clock = stored_clock.clock_for(application, calendar, events)
        ends_on, what, then = _period_end(calendar, clock)
        if ends_on is None or today <= ends_on:
            continue
        items.append(
            TodoItem(
                "依申请公开",
                f"{application.applicant_label}：{application.description[:30]}",
                application_url(application),
                note=f"{application.agency.name}，{what}（{ends_on.isoformat()}）已届满；{then}",
                badge="期限已届满",
            )
        )
        if len(items) >= LIMIT:
            break
    return items
