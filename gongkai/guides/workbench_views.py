"""Workbench pages of service guides: the agency's guides with the inspection's check and
deduction, the editor, the XLSX import (problems by sheet line) and export."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.core.documents import file_response
from gongkai.core.errors import DomainError
from gongkai.guides import (
    coverage,
    exports,
    powers,
    prescreen,
    selectors,
    services,
    standard_report,
    stored_checks,
)
from gongkai.guides.checks import ELEMENT_LABELS
from gongkai.guides.models import StandardEntry
from gongkai.guides.services.guides import TEXT_FIELDS
from gongkai.guides.workbench_forms import GuideForm, ImportForm, OverrideForm, materials_text
from gongkai.screening.screen import KIND_LABELS
from gongkai.workbench.context import staff_view

PAGE_SIZE = 30


def _require_agency(request, action="view"):
    if request.agency is None or not permissions.may(request.user, action, request.agency):
        raise Http404("无可用机构")
    return request.agency


@staff_view
def guide_list(request):
    agency = _require_agency(request)
    guides = selectors.staff_guides(request.user, agency=agency)
    page = Paginator(guides, PAGE_SIZE).get_page(request.GET.get("page"))
    deduction, findings = selectors.check_agency(agency)
    by_guide: dict[int, list] = {}
    for finding in findings:
        by_guide.setdefault(finding.guide, []).append(finding)
    context = {
        "rows": [(guide, by_guide.get(guide.pk, [])) for guide in page.object_list],
        "page": page,
        "deduction": deduction,
        "missing_labels": [ELEMENT_LABELS[element] for element in deduction.missing_elements],
        "finding_count": len(findings),
        "import_form": ImportForm(),
        "problems": request.session.pop("guides_import_problems", None),
        "screened_out": request.session.pop("guides_import_screened_out", None),
    }
    return render(request, "guides/workbench/list.html", context)


@staff_view
def guide_new(request):
    _require_agency(request, "edit")
    return _form(request, None, GuideForm(request.POST or None))


@staff_view
def guide_edit(request, pk):
    guide = selectors.staff_guide(request.user, pk, action="edit")
    initial = {name: getattr(guide, name) for name in GuideForm.base_fields if name != "materials"}
    initial["materials"] = materials_text(guide)
    return _form(request, guide, GuideForm(request.POST or None, initial=initial))


def _screening(texts: list[tuple[str, str]]) -> dict:
    """The screening of ``texts`` for ``screening/_findings.html``, and whether it blocks."""
    findings = prescreen.screen(texts, today=timezone.localdate())
    view = prescreen.combined_view(texts, findings, services.field_labels())
    view["blocking"] = bool(prescreen.blocking(findings))
    return view


def _pending_screening(guide, data: dict, materials: list[dict]) -> dict | None:
    """After a refused save: the blocking findings in what the save would have put on the portal
    (as the service screens it: all of a new guide, the changed text of a public one), or None."""
    if guide is not None and not guide.public:
        return None
    texts = prescreen.guide_texts(data, materials, TEXT_FIELDS)
    if guide is not None:
        texts = prescreen.changed_texts(services.public_texts(guide), texts)
    view = _screening(texts)
    return view if view["blocking"] else None


def _warn_findings(request, guide) -> None:
    """After a save: what screening asks to check on the public page (warnings, overrides)."""
    if not guide.public:
        return
    findings = prescreen.screen(services.public_texts(guide), today=timezone.localdate())
    if findings:
        labels = services.field_labels()
        listed = "；".join(
            f"{prescreen.field_label(f['field'], labels)}：{KIND_LABELS.get(f['kind'], f['kind'])} {f['masked']}"
            for f in findings
        )
        messages.warning(request, f"发布前审查提示{len(findings)}处需核实的内容（{listed}），请确认可以公开")


def _form(request, guide, form):
    agency = guide.agency if guide else request.agency
    override = OverrideForm(request.POST or None)
    screening = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        materials = data.pop("materials")
        reason = override.cleaned_data["override_reason"] if override.is_valid() else ""
        try:
            if guide is None:
                guide = services.create_guide(
                    actor=request.user, agency=request.agency, materials=materials, override_reason=reason, **data
                )
            else:
                guide = services.update_guide(
                    guide, actor=request.user, materials=materials, override_reason=reason, **data
                )
        except DomainError as error:
            form.add_refusal(error)
            form.focus_first_error()
            screening = _pending_screening(guide, data, materials)
        else:
            messages.success(request, f"已保存办事指南“{guide.name}”")
            _warn_findings(request, guide)
            return redirect("guides_staff:detail", pk=guide.pk)
    context = {
        "form": form,
        "guide": guide,
        "screening": screening,
        "override_form": override,
        "can_review": permissions.may(request.user, "review", agency),
    }
    return render(request, "guides/workbench/form.html", context)


@staff_view
def guide_detail(request, pk):
    guide = selectors.staff_guide(request.user, pk)
    context = {
        "guide": guide,
        "findings": stored_checks.findings_of([guide]),
        # Put back on the portal, the whole text is screened: shown beforehand, as for a catalogue draft.
        "screening": None if guide.public else _screening(services.public_texts(guide)),
        "override_form": OverrideForm(),
        "can_review": permissions.may(request.user, "review", guide.agency),
    }
    return render(request, "guides/workbench/detail.html", context)


@staff_view
def guide_visibility(request, pk):
    if request.method != "POST":
        raise Http404
    guide = selectors.staff_guide(request.user, pk)
    public = request.POST.get("public") == "1"
    override = OverrideForm(request.POST)
    reason = override.cleaned_data["override_reason"] if override.is_valid() else ""
    try:
        services.set_public(
            guide, actor=request.user, public=public, reason=request.POST.get("reason", ""), override_reason=reason
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已在门户公开" if public else "已从门户撤下")
        if public:
            _warn_findings(request, guide)
    return redirect("guides_staff:detail", pk=guide.pk)


@staff_view
def guide_import(request):
    agency = _require_agency(request, "edit")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_guides(actor=request.user, agency=agency, name=upload.name, data=upload.read())
        except DomainError as error:
            messages.error(request, error.message)
            request.session["guides_import_problems"] = (error.details or {}).get("problems", [])
        else:
            screened_out = result.get("screened_out", [])
            messages.success(
                request,
                f"导入完成：新增{result['created']}项，更新{result['updated']}项"
                + (f"；{len(screened_out)}项未通过发布前审查，未导入（见下表）" if screened_out else ""),
            )
            if screened_out:
                request.session["guides_import_screened_out"] = [
                    {key: row[key] for key in ("line", "column", "message")} for row in screened_out
                ]
    elif request.method == "POST":
        messages.error(request, "请选择要导入的 XLSX 文件")
    return redirect(reverse("guides_staff:list"))


@staff_view
def guide_export(request):
    agency = _require_agency(request)
    return exports.guides_response(selectors.staff_guides(request.user, agency=agency), agency)


@staff_view
def power_lists(request):
    return _power_page(request, _require_agency(request))


def _power_page(request, agency, **refusal):
    revisions = list(agency.power_lists.order_by("-revision")[:20])
    current = revisions[0] if revisions else None
    context = {
        "revisions": revisions,
        "current": current,
        "incomplete": powers.incomplete(current) if current else [],
        "import_form": ImportForm(label="权责清单表格（XLSX）"),
        "problems": request.session.pop("powers_import_problems", None),
        **_import_screening(request, agency, **refusal),
    }
    return render(request, "guides/workbench/powers.html", context)


# The refusals of an import that the page answers with the findings and the reviewer's override.
SCREENING_REFUSALS = frozenset({"screening_findings", "override_reason_insufficient", "override_needs_reviewer"})


def _import_screening(request, agency, *, error=None, view=None, override=None) -> dict:
    """The context of a sheet import refused by screening: the error, the rows refused (line,
    column, masked findings), the findings over the texts (``screening/_findings.html``) and the
    reviewer's override field, which keeps what was typed."""
    if error is None:
        return {"screening": None, "override_form": OverrideForm()}
    return {
        "screening": view,
        "screening_error": error.message,
        "screened_out": (error.details or {}).get("screened_out"),
        "override_form": override,
        "can_review": permissions.may(request.user, "review", agency),
    }


