"""Import throughput: a synthetic set of documents and a metadata sheet through ``import_items``' path.

The set is generated from the samples' own vocabulary (sentences of the five sample reports, real
机关代字, every bracket variant of the 发文字号, some damaged numbers, dates in Arabic and Chinese
numerals, a signature block). Prints extraction items/s (pure) and import items/s (read sheet, extract,
``create_item`` per item in its own transaction) on DATABASE_URL — a throwaway test database is created
there and dropped afterwards (a temporary SQLite file by default).

    .venv/bin/python bench/import_bench.py [--items 10000] [--publish]
"""

import argparse
import csv
import datetime as dt
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import sample_text, setup

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
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--publish", action="store_true", help="also publish each item (screening, 索引号)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        setup(os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3")
        from django.db import connection

        started = time.perf_counter()
        sheet = build(folder, args.items)
        print(f"synthetic set: {args.items:,} documents + sheet in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "sqlite":  # a file in the temporary folder, as a deployment would use
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            run(sheet, args)
            return
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            run(sheet, args)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def run(sheet: Path, args) -> None:
    from django.db import connection

    from gongkai.agencies.models import Agency, AgencyKind
    from gongkai.catalog.import_candidates import prepare_sheet_path
    from gongkai.catalog.import_creation import CREATED, import_candidate, imported_keys
    from gongkai.core.system import SYSTEM

    agency = Agency.objects.create(
        code="bench", name="测试市人民政府办公室", kind=AgencyKind.GOVERNMENT, index_prefix="000000001"
    )
    today = dt.date(2026, 11, 30)
    vendor = connection.vendor
    clock = Clock()
    candidates, _ = prepare_sheet_path(sheet, genre="other", today=today)
    read, read_cpu = clock.lap()
    bad = sum(not candidate.ok for candidate in candidates)
    report(f"read + extract ({vendor})", len(candidates), read, read_cpu, f"{bad} rows refused")
    known = imported_keys(agency)
    outcomes = [
        import_candidate(c, actor=SYSTEM, agency=agency, publish=args.publish, today=today, known=known)
        for c in candidates
    ]
    write, write_cpu = clock.lap()
    created = sum(outcome.status == CREATED for outcome in outcomes)
    act = "create + publish" if args.publish else "create drafts"
    report(f"{act} ({vendor})", created, write, write_cpu, f"{created:,} items in {write:.1f} s")
    report(
        "import throughput, end to end", created, read + write, read_cpu + write_cpu, f"{read + write:.1f} s"
    )


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
    print(f"{label:<34} {count / wall:>8,.0f} items/s   ({note}; {count / cpu:,.0f} items per CPU second)")


if __name__ == "__main__":
    main()
