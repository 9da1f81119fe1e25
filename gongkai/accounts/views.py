"""Sign-in steps after the password (second factor, enrolment, forced password change) and the
staff member's own login-security page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from gongkai.accounts import services, two_factor
from gongkai.accounts.demo import DEMO_KEY
from gongkai.accounts.forms import ChangePasswordForm, CodeForm, EnrolForm
from gongkai.accounts.middleware import pending_step
from gongkai.agencies.models import AccountSecurity
from gongkai.core.errors import DomainError

PENDING_KEY_SESSION = "gongkai_pending_totp_key"


def _next(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else reverse("workbench:home")


def _step_elsewhere(request, own: str):
    """Redirect to an earlier step this session still owes (no password change before the
    second factor), or ``None``."""
    step = pending_step(request)
    if step is not None and step != own:
        return redirect(f"{reverse(step)}?next={_next(request)}")
    return None


def _signed_in_with(request, device) -> None:
    request.session.cycle_key()  # a new privilege level gets a new session key
    otp_login(request, device)


@login_required
def verify(request):
    user = request.user
    if not two_factor.needs_second_factor(user) or user.is_verified():
        return redirect(_next(request))
    device = two_factor.totp_device(user)
    if device is None:
        return redirect(f"{reverse('accounts:enrol')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # django-otp doubles the wait after each wrong code; a code typed during the wait is not checked.
        allowed, _ = device.verify_is_allowed()
        accepted = services.verify_second_factor(user, code=form.cleaned_data["code"])
        if accepted is not None:
            _signed_in_with(request, accepted)
            if isinstance(accepted, StaticDevice):
                left = accepted.token_set.count()
                messages.warning(request, f"您使用了一个恢复码，还剩{left}个。请尽快在“登录安全”中重新生成。")
            return redirect(_next(request))
        form.add_error(
            "code",
            "验证码不正确或已过期。" if allowed else "连续输错次数过多，请稍候片刻再试。",
        )
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": _next(request), "demo_device": device.key == DEMO_KEY},
    )


@login_required
def enrol(request):
    user = request.user
    if two_factor.totp_device(user) is not None:
        return redirect(f"{reverse('accounts:verify')}?next={_next(request)}")
    key = request.session.get(PENDING_KEY_SESSION) or two_factor.new_key()
    request.session[PENDING_KEY_SESSION] = key
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.enable_two_factor(user, actor=user, key=key, code=form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            del request.session[PENDING_KEY_SESSION]
            _signed_in_with(request, two_factor.totp_device(user))
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
    context = {
        "form": form,
        "next": _next(request),
        "required": two_factor.required_for(user),
        "qr_code": two_factor.qr_code_data_uri(two_factor.provisioning_uri(user, key)),
        "secret": two_factor.base32_of(key),
    }
    return render(request, "accounts/enrol.html", context)


@login_required
def change_password(request):
    elsewhere = _step_elsewhere(request, "accounts:password")
    if elsewhere is not None:
        return elsewhere
    forced = AccountSecurity.objects.filter(user=request.user, must_change_password=True).exists()
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_password(
                request.user, actor=request.user, new_password=form.cleaned_data["new_password1"]
            )
        except DomainError as error:
            form.add_error("new_password1", error.message)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改。")
            return redirect(_next(request))
    return render(request, "accounts/password.html", {"form": form, "forced": forced, "next": _next(request)})


@login_required
def security(request):
    user = request.user
    if request.method == "POST":
        try:
            if request.POST.get("action") == "regenerate":
                codes = services.regenerate_recovery_codes(user, actor=user)
                return render(
                    request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:security")}
                )
            if request.POST.get("action") == "disable":
                services.disable_two_factor(user, actor=user)
                messages.success(request, "已停用双因素认证。")
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("accounts:security")
    context = {
        "device": two_factor.totp_device(user),
        "required": two_factor.required_for(user),
        "codes_left": two_factor.recovery_codes_left(user),
        "idle_minutes": settings.GONGKAI_SESSION_IDLE_MINUTES,
    }
    return render(request, "accounts/security.html", context)