def _sheet_import(request, agency, run, screening_view, problems_key: str, page):
    """Import the uploaded sheet with ``run(name, data, override_reason)``: a screening refusal is
    answered on the page itself (the findings and the override), any other refusal by its problems."""
    form = ImportForm(request.POST or None, request.FILES or None)
    override = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        reason = override.cleaned_data["override_reason"] if override.is_valid() else ""
        try:
            return run(upload.name, data, reason)
        except DomainError as error:
            if error.code in SCREENING_REFUSALS:
                messages.error(request, error.message)
                return page(request, agency, error=error, view=screening_view(upload.name, data), override=override)
            messages.error(request, error.message)
            request.session[problems_key] = (error.details or {}).get("problems", [])
    elif request.method == "POST":
        messages.error(request, "请选择要导入的 XLSX 文件")
    return None


@staff_view
def power_import(request):
    agency = _require_agency(request, "review")

    def run(name, data, reason):
        power_list = services.import_powers(
            actor=request.user, agency=agency, name=name, data=data, override_reason=reason
        )
        messages.success(request, f"已导入权责清单第{power_list.revision}版")
        return None

    answer = _sheet_import(request, agency, run, services.powers_screening, "powers_import_problems", _power_page)
    return answer or redirect(reverse("guides_staff:powers"))


