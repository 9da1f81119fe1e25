"""The one ``NinjaAPI`` instance at ``/api/v1/`` and the wiring of every app's router.

The counterpart of ``urls.py`` for the API: the top of the project, imported by ``urls.py`` only.
The API's own infrastructure (tokens and auth, the error format, pagination, the renderer) is the
``gongkai.api`` app below every router.
"""

from django.utils.module_loading import import_string
from ninja import NinjaAPI

from gongkai.api import errors
from gongkai.api.parsers import JsonOrFormParser
from gongkai.api.renderers import ChineseJSONRenderer

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
    parser=JsonOrFormParser(),
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
    ("/", "gongkai.solicitation.api.router"),
    ("/", "gongkai.guides.api.router"),
    ("/", "gongkai.proposals.api.router"),
    ("/", "gongkai.selfcheck.api.router"),
    ("/", "gongkai.workbench.api.router"),
]
for prefix, dotted in ROUTERS:
    api.add_router(prefix, import_string(dotted))
