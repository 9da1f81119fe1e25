"""Answers Django or Ninja give outside the API's handlers (an unknown path under /api/, a method a
path does not take) in the API's error format rather than as an HTML page or plain text."""

from __future__ import annotations

from django.http import JsonResponse

from gongkai.api.errors import HTTP_CODES
from gongkai.core.errors import error_body

API_PREFIX = "/api/"


class ApiErrorFormatMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code in (404, 405)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code, message = HTTP_CODES[response.status_code]
            details = {"path": request.path, "method": request.method}
            replacement = JsonResponse(
                error_body(code, message, details),
                status=response.status_code,
                json_dumps_params={"ensure_ascii": False},
            )
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
