"""Workbench page: staff paste a text and see what screening finds (Art. 17 保密审查)."""

from django.shortcuts import render

from gongkai.core.errors import DomainError
from gongkai.screening import screen
from gongkai.screening.forms import ScreeningForm
from gongkai.workbench.context import staff_view


@staff_view
def index(request):
    form = ScreeningForm(request.POST or None)
    findings = None
    if request.method == "POST" and form.is_valid():
        try:
            findings = screen.screen_text(form.cleaned_data["text"])
        except DomainError as error:
            form.add_error("text", error.message)
    return render(
        request,
        "screening/index.html",
        {"form": form, "findings": findings, "text": form.data.get("text", "")},
    )
