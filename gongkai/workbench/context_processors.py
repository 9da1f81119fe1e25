from django.urls import NoReverseMatch, reverse

from gongkai.accounts.middleware import STEP_VIEWS
from gongkai.agencies import permissions
from gongkai.workbench import registry
from gongkai.workbench.context import staff_agencies


def workbench(request):
    """Menu and agency switcher for workbench pages (only for signed-in staff)."""
    if not request.path.startswith("/workbench/") or not request.user.is_authenticated:
        return {}
    if request.resolver_match and request.resolver_match.view_name in STEP_VIEWS:
        return {}  # still signing in: no menu or agency switcher yet
    agency = getattr(request, "agency", None)
    access = permissions.access_for(request.user)
    menu = []
    for entry in registry.menu_entries():
        if entry.office_only and not access.is_office:
            continue
        if agency is not None and not permissions.may(request.user, entry.minimum, agency):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        menu.append({"label": entry.label, "url": url, "current": request.path == url})
    return {
        "workbench_menu": menu,
        "workbench_agencies": staff_agencies(request.user),
        "workbench_agency": agency,
    }
