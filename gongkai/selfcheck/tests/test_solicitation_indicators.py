"""The indicators of 意见征集, registered by the solicitation app: pass, warn and fail."""

import datetime as dt

import pytest

from gongkai.selfcheck.tests.factories import item
from gongkai.selfcheck.vocabulary import Status
from gongkai.solicitation.models import AgencySettings, Feedback, Solicitation

pytestmark = pytest.mark.django_db


def solicitation(agency, **fields):
    defaults = {
        "kind": "other", "title": "关于某事项的征求意见稿", "draft": "<p>正文</p>",
        "opens_on": dt.date(2026, 9, 1), "closes_on": dt.date(2026, 10, 8), "published_on": dt.date(2026, 9, 1),
    }  # fmt: skip
    return Solicitation.objects.create(agency=agency, **{**defaults, **fields})


def test_period_short(tree, check):
    solicitation(
        tree["dept_a"], kind="major_decision", opens_on=dt.date(2026, 9, 1), closes_on=dt.date(2026, 10, 8)
    )
    assert check(tree["dept_a"], "solicitation_period_short").status == Status.PASS
    short = solicitation(
        tree["dept_a"], kind="major_decision", opens_on=dt.date(2026, 9, 1), closes_on=dt.date(2026, 9, 10)
    )
    solicitation(tree["dept_a"], kind="major_decision", opens_on=dt.date(2026, 9, 1), closes_on=dt.date(2026, 9, 10),
                 shortened_reason="情况紧急，经批准缩短征求意见期限")  # fmt: skip
    finding = check(tree["dept_a"], "solicitation_period_short")
    assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 2
    assert [record.id for record in finding.records] == [short.pk]


class TestFeedbackMissing:
    def test_pass_once_published(self, tree, check):
        done = solicitation(tree["dept_a"])
        report = item(tree["dept_a"], published_on=dt.date(2026, 10, 20))
        Feedback.objects.create(
            solicitation=done, published_on=dt.date(2026, 10, 20), summary="采纳情况", item=report
        )
        assert check(tree["dept_a"], "feedback_missing").status == Status.PASS

    def test_warn_with_three_working_days_left(self, tree, check):
        # closes 2026-10-30; add(10-30, 20) = 2026-11-27 with the 2026 schedule → set 22 days: 12-01.
        AgencySettings.objects.create(agency=tree["dept_a"], feedback_workdays=22)
        waiting = solicitation(tree["dept_a"], closes_on=dt.date(2026, 10, 30))
        finding = check(tree["dept_a"], "feedback_missing")
        assert finding.status == Status.WARN and finding.count == 0
        assert [record.id for record in finding.records] == [waiting.pk]
        assert finding.next_change_on == dt.date(2026, 12, 2)

    def test_fail_past_the_limit(self, tree, check):
        late = solicitation(tree["dept_a"], closes_on=dt.date(2026, 10, 8))
        finding = check(tree["dept_a"], "feedback_missing")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 2
        assert finding.records[0].url == f"/workbench/solicitations/{late.pk}/"


def test_final_without_feedback(tree, check):
    policy = item(tree["dept_a"], genre="normative_document", published_on=dt.date(2026, 11, 2))
    solicitation(tree["dept_a"], final_item=policy)
    finding = check(tree["dept_a"], "final_without_feedback")
    assert finding.status == Status.FAIL and finding.count == 1


def test_column_empty(tree, check):
    assert check(tree["dept_a"], "solicitation_column_empty").status == Status.FAIL
    AgencySettings.objects.create(
        agency=tree["dept_a"], note="本年度无需征求意见的事项", note_on=dt.date(2026, 3, 1)
    )
    assert check(tree["dept_a"], "solicitation_column_empty").status == Status.PASS
    solicitation(tree["dept_b"], opens_on=dt.date(2026, 6, 1))
    assert check(tree["dept_b"], "solicitation_column_empty").status == Status.PASS


def test_feedback_clock(tree, staff):
    from gongkai.selfcheck import selectors
    from gongkai.testing import TODAY

    waiting = solicitation(tree["dept_a"], closes_on=dt.date(2026, 11, 20))
    clocks = [
        c
        for c in selectors.clocks(staff["handler_a"], tree["dept_a"], TODAY)
        if c.kind == "solicitation_feedback"
    ]
    assert [(c.object_id, c.due_on) for c in clocks] == [(waiting.pk, dt.date(2026, 12, 18))]
