"""Services against the real database: cache rebuilt from events, merge, audit, permissions."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.agencies import services as agency_services
from gongkai.applications import selectors, services
from gongkai.applications.models import Application
from gongkai.applications.tests.factories import TODAY, company, person, received_application
from gongkai.core.errors import Forbidden, NotFound, RuleViolation
from gongkai.core.system import SYSTEM

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def test_the_cache_is_rebuilt_from_the_events(tree):
    application = received_application(tree["dept_a"])
    services.start_consultation(application, actor=SYSTEM, on=D("2026-02-13"), third_party="某", today=TODAY)
    services.end_consultation(application, actor=SYSTEM, on=D("2026-02-27"), today=TODAY)
    Application.objects.filter(pk=application.pk).update(due_on=None, state="submitted", paused=True)
    out = StringIO()
    call_command("rebuild_application_clocks", stdout=out)
    application.refresh_from_db()
    assert (application.state, application.due_on, application.paused) == ("received", D("2026-03-23"), False)
    assert "更新 1 件" in out.getvalue()


def test_staff_of_another_agency_cannot_act(tree, staff):
    application = received_application(tree["dept_a"])
    with pytest.raises(NotFound):
        services.withdraw(application, actor=staff["handler_b"], on=D("2026-02-11"), today=TODAY)
    with pytest.raises(NotFound):
        services.register(
            actor=staff["handler_b"],
            agency=tree["dept_a"],
            channel="fax",
            applicant=person(),
            description="x",
        )


def test_the_disclosure_office_may_act_for_agencies_below_it(tree, staff):
    application = received_application(tree["dept_a"])
    services.reply(application, actor=staff["office"], on=D("2026-03-02"), outcome="disclosed", today=TODAY)
    application.refresh_from_db()
    assert application.outcome == "disclosed" and application.concluded_on == D("2026-03-02")


def test_an_anonymous_user_cannot_act(tree):
    from django.contrib.auth.models import AnonymousUser

    application = received_application(tree["dept_a"])
    with pytest.raises((NotFound, Forbidden)):
        services.withdraw(application, actor=AnonymousUser(), on=D("2026-02-11"), today=TODAY)


def test_a_merged_agency_passes_its_applications_and_reviews_to_the_successor(tree):
    application = received_application(tree["dept_b"])
    services.reply(application, actor=SYSTEM, on=D("2026-03-02"), outcome="disclosed", today=TODAY)
    review = services.file_review(
        application, actor=SYSTEM, kind="review", filed_on=D("2026-04-01"), today=TODAY
    )
    agency_services.merge_agencies(tree["dept_b"], tree["dept_a"], actor=SYSTEM, on=D("2026-06-01"))
    application.refresh_from_db()
    review.refresh_from_db()
    assert application.agency == tree["dept_a"] and review.agency == tree["dept_a"]


def test_per_item_counts_one_organisation_in_one_month_at_one_agency(tree):
    first = received_application(tree["dept_a"], "2026-03-31", applicant=company())
    second = received_application(tree["dept_a"], "2026-04-01", applicant=company())
    received_application(tree["dept_b"], "2026-04-01", applicant=company())
    third = received_application(tree["dept_a"], "2026-04-02", applicant=company())
    assert [selectors.per_item_position(a) for a in (first, second, third)] == [1, 1, 2]


def test_an_application_received_late_in_the_year_waits_for_next_years_calendar(tree):
    # 2027 is not in the built-in calendar: the extended deadline is unknown, not guessed, and an
    # extension notice cannot state it, so the extension waits for the year (issue 10).
    application = received_application(tree["dept_a"], "2026-11-30")
    assert application.due_on == D("2026-12-28")
    from gongkai.applications.stored_clock import clock_for
    from gongkai.workdays.models import CalendarYear

    # Precondition: the frozen built-in calendar (chinese-calendar 1.11.0) knows no 2027.
    assert not CalendarYear.objects.filter(year=2027, region="").exists()
    late = Application.objects.get(pk=application.pk)
    with pytest.raises(RuleViolation) as refused:
        services.extend(late, actor=SYSTEM, on=D("2026-11-30"), days=20, reason="r", approver="王", today=TODAY)
    assert refused.value.code == "calendar_not_confirmed" and refused.value.details["year"] == 2027
    assert clock_for(late).due_on == D("2026-12-28")


def test_the_workbench_lists_overdue_and_due_soon_applications(tree, staff):
    from gongkai.applications.todos import applications_todo

    overdue = received_application(
        tree["dept_a"], "2026-10-08"
    )  # due 2026-11-04 (Oct 10 make-up Saturday counts)
    soon = received_application(tree["dept_a"], "2026-11-02")  # due 2026-11-30
    received_application(tree["dept_a"], "2026-11-27")  # due 2026-12-25: not yet
    received_application(tree["dept_b"], "2026-10-08")  # another agency
    items = applications_todo(user=staff["handler_a"], agency=None, today=D("2026-11-30"))
    assert [item.url for item in items] == [f"/workbench/apply/{a.pk}/" for a in (overdue, soon)]
    assert items[0].status == "overdue" and items[1].days_left == 0


@pytest.mark.parametrize(("received", "today"), [("2026-11-06", "2026-12-05"), ("2026-09-02", "2026-10-05")])
def test_the_workbench_lists_an_application_as_overdue_on_a_day_off_after_its_due_day(
    tree, staff, received, today
):
    """Due Friday 2026-12-04 seen on the Saturday; due 2026-09-30 seen during the National Day
    holiday: no working day has passed since, yet the reply is late."""
    from gongkai.applications.todos import applications_todo

    received_application(tree["dept_a"], received)
    (item,) = applications_todo(user=staff["handler_a"], agency=None, today=D(today))
    assert item.status == "overdue" and item.days_left_text.startswith("已逾期")


@pytest.mark.parametrize("outcome", ["other.correction_lapsed", "other.fee_lapsed"])
def test_a_lapse_is_not_a_reply_outcome(tree, outcome):
    """The lifecycle's rule (its one definition) refuses a lapse recorded as a reply."""
    from gongkai.core.errors import InvalidInput

    application = received_application(tree["dept_a"])
    with pytest.raises(InvalidInput) as refused:
        services.reply(application, actor=SYSTEM, on=D("2026-03-02"), outcome=outcome, today=TODAY)
    assert refused.value.code == "invalid_outcome" and refused.value.details == {"field": "outcome"}
    assert not application.events.filter(action="reply").exists()


