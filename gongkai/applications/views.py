"""Public pages: the guide, the online application form and the receipt page.

Nothing personal is ever shown on these pages: the receipt shows the progress that
``presenters.tracking`` gives to anyone holding the code. The tracking page, letters, online
correction and receipt PDF are in ``track_views``.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.applications import public_access, selectors, services
from gongkai.applications.choices import Outcome, State
from gongkai.applications.forms import ApplicationForm
from gongkai.applications.presenters import tracking
from gongkai.core import ratelimit
from gongkai.core.errors import DomainError, InvalidInput, NotFound, RateLimited

SECTION = {"nav_section": "apply"}


def guide(request):
    return render(request, "applications/guide.html", SECTION)


@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            attempt = ratelimit.check_submission(request)
        except RateLimited as error:
            form.add_error(None, error.message)
            return render(request, "applications/apply.html", {"form": form, "error_summary": form.shown_again(), **SECTION}, status=429)
        if form.is_valid():
            try:
                application = services.submit_online(
                    agency=form.cleaned_data["agency"], applicant=form.applicant, **form.content()
                )
            except InvalidInput as error:
                form.add_service_errors(error)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                ratelimit.accepted(attempt)
                public_access.remember(
                    request, application.tracking_code
                )  # the submitter may print the receipt
                return redirect("applications:receipt", code=application.tracking_code)
        status = 400
    return render(request, "applications/apply.html", {"form": form, "error_summary": form.shown_again(), **SECTION}, status=status)


def _progress(code: str) -> dict:
    row = tracking(selectors.by_tracking_code(code))
    row["state_label"] = State(row["state"]).label if row["state"] in State.values else row["state"]
    row["outcome_label"] = Outcome(row["outcome"]).label if row["outcome"] in Outcome.values else ""
    return row


def receipt(request, code: str):
    try:
        progress = _progress(code)
    except NotFound:
        return render(
            request, "applications/track.html", {"code": code, "missing": True, **SECTION}, status=404
        )
    return render(request, "applications/receipt.html", {"progress": progress, **SECTION})
