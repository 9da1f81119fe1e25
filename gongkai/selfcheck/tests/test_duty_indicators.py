"""The indicators of applications, messages, the annual report and the calendar, each with
records built to pass, warn and fail it (count, deduction, records)."""

import datetime as dt

import pytest
from django.urls import resolve

from gongkai.applications import services
from gongkai.applications.models import Review
from gongkai.applications.tests.factories import received_application
from gongkai.core.system import SYSTEM
from gongkai.reports.models import AnnualReport, ReportRevision
from gongkai.selfcheck import selectors
from gongkai.selfcheck.tests.factories import application, message
from gongkai.selfcheck.vocabulary import Status
from gongkai.testing import confirm_synthetic_year

pytestmark = pytest.mark.django_db


class TestApplicationOverdue:
    def test_pass_with_time_left_and_the_date_it_changes(self, tree, check):
        application(tree["dept_a"], due_on=dt.date(2026, 12, 18))
        finding = check(tree["dept_a"], "application_overdue")
        assert (finding.status, finding.count, finding.records) == (Status.PASS, 0, [])
        assert finding.next_change_on == dt.date(2026, 12, 19)

    def test_warn_with_three_working_days_left(self, tree, check):
        soon = application(tree["dept_a"], due_on=dt.date(2026, 12, 3))
        application(tree["dept_a"], due_on=dt.date(2026, 12, 18))
        finding = check(tree["dept_a"], "application_overdue")
        assert finding.status == Status.WARN and finding.count == 0 and finding.deduction == 0
        assert [record.id for record in finding.records] == [soon.pk]

    @pytest.mark.parametrize(
        ("due_on", "today"),
        [(dt.date(2026, 12, 4), dt.date(2026, 12, 5)), (dt.date(2026, 9, 30), dt.date(2026, 10, 3))],
        ids=["saturday", "holiday"],
    )
    def test_fail_on_a_day_off_after_the_due_day(self, tree, check, due_on, today):
        """Decided from the dates, not from days_left (0 on a day off after the due day)."""
        late = application(tree["dept_a"], received_on=due_on - dt.timedelta(days=28), due_on=due_on)
        finding = check(tree["dept_a"], "application_overdue", today)
        assert finding.status == Status.FAIL and [record.id for record in finding.records] == [late.pk]

    def test_fail_for_open_applications_past_their_limit(self, tree, check):
        late = application(tree["dept_a"], due_on=dt.date(2026, 11, 27))
        application(tree["dept_a"], due_on=dt.date(2026, 11, 20), paused=True, state="correction_requested")
        application(
            tree["dept_a"],
            due_on=dt.date(2026, 11, 20),
            state="concluded",
            concluded_on=dt.date(2026, 11, 19),
        )
        finding = check(tree["dept_a"], "application_overdue")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 6
        assert [record.id for record in finding.records] == [late.pk]
        assert finding.records[0].url == f"/workbench/apply/{late.pk}/"

    def test_a_report_on_a_past_day_sees_an_application_closed_after_it_as_still_open(self, tree, check):
        """Received Mon 12 Oct (due Mon 9 Nov), withdrawn 20 Nov: overdue on the 16th, whenever
        the report of that day is asked for; a clock recorded without events likewise."""
        case = received_application(tree["dept_a"], "2026-10-12", today=dt.date(2026, 11, 30))
        assert case.due_on == dt.date(2026, 11, 9)
        services.withdraw(case, actor=SYSTEM, on=dt.date(2026, 11, 20), today=dt.date(2026, 11, 30))
        cached = application(
            tree["dept_a"], state="concluded", due_on=dt.date(2026, 11, 10), concluded_on=dt.date(2026, 11, 27)
        )
        assert check(tree["dept_a"], "application_overdue").status == Status.PASS
        finding = check(tree["dept_a"], "application_overdue", dt.date(2026, 11, 16))
        assert (finding.status, finding.count) == (Status.FAIL, 2)
        assert [record.id for record in finding.records] == [case.pk, cached.pk]
        finding = check(tree["dept_a"], "application_overdue", dt.date(2026, 11, 9))
        assert (finding.status, finding.count) == (Status.WARN, 0)
        assert finding.next_change_on == dt.date(2026, 11, 10)

    def test_a_report_on_a_past_day_ignores_applications_received_after_it(self, tree, check):
        application(tree["dept_a"], received_on=dt.date(2026, 11, 24), due_on=dt.date(2026, 11, 25))
        finding = check(tree["dept_a"], "application_overdue", dt.date(2026, 11, 23))
        assert (finding.status, finding.records, finding.next_change_on) == (Status.PASS, [], None)
        assert check(tree["dept_a"], "application_overdue", dt.date(2026, 11, 26)).status == Status.FAIL


