"""The applicant's side: the tracking page, its letters, the online correction and the receipt PDF.

The tracking code alone shows progress: the public timeline (acts and dates, no staff names),
what to supply while a 补正 is outstanding and the fee while a fee notice is out. The letters, the
receipt with the description and the online correction need the phone number given in the
application as a second factor (``public_access``).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.applications import public_access, selectors, services, stored_clock
from gongkai.applications.choices import Action, Channel, FeeMethod, Outcome, State
from gongkai.applications.clock import effective, voids_by_target
from gongkai.applications.letters import render as letter_render
from gongkai.applications.letters import texts
from gongkai.applications.letters.context import PAYMENT_INFO_ELSEWHERE, letter_for
from gongkai.applications.lifecycle import unconfirmed_year_label
from gongkai.applications.presenters import tracking
from gongkai.core import documents
from gongkai.core.errors import DomainError, InvalidInput, NotFound, RateLimited
from gongkai.core.identifiers import is_tracking_code_shaped

SECTION = {"nav_section": "apply"}
MAX_CODE = 40
BLANK_CODE = "请填写查询码"
MISSHAPEN_CODE = "查询码为12位字母和数字（见提交申请后的回执），请核对后重新输入"


def _application(code: str):
    try:
        return selectors.by_tracking_code(code[:MAX_CODE])
    except NotFound as error:
        raise Http404(error.message) from error


def _letters(application, rows) -> list[dict]:
    """The letters sent to the applicant that are in force, oldest first."""
    voided = voids_by_target(stored_clock.to_clock_event(row) for row in rows)
    letters = []
    for row in rows:
        kind = texts.kind_for(row.action, (row.data or {}).get("outcome", ""))
        if kind and row.pk not in voided:
            letters.append({"event": row.pk, "title": texts.KINDS[kind][0], "date": row.on})
    return letters


def progress_context(request, application) -> dict:
    """Everything the tracking page shows of ``application`` to this visitor."""
    row = tracking(application)
    rows = list(application.events.order_by("on", "id"))
    clock = stored_clock.clock_for(application, events=[stored_clock.to_clock_event(item) for item in rows])
    row["state_label"] = State(row["state"]).label if row["state"] in State.values else row["state"]
    row["outcome_label"] = Outcome(row["outcome"]).label if row["outcome"] in Outcome.values else ""
    acts = effective(stored_clock.to_clock_event(item) for item in rows)
    row["timeline"] = [
        {
            "action": event.action,
            "label": Action(event.action).label if event.action in Action.values else event.action,
            "date": event.on,
        }
        for event in acts
    ]
    if clock.is_open and "due_on" in clock.unknown_dates:
        # The limit runs but its last day lies in a year whose schedule is not confirmed: not a pause.
        row["due_waits_for_year"] = unconfirmed_year_label(clock.unconfirmed_year, clock.unconfirmed_region)
    if "correction_items" in row:
        row["correction_respond_by"] = clock.correction_respond_by
    if "fee" in row:
        method = clock.fee_method or ""
        # The split (一事一申请) comes with the fee (``tracking``), as the API gives it.
        row["fee"].update(
            method_label=FeeMethod(method).label if method in FeeMethod.values else "",
            pay_by=clock.fee_pay_by,
            how_to_pay=PAYMENT_INFO_ELSEWHERE,
        )
    verified = public_access.verified(request, application.tracking_code)
    context = {
        "progress": row,
        "agency": application.agency,
        "verified": verified,
        "can_correct": row["state"] == State.CORRECTION_REQUESTED,
        **SECTION,
    }
    if verified:
        context["letters"] = _letters(application, rows)
        context["corrections"] = list(application.online_corrections.prefetch_related("attachments"))
    return context


@require_GET
def track(request):
    code = (request.GET.get("code") or "").strip()[:MAX_CODE]
    context = {"code": code, **SECTION}
    if not code:  # the form sent blank: said in Chinese next to the field, not by the browser
        context["code_error"] = BLANK_CODE if "code" in request.GET else ""
        return render(request, "applications/track.html", context, status=400 if context["code_error"] else 200)
    if not is_tracking_code_shaped(code):
        context["code_error"] = MISSHAPEN_CODE
        return render(request, "applications/track.html", context, status=400)
    try:
        application = selectors.by_tracking_code(code)
    except NotFound:
        context["missing"] = True
        return render(request, "applications/track.html", context, status=404)
    context.update(progress_context(request, application))
    return render(request, "applications/track.html", context)


def _page_with_error(request, application, field: str, error: DomainError, **kept):
    context = {"code": application.tracking_code, **progress_context(request, application), **kept}
    context[f"{field}_error"] = error.message
    # The part of the form at fault (``details.field``), so the message stands at that field.
    context[f"{field}_error_field"] = error.details.get("field", "")
    status = 429 if isinstance(error, RateLimited) else (422 if isinstance(error, InvalidInput) else 409)
    return render(request, "applications/track.html", context, status=status)


def _back(application, anchor: str = ""):
    return redirect(f"{reverse('applications:track')}?code={application.tracking_code}{anchor}")


# A form's own address opened by hand (the page shown after a wrong entry, reloaded or bookmarked)
# goes back to the tracking page instead of a blank 405.
@require_http_methods(["GET", "POST"])
def verify(request, code: str):
    application = _application(code)
    if request.method != "POST":
        return _back(application, "#letters")
    try:
        public_access.check_phone(request, application, request.POST.get("phone", "")[:40])
    except DomainError as error:
        return _page_with_error(request, application, "verify", error)
    return _back(application, "#letters")


@require_GET
def letter(request, code: str, event_id: int):
    application = _application(code)
    if not public_access.verified(request, application.tracking_code):
        return _back(application, "#letters")
    if not any(item["event"] == event_id for item in _letters(application, list(application.events.all()))):
        raise Http404("没有这份文书")
    found = letter_for(application, event_id)
    content = letter_render.to_pdf(found, letter_render.to_docx(found))
    return documents.file_response(content, found.filename("pdf"), "pdf", fallback=found.ascii_filename("pdf"))


@require_http_methods(["GET", "POST"])
def correct(request, code: str):
    application = _application(code)
    if request.method != "POST" or not public_access.verified(request, application.tracking_code):
        return _back(application, "#letters")
    text = request.POST.get("text", "")
    try:
        services.submit_correction(application, text=text, files=request.FILES.getlist("files"))
    except DomainError as error:
        # What was typed is shown again; files cannot be (the browser must choose them anew).
        return _page_with_error(request, application, "correction", error, correction_text=text)
    return _back(application, "#correction")


def receipt_html(application) -> str:
    first = application.events.order_by("on", "id").first()
    return render_to_string(
        "applications/receipt_pdf.html",
        {
            "application": application,
            "agency": application.agency,
            "submitted_on": first.on if first else application.created_at.date(),
            "channel_label": Channel(application.channel).label
            if application.channel in Channel.values
            else "",
            "online": application.channel == Channel.ONLINE,
        },
    )


RECEIPT_CSS = """
h1 { font-size: 18pt; text-align: center; margin: 0 0 12pt; letter-spacing: 2pt; }
th { width: 28%; text-align: left; font-weight: normal; background: #f2f2f2; }
td, th { padding: 5pt 6pt; }
.code { font-size: 15pt; letter-spacing: 1pt; font-weight: bold; }
.note { margin-top: 12pt; font-size: 10pt; }
.stamp { margin-top: 24pt; text-align: right; }
"""


@require_GET
def receipt_pdf(request, code: str):
    application = _application(code)
    if not public_access.verified(request, application.tracking_code):
        return _back(application, "#letters")
    content = documents.html_to_pdf(receipt_html(application), css=RECEIPT_CSS)
    code = application.tracking_code
    return documents.file_response(
        content, f"政府信息公开申请回执-{code}.pdf", "pdf", fallback=f"receipt-{code}.pdf"
    )
