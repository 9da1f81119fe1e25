"""Reindex throughput: ``manage.py reindex --clear`` over N published catalogue items.

The items (import_bench's synthetic documents: sample sentences, 文号, dates, ~1,600 characters)
are written straight into the catalogue tables by bulk inserts, not through the services: what is
measured is the rebuild of the search index from them (read the items, build the entries,
normalise and segment, write documents, texts and the backend's structures, then the GIN index on
PostgreSQL). Prints items/s for the whole run and the seconds of the final index build.

    .venv/bin/python bench/reindex_bench.py [--items 20000] [--backend both] [--workers N]
        [--batch-size 500] [--database-url URL] [--reuse]

Each backend runs in its own process on a fresh database: a temporary SQLite file, and the
PostgreSQL database of ``REINDEX_BENCH_PG_URL`` (default ``…/gk_reindex_bench``, dropped and
created). With ``--database-url`` and ``--reuse``, items already there are kept (only missing
ones are added) and the database is not dropped: a large set is generated once.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import setup
from import_bench import document, each_backend, sentences

PG_URL = os.environ.get("REINDEX_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gk_reindex_bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--reuse", action="store_true", help="with --database-url: keep the items there")
    parser.add_argument("--workers", type=int, default=None, help="reindex --workers (default: its own)")
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()
    if args.database_url:
        run(args)
        return
    each_backend(__file__, args.backend, "reindex_bench.sqlite3", PG_URL)


def generate(items: int) -> tuple[int, float]:
    """Published items up to ``items`` (bulk inserts); returns (items added, seconds)."""
    from gongkai.agencies.models import Agency, AgencyKind
    from gongkai.catalog.models import Item

    agency = Agency.objects.filter(code="bench").first() or Agency.objects.create(
        code="bench", name="测试市人民政府办公室", kind=AgencyKind.GOVERNMENT, index_prefix="000000001"
    )
    have = Item.objects.filter(agency=agency).count()
    started = time.perf_counter()
    rng, pool = random.Random(20261205 + have), sentences()
    for start in range(have, items, 5_000):
        batch = []
        for serial in range(start + 1, min(items, start + 5_000) + 1):
            title, body = document(rng, pool, serial)
            on = dt.date(2016, 1, 1) + dt.timedelta(days=serial % 3_000)
            batch.append(
                Item(
                    agency=agency,
                    title=title,
                    genre="notice",
                    body="".join(f"<p>{line}</p>" for line in body.split("\n") if line),
                    body_text=body,
                    formed_on=on,
                    published_on=on,
                    state="published",
                    index_no=f"{agency.index_prefix}/{serial:09d}",
                    source=agency.name,
                    publication_modes=["website"],
                )
            )
        Item.objects.bulk_create(batch)
    return max(0, items - have), time.perf_counter() - started


def run(args) -> None:
    setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    added, seconds = generate(args.items)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{connection.vendor}: {args.items:,} published items ({added:,} generated in {seconds:.1f} s)")
    options = ["--clear", "--batch-size", str(args.batch_size)]
    if args.workers is not None:
        options += ["--workers", str(args.workers)]
    started, cpu = time.perf_counter(), time.process_time()
    call_command("reindex", *options, verbosity=1)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"reindex --clear {' '.join(options[1:])}: {args.items / wall:,.0f} items/s "
        f"({args.items:,} in {wall:.1f} s; {cpu:.1f} CPU s in this process)"
    )
    if connection.vendor == "postgresql":
        print(
            f"1,000,000 items at this rate: {1_000_000 / (args.items / wall) / 60:.0f} min (linear extrapolation)"
        )


if __name__ == "__main__":
    main()
