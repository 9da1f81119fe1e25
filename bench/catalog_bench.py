"""Catalogue throughput: publication (screening + gap-free 索引号 + Art. 26 clock) and public reads.

Runs on a temporary SQLite database, or on PostgreSQL when CATALOG_BENCH_DATABASE_URL is set.
Prints publications per second, and latency of the public list, filtered list and detail by 索引号.
"""

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import setup

BODY = "各有关单位：\n" + "为进一步推进政务公开工作，现就有关事项通知如下。" * 40


def timed(label: str, function, repeat: int) -> None:
    started = time.perf_counter()
    for _ in range(repeat):
        function()
    elapsed = (time.perf_counter() - started) / repeat
    print(f"{label:<60} {elapsed * 1000:>9.2f} ms")


def run(items: int) -> None:
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from gongkai.catalog import services
    from gongkai.catalog.models import Item
    from gongkai.core.system import SYSTEM
    from gongkai.testing import make_agency

    agencies = [make_agency(f"bench-{n}", index_prefix=f"B{n:08d}") for n in range(5)]
    random.seed(3)
    genres = ["notice", "news", "normative_document", "plan", "statistics"]
    drafts = []
    started = time.perf_counter()
    for n in range(items):
        formed = dt.date(2024, 1, 2) + dt.timedelta(days=random.randrange(300))
        drafts.append(
            services.create_item(
                actor=SYSTEM,
                agency=agencies[n % 5],
                title=f"关于第{n}项工作的通知",
                genre=genres[n % 5],
                formed_on=formed,
                body=BODY,
            )
        )
    created = time.perf_counter() - started
    started = time.perf_counter()
    for item in drafts:
        services.publish_item(item, actor=SYSTEM, on=item.formed_on + dt.timedelta(days=10))
    published = time.perf_counter() - started
    print(f"items: {items:,} over 5 agencies, body {len(BODY)} characters")
    print(f"{'create_item':<60} {items / created:>9,.0f} /s")
    print(f"{'publish_item (screening, 索引号, clock, audit)':<60} {items / published:>9,.0f} /s")
    client = Client(SERVER_NAME="localhost")
    index_no = Item.objects.public().order_by("?").values_list("index_no", flat=True).first()
    timed("GET /api/v1/items (first page of all)", lambda: client.get("/api/v1/items"), 20)
    timed(
        "GET /api/v1/items?agency=&genre=&year= (filtered)",
        lambda: client.get("/api/v1/items", {"agency": "bench-2", "genre": "news", "year": 2024}),
        20,
    )
    timed("GET /api/v1/items/{index_no}", lambda: client.get(f"/api/v1/items/{index_no}"), 50)
    timed("GET /catalog/items/{index_no}/ (page)", lambda: client.get(f"/catalog/items/{index_no}/"), 50)
    timed(
        "GET /catalog/bench-2/news/?year=2024 (page)",
        lambda: client.get("/catalog/bench-2/news/", {"year": 2024}),
        20,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=int(os.environ.get("CATALOG_BENCH_ITEMS", "2000")))
    items = parser.parse_args().items
    os.environ.setdefault("GONGKAI_PLAIN_STATIC", "1")
    url = os.environ.get("CATALOG_BENCH_DATABASE_URL")
    if url:
        setup(url)
        run(items)
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GONGKAI_VAR_DIR"] = tmp
        setup(f"sqlite:///{tmp}/bench.sqlite3")
        run(items)


if __name__ == "__main__":
    main()
