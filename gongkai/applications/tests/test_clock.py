"""The statutory clock (domain/applications.md), worked by hand on the 2024–2026 calendars."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.applications.clock import ClockEvent, compute, effective, explain, latest_act
from gongkai.applications.tests.calendars import CALENDAR, d, ev, received


def clock_of(events):
    return compute(events, CALENDAR)


@pytest.mark.parametrize(
    ("received_on", "due_on"),
    [
        # domain/applications.md: Feb 14 and Feb 28 make-up Saturdays count, Feb 15–23 do not.
        ("2026-02-10", "2026-03-16"),
        # 2024 Spring Festival: Feb 4 (Sun) and Feb 18 (Sun) make-up days count, Feb 10–17 not.
        ("2024-01-26", "2024-02-28"),
        # 2025 National Day: Sep 28 (Sun) and Oct 11 (Sat) count, Oct 1–8 not.
        ("2025-09-26", "2025-10-30"),
        # 2026 Mid-Autumn + National Day: Sep 20 (Sun) and Oct 10 (Sat) count.
        ("2026-09-10", "2026-10-14"),
        # Across New Year 2025 (Jan 1 holiday).
        ("2024-12-20", "2025-01-20"),
        # Received on a holiday: counting starts the next day all the same.
        ("2026-02-16", "2026-03-20"),
        # 2024 Labour Day: Apr 28 (Sun) and May 11 (Sat) count, May 1–5 not; Apr 27 (Sat) is a weekend.
        ("2024-04-26", "2024-05-27"),
        # 2024 Mid-Autumn + National Day: Sep 14 (Sat), Sep 29 (Sun), Oct 12 (Sat) count.
        ("2024-09-12", "2024-10-16"),
        # 2025 Dragon Boat: May 31–Jun 2 (a holiday Monday) not counted.
        ("2025-05-29", "2025-06-27"),
    ],
)
def test_the_answer_is_due_on_the_twentieth_working_day_after_receipt(received_on, due_on):
    clock = clock_of(received(received_on))
    assert clock.received_on == d(received_on)
    assert clock.due_on == d(due_on)
    assert clock.state == "received" and not clock.paused


def test_an_online_application_has_no_deadline_until_receipt_is_confirmed():
    events = [ev("submit", "2026-02-09")]
    clock = clock_of(events)
    assert (clock.state, clock.received_on, clock.due_on) == ("submitted", None, None)
    clock = clock_of([*events, ev("confirm_receipt", "2026-02-10")])
    assert clock.received_on == d("2026-02-10") and clock.due_on == d("2026-03-16")


def test_a_correction_stops_the_clock_and_the_limit_restarts_from_the_corrected_application():
    events = [*received("2026-02-10"), ev("request_correction", "2026-02-12")]
    clock = clock_of(events)
    assert clock.state == "correction_requested" and clock.due_on is None and clock.paused
    # add(2026-02-12, 15): Feb 13, 14(make-up), 24–27, 28(make-up), Mar 2–6, 9–11.
    assert clock.correction_respond_by == d("2026-03-11")
    # C = Mar 9: Mar 10–13, 16–20, 23–27, Mar 30–Apr 3 = 19; Apr 4–6 清明; Apr 7 = 20.
    clock = clock_of([*events, ev("receive_correction", "2026-03-09")])
    assert clock.restarted_on == d("2026-03-09") and clock.due_on == d("2026-04-07")
    assert clock.received_on == d("2026-02-10")


def test_a_consultation_pauses_the_clock_and_its_working_days_are_added():
    events = [*received("2026-02-10"), ev("start_consultation", "2026-02-13", third_party="某公司")]
    clock = clock_of(events)
    assert clock.paused and clock.due_on is None and clock.state == "in_consultation"
    # (Feb 13, Feb 27]: Feb 14 (make-up), Feb 24–27 → 5 working days.
    clock = clock_of([*events, ev("end_consultation", "2026-02-27")])
    assert clock.paused_days == 5
    assert clock.due_on == d("2026-03-23")  # 2026-03-16 + 5 working days


def test_a_fee_wait_is_not_counted_and_the_payment_limit_is_twenty_working_days():
    events = [*received("2025-01-20"), ev("fee_notice", "2025-01-24", method="per_page", amount="700.00")]
    clock = clock_of(events)
    assert clock.state == "awaiting_fee" and clock.due_on is None
    # add(2025-01-24, 20): Jan 26 (Sun make-up), 27, Feb 5–7, Feb 8 (Sat make-up), Feb 10–14, 17–21, 24–27.
    assert clock.fee_pay_by == d("2025-02-27")
    # (Jan 24, Feb 10]: Jan 26, 27, Feb 5, 6, 7, 8, 10 → 7; base due 2025-02-21 + 7 → 2025-03-04.
    clock = clock_of([*events, ev("fee_paid", "2025-02-10")])
    assert clock.paused_days == 7 and clock.due_on == d("2025-03-04")


def test_the_payment_limit_runs_from_the_day_the_notice_was_received():
    # 国办函〔2020〕109号: add(notice_received, 20). Sent 2026-02-12, received 2026-02-24:
    # Feb 25–27 (3), Feb 28 make-up (4), Mar 2–6 (9), 9–13 (14), 16–20 (19), Mar 23 (20).
    events = [
        *received("2026-02-10"),
        ev("fee_notice", "2026-02-12", method="per_page", amount="10.00", delivered_on="2026-02-24"),
    ]
    clock = clock_of(events)
    assert clock.fee_notice_on == d("2026-02-12") and clock.fee_pay_by == d("2026-03-23")
    # The wait not counted is still (notice, payment]: (Feb 12, Feb 26] = Feb 13, 14, 24, 25, 26.
    clock = clock_of([*events, ev("fee_paid", "2026-02-26")])
    assert clock.paused_days == 5 and clock.due_on == d("2026-03-23")


def test_an_extension_adds_its_working_days():
    events = [*received("2026-09-10"), ev("extend", "2026-10-14", days=20, reason="需调取档案")]
    # add(2026-10-14, 20): Oct 15, 16, 19–23, 26–30, Nov 2–6, 9–11.
    assert clock_of(events).due_on == d("2026-11-11")


def test_extension_and_pauses_combine_after_the_restart_only():
    events = [
        *received("2026-02-10"),
        ev("start_consultation", "2026-02-11"),
        ev("end_consultation", "2026-02-12"),  # before the restart: dropped
        ev("request_correction", "2026-02-13"),
        ev("receive_correction", "2026-03-09"),
        ev("start_consultation", "2026-03-10"),
        ev("end_consultation", "2026-03-12"),  # 2 working days
        ev("extend", "2026-03-13", days=3),
    ]
    # add(2026-03-09, 20 + 3 + 2) = add(2026-04-07, 5) = Apr 8, 9, 10, 13, 14.
    assert clock_of(events).due_on == d("2026-04-14")


def test_a_reasonable_later_deadline_replaces_the_due_date():
    events = [
        *received("2026-02-10"),
        ev("set_later_deadline", "2026-03-10", due_on="2026-04-30", reason="量大"),
    ]
    assert clock_of(events).due_on == d("2026-04-30")


def test_a_later_deadline_set_before_a_correction_gives_way_to_the_restarted_limit():
    # Art. 30: the limit restarts from the corrected application; an Art. 35 deadline set for the
    # first version of the request does not survive it (the agency may set one again).
    events = [
        *received("2026-02-10"),
        ev("set_later_deadline", "2026-02-11", due_on="2026-03-20", reason="量大"),
        ev("request_correction", "2026-02-12"),
        ev("receive_correction", "2026-03-09"),
    ]
    clock = clock_of(events)
    assert clock.due_on == d("2026-04-07") and clock.later_deadline is None


def test_an_extension_granted_before_a_correction_gives_way_to_the_restarted_limit():
    # Art. 30: the limit is counted afresh from the corrected application; the extension lengthened
    # the limit of the first version of the request and goes with it (the agency may extend again).
    events = [
        *received("2026-02-10"),
        ev("extend", "2026-02-11", days=20, reason="需调取档案"),
        ev("request_correction", "2026-02-12"),
        ev("receive_correction", "2026-03-09"),
    ]
    clock = clock_of(events)
    # add(2026-03-09, 20) = 2026-04-07, not add(2026-03-09, 40).
    assert clock.due_on == d("2026-04-07") and clock.extension_days == 0
    assert "延长" not in explain(clock)


def test_a_pause_ending_in_a_year_not_on_the_calendar_leaves_the_due_date_unknown():
    # 2027 is not on the test calendar: the consultation ended (the answer came) and the clock runs
    # again, but the pause's length — and so the due date — is unknown, not guessed.
    events = [
        *received("2026-12-10"),
        ev("start_consultation", "2026-12-14"),
        ev("end_consultation", "2027-01-05"),
    ]
    clock = clock_of(events)
    assert (clock.state, clock.paused, clock.due_on) == ("received", False, None)
    assert clock.calendar_unconfirmed and clock.unconfirmed_year == 2027 and "due_on" in clock.unknown_dates
    clock = clock_of([*events, ev("reply", "2027-01-06", outcome="disclosed")])
    assert clock.state == "concluded" and clock.late is False


def test_the_explanation_warns_of_an_unconfirmed_year_only_while_the_application_is_open():
    # Received 2026-12-10: the 20th working day falls in 2027, which the test calendar does not know.
    events = received("2026-12-10")
    assert "节假日安排尚未确认" in explain(clock_of(events))
    # Once answered the deadline no longer matters: the explanation says when, without the warning.
    concluded = clock_of([*events, ev("reply", "2026-12-18", outcome="disclosed")])
    assert concluded.calendar_unconfirmed and concluded.due_on is None
    assert explain(concluded) == "收到 2026-12-10，2026-12-18 办结"


def test_days_left_counts_working_days_and_is_negative_when_overdue():
    clock = clock_of(received("2026-02-10"))
    assert clock.days_left(d("2026-03-10"), CALENDAR) == 4  # Mar 11, 12, 13, 16
    assert clock.days_left(d("2026-03-16"), CALENDAR) == 0
    assert clock.days_left(d("2026-03-18"), CALENDAR) == -2


@pytest.mark.parametrize(("replied_on", "late"), [("2026-03-16", False), ("2026-03-17", True)])
def test_an_answer_after_the_due_date_is_late(replied_on, late):
    clock = clock_of([*received("2026-02-10"), ev("reply", replied_on, outcome="disclosed")])
    assert clock.state == "concluded" and clock.outcome == "disclosed"
    assert clock.concluded_on == d(replied_on) and clock.late is late
    assert clock.due_on == d("2026-03-16") and clock.days_left(d(replied_on), CALENDAR) is None


@pytest.mark.parametrize(
    ("action", "outcome"),
    [
        ("withdraw", "other.other"),
        ("correction_lapsed", "other.correction_lapsed"),
        ("fee_lapsed", "other.fee_lapsed"),
    ],
)
def test_withdrawal_and_lapses_conclude_with_their_outcome_and_are_never_late(action, outcome):
    clock = clock_of([*received("2026-02-10"), ev(action, "2026-05-06")])
    assert (clock.state, clock.outcome, clock.late) == ("concluded", outcome, False)


# Properties ------------------------------------------------------------------------------------

receipt_dates = st.dates(min_value=dt.date(2024, 1, 2), max_value=dt.date(2026, 6, 30))


@given(received_on=receipt_dates, start=st.integers(0, 15), length=st.integers(0, 25))
def test_pausing_never_shortens_a_deadline(received_on, start, length):
    base = clock_of(received(received_on.isoformat())).due_on
    pause_start = received_on + dt.timedelta(days=start)
    pause_end = pause_start + dt.timedelta(days=length)
    events = [
        *received(received_on.isoformat()),
        ev("start_consultation", pause_start.isoformat()),
        ev("end_consultation", pause_end.isoformat()),
    ]
    paused = clock_of(events)
    assert paused.due_on >= base
    assert CALENDAR.count(base, paused.due_on) == CALENDAR.count(pause_start, pause_end)


@given(received_on=receipt_dates, days=st.integers(1, 20))
def test_an_extension_of_n_days_moves_the_due_date_by_n_working_days(received_on, days):
    base = clock_of(received(received_on.isoformat())).due_on
    extended = clock_of(
        [*received(received_on.isoformat()), ev("extend", received_on.isoformat(), days=days)]
    )
    assert CALENDAR.count(base, extended.due_on) == days


@given(received_on=receipt_dates)
def test_the_due_date_is_twenty_working_days_after_receipt_and_a_working_day(received_on):
    due = clock_of(received(received_on.isoformat())).due_on
    assert CALENDAR.count(received_on, due) == 20 and CALENDAR.is_workday(due)


def test_the_deadline_is_explained_in_words():
    from gongkai.applications.clock import explain

    assert explain(clock_of(received("2026-02-10"))) == "收到 2026-02-10，第 20 个工作日为 2026-03-16"
    events = [
        *received("2026-02-10"),
        ev("start_consultation", "2026-02-13"),
        ev("end_consultation", "2026-02-27"),
    ]
    assert (
        explain(clock_of(events))
        == "收到 2026-02-10，其间征求意见暂停 5 个工作日，第 25 个工作日为 2026-03-23"
    )
    assert "计时暂停" in explain(clock_of(events[:2]))
    assert explain(clock_of([ev("submit", "2026-02-10")])).startswith("尚未确认收到")


def test_a_lapse_is_explained_by_the_period_that_passed():
    # Art. 30 and 国办函〔2020〕109号: 视为放弃 rests on a period the applicant let pass; the file
    # says which, and until when it ran (the concluded application has no answer deadline left).
    events = [*received("2026-02-04"), ev("request_correction", "2026-02-13", respond_within_days=15)]
    assert explain(clock_of([*events, ev("correction_lapsed", "2026-03-13")])) == (
        "收到 2026-02-04，2026-02-13 告知补正，补正期限截至 2026-03-12，逾期未补正，视为放弃申请，"
        "2026-03-13 办结"
    )
    events = [
        *received("2026-03-02"),
        ev("fee_notice", "2026-03-09", method="per_page", amount="700.00", delivered_on="2026-03-10"),
        ev("fee_lapsed", "2026-04-09"),
    ]
    assert explain(clock_of(events)) == (
        "收到 2026-03-02，2026-03-09 发出收费通知，缴费期限截至 2026-04-08，逾期未缴费，视为放弃申请，"
        "2026-04-09 办结"
    )


def test_an_online_application_arrived_on_the_day_it_was_submitted():
    assert clock_of([ev("submit", "2026-12-05")]).arrived_on == d("2026-12-05")
    assert clock_of(received("2026-02-10")).arrived_on == d("2026-02-10")
    # A letter registered with the day it reached the agency; without one the day is unknown.
    assert clock_of([ev("register", "2026-02-09", arrived=True)]).arrived_on == d("2026-02-09")
    assert clock_of([ev("register", "2026-02-09")]).arrived_on is None


def void(on: str, target: ClockEvent, reason: str = "录入错误") -> ClockEvent:
    return ClockEvent("void", d(on), {"voids": target.id, "reason": reason})


def numbered(events: list[ClockEvent]) -> list[ClockEvent]:
    """Give events ids in the order they were recorded (as the database does)."""
    return [ClockEvent(event.action, event.on, event.data, number) for number, event in enumerate(events, 1)]


def test_a_voided_reply_reopens_the_application_with_its_deadline():
    events = numbered([*received("2026-02-10"), ev("reply", "2026-03-10", outcome="disclosed")])
    clock = clock_of([*events, void("2026-03-11", events[-1])])
    assert clock.state == "received" and clock.outcome == "" and clock.concluded_on is None
    assert clock.due_on == d("2026-03-16")


def test_a_voided_receipt_returns_the_application_to_submitted():
    events = numbered([ev("submit", "2026-02-09"), ev("confirm_receipt", "2026-02-10")])
    clock = clock_of([*events, void("2026-02-11", events[-1])])
    assert (clock.state, clock.received_on, clock.due_on) == ("submitted", None, None)


def test_voids_go_back_one_act_at_a_time_and_the_voided_acts_take_no_part():
    events = numbered(
        [
            *received("2026-09-10"),
            ev("extend", "2026-10-14", days=20, reason="需调取档案"),
            ev("reply", "2026-10-20", outcome="disclosed"),
        ]
    )
    first = ClockEvent("void", d("2026-10-21"), {"voids": 3}, 4)
    assert latest_act([*events, first]) == events[1]
    second = ClockEvent("void", d("2026-10-21"), {"voids": 2}, 5)
    clock = clock_of([*events, first, second])
    assert clock.extension_days == 0 and clock.due_on == d("2026-10-14") and clock.is_open
    assert latest_act([*events, first, second]) is None  # only the registration is left
    # Acts recorded after a void replay in order with the acts still in force.
    again = ClockEvent("extend", d("2026-10-13"), {"days": 5}, 6)
    assert clock_of([*events, first, second, again]).due_on == d("2026-10-21")
    assert effective([*events, first, second, again]) == [events[0], again]
