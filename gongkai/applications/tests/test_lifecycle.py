"""Which act is allowed when, and the date rules, with dates worked by hand on the 2026 calendar."""

import pytest

from gongkai.applications.clock import ClockEvent, compute, latest_act
from gongkai.applications.lifecycle import ALLOWED, Invalid, Refused, check, check_void
from gongkai.applications.tests.calendars import CALENDAR, d, ev, received

TODAY = d("2026-11-30")


def attempt(events, action, on, **data):
    check(compute(events, CALENDAR), action, d(on), today=TODAY, calendar=CALENDAR, data=data)


def refused(events, action, on, **data) -> str:
    with pytest.raises(Refused) as caught:
        attempt(events, action, on, **data)
    return caught.value.code


RECEIVED = received("2026-02-10")


def test_a_correction_request_on_the_seventh_working_day_is_allowed():
    # add(2026-02-10, 7): Feb 11, 12, 13, 14 (make-up), 24, 25, 26.
    attempt(RECEIVED, "request_correction", "2026-02-26", items="请写明文号")


def test_correction_after_seventh_working_day_is_refused():
    assert refused(RECEIVED, "request_correction", "2026-02-27") == "correction_too_late"


def test_only_one_correction_request_is_allowed():
    events = [*RECEIVED, ev("request_correction", "2026-02-11"), ev("receive_correction", "2026-02-13")]
    assert refused(events, "request_correction", "2026-02-13") == "correction_already_requested"


def test_a_correction_cannot_lapse_before_its_period_has_passed():
    events = [*RECEIVED, ev("request_correction", "2026-02-12", respond_within_days=15)]
    assert refused(events, "correction_lapsed", "2026-03-11") == "correction_not_lapsed"
    attempt(events, "correction_lapsed", "2026-03-12")


def test_an_extension_is_decided_on_or_before_the_current_due_date():
    events = received("2026-09-10")  # due 2026-10-14
    attempt(events, "extend", "2026-10-14", days=20, reason="r")
    assert refused(events, "extend", "2026-10-15", days=5) == "extension_too_late"


def test_an_extension_is_at_most_twenty_working_days_and_granted_once():
    assert refused(RECEIVED, "extend", "2026-02-11", days=21) == "extension_too_long"
    with pytest.raises(Invalid):
        attempt(RECEIVED, "extend", "2026-02-11", days=0)
    events = [*RECEIVED, ev("extend", "2026-02-11", days=5)]
    assert refused(events, "extend", "2026-02-12", days=5) == "extension_already_granted"


def test_the_corrected_application_may_be_extended_once_again():
    # Art. 30 restarts the limit and drops an extension of the old one; Art. 33's "once" is per limit.
    events = [
        *RECEIVED,
        ev("extend", "2026-02-11", days=5, reason="r"),
        ev("request_correction", "2026-02-12"),
        ev("receive_correction", "2026-02-13"),
    ]
    attempt(events, "extend", "2026-02-24", days=20, reason="r")
    events = [*events, ev("extend", "2026-02-24", days=20, reason="r")]
    assert refused(events, "extend", "2026-02-25", days=5) == "extension_already_granted"


def test_no_extension_after_an_article_35_later_deadline():
    # Art. 35 sets a deadline beyond the limits of Art. 33; an extension on top would be recorded
    # (and its letter sent) without moving the deadline.
    events = [*RECEIVED, ev("set_later_deadline", "2026-03-10", due_on="2026-04-30", reason="量大")]
    assert refused(events, "extend", "2026-03-11", days=10) == "extension_after_later_deadline"


def test_a_fee_notice_goes_out_within_the_answer_limit():
    assert refused(RECEIVED, "fee_notice", "2026-03-17", method="per_page") == "fee_notice_too_late"
    attempt(RECEIVED, "fee_notice", "2026-03-16", method="per_page")


