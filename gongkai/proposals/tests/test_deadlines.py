"""Due dates of suggestions and proposals (代表法 Art. 51, 民法典 Arts. 202–203), worked by hand."""

import pytest

from gongkai.proposals.deadlines import (
    answer_due,
    co_handler_views_due,
    is_late,
    publication_due,
    second_answer_due,
)
from gongkai.workdays.calendar import CalendarNotConfirmed, WorkdayCalendar
from gongkai.workdays.tests.schedules import d, holiday_dates, makeup_dates

YEARS = (2024, 2025, 2026)
CALENDAR = WorkdayCalendar(
    YEARS,
    {day: name or "国庆节、中秋节" for year in YEARS for day, name in holiday_dates(year).items()},
    {day: "调休上班" for year in YEARS for day in makeup_dates(year)},
)


@pytest.mark.parametrize(
    ("assigned_on", "extended", "expected"),
    [
        ("2026-01-31", False, "2026-04-30"),  # no 31 April: the 30th, a Thursday
        ("2025-11-30", False, "2026-02-28"),  # no 30 February; the 28th is a make-up Saturday
        ("2025-11-16", False, "2026-02-24"),  # 16 February 2026 is in the Spring Festival
        ("2026-03-10", False, "2026-06-10"),
        ("2026-03-10", True, "2026-09-10"),  # six months when extended
        ("2025-04-01", True, "2025-10-09"),  # 1 October 2025: holiday to the 8th
    ],
)
def test_the_answer_is_due_three_months_after_assignment_six_when_extended(assigned_on, extended, expected):
    assert answer_due(d(assigned_on), extended=extended, calendar=CALENDAR) == d(expected)


def test_the_spec_example_needs_the_2027_calendar():
    # domain/services.md: assigned 2026-11-30 → 2027-02-28 → next working day, unknown until confirmed.
    with pytest.raises(CalendarNotConfirmed) as error:
        answer_due(d("2026-11-30"), extended=False, calendar=CALENDAR)
    assert error.value.year == 2027


@pytest.mark.parametrize(
    ("due_on", "expected"),
    [
        ("2026-07-15", "2026-06-15"),
        ("2026-07-14", "2026-06-12"),  # 14 June 2026 is a Sunday: back to Friday the 12th
        ("2026-11-05", "2026-09-30"),  # 5 October is 国庆: back to the last working day before it
        ("2026-06-10", "2026-05-09"),  # 10 May is a Sunday; 9 May a make-up Saturday, a working day
        ("2026-03-31", "2026-02-28"),  # no 31 February: the 28th, a make-up Saturday
    ],
)
def test_co_handlers_views_are_due_a_month_before_the_answer(due_on, expected):
    assert co_handler_views_due(d(due_on), CALENDAR) == d(expected)


def test_a_second_answer_is_due_a_month_after_the_rating():
    assert second_answer_due(d("2026-09-01"), CALENDAR) == d("2026-10-08")  # 1 Oct: 国庆 to the 7th


def test_publication_is_due_twenty_working_days_after_the_answer():
    assert publication_due(d("2026-02-10"), CALENDAR) == d("2026-03-16")


@pytest.mark.parametrize(
    ("done_on", "due_on", "today", "late"),
    [
        ("2026-06-10", "2026-06-10", "2026-07-01", False),
        ("2026-06-11", "2026-06-10", "2026-07-01", True),
        (None, "2026-06-10", "2026-06-10", False),
        (None, "2026-06-10", "2026-06-11", True),
        (None, None, "2030-01-01", False),
    ],
)
def test_late(done_on, due_on, today, late):
    assert is_late(done_on and d(done_on), due_on and d(due_on), d(today)) is late