class TestApplicationLate:
    """No warning state: an answer was late or it was not."""

    def test_pass_when_answered_in_time_or_late_long_ago(self, tree, check):
        application(tree["dept_a"], state="concluded", concluded_on=dt.date(2026, 10, 1), late=False)
        application(tree["dept_a"], state="concluded", concluded_on=dt.date(2025, 10, 1), late=True)
        assert check(tree["dept_a"], "application_late").status == Status.PASS

    def test_fail_counts_late_answers_of_the_last_year(self, tree, check):
        first = application(tree["dept_a"], state="concluded", concluded_on=dt.date(2026, 10, 1), late=True)
        second = application(tree["dept_a"], state="concluded", concluded_on=dt.date(2026, 3, 1), late=True)
        finding = check(tree["dept_a"], "application_late")
        assert finding.count == 2 and finding.deduction == 12
        assert [record.id for record in finding.records] == [first.pk, second.pk]

    def test_a_report_on_a_past_day_ignores_answers_after_it(self, tree, check):
        """Answered one working day late (due Fri 20 Nov, answered Mon 23 Nov): late from the 23rd
        on; a report of an earlier day, asked for later, does not count it yet."""
        case = application(
            tree["dept_a"],
            state="concluded",
            due_on=dt.date(2026, 11, 20),
            concluded_on=dt.date(2026, 11, 23),
            late=True,
        )
        finding = check(tree["dept_a"], "application_late", dt.date(2026, 11, 23))
        assert finding.count == 1 and [record.id for record in finding.records] == [case.pk]
        finding = check(tree["dept_a"], "application_late", dt.date(2026, 11, 20))
        assert (finding.status, finding.count, finding.deduction) == (Status.PASS, 0, 0)


class TestDecisionCorrected:
    def test_pass_and_fail(self, tree, check):
        case = application(tree["dept_a"], state="concluded", concluded_on=dt.date(2026, 5, 1))
        Review.objects.create(
            application=case,
            agency=tree["dept_a"],
            kind="review",
            filed_on=dt.date(2026, 6, 1),
            decided_on=dt.date(2026, 8, 1),
            result="maintained",
        )
        assert check(tree["dept_a"], "decision_corrected").status == Status.PASS
        Review.objects.create(
            application=case,
            agency=tree["dept_a"],
            kind="review",
            filed_on=dt.date(2026, 6, 1),
            decided_on=dt.date(2026, 9, 1),
            result="corrected",
        )
        finding = check(tree["dept_a"], "decision_corrected")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 3

    def test_a_report_on_a_past_day_ignores_reviews_decided_after_it(self, tree, check):
        case = application(tree["dept_a"], state="concluded", concluded_on=dt.date(2026, 5, 1))
        Review.objects.create(
            application=case,
            agency=tree["dept_a"],
            kind="review",
            filed_on=dt.date(2026, 6, 1),
            decided_on=dt.date(2026, 11, 20),
            result="corrected",
        )
        assert check(tree["dept_a"], "decision_corrected", dt.date(2026, 11, 20)).count == 1
        assert check(tree["dept_a"], "decision_corrected", dt.date(2026, 11, 19)).count == 0


