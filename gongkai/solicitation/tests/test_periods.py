"""Minimum comment periods (domain/solicitation.md), worked by hand on the 2024–2026 calendars."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.solicitation.periods import (
    accepts_comments,
    check_period,
    days_left,
    feedback_due_on,
    is_closed,
    min_closes_on,
    year_before,
)
from gongkai.solicitation.tests.calendars import CALENDAR, d
from gongkai.solicitation.vocabulary import Kind
from gongkai.workdays.calendar import CalendarNotConfirmed


@pytest.mark.parametrize(
    ("kind", "opens_on", "earliest"),
    [
        # The two examples of the spec: 2026-10-01 is 国庆 (Oct 1–7) → Oct 8.
        ("major_decision", "2026-09-01", "2026-10-08"),
        # 2026-02-19 is inside the Spring Festival holiday (Feb 15–23) → Feb 24.
        ("rule", "2026-01-20", "2026-02-24"),
        # 30 days ending on a plain Wednesday stay there.
        ("market_related", "2026-03-02", "2026-04-01"),
        # Ending on 清明 (Sat Apr 4, holiday Apr 4–6) → Tuesday Apr 7.
        ("market_related", "2026-03-05", "2026-04-07"),
        # Ending on a Sunday → Monday.
        ("major_decision", "2026-06-05", "2026-07-06"),
        # Ending on Saturday Feb 28, a make-up working day: it stays.
        ("rule", "2026-01-29", "2026-02-28"),
        # Across the year end: Jan 1 is 元旦 (Jan 1–3), Sunday Jan 4 is a make-up working day.
        ("major_decision", "2025-12-02", "2026-01-04"),
        # 2025 National Day and Mid-Autumn (Oct 1–8), make-up Saturday Oct 11 is not reached.
        ("rule", "2025-09-01", "2025-10-09"),
        # 7 working days: Mar 3, 4, 5, 6, 9, 10, 11.
        ("normative_document", "2026-03-02", "2026-03-11"),
        # Across the Spring Festival: Feb 11, 12, 13, 14 (make-up Sat), then Feb 24, 25, 26.
        ("normative_document", "2026-02-10", "2026-02-26"),
        # Opening on a holiday: counting still starts the next day: Oct 8, 9, 10 (make-up Sat), 12–15.
        ("normative_document", "2026-10-03", "2026-10-15"),
    ],
)
def test_min_closes_on_is_worked_from_the_calendar(kind, opens_on, earliest):
    assert min_closes_on(kind, d(opens_on), CALENDAR) == d(earliest)


def test_other_kinds_have_no_minimum():
    assert min_closes_on(Kind.OTHER, d("2026-09-01"), CALENDAR) is None
    check = check_period(Kind.OTHER, d("2026-09-01"), d("2026-09-02"), CALENDAR)
    assert (check.required, check.min_closes_on, check.short) == (False, None, False)


@pytest.mark.parametrize(
    ("closes_on", "short"),
    [("2026-10-07", True), ("2026-10-08", False), ("2026-11-30", False)],
)
def test_a_period_is_short_when_it_ends_before_the_minimum(closes_on, short):
    check = check_period(Kind.MAJOR_DECISION, d("2026-09-01"), d(closes_on), CALENDAR)
    assert check.min_closes_on == d("2026-10-08")
    assert check.short is short


def test_an_unconfirmed_year_leaves_the_minimum_unknown():
    with pytest.raises(CalendarNotConfirmed):
        min_closes_on(Kind.RULE, d("2026-12-05"), CALENDAR)
    check = check_period(Kind.RULE, d("2026-12-05"), d("2027-01-20"), CALENDAR)
    assert (check.min_closes_on, check.short, check.unknown_year) == (None, None, 2027)


def test_a_period_shorter_than_any_possible_minimum_is_short_even_without_the_calendar():
    check = check_period(Kind.NORMATIVE_DOCUMENT, d("2026-12-28"), d("2027-01-03"), CALENDAR)
    assert (check.min_closes_on, check.short, check.unknown_year) == (None, True, 2027)


@pytest.mark.parametrize("kind", [Kind.MAJOR_DECISION, Kind.NORMATIVE_DOCUMENT])
def test_a_minimum_past_the_last_representable_day_is_unknown_and_the_period_short(kind):
    last = dt.date.max
    check = check_period(kind, last, last, CALENDAR)
    assert (check.min_closes_on, check.short) == (None, True)
    assert check.unknown_year is not None


@pytest.mark.parametrize(
    ("on", "accepted"),
    [("2026-08-31", False), ("2026-09-01", True), ("2026-10-08", True), ("2026-10-09", False)],
)
def test_comments_are_accepted_from_the_opening_day_through_the_last_day(on, accepted):
    assert accepts_comments(d("2026-09-01"), d("2026-10-08"), d(on)) is accepted


def test_a_period_closes_after_its_last_day_and_counts_down_to_it():
    assert not is_closed(d("2026-10-08"), d("2026-10-08"))
    assert is_closed(d("2026-10-08"), d("2026-10-09"))
    assert days_left(d("2026-10-08"), d("2026-10-01")) == 7
    assert days_left(d("2026-10-08"), d("2026-10-08")) == 0


def test_feedback_is_due_twenty_working_days_after_the_last_day():
    # Closing Sep 30; Oct 1–7 are holiday: Oct 8, 9, 10 (make-up Sat), 12–16, 19–23, 26–30 are 18
    # working days, Nov 2 and 3 the 19th and 20th.
    assert feedback_due_on(d("2026-09-30"), CALENDAR) == d("2026-11-03")
    assert feedback_due_on(d("2026-09-30"), CALENDAR, working_days=3) == d("2026-10-10")


@pytest.mark.parametrize(
    ("today", "first_day"),
    [("2026-12-05", "2025-12-06"), ("2028-02-29", "2027-03-01"), ("2026-03-01", "2025-03-02")],
)
def test_the_last_twelve_months(today, first_day):
    assert year_before(d(today)) == d(first_day)


opening_days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 10, 31))
limited_kinds = st.sampled_from([kind for kind in Kind if kind != Kind.OTHER])


@given(limited_kinds, opening_days)
def test_the_minimum_is_a_working_day_at_least_the_stated_length_away(kind, opens_on):
    earliest = min_closes_on(kind, opens_on, CALENDAR)
    assert CALENDAR.is_workday(earliest)
    if kind == Kind.NORMATIVE_DOCUMENT:
        assert CALENDAR.count(opens_on, earliest) == 7
    else:
        # Every day from the 30th day up to the minimum was a day off (Art. 203).
        day = opens_on + dt.timedelta(days=30)
        assert earliest >= day
        while day < earliest:
            assert not CALENDAR.is_workday(day)
            day += dt.timedelta(days=1)


@given(limited_kinds, opening_days, st.integers(min_value=0, max_value=60))
def test_a_period_is_short_exactly_when_it_ends_before_the_minimum(kind, opens_on, length):
    closes_on = opens_on + dt.timedelta(days=length)
    check = check_period(kind, opens_on, closes_on, CALENDAR)
    assert check.short is (closes_on < min_closes_on(kind, opens_on, CALENDAR))
