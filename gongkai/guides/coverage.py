"""Is a standard-catalogue entry covered, and is it up to date? — pure Python, no Django.

domain/services.md §3: each 主动 entry at the agency's level must be backed by published information
(the catalogue columns staff linked to it) and by the offline channels it names (公示栏, 便民服务站 …,
confirmed by staff with a date). The check lists entries with nothing behind them (``uncovered``) and
entries whose newest publication is older than their time rule allows (``stale``).

How old is too old, per kind of rule (docs/decisions.md, "Standard catalogue coverage"):
- ``periodic``: the newest publication may be at most one period old — its corresponding day one
  period later (民法典 Art. 202) must not be before today;
- ``working_days_after_formation`` (N): the newest item must have been published within N working
  days of its formation; an item published later breaks the rule the entry promises;
- ``realtime`` and ``promptly`` set no measurable bound: covered is all that can be checked;
- ``manual``: a person judges; the report lists the entry as needing review, never as stale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from gongkai.guides.time_rules import PERIOD_MONTHS, TimeRule, TimeRuleKind
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.months import corresponding_day

# Channels that are web pages: an entry published there needs a linked catalogue item.
ONLINE_CHANNELS = frozenset({"政府网站", "政务新媒体", "政务服务网", "门户网站", "网站"})


class Calendar(Protocol):
    def add(self, start: dt.date, days: int) -> dt.date: ...


class CoverageStatus(StrEnum):
    COVERED = "covered"
    UNCOVERED = "uncovered"
    STALE = "stale"
    NEEDS_REVIEW = "needs_review"  # manual time rule: a person decides whether it is up to date


COVERAGE_LABELS = {
    CoverageStatus.COVERED: "已覆盖",
    CoverageStatus.UNCOVERED: "未覆盖",
    CoverageStatus.STALE: "未按时更新",
    CoverageStatus.NEEDS_REVIEW: "需人工核对时限",
}


@dataclass(frozen=True)
class Publication:
    """The newest thing behind an entry: a published item (formed and published) or an offline
    channel confirmation (published_on = the confirmation date, formed_on unknown)."""

    published_on: dt.date
    formed_on: dt.date | None = None
    label: str = ""


@dataclass(frozen=True)
class Coverage:
    status: CoverageStatus
    reason: str = ""
    newest: Publication | None = None
    # A covered entry under a periodic rule: the first day it is stale when nothing new is
    # published (or confirmed) — the day after a period from its oldest publication behind it.
    stale_on: dt.date | None = None


def is_online(channel: str) -> bool:
    return any(name in channel for name in ONLINE_CHANNELS)


def needs_item(channels: list[str]) -> bool:
    """An entry needs a published item when it names an online channel, or names no channel at all
    (the government website is where proactive information goes by default: Art. 23)."""
    return not channels or any(is_online(channel) for channel in channels)


def stale_on(rule: TimeRule, publications: list[Publication]) -> dt.date | None:
    """The day a periodic entry backed by ``publications`` turns stale if nothing new comes: the
    day after the corresponding day one period after the oldest of them (``staleness``'s limit)."""
    if rule.kind != TimeRuleKind.PERIODIC or not rule.period or not publications:
        return None
    oldest = min(publication.published_on for publication in publications)
    return corresponding_day(oldest, PERIOD_MONTHS[rule.period]) + dt.timedelta(days=1)


def staleness(rule: TimeRule, newest: Publication, today: dt.date, calendar: Calendar) -> str:
    """Why ``newest`` is too old for ``rule`` on ``today`` ("" when it is not)."""
    if rule.kind == TimeRuleKind.PERIODIC and rule.period:
        limit = corresponding_day(newest.published_on, PERIOD_MONTHS[rule.period])
        if limit < today:
            return f"最近一次公开为{newest.published_on.isoformat()}，已超过{rule.label}更新的要求"
    if rule.kind == TimeRuleKind.WORKING_DAYS_AFTER_FORMATION and rule.days and newest.formed_on:
        try:
            due_on = calendar.add(newest.formed_on, rule.days)
        except CalendarNotConfirmed:
            return ""  # unknown, not stale
        if newest.published_on > due_on:
            return (
                f"最近一条信息{newest.formed_on.isoformat()}形成，{newest.published_on.isoformat()}才公开，"
                f"超过{rule.days}个工作日"
            )
    return ""


def entry_coverage(
    rule: TimeRule,
    *,
    channels: list[str],
    newest_item: Publication | None,
    offline_missing: list[str],
    offline_newest: Publication | None,
    today: dt.date,
    calendar: Calendar,
) -> Coverage:
    """The coverage of one entry. ``offline_missing`` are the required offline channels nobody has
    confirmed yet; ``offline_newest`` the oldest of the latest confirmations of its offline channels."""
    if needs_item(channels) and newest_item is None:
        return Coverage(CoverageStatus.UNCOVERED, "未关联已公开的信息")
    if offline_missing:
        return Coverage(CoverageStatus.UNCOVERED, f"{'、'.join(offline_missing)}尚未确认公开")
    behind = [publication for publication in (newest_item, offline_newest) if publication is not None]
    if rule.kind == TimeRuleKind.MANUAL:
        return Coverage(CoverageStatus.NEEDS_REVIEW, f"公开时限“{rule.text}”需人工核对", _newest(behind))
    for publication in behind:
        reason = staleness(rule, publication, today, calendar)
        if reason:
            return Coverage(CoverageStatus.STALE, reason, publication)
    return Coverage(CoverageStatus.COVERED, "", _newest(behind), stale_on(rule, behind))


def _newest(publications: list[Publication]) -> Publication | None:
    return max(publications, key=lambda publication: publication.published_on, default=None)
