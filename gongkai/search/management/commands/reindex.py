import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, wait
from contextlib import contextmanager, nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from tqdm import tqdm

from gongkai.core.processes import worker_pool
from gongkai.search import indexing
from gongkai.search.backends import get_backend
from gongkai.search.models import ReindexCheckpoint

# The GIN index of a rebuild is built once at the end; with the default 64 MB it spills to disk.
BUILD_MEMORY = "512MB"


def index_range(provider_name: str, after: int, upto: int) -> tuple[int, int, int]:
    """Index the provider's records with ``after < pk <= upto`` in one transaction (a worker's
    task, also run in the command's own process); returns (records, indexed, removed)."""
    provider = indexing.providers()[provider_name]
    batch = list(provider.queryset().filter(pk__gt=after, pk__lte=upto).order_by("pk"))
    with transaction.atomic():
        entries, hidden = [], []
        for obj in batch:
            entry = provider.to_document(obj)
            if entry is None:
                hidden.append(provider.key(obj))
            else:
                entries.append(entry)
        removed = indexing.remove_documents(hidden)
        indexing.index_documents(entries)
    return len(batch), len(entries), removed


class Progress:
    """A progress bar on a terminal; elsewhere (a log, a pipe) a line every ``every`` seconds."""

    def __init__(self, stdout, name: str, total: int, every: float = 10.0):
        self.stdout, self.name, self.total, self.every = stdout, name, total, every
        self.done, self.started = 0, time.monotonic()
        self.last = self.started
        self.bar = tqdm(total=total, desc=name, unit="条") if sys.stderr.isatty() else None

    def update(self, count: int) -> None:
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
            return
        now = time.monotonic()
        if now - self.last >= self.every or self.done >= self.total:
            self.last = now
            self.stdout.write(self.line(now))

    def line(self, now: float) -> str:
        rate = self.done / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate else 0
        share = f"{100 * self.done / self.total:.0f}%" if self.total else "100%"
        return (
            f"{self.name}：已处理 {self.done:,} / {self.total:,} 条（{share}），"
            f"每秒 {rate:,.0f} 条，预计还需 {int(left // 60)} 分 {int(left % 60)} 秒"
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class Command(BaseCommand):
    help = (
        "重建全文检索索引：逐批读取各数据提供方（如 catalog.item）的记录写入索引；"
        "中断后再次运行从检查点继续。--clear 先清空索引，--restart 忽略检查点。"
        "--workers 个进程并行写入（PostgreSQL 默认为CPU核数），并显示进度。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--provider", action="append", help="只重建指定提供方（可重复）")
        parser.add_argument("--clear", action="store_true", help="先清空（指定提供方的）索引")
        parser.add_argument("--restart", action="store_true", help="忽略检查点，从头开始")
        parser.add_argument("--batch-size", type=int, default=500, help="每批条数（默认500）")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="并行写入的进程数（PostgreSQL 默认为CPU核数，SQLite 默认 0：在本进程中写入）",
        )

    def handle(self, *args, provider, clear, restart, batch_size, workers, **options):
        known = indexing.providers()
        names = provider or sorted(known)
        unknown = [name for name in names if name not in known]
        if unknown:
            raise CommandError(
                f"未知的数据提供方：{', '.join(unknown)}；可用：{', '.join(sorted(known)) or '无'}"
            )
        if workers is None:
            workers = (os.cpu_count() or 1) if connection.vendor == "postgresql" else 0
        if connection.in_atomic_block:
            workers = 0  # the caller's transaction holds what the workers would have to see
        if clear:
            removed = indexing.clear() if not provider else sum(indexing.clear(name) for name in names)
            ReindexCheckpoint.objects.filter(provider__in=names).delete()
            self.stdout.write(f"已清空 {removed} 条索引文档")
        # After --clear the index is rebuilt in bulk (PostgreSQL builds its GIN index once at the end).
        loading = self._bulk_load() if clear else nullcontext()
        started = time.monotonic()
        with loading:
            for name in names:
                if restart:
                    ReindexCheckpoint.objects.filter(provider=name).delete()
                self._run(known[name], max(1, batch_size), workers)
        self.stdout.write(f"重建完成，用时 {time.monotonic() - started:.1f} 秒")

    @contextmanager
    def _bulk_load(self):
        with get_backend().bulk_load():
            yield
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # for the index build as the block ends
                    cursor.execute(f"SET maintenance_work_mem = '{BUILD_MEMORY}'")
                self.stdout.write("正在建立全文索引……")

    def _run(self, provider, batch_size, workers):
        checkpoint, _ = ReindexCheckpoint.objects.get_or_create(provider=provider.name)
        pks = list(
            provider.queryset().filter(pk__gt=checkpoint.last_pk).order_by("pk").values_list("pk", flat=True)
        )
        ranges = [
            (pks[start - 1] if start else checkpoint.last_pk, pks[min(start + batch_size, len(pks)) - 1])
            for start in range(0, len(pks), batch_size)
        ]
        progress = Progress(self.stdout, provider.name, len(pks))
        totals = [0, 0]
        done = (
            self._parallel(provider.name, ranges, workers)
            if workers > 1
            else self._serial(provider.name, ranges)
        )
        for upto, (records, indexed, removed) in done:
            totals[0] += indexed
            totals[1] += removed
            if upto is not None:  # every range up to here is committed
                checkpoint.last_pk = upto
                checkpoint.done += records
                checkpoint.save(update_fields=["last_pk", "done", "updated_at"])
            progress.update(records)
        progress.close()
        checkpoint.delete()  # finished: the next run starts from the beginning
        self.stdout.write(f"{provider.name}: 已索引 {totals[0]} 条，移出 {totals[1]} 条")

    @staticmethod
    def _serial(name, ranges):
        for after, upto in ranges:
            yield upto, index_range(name, after, upto)

    @staticmethod
    def _parallel(name, ranges, workers):
        """Ranges in worker processes, each with its own database connection; yields results with
        the highest ``upto`` below which every range is committed (None while a gap remains)."""
        connections.close_all()  # nothing of this process's connections is needed by the workers
        finished: dict[int, tuple] = {}
        next_index = 0
        queue = iter(enumerate(ranges))

        def submit(pool, pending) -> None:
            for index, (after, upto) in queue:
                pending[pool.submit(index_range, name, after, upto)] = index
                return

        with worker_pool(workers) as pool:
            pending = {}
            for _ in range(2 * workers):
                submit(pool, pending)
            while pending:
                complete, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in complete:
                    finished[pending.pop(future)] = future.result()
                    submit(pool, pending)
                while next_index in finished:
                    yield ranges[next_index][1], finished.pop(next_index)
                    next_index += 1
