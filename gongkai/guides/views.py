"""Public pages of service guides under /guides/: the list by agency and topic, and one guide per
page laid out to print (the portal's print stylesheet drops the navigation)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from gongkai.agencies.models import Agency
from gongkai.guides import selectors
from gongkai.guides.checks import ELEMENT_LABELS, Element

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
