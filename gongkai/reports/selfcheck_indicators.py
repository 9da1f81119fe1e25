"""The annual report's self-check indicator and clock (Art. 49), registered with
``gongkai.selfcheck.registry`` in ``ReportsConfig.ready``."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min
from django.urls import reverse

from gongkai.reports.figures import deadline, narrative_problems
from gongkai.reports.models import ReportRevision
from gongkai.selfcheck.providers import Calendars, days_left
from gongkai.selfcheck.registry import Clock, Indicator, Record, Result, register_clocks, register_indicator
from gongkai.selfcheck.vocabulary import Status

# A report is due in the year after the one it covers; this many days into that year the clock runs.
NOTICE_FROM_MONTH = 12


def _first_published(agencies, year: int, today: dt.date | None = None) -> dict[int, dt.date]:
    """The day each agency's report of ``year`` was first published (by ``today``, when given: a
    report of a past day knows no publication after it)."""
    revisions = ReportRevision.objects.filter(report__agency_id__in=[a.pk for a in agencies], report__year=year)
    if today is not None:
        revisions = revisions.filter(published_on__lte=today)
    return dict(
        revisions.order_by()
        .values_list("report__agency_id")
        .annotate(first=Min("published_on"))
    )


# Working days left at which a running deadline warns (calendar days where the calendar is unknown),
# as every clock of the self-check warns (``providers.soon_limit``).
WARN_WORKDAYS, WARN_CALENDAR_DAYS = 3, 7


def _narratives(agencies, years: list[int], today: dt.date) -> dict[tuple[int, int], dict]:
    """The narrative sections of each report's latest revision published by ``today``, by (agency,
    year). Only the narrative is read from the frozen JSON (a whole report is tens of kB, times
    every agency)."""
    latest = {}
    revisions = (
        ReportRevision.objects.filter(
            report__agency_id__in=[a.pk for a in agencies], report__year__in=years, published_on__lte=today
        )
        .order_by("report_id", "number")
        .values_list("report__agency_id", "report__year", "figures__agency__narrative")
    )
    for agency_id, year, narrative in revisions:  # the last revision of each report wins
        latest[agency_id, year] = narrative if isinstance(narrative, dict) else {}
    return latest


def missing(agencies, today: dt.date) -> dict[int, Result]:
    """Last year's report: fail when not published by its deadline (31 Jan for departments, 31 Mar
    for governments) or published after it; while the deadline runs, warn with ≤ 3 working days
    left (the self-check's rule for every clock), pass before that, both with the day it turns late.
    ``today`` may be past: a revision published after it (the first, or a correction) is not yet
    there."""
    year = today.year - 1
    published = _first_published(agencies, year, today)
    narratives = _narratives([a for a in agencies if a.pk in published], [year - 1, year], today)
    calendars = Calendars()
    answer = {}
    for agency in agencies:
        due = deadline(agency, year)
        first = published.get(agency.pk)
        record = (
            Record(
                "annual_report",
                f"{agency.code}:{year}",
                f"{agency.name}{year}年度报告",
                reverse("reports_staff:report", args=[year]),
            ),
        )
        if first is not None:
            problems = [f"于{first.isoformat()}发布，晚于{due.isoformat()}"] if first > due else []
            problems += narrative_problems(
                narratives.get((agency.pk, year), {}), narratives.get((agency.pk, year - 1))
            )
            if problems:
                answer[agency.pk] = Result(len(problems), Status.FAIL, record, note="；".join(problems))
            continue
        if today > due:
            answer[agency.pk] = Result(1, Status.FAIL, record, note=f"应于{due.isoformat()}前发布")
        else:
            left, unit = days_left(calendars(agency.region), today, due)
            soon = left <= (WARN_WORKDAYS if unit == "工作日" else WARN_CALENDAR_DAYS)
            next_on = due + dt.timedelta(days=1)
            answer[agency.pk] = Result(
                0,
                Status.WARN if soon else Status.PASS,
                record if soon else (),
                next_on,
                f"{year}年度报告未发布，将于{next_on.isoformat()}逾期",
            )
    return answer


def clocks(agencies, today: dt.date) -> list[Clock]:
    """The report still owed: last year's until published; this year's from December."""
    years = [today.year - 1] + ([today.year] if today.month >= NOTICE_FROM_MONTH else [])
    calendars = Calendars()
    found = []
    for year in years:
        published = _first_published(agencies, year)
        for agency in agencies:
            if agency.pk in published:
                continue
            due = deadline(agency, year)
            left, unit = days_left(calendars(agency.region), today, due)
            rule = "政府年度报告于次年3月31日前公布" if due.month == 3 else "部门年度报告于次年1月31日前公布"
            found.append(
                Clock(
                    "annual_report",
                    "年度报告",
                    "annual_report",
                    f"{agency.code}:{year}",
                    f"{agency.name}{year}年政府信息公开工作年度报告",
                    agency.pk,
                    due,
                    left,
                    f"《条例》第四十九条：{rule}",
                    reverse("reports_staff:report", args=[year]),
                    unit,
                )
            )
    return found


def register() -> None:
    register_indicator(
        Indicator(
            "annual_report_missing",
            "年度报告未按时发布",
            "部门年度报告1月31日前、政府年度报告3月31日前公布；叙述部分不得空缺，存在的主要问题不得照搬上一年度",
            "《条例》第四十九条；鲤城区2020年考评细则",
            missing,
            "年度报告",
            60,
        ),
        deduction=5,
    )
    register_clocks("reports", clocks)
