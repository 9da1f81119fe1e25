"""Public portal pages: home, agency pages (old agencies redirect), accessibility, 网站地图.

The contacts of every agency are shown on the 互动交流 page (``gongkai.interaction``)."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_tree
from gongkai.applications import selectors as application_selectors
from gongkai.catalog import selectors as catalog_selectors
from gongkai.catalog.vocabulary import Genre
from gongkai.solicitation import selectors as solicitation_selectors

HOME_LATEST = 8
HOME_BLOCK = 6


def home(request):
    """The blocks a visitor looks for first: latest items, notices, policy interpretations, open
    solicitations and the year's application figures, then the agencies."""
    today = timezone.localdate()
    items = catalog_selectors.public_items()
    context = {
        "agency_rows": agency_tree(),
        "latest": list(items[:HOME_LATEST]),
        "notices": list(items.filter(genre=Genre.NOTICE)[:HOME_BLOCK]),
        "interpretations": list(catalog_selectors.public_interpretations()[:HOME_BLOCK]),
        "solicitations": list(
            solicitation_selectors.public_solicitations(today=today, state="open")[:HOME_BLOCK]
        ),
        "application_figures": application_selectors.public_statistics(today.year),
    }
    return render(request, "portal/home.html", context)


def agency_detail(request, code):
    agency = Agency.objects.select_related("parent").filter(code=code).first()
    if agency is None:
        raise Http404("未找到该机构")
    if agency.merged_into_id:
        # 机构改革: the old address keeps working and leads to the successor.
        return redirect("portal:agency", code=agency.successor().code, permanent=True)
    children = agency.children.filter(active=True).order_by("sort_order", "id")
    merged_from = agency.merged_from.all().order_by("merged_on")
    return render(
        request, "portal/agency.html", {"agency": agency, "children": children, "merged_from": merged_from}
    )


def accessibility(request):
    return render(request, "portal/accessibility.html")


def favicon(request):
    return HttpResponsePermanentRedirect(static("portal/favicon.svg"))


# 网站地图: the portal's sections and their pages (a page of an app that is not installed is left out).
SITEMAP_SECTIONS = [
    ("首页", [("首页", "portal:home")]),
    (
        "信息公开目录",
        [
            ("信息公开目录", "catalog:index"),
            ("政策解读", "catalog:interpretations"),
            ("公开统计", "catalog:statistics"),
        ],
    ),
    (
        "依申请公开",
        [
            ("申请须知", "applications:guide"),
            ("在线提交申请", "applications:apply"),
            ("办理进度查询", "applications:track"),
        ],
    ),
    ("办事服务", [("办事指南", "guides:index"), ("权责清单", "guides:powers")]),
    ("建议提案办理", [("建议提案办理", "proposals:index"), ("重点工作任务分工及进展", "proposals:tasks")]),
    ("意见征集", [("意见征集", "solicitation:index")]),
    (
        "互动交流",
        [
            ("互动交流", "interaction:index"),
            ("我要写信", "interaction:write"),
            ("留言查询", "interaction:track"),
            ("留言选登", "interaction:messages"),
            ("常见问题", "interaction:faqs"),
            ("留言统计", "interaction:statistics"),
        ],
    ),
    ("年度报告", [("政府信息公开工作年度报告", "reports:index")]),
    ("网站服务", [("站内搜索", "search:results"), ("无障碍说明", "portal:accessibility")]),
]


def _sections() -> list[dict]:
    sections = []
    for title, pages in SITEMAP_SECTIONS:
        links = []
        for label, name in pages:
            try:
                links.append({"label": label, "url": reverse(name)})
            except NoReverseMatch:
                continue
        if links:
            sections.append({"title": title, "links": links})
    return sections


def sitemap_page(request):
    return render(request, "portal/sitemap.html", {"sections": _sections(), "agency_rows": agency_tree()})
