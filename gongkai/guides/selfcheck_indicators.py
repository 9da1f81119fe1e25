"""The self-check indicators of 办事服务 (domain/services.md, "Indicators"): 办事指南, 权责清单 and
the 基层政务公开标准目录, built on the indicator selectors of ``guides``; registered with
``gongkai.selfcheck.registry`` in ``GuidesConfig.ready``."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.urls import reverse

from gongkai.guides import checks, coverage, powers, selectors, standard_report
from gongkai.selfcheck.registry import RECORDS_LIMIT, Collected, Indicator, Record, Result, register_indicator

GROUP = "办事服务"
GUIDE_SOURCE = "《国务院办公厅关于开展第一次全国政府网站普查的通知》（2015）"
POWERS_SOURCE = "《关于推行地方各级政府工作部门权力清单制度的指导意见》"
STANDARD_SOURCE = "《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》"
# A veto item (单项否决) of the website inspection (国办秘函〔2019〕19号; domain/compliance.md): a
# guide missing any of the eight elements fails the verdict whatever the score.
VETOES = frozenset({"guide_missing_element"})


def _ids(agencies) -> list[int]:
    return [agency.pk for agency in agencies]


def _results(collected: Collected) -> dict[int, Result]:
    return {
        agency_id: Result(count, records=tuple(collected.records.get(agency_id, ())))
        for agency_id, count in collected.counts.items()
    }


def _guide_record(guide, note: str = "") -> Record:
    label = f"{guide.name[:60]}（{note}）" if note else guide.name[:80]
    return Record("guide", guide.pk, label, reverse("guides_staff:detail", args=[guide.pk]))


def guide_missing_element(agencies, today: dt.date) -> dict[int, Result]:
    """Counts the missing element kinds per agency (−2 each, capped at −16 by the scheme: the same
    element missing in many guides counts once); the records are the guides missing any."""
    guides: dict[int, list] = {}
    kinds: dict[int, set] = {}
    for guide, missing in selectors.guide_missing_element(_ids(agencies), today):
        guides.setdefault(guide.agency_id, []).append(_guide_record(guide, "缺" + "、".join(checks.ELEMENT_LABELS[m] for m in missing)))
        kinds.setdefault(guide.agency_id, set()).update(missing)
    return {
        agency_id: Result(
            len(kinds[agency_id]),
            records=tuple(found[:RECORDS_LIMIT]),
            note=f"缺少{len(kinds[agency_id])}类要素，涉及{len(found)}份办事指南",
        )
        for agency_id, found in guides.items()
    }


def guide_promise_exceeds_statute(agencies, today: dt.date) -> dict[int, Result]:
    collected = Collected()
    for guide in selectors.guide_promise_exceeds_statute(_ids(agencies), today):
        note = f"承诺{guide.promised_days}日，法定{guide.statutory_days}日"
        collected.add(guide.agency_id, _guide_record(guide, note))
    return _results(collected)


def powers_incomplete(agencies, today: dt.date) -> dict[int, Result]:
    url = reverse("guides_staff:powers")
    collected = Collected()
    for entry, missing in powers.powers_incomplete(_ids(agencies), today):
        label = f"{entry.name[:60]}（缺{'、'.join(missing)}）"
        collected.add(entry.power_list.agency_id, Record("power_entry", entry.pk, label, url))
    return _results(collected)


def _standard(rows) -> dict[int, Result]:
    url = reverse("guides_staff:standard")
    collected = Collected()
    for row in rows:
        entry = row.entry
        label = f"{entry.number} {entry.first_level}—{entry.second_level}".strip()[:80]
        if row.result.reason:
            label = f"{label}（{row.result.reason[:40]}）"
        collected.add(entry.agency_id, Record("standard_entry", entry.pk, label, url))
    return _results(collected)


def standard_entry_uncovered(agencies, today: dt.date) -> dict[int, Result]:
    """On a past day the catalogue as it stood then (``standard_report.report``): entries imported,
    columns linked, items published and offline channels confirmed after it had not happened. The
    rows keep no date for what a later change removed (a link taken off, an entry dropped by a
    re-import, an item withdrawn): the day reads them as they are now, as if never there."""
    return _standard(standard_report.standard_entry_uncovered(_ids(agencies), today))


def standard_entry_stale(agencies, today: dt.date) -> dict[int, Result]:
    """As ``standard_entry_uncovered``, the catalogue as it stood on the day; and the next change:
    the day the first covered periodic entry turns stale if nothing new is published or confirmed
    (the day after a period from the oldest publication behind it). An entry's time rule is the one
    last imported (a re-import keeps no earlier rule)."""
    rows = standard_report.rows_of(_ids(agencies), today)
    answer = _standard([row for row in rows if row.result.status == coverage.CoverageStatus.STALE])
    turning: dict[int, standard_report.Row] = {}
    for row in rows:
        soonest = turning.get(row.entry.agency_id)
        if row.result.stale_on and (soonest is None or row.result.stale_on < soonest.result.stale_on):
            turning[row.entry.agency_id] = row
    for agency_id, row in turning.items():
        day, entry = row.result.stale_on, row.entry
        answer[agency_id] = replace(
            answer.get(agency_id, Result()),
            next_change_on=day,
            next_change=f"若无新的公开，标准目录事项“{entry.second_level}”将于{day.isoformat()}超过{entry.rule.label}更新的要求",
        )
    return answer


def register() -> None:
    # (code, name, rule, source, compute, order, deduction per record, cap)
    entries = [
        ("guide_missing_element", "办事指南要素缺失",
         "办事指南缺少事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程中的任一要素（每缺一类扣2分，最多扣16分）",
         GUIDE_SOURCE, guide_missing_element, 80, 2, 16),
        ("guide_promise_exceeds_statute", "承诺时限超过法定时限",
         "办事指南的承诺办结时限长于法定办结时限", GUIDE_SOURCE, guide_promise_exceeds_statute, 81, 1, None),
        ("powers_incomplete", "权责清单要素不全",
         "现行权责清单事项缺少设定依据、实施主体、职权类型或责任事项", POWERS_SOURCE, powers_incomplete, 82, 1, 10),
        ("standard_entry_uncovered", "标准目录事项未覆盖",
         "标准目录中应主动公开的事项无关联的已公开信息（或应确认的线下渠道未确认）",
         STANDARD_SOURCE, standard_entry_uncovered, 83, 1, 10),
        ("standard_entry_stale", "标准目录事项更新不及时",
         "标准目录事项最近一次公开早于其公开时限的要求", STANDARD_SOURCE, standard_entry_stale, 84, 1, 10),
    ]  # fmt: skip
    for code, name, rule, source, compute, order, deduction, cap in entries:
        register_indicator(
            Indicator(code, name, rule, source, compute, GROUP, order),
            deduction=deduction, cap=cap, veto=code in VETOES,
        )  # fmt: skip