class TestMessages:
    def test_unanswered_3_months_is_a_veto(self, tree, check):
        message(tree["dept_a"], received_on=dt.date(2026, 10, 1), due_on=dt.date(2026, 10, 15))
        assert check(tree["dept_a"], "messages_unanswered_3_months").status == Status.PASS
        old = message(tree["dept_a"], received_on=dt.date(2026, 7, 1), due_on=dt.date(2026, 7, 8))
        message(tree["dept_a"], received_on=dt.date(2026, 7, 1), kind="suggestion")  # not a 政务咨询
        finding = check(tree["dept_a"], "messages_unanswered_3_months")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.vetoing
        assert [record.id for record in finding.records] == [old.pk]

    def test_overdue_pass_warn_fail(self, tree, check):
        message(tree["dept_a"], due_on=dt.date(2026, 12, 15))
        assert check(tree["dept_a"], "messages_overdue").status == Status.PASS
        soon = message(tree["dept_a"], due_on=dt.date(2026, 12, 1))
        finding = check(tree["dept_a"], "messages_overdue")
        assert finding.status == Status.WARN and [record.id for record in finding.records] == [soon.pk]
        late = message(tree["dept_a"], due_on=dt.date(2026, 11, 27))
        finding = check(tree["dept_a"], "messages_overdue")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 1
        assert [record.id for record in finding.records] == [late.pk]

    def test_late_replies_capped(self, tree, check):
        for _ in range(12):
            message(
                tree["dept_a"],
                state="replied",
                late=True,
                received_on=dt.date(2026, 9, 1),
                replied_on=dt.date(2026, 9, 30),
            )
        finding = check(tree["dept_a"], "messages_late")
        assert finding.count == 12 and finding.deduction == 10  # −1 each, at most −10

    def test_late_replies_counted_by_the_reply_date_in_the_last_year(self, tree, check):
        """The rule reads 近一年内在答复期限之后才答复的留言, as application_late counts answers by
        their date: received over a year ago but answered late within it counts; answered late
        on the first day of the look-back window (30 Nov 2025, exclusive) does not."""
        counted = message(
            tree["dept_a"],
            state="replied",
            late=True,
            received_on=dt.date(2025, 11, 3),
            replied_on=dt.date(2026, 1, 5),
        )
        message(
            tree["dept_a"],
            state="replied",
            late=True,
            received_on=dt.date(2025, 11, 3),
            replied_on=dt.date(2025, 11, 30),
        )
        finding = check(tree["dept_a"], "messages_late")
        assert finding.count == 1 and [record.id for record in finding.records] == [counted.pk]

    def test_error_reports_open_warns_while_within_the_limit(self, tree, check):
        """Received Wed 25 Nov, 3 working days: due Mon 30 Nov; pending on the due day itself."""
        pending = message(
            tree["dept_a"],
            kind="error_report",
            received_on=dt.date(2026, 11, 25),
            due_on=dt.date(2026, 11, 30),
        )
        unknown = message(tree["dept_a"], kind="error_report", received_on=dt.date(2026, 11, 27), due_on=None)
        finding = check(tree["dept_a"], "error_reports_open", today=dt.date(2026, 11, 30))
        assert finding.status == Status.WARN and finding.count == 0 and finding.deduction == 0
        assert [record.id for record in finding.records] == [pending.pk, unknown.pk]
        assert finding.next_change_on == dt.date(2026, 12, 1)

    def test_error_reports_open_past_the_limit_cost_points(self, tree, check):
        """interaction.md: each 找错 message still unresolved costs points (more than one resolved
        slowly, −1): −2 each, at most −10, from the day after its due date."""
        late = message(
            tree["dept_a"],
            kind="error_report",
            received_on=dt.date(2026, 11, 25),
            due_on=dt.date(2026, 11, 30),
        )
        message(
            tree["dept_a"],
            kind="error_report",
            received_on=dt.date(2026, 11, 30),
            due_on=dt.date(2026, 12, 3),
        )
        message(
            tree["dept_a"],
            kind="error_report",
            state="replied",
            received_on=dt.date(2026, 11, 2),
            due_on=dt.date(2026, 11, 5),
            replied_on=dt.date(2026, 11, 20),
            first_replied_on=dt.date(2026, 11, 20),
        )
        finding = check(tree["dept_a"], "error_reports_open", today=dt.date(2026, 12, 1))
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 2
        assert [record.id for record in finding.records] == [late.pk]
        for _ in range(6):
            message(
                tree["dept_a"],
                kind="error_report",
                received_on=dt.date(2026, 11, 2),
                due_on=dt.date(2026, 11, 5),
            )
        assert check(tree["dept_a"], "error_reports_open", today=dt.date(2026, 12, 1)).deduction == 10

    def test_reply_column_stale(self, tree, check):
        message(
            tree["dept_a"],
            state="replied",
            published=True,
            replied_on=dt.date(2026, 11, 2),
            received_on=dt.date(2026, 10, 28),
        )
        finding = check(tree["dept_a"], "reply_column_stale")
        assert finding.status == Status.PASS and finding.next_change_on == dt.date(2027, 1, 3)
        message(
            tree["dept_b"],
            state="replied",
            published=True,
            replied_on=dt.date(2026, 9, 2),
            received_on=dt.date(2026, 9, 1),
        )
        message(tree["dept_b"], received_on=dt.date(2026, 11, 20))
        finding = check(tree["dept_b"], "reply_column_stale")
        assert finding.status == Status.FAIL and finding.deduction == 3

    def test_reply_column_stale_lists_the_messages_waiting_for_a_published_reply(
        self, tree, staff, check, client
    ):
        """Newest published reply of 2 Sep: stale since 3 Nov; the messages received after it and
        not published are listed, oldest first, each with its staff page (where it is answered and
        published)."""
        message(
            tree["dept_a"],
            state="replied",
            published=True,
            replied_on=dt.date(2026, 9, 2),
            received_on=dt.date(2026, 9, 1),
        )
        message(tree["dept_a"], received_on=dt.date(2026, 8, 20))  # before that reply
        replied = message(
            tree["dept_a"], state="replied", received_on=dt.date(2026, 9, 10), replied_on=dt.date(2026, 9, 14)
        )
        waiting = message(tree["dept_a"], received_on=dt.date(2026, 11, 20))
        message(tree["dept_b"], received_on=dt.date(2026, 11, 20))  # another agency's
        finding = check(tree["dept_a"], "reply_column_stale")
        assert finding.status == Status.FAIL and finding.count == 1
        assert [record.id for record in finding.records] == [replied.pk, waiting.pk]
        for record in finding.records:
            assert record.type == "message"
            assert resolve(record.url).view_name == "interaction_staff:detail"
            assert resolve(record.url).kwargs == {"pk": record.id}
        client.force_login(staff["reviewer_a"])
        assert client.get(finding.records[-1].url).status_code == 200

    def test_reply_column_stale_changes_state_on_its_next_change_date(self, tree, check):
        message(
            tree["dept_a"],
            state="replied",
            published=True,
            replied_on=dt.date(2026, 11, 2),
            received_on=dt.date(2026, 10, 28),
        )
        message(tree["dept_a"], received_on=dt.date(2026, 12, 20))
        on_the_eve = check(tree["dept_a"], "reply_column_stale", today=dt.date(2027, 1, 2))
        assert (on_the_eve.status, on_the_eve.next_change_on) == (Status.PASS, dt.date(2027, 1, 3))
        assert check(tree["dept_a"], "reply_column_stale", today=dt.date(2027, 1, 3)).status == Status.FAIL

    def test_reply_column_stale_fails_on_its_next_change_date_after_a_month_end(self, tree, check):
        """Newest reply 28 Feb 2027: shown to change on 29 Apr and stale then, though 2 months
        before 29 Apr is again 28 Feb (the month has no 29th)."""
        message(
            tree["dept_a"],
            state="replied",
            published=True,
            replied_on=dt.date(2027, 2, 28),
            received_on=dt.date(2027, 2, 20),
        )
        message(tree["dept_a"], received_on=dt.date(2027, 4, 1))
        on_the_eve = check(tree["dept_a"], "reply_column_stale", today=dt.date(2027, 4, 28))
        assert (on_the_eve.status, on_the_eve.next_change_on) == (Status.PASS, dt.date(2027, 4, 29))
        assert check(tree["dept_a"], "reply_column_stale", today=dt.date(2027, 4, 29)).status == Status.FAIL

    def test_a_consultation_unanswered_past_a_short_months_end_vetoes_from_the_next_day(self, tree, check):
        """Received 28 Feb 2027: 3 months on is 28 May, so it is over 3 months unanswered on 29 May
        (3 months before 29 May is again 28 Feb, the month having no 29th)."""
        waiting = message(tree["dept_a"], received_on=dt.date(2027, 2, 28), due_on=dt.date(2027, 3, 5))
        on_the_eve = check(tree["dept_a"], "messages_unanswered_3_months", today=dt.date(2027, 5, 28))
        assert (on_the_eve.status, on_the_eve.next_change_on) == (Status.WARN, dt.date(2027, 5, 29))
        finding = check(tree["dept_a"], "messages_unanswered_3_months", today=dt.date(2027, 5, 29))
        assert finding.status == Status.FAIL and [record.id for record in finding.records] == [waiting.pk]

    def test_unanswered_3_months_tells_the_day_the_oldest_waiting_consultation_passes_them(
        self, tree, check
    ):
        message(tree["dept_a"], received_on=dt.date(2026, 11, 2), due_on=dt.date(2026, 11, 9))
        message(tree["dept_a"], received_on=dt.date(2026, 11, 20), due_on=dt.date(2026, 11, 27))
        finding = check(tree["dept_a"], "messages_unanswered_3_months")
        assert (finding.status, finding.count, finding.records) == (Status.PASS, 0, [])
        assert finding.next_change_on == dt.date(2027, 2, 3) and "2027-02-03" in finding.next_change

    def test_unanswered_3_months_warns_when_its_day_is_within_three_working_days(self, tree, check):
        """Received 31 Aug: 3 months end on Mon 30 Nov, a veto from 1 Dec. On Fri 27 Nov that is
        within 3 working days (to Wed 2 Dec): a warning listing it, not the one of 10 Sep; on
        Tue 24 Nov (3 working days: to Fri 27 Nov) not yet."""
        soon = message(tree["dept_a"], received_on=dt.date(2026, 8, 31), due_on=dt.date(2026, 9, 7))
        message(tree["dept_a"], received_on=dt.date(2026, 9, 10), due_on=dt.date(2026, 9, 17))
        finding = check(tree["dept_a"], "messages_unanswered_3_months", dt.date(2026, 11, 27))
        assert (finding.status, finding.count, finding.vetoing) == (Status.WARN, 0, False)
        assert [record.id for record in finding.records] == [soon.pk]
        assert finding.next_change_on == dt.date(2026, 12, 1)
        finding = check(tree["dept_a"], "messages_unanswered_3_months", dt.date(2026, 11, 24))
        assert (finding.status, finding.records, finding.next_change_on) == (
            Status.PASS,
            [],
            dt.date(2026, 12, 1),
        )
        assert check(tree["dept_a"], "messages_unanswered_3_months", dt.date(2026, 12, 1)).vetoing

    def test_a_consultation_still_unanswered_after_more_than_a_year_is_a_veto(self, tree, check):
        forgotten = message(tree["dept_a"], received_on=dt.date(2025, 10, 1), due_on=dt.date(2025, 10, 15))
        message(
            tree["dept_a"],
            state="replied",
            received_on=dt.date(2025, 10, 1),
            first_replied_on=dt.date(2026, 2, 1),
            replied_on=dt.date(2026, 2, 1),
        )  # answered late, but received more than a year ago: outside the period looked at
        finding = check(tree["dept_a"], "messages_unanswered_3_months")
        assert finding.status == Status.FAIL and finding.vetoing
        assert [record.id for record in finding.records] == [forgotten.pk]


