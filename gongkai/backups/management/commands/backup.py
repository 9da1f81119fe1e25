import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

import gongkai
from gongkai.backups import archive, databases


class Command(BaseCommand):
    help = (
        "在系统运行时备份：数据库（SQLite 在线备份或 pg_dump 一致性快照）、全部上传文件和清单"
        "（各表记录数、文件校验和、审计链头）写入一个归档文件。恢复用 manage.py restore。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="归档文件路径（默认 <GONGKAI_VAR_DIR>/backups/gongkai-<时间>.tar.gz）",
        )

    def handle(self, *args, output=None, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        created = timezone.now()
        path = Path(output) if output else default_path(created)
        path.parent.mkdir(parents=True, exist_ok=True)
        manifest = archive.Manifest(
            backend=connection.vendor,
            created_at=created.isoformat(timespec="seconds"),
            database_member=databases.MEMBER.get(connection.vendor, "database"),
            versions={"django": django.get_version(), "gongkai": getattr(gongkai, "__version__", "")},
        )
        try:
            self._write(path, manifest, connection.alias)
        except archive.ArchiveError as error:
            path.unlink(missing_ok=True)
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{path}（{path.stat().st_size // 1024} KB；{len(manifest.counts)} 张表，"
                f"{sum(manifest.counts.values())} 条记录，{len(manifest.media)} 个文件；"
                f"审计链头 第{manifest.audit_chain.get('sequence', 0)}号）"
            )
        )
        for name in manifest.missing_files:
            self.stderr.write(f"警告：数据库引用的文件不存在，未能备份：{name}")

    def _write(self, path: Path, manifest: archive.Manifest, alias: str) -> None:
        writer = archive.ArchiveWriter(path, manifest)
        try:
            with tempfile.TemporaryDirectory(prefix="gongkai-backup-") as workdir:
                database_copy = Path(workdir) / manifest.database_member
                self.stdout.write(f"复制数据库（{manifest.backend}）…")
                referenced = databases.dump(alias, database_copy, manifest)
                writer.add_database(database_copy)
            # Files after the database: every file a backed-up row refers to already exists.
            media_root = Path(settings.MEDIA_ROOT)
            self.stdout.write(f"复制上传文件（{media_root}）…")
            for count, (relative, source) in enumerate(archive.media_files(media_root), start=1):
                writer.add_media(relative, source)
                if count % 500 == 0:
                    self.stdout.write(f"已复制 {count} 个文件…")
            manifest.missing_files = sorted(referenced - set(manifest.media))
        finally:
            writer.close()


def default_path(created) -> Path:
    stamp = timezone.localtime(created).strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"gongkai-{stamp}.tar.gz"
