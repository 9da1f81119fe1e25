"""Month periods (民法典 Arts. 201–203) on the published 2024–2026 schedules, worked by hand."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.workdays.calendar import CalendarNotConfirmed, WorkdayCalendar
from gongkai.workdays.months import corresponding_day, period_end
from gongkai.workdays.tests.schedules import d, holiday_dates, makeup_dates

YEARS = (2024, 2025, 2026)
CALENDAR = WorkdayCalendar(
    YEARS,
    {day: name or "国庆节、中秋节" for year in YEARS for day, name in holiday_dates(year).items()},
    {day: "调休上班" for year in YEARS for day in makeup_dates(year)},
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),  # no 31 February: the last day of the month
        ("2024-01-31", 1, "2024-02-29"),  # leap year
        ("2024-11-30", 3, "2025-02-28"),
        ("2025-03-31", 6, "2025-09-30"),
        ("2025-10-15", 3, "2026-01-15"),  # across the year
        ("2026-05-31", 1, "2026-06-30"),
        ("2026-08-31", 0, "2026-08-31"),
    ],
)
def test_art_202_corresponding_day_or_last_day_of_the_month(start, months, expected):
    assert corresponding_day(d(start), months) == d(expected)


@pytest.mark.parametrize(
    ("start", "months", "expected", "why"),
    [
        ("2025-01-31", 1, "2025-02-28", "28 February 2025 is a Friday"),
        ("2026-01-31", 1, "2026-02-28", "28 February 2026 is a Saturday, but a make-up working day"),
        ("2024-11-30", 3, "2025-02-28", "the last day of February is a working Friday"),
        ("2025-11-30", 3, "2026-02-28", "no 30 February; the 28th is a make-up Saturday"),
        ("2023-11-30", 3, "2024-02-29", "leap year: the 29th, a Thursday"),
        ("2025-12-07", 3, "2026-03-09", "7 March 2026 is a Saturday: Monday the 9th"),
        ("2025-11-16", 3, "2026-02-24", "16 February 2026 is in the Spring Festival (15–23)"),
        ("2025-07-01", 3, "2025-10-09", "1 October 2025 opens the holiday of 1–8 October"),
        ("2024-04-01", 6, "2024-10-08", "1 October 2024: 国庆 until the 7th; 6 months on extension"),
        ("2026-03-31", 1, "2026-04-30", "no 31 April: the 30th, a Thursday"),
    ],
)
def test_art_203_a_last_day_off_work_moves_to_the_next_working_day(start, months, expected, why):
    assert period_end(d(start), months, CALENDAR) == d(expected), why


def test_a_last_day_in_an_unconfirmed_year_is_unknown_not_guessed():
    # domain/services.md: assigned 2026-11-30 → 2027-02-28, which needs the 2027 schedule.
    with pytest.raises(CalendarNotConfirmed) as error:
        period_end(d("2026-11-30"), 3, CALENDAR)
    assert error.value.year == 2027


def test_a_holiday_running_into_an_unconfirmed_year_is_unknown():
    calendar = WorkdayCalendar([2026], {d("2026-12-31"): "假想假日"}, {})
    with pytest.raises(CalendarNotConfirmed) as error:
        period_end(d("2026-10-31"), 2, calendar)  # 31 December is off: the next working day is in 2027
    assert error.value.year == 2027


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [("2026-03-31", -1, "2026-02-28"), ("2026-01-15", -1, "2025-12-15"), ("2026-05-31", -3, "2026-02-28")],
)
def test_counting_back_keeps_the_day_or_takes_the_last_day_of_the_month(start, months, expected):
    assert corresponding_day(d(start), months) == d(expected)


starts = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 5, 31))


@given(start=starts, months=st.sampled_from([1, 3, 6]))
def test_the_end_is_the_first_working_day_on_or_after_the_corresponding_day(start, months):
    base = corresponding_day(start, months)
    end = period_end(start, months, CALENDAR)
    assert end >= base and CALENDAR.is_workday(end)
    day = base
    while day < end:
        assert not CALENDAR.is_workday(day)
        day += dt.timedelta(days=1)


@given(start=starts, months=st.integers(min_value=1, max_value=6))
def test_the_corresponding_day_keeps_the_day_unless_the_month_is_shorter(start, months):
    base = corresponding_day(start, months)
    assert (base.year * 12 + base.month) - (start.year * 12 + start.month) == months
    assert base.day == start.day or (base.day < start.day and (base + dt.timedelta(days=1)).day == 1)
