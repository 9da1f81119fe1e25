"""Read queries for agencies."""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.core.errors import NotFound


def public_agencies(*, include_inactive: bool = False):
    queryset = Agency.objects.select_related("parent", "merged_into")
    if not include_inactive:
        queryset = queryset.filter(active=True)
    return queryset.order_by("path", "sort_order", "id")


def agency_by_code(code: str) -> Agency:
    agency = Agency.objects.select_related("parent", "merged_into").filter(code=code).first()
    if agency is None:
        raise NotFound("agency_not_found", f"未找到机构“{code}”", {"agency": code})
    return agency


def root_government() -> Agency | None:
    """The government the portal belongs to: the first active top-level government."""
    return (
        Agency.objects.filter(parent__isnull=True, active=True, kind="government")
        .order_by("sort_order", "id")
        .first()
    )


def agency_tree(*, include_inactive: bool = False) -> list[tuple[Agency, int]]:
    """Agencies in tree order with their depth, for menus and switchers."""
    return [(agency, agency.depth) for agency in public_agencies(include_inactive=include_inactive)]