class TestMessagesOnAPastDay:
    """A report of a past day counts only the messages received by then, in the state they were in
    on that day: a message answered after it was still unanswered on it."""

    def test_a_consultation_answered_after_the_day_is_not_yet_late_on_it(self, tree, check):
        """Received 1 Jul, first answered 5 Oct (3 months end on 1 Oct): unanswered for 2½ months
        on 15 Sep, so not a veto then; on 2 Oct, still unanswered, it is."""
        waiting = message(
            tree["dept_a"],
            state="replied",
            received_on=dt.date(2026, 7, 1),
            first_replied_on=dt.date(2026, 10, 5),
            replied_on=dt.date(2026, 10, 5),
        )
        assert check(tree["dept_a"], "messages_unanswered_3_months", dt.date(2026, 9, 15)).count == 0
        finding = check(tree["dept_a"], "messages_unanswered_3_months", dt.date(2026, 10, 2))
        assert finding.status == Status.FAIL and [record.id for record in finding.records] == [waiting.pk]

    def test_overdue_counts_a_message_answered_after_the_day_and_none_received_after_it(self, tree, check):
        answered_later = message(
            tree["dept_a"],
            state="replied",
            received_on=dt.date(2026, 11, 2),
            due_on=dt.date(2026, 11, 9),
            first_replied_on=dt.date(2026, 11, 20),
            replied_on=dt.date(2026, 11, 20),
        )
        message(tree["dept_a"], received_on=dt.date(2026, 11, 16), due_on=dt.date(2026, 11, 13))
        finding = check(tree["dept_a"], "messages_overdue", dt.date(2026, 11, 13))
        assert finding.status == Status.FAIL and [record.id for record in finding.records] == [answered_later.pk]

    def test_transfer_late_ignores_messages_received_after_the_day(self, tree, check):
        message(tree["dept_a"], received_on=dt.date(2026, 11, 25), transfer_late=True)
        assert check(tree["dept_a"], "transfer_late", dt.date(2026, 11, 30)).count == 1
        assert check(tree["dept_a"], "transfer_late", dt.date(2026, 11, 24)).count == 0

    def test_error_reports_resolved_after_the_day_were_open_on_it(self, tree, check):
        """Received 1 Oct (due 9 Oct), resolved 20 Nov: slow from 20 Nov; open and past its limit
        on 10 Nov; an error report received after the day is in neither."""
        slow = message(
            tree["dept_a"],
            kind="error_report",
            state="replied",
            received_on=dt.date(2026, 10, 1),
            due_on=dt.date(2026, 10, 9),
            first_replied_on=dt.date(2026, 11, 20),
            replied_on=dt.date(2026, 11, 20),
        )
        message(
            tree["dept_a"],
            kind="error_report",
            state="replied",
            received_on=dt.date(2026, 11, 11),
            due_on=dt.date(2026, 11, 16),
            first_replied_on=dt.date(2026, 12, 20),
            replied_on=dt.date(2026, 12, 20),
        )
        assert [r.id for r in check(tree["dept_a"], "error_reports_slow", dt.date(2026, 11, 20)).records] == [
            slow.pk
        ]
        assert check(tree["dept_a"], "error_reports_slow", dt.date(2026, 11, 10)).count == 0
        finding = check(tree["dept_a"], "error_reports_open", dt.date(2026, 11, 10))
        assert finding.status == Status.FAIL and [record.id for record in finding.records] == [slow.pk]

    def test_reply_column_stale_ignores_a_reply_published_after_the_day(self, tree, check):
        message(
            tree["dept_a"],
            state="replied",
            published=True,
            replied_on=dt.date(2026, 9, 2),
            received_on=dt.date(2026, 9, 1),
        )
        message(
            tree["dept_a"],
            state="replied",
            published=True,
            received_on=dt.date(2026, 11, 2),
            replied_on=dt.date(2026, 11, 25),
            published_on=dt.date(2026, 11, 26),
        )
        assert check(tree["dept_a"], "reply_column_stale", dt.date(2026, 11, 30)).status == Status.PASS
        assert check(tree["dept_a"], "reply_column_stale", dt.date(2026, 11, 20)).status == Status.FAIL


