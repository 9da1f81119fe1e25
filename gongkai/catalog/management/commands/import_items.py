import datetime as dt
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from gongkai.agencies.models import Agency
from gongkai.catalog.import_candidates import (
    Candidate,
    genre_code,
    path_sources,
    prepare_paths,
    prepare_sheet_path,
    sheet_sources,
)
from gongkai.core.errors import DomainError
from gongkai.core.system import SYSTEM


class Command(BaseCommand):
    help = (
        "批量导入主动公开目录信息：读取 TXT/DOCX/PDF 文件（或其所在文件夹）和 CSV/XLSX 元数据表，"
        "从正文提取文号、日期、发布机构和标题，为指定机构创建草稿（加 --publish 则同时发布）。"
        "有问题的文件或表格行会连同文件名、行号一起报告并跳过，其余照常导入；"
        "按批写入（--batch-size），文件的读取、提取和发布前审查在多个进程中进行（--workers）；"
        "重复运行时，同一机构下同名同文号的信息视为已导入而跳过。"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="TXT/DOCX/PDF 文件或包含这些文件的文件夹")
        parser.add_argument("--agency", required=True, help="发布机构的机构代码")
        parser.add_argument(
            "--sheet",
            action="append",
            default=[],
            help="CSV/XLSX 元数据表（可多次指定）；表中“文件”列按表格所在文件夹查找",
        )
        parser.add_argument(
            "--genre", default="other", help="未注明体裁分类时的默认体裁（代码或中文名称，默认“其他”）"
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="创建后立即发布（发布前审查发现问题的信息不发布，整条跳过；不允许审核人说明理由发布）",
        )
        parser.add_argument("--dry-run", action="store_true", help="只显示提取结果，不写入数据库")
        parser.add_argument("--user", help="以该工作人员的身份导入（默认：system）")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="每批写入条数（默认500）：一批在一个事务中写入，失败则整批撤销并逐条重新导入",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="读取、提取和审查文件的进程数（默认为CPU核数；0 表示在本进程中进行）",
        )
        parser.add_argument(
            "--date",
            help="“今天”：未找到任何日期时的成文日期、未注明发布日期时的发布日期（默认当天，YYYY-MM-DD）",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        today = self._today(options["date"])
        genre = genre_code(options["genre"])
        if genre is None:
            raise CommandError(f"体裁分类“{options['genre']}”不存在")
        if not options["paths"] and not options["sheet"]:
            raise CommandError("请指定要导入的文件或 --sheet 元数据表")
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"机构代码“{options['agency']}”不存在")
        actor = self._actor(options["user"])
        if options["dry_run"]:
            candidates = self._prepare(options, genre=genre, today=today)
            self._show(candidates)
            if not any(candidate.ok for candidate in candidates):
                raise CommandError("没有可导入的信息")
            return
        sources = self._sources(options, genre=genre, today=today)
        batch_size = max(1, options["batch_size"])
        workers = options["workers"] if options["workers"] is not None else (os.cpu_count() or 1)
        if len(sources) <= batch_size:
            workers = 0  # one batch: nothing to overlap with, the pool would only cost its start
        self._import(
            sources,
            actor=actor,
            agency=agency,
            publish=options["publish"],
            today=today,
            workers=workers,
            batch_size=batch_size,
        )

    def _today(self, value: str | None) -> dt.date:
        if not value:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"--date 应为 YYYY-MM-DD：{value}") from error

    def _actor(self, username: str | None):
        if not username:
            return SYSTEM
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在或已停用")
        return user

    def _prepare(self, options, *, genre: str, today: dt.date) -> list[Candidate]:
        candidates = prepare_paths([Path(p) for p in options["paths"]], genre=genre, today=today)
        for sheet in options["sheet"]:
            path = Path(sheet)
            if not path.is_file():
                raise CommandError(f"找不到元数据表“{sheet}”")
            try:
                rows, notes = prepare_sheet_path(path, genre=genre, today=today)
            except DomainError as error:
                raise CommandError(error.message) from error
            for note in notes:
                self.stdout.write(self.style.WARNING(f"{path.name}：{note}"))
            candidates += rows
        return candidates

    def _show(self, candidates: list[Candidate]) -> None:
        for candidate in candidates:
            self.stdout.write(self.style.MIGRATE_HEADING(candidate.origin))
            for label, value in (
                ("信息名称", candidate.title),
                (
                    "文号",
                    candidate.doc_number + ("（有残缺，已修复）" if candidate.doc_number_damaged else ""),
                ),
                ("体裁分类", candidate.genre),
                ("发布机构", candidate.issuer),
                ("生成日期", candidate.formed_on),
                ("发布日期", candidate.published_on),
                ("正文字数", len(candidate.body)),
            ):
                self.stdout.write(f"  {label}：{value if value not in (None, '') else '—'}")
            for warning in candidate.warnings:
                self.stdout.write(self.style.WARNING(f"  提示：{warning}"))
            for error in candidate.errors:
                self.stdout.write(self.style.ERROR(f"  错误：{error}"))

    def _sources(self, options, *, genre: str, today: dt.date) -> list:
        """What ``bulk_import`` reads: one callable per file or sheet row (parsed in the workers)."""
        sources = path_sources([Path(p) for p in options["paths"]], genre=genre, today=today)
        for sheet in options["sheet"]:
            path = Path(sheet)
            if not path.is_file():
                raise CommandError(f"找不到元数据表“{sheet}”")
            try:
                rows, notes = sheet_sources(path, genre=genre, today=today)
            except DomainError as error:
                raise CommandError(error.message) from error
            for note in notes:
                self.stdout.write(self.style.WARNING(f"{path.name}：{note}"))
            sources += rows
        return sources

    def _import(self, sources, *, actor, agency, publish: bool, today: dt.date, workers, batch_size) -> None:
        from gongkai.catalog.bulk_import import Stages, bulk_import
        from gongkai.catalog.import_creation import CREATED, FAILED, SKIPPED

        counts = {CREATED: 0, SKIPPED: 0, FAILED: 0}
        stages = Stages()
        results = bulk_import(
            sources,
            actor=actor,
            agency=agency,
            publish=publish,
            today=today,
            workers=workers,
            batch_size=batch_size,
            stages=stages,
        )
        progress = tqdm(
            results,
            total=len(sources),
            desc="导入",
            unit="条",
            file=self.stderr._out,
            disable=self.verbosity == 0,
        )
        for candidate, outcome in progress:
            counts[outcome.status] += 1
            if outcome.status == FAILED:
                progress.write(
                    self.style.ERROR(f"跳过 {candidate.origin}：{outcome.message}"), file=self.stdout._out
                )
            elif outcome.status == SKIPPED:
                progress.write(f"跳过 {candidate.origin}：{outcome.message}", file=self.stdout._out)
        for batch in stages.batches_retried:
            self.stdout.write(self.style.WARNING(f"批量写入失败，已整批撤销并逐条重新导入：{batch}"))
        done = "新建并发布" if publish else "新建草稿"
        self.stdout.write(
            f"导入完成：{done} {counts[CREATED]} 条，已存在跳过 {counts[SKIPPED]} 条，出错跳过 {counts[FAILED]} 条"
        )
        if counts[CREATED] == 0 and counts[SKIPPED] == 0:
            raise CommandError("没有导入任何信息")
