"""The self-check indicators of 建议提案办理 and 重点工作 (domain/services.md, "Indicators"), built
on the indicator selectors of ``proposals.selectors``; registered with
``gongkai.selfcheck.registry`` in ``ProposalsConfig.ready``."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from gongkai.proposals import clocks, selectors
from gongkai.proposals.models import Proposal
from gongkai.proposals.vocabulary import KIND_SHORT, Kind, Satisfaction
from gongkai.selfcheck.providers import Calendars, days_left
from gongkai.selfcheck.registry import (
    Clock,
    Collected,
    Indicator,
    Record,
    Result,
    register_clocks,
    register_indicator,
)

GROUP = "建议提案办理"
SOURCE = "《国务院办公厅关于做好全国人大代表建议和全国政协委员提案办理结果公开工作的通知》"
TASK_SOURCE = "《政府信息公开条例》第二十条"


def _ids(agencies) -> list[int]:
    return [agency.pk for agency in agencies]


def _record(proposal: Proposal) -> Record:
    url = reverse("proposals_staff:detail", args=[proposal.pk])
    return Record("proposal", proposal.pk, f"{proposal}：{proposal.title[:60]}", url)


def _results(collected: Collected) -> dict[int, Result]:
    return {
        agency_id: Result(count, records=tuple(collected.records.get(agency_id, ())))
        for agency_id, count in collected.counts.items()
    }


def _collect(proposals) -> dict[int, Result]:
    collected = Collected()
    for proposal in proposals:
        collected.add(proposal.agency_id, _record(proposal))
    return _results(collected)


def proposal_overdue(agencies, today: dt.date) -> dict[int, Result]:
    """Fail on a late answer (first, or second after 不满意); an agency with none passes until the
    earliest pending answer is due (the day after it is the next change)."""
    answer = _collect(selectors.proposal_overdue(_ids(agencies), today))
    # Pending on ``today`` (which may be past): answered (again) after it still counts as pending.
    pending = Proposal.objects.filter(
        Q(answered_on__isnull=True)
        | Q(answered_on__gt=today)
        | Q(satisfaction=Satisfaction.DISSATISFIED, second_answered_on__isnull=True)
        | Q(second_answered_on__gt=today),
        agency_id__in=_ids(agencies),
        assigned_on__lte=today,
    ).select_related("agency")
    earliest: dict[int, tuple[dt.date, Proposal]] = {}
    for proposal in (clocks.as_on(proposal, today) for proposal in pending):
        if proposal.answered_on is not None and proposal.second_answered_on is not None:
            continue
        if proposal.answered_on is not None and proposal.satisfaction != Satisfaction.DISSATISFIED:
            continue
        owed = clocks.answer_due if proposal.answered_on is None else clocks.second_answer_due
        due = owed(proposal).on
        if due is None or due < today:
            continue
        if proposal.agency_id not in earliest or due < earliest[proposal.agency_id][0]:
            earliest[proposal.agency_id] = (due, proposal)
    for agency_id, (due, proposal) in earliest.items():
        if agency_id in answer:
            continue
        next_on = due + dt.timedelta(days=1)
        answer[agency_id] = Result(
            next_change_on=next_on, next_change=f"{proposal}的答复将于{next_on.isoformat()}超过办理时限"
        )
    return answer


def proposal_unpublished(agencies, today: dt.date) -> dict[int, Result]:
    return _collect(selectors.proposal_unpublished(_ids(agencies), today))


def proposal_report_missing(agencies, today: dt.date) -> dict[int, Result]:
    url = reverse("proposals_staff:year_report")
    return {
        agency_id: Result(
            1,
            records=(Record("year_report", year, f"{year}年度建议提案办理情况报告", url),),
            note=f"{year}年有交办的建议提案，未公开办理情况年度报告",
        )
        for agency_id, year in selectors.proposal_report_missing(_ids(agencies), today)
    }


def key_task_no_progress(agencies, today: dt.date) -> dict[int, Result]:
    url = reverse("proposals_staff:tasks")
    collected = Collected()
    for task in selectors.key_task_no_progress(_ids(agencies), today):
        collected.add(task.agency_id, Record("key_task", task.pk, str(task), url))
    return _results(collected)


def answer_clocks(agencies, today: dt.date) -> list[Clock]:
    """The answers still owed (domain/compliance.md, the live duty dashboard: "proposal answers"):
    the answer within 3 months of 交办 (6 when extended), and after a 不满意 rating the second
    answer within 1 month. A due day in an unconfirmed year is unknown, with the reason."""
    owed = (
        Proposal.objects.filter(agency_id__in=_ids(agencies))
        .filter(
            Q(answered_on__isnull=True)
            | Q(
                satisfaction=Satisfaction.DISSATISFIED,
                rated_on__isnull=False,
                second_answered_on__isnull=True,
            )
        )
        .select_related("agency")
        .order_by("pk")
    )
    calendars = Calendars()
    found = []
    for proposal in owed:
        short = KIND_SHORT[Kind(proposal.kind)]
        if proposal.answered_on is None:
            due = clocks.answer_due(proposal)
            kind, kind_label = "proposal_answer", f"{short}答复"
            months = "6个月（已延期）" if proposal.extended else "3个月"
            basis = "《代表法》第五十一条" if proposal.kind == Kind.DEPUTY_SUGGESTION else "政协提案工作条例，期限同代表建议"
            rule = f"自{proposal.assigned_on.isoformat()}交办起{months}内答复（{basis}），期满日非工作日顺延"
        else:
            due = clocks.second_answer_due(proposal)
            kind, kind_label = "proposal_second_answer", f"{short}再次答复"
            rule = f"代表委员{proposal.rated_on.isoformat()}表示不满意，自评价之日起{clocks.second_answer_months()}个月内再次答复"
        found.append(_clock(proposal, kind, kind_label, due, rule, calendars, today))
    return found


def _clock(proposal, kind: str, kind_label: str, due, rule: str, calendars, today: dt.date) -> Clock:
    """A proposal's running clock for the dashboard: its due day, days left and the rule in words
    (with why the day is unknown, in an unconfirmed year)."""
    left, unit = days_left(calendars(proposal.agency.region), today, due.on)
    return Clock(
        kind,
        kind_label,
        "proposal",
        proposal.pk,
        f"{proposal}：{proposal.title[:60]}",
        proposal.agency_id,
        due.on,
        left,
        f"{rule}；{due.unknown_reason}" if due.on is None else rule,
        reverse("proposals_staff:detail", args=[proposal.pk]),
        unit,
    )


def publication_clocks(agencies, today: dt.date) -> list[Clock]:
    """Answers not yet published (services.md §4, `proposal_unpublished`): the full text or a summary
    is owed within 20 working days of answering (setting). A running clock like the answers, so the
    dashboard lists it and the reminders reach staff before the indicator fails."""
    owed = (
        Proposal.objects.filter(agency_id__in=_ids(agencies), answered_on__isnull=False, published_on__isnull=True)
        .select_related("agency")
        .order_by("pk")
    )
    calendars = Calendars()
    found = []
    for proposal in owed:
        due = clocks.publication_due(proposal)
        rule = (
            f"自{proposal.answered_on.isoformat()}答复起{clocks.publication_workdays()}个工作日内公开答复全文"
            "（不含联系方式）或摘要（说明理由）（国办发〔2014〕46号）"
        )
        label = f"{KIND_SHORT[Kind(proposal.kind)]}答复公开"
        found.append(_clock(proposal, "proposal_publication", label, due, rule, calendars, today))
    return found


def register() -> None:
    # (code, name, rule, source, compute, order, deduction per record, cap)
    entries = [
        ("proposal_overdue", "建议提案逾期答复", "建议提案超过办理时限未答复或逾期答复",
         SOURCE, proposal_overdue, 90, 2, None),
        ("proposal_unpublished", "建议提案答复未公开", f"已答复的建议提案未在答复后{clocks.publication_workdays()}个工作日内公开",
         SOURCE, proposal_unpublished, 91, 2, None),
        ("proposal_report_missing", "未公开建议提案办理年度报告", "上一年度有交办的建议提案，未公开办理情况年度报告",
         SOURCE, proposal_report_missing, 92, 5, None),
        ("key_task_no_progress", "重点工作进展未更新", "重点工作任务已逾期且近一个季度无进展更新",
         TASK_SOURCE, key_task_no_progress, 93, 2, None),
    ]  # fmt: skip
    for code, name, rule, source, compute, order, deduction, cap in entries:
        register_indicator(Indicator(code, name, rule, source, compute, GROUP, order), deduction=deduction, cap=cap)
    register_clocks("proposals", answer_clocks)
    register_clocks("proposal_publication", publication_clocks)
