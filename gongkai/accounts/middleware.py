"""Session rules for staff: idle time-out, and the sign-in steps that come after the password."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from gongkai.accounts import two_factor
from gongkai.agencies.models import AccountSecurity

LAST_ACTIVITY_KEY = "gongkai_last_activity"
# The stored time is refreshed at most this often, so browsing does not write the session on
# every request.
REFRESH_SECONDS = 60

# Pages a signed-in user may reach before finishing the sign-in steps.
STEP_VIEWS = {
    "workbench:login",
    "workbench:logout",
    "accounts:verify",
    "accounts:enrol",
    "accounts:password",
}
PROTECTED_PREFIXES = ("/workbench/", "/admin/")


class IdleTimeoutMiddleware:
    """GB/T 22239 8.1.4.1 d): a session idle longer than ``GONGKAI_SESSION_IDLE_MINUTES`` ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > settings.GONGKAI_SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request, f"您已超过{settings.GONGKAI_SESSION_IDLE_MINUTES}分钟未操作，已自动退出，请重新登录。"
                )
                if request.path.startswith(PROTECTED_PREFIXES):
                    return redirect(_with_next(reverse(settings.LOGIN_URL), request.get_full_path()))
            elif last is None or now - last > REFRESH_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class SignInStepsMiddleware:
    """Workbench and admin pages only for sessions that finished signing in: a second factor
    where one is needed, then a new password where an administrator chose the old one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(PROTECTED_PREFIXES) or not request.user.is_authenticated:
            return None
        if request.resolver_match and request.resolver_match.view_name in STEP_VIEWS:
            return None
        step = pending_step(request)
        if step is None:
            return None
        return redirect(_with_next(reverse(step), request.get_full_path()))


def pending_step(request) -> str | None:
    """The URL name of the next sign-in step this session still owes, or ``None``."""
    user = request.user
    if two_factor.needs_second_factor(user) and not user.is_verified():
        return "accounts:verify" if two_factor.totp_device(user) else "accounts:enrol"
    if AccountSecurity.objects.filter(user=user, must_change_password=True).exists():
        return "accounts:password"
    return None


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"
