"""Random histories through the rules: whatever `lifecycle` accepts leaves a consistent clock."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.applications.clock import ClockEvent, compute
from gongkai.applications.lifecycle import Refused, check
from gongkai.applications.tests.calendars import CALENDAR

TODAY = dt.date(2026, 12, 31)
PAUSE_STATES = {"correction_requested", "in_consultation", "awaiting_fee"}
DATA = {
    "request_correction": {"items": ["x"], "respond_within_days": 10},
    "start_consultation": {"third_party": "x"},
    "extend": {"days": 10, "reason": "r"},
    "fee_notice": {"method": "per_page", "amount": "10.00"},
    "reply": {"outcome": "disclosed"},
}
ACTIONS = [
    "confirm_receipt",
    "request_correction",
    "receive_correction",
    "correction_lapsed",
    "start_consultation",
    "end_consultation",
    "extend",
    "fee_notice",
    "fee_paid",
    "fee_lapsed",
    "reply",
    "withdraw",
]

steps = st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 12)), max_size=14)


@settings(max_examples=300, deadline=None)
@given(start=st.dates(dt.date(2024, 1, 2), dt.date(2026, 6, 30)), history=steps)
def test_accepted_histories_keep_the_clock_consistent(start, history):
    events = [ClockEvent("submit", start, {})]
    day = start
    for action, gap in history:
        day = day + dt.timedelta(days=gap)
        data = DATA.get(action, {})
        try:
            check(compute(events, CALENDAR), action, day, today=TODAY, calendar=CALENDAR, data=data)
        except Refused:
            continue
        events.append(ClockEvent(action, day, data))
        clock = compute(events, CALENDAR)
        assert clock.paused == (clock.state in PAUSE_STATES)
        assert (clock.state == "concluded") == bool(clock.outcome)
        if clock.state == "received":
            expected = 20 + clock.extension_days + clock.paused_days
            assert CALENDAR.count(clock.restarted_on, clock.due_on) == expected
            assert clock.due_on >= CALENDAR.add(clock.restarted_on, 20)
        if clock.state in PAUSE_STATES or clock.state == "submitted":
            assert clock.due_on is None
        if clock.late:
            assert clock.concluded_on > clock.due_on
