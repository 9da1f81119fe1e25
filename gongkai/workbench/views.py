"""Workbench shell: sign-in, agency switcher, the 待办 dashboard, profile and audit pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gongkai.accounts import two_factor
from gongkai.agencies import permissions
from gongkai.api.models import ApiToken
from gongkai.api.services import issue_token, revoke_token
from gongkai.core.errors import DomainError, Forbidden
from gongkai.core.parsing import parse_int
from gongkai.workbench import audit_trail, registry
from gongkai.workbench.context import SESSION_KEY, staff_agencies, staff_view
from gongkai.workbench.forms import AuditFilterForm, LoginForm


class LoginView(auth_views.LoginView):
    template_name = "workbench/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Django's "site" here is the request's host name; the layout's "site" (the government the
        # portal belongs to, from the context processor) must show through.
        context.pop("site", None)
        context.pop("site_name", None)
        return context


@staff_view
def home(request):
    today = timezone.localdate()
    items = registry.todos(request.user, request.agency, today) if request.agency else []
    warnings = registry.warnings(request.user, request.agency, today) if request.agency else []
    return render(request, "workbench/home.html", {"todos": items, "warnings": warnings, "today": today})


@require_POST
@staff_view
def switch_agency(request):
    wanted = parse_int(request.POST.get("agency"))
    agency = staff_agencies(request.user).filter(pk=wanted).first() if wanted is not None else None
    if agency is None:
        messages.error(request, "无法切换到该机构")
    else:
        request.session[SESSION_KEY] = agency.pk
        messages.success(request, f"当前机构：{agency.name}")
    next_url = request.POST.get("next") or ""
    # "/\\evil.example" passes a starts-with-one-slash test and browsers read it as "//evil.example".
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "workbench:home"
    return redirect(next_url)


@staff_view
def profile(request):
    tokens = ApiToken.objects.filter(user=request.user)
    new_token = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "issue":
                # The sign-in steps middleware already demands it; a token must never be the way round.
                if two_factor.needs_second_factor(request.user) and not request.user.is_verified():
                    raise Forbidden("second_factor_required", "签发访问令牌前须先通过双因素认证")
                new_token = issue_token(
                    request.user, actor=request.user, name=request.POST.get("name", "")[:100]
                )
            elif request.POST.get("action") == "revoke":
                wanted = parse_int(request.POST.get("token"))
                token = (
                    tokens.filter(pk=wanted, revoked_at__isnull=True).first() if wanted is not None else None
                )
                if token is not None:
                    revoke_token(token, actor=request.user)
                    messages.success(request, "访问令牌已吊销")
        except DomainError as error:
            messages.error(request, error.message)
    memberships = request.user.memberships.select_related("agency").order_by("agency__path")
    return render(
        request,
        "workbench/profile.html",
        {"tokens": tokens, "new_token": new_token, "memberships": memberships},
    )


@staff_view
def audit(request):
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if form.is_valid() else audit_trail.AuditFilter()
    if request.agency and not form.is_bound:
        filters = audit_trail.AuditFilter(agency=request.agency)
        # The filter shows what the list holds: the current agency, not 全部.
        form = AuditFilterForm(user=request.user, initial={"agency": request.agency.pk})
    try:
        events = audit_trail.events_for(request.user, filters)
    except DomainError as error:
        messages.error(request, error.message)
        events = audit_trail.events_for(request.user, audit_trail.AuditFilter())
    if request.GET.get("export") == "csv":
        response = StreamingHttpResponse(audit_trail.csv_rows(events), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit.csv"'
        return response
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    page.object_list = audit_trail.readable(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workbench/audit.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_manage": permissions.may(request.user, "manage", request.agency),
        },
    )
