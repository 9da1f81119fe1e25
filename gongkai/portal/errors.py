"""The answer to an unhandled error (``handler500``): never a stack trace, always in Chinese.

When the database cannot be reached (restarting, failing over) the answer is 503 with
``Retry-After``, so browsers, proxies and integrations know to come back; anything else is 500.
The pages are rendered without context processors, which would themselves need the database.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from gongkai.core.errors import error_body

RETRY_AFTER_SECONDS = 10
DATABASE_DOWN = (OperationalError, InterfaceError)
UNAVAILABLE = ("service_unavailable", "系统正在恢复，暂时无法处理请求，请稍后再试")
INTERNAL = ("internal_error", "服务器内部错误，请稍后再试；如持续出现请联系管理员")


def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        response = _answer(request, 503, UNAVAILABLE, "portal/unavailable.html")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _answer(request, 500, INTERNAL, "portal/server_error.html")


def _answer(request, status: int, code_and_message: tuple[str, str], template: str):
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(*code_and_message), status=status, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(render_to_string(template, {"message": code_and_message[1]}), status=status)
