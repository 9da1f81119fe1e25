"""The self-check indicators and clocks of 依申请公开 (domain/compliance.md), registered with
``gongkai.selfcheck.registry`` in ``ApplicationsConfig.ready``."""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse

from gongkai.applications.choices import OPEN_STATES, Action, ReviewResult, State
from gongkai.applications.models import Application, ApplicationEvent, Review
from gongkai.selfcheck.providers import (
    Calendars,
    days_left,
    deadline_results,
    deadline_results_of,
    grouped,
    results,
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
from gongkai.workdays.calendar import CalendarNotConfirmed

CORRECTION_DAYS = 7  # Art. 30: 补正 is requested at once, within 7 working days of receipt

PAUSE_REASONS = {
    State.CORRECTION_REQUESTED: "待申请人补正，计时暂停（《条例》第三十条）",
    State.IN_CONSULTATION: "征求第三方意见，计时暂停（《条例》第三十二条）",
    State.AWAITING_FEE: "待缴纳信息处理费，计时暂停（《收费管理办法》）",
}


RECORD_FIELDS = ("tracking_code", "description")  # what ``_record`` reads


@cache
def _application_url():
    return url_for("applications_staff:detail")


def _url(application) -> str:
    return _application_url()(application.pk)


def _record(application) -> Record:
    return Record(
        "application",
        application.pk,
        f"{application.tracking_code} {application.description[:40]}",
        _url(application),
    )


def _ids(agencies) -> list[int]:
    return [agency.pk for agency in agencies]


def _running(agencies):
    return (
        Application.objects.filter(agency_id__in=_ids(agencies), state__in=OPEN_STATES, paused=False)
        .exclude(state=State.SUBMITTED)
        # Implied by OPEN_STATES; said as the partial index application_running says it, so that
        # SQLite uses that index.
        .exclude(state=State.CONCLUDED)
        .only(*RECORD_FIELDS)
    )


def overdue(agencies, today: dt.date) -> dict[int, Result]:
    """Art. 33: applications open on ``today`` past ``due_on``; warn with ≤ 3 working days left.

    ``today`` may be past: an application received after it does not count, and one whose clock
    moved after it (answered, paused, extended…) counts as its clock stood then — its events up
    to that day replayed (an application answered after it was still open, and overdue if past
    its due day then). On the current day no event lies ahead, and the cached columns are read."""

    def describe(day):
        return f"有申请将于{day.isoformat()}超过答复期限"

    received = Application.objects.filter(agency_id__in=_ids(agencies), received_on__lte=today)
    moved_since = Exists(ApplicationEvent.objects.filter(application=OuterRef("pk"), on__gt=today))
    moved = received.filter(Q(concluded_on__gt=today) | moved_since)
    unmoved = _running(agencies).filter(received_on__lte=today).exclude(moved_since)
    if not moved.exists():
        return deadline_results(unmoved, agencies, today, _record, describe)
    rows = [(a.agency_id, a.due_on, _record(a)) for a in unmoved.only("agency_id", "due_on", *RECORD_FIELDS)]
    rows += _replayed_running(moved, today)
    return deadline_results_of(rows, agencies, today, describe)


def _replayed_running(applications, today: dt.date) -> list[tuple[int, dt.date | None, Record]]:
    """(agency id, due day, record) of ``applications`` whose clock ran on ``today``, from their
    events dated up to that day. One recorded without events (its columns only) ran then if it
    was concluded after that day, due on the day it had when concluded."""
    from gongkai.applications import stored_clock

    calendars = Calendars()
    found = []
    events = Prefetch("events", ApplicationEvent.objects.order_by("on", "id"), to_attr="ordered_events")
    for application in applications.select_related("agency").prefetch_related(events):
        if not application.ordered_events:
            if application.concluded_on is not None and not application.paused:
                found.append((application.agency_id, application.due_on, _record(application)))
            continue
        past = [stored_clock.to_clock_event(event) for event in application.ordered_events if event.on <= today]
        clock = stored_clock.clock_for(application, calendars(application.agency.region), past)
        if clock.is_open and not clock.paused and clock.received_on is not None:
            found.append((application.agency_id, clock.due_on, _record(application)))
    return found


def late(agencies, today: dt.date) -> dict[int, Result]:
    """Answered after ``due_on`` within the last year, up to the day asked about (a report of a
    past day counts no answer given after it)."""
    queryset = Application.objects.filter(
        agency_id__in=_ids(agencies),
        state=State.CONCLUDED,
        late=True,
        concluded_on__gt=year_before(today),
        concluded_on__lte=today,
    )
    return results(*grouped(queryset.only(*RECORD_FIELDS), _record, order=("-concluded_on", "id")))


def corrected(agencies, today: dt.date) -> dict[int, Result]:
    """Decisions corrected on review or in court (annual report table 4 ``corrected``), last year."""
    queryset = Review.objects.filter(
        agency_id__in=_ids(agencies),
        result=ReviewResult.CORRECTED,
        decided_on__gt=year_before(today),
        decided_on__lte=today,
    ).select_related("application")

    def record(review) -> Record:
        return Record(
            "review",
            review.pk,
            f"{review.get_kind_display()}：{review.application.tracking_code}",
            _url(review.application),
        )

    return results(*grouped(queryset, record, order=("-decided_on", "id")))


def correction_late(agencies, today: dt.date) -> dict[int, Result]:
    """Art. 30: a correction requested after add(received_on, 7), in the last year."""
    events = (
        ApplicationEvent.objects.filter(
            action=Action.REQUEST_CORRECTION,
            application__agency_id__in=_ids(agencies),
            application__received_on__isnull=False,
            on__gt=year_before(today),
            on__lte=today,
        )
        .select_related("application__agency")
        .order_by("-on", "id")
    )
    calendars = Calendars()
    late: dict[int, list] = {}
    for event in events:
        application = event.application
        try:
            limit = calendars(application.agency.region).add(application.received_on, CORRECTION_DAYS)
        except CalendarNotConfirmed:
            continue
        if event.on > limit:
            late.setdefault(application.agency_id, []).append(application)
    return {
        agency_id: Result(len(found), Status.FAIL, tuple(_record(a) for a in found[:RECORDS_LIMIT]))
        for agency_id, found in late.items()
    }


def guide_outdated(agencies, today: dt.date) -> dict[int, Result]:
    """Art. 12: a published 政府信息公开指南 that no longer says what the agency's contacts and
    settings say (a change that did not republish it). A missing guide is ``disclosure_guide_missing``."""
    from gongkai.applications import disclosure_guide
    from gongkai.applications.models import GuideSettings

    with_guide = GuideSettings.objects.filter(
        agency_id__in=_ids(agencies), item__isnull=False
    ).select_related("agency", "item")
    answer = {}
    for settings in with_guide:
        if settings.fingerprint != disclosure_guide.fingerprint(
            disclosure_guide.html(settings.agency, settings)
        ):
            item = settings.item
            url = reverse("catalog_staff:detail", args=[item.pk])
            answer[settings.agency_id] = Result(1, Status.FAIL, (Record("item", item.pk, item.title, url),))
    return answer


def clocks(agencies, today: dt.date) -> list[Clock]:
    """Every open application that has been received: its reply limit, or why it is unknown."""
    calendars = Calendars()
    found = []
    queryset = (
        Application.objects.filter(agency_id__in=_ids(agencies), state__in=OPEN_STATES)
        .exclude(state=State.SUBMITTED)
        .select_related("agency")
        .only("tracking_code", "description", "agency", "state", "received_on", "due_on", "paused")
    )
    for application in queryset:
        calendar = calendars(application.agency.region)
        left, unit = days_left(calendar, today, application.due_on)
        if application.paused:
            explanation = PAUSE_REASONS.get(application.state, "计时暂停")
            if application.due_on:
                explanation += f"；按暂停前计算的期限为{application.due_on.isoformat()}"
        elif application.due_on is None:
            explanation = "所涉年度节假日安排未确认，答复期限暂无法计算"
        else:
            received = application.received_on.isoformat() if application.received_on else "收到申请之日"
            explanation = f"自{received}收到申请起20个工作日（《条例》第三十三条，含延期）"
        found.append(
            Clock(
                "application_reply",
                "依申请公开答复",
                "application",
                application.pk,
                f"{application.tracking_code} {application.description[:40]}",
                application.agency_id,
                application.due_on,
                left,
                explanation,
                _url(application),
                unit,
            )
        )
    return found


def register() -> None:
    register_indicator(
        Indicator(
            "application_overdue",
            "申请答复逾期",
            "申请在答复期限届满时仍未答复",
            "《条例》第三十三条",
            overdue,
            "依申请公开",
            30,
        ),
        deduction=6,
    )
    register_indicator(
        Indicator(
            "application_late",
            "申请逾期答复",
            "近一年内在答复期限之后才作出答复",
            "《条例》第三十三条；鲤城区2020年考评细则",
            late,
            "依申请公开",
            31,
        ),
        deduction=6,
    )
    register_indicator(
        Indicator(
            "decision_corrected",
            "答复被纠错",
            "近一年内答复在行政复议或诉讼中被纠正",
            "《条例》第五十一条；鲤城区2020年考评细则",
            corrected,
            "依申请公开",
            32,
        ),
        deduction=3,
    )
    register_indicator(
        Indicator(
            "correction_notice_late",
            "补正告知超时",
            "需要补正的，应自收到申请之日起7个工作日内一次性告知",
            "《条例》第三十条",
            correction_late,
            "依申请公开",
            33,
        ),
        deduction=2,
    )
    register_indicator(
        Indicator(
            "disclosure_guide_outdated",
            "公开指南未随联系方式更新",
            "办公地址、联系方式等变更后，政府信息公开指南应及时更新",
            "《条例》第十二条",
            guide_outdated,
            "主动公开",
            13,
        ),
        deduction=2,
    )
    register_clocks("applications", clocks)
