"""Import throughput: a synthetic set of documents and a metadata sheet through ``import_items``' path.

The set is generated from the samples' own vocabulary (sentences of the five sample reports, real
机关代字, every bracket variant of the 发文字号, some damaged numbers, dates in Arabic and Chinese
numerals, a signature block). Prints, per backend, items/s end to end (read the sheet, read and
extract each file, clean and screen, insert with 索引号 and audit events, index for search) of the
bulk path (``catalog.bulk_import``: batches, worker processes) and of the single-item path
(``import_candidate``: one transaction per item) on the same kind of set, and the bulk path's
seconds per stage: parse and screen are CPU seconds of the workers, insert and index wall seconds.
Items are published (screening and indexing happen at publication); ``--drafts`` imports drafts.

    .venv/bin/python bench/import_bench.py [--items 10000] [--single-items 1000] [--backend both]
        [--workers 2] [--batch-size 500] [--drafts] [--database-url URL]

Each backend runs in its own process on a fresh database: a temporary SQLite file, and the
PostgreSQL database of ``IMPORT_BENCH_PG_URL`` (default ``…/gk_import_bench``, dropped and created).
"""

import argparse
import contextlib
import csv
import datetime as dt
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import ROOT, sample_text, setup

PG_URL = os.environ.get("IMPORT_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gk_import_bench")

CODES = ["娄政办函", "浙府法发", "国办函", "漳芗外经贸", "迎政办", "湘政发", "什府發", "市经信委发"]
BRACKETS = ["〔〕", "〔〕", "〔〕", "[]", "［］", "（）", "【】"]
ISSUERS = ["测试市人民政府办公室", "测试市经济和信息化委员会", "测试市外经贸局", "测试区人民政府"]
SUBJECTS = [
    "政务公开工作要点",
    "政府信息公开整改提升月活动",
    "互联网+政务服务工作",
    "重点领域信息公开",
    "政务服务标准化建设",
]
ACTS = ["关于印发{}的通知", "关于开展{}的通知", "关于做好{}的意见", "{}实施方案", "关于{}的报告"]
GENRES = ["通知公告", "其他文件", "规划计划", "工作动态", "other_document", "notice"]
CHINESE_DIGITS = "〇一二三四五六七八九"


def sentences() -> list[str]:
    text = sample_text()
    found = [s.strip() for s in re.split(r"(?<=[。；！？])", text) if 20 <= len(s.strip()) <= 160]
    return [s for s in found if "\n" not in s]


def chinese_date(on: dt.date) -> str:
    def small(number: int) -> str:
        tens, units = divmod(number, 10)
        return ("" if not tens else "十" if tens == 1 else CHINESE_DIGITS[tens] + "十") + (
            CHINESE_DIGITS[units] if units else ""
        )

    year = "".join(CHINESE_DIGITS[int(d)] for d in str(on.year))
    return f"{year}年{small(on.month)}月{small(on.day)}日"


def document(rng: random.Random, pool: list[str], serial: int) -> tuple[str, str]:
    formed = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3000))
    code, brackets = rng.choice(CODES), rng.choice(BRACKETS)
    number = f"{code}{brackets[0]}{formed.year}{brackets[1]}{serial}号"
    if rng.random() < 0.05:
        number = f"{code}〔{formed.year}{serial}号"  # damaged: closing bracket lost
    title = rng.choice(ACTS).format(rng.choice(SUBJECTS)) + f"（第{serial}号）"
    paragraphs = [" ".join(rng.sample(pool, 3)) for _ in range(rng.randint(3, 8))]
    date = chinese_date(formed) if rng.random() < 0.3 else f"{formed.year}年{formed.month}月{formed.day}日"
    body = "\n\n".join([number, title, "各有关单位：", *paragraphs, rng.choice(ISSUERS), date])
    return title, body


