"""互动交流 throughput and public read latency, next to the catalogue's list page.

Creates messages through the services (submission, reply for 70 %, publication for half of those),
publishes a fifth as many catalogue items, then times the public pages people use: the list of
published messages (all, and filtered by agency and kind), a tracking page, the statistics page,
their API twins, and the catalogue list page for comparison. Prints median and p95.

    python bench/messages_bench.py                 # 2,000 messages on a temporary SQLite file
    python bench/messages_bench.py --messages 50   # tiny, for CI
    MESSAGES_BENCH_DATABASE_URL=postgres://… python bench/messages_bench.py
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import setup

TODAY = dt.date(2025, 12, 31)
BODY = "请问办理相关业务需要准备哪些材料，在哪里办理，多长时间可以办结？" * 4
REPLY = "您好！经核实，相关业务可在市民中心综合窗口办理，需携带身份证原件，一般5个工作日内办结。" * 2


def timed(label: str, function, repeat: int) -> None:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = function()
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (label, response.status_code)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    print(f"{label:<58} median {statistics.median(samples):>7.2f} ms   p95 {p95:>7.2f} ms")


def create_messages(count: int, agencies) -> list[str]:
    from gongkai.core.system import SYSTEM
    from gongkai.interaction import services

    random.seed(7)
    kinds = ["consultation", "consultation", "help", "suggestion", "complaint", "error_report"]
    codes, started, replied, published = [], time.perf_counter(), 0, 0
    for n in range(count):
        received = dt.date(2025, 1, 2) + dt.timedelta(days=random.randrange(340))
        message = services.register(
            actor=SYSTEM,
            agency=agencies[n % len(agencies)],
            channel="online",
            kind=kinds[n % len(kinds)],
            title=f"关于第{n}项业务办理的咨询",
            body=BODY,
            name="测试",
            phone="13900000000",
            publish_consent=n % 2 == 0,
            received_on=received,
            today=TODAY,
        )
        codes.append(message.tracking_code)
        if random.random() < 0.7:
            on = received + dt.timedelta(days=random.randrange(1, 12))
            message = services.reply(message, actor=SYSTEM, on=on, text=REPLY, today=TODAY)
            replied += 1
            if message.publish_consent:
                services.publish(message, actor=SYSTEM, on=on, today=TODAY)
                published += 1
    elapsed = time.perf_counter() - started
    print(f"messages: {count:,} over {len(agencies)} agencies ({replied:,} replied, {published:,} published)")
    print(f"{'submit + reply + publish through the services':<58} {count / elapsed:>9,.0f} messages/s")
    return codes


def create_items(count: int, agencies) -> None:
    from gongkai.catalog import services
    from gongkai.core.system import SYSTEM

    for n in range(count):
        item = services.create_item(
            actor=SYSTEM,
            agency=agencies[n % len(agencies)],
            title=f"关于第{n}项工作的通知",
            genre="notice",
            formed_on=dt.date(2025, 3, 3),
            body=BODY,
        )
        services.publish_item(item, actor=SYSTEM, on=dt.date(2025, 3, 10))
    print(f"catalogue items: {count:,}")


def run(count: int, repeat: int) -> None:
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from gongkai.testing import make_agency

    agencies = [make_agency(f"mb-{n}", index_prefix=f"M{n:08d}") for n in range(5)]
    codes = create_messages(count, agencies)
    create_items(max(1, count // 5), agencies)
    client = Client(SERVER_NAME="localhost")
    code = random.choice(codes)
    timed(
        "GET /interaction/messages/ (page 1 of published)",
        lambda: client.get("/interaction/messages/"),
        repeat,
    )
    timed(
        "GET /interaction/messages/?agency=&kind= (filtered)",
        lambda: client.get("/interaction/messages/", {"agency": "mb-2", "kind": "consultation"}),
        repeat,
    )
    timed(
        "GET /interaction/track/?code= (tracking page)",
        lambda: client.get("/interaction/track/", {"code": code}),
        repeat,
    )
    timed(
        "GET /interaction/statistics/?year=2025",
        lambda: client.get("/interaction/statistics/", {"year": 2025}),
        repeat,
    )
    timed("GET /api/v1/public/messages", lambda: client.get("/api/v1/public/messages"), repeat)
    timed(
        "GET /api/v1/public/messages/track/{code}",
        lambda: client.get(f"/api/v1/public/messages/track/{code}"),
        repeat,
    )
    timed(
        "GET /api/v1/public/messages/stats?year=2025&month=6",
        lambda: client.get("/api/v1/public/messages/stats", {"year": 2025, "month": 6}),
        repeat,
    )
    timed("GET /catalog/ (catalogue list page, for comparison)", lambda: client.get("/catalog/"), repeat)
    timed("GET /catalog/mb-2/ (one agency's catalogue page)", lambda: client.get("/catalog/mb-2/"), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--messages", type=int, default=int(os.environ.get("MESSAGES_BENCH_MESSAGES", "2000"))
    )
    parser.add_argument("--repeat", type=int, default=30, help="requests per timed page")
    args = parser.parse_args()
    os.environ.setdefault("GONGKAI_PLAIN_STATIC", "1")
    url = os.environ.get("MESSAGES_BENCH_DATABASE_URL")
    if url:
        setup(url)
        run(args.messages, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GONGKAI_VAR_DIR"] = tmp
        setup(f"sqlite:///{tmp}/bench.sqlite3")
        run(args.messages, args.repeat)


if __name__ == "__main__":
    main()