def test_a_fee_cannot_lapse_before_twenty_working_days_after_the_notice():
    events = [*received("2025-01-20"), ev("fee_notice", "2025-01-24", method="per_item")]
    assert refused(events, "fee_lapsed", "2025-02-27") == "fee_not_lapsed"
    attempt(events, "fee_lapsed", "2025-02-28")


@pytest.mark.parametrize(
    ("events", "action"),
    [
        ([ev("submit", "2026-02-10")], "reply"),  # not yet received
        (RECEIVED, "confirm_receipt"),
        (RECEIVED, "end_consultation"),
        ([*RECEIVED, ev("start_consultation", "2026-02-11")], "reply"),
        ([*RECEIVED, ev("request_correction", "2026-02-11")], "extend"),
        ([*RECEIVED, ev("reply", "2026-02-11", outcome="disclosed")], "withdraw"),
    ],
)
def test_an_act_outside_its_states_is_refused(events, action):
    assert refused(events, action, "2026-03-01", days=1, outcome="disclosed") == "action_not_allowed"


def test_acts_cannot_be_dated_before_the_previous_event_or_in_the_future():
    assert refused(RECEIVED, "reply", "2026-02-09", outcome="disclosed") == "date_before_previous_event"
    assert refused(RECEIVED, "reply", "2026-12-01", outcome="disclosed") == "date_in_future"


def test_a_later_deadline_must_be_later_and_set_within_the_limit():
    assert refused(RECEIVED, "set_later_deadline", "2026-03-10", due_on=d("2026-03-16")) == (
        "later_deadline_not_later"
    )
    assert refused(RECEIVED, "set_later_deadline", "2026-03-17", due_on=d("2026-05-01")) == (
        "later_deadline_too_late"
    )
    attempt(RECEIVED, "set_later_deadline", "2026-03-16", due_on=d("2026-04-30"))


def test_lapse_outcomes_are_not_reply_outcomes():
    with pytest.raises(Invalid):
        attempt(RECEIVED, "reply", "2026-02-11", outcome="other.fee_lapsed")


def test_still_unclear_is_an_answer_only_after_a_correction_came_back():
    # Art. 30: an unclear application is first answered by the one-time 补正 notice; "补正后申请内容仍
    # 不明确" presupposes that notice and the corrected application (a missing one lapses instead).
    assert refused(RECEIVED, "reply", "2026-02-11", outcome="unable.still_unclear") == (
        "still_unclear_without_correction"
    )
    corrected = [
        *RECEIVED,
        ev("request_correction", "2026-02-11", items=["请写明文号"]),
        ev("receive_correction", "2026-02-13"),
    ]
    attempt(corrected, "reply", "2026-02-24", outcome="unable.still_unclear")
    attempt(RECEIVED, "reply", "2026-02-11", outcome="unable.not_held")


def test_a_concluded_application_allows_nothing():
    assert ALLOWED["concluded"] == frozenset()


def test_receipt_cannot_be_confirmed_before_the_online_submission():
    # The defect: submitted online on 2026-11-30, "received" on 2020-01-01 (1705 working days late).
    submitted = [ev("submit", "2026-11-30")]
    assert refused(submitted, "confirm_receipt", "2020-01-01") == "date_before_arrival"
    assert refused(submitted, "confirm_receipt", "2026-11-27") == "date_before_arrival"
    attempt(submitted, "confirm_receipt", "2026-11-30")


def test_receipt_of_a_letter_cannot_precede_the_arrival_recorded_at_registration():
    assert refused([ev("register", "2026-02-09", arrived=True)], "confirm_receipt", "2026-02-06") == (
        "date_before_arrival"
    )
    attempt([ev("register", "2026-02-09", arrived=True)], "confirm_receipt", "2026-02-09")
    # Registered without its arrival date: the registration day is an entry, not a legal bound.
    attempt([ev("register", "2026-02-09")], "confirm_receipt", "2026-02-06")


