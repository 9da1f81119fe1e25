"""Workbench pages for letters: download a letter, and the agency's letter templates."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.applications import selectors
from gongkai.applications.letters import render as letter_render
from gongkai.applications.letters import services as letter_services
from gongkai.applications.letters import texts
from gongkai.applications.letters.context import VARIABLES, letter_for
from gongkai.applications.workbench_forms import TemplateUploadForm
from gongkai.core import documents
from gongkai.core.errors import DomainError
from gongkai.workbench.context import staff_view


@staff_view
def letter(request, pk: int, event_id: int, fmt: str):
    if fmt not in ("docx", "pdf"):
        raise Http404("格式不正确")
    application = selectors.application_for(request.user, pk)
    found = letter_for(application, event_id)
    docx = letter_render.to_docx(found)
    content = docx if fmt == "docx" else letter_render.to_pdf(found, docx)
    return documents.file_response(content, found.filename(fmt), fmt, fallback=found.ascii_filename(fmt))


def _rows(agency):
    rows = []
    for kind, (title, label) in texts.KINDS.items():
        custom = letter_render.agency_template(agency, kind)
        if custom is None:
            source = "系统默认模板"
        elif custom.agency_id == agency.pk:
            source = f"本机关模板（{timezone.localtime(custom.uploaded_at):%Y-%m-%d %H:%M}）"
        else:
            source = f"沿用{custom.agency.name}的模板"
        rows.append(
            {
                "kind": kind,
                "title": title,
                "label": label,
                "source": source,
                "own": custom is not None and custom.agency_id == agency.pk,
            }
        )
    return rows


@staff_view
def templates(request):
    agency = request.agency
    if agency is None:
        return redirect("workbench:home")
    permissions.require(request.user, "view", agency)
    context = {
        "rows": _rows(agency),
        "form": TemplateUploadForm(),
        "can_manage": permissions.may(request.user, "manage", agency),
        "variables": list(VARIABLES.items()),
    }
    return render(request, "applications/workbench_templates.html", context)


@staff_view
def template_file(request, kind: str):
    if kind not in texts.KINDS or request.agency is None:
        raise Http404("没有这种文书")
    permissions.require(request.user, "view", request.agency)
    content = letter_render.template_bytes(request.agency, kind)
    return documents.file_response(
        content, f"{texts.KINDS[kind][1]}模板.docx", "docx", fallback=f"template-{kind}.docx"
    )


@require_POST
@staff_view
def template_upload(request, kind: str):
    if kind not in texts.KINDS or request.agency is None:
        raise Http404("没有这种文书")
    try:
        if request.POST.get("reset"):
            letter_services.reset_letter_template(request.agency, kind, actor=request.user)
            messages.success(request, f"已恢复默认模板：{texts.KINDS[kind][1]}")
        else:
            form = TemplateUploadForm(request.POST, request.FILES)
            if not form.is_valid():
                messages.error(request, "请选择模板文件")
                return redirect("applications_staff:templates")
            upload = form.cleaned_data["file"]
            content = upload.read(letter_services.MAX_TEMPLATE_BYTES + 1)
            letter_services.upload_letter_template(request.agency, kind, content, actor=request.user)
            messages.success(request, f"已更换模板：{texts.KINDS[kind][1]}")
    except DomainError as error:
        messages.error(request, f"{texts.KINDS[kind][1]}：{error.message}")
    return redirect("applications_staff:templates")
