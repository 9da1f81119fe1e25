"""The queries behind the compliance indicators of domain/solicitation.md."""

import datetime as dt

import pytest

from gongkai.catalog import services as catalog_services
from gongkai.solicitation import selectors, services
from gongkai.solicitation.models import Solicitation
from gongkai.solicitation.tests.factories import make_solicitation, on_day, open_solicitation

pytestmark = pytest.mark.django_db


def test_period_short_counts_only_short_periods_without_a_reason(tree, staff):
    reasoned = open_solicitation(
        tree["dept_a"], staff["reviewer_a"], closes_on=dt.date(2026, 9, 15), shortened_reason="防汛紧急"
    )
    open_solicitation(tree["dept_a"], staff["reviewer_a"])
    assert selectors.period_short([tree["dept_a"].pk], dt.date(2026, 9, 20)) == []
    # A record without its reason (as one opened before its year's calendar was confirmed may be).
    Solicitation.objects.filter(pk=reasoned.pk).update(shortened_reason="")
    assert selectors.period_short([tree["dept_a"].pk], dt.date(2026, 9, 20)) == [reasoned]


def test_feedback_missing_after_twenty_working_days(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])  # closes 2026-10-08
    # add(2026-10-08, 20): Oct 9, 10 (make-up), 12–16, 19–23, 26–30, Nov 2, 3, 4 → Nov 4.
    assert selectors.feedback_due_on(solicitation) == dt.date(2026, 11, 4)
    assert selectors.feedback_missing([tree["dept_a"].pk], dt.date(2026, 11, 4)) == []
    assert selectors.feedback_missing([tree["dept_a"].pk], dt.date(2026, 11, 5)) == [
        (solicitation, dt.date(2026, 11, 4))
    ]
    with on_day("2026-10-10"):
        services.set_feedback_limit(tree["dept_a"], actor=staff["admin_a"], working_days=5)
    # add(2026-10-08, 5): Oct 9, 10 (make-up Saturday), 12, 13, 14.
    assert selectors.feedback_missing([tree["dept_a"].pk], dt.date(2026, 10, 15)) == [
        (solicitation, dt.date(2026, 10, 14))
    ]


def test_final_without_feedback(tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    item = catalog_services.create_item(
        actor=staff["handler_a"], agency=tree["dept_a"], title="办法", genre="normative_document",
        body="正文", formed_on=dt.date(2026, 10, 20),
    )  # fmt: skip
    with on_day("2026-10-20"):
        catalog_services.publish_item(item, actor=staff["reviewer_a"], on=dt.date(2026, 10, 20))
    services.link_final_item(solicitation, actor=staff["handler_a"], item=item)
    assert list(selectors.final_without_feedback([tree["dept_a"].pk])) == [solicitation]
    with on_day("2026-10-21"):
        services.publish_feedback(
            solicitation, actor=staff["reviewer_a"], on=dt.date(2026, 10, 21), summary="未收到意见", rows=[]
        )
    assert list(selectors.final_without_feedback([tree["dept_a"].pk])) == []


def test_column_empty_until_a_solicitation_or_a_recent_note(tree, staff):
    agencies = [tree["dept_a"], tree["dept_b"]]
    assert selectors.column_empty(agencies, dt.date(2026, 9, 20)) == agencies
    open_solicitation(tree["dept_a"], staff["reviewer_a"])  # opens 2026-09-01
    with on_day("2025-10-01"):
        services.write_note(tree["dept_b"], actor=staff["handler_b"], text="近期无征求意见事项，特此说明。")
    assert selectors.column_empty(agencies, dt.date(2026, 9, 20)) == []
    # A year after it was written, the note no longer explains the column.
    assert selectors.column_empty(agencies, dt.date(2026, 10, 1)) == [tree["dept_b"]]
    assert selectors.column_empty(agencies, dt.date(2027, 9, 2)) == agencies


def test_a_draft_does_not_count_as_a_solicitation(tree, staff):
    make_solicitation(tree["dept_a"], staff["handler_a"])
    assert selectors.recent_count(tree["dept_a"], dt.date(2026, 9, 20)) == 0


def test_indicators_are_counted_as_of_the_day_asked(tree, staff):
    """A self-check dated before the feedback was published still finds it missing then."""
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])  # closes 2026-10-08
    item = catalog_services.create_item(
        actor=staff["handler_a"], agency=tree["dept_a"], title="某市公共停车场管理办法", genre="normative_document",
        body="正文", formed_on=dt.date(2026, 11, 1),
    )  # fmt: skip
    with on_day("2026-11-02"):
        catalog_services.publish_item(item, actor=staff["reviewer_a"], on=dt.date(2026, 11, 2))
    services.link_final_item(solicitation, actor=staff["handler_a"], item=item)
    with on_day("2026-11-10"):
        services.publish_feedback(
            solicitation, actor=staff["reviewer_a"], on=dt.date(2026, 11, 10), summary="未收到意见", rows=[]
        )
    ids = [tree["dept_a"].pk]
    # Due add(2026-10-08, 20) = 2026-11-04; the report came on 2026-11-10.
    assert selectors.feedback_missing(ids, dt.date(2026, 11, 5)) == [(solicitation, dt.date(2026, 11, 4))]
    assert selectors.feedback_missing(ids, dt.date(2026, 11, 10)) == []
    assert list(selectors.final_without_feedback(ids, dt.date(2026, 11, 1))) == []  # policy not out yet
    assert list(selectors.final_without_feedback(ids, dt.date(2026, 11, 9))) == [solicitation]
    assert list(selectors.final_without_feedback(ids, dt.date(2026, 11, 10))) == []
    # Before it was published, the solicitation did not fill the column.
    assert selectors.column_empty([tree["dept_a"]], dt.date(2026, 8, 31)) == [tree["dept_a"]]
