"""The one ``NinjaAPI`` instance at ``/api/v1/``; each app contributes its router."""

import datetime as dt

from django.utils import timezone
from django.utils.module_loading import import_string
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from gongkai.api import errors


class LocalTimeEncoder(NinjaJSONEncoder):
    """Timestamps in China Standard Time with an explicit offset (2026-02-10T09:30:00+08:00)."""

    def default(self, o):
        if isinstance(o, dt.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat(timespec="seconds")
        return super().default(o)


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Chinese characters as they are, not as \\u escapes."""

    encoder_class = LocalTimeEncoder
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="gongkai 政务公开平台接口",
    version="1",
    description=(
        "政务公开平台的开放接口。公开接口无需认证；工作人员接口使用 `Authorization: Bearer <token>`，"
        "令牌由 `python manage.py api_token <username>` 或工作台个人页面签发。错误格式："
        '`{"error": {"code", "message", "details"}}`。'
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=ChineseJSONRenderer(),
)
errors.install(api)

# (url prefix, router dotted path); order decides the order in the OpenAPI document.
ROUTERS = [
    ("/", "gongkai.agencies.api.router"),
    ("/", "gongkai.workdays.api.router"),
    ("/", "gongkai.applications.api.router"),
    ("/", "gongkai.applications.letters.api.router"),
    ("/", "gongkai.interaction.api.router"),
    ("/", "gongkai.catalog.api.router"),
    ("/", "gongkai.search.api.router"),
    ("/", "gongkai.screening.api.router"),
    ("/", "gongkai.reports.api.router"),
    ("/", "gongkai.audit.api.router"),
]
for prefix, dotted in ROUTERS:
    api.add_router(prefix, import_string(dotted))
