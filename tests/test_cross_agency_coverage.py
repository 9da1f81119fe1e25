"""The cross-agency walks cannot fall behind the routes.

Every workbench URL pattern that takes a parameter, and every API operation that takes a path
parameter or names an agency (``agency``/``parent`` in its query or body), must be walked by
``test_cross_agency.py`` or ``test_cross_agency_duties.py`` with another agency's records, or be
listed below with the reason it needs no walk. A new route that is in neither fails here, by name.
"""

import re
from urllib.parse import urlsplit

from django.urls import Resolver404, URLResolver, get_resolver, resolve
from ninja.utils import replace_path_param_notation

from gongkai.routers import api
from tests import test_cross_agency as older
from tests import test_cross_agency_duties as duties

# Workbench patterns with a parameter that name no agency-owned record of another agency.
WORKBENCH_ALLOWED = {
    # A preview of an upload, kept in the uploader's own session for the switcher's agency.
    "workbench/catalog/import/<str:token>/",
    # A kind of letter: the template of the switcher's agency (an agency of the user's own).
    "workbench/apply/templates/<str:kind>.docx",
    "workbench/apply/templates/<str:kind>/",
    # Publishes the report of the switcher's agency; it takes no ``?agency=``.
    "workbench/reports/<int:year>/publish/",
    # The working-day calendar belongs to no agency (the office edits it, every page reads it).
    "workbench/workdays/<int:year>/",
    "workbench/workdays/<str:region>/<int:year>/",
}

# (method, route) of API operations that take an id or an agency and are public by design.
API_ALLOWED = {
    # The agency tree, the calendar and the fee rules are public reference data.
    ("GET", "api/v1/agencies/<code>"),
    ("GET", "api/v1/workdays/<day>"),
    ("PUT", "api/v1/workdays/years/<year>"),  # the calendar belongs to no agency (office only)
    # Catalogue settings and columns as the portal shows them; published items by 索引号.
    ("GET", "api/v1/catalog/<code>/columns"),
    ("GET", "api/v1/catalog/<code>/settings"),
    ("GET", "api/v1/items"),
    ("GET", "api/v1/items/<path:index_no>"),
    ("GET", "api/v1/search"),
    ("GET", "api/v1/reports/annual"),
    # The public side of applications and messages: submission, tracking by code, rating.
    ("POST", "api/v1/public/applications"),
    ("GET", "api/v1/public/track/<tracking_code>"),
    ("POST", "api/v1/public/messages"),
    ("GET", "api/v1/public/messages"),
    ("GET", "api/v1/public/messages/track/<code>"),
    ("POST", "api/v1/public/messages/track/<code>/rating"),
    ("GET", "api/v1/public/messages/stats"),
    ("GET", "api/v1/public/messages/<message_id>"),
    ("GET", "api/v1/public/faqs"),
    ("GET", "api/v1/agencies/<code>/message-limits"),
    # Published solicitations and the public's comments on them.
    ("GET", "api/v1/public/solicitations"),
    ("GET", "api/v1/public/solicitations/<int:solicitation_id>"),
    ("POST", "api/v1/public/solicitations/<int:solicitation_id>/comments"),
    # Public guides, power lists, published proposals and key tasks.
    ("GET", "api/v1/public/guides"),
    ("GET", "api/v1/public/guides/<int:guide_id>"),
    ("GET", "api/v1/public/powers"),
    ("GET", "api/v1/public/proposals"),
    ("GET", "api/v1/public/tasks"),
}

# Fields of a query or body that name an agency.
AGENCY_FIELDS = {"agency", "parent"}


def _patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


class _AnyRecord(dict):
    """Fills every ``{placeholder}`` of a walked URL with an id: only the route is wanted here."""

    def __missing__(self, key):
        return "1"


def _route(url: str) -> str:
    path = urlsplit(url.format_map(_AnyRecord())).path
    try:
        return resolve(path).route
    except Resolver404:
        raise AssertionError(f"a walked URL matches no route: {url}") from None


def _field_names(operation) -> set[str]:
    names = set()
    for model in operation.signature.models:
        for name, field in model.model_fields.items():
            names.add(name)
            names |= set(getattr(field.annotation, "model_fields", {}))
    return names


def _api_operations() -> set[tuple[str, str]]:
    """(method, Django route) of every operation with a path parameter or an agency field."""
    found = set()
    for prefix, router in api._routers:  # ninja keeps its mounted routers here (no public accessor)
        for path, path_view in router.path_operations.items():
            route = "api/v1/" + re.sub("/+", "/", replace_path_param_notation(prefix + path)).lstrip("/")
            for operation in path_view.operations:
                if "{" in path or _field_names(operation) & AGENCY_FIELDS:
                    found |= {(method, route) for method in operation.methods}
    return found


def _walked_workbench() -> set[str]:
    return {_route(url) for _, url in older.WORKBENCH + duties.WORKBENCH}


def _walked_api() -> set[tuple[str, str]]:
    calls = [(method, url) for method, url, _ in older.API + older.LOW_RANK_API + older.ELEVATED_API]
    calls += [(method, url) for method, url, _ in duties.API]
    calls += [("get", url) for url, _ in older.LISTS + duties.LISTS]
    return {(method.upper(), _route("/api/v1" + url)) for method, url in calls}


def test_every_workbench_route_with_a_parameter_is_walked_or_allowed():
    routes = {route for route in _patterns(get_resolver()) if route.startswith("workbench/") and "<" in route}
    missing = sorted(routes - _walked_workbench() - WORKBENCH_ALLOWED)
    assert not missing, f"not walked by the cross-agency tests nor allowed: {missing}"


def test_every_api_route_naming_a_record_or_an_agency_is_walked_or_allowed():
    missing = sorted(_api_operations() - _walked_api() - API_ALLOWED)
    assert not missing, f"not walked by the cross-agency tests nor allowed: {missing}"


def test_the_allow_lists_name_only_existing_routes():
    """A renamed or removed route leaves no stale entry that would excuse its successor."""
    workbench = set(_patterns(get_resolver()))
    assert not WORKBENCH_ALLOWED - workbench
    assert not API_ALLOWED - _api_operations()


def test_the_walks_and_the_allow_lists_do_not_overlap():
    assert not _walked_workbench() & WORKBENCH_ALLOWED
    assert not _walked_api() & API_ALLOWED
