"""Public pages of 互动交流: the form, receipt, tracking with rating, published messages, FAQ and the
statistics. Nothing personal is ever shown here: pages render ``presenters.tracking`` and
``presenters.public_row`` only."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_tree, public_agencies
from gongkai.core import ratelimit
from gongkai.core.captcha import captcha_mode
from gongkai.core.errors import DomainError, InvalidInput, NotFound, RateLimited
from gongkai.core.identifiers import is_tracking_code_shaped
from gongkai.core.parsing import parse_int
from gongkai.interaction import presenters, selectors, services
from gongkai.interaction.forms import MessageForm, RatingForm
from gongkai.interaction.vocabulary import Kind, Rating, State

SECTION = {"nav_section": "interaction"}
PAGE_SIZE = 20


def _agency(code: str) -> Agency | None:
    return Agency.objects.filter(code=code[:32], active=True).first() if code else None


def index(request):
    contacts = [agency for agency, _ in agency_tree() if agency.phone or agency.email or agency.address]
    latest = [presenters.public_row(message) for message in selectors.published()[:5]]
    return render(request, "interaction/index.html", {"contacts": contacts, "latest": latest, **SECTION})


@require_http_methods(["GET", "POST"])
def write(request):
    mode = captcha_mode(request)
    initial = {"agency": _agency(request.GET.get("agency", ""))}
    if request.GET.get("kind") in {member.value for member in Kind}:  # ?kind=error_report: 我为政府网站找错
        initial["kind"] = request.GET["kind"]
    form = MessageForm(request.POST or None, captcha_mode=mode, initial=initial)
    status = 200
    if request.method == "POST":
        try:
            attempt = ratelimit.check_submission(request)
        except RateLimited as error:
            form.add_error(None, error.message)
            return render(request, "interaction/write.html", {"form": form, "error_summary": form.shown_again(), **SECTION}, status=429)
        if form.is_valid():
            try:
                message = services.submit_online(agency=form.cleaned_data["agency"], **form.content())
            except InvalidInput as error:
                form.add_service_errors(error)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                ratelimit.accepted(attempt)
                return redirect("interaction:receipt", code=message.tracking_code)
        status = 400
    return render(request, "interaction/write.html", {"form": form, "error_summary": form.shown_again(), **SECTION}, status=status)


def _progress(code: str) -> dict:
    message = selectors.by_tracking_code(code)
    row = presenters.tracking(message, timezone.localdate())
    # Once published, the writer is led to the public page (the same test as that page's).
    if message.published and selectors.published().filter(pk=message.pk).exists():
        row["public_url"] = reverse("interaction:message", args=[message.pk])
    row["state_label"] = State.label_of(row["state"])
    row["kind_label"] = Kind.label_of(row["kind"])
    row["rating_label"] = presenters.rating_label(row["rating"])
    return row


def receipt(request, code: str):
    progress = _progress(code)  # an unknown code: 404 (DomainErrorPageMiddleware)
    return render(request, "interaction/receipt.html", {"progress": progress, **SECTION})


def track(request):
    code = (request.GET.get("code") or "").strip()[:20]
    context = {"code": code, "rating_form": RatingForm(), **SECTION}
    if not code:  # the form sent blank: said in Chinese here, not by the browser's own check
        context["blank"] = "code" in request.GET
        return render(request, "interaction/track.html", context, status=400 if context["blank"] else 200)
    if not is_tracking_code_shaped(code):
        context["misshapen"] = True
        return render(request, "interaction/track.html", context, status=400)
    try:
        context["progress"] = _progress(code)
    except NotFound:
        context["missing"] = True
        return render(request, "interaction/track.html", context, status=404)
    return render(request, "interaction/track.html", context)


@require_http_methods(["GET", "POST"])
def rate(request, code: str):
    message = selectors.by_tracking_code(code)
    if request.method != "POST":  # the form's address opened by hand: back to the tracking page
        return redirect(reverse("interaction:track") + f"?code={message.tracking_code}")
    form = RatingForm(request.POST)
    context = {"code": code, "rating_form": form, **SECTION}
    if form.is_valid():
        try:
            services.rate(message, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect(reverse("interaction:track") + f"?code={message.tracking_code}")
    context["progress"] = _progress(code)
    return render(request, "interaction/track.html", context, status=400)


def _filters(request) -> dict:
    agency = _agency(request.GET.get("agency", ""))
    kind = request.GET.get("kind", "")
    return {"agency": agency, "kind": kind if kind in Kind.__members__.values() else ""}


def message_list(request):
    filters = _filters(request)
    queryset = selectors.published(agency=filters["agency"], kind=filters["kind"] or None)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [presenters.public_row(message) for message in page.object_list]
    query = "&".join(
        part
        for part in (
            f"agency={filters['agency'].code}" if filters["agency"] else "",
            f"kind={filters['kind']}" if filters["kind"] else "",
        )
        if part
    )
    context = {
        "rows": rows,
        "page": page,
        "query": query,
        "agencies": public_agencies(),
        "kinds": Kind.choices(),
        "chosen": filters,
        **SECTION,
    }
    return render(request, "interaction/messages.html", context)


def message_page(request, pk: int):
    message = selectors.published().filter(pk=pk).first()
    if message is None:
        raise Http404("未找到该公开留言")
    return render(request, "interaction/message.html", {"row": presenters.public_row(message), **SECTION})


def faqs(request):
    agency = _agency(request.GET.get("agency", ""))
    topic = (request.GET.get("topic") or "")[:40]
    entries = list(selectors.public_faqs(agency=agency, topic=topic or None))
    context = {
        "entries": entries,
        "topics": selectors.faq_topics(agency),
        "agencies": public_agencies(),
        "chosen_agency": agency,
        "chosen_topic": topic,
        **SECTION,
    }
    return render(request, "interaction/faqs.html", context)


def statistics(request):
    today = timezone.localdate()
    agency = _agency(request.GET.get("agency", ""))
    year = parse_int(request.GET.get("year", "")) or today.year
    if not 2000 <= year <= today.year:
        year = today.year
    rows, total = selectors.year_statistics(agency=agency, year=year, until=today)
    context = {
        "rows": rows,
        "total": total,
        "year": year,
        "years": list(range(today.year, today.year - 5, -1)),
        "agencies": public_agencies(),
        "chosen_agency": agency,
        "ratings": Rating.choices(),
        **SECTION,
    }
    return render(request, "interaction/statistics.html", context)
