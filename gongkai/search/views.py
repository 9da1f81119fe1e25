"""The public results page: the same search as ``GET /api/v1/search``, rendered."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render

from gongkai.core.errors import InvalidInput, NotFound
from gongkai.core.parsing import parse_int
from gongkai.search import indexing, selectors

PAGE_SIZE = 20
FILTERS = ("agency", "genre", "year", "column", "validity")


def _params(request) -> selectors.SearchParams:
    get = request.GET
    year = get.get("year", "")
    page = get.get("page", "1")
    return selectors.SearchParams(
        q=get.get("q", ""),
        agency=get.get("agency", "")[:32],
        genre=get.get("genre", "")[:24],
        year=int(year) if 1900 <= (parse_int(year) or 0) <= 2999 else None,
        column=get.get("column", "")[:40],
        validity=get.get("validity", "")[:12],
        sort=get.get("sort", "relevance") if get.get("sort") in selectors.SORTS else "relevance",
        page=int(page) if 0 < (parse_int(page) or 0) <= 10_000 else 1,
        size=PAGE_SIZE,
        exact=get.get("exact") == "1",
    )


def _link(params: selectors.SearchParams, **changes) -> str:
    values = {"q": params.q, "sort": params.sort if params.sort != "relevance" else ""}
    values.update({name: getattr(params, name) or "" for name in FILTERS})
    values["exact"] = "1" if params.exact else ""
    values.update(changes)
    return "?" + urlencode({k: v for k, v in values.items() if v not in ("", None)})


def _choices() -> dict:
    """Agencies (indented by depth) and genres for the advanced form, by name rather than code."""
    from gongkai.agencies.models import Agency

    agencies = Agency.objects.filter(active=True).order_by("path").values_list("code", "name", "path")
    return {
        "agency_choices": [(code, "\u3000" * path.strip("/").count("/") + name) for code, name, path in agencies],
        "genre_choices": list(indexing.genre_labels().items()),
    }


def results(request):
    params = _params(request)
    context = {"params": params, "search_query": params.q, "outcome": None, "error": None, **_choices()}
    if params.q.strip():
        try:
            outcome = selectors.search(params)
        except InvalidInput as error:
            context["error"] = error.message
        except (NotFound, selectors.SearchTimeout) as error:  # an unknown agency; the time limit
            context["error"] = error.message
            return render(request, "search/results.html", context, status=error.status)
        else:
            active = any(getattr(params, name) for name in FILTERS)
            if outcome.redirect and outcome.redirect["url"] and params.page == 1 and not active:
                return redirect(outcome.redirect["url"])
            context["outcome"] = outcome
            context["facets"] = [
                (
                    label,
                    name,
                    [(f, _link(params, **{name: f["value"]}, page="")) for f in outcome.facets[name]],
                )
                for label, name in (("发布机构", "agency"), ("体裁分类", "genre"), ("发布年份", "year"))
            ]
            context["active_filters"] = [
                (name, getattr(params, name), _link(params, **{name: ""}))
                for name in FILTERS
                if getattr(params, name)
            ]
            # no hits and no filter to take off: an empty box beside "找到 0 条结果" says nothing
            context["facets_shown"] = bool(context["active_filters"]) or any(v for _, _, v in context["facets"])
            pages = (outcome.total + PAGE_SIZE - 1) // PAGE_SIZE
            context["total_display"] = f"{outcome.total:,}"
            context["exact_link"] = _link(params, exact="1")
            context["first_number"] = (params.page - 1) * PAGE_SIZE + 1
            context["pages"] = pages
            context["previous_link"] = _link(params, page=params.page - 1) if params.page > 1 else ""
            context["next_link"] = _link(params, page=params.page + 1) if params.page < pages else ""
            context["sort_links"] = [
                ("relevance", "按相关度", _link(params, sort="", page="")),
                ("date", "按发布日期", _link(params, sort="date", page="")),
            ]
            if outcome.suggestion:
                context["suggestion_link"] = _link(params, q=outcome.suggestion, page="")
    return render(request, "search/results.html", context)
