"""Confirming or editing the calendar recomputes the dates cached on it (``workdays.signals``).

An application, a message and a published item keep their deadline and whether it was missed in
columns, so that lists, reminders, the self-check and the annual report are plain queries. Those
columns were computed with the calendar of the day: a deadline in a year whose holiday schedule was
not yet confirmed stayed unknown (and "not late") until some later act on the record, and a holiday
announced during the year left every cached deadline across it a day early. Every calendar edit now
recomputes the records whose clock may reach the changed days, in the same transaction.

Dates: the built-in 2026 calendar has no holiday in December, so from a receipt on 2026-12-10 the
working days Dec 11, 14–18, 21–25 and 28–31 are the first 15; with a synthetic 2027 (Monday–Friday,
no holidays) the 20th is 2027-01-07.
"""

import datetime as dt

import pytest

from gongkai.applications import services as application_services
from gongkai.applications import stored_clock
from gongkai.applications.clock import explain
from gongkai.applications.models import Application
from gongkai.applications.tests import factories
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Item
from gongkai.core.system import SYSTEM
from gongkai.interaction.models import Message
from gongkai.interaction.tests.factories import message
from gongkai.testing import confirm_synthetic_year
from gongkai.workdays import services as calendar_services
from gongkai.workdays.models import CalendarDay

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def received_application(agency, on: str, today: str):
    return factories.received_application(agency, on, today=D(today))


def cached(application) -> tuple:
    row = Application.objects.get(pk=application.pk)
    return row.due_on, row.late


@pytest.mark.today("2026-12-21")
def test_confirming_next_year_gives_an_open_application_its_deadline(tree):
    application = received_application(tree["dept_a"], "2026-12-10", "2026-12-21")
    assert cached(application) == (None, False)

    confirm_synthetic_year(2027)

    assert cached(application) == (D("2027-01-07"), False)
    assert Application.objects.filter(due_on__lte=D("2027-01-07")).filter(pk=application.pk).exists()


@pytest.mark.today("2027-01-08")
def test_a_reply_given_in_the_unknown_year_is_late_once_the_year_is_confirmed(tree):
    application = received_application(tree["dept_a"], "2026-12-10", "2026-12-21")
    application_services.reply(
        application, actor=SYSTEM, on=D("2027-01-08"), outcome="disclosed", today=D("2027-01-08")
    )
    assert cached(application) == (None, False)  # unknown, not "in time"
    assert explain(stored_clock.clock_for(application)).endswith(
        "2027-01-08 办结，是否逾期待2027年节假日安排确认后自动判定"
    )

    confirm_synthetic_year(2027)

    assert cached(application) == (D("2027-01-07"), True)
    assert explain(stored_clock.clock_for(application)).endswith("2027-01-08 办结（逾期）")


@pytest.mark.today("2026-11-30")
def test_a_holiday_set_during_the_year_moves_the_cached_deadline_and_its_removal_moves_it_back(tree):
    application = received_application(tree["dept_a"], "2026-11-16", "2026-11-30")
    before = cached(application)[0]
    assert before is not None and before > D("2026-11-30")

    entry = calendar_services.set_calendar_day(
        actor=SYSTEM, date=D("2026-11-30"), kind="holiday", name="地方性节日（测试）"
    )
    moved = cached(application)[0]
    assert moved > before  # one working day fewer before the deadline: the 20th falls a working day later
    assert (moved - before).days in (1, 3)  # the next working day (over a weekend at most)

    calendar_services.remove_calendar_day(CalendarDay.objects.get(pk=entry.pk), actor=SYSTEM)
    assert cached(application)[0] == before


@pytest.mark.today("2026-12-28")
def test_confirming_next_year_gives_an_open_message_its_deadline(tree):
    received = message(tree["dept_a"], on=D("2026-12-28"))
    assert Message.objects.get(pk=received.pk).due_on is None

    confirm_synthetic_year(2027)

    due_on = Message.objects.get(pk=received.pk).due_on
    assert due_on is not None and due_on > D("2026-12-31")


@pytest.mark.today("2027-01-15")
def test_an_item_published_in_the_unknown_year_gets_its_due_day_and_lateness_once_confirmed(tree):
    item = catalog_services.create_item(
        actor=SYSTEM,
        agency=tree["dept_a"],
        title="关于开展政务公开工作的通知",
        genre="notice",
        formed_on=D("2026-12-10"),
        body="各科室：\n现将有关事项通知如下。",
    )
    catalog_services.publish_item(item, actor=SYSTEM, on=D("2027-01-15"), today=D("2027-01-15"))
    row = Item.objects.get(pk=item.pk)
    assert (row.due_on, row.late) == (None, False)

    confirm_synthetic_year(2027)

    row = Item.objects.get(pk=item.pk)
    assert (row.due_on, row.late) == (D("2027-01-07"), True)


@pytest.mark.today("2026-12-21")
def test_records_whose_deadline_passed_before_the_changed_days_are_left_alone(tree):
    old = received_application(tree["dept_a"], "2026-03-02", "2026-03-02")
    application_services.reply(old, actor=SYSTEM, on=D("2026-03-20"), outcome="disclosed", today=D("2026-03-20"))
    due_before = cached(old)
    Application.objects.filter(pk=old.pk).update(late=True)  # a marker the rebuild would undo

    confirm_synthetic_year(2027)

    assert cached(old) == (due_before[0], True)