def build(folder: Path, items: int) -> Path:
    rng = random.Random(20260105)
    pool = sentences()
    sheet = folder / "items.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["文件", "体裁分类", "关键词"])
        for serial in range(1, items + 1):
            _, text = document(rng, pool, serial)
            name = f"doc{serial:05d}.txt"
            encoding = "gb18030" if serial % 4 == 0 else "utf-8"
            (folder / name).write_bytes(text.encode(encoding, errors="replace"))
            writer.writerow([name, rng.choice(GENRES), "政务公开,信息公开"])
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="items through the bulk path")
    parser.add_argument(
        "--single-items", type=int, default=None, help="items through the single path (default: items/10)"
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--database-url", default="", help="run here (one backend), on this database")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="0: parse in this process")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--drafts", action="store_true", help="import drafts (no screening, no index)")
    parser.add_argument("--publish", action="store_true", help="publish (the default; kept for old commands)")
    args = parser.parse_args()
    if args.single_items is None:
        args.single_items = max(1, args.items // 10)
    if args.database_url:
        run_database(args)
        return
    each_backend(__file__, args.backend, "import_bench.sqlite3", PG_URL)


def each_backend(script: str, backend: str, sqlite_name: str, pg_url: str) -> None:
    """Run ``script`` again per backend with ``--database-url`` (a fresh database each time)."""
    backends = ["sqlite", "postgresql"] if backend == "both" else [backend]
    with tempfile.TemporaryDirectory() as tmp:
        for name in backends:
            url = f"sqlite:///{tmp}/{sqlite_name}" if name == "sqlite" else pg_url
            if name == "postgresql" and not _recreate_postgres(url):
                print("\n== postgresql: not reachable, skipped")
                continue
            print(f"\n== {name}", flush=True)
            command = [sys.executable, "-u", script, *sys.argv[1:], "--database-url", url]
            try:
                subprocess.run(command, check=True, cwd=ROOT)
            finally:
                if name == "postgresql":
                    _recreate_postgres(url, create=False)


def _recreate_postgres(url: str, create: bool = True) -> bool:
    """Drop (and create) the benchmark database: it holds nothing else."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            if create:
                admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return False
    return True


def run_database(args) -> None:
    setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from gongkai.agencies.models import Agency, AgencyKind

    publish = not args.drafts
    what = "published" if publish else "drafts"
    print(f"{connection.vendor}: {what}, {args.workers} workers, batches of {args.batch_size}")
    for label, size, bulk in (("bulk", args.items, True), ("single", args.single_items, False)):
        if size <= 0:
            continue
        code = f"bench-{label}"
        agency = Agency.objects.create(
            code=code,
            name=f"测试市{label}办公室",
            kind=AgencyKind.GOVERNMENT,
            index_prefix=f"00000000{int(bulk)}",
        )
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            sheet = build(Path(tmp), size)
            print(f"synthetic set: {size:,} documents + sheet in {time.perf_counter() - started:.1f} s")
            (run_bulk if bulk else run_single)(sheet, agency, args, publish)


def run_bulk(sheet: Path, agency, args, publish: bool) -> None:
    from gongkai.catalog.bulk_import import Stages, bulk_import
    from gongkai.catalog.import_candidates import sheet_sources
    from gongkai.core.system import SYSTEM

    today = dt.date(2026, 11, 30)
    stages = Stages()
    server = server_cpu()
    machine = machine_cpu()
    clock = Clock()
    sources, _ = sheet_sources(sheet, genre="other", today=today)
    results = list(
        bulk_import(
            sources,
            actor=SYSTEM,
            agency=agency,
            publish=publish,
            today=today,
            workers=args.workers,
            batch_size=args.batch_size,
            stages=stages,
        )
    )
    wall, cpu = clock.lap()
    created = sum(result.status == "created" for _, result in results)
    report("bulk path, end to end", created, wall, cpu, f"{created:,} of {len(results):,} in {wall:.1f} s")
    if server is not None:
        spent = server_cpu() - server
        print(f"  database server process CPU: {spent:.2f} s, {1000 * spent / max(1, created):.2f} ms/item")
    if machine is not None:
        busy, total = (after - before for after, before in zip(machine_cpu(), machine, strict=True))
        cores = os.cpu_count() or 1
        print(
            f"  whole machine: {100 * busy / max(1, total):.0f} % of {cores} cores busy, "
            f"{1000 * cores * wall * busy / max(1, total) / max(1, created):.2f} ms of CPU per item (every process)"
        )
    for label, seconds, kind in (
        ("  parse (read + extract)", stages.parse, "CPU s in workers"),
        ("  screen (clean, detectors, forms)", stages.screen, "CPU s in workers"),
        ("  insert (items, 索引号, audit)", stages.insert, "wall s"),
        ("  index (search)", stages.index, "wall s"),
    ):
        rate = f"{len(results) / seconds:>8,.0f} items/s" if seconds else f"{'—':>8} items/s"
        print(
            f"{label:<34} {rate}   ({seconds:.2f} {kind}, {1000 * seconds / max(1, len(results)):.2f} ms/item)"
        )
    # A wait, not a stage with a rate: the merge beside the writer usually has nothing left at the end.
    print(f"{'  last merge of the index (wait)':<34} {stages.merge:>8.2f} s")
    for batch in stages.batches_retried:
        print(f"  batch written one by one: {batch}")


def run_single(sheet: Path, agency, args, publish: bool) -> None:
    from gongkai.catalog.import_candidates import prepare_sheet_path
    from gongkai.catalog.import_creation import CREATED, import_candidate, imported_keys
    from gongkai.core.system import SYSTEM

    today = dt.date(2026, 11, 30)
    clock = Clock()
    candidates, _ = prepare_sheet_path(sheet, genre="other", today=today)
    read, read_cpu = clock.lap()
    known = imported_keys(agency)
    outcomes = [
        import_candidate(c, actor=SYSTEM, agency=agency, publish=publish, today=today, known=known)
        for c in candidates
    ]
    write, write_cpu = clock.lap()
    created = sum(outcome.status == CREATED for outcome in outcomes)
    report("single path, end to end", created, read + write, read_cpu + write_cpu, f"{read + write:.1f} s")
    report("  read + extract", len(candidates), read, read_cpu, "one process")
    report("  create (+ publish, index)", created, write, write_cpu, "one transaction per item")


def server_cpu() -> float | None:
    """CPU seconds of this connection's PostgreSQL server process, when it runs on this machine."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def machine_cpu() -> tuple[int, int] | None:
    """Busy and total jiffies of all cores (``/proc/stat``), where there is one."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return None
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


class Clock:
    """Wall and CPU time of this process: on a shared machine the CPU figure is the steadier one."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        result = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return result


def report(label: str, count: int, wall: float, cpu: float, note: str) -> None:
    per_cpu = f"{count / cpu:,.0f}" if cpu else "—"
    print(
        f"{label:<34} {count / wall:>8,.0f} items/s   ({note}; {per_cpu} items per CPU second of this process)"
    )


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
