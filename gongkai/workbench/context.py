"""The workbench's notion of "the agency I am working for now"."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency

SESSION_KEY = "workbench_agency_id"


def staff_agencies(user):
    """Agencies the user can work in, in tree order."""
    ids = permissions.access_for(user).agency_ids()
    queryset = Agency.objects.filter(active=True)
    if ids is not None:
        queryset = queryset.filter(id__in=ids)
    return queryset.order_by("path", "sort_order", "id")


def current_agency(request) -> Agency | None:
    agencies = staff_agencies(request.user)
    chosen = request.session.get(SESSION_KEY)
    agency = agencies.filter(pk=chosen).first() if chosen else None
    return agency or agencies.first()


def staff_view(view):
    """Login required, staff of at least one agency, and ``request.agency`` set."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.access_for(request.user).is_staff_anywhere:
            return render(request, "workbench/no_role.html", status=403)
        request.agency = current_agency(request)
        return view(request, *args, **kwargs)

    return wrapper
