"""Key tasks (重点工作任务分工): status and findings from the dated progress updates — pure Python.

domain/services.md §5: tasks carry a deadline and dated progress updates, by default quarterly; the
status is ``on_track`` / ``at_risk`` / ``overdue`` / ``done``; an overdue task without an update in
the last quarter is a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from gongkai.workdays.months import corresponding_day

UPDATE_INTERVAL_MONTHS = 3  # quarterly, the default of domain/services.md §5


class TaskStatus(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    DONE = "done"


TASK_STATUS_LABELS = {
    TaskStatus.ON_TRACK: "按计划推进",
    TaskStatus.AT_RISK: "存在滞后风险",
    TaskStatus.OVERDUE: "逾期未完成",
    TaskStatus.DONE: "已完成",
}


class TaskFinding(StrEnum):
    NO_UPDATE_THIS_QUARTER = "no_update_this_quarter"
    OVERDUE = "overdue"
    NO_PROGRESS = "key_task_no_progress"  # overdue and silent for a quarter: the indicator


TASK_FINDING_LABELS = {
    TaskFinding.NO_UPDATE_THIS_QUARTER: "本季度未报送进展",
    TaskFinding.OVERDUE: "逾期未完成",
    TaskFinding.NO_PROGRESS: "逾期且近一个季度无进展",
}


@dataclass(frozen=True)
class Update:
    """One progress update as staff report it: its date and the status they give."""

    on: dt.date
    status: TaskStatus


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def latest(updates: Sequence[Update], today: dt.date) -> Update | None:
    """The newest update dated on or before ``today`` (later dates are not known yet on ``today``)."""
    known = [update for update in updates if update.on <= today]
    return max(known, key=lambda update: update.on, default=None)


def task_status(deadline: dt.date | None, updates: Sequence[Update], today: dt.date) -> TaskStatus:
    """Done once an update says so; otherwise overdue after the deadline; otherwise what the
    newest update says (on track when nothing has been reported yet)."""
    newest = latest(updates, today)
    if newest is not None and newest.status == TaskStatus.DONE:
        return TaskStatus.DONE
    if deadline is not None and today > deadline:
        return TaskStatus.OVERDUE
    if newest is not None and newest.status == TaskStatus.AT_RISK:
        return TaskStatus.AT_RISK
    return TaskStatus.ON_TRACK


def silent_for_a_quarter(updates: Sequence[Update], today: dt.date, since: dt.date) -> bool:
    """No update within the last quarter before ``today`` (rolling: the newest update, or the day the
    task was set when there is none, is more than three months old by 民法典 Art. 202)."""
    newest = latest(updates, today)
    reference = newest.on if newest is not None else since
    return corresponding_day(reference, UPDATE_INTERVAL_MONTHS) < today


def task_findings(
    deadline: dt.date | None, updates: Sequence[Update], today: dt.date, *, assigned_on: dt.date
) -> list[TaskFinding]:
    """The findings of one task on ``today``: an open task owes an update each calendar quarter;
    an overdue task is a finding, and an overdue task silent for a quarter is the indicator."""
    status = task_status(deadline, updates, today)
    if status == TaskStatus.DONE:
        return []
    findings = []
    newest = latest(updates, today)
    if assigned_on < quarter_start(today) and (newest is None or newest.on < quarter_start(today)):
        findings.append(TaskFinding.NO_UPDATE_THIS_QUARTER)
    if status == TaskStatus.OVERDUE:
        findings.append(TaskFinding.OVERDUE)
        if silent_for_a_quarter(updates, today, assigned_on):
            findings.append(TaskFinding.NO_PROGRESS)
    return findings