def test_an_ordinary_letter_is_received_on_the_day_it_arrived():
    # Art. 31(二): the office confirms an ordinary letter with the applicant on the day it arrives,
    # and that day is the receipt date; confirming later would start the 20 days late.
    letter = [ev("register", "2026-02-10", channel="post", arrived=True)]
    assert refused(letter, "confirm_receipt", "2026-02-13") == "receipt_not_on_arrival"
    attempt(letter, "confirm_receipt", "2026-02-10")
    # Fax and online: the day both sides confirm it (双方确认之日), which may be later.
    attempt([ev("register", "2026-02-10", channel="fax", arrived=True)], "confirm_receipt", "2026-02-13")
    attempt([ev("submit", "2026-02-10", channel="online")], "confirm_receipt", "2026-02-13")
    # A letter registered without its arrival date has no known arrival to hold it to.
    attempt([ev("register", "2026-02-10", channel="post")], "confirm_receipt", "2026-02-13")


def test_a_late_payment_is_taken_until_the_lapse_is_recorded():
    # As a late correction (Art. 30): 视为放弃 is the agency's recorded act, not the calendar's.
    # Pay-by add(2026-02-12, 20) = 2026-03-18; paid 2026-03-20, the lapse never recorded.
    events = [*RECEIVED, ev("fee_notice", "2026-02-12", method="per_page", amount="10.00")]
    assert compute(events, CALENDAR).fee_pay_by == d("2026-03-18")
    attempt(events, "fee_paid", "2026-03-20")
    # (Feb 12, Mar 20] = Feb 13, 14, 24–28 (7) + Mar 2–20 (15) = 22 working days not counted:
    # add(Feb 10, 42) = Mar 16 + 22 = Mar 17–20, 23–27, 30–Apr 3, Apr 7–10 (Apr 4–6 清明), 13–16.
    clock = compute([*events, ev("fee_paid", "2026-03-20")], CALENDAR)
    assert clock.paused_days == 22 and clock.due_on == d("2026-04-16")


def test_a_fee_notice_cannot_be_received_before_it_was_sent():
    with pytest.raises(Refused) as caught:
        attempt(RECEIVED, "fee_notice", "2026-02-12", method="per_page", delivered_on=d("2026-02-11"))
    assert caught.value.code == "delivered_before_notice"
    with pytest.raises(Refused) as caught:
        attempt(RECEIVED, "fee_notice", "2026-02-12", method="per_page", delivered_on=d("2026-12-01"))
    assert caught.value.code == "date_in_future"


def void_refused(events, on, *, under_review=False) -> str:
    with pytest.raises(Refused) as caught:
        check_void(
            compute(events, CALENDAR), latest_act(events), d(on), today=TODAY, under_review=under_review
        )
    return caught.value.code


def test_nothing_is_left_to_void_once_only_the_submission_remains():
    assert void_refused(RECEIVED, "2026-02-11") == "nothing_to_void"
    assert void_refused([ev("submit", "2026-02-09")], "2026-02-11") == "nothing_to_void"


def test_a_void_is_dated_on_or_after_the_act_it_cancels_and_not_in_the_future():
    events = [*RECEIVED, ClockEvent("extend", d("2026-02-20"), {"days": 5}, 2)]
    assert void_refused(events, "2026-02-19") == "date_before_previous_event"
    assert void_refused(events, "2026-12-01") == "date_in_future"
    check_void(
        compute(events, CALENDAR), latest_act(events), d("2026-02-20"), today=TODAY, under_review=False
    )


def test_a_conclusion_under_review_or_litigation_cannot_be_voided():
    events = [*RECEIVED, ClockEvent("reply", d("2026-03-10"), {"outcome": "disclosed"}, 2)]
    assert void_refused(events, "2026-03-11", under_review=True) == "void_under_review"
    check_void(
        compute(events, CALENDAR), latest_act(events), d("2026-03-11"), today=TODAY, under_review=False
    )
