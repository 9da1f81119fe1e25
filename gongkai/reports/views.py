"""Portal pages: published annual reports, laid out like the national format."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from gongkai.agencies.models import Agency
from gongkai.core import documents
from gongkai.core.parsing import parse_int
from gongkai.reports import render as report_render
from gongkai.reports import selectors


def index(request):
    year = request.GET.get("year", "")
    reports = selectors.published_list(year=parse_int(year))
    years = sorted({entry["year"] for entry in selectors.published_list()}, reverse=True)
    return render(
        request,
        "reports/index.html",
        {"reports": reports, "years": years, "year": year, "nav_section": "reports"},
    )


def _public_document(request, agency: str, year: int) -> dict:
    revision = request.GET.get("revision", "")
    scope = "tree" if request.GET.get("scope") == "tree" else "agency"
    return selectors.report_for(
        None, agency, year, scope=scope, revision=parse_int(revision), published=True
    )


def report(request, agency: str, year: int):
    document = _public_document(request, agency, year)
    context = report_render.context(document)
    has_children = Agency.objects.filter(parent__code=agency, active=True).exists()
    context.update({"nav_section": "reports", "query": request.GET.urlencode(), "has_children": has_children})
    return render(request, "reports/report.html", context)


def download(request, agency: str, year: int, fmt: str):
    if fmt not in report_render.FORMATS:
        raise Http404("不支持的格式")
    document = _public_document(request, agency, year)
    content = report_render.FORMATS[fmt](document)
    return documents.file_response(content, report_render.filename(document, fmt), fmt)
