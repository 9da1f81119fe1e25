import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import DomainError
from gongkai.screening import screen
from gongkai.screening.detectors import blocking


class Command(BaseCommand):
    help = (
        "对文本文件做发布前审查（个人信息与密级标志），逐项列出发现（只显示遮蔽后的值）。"
        "有“阻止发布”的发现时以状态 1 退出，便于在批量发布前检查。"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="UTF-8 文本文件；“-” 表示标准输入")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="以 JSON 输出（每个文件一行）"
        )

    def handle(self, *args, paths, as_json: bool = False, **options):
        any_blocking = False
        for path in paths:
            text = self._read(path)
            try:
                findings = screen.screen_text(text)
            except DomainError as error:
                raise CommandError(f"{path}：{error.message}") from error
            any_blocking = any_blocking or bool(blocking(findings))
            if as_json:
                self._write_json(path, findings)
            else:
                self._write_text(path, findings)
        if any_blocking:
            sys.exit(1)

    def _read(self, path: str) -> str:
        if path == "-":
            return sys.stdin.read()
        try:
            return Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"无法读取 {path}：{error}") from error

    def _write_json(self, path, findings) -> None:
        record = {"path": path, "findings": [screen.finding_dict(finding) for finding in findings]}
        self.stdout.write(json.dumps(record, ensure_ascii=False))

    def _write_text(self, path, findings) -> None:
        blocked = len(blocking(findings))
        self.stdout.write(f"{path}：{len(findings)} 处发现，其中 {blocked} 处阻止发布")
        for finding in findings:
            label = screen.KIND_LABELS.get(finding.kind, finding.kind)
            severity = screen.SEVERITY_LABELS[finding.severity]
            self.stdout.write(
                f"  [{severity}] {label} {finding.masked}（第 {finding.start + 1}–{finding.end} 字）"
            )
