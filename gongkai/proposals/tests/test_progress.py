"""Key-task status and findings from dated progress updates (domain/services.md §5)."""

import pytest

from gongkai.proposals.progress import TaskFinding, TaskStatus, Update, task_findings, task_status
from gongkai.workdays.tests.schedules import d

ON_TRACK, AT_RISK, DONE = TaskStatus.ON_TRACK, TaskStatus.AT_RISK, TaskStatus.DONE


def updates(*pairs):
    return [Update(d(on), status) for on, status in pairs]


@pytest.mark.parametrize(
    ("deadline", "reported", "today", "status"),
    [
        ("2026-12-31", [], "2026-05-01", TaskStatus.ON_TRACK),
        ("2026-12-31", [("2026-04-01", AT_RISK)], "2026-05-01", TaskStatus.AT_RISK),
        (
            "2026-12-31",
            [("2026-04-01", AT_RISK), ("2026-04-20", ON_TRACK)],
            "2026-05-01",
            TaskStatus.ON_TRACK,
        ),
        ("2026-06-30", [("2026-04-01", ON_TRACK)], "2026-07-01", TaskStatus.OVERDUE),
        ("2026-06-30", [("2026-06-29", DONE)], "2026-07-01", TaskStatus.DONE),
        (
            "2026-06-30",
            [("2026-07-10", DONE)],
            "2026-07-01",
            TaskStatus.OVERDUE,
        ),  # not reported yet on that day
        (None, [], "2030-01-01", TaskStatus.ON_TRACK),
    ],
)
def test_status(deadline, reported, today, status):
    assert task_status(deadline and d(deadline), updates(*reported), d(today)) == status


def test_an_open_task_without_an_update_this_quarter_is_a_finding():
    found = task_findings(
        d("2026-12-31"), updates(("2026-06-20", ON_TRACK)), d("2026-07-15"), assigned_on=d("2026-03-01")
    )
    assert found == [TaskFinding.NO_UPDATE_THIS_QUARTER]
    assert (
        task_findings(
            d("2026-12-31"), updates(("2026-07-02", ON_TRACK)), d("2026-07-15"), assigned_on=d("2026-03-01")
        )
        == []
    )


def test_a_task_set_this_quarter_owes_no_update_yet():
    assert task_findings(d("2026-12-31"), [], d("2026-07-15"), assigned_on=d("2026-07-01")) == []


def test_an_overdue_task_silent_for_a_quarter_is_the_indicator():
    found = task_findings(
        d("2026-06-30"), updates(("2026-04-14", ON_TRACK)), d("2026-07-15"), assigned_on=d("2026-01-10")
    )
    assert found == [TaskFinding.NO_UPDATE_THIS_QUARTER, TaskFinding.OVERDUE, TaskFinding.NO_PROGRESS]
    # An update on 15 April is three months old on 15 July — still inside the quarter.
    found = task_findings(
        d("2026-06-30"), updates(("2026-04-15", ON_TRACK)), d("2026-07-15"), assigned_on=d("2026-01-10")
    )
    assert found == [TaskFinding.NO_UPDATE_THIS_QUARTER, TaskFinding.OVERDUE]


def test_an_overdue_task_that_reports_is_overdue_but_not_silent():
    found = task_findings(
        d("2026-06-30"), updates(("2026-07-03", AT_RISK)), d("2026-07-15"), assigned_on=d("2026-01-10")
    )
    assert found == [TaskFinding.OVERDUE]


def test_a_done_task_has_no_findings():
    assert (
        task_findings(
            d("2026-06-30"), updates(("2026-03-01", DONE)), d("2026-12-01"), assigned_on=d("2026-01-10")
        )
        == []
    )
