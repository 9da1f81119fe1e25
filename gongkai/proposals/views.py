"""Public pages under /proposals/: published answers to suggestions and proposals (nothing about
the proposers), the yearly handling reports, and the key tasks with their progress."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from gongkai.agencies.models import Agency
from gongkai.proposals import presenters, selectors
from gongkai.proposals.vocabulary import KIND_LABELS

PAGE_SIZE = 20


def index(request):
    agency = Agency.objects.filter(code=request.GET.get("agency", "")).first()
    kind = request.GET.get("kind", "")
    kind = kind if kind in {str(k) for k in KIND_LABELS} else ""
    agency_ids = [agency.pk] if agency else None
    queryset = selectors.published_proposals(agency_ids=agency_ids, kind=kind or None)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [presenters.public_payload(proposal) for proposal in page.object_list],
        "reports": selectors.year_reports(agency_ids)[:10],
        "agency": agency,
        "kind": kind,
        "kinds": [(str(k), label) for k, label in KIND_LABELS.items()],
        "query": urlencode({k: v for k, v in (("agency", agency.code if agency else ""), ("kind", kind)) if v}),
        "nav_section": "proposals",
    }
    return render(request, "proposals/index.html", context)


def tasks(request):
    today = timezone.localdate()
    agency = Agency.objects.filter(code=request.GET.get("agency", "")).first()
    queryset = selectors.public_tasks(agency_ids=[agency.pk] if agency else None)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [presenters.task_payload(task, today) for task in page.object_list],
        "agency": agency,
        "query": urlencode({"agency": agency.code} if agency else {}),
        "nav_section": "proposals",
    }
    return render(request, "proposals/tasks.html", context)
