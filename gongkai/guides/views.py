"""Public pages of service guides under /guides/: the list by agency and topic, and one guide per
page laid out to print (the portal's print stylesheet drops the navigation)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from gongkai.agencies.models import Agency
from gongkai.guides import powers, selectors
from gongkai.guides.checks import ELEMENT_LABELS, Element
from gongkai.guides.vocabulary import POWER_TYPE_LABELS

PAGE_SIZE = 30


def index(request):
    agency = Agency.objects.filter(code=request.GET.get("agency", ""), active=True).first()
    agency_ids = [agency.pk] if agency else None
    topic = (request.GET.get("topic") or "").strip()[:60]
    query = (request.GET.get("q") or "").strip()[:100]
    queryset = selectors.public_guides(agency_ids=agency_ids, topic=topic or None, query=query or None)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "agency": agency,
        "topic": topic,
        "q": query,
        "agencies": selectors.agencies_with_guides(),
        "topics": selectors.topics(agency_ids),
        "query": urlencode({k: v for k, v in (("agency", agency.code if agency else ""), ("topic", topic), ("q", query)) if v}),
        "nav_section": "guides",
    }
    return render(request, "guides/index.html", context)


def detail(request, pk: int):
    guide = selectors.public_guide(pk)
    context = {
        "guide": guide,
        "labels": {element.value: ELEMENT_LABELS[element] for element in Element},
        "nav_section": "guides",
    }
    return render(request, "guides/detail.html", context)


def power_list(request):
    """The current 权责清单 of an agency, with its date, filtered by type."""
    lists = list(powers.current_lists())
    agency = Agency.objects.filter(code=request.GET.get("agency", ""), active=True).first()
    current = powers.current_list(agency) if agency else (lists[0] if len(lists) == 1 else None)
    power_type = request.GET.get("type", "")
    power_type = power_type if power_type in {str(code) for code in POWER_TYPE_LABELS} else ""
    query = (request.GET.get("q") or "").strip()[:100]
    page = None
    if current is not None:
        queryset = powers.entries(current, power_type=power_type or None, query=query or None)
        page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    context = {
        "lists": lists,
        "current": current,
        "page": page,
        "power_type": power_type,
        "q": query,
        "types": [(str(code), label) for code, label in POWER_TYPE_LABELS.items()],
        "query": urlencode({k: v for k, v in (("agency", current.agency.code if current else ""), ("type", power_type), ("q", query)) if v}),
        "nav_section": "guides",
    }
    return render(request, "guides/powers.html", context)