def test_the_workbench_lists_paused_applications_whose_period_has_run_out(tree, staff):
    """Arts. 30, 32 and 国办函〔2020〕109号: no deadline runs while the clock is paused, so a 补正 or a
    payment not made in time, and a consultation open beyond the third party's 15 working days, are
    listed for the agency to act on (record the lapse, or decide and end the consultation)."""
    from gongkai.applications.todos import pauses_todo

    correction = received_application(tree["dept_a"], "2026-10-08")
    # add(2026-10-09, 15) = 2026-10-29 (Oct 10 is a make-up Saturday).
    services.request_correction(correction, actor=SYSTEM, on=D("2026-10-09"), items=["文号"], today=TODAY)
    consulting = received_application(tree["dept_a"], "2026-10-08")
    services.start_consultation(consulting, actor=SYSTEM, on=D("2026-10-09"), third_party="某公司", today=TODAY)
    fee = received_application(tree["dept_a"], "2026-10-08")
    # add(2026-10-09, 20) = 2026-11-05.
    services.fee_notice(fee, actor=SYSTEM, on=D("2026-10-09"), method="per_page", pages=50, today=TODAY)
    recent = received_application(tree["dept_a"], "2026-11-20")
    # add(2026-11-20, 15) = 2026-12-11: the third party still has time.
    services.start_consultation(recent, actor=SYSTEM, on=D("2026-11-20"), third_party="某公司", today=TODAY)
    items = pauses_todo(user=staff["handler_a"], agency=None, today=D("2026-11-30"))
    assert [item.url for item in items] == [f"/workbench/apply/{a.pk}/" for a in (correction, consulting, fee)]
    assert "补正期限（2026-10-29）已届满" in items[0].note and "第三十条" in items[0].note
    assert "征求意见已满15个工作日（2026-10-29）" in items[1].note and "第三十二条" in items[1].note
    assert "缴费期限（2026-11-05）已届满" in items[2].note
    assert pauses_todo(user=staff["handler_b"], agency=None, today=D("2026-11-30")) == []


@pytest.mark.parametrize(("today", "listed"), [("2026-11-04", False), ("2026-11-05", True)])
def test_a_correction_period_runs_out_after_its_last_day(tree, staff, today, listed):
    """The period's last day is the applicant's: listed from the next day, when the lapse may be recorded."""
    from gongkai.applications.todos import pauses_todo

    application = received_application(tree["dept_a"], "2026-11-02")
    services.request_correction(
        application, actor=SYSTEM, on=D("2026-11-03"), items=["文号"], respond_within_days=1, today=TODAY
    )
    assert bool(pauses_todo(user=staff["handler_a"], agency=None, today=D(today))) is listed
