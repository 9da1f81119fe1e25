"""The reply clock (domain/interaction.md), worked by hand on the 2026 calendar."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.interaction.deadlines import explain, replay
from gongkai.interaction.tests.calendars import CALENDAR, REGIONAL, d, ev, received
from gongkai.workdays.calendar import WorkdayCalendar


def status_of(events):
    return replay(events, CALENDAR)


@pytest.mark.parametrize(
    ("received_on", "kind", "limit", "due_on"),
    [
        # A Saturday: counting starts on Sunday, which is no working day; Mar 9–13 are days 1–5.
        ("2026-03-07", "consultation", 5, "2026-03-13"),
        # 国庆: Sep 30 is day 1, Oct 1–7 holiday, Oct 8, 9, the make-up Saturday Oct 10, then Oct 12.
        ("2026-09-29", "consultation", 5, "2026-10-12"),
        # Received on a Saturday before the make-up Sunday Sep 20 (day 1); 中秋 Sep 25–27 and 国庆 skipped.
        ("2026-09-19", "suggestion", 10, "2026-10-09"),
        # 春节: the make-up Saturday Feb 14 is day 1, Feb 15–23 holiday, Feb 24–25 days 2–3.
        ("2026-02-13", "error_report", 3, "2026-02-25"),
        # 劳动节 May 1–5 not counted, the make-up Saturday May 9 is.
        ("2026-04-30", "complaint", 10, "2026-05-18"),
    ],
)
def test_the_reply_is_due_on_the_limits_last_working_day_after_receipt(received_on, kind, limit, due_on):
    status = status_of(received(received_on, kind, limit))
    assert status.received_on == d(received_on)
    assert status.due_on == d(due_on)
    assert status.state == "received" and status.valid and status.is_open


def test_days_left_count_working_days_and_turn_negative_when_overdue():
    status = status_of(received("2026-09-29"))
    assert status.days_left(d("2026-09-30"), CALENDAR) == 4  # Oct 8, 9, 10 (make-up), 12
    assert status.days_left(d("2026-10-12"), CALENDAR) == 0
    assert status.days_left(d("2026-10-14"), CALENDAR) == -2


def test_an_extension_counts_from_the_due_date():
    status = status_of([*received("2026-09-29"), ev("extend", "2026-10-09", days=5)])
    # add(2026-10-12, 5): Oct 13, 14, 15, 16, 19.
    assert (status.due_on, status.extension_days) == (d("2026-10-19"), 5)


@pytest.mark.parametrize(("transferred_on", "late"), [("2026-03-09", False), ("2026-03-10", True)])
def test_a_transfer_keeps_the_due_date_and_is_late_after_the_first_working_day(transferred_on, late):
    status = status_of(
        [*received("2026-03-07", agency="a"), ev("transfer", transferred_on, **{"from": "a", "to": "b"})]
    )
    assert status.due_on == d("2026-03-13")  # unchanged: the receiving agency inherits it
    assert status.agency == "b"
    assert status.transfer_late is late
    assert [(t.from_agency, t.to_agency, t.on) for t in status.transfers] == [("a", "b", d(transferred_on))]


def test_a_transfer_to_an_agency_of_another_region_keeps_the_due_date_of_the_receiving_one():
    # "a" keeps the national calendar, "b" a region resting 2026-03-09 to 03-13 (and Mondays).
    calendars = {"a": CALENDAR, "b": REGIONAL}.__getitem__
    events = [*received("2026-03-07", agency="a"), ev("transfer", "2026-03-09", **{"from": "a", "to": "b"})]
    status = replay(events, REGIONAL, calendars)
    assert (status.agency, status.due_on, status.transfer_late) == ("b", d("2026-03-13"), False)
    # An extension decided by "b" counts on b's calendar: 03-13 + 2 of b's working days (03-17, 03-18).
    extended = replay([*events, ev("extend", "2026-03-13", days=2)], REGIONAL, calendars)
    assert extended.due_on == d("2026-03-18")
    # Received by "b" itself, it would be due later: b rests that week and on Mondays (03-16, 03-23).
    assert replay(received("2026-03-07", agency="b"), CALENDAR, calendars).due_on == d("2026-03-24")


@pytest.mark.parametrize(("replied_on", "late"), [("2026-03-13", False), ("2026-03-16", True)])
def test_a_reply_after_the_due_date_is_late(replied_on, late):
    status = status_of([*received("2026-03-07"), ev("reply", replied_on)])
    assert (status.state, status.replied_on, status.late) == ("replied", d(replied_on), late)
    assert status.accepted_on == d(replied_on)  # a reply accepts the message
    assert status.days_left(d("2026-03-20"), CALENDAR) is None


def test_a_rejection_is_a_reply_that_is_never_valid():
    status = status_of([*received("2026-03-07"), ev("reject", "2026-03-09", reason_code="petition")])
    assert (status.state, status.replied_on, status.reject_reason) == (
        "rejected",
        d("2026-03-09"),
        "petition",
    )
    assert not status.valid and not status.is_open and status.first_replied_on is None


def test_a_dissatisfied_rating_reopens_with_a_new_limit_from_the_rating():
    events = [
        *received("2026-03-07"),
        ev("reply", "2026-03-12"),
        ev("rate", "2026-03-14", rating="dissatisfied"),
        ev("reopen", "2026-03-16", limit=5),
    ]
    status = status_of(events)
    # add(2026-03-14 (Sat), 5): Mar 16–20.
    assert (status.state, status.due_on, status.reopened_on) == ("reopened", d("2026-03-20"), d("2026-03-16"))
    second = status_of([*events, ev("reply", "2026-03-23")])
    assert (second.state, second.first_replied_on, second.replied_on, second.late) == (
        "replied",
        d("2026-03-12"),
        d("2026-03-23"),
        True,
    )
    assert (status.first_reply_late, second.first_reply_late) == (False, False)  # the first was on time


def test_the_first_reply_is_late_only_when_it_came_after_its_due_date():
    late_first = [*received("2026-03-07"), ev("reply", "2026-03-16")]
    assert status_of(late_first).first_reply_late is True
    rejected = [*received("2026-03-07"), ev("reject", "2026-03-16", reason_code="duplicate")]
    assert status_of(rejected).first_reply_late is False  # a rejection is counted apart


def test_the_rating_period_is_thirty_days_after_the_reply():
    status = status_of([*received("2026-03-07"), ev("reply", "2026-03-12")])
    assert status.rating_open_until == d("2026-04-11")


def test_an_unconfirmed_year_leaves_the_due_date_unknown():
    calendar = WorkdayCalendar((2026,), {}, {})
    status = replay(received("2026-12-29", limit=5), calendar)
    assert status.due_on is None and status.calendar_unconfirmed


def test_the_unknown_due_date_is_explained_while_open_only():
    calendar = WorkdayCalendar((2026,), {}, {})
    status = replay(received("2026-12-29", limit=5), calendar)
    assert "节假日安排尚未确认" in explain(status)
    replied = replay([*received("2026-12-29", limit=5), ev("reply", "2026-12-31")], calendar)
    assert replied.calendar_unconfirmed and not replied.is_open
    assert explain(replied) == "收到 2026-12-29，答复时限 5 个工作日，2026-12-31 答复"


def test_publication_is_a_flag_beside_the_state():
    events = [*received("2026-03-07"), ev("reply", "2026-03-12"), ev("publish", "2026-03-13")]
    assert (status_of(events).published, status_of(events).published_on) == (True, d("2026-03-13"))
    assert status_of([*events, ev("unpublish", "2026-03-14")]).published is False


DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 10, 31))


@given(
    received_on=DAYS,
    limit=st.integers(1, 15),
    after=st.integers(0, 20),
    kind=st.sampled_from(["consultation", "complaint"]),
    regional_first=st.booleans(),
)
def test_a_transfer_never_changes_the_due_date(received_on, limit, after, kind, regional_first):
    # The two agencies keep different calendars: the receiving one's inherits the due date.
    first, second = (REGIONAL, CALENDAR) if regional_first else (CALENDAR, REGIONAL)
    calendars = {"a": first, "b": second}.__getitem__
    events = received(received_on.isoformat(), kind, limit, agency="a")
    moved = [
        *events,
        ev("transfer", (received_on + dt.timedelta(days=after)).isoformat(), **{"from": "a", "to": "b"}),
    ]
    assert replay(moved, second, calendars).due_on == replay(events, first, calendars).due_on


@given(received_on=DAYS, limit=st.integers(1, 15), days=st.integers(1, 10))
def test_an_extension_never_shortens_the_due_date(received_on, limit, days):
    events = received(received_on.isoformat(), limit=limit)
    before = status_of(events).due_on
    after = status_of([*events, ev("extend", received_on.isoformat(), days=days)]).due_on
    assert after > before
    assert CALENDAR.count(before, after) == days
