"""Workbench: outgoing mail with its delivery state, and retrying failed deliveries."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError
from gongkai.notifications import selectors, services
from gongkai.notifications.models import MailStatus
from gongkai.workbench.context import staff_view

PAGE_SIZE = 30


@staff_view
def index(request):
    queryset = selectors.visible(request.user)
    status = request.GET.get("status", "")
    if status in MailStatus.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "statuses": MailStatus.choices, "query": f"status={status}"}
    return render(request, "notifications/index.html", context)


@require_POST
@staff_view
def retry(request, pk: int):
    mail = selectors.mail_for(request.user, pk)  # another agency's mail: 404 (DomainErrorPageMiddleware)
    try:
        services.retry_mail(mail, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已重新发送")
    return redirect("notifications_staff:index")
