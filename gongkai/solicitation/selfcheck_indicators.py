"""The self-check indicators and clocks of 意见征集 (domain/solicitation.md, "Indicators"), built on
the indicator selectors of ``solicitation.selectors``; registered with
``gongkai.selfcheck.registry`` in ``SolicitationConfig.ready``."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.selfcheck.providers import Calendars, days_left, soon_limit
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
from gongkai.solicitation import selectors

SOURCE = "《重大行政决策程序暂行条例》第十四条、第三十二条；domain/solicitation.md"


def _record(solicitation) -> Record:
    url = reverse("solicitation_staff:detail", args=[solicitation.pk])
    return Record("solicitation", solicitation.pk, solicitation.title[:80], url)


def _ids(agencies) -> list[int]:
    return [agency.pk for agency in agencies]


def _by_agency(solicitations, status=Status.FAIL) -> dict[int, Result]:
    grouped: dict[int, list] = {}
    for solicitation in solicitations:
        grouped.setdefault(solicitation.agency_id, []).append(solicitation)
    return {
        agency_id: Result(len(found), status, tuple(_record(s) for s in found[:RECORDS_LIMIT]))
        for agency_id, found in grouped.items()
    }


def period_short(agencies, today: dt.date) -> dict[int, Result]:
    return _by_agency(selectors.period_short(_ids(agencies), today))


def feedback_missing(agencies, today: dt.date) -> dict[int, Result]:
    """Fail past the feedback's due day; warn with ≤ 3 working days left; the next due day."""
    answer = _by_agency(
        solicitation for solicitation, _due in selectors.feedback_missing(_ids(agencies), today)
    )
    calendars = Calendars()
    for agency in agencies:
        if agency.pk in answer:
            continue
        waiting = [
            (due, s)
            for s in selectors.awaiting_feedback([agency.pk], today)
            if (due := selectors.feedback_due_on(s)) is not None and due >= today
        ]
        if not waiting:
            continue
        waiting.sort(key=lambda pair: pair[0])
        limit = soon_limit(calendars(agency.region), today)
        soon = [s for due, s in waiting if due <= limit]
        next_on = waiting[0][0] + dt.timedelta(days=1)
        answer[agency.pk] = Result(
            0,
            Status.WARN if soon else Status.PASS,
            tuple(_record(s) for s in soon),
            next_on,
            f"《{waiting[0][1].title[:40]}》的采纳情况将于{next_on.isoformat()}超过公布时限",
        )
    return answer


def final_without_feedback(agencies, today: dt.date) -> dict[int, Result]:
    return _by_agency(selectors.final_without_feedback(_ids(agencies), today))


def column_empty(agencies, today: dt.date) -> dict[int, Result]:
    return {
        agency.pk: Result(1, Status.FAIL, note="近12个月无意见征集，也无情况说明")
        for agency in selectors.column_empty(agencies, today)
    }


def clocks(agencies, today: dt.date) -> list[Clock]:
    calendars = Calendars()
    found = []
    for solicitation in selectors.awaiting_feedback(_ids(agencies), today):
        due = selectors.feedback_due_on(solicitation)
        left, unit = days_left(calendars(solicitation.agency.region), today, due)
        if due is None:
            explanation = "所涉年度节假日安排未确认，采纳情况公布时限暂无法计算"
        else:
            explanation = (
                f"征求意见于{solicitation.closes_on.isoformat()}截止，采纳情况应在截止后规定的工作日内公布"
            )
        found.append(
            Clock(
                "solicitation_feedback",
                "意见采纳情况",
                "solicitation",
                solicitation.pk,
                f"《{solicitation.title[:60]}》采纳情况",
                solicitation.agency_id,
                due,
                left,
                explanation,
                reverse("solicitation_staff:detail", args=[solicitation.pk]),
                unit,
            )
        )
    return found


def register() -> None:
    entries = [
        (
            "solicitation_period_short",
            "征求意见期限不足",
            "征求意见期限短于法定最低期限且未说明理由",
            period_short,
            70,
            2,
        ),
        (
            "feedback_missing",
            "未公布意见采纳情况",
            "征求意见截止后超过规定工作日（默认20个）未公布采纳情况",
            feedback_missing,
            71,
            2,
        ),
        (
            "final_without_feedback",
            "正式文件未附采纳情况",
            "正式文件已公布，但未公布意见采纳情况",
            final_without_feedback,
            72,
            2,
        ),
        (
            "solicitation_column_empty",
            "意见征集栏目空白",
            "近12个月无意见征集且未公开情况说明",
            column_empty,
            73,
            2,
        ),
    ]
    for code, name, rule, compute, order, deduction in entries:
        register_indicator(
            Indicator(code, name, rule, SOURCE, compute, "意见征集", order), deduction=deduction
        )
    register_clocks("solicitation", clocks)
