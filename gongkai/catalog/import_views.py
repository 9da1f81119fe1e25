"""Workbench import: upload files → confirm what was extracted (editable) → drafts via the services.

The prepared candidates wait in the session between the two steps (JSON, no extra table), so any
app server can take the confirmation request.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.catalog.files import SHEET_KINDS, sniff
from gongkai.catalog.import_candidates import Candidate, finish, prepare_file, prepare_sheet, set_doc_number
from gongkai.catalog.import_creation import ImportResult, import_candidate, imported_keys
from gongkai.catalog.import_forms import MAX_ROWS, CandidateFormSet, UploadForm
from gongkai.core.errors import DomainError
from gongkai.workbench.context import staff_view

SESSION_KEY = "catalog_import"
DATE_FIELDS = ("formed_on", "published_on")
UNSELECTED = "unselected"  # a row left unticked in the preview: listed on the result page, not created


def _may_import(request) -> bool:
    return request.agency is not None and permissions.may(request.user, "edit", request.agency)


@staff_view
def upload(request):
    if not _may_import(request):
        messages.error(request, "您在当前机构没有起草信息的权限")
        return redirect("workbench:home")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        candidates, notes = _prepare(form.cleaned_data["files"], form.cleaned_data["genre"])
        for note in notes:
            messages.warning(request, note)
        if not candidates:
            form.add_error("files", "没有找到可导入的信息")
        elif len(candidates) > MAX_ROWS:
            form.add_error(
                "files",
                f"共 {len(candidates)} 条，一次最多导入 {MAX_ROWS} 条：请拆分表格分批导入，"
                "或在服务器上使用 import_items 命令",
            )
        else:
            known = imported_keys(request.agency)
            for candidate in candidates:
                if (candidate.title, candidate.doc_number) in known:
                    candidate.warnings.append("本机构已有同名同文号的信息，确认时将跳过")
            token = secrets.token_urlsafe(12)
            request.session[SESSION_KEY] = {
                "token": token,
                "agency": request.agency.pk,
                "candidates": [_dump(candidate) for candidate in candidates],
            }
            return redirect("catalog_staff:import_confirm", token=token)
    return render(request, "catalog/import_upload.html", {"form": form})


def _prepare(uploads, genre: str) -> tuple[list[Candidate], list[str]]:
    today = timezone.localdate()
    contents = {upload.name: upload.read() for upload in uploads}
    sheets, documents, unreadable, notes = {}, {}, {}, []
    for name, data in contents.items():
        try:
            kind = sniff(name, data)
        except DomainError as error:
            # Kept: a sheet row naming the file reports why it cannot be read, not that it is missing.
            documents[name], unreadable[name] = data, error.message
            continue
        (sheets if kind in SHEET_KINDS else documents)[name] = data
    candidates: list[Candidate] = []
    named_by_sheets: set[str] = set()
    for name, data in sheets.items():
        try:
            rows, sheet_notes = prepare_sheet(name, data, genre=genre, today=today, files=documents)
        except DomainError as error:
            notes.append(error.message)
            continue
        notes += [f"{name}：{note}" for note in sheet_notes]
        candidates += rows
        named_by_sheets |= set(_files_named(data, name))
    notes += [message for name, message in unreadable.items() if name not in named_by_sheets]
    for name, data in documents.items():
        if name not in unreadable and name not in named_by_sheets:
            candidates.append(prepare_file(name, data, genre=genre, today=today))
    return candidates, notes


def _files_named(data: bytes, name: str) -> list[str]:
    from gongkai.catalog.files import read_sheet

    return [str(row.values.get("file") or "").strip() for row in read_sheet(name, data).rows]


def _dump(candidate: Candidate) -> dict:
    data = dataclasses.asdict(candidate)
    for key in DATE_FIELDS:
        data[key] = data[key].isoformat() if data[key] else None
    return data


def _load(data: dict) -> Candidate:
    data = dict(data)
    for key in DATE_FIELDS:
        data[key] = dt.date.fromisoformat(data[key]) if data[key] else None
    return Candidate(**data)


@staff_view
def confirm(request, token: str):
    stored = request.session.get(SESSION_KEY)
    if not stored or stored["token"] != token or stored["agency"] != getattr(request.agency, "pk", None):
        messages.error(request, "导入内容已过期或已处理，请重新上传")
        return redirect("catalog_staff:import_upload")
    if not _may_import(request):
        return redirect("workbench:home")
    candidates = [_load(data) for data in stored["candidates"]]
    initial = [
        {
            "include": candidate.ok,
            "title": candidate.title,
            "doc_number": candidate.doc_number,
            "genre": candidate.genre or "other",
            "formed_on": candidate.formed_on,
            "keywords": candidate.keywords,
        }
        for candidate in candidates
    ]
    formset = CandidateFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        results = _create(request, candidates, formset.cleaned_data)
        del request.session[SESSION_KEY]
        return render(request, "catalog/import_done.html", {"results": results})
    rows = list(zip(candidates, formset.forms, strict=True))
    return render(request, "catalog/import_confirm.html", {"formset": formset, "rows": rows})


def _create(request, candidates, cleaned) -> list[tuple[Candidate, object]]:
    today = timezone.localdate()
    known = imported_keys(request.agency)
    results = []
    for candidate, data in zip(candidates, cleaned, strict=True):
        if not data.get("include"):
            results.append((candidate, ImportResult(UNSELECTED)))
            continue
        edited = dataclasses.replace(
            candidate,
            title=data["title"].strip(),
            doc_number="",
            genre=data["genre"],
            formed_on=data["formed_on"],
            keywords=data["keywords"].strip(),
            errors=[error for error in candidate.errors if _still_applies(error)],
            warnings=[],
        )
        if data["doc_number"].strip():
            set_doc_number(edited, data["doc_number"].strip())
        edited = finish(edited, today=today)
        outcome = import_candidate(
            edited, actor=request.user, agency=request.agency, publish=False, today=today, known=known
        )
        results.append((edited, outcome))
    return results


def _still_applies(error: str) -> bool:
    """Errors about fields the confirmation form edits are checked again; the rest (unreadable file) stay."""
    return not any(word in error for word in ("信息名称", "体裁", "生成日期", "发布日期"))
