"""Domain errors with a stable machine code and a Chinese message, and the error body of API.md.

Services raise these; the API renders them as ``{"error": {"code", "message", "details"}}`` with
the status below (``gongkai.api.errors``), and pages show the message next to the form or, when a
view lets one escape, as an error page with that status (``gongkai.core.middleware``).
"""

from __future__ import annotations

from typing import Any


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """The one error format of the API (API.md): ``{"error": {"code", "message", "details"}}``."""
    return {"error": {"code": code, "message": message, "details": details or {}}}


class DomainError(Exception):
    """Base of every error a user can cause. ``code`` is part of the API contract."""

    status = 400

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}

    def as_dict(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.details)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InvalidInput(DomainError):
    """The request itself is malformed or a field value is not acceptable."""

    status = 422


class RuleViolation(DomainError):
    """A legal or state rule forbids the act (wrong state, date outside a limit, …)."""

    status = 409


class NotFound(DomainError):
    status = 404

    def __init__(self, code: str = "not_found", message: str = "未找到该记录", details=None):
        super().__init__(code, message, details)


class Forbidden(DomainError):
    status = 403

    def __init__(self, code: str = "forbidden", message: str = "无权执行该操作", details=None):
        super().__init__(code, message, details)


class RateLimited(DomainError):
    status = 429

    def __init__(self, code: str = "rate_limited", message: str = "提交过于频繁，请稍后再试", details=None):
        super().__init__(code, message, details)
