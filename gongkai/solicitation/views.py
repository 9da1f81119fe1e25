"""Public pages of opinion solicitation: open ones with a countdown, closed ones with their feedback,
each draft with the comment form (captcha and rate limit like the other public forms)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_tree
from gongkai.core import ratelimit
from gongkai.core.captcha import captcha_mode
from gongkai.core.errors import DomainError
from gongkai.solicitation import presenters, selectors, services
from gongkai.solicitation.forms import CommentForm
from gongkai.solicitation.models import Attachment
from gongkai.solicitation.vocabulary import State

PAGE_SIZE = 20
TABS = [(State.OPEN, "正在征集"), (State.CLOSED, "已截止"), (State.FEEDBACK_PUBLISHED, "采纳情况")]


def index(request):
    today = timezone.localdate()
    state = request.GET.get("state") or State.OPEN
    if state not in {tab for tab, _ in TABS}:
        state = State.OPEN
    agency = Agency.objects.filter(code=request.GET.get("agency", "")).first()
    queryset = selectors.public_solicitations(
        today=today, state=state, agency_ids=[agency.pk] if agency else None
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [presenters.public_payload(entry, today, full=False) for entry in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "state": state,
        "tabs": TABS,
        "agency": agency,
        "note": _note(agency, today),
        "quiet": agency is not None and not selectors.recent_count(agency, today),
        "agencies": [row for row, _ in agency_tree()],
        "query": urlencode(
            {
                key: value
                for key, value in (("state", state), ("agency", agency.code if agency else ""))
                if value
            }
        ),
        "nav_section": "solicitation",
    }
    return render(request, "solicitation/index.html", context)


def _note(agency, today):
    """The agency's explanatory note, shown when it had nothing out for comment in twelve months."""
    if agency is None or selectors.recent_count(agency, today):
        return None
    return selectors.note_in_force(agency, today)


def detail(request, pk):
    solicitation = selectors.public_solicitation(pk)
    today = timezone.localdate()
    payload = presenters.public_payload(solicitation, today)
    form = CommentForm(captcha_mode=captcha_mode(request))
    return _render_detail(request, solicitation, payload, form)


def _render_detail(request, solicitation, payload, form, status=200):
    context = {"solicitation": solicitation, "s": payload, "form": form, "nav_section": "solicitation"}
    return render(request, "solicitation/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def comment(request, pk):
    solicitation = selectors.public_solicitation(pk)
    if request.method == "GET":  # e.g. the captcha's "text alternative" link on a refused form
        query = request.GET.urlencode()
        return redirect(f"{solicitation.get_absolute_url()}{'?' + query if query else ''}#comment-form")
    form = CommentForm(request.POST, request.FILES, captcha_mode=captcha_mode(request))
    payload = presenters.public_payload(solicitation, timezone.localdate())
    if not form.is_valid():
        return _render_detail(request, solicitation, payload, form, status=422)
    try:
        attempt = ratelimit.check_submission(request)
        received = services.submit_comment(
            solicitation,
            text=form.cleaned_data["text"],
            name=form.cleaned_data["name"],
            contact=form.cleaned_data["contact"],
            upload=form.cleaned_data.get("attachment"),
        )
        ratelimit.accepted(attempt)
    except DomainError as error:
        # a refused file is marked on the file field; other refusals (closed, too many) at the top
        form.add_error("attachment" if error.code.startswith("attachment_") else None, error.message)
        return _render_detail(request, solicitation, payload, form, status=error.status)
    messages.success(request, f"您的意见已提交（第{received.number}条），感谢您的参与。")
    # The page's top, where the confirmation is shown (at the form's anchor it was off screen).
    # "#top" (HTML: the document's top) is explicit: a redirect without a fragment keeps the
    # form action's "#comment-form".
    return redirect(f"{solicitation.get_absolute_url()}#top")


def attachment(request, pk, attachment_pk):
    found = get_object_or_404(
        Attachment.objects.select_related("solicitation"), pk=attachment_pk, solicitation_id=pk
    )
    if not found.solicitation.is_published:
        raise Http404("未找到该附件")
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.name, content_type=found.content_type
    )
