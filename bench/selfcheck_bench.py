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
import itertools
import json
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
    parser.add_argument("--by-indicator", action="store_true", help="also time each indicator once")
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


def _constants(model, varying: list[str]) -> tuple[list[str], tuple]:
    """The table's other columns with their default values, prepared for the database once."""
    from django.db import connection
    from django.db.models import NOT_PROVIDED

    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.attname in varying or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = dt.datetime.now(dt.UTC)
        elif field.default is not NOT_PROVIDED:
            value = field.get_default()
        elif field.null:
            value = None
        else:
            value = field.get_default()  # "" for a CharField without a default
        value = field.get_db_prep_save(value, connection)
        if field.get_internal_type() == "JSONField" and value is not None and not isinstance(value, str):
            value = json.dumps(field.get_default())
        names.append(field.column)
        values.append(value)
    return names, tuple(values)


class Inserter:
    """Raw bulk inserts of generated rows: ``executemany`` on SQLite, ``COPY`` on PostgreSQL (an
    order of magnitude faster than ``bulk_create`` at a million rows; no signals, like it)."""

    def __init__(self, model, varying: list[str]):
        from django.db import connection

        self.connection = connection
        self.table = model._meta.db_table
        constant_names, self.constants = _constants(model, varying)
        columns = [model._meta.get_field(name).column for name in varying] + constant_names
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            # A large page cache: the inserts land all over the table's indexes.
            connection.ensure_connection()
            connection.connection.execute("PRAGMA cache_size = -262144")
            marks = ", ".join("?" * len(columns))
            table = connection.ops.quote_name(self.table)
            self.statement = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 (model names)
        else:
            self.statement = f"COPY {connection.ops.quote_name(self.table)} ({quoted}) FROM STDIN"

    def day(self, value):
        """A date as the backend's driver takes it in this path."""
        return value.isoformat() if self.sqlite and value is not None else value

    def write(self, rows) -> None:
        constants = self.constants
        self.connection.ensure_connection()
        raw = self.connection.connection
        if self.sqlite:
            raw.executemany(self.statement, (row + constants for row in rows))
            raw.commit()
            return
        with raw.cursor() as cursor, cursor.copy(self.statement) as copy:
            for row in rows:
                copy.write_row(row + constants)
        raw.commit()


def build(args, today: dt.date):
    from django.db import connection

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
    targets = [agency.pk for agency in (agencies[1:] if args.agencies == 1 else agencies)]
    columns = {(c.agency_id, c.code): c.pk for c in Column.objects.filter(agency__in=agencies)}
    values, weights = zip(*GENRES, strict=True)
    cumulative = list(itertools.accumulate(weights))
    first_id = (Item.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    items = Inserter(
        Item,
        [
            "id",
            "agency_id",
            "title",
            "genre",
            "formed_on",
            "state",
            "published_on",
            "due_on",
            "late",
            "index_no",
            "interpretation_lag",
        ],
    )
    links = Inserter(Item.columns.through, ["item_id", "column_id"])
    day = items.day
    chunk = 50000
    for begin in range(0, args.items, chunk):
        rows, pairs = [], []
        for number in range(begin, min(begin + chunk, args.items)):
            agency = targets[number % len(targets)]
            genre = rng.choices(values, cum_weights=cumulative)[0]
            formed = today - dt.timedelta(days=rng.randint(1, 700))
            draft = rng.random() < 0.01
            published = None if draft else formed + dt.timedelta(days=rng.randint(0, 40))
            rows.append(
                (
                    first_id + number,
                    agency,
                    f"基准信息{number}",
                    genre,
                    day(formed),
                    "draft" if draft else "published",
                    day(published),
                    None if draft else day(formed),
                    bool(published and (published - formed).days > 28),
                    None if draft else f"B-{number}",
                    rng.choice((1, 2, 5)) if genre == "interpretation" else None,
                )
            )
            pairs.append((first_id + number, columns[(agency, COLUMN_OF[genre])]))
        items.write(rows)
        links.write(pairs)
        print(f"  items {begin + len(rows)}", flush=True)
    applications = Inserter(
        Application,
        [
            "agency_id",
            "tracking_code",
            "channel",
            "applicant_type",
            "name",
            "phone",
            "description",
            "received_on",
            "due_on",
            "state",
            "late",
            "concluded_on",
        ],
    )
    for begin in range(0, args.applications, chunk):
        rows = []
        for number in range(begin, min(begin + chunk, args.applications)):
            received = today - dt.timedelta(days=rng.randint(1, 700))
            open_ = rng.random() < 0.02
            rows.append(
                (
                    targets[number % len(targets)],
                    f"B{number:010d}",
                    "online",
                    "natural_person",
                    "张三",
                    "13800000000",
                    f"基准申请{number}",
                    day(received),
                    day(received + dt.timedelta(days=28)),
                    "received" if open_ else "concluded",
                    not open_ and rng.random() < 0.03,
                    None if open_ else day(received + dt.timedelta(days=rng.randint(1, 35))),
                )
            )
        applications.write(rows)
        print(f"  applications {begin + len(rows)}", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the ids were given: move the sequence past them
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM catalog_item))",
                ["catalog_item"],
            )
    return government


def timed(function, repeat: int) -> tuple[float, float, object]:
    """Median wall-clock and process CPU seconds of ``repeat`` calls (the CPU time tells what the
    work costs when other jobs share the cores), and the last result."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), statistics.median(cpu), result


def by_indicator(agencies, today: dt.date) -> None:
    """Each indicator over ``agencies`` once, slowest first (values shared between indicators are
    counted with the first one that asks)."""
    from gongkai.selfcheck import registry

    rows = []
    with registry.run():
        for indicator in registry.indicators():
            start = time.perf_counter()
            answer = indicator.compute(agencies, today)
            rows.append((time.perf_counter() - start, indicator.code, sum(r.count for r in answer.values())))
    for seconds, code, count in sorted(rows, reverse=True):
        print(f"  {code:32} {seconds:7.3f} s  count {count}")


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
        # Production PostgreSQL has statistics and a visibility map (autovacuum vacuums and
        # analyzes); freshly loaded rows have neither yet.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    print(f"data ready in {time.perf_counter() - start:.1f} s ({connection.vendor})")
    department = Agency.objects.filter(parent=government).order_by("id").first()
    subtree = list(Agency.objects.subtree_of(government).filter(active=True))

    def one():
        return selectors.evaluate_all([department], today)

    def tree():
        return selectors.evaluate_all(subtree, today)

    def clocks():
        return selectors.clocks_for(subtree, today)

    start = time.perf_counter()
    tree()  # warm-up: the calendar index, the URL patterns, and texts not screened yet
    print(f"first self-check of the subtree (warm-up): {time.perf_counter() - start:.3f} s")
    seconds, cpu, reports = timed(one, args.repeat)
    print(
        f"self-check of one agency: {seconds:.3f} s, CPU {cpu:.3f} s (score {reports[department.pk].score})"
    )
    seconds, cpu, reports = timed(tree, args.repeat)
    print(f"self-check of the {len(subtree)}-agency subtree: {seconds:.3f} s, CPU {cpu:.3f} s")
    seconds, cpu, found = timed(clocks, args.repeat)
    print(f"clock list of the subtree: {seconds:.3f} s, CPU {cpu:.3f} s ({len(found)} clocks)")
    if args.by_indicator:
        print("by indicator (subtree):")
        by_indicator(subtree, today)


if __name__ == "__main__":
    main()
