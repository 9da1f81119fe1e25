"""Annual report benchmark: a year's full report over 1,000,000 applications, items and reviews.

Generates 50 agencies (a government, its departments and towns) and 1,000,000 applications
(2022–2026, with their registration events), 1,000,000 catalogue items (with their columns) and
1,000,000 review/litigation cases by bulk inserts (executemany on SQLite, COPY on PostgreSQL), then
times tables 2–4 for ``scope=tree`` over the 50 agencies. Target (domain/annual-report.md): < 1 s
on SQLite and on PostgreSQL.

    .venv/bin/python bench/reports_bench.py                       # SQLite in var/bench/
    .venv/bin/python bench/reports_bench.py --database-url postgres://postgres@127.0.0.1:5432/gk_reports_bench

The data set is kept and reused on the next run (``--fresh`` rebuilds it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEARS = (2022, 2026)
OUTCOMES_WEIGHTED = [
    ("disclosed", 40),
    ("partially_disclosed", 10),
    ("withheld.third_party", 3),
    ("withheld.process_info", 3),
    ("withheld.state_secret", 1),
    ("withheld.law_prohibited", 1),
    ("withheld.security_stability", 1),
    ("withheld.internal_affairs", 2),
    ("withheld.enforcement_file", 1),
    ("withheld.query_matter", 1),
    ("unable.not_held", 15),
    ("unable.needs_creation", 3),
    ("unable.still_unclear", 2),
    ("not_processed.petition", 2),
    ("not_processed.repeated", 2),
    ("not_processed.publication", 1),
    ("not_processed.excessive", 1),
    ("not_processed.confirm_reissue", 1),
    ("other.correction_lapsed", 3),
    ("other.fee_lapsed", 1),
    ("other.other", 6),
]
APPLICANTS_WEIGHTED = [
    ("natural_person", 70),
    ("commercial", 12),
    ("research", 3),
    ("social_welfare", 3),
    ("legal_service", 7),
    ("other_org", 5),
]
GENRES_WEIGHTED = [
    ("rule", 2),
    ("normative_document", 10),
    ("notice", 30),
    ("news", 40),
    ("plan", 5),
    ("statistics", 5),
    ("other_document", 8),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'reports.sqlite3'}")
    parser.add_argument("--items", type=int, default=1_000_000, help="catalogue items (default 1,000,000)")
    parser.add_argument("--applications", type=int, help="applications (default: as many as --items)")
    parser.add_argument(
        "--reviews", type=int, help="review and litigation cases (default: as many as --items)"
    )
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the data set")
    args = parser.parse_args()
    args.applications = args.items if args.applications is None else args.applications
    args.reviews = args.items if args.reviews is None else args.reviews
    return args


def prepare_database(url: str, fresh: bool) -> None:
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


def weighted(rng: random.Random, table, count: int) -> list[str]:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights=weights, k=count)


class Loader:
    """Fast inserts of plain rows in a model's column order: executemany (SQLite) or COPY (PostgreSQL)."""

    def __init__(self, connection):
        self.connection = connection
        if connection.vendor == "sqlite":
            # Bulk load: a large page cache keeps the secondary indexes in memory while rows arrive
            # in random index order; durability does not matter for generated data.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -1500000")
                cursor.execute("PRAGMA synchronous = OFF")

    def columns(self, model) -> list:
        return list(model._meta.local_concrete_fields)

    def defaults(self, model) -> dict:
        from django.utils import timezone

        now = timezone.now()
        values = {}
        for field in self.columns(model):
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                values[field.attname] = now
            elif field.has_default():
                values[field.attname] = field.get_default()
            elif field.null:
                values[field.attname] = None
            else:
                values[field.attname] = ""
        return values

    def insert(self, model, rows, *, batch: int = 50_000) -> None:
        """``rows`` yields dicts of attname → value; missing attnames take the field default."""
        fields = self.columns(model)
        defaults = self.defaults(model)
        names = [field.attname for field in fields]
        json_fields = {field.attname for field in fields if field.get_internal_type() == "JSONField"}
        for name in json_fields:
            defaults[name] = json.dumps(defaults[name])
        table = model._meta.db_table
        quoted = ", ".join(self.connection.ops.quote_name(field.column) for field in fields)

        def tuples():
            for row in rows:
                yield tuple(row.get(name, defaults[name]) for name in names)

        from django.db import transaction

        # One transaction per table: in autocommit mode SQLite would commit every row of executemany.
        with transaction.atomic(), self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for values in tuples():
                        copy.write_row(values)
                # table names come from the models' metadata, never from input
                sequence = (
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608
                )
                raw.execute(sequence)
            else:
                placeholders = ", ".join(["%s"] * len(fields))
                statement = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"  # noqa: S608
                chunk = []
                for values in tuples():
                    chunk.append(values)
                    if len(chunk) >= batch:
                        cursor.executemany(statement, chunk)
                        chunk = []
                if chunk:
                    cursor.executemany(statement, chunk)


