"""Deadline arithmetic throughput: add(D, N) and count(D1, D2) over the seeded national calendar.

Prints computations per second for the pure index and for the database-backed calendar a service
uses (one revision check per `workdays()` call, then in-memory bisection).
"""

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
    print(f"{label:<58} {calls / elapsed:>12,.0f} /s   ({elapsed * 1e6 / calls:.2f} µs each)")


def main() -> None:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--items", type=int, default=200_000, help="calls per pure measurement (default 200000)"
    )
    calls = parser.parse_args().items
    with tempfile.TemporaryDirectory() as tmp:
        setup(f"sqlite:///{tmp}/bench.sqlite3")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from gongkai.workdays.selectors import build_calendar, workdays

        random.seed(7)
        starts = [dt.date(2004, 1, 1) + dt.timedelta(days=random.randrange(8000)) for _ in range(10_000)]
        spans = [random.randint(1, 40) for _ in range(10_000)]
        started = time.perf_counter()
        calendar = build_calendar()
        print(
            f"index build: {len(calendar._ordinals):,} working days over {len(calendar.confirmed_years)} years "
            f"in {(time.perf_counter() - started) * 1000:.1f} ms"
        )

        def pure_add(n):
            for i in range(n):
                calendar.add(starts[i % 10_000], spans[i % 10_000])

        def pure_count(n):
            for i in range(n):
                calendar.count(starts[i % 10_000], starts[(i + 1) % 10_000])

        service_calendar = workdays()

        def held_add(n):
            for i in range(n):
                service_calendar.add(starts[i % 10_000], 20 + spans[i % 10_000])

        def fetched_add(n):
            for i in range(n):
                workdays().add(starts[i % 10_000], 20)

        rate("add(D, N) — pure index", pure_add, calls)
        rate("count(D1, D2) — pure index", pure_count, calls)
        rate("add(D, N) — calendar held by a service (domain errors)", held_add, calls)
        rate("add(D, N) — workdays() fetched per call (1 query each)", fetched_add, max(1, calls // 40))


if __name__ == "__main__":
    main()