@staff_view
def standard(request):
    return _standard_page(request, _require_agency(request))


def _standard_page(request, agency, **refusal):
    today = timezone.localdate()
    rows = standard_report.report(agency, today)
    status = request.GET.get("status", "")
    shown = [row for row in rows if not status or row.result.status == status]
    context = {
        "rows": shown,
        "counts": standard_report.counts(rows),
        "labels": coverage.COVERAGE_LABELS,
        "status": status,
        "statuses": [(str(code), label) for code, label in coverage.COVERAGE_LABELS.items()],
        "columns": agency.catalog_columns.order_by("order", "id"),
        "import_form": ImportForm(label="标准目录表格（XLSX）"),
        "problems": request.session.pop("standard_import_problems", None),
        "today": today,
        **_import_screening(request, agency, **refusal),
    }
    return render(request, "guides/workbench/standard.html", context)


@staff_view
def standard_xlsx(request):
    agency = _require_agency(request)
    today = timezone.localdate()
    content = standard_report.report_xlsx(agency, standard_report.report(agency, today), today)
    return file_response(content, f"标准目录覆盖情况-{agency.code}.xlsx", "xlsx")


@staff_view
def standard_import(request):
    agency = _require_agency(request, "review")

    def run(name, data, reason):
        result = services.import_standard(actor=request.user, agency=agency, name=name, data=data, override_reason=reason)
        messages.success(request, f"已导入{result['entries']}项（新增{result['created']}项，删除{result['removed']}项）")
        return None

    answer = _sheet_import(
        request, agency, run, services.standard_screening, "standard_import_problems", _standard_page
    )
    return answer or redirect(reverse("guides_staff:standard"))


def _entry(request, pk):
    entry = permissions.get_for(request.user, StandardEntry.objects.select_related("agency"), action="edit", pk=pk)
    return entry


@staff_view
def standard_entry_act(request, pk):
    if request.method != "POST":
        raise Http404
    entry = _entry(request, pk)
    action = request.POST.get("action", "")
    try:
        if action in ("link", "unlink"):
            column = entry.agency.catalog_columns.filter(pk=request.POST.get("column") or 0).first()
            if column is None:
                raise Http404
            call = services.link_column if action == "link" else services.unlink_column
            call(entry, actor=request.user, column=column)
        elif action == "confirm":
            import datetime as dt

            try:
                on = dt.date.fromisoformat(request.POST.get("date", ""))
            except ValueError:
                messages.error(request, "请填写确认日期")
                return redirect(reverse("guides_staff:standard") + f"#entry-{entry.pk}")
            services.confirm_channel(entry, actor=request.user, channel=request.POST.get("channel", ""), on=on)
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已保存")
    return redirect(reverse("guides_staff:standard") + f"#entry-{entry.pk}")