NARRATIVE = {
    "overview": "全年主动公开政府信息120条。",
    "problems": "解读形式单一。",
    "other": "未收取信息处理费。",
}


def _publish_report(agency, year: int, on: dt.date, number: int = 1, **narrative):
    report, _ = AnnualReport.objects.get_or_create(agency=agency, year=year)
    figures = {"agency": {"narrative": {**NARRATIVE, **narrative}}}
    ReportRevision.objects.create(report=report, number=number, figures=figures, published_on=on)


class TestAnnualReport:
    def test_pass_when_published_by_the_deadline(self, tree, check):
        _publish_report(tree["dept_a"], 2025, dt.date(2026, 1, 20))
        assert check(tree["dept_a"], "annual_report_missing").status == Status.PASS

    @pytest.mark.today("2026-01-15")
    def test_warn_in_the_last_three_working_days_of_the_deadline(self, tree, check):
        """As every clock: pass while more than 3 working days are left, warn with ≤ 3. A
        department's 31 Jan 2026 is a Saturday: on Tue 27 Jan three working days are left (28, 29,
        30 Jan), on Mon 26 Jan four."""
        early = check(tree["dept_a"], "annual_report_missing", dt.date(2026, 1, 15))
        assert early.status == Status.PASS and list(early.records) == []
        assert early.next_change_on == dt.date(2026, 2, 1) and "2026-02-01" in early.next_change
        assert check(tree["dept_a"], "annual_report_missing", dt.date(2026, 1, 26)).status == Status.PASS
        soon = check(tree["dept_a"], "annual_report_missing", dt.date(2026, 1, 27))
        assert soon.status == Status.WARN and soon.count == 0 and len(soon.records) == 1
        assert soon.next_change_on == dt.date(2026, 2, 1)
        government = check(tree["city"], "annual_report_missing", dt.date(2026, 1, 27))
        assert government.status == Status.PASS  # a government: 31 March
        assert government.next_change_on == dt.date(2026, 4, 1)

    def test_a_section_left_empty_or_last_year_s_problems_copied_cost_points_each(self, tree, check):
        """鲤城区 2020: a report with elements missing or copied from last year, −5 each. Whitespace
        does not make a copy new; a correction (a later revision) that fills the section passes."""
        _publish_report(tree["dept_a"], 2024, dt.date(2025, 1, 20), problems="解读形式单一。\n")
        _publish_report(tree["dept_a"], 2025, dt.date(2026, 1, 20), problems=" 解读形式单一。", other="")
        finding = check(tree["dept_a"], "annual_report_missing")
        assert finding.status == Status.FAIL and finding.count == 2 and finding.deduction == 10
        assert "“六、其他需要报告的事项”为空" in finding.note and "与上一年度报告相同" in finding.note
        _publish_report(
            tree["dept_a"], 2025, dt.date(2026, 2, 3), number=2, problems="政策解读图解不足，已增设图解。"
        )
        assert check(tree["dept_a"], "annual_report_missing").status == Status.PASS
        # A department whose report of the year before is not in the system: only empty sections count.
        _publish_report(tree["dept_b"], 2025, dt.date(2026, 1, 20), problems="")
        finding = check(tree["dept_b"], "annual_report_missing")
        assert finding.count == 1 and finding.note == "“五、存在的主要问题及改进情况”为空"

    def test_fail_when_missing_or_published_late(self, tree, check):
        _publish_report(tree["dept_b"], 2025, dt.date(2026, 2, 10))
        missing = check(tree["dept_a"], "annual_report_missing")
        late = check(tree["dept_b"], "annual_report_missing")
        assert missing.status == late.status == Status.FAIL
        assert missing.deduction == late.deduction == 5
        assert missing.records[0].url == "/workbench/reports/2025/"
        assert "2026-02-10" in late.note

    def test_a_report_on_a_past_day_ignores_revisions_published_after_it(self, tree, check):
        """Published on 10 Feb: on 5 Feb it was still missing (due 31 Jan), not published late. A
        section left empty on 20 Jan and filled by the correction of 3 Feb was still empty on 2 Feb."""
        _publish_report(tree["dept_a"], 2025, dt.date(2026, 2, 10))
        finding = check(tree["dept_a"], "annual_report_missing", dt.date(2026, 2, 5))
        assert finding.status == Status.FAIL and finding.note == "应于2026-01-31前发布"
        _publish_report(tree["dept_b"], 2025, dt.date(2026, 1, 20), other="")
        _publish_report(tree["dept_b"], 2025, dt.date(2026, 2, 3), number=2)
        assert check(tree["dept_b"], "annual_report_missing").status == Status.PASS
        finding = check(tree["dept_b"], "annual_report_missing", dt.date(2026, 2, 2))
        assert finding.status == Status.FAIL and "为空" in finding.note