def day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def make_agencies(count: int):
    from gongkai.agencies.models import Agency, AgencyKind
    from gongkai.testing import make_agency

    existing = Agency.objects.filter(code="bench-gov").first()
    if existing:
        return existing, list(
            Agency.objects.filter(path__startswith=existing.path).values_list("id", flat=True)
        )
    root = make_agency("bench-gov", name="基准测试市人民政府", kind=AgencyKind.GOVERNMENT)
    ids = [root.pk]
    towns = []
    for index in range(1, count):
        if index % 10 == 0:
            town = make_agency(
                f"bench-town-{index}", parent=root, name=f"基准测试镇{index}", kind=AgencyKind.TOWN
            )
            towns.append(town)
            ids.append(town.pk)
        else:
            parent = towns[-1] if towns and index % 10 == 5 else root
            ids.append(make_agency(f"bench-dept-{index}", parent=parent, name=f"基准测试局{index}").pk)
    return root, ids


def generate(args, agency_ids, loader) -> None:
    from django.apps import apps

    Application = apps.get_model("applications", "Application")
    Event = apps.get_model("applications", "ApplicationEvent")
    Review = apps.get_model("applications", "Review")
    Item = apps.get_model("catalog", "Item")
    Column = apps.get_model("catalog", "Column")
    rng = random.Random(2026)
    first, last = dt.date(YEARS[0], 1, 1), dt.date(YEARS[1], 12, 31)
    n = args.applications
    agencies = [rng.choice(agency_ids) for _ in range(n)]
    applicants = weighted(rng, APPLICANTS_WEIGHTED, n)
    outcomes = weighted(rng, OUTCOMES_WEIGHTED, n)
    received = [day_between(rng, first, last) if rng.random() > 0.01 else None for _ in range(n)]
    started = time.perf_counter()

    def applications():
        for index in range(n):
            on = received[index]
            concluded = None
            if on is not None and rng.random() < 0.97:
                concluded = on + dt.timedelta(days=rng.randrange(1, 45))
            yield {
                "id": index + 1,
                "agency_id": agencies[index],
                "tracking_code": f"B{index:011d}",
                "channel": "in_person" if on else "online",
                "applicant_type": applicants[index],
                "phone": "13800000000",
                "description": "基准测试申请",
                "state": "concluded" if concluded else ("received" if on else "submitted"),
                "received_on": on,
                "concluded_on": concluded,
                "outcome": outcomes[index] if concluded else "",
                "fee_amount": 100 if index % 97 == 0 else None,
            }

    loader.insert(Application, applications())

    def events():
        for index in range(n):
            on = received[index] or first
            yield {
                "id": index + 1,
                "application_id": index + 1,
                "action": "register",
                "on": on,
                "actor_label": "bench",
            }

    loader.insert(Event, events())
    print(f"  {n:,} applications and events: {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    kinds = weighted(
        rng, [("review", 6), ("litigation_direct", 3), ("litigation_after_review", 1)], args.reviews
    )
    results = ["maintained", "corrected", "other"]

    def reviews():
        for index in range(args.reviews):
            application = rng.randrange(n)
            filed = day_between(rng, first, last)
            decided = filed + dt.timedelta(days=rng.randrange(30, 200)) if rng.random() < 0.85 else None
            yield {
                "id": index + 1,
                "application_id": application + 1,
                "agency_id": agencies[application],
                "kind": kinds[index],
                "filed_on": filed,
                "decided_on": decided,
                "result": rng.choice(results) if decided else "",
            }

    loader.insert(Review, reviews())
    print(f"  {args.reviews:,} reviews: {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    genres = weighted(rng, GENRES_WEIGHTED, args.items)
    columns_of: dict[int, list[int]] = {}
    for column_id, agency_id in Column.objects.filter(agency_id__in=agency_ids).values_list(
        "id", "agency_id"
    ):
        columns_of.setdefault(agency_id, []).append(column_id)
    item_agencies = [rng.choice(agency_ids) for _ in range(args.items)]

    def items():
        for index in range(args.items):
            published = day_between(rng, dt.date(2015, 1, 1), last)
            abolished = None
            if genres[index] in ("rule", "normative_document") and rng.random() < 0.15:
                abolished = published + dt.timedelta(days=rng.randrange(30, 2000))
            yield {
                "id": index + 1,
                "agency_id": item_agencies[index],
                "title": f"基准测试文件{index}",
                "genre": genres[index],
                "formed_on": published,
                "state": "published",
                "index_no": f"BENCH-{index:09d}",
                "published_on": published,
                "abolished_on": abolished,
                "validity": "abolished" if abolished else "valid",
            }

    loader.insert(Item, items())
    Through = Item.columns.through

    def links():
        for index in range(args.items):
            yield {
                "id": index + 1,
                "item_id": index + 1,
                "column_id": rng.choice(columns_of[item_agencies[index]]),
            }

    loader.insert(Through, links())
    print(f"  {args.items:,} items and their columns: {time.perf_counter() - started:.1f} s", flush=True)


def analyze(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in (
                "applications_application",
                "applications_applicationevent",
                "applications_review",
                "catalog_item",
                "catalog_item_columns",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute("ANALYZE")


def timed(function, repeat: int):
    """Best and median wall time, and the best CPU time of this process (the machine is shared:
    the CPU time shows what the database work itself costs when the database runs in-process)."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return min(times), statistics.median(times), min(cpu), result


def main() -> int:
    args = parse_args()
    prepare_database(args.database_url, args.fresh)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.agencies.models import Agency
    from gongkai.reports import figures

    if not apps.all_models["applications"] or not apps.all_models["catalog"]:
        print("applications/catalogue models are not installed; nothing to measure")
        return 0
    call_command("migrate", verbosity=0)
    Application = apps.get_model("applications", "Application")
    root, agency_ids = make_agencies(args.agencies)
    if Application.objects.count() < args.applications:
        print(f"Generating on {connection.vendor} ({len(agency_ids)} agencies) …", flush=True)
        generate(args, agency_ids, Loader(connection))
        analyze(connection)
    print(
        f"{connection.vendor}: {Application.objects.count():,} applications, "
        f"{apps.get_model('catalog', 'Item').objects.count():,} items, "
        f"{apps.get_model('applications', 'Review').objects.count():,} reviews, {len(agency_ids)} agencies"
    )
    year = args.year
    with CaptureQueriesContext(connection) as queries:
        figures.live_tables(root, year, "tree")
    best, median, cpu, document = timed(lambda: figures.live_tables(root, year, "tree"), args.repeat)
    rows = document["applications"]["rows"]
    print(
        f"tables 2–4, scope=tree, {year}: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms, "
        f"process CPU {cpu * 1000:.0f} ms ({len(queries)} queries) "
        f"{'OK' if best < 1 else 'SLOWER THAN 1 s TARGET'}"
    )
    print(
        f"  new {rows['new']['total']:,}, carried over {rows['carried_over']['total']:,}, "
        f"concluded {rows['concluded_total']['total']:,}, carried forward {rows['carried_forward']['total']:,}, "
        f"checks {'passed' if all(check['passed'] for check in document['checks']) else 'FAILED'}"
    )
    best, median, cpu, _ = timed(lambda: figures.live_report(root, year, "tree"), args.repeat)
    print(
        f"full live report (with fees, monthly chart, columns), scope=tree: best {best * 1000:.0f} ms, "
        f"median {median * 1000:.0f} ms, process CPU {cpu * 1000:.0f} ms"
    )
    department = Agency.objects.get(code="bench-dept-1")
    best, median, cpu, _ = timed(lambda: figures.live_tables(department, year, "agency"), args.repeat)
    print(
        f"tables 2–4, one department: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms, "
        f"process CPU {cpu * 1000:.0f} ms"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
