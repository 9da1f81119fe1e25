"""Project-wide request middleware."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpResponseBadRequest, JsonResponse

from gongkai.core.error_pages import render_error
from gongkai.core.errors import DomainError, Forbidden, NotFound, error_body

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# The JSON escape \u0000, not preceded by an escaped backslash ("\\u0000" is text, not NUL).
JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
BAD_REQUEST_PAGE = (
    '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>请求无效</title></head>'
    "<body><h1>请求无效</h1><p>请求中含有非法字符。</p></body></html>"
)


class RejectNulCharactersMiddleware:
    """A NUL character in the path, the query string, a form field or an API JSON body is refused
    with 400.

    PostgreSQL cannot store or compare text containing NUL, so such a value would otherwise reach
    the database and end in a 500; no legitimate request carries one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            if request.path.startswith("/api/"):
                body = error_body("invalid_characters", "请求中含有非法字符")
                return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(BAD_REQUEST_PAGE)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or "\x00" in request.path_info:
            return True
        if _query_has_nul(request.GET):
            return True
        if request.method == "POST" and request.content_type in FORM_TYPES:
            if request.path.startswith("/api/"):
                _keep_small_body(request)
            return _query_has_nul(request.POST)
        if request.content_type == "application/json" and request.path.startswith("/api/"):
            return _json_has_nul(request)
        return False


def _keep_small_body(request) -> None:
    """Read a small API form body whole before its fields are parsed: parsing a multipart stream
    otherwise leaves ``request.body`` unreadable, and a JSON endpoint reads it (a 500). A large
    upload is left streaming; a JSON endpoint answers it 415."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    if length <= (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0):
        request.body  # noqa: B018  (cached on the request for the parsers after this)


def _query_has_nul(query) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())


def _json_has_nul(request) -> bool:
    try:
        body = request.body
    except RequestDataTooBig:
        return False  # the endpoint answers that one
    return b"\x00" in body or JSON_NUL.search(body) is not None


# What the page of a refused act says above the error's own message.
PAGE_TITLES = {409: "无法执行该操作", 422: "提交的内容有误", 429: "操作过于频繁"}


class DomainErrorPageMiddleware:
    """The one place where a ``DomainError`` that a page view lets escape becomes a response.

    ``NotFound`` and ``Forbidden`` go to Django's 404 and 403 handlers (the site's 404/403 pages of
    ``core.error_pages``), with the error's Chinese message; any other domain error is the page
    ``domain_error.html`` with the error's status (409 for a rule, 422 for bad input, 429 for a rate
    limit) and message — all in the portal layout, or the workbench layout under /workbench/.
    Views still catch the errors of a form they show again with the message next to it; the API
    maps the same errors in ``gongkai.api.errors``, so none reaches this middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        if isinstance(exception, NotFound):
            raise Http404(exception.message) from exception
        if isinstance(exception, Forbidden):
            raise PermissionDenied(exception.message) from exception
        title = PAGE_TITLES.get(exception.status, "请求无法完成")
        return render_error(request, "domain_error.html", exception.status, title=title, error=exception)