class TestCalendarNextYear:
    @pytest.mark.today("2026-06-01")
    def test_pass_before_october(self, tree, check):
        assert check(tree["city"], "calendar_next_year", dt.date(2026, 6, 1)).status == Status.PASS

    def test_pass_when_next_year_is_confirmed(self, tree, check):
        confirm_synthetic_year(2027)
        assert check(tree["city"], "calendar_next_year").status == Status.PASS

    def test_warn_while_20_working_days_still_fit_in_the_year(self, tree, check):
        finding = check(tree["city"], "calendar_next_year")
        assert finding.status == Status.WARN
        # 2026-11-30 + 20 working days is still in 2026 until 2026-12-03; from 12-04 it is not.
        assert finding.next_change_on == dt.date(2026, 12, 4)
        assert finding.records[0].url == "/workbench/workdays/2027/"

    def test_the_subtree_lists_its_region_s_calendar_once(self, tree, staff):
        """Every agency of the tree shares the one unconfirmed 2027 calendar: one record, one count."""
        report = selectors.selfcheck(staff["office"], tree["city"], dt.date(2026, 11, 30), "tree")
        assert len(report.agencies) == 4
        finding = report.finding("calendar_next_year")
        assert finding.status == Status.WARN and finding.count == 1
        assert [(record.type, record.id) for record in finding.records] == [("calendar_year", 2027)]

    @pytest.mark.today("2026-12-10")
    def test_fail_once_a_limit_runs_into_the_unconfirmed_year(self, tree, check):
        finding = check(tree["city"], "calendar_next_year", dt.date(2026, 12, 10))
        assert finding.status == Status.FAIL and finding.count == 1


