"""The API's error format: ``{"error": {"code", "message", "details"}}``, never a 500 for bad input."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.http.request import RawPostDataException
from ninja.errors import HttpError, ValidationError

from gongkai.core.error_pages import RETRY_AFTER_SECONDS
from gongkai.core.errors import DomainError, error_body

logger = logging.getLogger("gongkai.api")

HTTP_CODES = {
    400: ("bad_request", "请求格式不正确"),
    401: ("unauthorized", "需要有效的访问令牌（Authorization: Bearer <token>）"),
    403: ("forbidden", "无权执行该操作"),
    404: ("not_found", "未找到该记录"),
    405: ("method_not_allowed", "不支持该请求方法"),
    429: ("rate_limited", "请求过于频繁，请稍后再试"),
}


def _location(error: dict) -> str:
    parts = [str(part) for part in error.get("loc", ()) if part not in {"body", "query", "path", "payload"}]
    return ".".join(parts)


VALIDATION_TEXT = {
    "missing": "缺少必填字段",
    "string_too_short": "不能为空或长度不足",
    "string_too_long": "长度超出限制",
    "string_pattern_mismatch": "格式不正确",
    "less_than_equal": "超出允许范围",
    "greater_than_equal": "超出允许范围",
    "less_than": "超出允许范围",
    "greater_than": "超出允许范围",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_type": "日期格式应为 YYYY-MM-DD",
    "extra_forbidden": "不是可接受的字段",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为列表",
    "bool_parsing": "应为 true 或 false",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "string_type": "应为字符串",
    "value_error": "取值不正确",
}


def _validation_message(errors: list[dict]) -> str:
    first = errors[0] if errors else {}
    where = _location(first)
    kind = first.get("type", "")
    text = VALIDATION_TEXT.get(kind)
    if text is None:
        text = "格式不正确" if kind.endswith(("_parsing", "_type")) else "取值不正确"
    if kind == "value_error" and first.get("msg"):
        # Our own validators raise ValueError with a Chinese message; pydantic prefixes it.
        text = str(first["msg"]).removeprefix("Value error, ")
    return f"请求参数不正确：{where} {text}" if where else f"请求参数不正确：{text}"


def install(api) -> None:
    def domain_error(request, exc: DomainError):
        return api.create_response(request, exc.as_dict(), status=exc.status)

    def validation_error(request, exc: ValidationError):
        errors = [
            {"field": _location(error), "type": error.get("type", ""), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        body = error_body("validation_error", _validation_message(exc.errors), {"errors": errors})
        return api.create_response(request, body, status=422)

    def http_error(request, exc: HttpError):
        if exc.status_code == 400:  # ninja raises 400 only for a body it cannot parse
            code, message = "invalid_json", "请求体不是有效的 JSON"
        else:
            code, message = HTTP_CODES.get(exc.status_code, (f"http_{exc.status_code}", str(exc)))
        return api.create_response(request, error_body(code, message), status=exc.status_code)

    def not_found(request, exc):
        return api.create_response(request, error_body(*HTTP_CODES[404]), status=404)

    def forbidden(request, exc):
        return api.create_response(request, error_body(*HTTP_CODES[403]), status=403)

    def unreadable_body(request, exc):
        # A large multipart upload sent to an endpoint that takes a JSON body.
        body = error_body("unsupported_media_type", "请求体应为 JSON（Content-Type: application/json）")
        return api.create_response(request, body, status=415)

    def database_unavailable(request, exc):
        # The database is restarting or failing over: come back shortly (not a bug, no stack trace).
        logger.warning("database unavailable on %s %s: %s", request.method, request.path, exc)
        body = error_body("service_unavailable", "系统正在恢复，暂时无法处理请求，请稍后再试")
        response = api.create_response(request, body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def unexpected(request, exc):
        logger.exception("unhandled API error on %s %s", request.method, request.path)
        body = error_body("internal_error", "服务器内部错误，请稍后再试；如持续出现请联系管理员")
        return api.create_response(request, body, status=500)

    api.add_exception_handler(DomainError, domain_error)
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(RawPostDataException, unreadable_body)
    api.add_exception_handler(OperationalError, database_unavailable)
    api.add_exception_handler(InterfaceError, database_unavailable)
    api.add_exception_handler(Exception, unexpected)
