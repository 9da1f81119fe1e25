"""The pure calendar: counting rules of domain/calendar.md, hand-worked examples and properties."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.workdays.calendar import CalendarNotConfirmed, DayKind, WorkdayCalendar
from gongkai.workdays.seed import builtin_days, builtin_years
from gongkai.workdays.tests.schedules import d, holiday_dates, makeup_dates


def national(years=None) -> WorkdayCalendar:
    years = years or builtin_years()
    holidays, makeup = {}, {}
    for year in years:
        for day, kind, name in builtin_days(year):
            (holidays if kind == "holiday" else makeup)[day] = name
    return WorkdayCalendar(years, holidays, makeup)


CALENDAR = national()


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-02-10", 1, "2026-02-11"),
        ("2026-02-12", 2, "2026-02-14"),  # Feb 14 is a make-up Saturday
        ("2026-02-13", 2, "2026-02-24"),  # Feb 15–23 Spring Festival
        ("2025-09-26", 3, "2025-09-30"),  # Sep 28 (Sun) make-up day counts
        ("2025-09-29", 3, "2025-10-10"),  # Oct 1–8 holiday
        ("2026-02-10", 20, "2026-03-16"),  # the applications.md hand-worked example
        ("2026-02-15", 1, "2026-02-24"),  # a trigger on a holiday: counting still starts the next day
        ("2026-02-14", 1, "2026-02-24"),  # a trigger on a make-up Saturday is not itself counted
        ("2024-12-31", 1, "2025-01-02"),  # across the year boundary
        ("2025-12-31", 3, "2026-01-06"),  # Jan 1–3 holiday, Jan 4 (Sun) make-up day counts
    ],
)
def test_add_hand_worked_examples(start, days, expected):
    assert CALENDAR.add(d(start), days) == d(expected)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-02-10", "2026-03-16", 20),
        ("2026-02-13", "2026-02-24", 2),
        ("2026-02-14", "2026-02-23", 0),
        ("2026-03-16", "2026-02-10", -20),
        ("2026-03-16", "2026-03-16", 0),
        ("2026-03-13", "2026-03-16", 1),  # Sat and Sun do not count, Monday does
    ],
)
def test_count_hand_worked_examples(start, end, expected):
    assert CALENDAR.count(d(start), d(end)) == expected


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_day_of_the_published_schedules(year):
    holidays, makeup = holiday_dates(year), makeup_dates(year)
    day = dt.date(year, 1, 1)
    while day.year == year:
        info = CALENDAR.day(day)
        if day in holidays:
            assert info.kind == DayKind.HOLIDAY and not info.is_workday, day
            if holidays[day]:
                assert info.name == holidays[day], day
        elif day in makeup:
            assert info.kind == DayKind.MAKEUP_WORKDAY and info.is_workday, day
        elif day.weekday() >= 5:
            assert info.kind == DayKind.WEEKEND and not info.is_workday, day
        else:
            assert info.kind == DayKind.WEEKDAY and info.is_workday, day
        day += dt.timedelta(days=1)


def test_unconfirmed_year_is_an_error_naming_the_year():
    calendar = national([2025, 2026])
    with pytest.raises(CalendarNotConfirmed) as error:
        calendar.add(dt.date(2026, 12, 20), 20)
    assert error.value.year == 2027
    with pytest.raises(CalendarNotConfirmed) as error:
        calendar.day(dt.date(2024, 5, 1))
    assert error.value.year == 2024
    with pytest.raises(CalendarNotConfirmed):
        calendar.count(dt.date(2026, 12, 1), dt.date(2027, 1, 5))
    # The day of the event may sit in an unconfirmed year as long as counting does not.
    assert calendar.add(dt.date(2024, 12, 31), 1) == dt.date(2025, 1, 2)


def test_a_gap_between_confirmed_years_is_never_skipped():
    calendar = national([2024, 2026])
    with pytest.raises(CalendarNotConfirmed) as error:
        calendar.add(dt.date(2024, 12, 20), 20)
    assert error.value.year == 2025


def test_regional_days_are_laid_over_the_national_calendar():
    # A region with its own holiday on Tuesday 2026-03-03 and a make-up Saturday on 2026-03-07.
    base = national([2026])
    holidays = {**base._holidays, dt.date(2026, 3, 3): "地方节日"}
    makeup = {**base._makeup, dt.date(2026, 3, 7): "地方节日调休"}
    regional = WorkdayCalendar([2026], holidays, makeup, region="xz")
    assert regional.day(dt.date(2026, 3, 3)).kind == DayKind.HOLIDAY
    assert regional.day(dt.date(2026, 3, 7)).kind == DayKind.MAKEUP_WORKDAY
    assert base.add(dt.date(2026, 3, 2), 5) == dt.date(2026, 3, 9)
    assert regional.add(dt.date(2026, 3, 2), 5) == dt.date(2026, 3, 9)  # one day lost, one gained
    assert regional.add(dt.date(2026, 3, 2), 1) == dt.date(2026, 3, 4)


def test_add_rejects_zero_days():
    with pytest.raises(ValueError):
        CALENDAR.add(dt.date(2026, 1, 5), 0)


dates = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 10, 31))


@given(start=dates, days=st.integers(min_value=1, max_value=40))
def test_adding_then_counting_gives_back_n(start, days):
    assert CALENDAR.count(start, CALENDAR.add(start, days)) == days


@given(start=dates, days=st.integers(min_value=1, max_value=40))
def test_the_result_is_a_working_day_after_the_start_and_the_day_before_leaves_one_short(start, days):
    result = CALENDAR.add(start, days)
    assert result > start and CALENDAR.is_workday(result)
    assert CALENDAR.count(start, result - dt.timedelta(days=1)) == days - 1


@given(start=dates, days=st.integers(min_value=1, max_value=40))
def test_one_more_working_day_is_strictly_later(start, days):
    assert CALENDAR.add(start, days + 1) > CALENDAR.add(start, days)


@given(first=dates, second=dates)
def test_count_is_antisymmetric_and_additive(first, second):
    assert CALENDAR.count(first, second) == -CALENDAR.count(second, first)
    middle = min(first, second) + (max(first, second) - min(first, second)) / 2
    assert CALENDAR.count(min(first, second), max(first, second)) == (
        CALENDAR.count(min(first, second), middle) + CALENDAR.count(middle, max(first, second))
    )


@given(st.sampled_from(sorted(day for year in (2024, 2025, 2026) for day in makeup_dates(year))))
def test_a_make_up_weekend_day_counts(makeup_day):
    assert makeup_day.weekday() >= 5
    assert CALENDAR.count(makeup_day - dt.timedelta(days=1), makeup_day) == 1
    assert CALENDAR.add(makeup_day - dt.timedelta(days=1), 1) == makeup_day


@given(
    st.sampled_from(
        sorted(day for year in (2024, 2025, 2026) for day in holiday_dates(year) if day.weekday() == 0)
    )
)
def test_a_holiday_monday_does_not_count(monday):
    assert CALENDAR.count(monday - dt.timedelta(days=1), monday) == 0
    assert CALENDAR.add(monday - dt.timedelta(days=1), 1) > monday


# 60 working days from the latest start stay inside 2026, the last built-in year.
@given(start=st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 9, 15)), days=st.integers(1, 60))
def test_matches_a_day_by_day_walk(start, days):
    """The bisection index agrees with the naive definition."""
    assume(start.year >= 2004)
    walked, remaining = start, days
    while remaining:
        walked += dt.timedelta(days=1)
        if CALENDAR.is_workday(walked):
            remaining -= 1
    assert CALENDAR.add(start, days) == walked
