"""The site's own error pages, in Chinese: 400, 403 (and the CSRF failure), 404, 500, and 503 while
the database cannot be reached.

Public paths get them in the portal layout, staff paths (``/workbench/``) in the workbench layout
(``error_layout`` in the templates ``400.html`` … ``500.html``, ``403_csrf.html``). Django calls these
handlers when DEBUG is off (``gongkai/urls.py``; ``CSRF_FAILURE_VIEW`` in settings); the domain-error
middleware reaches the 403 and 404 ones by raising ``PermissionDenied``/``Http404`` with the error's
Chinese message, which the page then shows.
"""

from __future__ import annotations

import logging
import re
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from gongkai.core.errors import error_body

logger = logging.getLogger(__name__)

WORKBENCH_PREFIX = "/workbench/"
API_PREFIX = "/api/"
# The database is restarting or failing over: not a bug, and over in seconds.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _layout(request) -> str:
    return "workbench/base.html" if request.path.startswith(WORKBENCH_PREFIX) else "base.html"


def _message(exception) -> str:
    """The exception's own message when it is one of ours (Chinese); Django's internal ones
    (URL patterns tried, English reasons) are never shown."""
    message = exception.args[0] if exception is not None and exception.args else ""
    if not isinstance(message, str) or not CHINESE.search(message):
        return ""
    return message.rstrip("。.！!")


def render_error(request, template: str, status: int, **context) -> HttpResponse:
    """An error page in the layout of the side of the site the request is on."""
    context = {"error_layout": _layout(request), "status": status, **context}
    body = loader.get_template(template).render(context, request)
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return render_error(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return render_error(request, "403.html", 403, message=_message(exception))


@requires_csrf_token
def page_not_found(request, exception=None):
    return render_error(request, "404.html", 404, message=_message(exception))


@requires_csrf_token
def server_error(request):
    """The 500 page in the site's layout; if that cannot be drawn either (the database is what
    failed, and the layout reads the site's name from it), a page that needs nothing. While the
    database cannot be reached: 503 with ``Retry-After``, a page (or under /api/ the API's error
    body) that needs nothing either. Never a stack trace."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable(request)
    try:
        return render_error(request, "500.html", 500)
    except Exception:  # whatever broke the request may break the layout too
        logger.exception("the 500 page could not be rendered in the site layout")
        return HttpResponseServerError(loader.get_template("500_plain.html").render())


def database_unavailable(request):
    if request.path.startswith(API_PREFIX):
        body = error_body("service_unavailable", "系统正在恢复，暂时无法处理请求，请稍后再试")
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def csrf_failure(request, reason=""):
    """An expired form or a blocked cookie: say what happened and what to do, not Django's reason."""
    return render_error(request, "403_csrf.html", 403, no_cookie=not request.COOKIES)
