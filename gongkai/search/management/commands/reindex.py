from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from gongkai.search import indexing
from gongkai.search.backends import get_backend
from gongkai.search.models import ReindexCheckpoint


class Command(BaseCommand):
    help = (
        "重建全文检索索引：逐批读取各数据提供方（如 catalog.item）的记录写入索引；"
        "中断后再次运行从检查点继续。--clear 先清空索引，--restart 忽略检查点。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--provider", action="append", help="只重建指定提供方（可重复）")
        parser.add_argument("--clear", action="store_true", help="先清空（指定提供方的）索引")
        parser.add_argument("--restart", action="store_true", help="忽略检查点，从头开始")
        parser.add_argument("--batch-size", type=int, default=500, help="每批条数（默认500）")

    def handle(self, *args, provider, clear, restart, batch_size, **options):
        known = indexing.providers()
        names = provider or sorted(known)
        unknown = [name for name in names if name not in known]
        if unknown:
            raise CommandError(
                f"未知的数据提供方：{', '.join(unknown)}；可用：{', '.join(sorted(known)) or '无'}"
            )
        if clear:
            removed = indexing.clear() if not provider else sum(indexing.clear(name) for name in names)
            ReindexCheckpoint.objects.filter(provider__in=names).delete()
            self.stdout.write(f"已清空 {removed} 条索引文档")
        # After --clear the index is rebuilt in bulk (PostgreSQL builds its GIN index once at the end).
        loading = get_backend().bulk_load() if clear else nullcontext()
        with loading:
            for name in names:
                if restart:
                    ReindexCheckpoint.objects.filter(provider=name).delete()
                self._run(known[name], max(1, batch_size))

    def _run(self, provider, batch_size):
        checkpoint, _ = ReindexCheckpoint.objects.get_or_create(provider=provider.name)
        queryset = provider.queryset().filter(pk__gt=checkpoint.last_pk).order_by("pk")
        progress = tqdm(total=queryset.count(), desc=provider.name, unit="条", disable=None)
        indexed = removed = 0
        while True:
            batch = list(queryset.filter(pk__gt=checkpoint.last_pk)[:batch_size])
            if not batch:
                break
            with transaction.atomic():
                entries = []
                for obj in batch:
                    entry = provider.to_document(obj)
                    if entry is None:
                        removed += indexing.remove_document(provider.key(obj))
                    else:
                        entries.append(entry)
                indexing.index_documents(entries)
                checkpoint.last_pk = batch[-1].pk
                checkpoint.done += len(batch)
                checkpoint.save(update_fields=["last_pk", "done", "updated_at"])
            indexed += len(entries)
            progress.update(len(batch))
        progress.close()
        checkpoint.delete()  # finished: the next run starts from the beginning
        self.stdout.write(f"{provider.name}: 已索引 {indexed} 条，移出 {removed} 条")
