import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.urls import resolve, reverse

SNAPSHOT = Path(__file__).resolve().parents[2] / "openapi.snapshot.json"


def served_api():
    """The ``NinjaAPI`` serving ``/api/v1/``, found through the URLconf as ``reverse()`` finds a view
    (the instance is wired at the top of the project, in ``gongkai.routers``)."""
    return resolve(reverse("api:openapi-json")).func.keywords["api"]


class Command(BaseCommand):
    help = "把当前接口的 OpenAPI 文档写入 gongkai/api/openapi.snapshot.json（接口变化须作为可见的差异提交）。"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只检查，不写入；不一致时返回非零")

    def handle(self, *args, check=False, **options):
        schema = json.loads(
            json.dumps(served_api().get_openapi_schema(path_prefix="/api/v1"), sort_keys=True, default=str)
        )
        text = json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if check:
            if not SNAPSHOT.exists() or json.loads(SNAPSHOT.read_text()) != schema:
                self.stderr.write("OpenAPI 快照已过期：请运行 python manage.py openapi_snapshot 并提交")
                raise SystemExit(1)
            self.stdout.write("OpenAPI 快照一致")
            return
        SNAPSHOT.write_text(text)
        self.stdout.write(f"已写入 {SNAPSHOT}（{len(schema['paths'])} 个路径）")
