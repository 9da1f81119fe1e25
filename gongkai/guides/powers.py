"""Reads of 权责清单: the current revision per agency, filters, and the completeness check
(missing 设定依据 / 实施主体 / 职权类型 / 责任事项; indicator ``powers_incomplete``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from gongkai.guides.checks import is_blank
from gongkai.guides.models import PowerEntry, PowerList

REQUIRED = (("basis", "设定依据"), ("implementing_body", "实施主体"), ("power_type", "职权类型"),
            ("responsibilities", "责任事项"))  # fmt: skip


def current_list(agency) -> PowerList | None:
    return PowerList.objects.filter(agency=agency).order_by("-revision").first()


def current_lists(agency_ids=None, on: dt.date | None = None) -> QuerySet:
    """The newest revision of each agency (in force ``on`` a day, when given: revised by then)."""
    lists = PowerList.objects.select_related("agency").filter(agency__active=True).order_by("agency_id", "-revision")
    if agency_ids is not None:
        lists = lists.filter(agency_id__in=agency_ids)
    if on is not None:
        lists = lists.filter(revised_on__lte=on)
    newest: dict[int, int] = {}
    for power_list in lists.only("id", "agency_id"):
        newest.setdefault(power_list.agency_id, power_list.pk)
    return PowerList.objects.filter(pk__in=newest.values()).select_related("agency").order_by("agency__path")


def entries(power_list: PowerList, *, power_type: str | None = None, query: str | None = None) -> QuerySet:
    queryset = power_list.entries.all()
    if power_type:
        queryset = queryset.filter(power_type=power_type)
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return queryset


def missing_of(entry: PowerEntry) -> list[str]:
    """Required fields left empty or filled with a placeholder (无、暂无、待补充…), as in the guides."""
    return [label for field, label in REQUIRED if is_blank(getattr(entry, field))]


def incomplete(power_list: PowerList) -> list[tuple[PowerEntry, list[str]]]:
    return [(entry, missing) for entry in power_list.entries.all() if (missing := missing_of(entry))]


def powers_incomplete(agency_ids, today: dt.date) -> list[tuple[PowerEntry, list[str]]]:
    """``powers_incomplete``: entries of the agencies' lists in force on ``today`` (a revision made
    after a past day was not yet in force) missing a required field."""
    found = []
    for power_list in current_lists(agency_ids, today):
        found += incomplete(power_list)
    return found
