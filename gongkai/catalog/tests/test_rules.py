"""Pure rule modules: 索引号 patterns and the Art. 26 / interpretation clocks."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.catalog import index_patterns, publication_rules
from gongkai.catalog.index_patterns import InvalidPattern, Parts, format_index_no, validate_pattern
from gongkai.workdays.calendar import WorkdayCalendar

# 2024 national schedule, the parts the tests touch (国办发明电〔2023〕7号).
HOLIDAYS = {dt.date(2024, 10, day): "国庆节" for day in range(1, 8)}
MAKEUP = {dt.date(2024, 9, 29): "国庆节调休", dt.date(2024, 10, 12): "国庆节调休"}
CALENDAR = WorkdayCalendar({2024}, HOLIDAYS, MAKEUP)


@pytest.mark.parametrize(
    ("pattern", "parts", "expected"),
    [
        (index_patterns.DEFAULT_PATTERN, Parts("000014349", 2018, 3, 222), "000014349/2018-00222"),
        ("{prefix}/{year}{month}-{seq:05d}", Parts("003111216", 2015, 5, 34), "003111216/201505-00034"),
        ("{prefix}-{genre}-{year}-{seq}", Parts("x", 2026, 1, 7, genre="notice"), "x-notice-2026-7"),
        ("{prefix}/{topic}/{year}/{seq:03d}", Parts("p", 2026, 12, 1), "p/other/2026/001"),
    ],
)
def test_index_numbers_follow_the_configured_pattern(pattern, parts, expected):
    validate_pattern(pattern)
    assert format_index_no(pattern, parts) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        "",
        "{prefix}-{seq}",  # no year: numbers would repeat every year
        "{prefix}/{year}",  # no sequence
        "{prefix}/{year}-{seq:05d",
        "{prefix}/{year}-{serial}",
        "{prefix} {year}-{seq}",  # space is not URL-safe
        "{prefix}?{year}-{seq}",
        "{prefix}/{year!r}-{seq}",
        "{prefix}/{year:>8}-{seq}",
        "{prefix}/{year}-{seq:x}",
    ],
)
def test_patterns_that_cannot_give_unique_url_safe_numbers_are_refused(pattern):
    with pytest.raises(InvalidPattern):
        validate_pattern(pattern)


@given(st.integers(1, 10**6), st.integers(1, 10**6), st.integers(2000, 2100))
def test_distinct_sequence_numbers_give_distinct_index_numbers(first, second, year):
    one = format_index_no(index_patterns.DEFAULT_PATTERN, Parts("000000001", year, 1, first))
    two = format_index_no(index_patterns.DEFAULT_PATTERN, Parts("000000001", year, 1, second))
    assert (one == two) == (first == second)


def test_publication_is_due_on_the_twentieth_working_day_after_formation():
    # 2024-09-20 (Fri): 20 working days, National Day week skipped, 29 Sep and 12 Oct worked.
    assert publication_rules.publication_due(dt.date(2024, 9, 20), None, CALENDAR) == dt.date(2024, 10, 23)


def test_a_later_change_restarts_the_publication_clock():
    due = publication_rules.publication_due(dt.date(2024, 3, 1), dt.date(2024, 6, 3), CALENDAR)
    assert due == CALENDAR.add(dt.date(2024, 6, 3), 20)
    # A "change" recorded before the formation date does not move the clock backwards.
    assert publication_rules.clock_start(dt.date(2024, 3, 1), dt.date(2024, 2, 1)) == dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("published_on", "late"),
    [(dt.date(2024, 10, 22), False), (dt.date(2024, 10, 23), False), (dt.date(2024, 10, 24), True)],
)
def test_publication_after_the_due_day_is_late(published_on, late):
    assert publication_rules.is_late(published_on, dt.date(2024, 10, 23)) is late


@given(st.dates(dt.date(2024, 1, 1), dt.date(2024, 11, 30)))
def test_due_day_is_exactly_twenty_working_days_after_the_start(formed_on):
    due = publication_rules.publication_due(formed_on, None, CALENDAR)
    assert CALENDAR.count(formed_on, due) == 20
    assert not publication_rules.is_late(due, due)


@pytest.mark.parametrize(
    ("policy", "interpretation", "lag", "flagged"),
    [
        (dt.date(2024, 9, 27), dt.date(2024, 9, 27), 0, False),
        (dt.date(2024, 9, 27), dt.date(2024, 9, 26), 0, False),
        (dt.date(2024, 9, 27), dt.date(2024, 9, 30), 2, False),  # 29 Sep is a make-up working day
        (dt.date(2024, 9, 27), dt.date(2024, 10, 8), 3, False),  # National Day week not counted
        (dt.date(2024, 9, 27), dt.date(2024, 10, 9), 4, True),
    ],
)
def test_interpretation_more_than_three_working_days_after_the_policy_is_flagged(
    policy, interpretation, lag, flagged
):
    measured = publication_rules.interpretation_lag(policy, interpretation, CALENDAR)
    assert measured == lag
    assert publication_rules.interpretation_is_late(measured) is flagged
