"""Statutory-clock throughput: the full due-date computation over realistic event lists.

Prints clocks per second for the pure `clock.compute` over event lists like those of real
applications (receipt, correction, consultations, fee wait, extension, reply), for the full
GET-detail path (events from the database + clock + presentation), and for rebuilding the cache
columns of many applications (`rebuild_application_clocks`).
"""

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import setup


def rate(label: str, function, calls: int) -> None:
    started = time.perf_counter()
    function(calls)
    elapsed = time.perf_counter() - started
    print(f"{label:<58} {calls / elapsed:>12,.0f} /s   ({elapsed * 1e6 / calls:.1f} µs each)")


def event_lists(calendar, count: int):
    from gongkai.applications.clock import ClockEvent

    lists = []
    first = dt.date(2024, 1, 2).toordinal()
    for _ in range(count):
        received = dt.date.fromordinal(first + random.randrange(800))
        events = [ClockEvent("register", received, {"received": True})]
        day = received
        shape = random.random()
        if shape < 0.15:  # correction, then restart
            day = calendar.add(day, random.randint(1, 7))
            events.append(ClockEvent("request_correction", day, {"respond_within_days": 15}))
            day = calendar.add(day, random.randint(1, 15))
            events.append(ClockEvent("receive_correction", day, {}))
        if shape > 0.5:  # one or two consultations
            for _ in range(random.randint(1, 2)):
                day = calendar.add(day, random.randint(1, 5))
                events.append(ClockEvent("start_consultation", day, {"third_party": "x"}))
                day = calendar.add(day, random.randint(1, 15))
                events.append(ClockEvent("end_consultation", day, {}))
        if shape > 0.8:  # fee wait
            day = calendar.add(day, 1)
            events.append(ClockEvent("fee_notice", day, {"method": "per_page", "amount": "700.00"}))
            day = calendar.add(day, random.randint(1, 20))
            events.append(ClockEvent("fee_paid", day, {}))
        if shape > 0.9:
            events.append(ClockEvent("extend", day, {"days": 20}))
        if random.random() < 0.7:
            day = calendar.add(day, random.randint(1, 25))
            events.append(ClockEvent("reply", day, {"outcome": "disclosed"}))
        lists.append(events)
    return lists


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--items", type=int, default=2_000, help="applications in the database (default 2000)"
    )
    size = parser.parse_args().items
    with tempfile.TemporaryDirectory() as tmp:
        setup(f"sqlite:///{tmp}/bench.sqlite3")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from gongkai.applications import stored_clock
        from gongkai.applications.clock import compute
        from gongkai.applications.models import Application, ApplicationEvent
        from gongkai.applications.presenters import detail
        from gongkai.testing import make_agency
        from gongkai.workdays.selectors import workdays

        random.seed(11)
        calendar = workdays()
        lists = event_lists(calendar, max(size, 5_000 * size // 2_000))
        average = sum(map(len, lists)) / len(lists)
        print(f"event lists: {len(lists):,}, {average:.1f} events each on average")

        def pure(n):
            for i in range(n):
                compute(lists[i % len(lists)], calendar)

        rate("clock.compute (pure, events in memory)", pure, 25 * size)

        agency = make_agency("bench", name="测试机构")
        applications = []
        for number, events in enumerate(lists[:size]):
            application = Application.objects.create(
                agency=agency,
                tracking_code=f"B{number:011d}",
                channel="in_person",
                applicant_type="natural_person",
                phone="13800000000",
                description="x",
            )
            ApplicationEvent.objects.bulk_create(
                ApplicationEvent(application=application, action=e.action, on=e.on, data=dict(e.data))
                for e in events
            )
            applications.append(application)

        def with_queries(n):
            for i in range(n):
                stored_clock.clock_for(applications[i % len(applications)], calendar)

        rate("clock_for (events read from the database + compute)", with_queries, 5 * size // 2)
        today = dt.date(2026, 11, 30)

        def details(n):
            for i in range(n):
                detail(applications[i % len(applications)], today)

        rate("GET-detail presentation (events, clock, explanation)", details, size)
        started = time.perf_counter()
        seen, _changed = stored_clock.rebuild_all()
        elapsed = time.perf_counter() - started
        print(f"{'rebuild_application_clocks':<58} {seen / elapsed:>12,.0f} /s   ({seen:,} applications)")


if __name__ == "__main__":
    main()
