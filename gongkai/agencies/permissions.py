"""The one place that answers "may this user do X on this object".

Every view, API endpoint and service asks here. Staff hold a role at an agency
(``Membership``); the disclosure office's role extends over the agency's whole subtree; a
superuser may do everything. A user with no role at an agency is told the record does not exist
(404), so staff of one agency cannot even learn that another agency's non-public record exists.
A user who can see the agency but lacks the rank for the act gets 403.
"""

from __future__ import annotations

import contextlib
from enum import IntEnum

from django.db.models import Q, QuerySet

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.core.errors import Forbidden, NotFound


class Rank(IntEnum):
    NONE = 0
    HANDLER = 1
    REVIEWER = 2
    ADMIN = 3


ROLE_RANK = {
    Role.HANDLER: Rank.HANDLER,
    Role.REVIEWER: Rank.REVIEWER,
    Role.AGENCY_ADMIN: Rank.ADMIN,
    Role.DISCLOSURE_OFFICE: Rank.ADMIN,
}

# The vocabulary of acts. Each maps to the lowest rank allowed to perform it.
ACTIONS: dict[str, Rank] = {
    "view": Rank.HANDLER,  # see the agency's non-public records
    "edit": Rank.HANDLER,  # draft items, register and process applications
    "review": Rank.REVIEWER,  # approve and publish, override screening, approve extensions
    "manage": Rank.ADMIN,  # agency settings, staff, templates, report inputs
}


class Access:
    """A user's ranks per agency id, computed once per user object."""

    def __init__(self, user):
        self.user = user
        self.is_superuser = bool(getattr(user, "is_superuser", False) and user.is_active)
        self.ranks: dict[int, Rank] = {}
        self.office_agency_ids: set[int] = set()
        if not getattr(user, "is_authenticated", False) or not user.is_active or self.is_superuser:
            return
        memberships = list(Membership.objects.filter(user=user).select_related("agency"))
        for membership in memberships:
            rank = ROLE_RANK[membership.role]
            self._grant(membership.agency_id, rank)
            if membership.role == Role.DISCLOSURE_OFFICE:
                self.office_agency_ids.add(membership.agency_id)
                below = Agency.objects.filter(path__startswith=membership.agency.path).values_list(
                    "id", flat=True
                )
                for agency_id in below:
                    self._grant(agency_id, rank)

    def _grant(self, agency_id: int, rank: Rank) -> None:
        if rank > self.ranks.get(agency_id, Rank.NONE):
            self.ranks[agency_id] = rank

    def rank(self, agency_id: int | None) -> Rank:
        if self.is_superuser:
            return Rank.ADMIN
        if agency_id is None:
            return Rank.NONE
        return self.ranks.get(agency_id, Rank.NONE)

    def agency_ids(self, minimum: Rank = Rank.HANDLER) -> set[int] | None:
        """Agencies where the user holds at least ``minimum``; ``None`` means all (superuser)."""
        if self.is_superuser:
            return None
        return {agency_id for agency_id, rank in self.ranks.items() if rank >= minimum}

    @property
    def is_staff_anywhere(self) -> bool:
        return self.is_superuser or bool(self.ranks)

    @property
    def is_office(self) -> bool:
        return self.is_superuser or bool(self.office_agency_ids)


def access_for(user) -> Access:
    cached = getattr(user, "_gongkai_access", None)
    if cached is None:
        cached = Access(user)
        with contextlib.suppress(AttributeError):  # None and other objects without attributes
            user._gongkai_access = cached
    return cached


def forget_access(user) -> None:
    """Drop the cached ranks after memberships of ``user`` change."""
    if hasattr(user, "_gongkai_access"):
        del user._gongkai_access


def may(user, action: str, agency: Agency | int | None) -> bool:
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    return access_for(user).rank(agency_id) >= ACTIONS[action]


def require(user, action: str, agency: Agency | int | None) -> None:
    """Raise ``NotFound`` when the user cannot see the agency at all, ``Forbidden`` when the
    user's rank there is too low for ``action``."""
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    rank = access_for(user).rank(agency_id)
    if rank == Rank.NONE:
        raise NotFound()
    if rank < ACTIONS[action]:
        raise Forbidden("forbidden", f"当前角色无权执行此操作（需要{_rank_label(ACTIONS[action])}）")


def require_superuser(user) -> None:
    if not access_for(user).is_superuser:
        raise Forbidden("superuser_required", "仅系统管理员可执行此操作")


def require_office(user, agency: Agency | None = None) -> None:
    """Acts of the disclosure office (calendar, agency tree): office of an ancestor or superuser."""
    access = access_for(user)
    if access.is_superuser:
        return
    if agency is None:
        if access.office_agency_ids:
            return
    elif agency.pk in access.agency_ids(Rank.ADMIN) and _under_office(access, agency):
        return
    raise Forbidden("office_required", "仅政务公开办可执行此操作")


def _under_office(access: Access, agency: Agency) -> bool:
    ancestor_ids = {int(part) for part in agency.path.strip("/").split("/") if part}
    return bool(ancestor_ids & access.office_agency_ids)


def scope(user, queryset: QuerySet, field: str = "agency", action: str = "view") -> QuerySet:
    """Restrict ``queryset`` to records of agencies where the user may perform ``action``."""
    ids = access_for(user).agency_ids(ACTIONS[action])
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def scope_subtree(
    user, queryset: QuerySet, agency: Agency, field: str = "agency", action: str = "view"
) -> QuerySet:
    """Records of ``agency`` and of every agency below it, restricted to those the user may
    ``action``: the disclosure office's view of its government's subtree; staff of one department
    see that department only (their role does not reach further)."""
    return scope(user, queryset.filter(**{f"{field}__path__startswith": agency.path}), field, action)


def subtree_agencies(user, agency: Agency, action: str = "view") -> QuerySet:
    """``agency`` and the agencies below it that the user may ``action``, in tree order (for the
    agency column and filter of the workbench lists)."""
    queryset = Agency.objects.filter(path__startswith=agency.path)
    ids = access_for(user).agency_ids(ACTIONS[action])
    if ids is not None:
        queryset = queryset.filter(id__in=ids)
    return queryset.order_by("path", "sort_order", "id")


def scope_or_public(user, queryset: QuerySet, public: Q, field: str = "agency") -> QuerySet:
    """Public records for everyone, plus the non-public records the user may view."""
    ids = access_for(user).agency_ids(Rank.HANDLER)
    if ids is None:
        return queryset
    return queryset.filter(public | Q(**{f"{field}__in": ids}))


def get_for(user, queryset: QuerySet, *, action: str = "view", field: str = "agency", **lookup):
    """Fetch one record the user may act on, or raise ``NotFound``/``Forbidden``."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise NotFound()
    agency_id = _agency_id_of(obj, field)
    require(user, action, agency_id)
    return obj


def _agency_id_of(obj, field: str) -> int | None:
    current = obj
    parts = field.split("__")
    for part in parts[:-1]:
        current = getattr(current, part)
    return getattr(current, f"{parts[-1]}_id")


def _rank_label(rank: Rank) -> str:
    return {Rank.HANDLER: "经办人", Rank.REVIEWER: "审核人", Rank.ADMIN: "机构管理员"}.get(rank, "")
