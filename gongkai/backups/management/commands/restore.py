import shutil
import tempfile
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.verification import chain_verification
from gongkai.backups import archive as backup_archive
from gongkai.backups import databases


class Command(BaseCommand):
    help = (
        "从 manage.py backup 生成的归档恢复到新建的空数据库和空文件目录：先核对全部校验和，"
        "再载入数据库和文件，最后核对各表记录数与审计链。不会覆盖已有数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份归档文件")
        parser.add_argument("--database-url", help="目标数据库（默认为当前配置的 DATABASE_URL）；须为空库")
        parser.add_argument("--media-root", help="目标文件目录（默认为当前配置的 MEDIA_ROOT）；须为空或不存在")

    def handle(self, *args, archive=None, database_url=None, media_root=None, **options):
        source = Path(archive)
        config = dj_database_url.parse(database_url) if database_url else dict(settings.DATABASES["default"])
        media_target = Path(media_root or settings.MEDIA_ROOT)
        try:
            manifest = self._restore(source, config, media_target)
        except backup_archive.ArchiveError as error:
            raise CommandError(str(error)) from error
        if not database_url:
            cache.clear()  # cached pages and calendar indexes describe the database that was replaced
        self.stdout.write(
            self.style.SUCCESS(
                f"恢复完成：{len(manifest.counts)} 张表、{sum(manifest.counts.values())} 条记录与清单一致，"
                f"{len(manifest.media)} 个文件校验无误，审计链完整（链头 第{manifest.audit_chain.get('sequence', 0)}号）"
            )
        )

    def _restore(self, source: Path, config: dict, media_target: Path) -> backup_archive.Manifest:
        manifest = backup_archive.read_manifest(source)
        self.stdout.write(f"备份时间 {manifest.created_at}，数据库 {manifest.backend}，{len(manifest.media)} 个文件")
        if media_target.exists() and any(media_target.iterdir()):
            raise backup_archive.ArchiveError(f"目标文件目录不是空目录：{media_target}")
        media_target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="gongkai-restore-", dir=media_target.parent) as workdir:
            staged_database, staged_media = Path(workdir) / "database", Path(workdir) / "media"
            self.stdout.write("核对校验和并解包…")
            backup_archive.unpack(source, manifest, database_to=staged_database, media_to=staged_media)
            with databases.target_connection(config) as connection:
                self.stdout.write("载入数据库…")
                databases.load(connection, staged_database, manifest.backend)
                self._check(connection, manifest)
            if staged_media.exists():
                media_target.mkdir(parents=True, exist_ok=True)
                for entry in staged_media.iterdir():
                    shutil.move(entry, media_target / entry.name)
        return manifest

    def _check(self, connection, manifest: backup_archive.Manifest) -> None:
        self.stdout.write("核对记录数与审计链…")
        restored = backup_archive.Manifest(backend=manifest.backend, created_at="", database_member="")
        databases.describe_restored(connection, restored)
        differing = sorted(
            table
            for table in set(manifest.counts) | set(restored.counts)
            if manifest.counts.get(table) != restored.counts.get(table)
        )
        if differing:
            table = differing[0]
            raise backup_archive.ArchiveError(
                f"恢复后记录数与清单不符：{table} 应为 {manifest.counts.get(table)}，实为 {restored.counts.get(table)}"
            )
        if manifest.audit_chain:
            result = chain_verification(using=connection.alias)
            if not result.intact:
                raise backup_archive.ArchiveError(f"恢复后的审计链断开：{result.broken.reason}")
            if (result.head_sequence, result.head_hash) != (
                manifest.audit_chain["sequence"],
                manifest.audit_chain["hash"],
            ):
                raise backup_archive.ArchiveError("恢复后的审计链头与清单记录不一致")