class TestCorrectionNoticeLate:
    """No warning state: the notice was in time or it was not."""

    def test_pass_and_fail(self, tree, check):
        from gongkai.applications.models import ApplicationEvent

        in_time = application(tree["dept_a"], received_on=dt.date(2026, 11, 2))
        ApplicationEvent.objects.create(
            application=in_time, action="request_correction", on=dt.date(2026, 11, 11)
        )
        assert check(tree["dept_a"], "correction_notice_late").status == Status.PASS
        # add(2026-11-02, 7) = 2026-11-11: a notice on 11-12 is late.
        late = application(tree["dept_a"], received_on=dt.date(2026, 11, 2))
        ApplicationEvent.objects.create(
            application=late, action="request_correction", on=dt.date(2026, 11, 12)
        )
        finding = check(tree["dept_a"], "correction_notice_late")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 2
        assert [record.id for record in finding.records] == [late.pk]


class TestDisclosureGuideOutdated:
    """No warning state: the published guide says what the settings say, or not."""

    def test_pass_then_fail_after_a_change_that_did_not_republish(self, tree, check):
        from gongkai.agencies.models import Agency
        from gongkai.applications import services as application_services
        from gongkai.core.system import SYSTEM

        settings = application_services.update_guide_settings(
            tree["dept_a"], actor=SYSTEM, fax="0731-88880001"
        )
        assert check(tree["dept_a"], "disclosure_guide_outdated").status == Status.PASS
        Agency.objects.filter(pk=tree["dept_a"].pk).update(phone="0731-99990000")  # bypassing the services
        tree["dept_a"].refresh_from_db()
        finding = check(tree["dept_a"], "disclosure_guide_outdated")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 2
        assert [record.id for record in finding.records] == [settings.item_id]
