"""Reads of service guides: the public portal (public guides of active agencies), the staff view
(agency scope), the check per agency, and the indicators of domain/services.md."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from gongkai.agencies import permissions
from gongkai.core.errors import NotFound
from gongkai.guides import checks, stored_checks
from gongkai.guides.models import Guide, Material

MAX_ID = 2**63 - 1


def _with_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("agency").prefetch_related(
        Prefetch("materials", queryset=Material.objects.order_by("position"))
    )


def _require_id(pk: int) -> None:
    if not 0 < pk <= MAX_ID:
        raise NotFound("guide_not_found", "未找到该办事指南")


def public_guides(*, agency_ids=None, topic: str | None = None, query: str | None = None) -> QuerySet:
    queryset = Guide.objects.filter(public=True, agency__active=True)
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=agency_ids)
    if topic:
        queryset = queryset.filter(topic=topic)
    if query:
        queryset = queryset.filter(name__icontains=query)
    return _with_relations(queryset).order_by("agency__path", "topic", "name", "id")


def public_guide(pk: int) -> Guide:
    _require_id(pk)
    guide = _with_relations(Guide.objects.filter(pk=pk, public=True, agency__active=True)).first()
    if guide is None:
        raise NotFound("guide_not_found", "未找到该办事指南")
    return guide


def topics(agency_ids=None) -> list[str]:
    queryset = Guide.objects.filter(public=True, agency__active=True).exclude(topic="")
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=agency_ids)
    return sorted(set(queryset.values_list("topic", flat=True)))


def agencies_with_guides():
    from gongkai.agencies.models import Agency

    return Agency.objects.filter(service_guides__public=True, active=True).distinct().order_by("path")


def staff_guides(user, *, agency=None) -> QuerySet:
    queryset = permissions.scope(user, Guide.objects.all())
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    return _with_relations(queryset).order_by("topic", "name", "id")


def staff_guide(user, pk: int, action: str = "view") -> Guide:
    _require_id(pk)
    return permissions.get_for(user, _with_relations(Guide.objects.all()), action=action, pk=pk)


def check_agency(agency) -> tuple[checks.Deduction, list[checks.Finding]]:
    """The inspection's view of one agency: its public guides, their findings and the deduction
    (a kind of element counts once however many guides miss it)."""
    return stored_checks.check_agency(_with_relations(Guide.objects.filter(agency=agency, public=True)))


# --- Indicators (the self-check registers them; each returns the records that cause it) ----------


def guide_missing_element(agency_ids, today: dt.date) -> list[tuple[Guide, list[checks.Element]]]:
    """``guide_missing_element``: public guides missing any of the eight elements, with the
    elements; the deduction is ``checks.deduction`` over them per agency. A guide created after
    ``today`` (a past day) did not exist then; guides keep no history, so an older one is read as
    it stands now."""
    guides = _with_relations(
        Guide.objects.filter(agency_id__in=agency_ids, public=True, created_at__date__lte=today)
    )
    return [(guide, missing) for guide in guides if (missing := checks.missing_elements(_facts(guide)))]


def guide_missing_deduction(agency_id, today: dt.date) -> checks.Deduction:
    """The deduction of one agency (−2 per missing element kind, at most −16)."""
    findings = stored_checks.findings_of(_with_relations(Guide.objects.filter(agency_id=agency_id, public=True)))
    return checks.deduction(findings)


def guide_promise_exceeds_statute(agency_ids, today: dt.date) -> QuerySet:
    """``guide_promise_exceeds_statute``: the promised limit is longer than the statutory one
    (guides created by ``today``, as ``guide_missing_element``)."""
    from django.db.models import F

    return Guide.objects.filter(
        agency_id__in=agency_ids,
        public=True,
        created_at__date__lte=today,
        statutory_days__isnull=False,
        promised_days__isnull=False,
        promised_days__gt=F("statutory_days"),
    ).select_related("agency")


def _facts(guide: Guide) -> checks.GuideFacts:
    return stored_checks.facts_of(guide, {})
