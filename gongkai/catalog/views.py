"""Public pages of the catalogue: index by agency → column → year, items, interpretations, statistics."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_tree
from gongkai.catalog import charts, related, selectors, text
from gongkai.catalog.models import Attachment, Column, Item
from gongkai.catalog.vocabulary import Genre, Topic, Validity
from gongkai.core.parsing import parse_int

PAGE_SIZE = 20


def index(request):
    counts = dict(
        Item.objects.public().values_list("agency").annotate(n=Count("id")).values_list("agency", "n")
    )
    rows = [(agency, depth, counts.get(agency.pk, 0)) for agency, depth in agency_tree()]
    latest = selectors.public_items()[:10]
    return render(request, "catalog/index.html", {"rows": rows, "latest": latest, "nav_section": "catalog"})


def _filters(request) -> dict:
    filters = {}
    for name, choices in (("genre", Genre), ("topic", Topic), ("validity", Validity)):
        value = request.GET.get(name, "")
        if value in choices.values:
            filters[name] = value
    year = request.GET.get("year", "")
    if 1949 <= (parse_int(year) or 0) <= 9999:
        filters["year"] = int(year)
    return filters


def agency_catalog(request, code, column=None):
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404("未找到该机构")
    if agency.merged_into_id:
        target = agency.successor()
        if column:
            return redirect("catalog:column", code=target.code, column=column, permanent=True)
        return redirect("catalog:agency", code=target.code, permanent=True)
    chosen = None
    if column:
        chosen = Column.objects.filter(agency=agency, code=column).first()
        if chosen is None:
            raise Http404("未找到该栏目")
    filters = _filters(request)
    base = selectors.filter_items(selectors.public_items(), agency=agency, column=column)
    queryset = selectors.filter_items(base, **filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.column_counts(agency)
    columns = [(item, counts.get(item.code, 0)) for item in selectors.agency_columns(agency)]
    context = {
        "agency": agency,
        "column": chosen,
        "columns": columns,
        "page": page,
        "years": selectors.years_of(base),
        "filters": filters,
        "query": urlencode(filters),
        "genres": Genre.choices,
        "topics": Topic.choices,
        "validities": Validity.choices,
        "nav_section": "catalog",
    }
    return render(request, "catalog/agency.html", context)


def item_detail(request, index_no):
    item = selectors.public_item(index_no)
    context = {
        "item": item,
        "body": mark_safe(text.with_scrollable_tables(item.body)),  # noqa: S308 (sanitised when saved)
        "related_links": related.links_for(item),
        # The documents this one amended (their 修改后文件): linked back, as the API's ``predecessors``.
        "predecessors": [other for other in item.predecessors.order_by("amended_on", "pk") if other.is_public],
        "nav_section": "catalog",
    }
    return render(request, "catalog/item.html", context)


def interpretations(request):
    queryset = selectors.public_interpretations()
    agency = Agency.objects.filter(code=request.GET.get("agency", "")).first()
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "agency": agency, "query": urlencode({"agency": agency.code} if agency else {})}
    return render(request, "catalog/interpretations.html", {**context, "nav_section": "interpretations"})


def statistics(request):
    agency = Agency.objects.filter(code=request.GET.get("agency", "")).first()
    table = charts.column_year_table(selectors.statistics(agency), selectors.items_per_year(agency))
    return render(
        request,
        "catalog/statistics.html",
        {
            "agency": agency,
            "table": table,
            "chart": charts.bar_chart(table["year_totals"]),
            "agencies": [row for row, _ in agency_tree()],
            "nav_section": "catalog",
        },
    )


def attachment(request, pk):
    found = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    if not found.item.is_public:
        raise Http404("未找到该附件")
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.name, content_type=found.content_type
    )
