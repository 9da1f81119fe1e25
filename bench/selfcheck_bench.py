"""Self-check benchmark: one agency's self-check, and a subtree's, over generated records.

Generates ``--agencies`` agencies (a government and its departments; default columns each),
``--items`` catalogue items (mostly published, some late, some drafts, policies with and without
解读, spread over the columns) and ``--applications`` applications (mostly concluded, some late, some
open around the day checked) by bulk inserts, then times ``selfcheck`` for one department
(scope ``agency``) and for the government's subtree (scope ``tree``), and the clock list.

Targets (issue 17): one agency with 1,000 items and 1,000 applications < 1 s; a 50-agency subtree
with 1M applications and 1M items < 5 s, on SQLite and PostgreSQL:

    .venv/bin/python bench/selfcheck_bench.py --items 1000 --applications 1000 --agencies 1
    .venv/bin/python bench/selfcheck_bench.py --items 1000000 --agencies 50 \
        --database-url postgres://postgres@127.0.0.1:5432/gk_selfcheck_bench

The data set is kept in the database and reused (``--fresh`` rebuilds it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GENRES = [
    ("news", 40),
    ("notice", 30),
    ("normative_document", 10),
    ("rule", 2),
    ("plan", 5),
    ("statistics", 5),
    ("interpretation", 8),
]
COLUMN_OF = {
    "news": "news",
    "notice": "notice",
    "normative_document": "art20-01",
    "rule": "art20-01",
    "plan": "art20-03",
    "statistics": "art20-04",
    "interpretation": "interpretation",
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'selfcheck.sqlite3'}")
    parser.add_argument("--items", type=int, default=1000, help="catalogue items in all (default 1,000)")
    parser.add_argument("--applications", type=int, help="applications in all (default: as many as --items)")
    parser.add_argument("--agencies", type=int, default=1, help="agencies: 1 = a single department (default)")
    parser.add_argument("--today", default="2026-11-30")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the data set")
    args = parser.parse_args()
    args.applications = args.items if args.applications is None else args.applications
    return args


def prepare(url: str, fresh: bool) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh and path.exists():
            path.unlink()
        return
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            connection.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            exists = None
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def build(args, today: dt.date):
    from gongkai.agencies import services as agency_services
    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application
    from gongkai.catalog.models import Column, Item
    from gongkai.core.system import SYSTEM

    if Agency.objects.filter(code="bench-gov").exists():
        return Agency.objects.get(code="bench-gov")
    rng = random.Random(17)
    government = agency_services.create_agency(
        actor=SYSTEM, code="bench-gov", name="基准市人民政府", kind="government", index_prefix="B0"
    )
    agencies = [government] + [
        agency_services.create_agency(
            actor=SYSTEM, code=f"bench-{n}", name=f"基准市第{n}局", parent=government, index_prefix=f"B{n}"
        )
        for n in range(1, max(args.agencies, 2))
    ]
    # --agencies 1: every record at the one department (the government stays empty).
    targets = agencies[1:] if args.agencies == 1 else agencies
    columns = {(c.agency_id, c.code): c.pk for c in Column.objects.filter(agency__in=agencies)}
    values, weights = zip(*GENRES, strict=True)
    through = Item.columns.through
    batch, links, made = [], [], 0
    first_id = (Item.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    for number in range(args.items):
        agency = targets[number % len(targets)]
        genre = rng.choices(values, weights)[0]
        formed = today - dt.timedelta(days=rng.randint(1, 700))
        draft = rng.random() < 0.01
        published = None if draft else formed + dt.timedelta(days=rng.randint(0, 40))
        batch.append(
            Item(
                id=first_id + number,
                agency_id=agency.pk,
                title=f"基准信息{number}",
                genre=genre,
                formed_on=formed,
                state="draft" if draft else "published",
                published_on=published,
                due_on=None if draft else formed,
                late=bool(published and (published - formed).days > 28),
                index_no=None if draft else f"B-{number}",
                interpretation_lag=rng.choice([1, 2, 5]) if genre == "interpretation" else None,
            )
        )
        links.append(through(item_id=first_id + number, column_id=columns[(agency.pk, COLUMN_OF[genre])]))
        if len(batch) == 5000:
            Item.objects.bulk_create(batch)
            through.objects.bulk_create(links)
            made += len(batch)
            batch, links = [], []
            print(f"  items {made}", flush=True)
    Item.objects.bulk_create(batch)
    through.objects.bulk_create(links)
    batch = []
    for number in range(args.applications):
        agency = targets[number % len(targets)]
        received = today - dt.timedelta(days=rng.randint(1, 700))
        open_ = rng.random() < 0.02
        due = received + dt.timedelta(days=28)
        batch.append(
            Application(
                agency_id=agency.pk,
                tracking_code=f"B{number:010d}",
                channel="online",
                applicant_type="natural_person",
                name="张三",
                phone="13800000000",
                description=f"基准申请{number}",
                received_on=received,
                due_on=due,
                state="received" if open_ else "concluded",
                late=not open_ and rng.random() < 0.03,
                concluded_on=None if open_ else received + dt.timedelta(days=rng.randint(1, 35)),
            )
        )
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    return government


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    args = parse_args()
    prepare(args.database_url, args.fresh)
    import _django

    _django.setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.core import reference
    from gongkai.selfcheck import selectors

    call_command("migrate", verbosity=0)
    reference.ensure()
    today = dt.date.fromisoformat(args.today)
    start = time.perf_counter()
    government = build(args, today)
    if connection.vendor == "postgresql":
        # Production PostgreSQL has statistics (autovacuum analyzes); freshly loaded rows do not yet.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"data ready in {time.perf_counter() - start:.1f} s ({connection.vendor})")
    department = Agency.objects.filter(parent=government).order_by("id").first()
    subtree = list(Agency.objects.subtree_of(government).filter(active=True))

    def one():
        return selectors.evaluate_all([department], today)

    def tree():
        return selectors.evaluate_all(subtree, today)

    def clocks():
        return selectors.clocks_for(subtree, today)

    tree()  # warm-up: the calendar index and the URL patterns are built once per process
    seconds, reports = timed(one, args.repeat)
    print(f"self-check of one agency: {seconds:.3f} s (score {reports[department.pk].score})")
    seconds, reports = timed(tree, args.repeat)
    print(f"self-check of the {len(subtree)}-agency subtree: {seconds:.3f} s")
    seconds, found = timed(clocks, args.repeat)
    print(f"clock list of the subtree: {seconds:.3f} s ({len(found)} clocks)")


if __name__ == "__main__":
    main()
