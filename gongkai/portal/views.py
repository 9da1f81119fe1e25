"""Public portal pages: home, agency pages (old agencies redirect), accessibility.

The contacts of every agency are shown on the 互动交流 page (``gongkai.interaction``)."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_tree


def home(request):
    agencies = agency_tree()
    return render(request, "portal/home.html", {"agency_rows": agencies})


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
