"""Workbench pages of opinion solicitation: the list, the draft form, and one page per solicitation
with its comments (grouping, decisions), the feedback editor, the final policy and the export."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from gongkai.agencies import permissions
from gongkai.catalog import selectors as catalog_selectors
from gongkai.core.errors import DomainError
from gongkai.solicitation import exports, presenters, selectors, services
from gongkai.solicitation.vocabulary import STATE_LABELS
from gongkai.solicitation.workbench_detail import FailedDecision, comment_url, detail_page, solicitation_url
from gongkai.solicitation.workbench_forms import (
    AttachmentForm,
    ExtendForm,
    NoteForm,
    RegisterCommentForm,
    SolicitationForm,
)
from gongkai.workbench.context import staff_view

PAGE_SIZE = 30


def _solicitation(request, pk, action="view"):
    return selectors.staff_solicitation(request.user, pk, action=action)


def _done(request, solicitation, call, success: str, anchor: str = ""):
    """Run one service call; its domain error becomes a message next to the page's forms."""
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(f"{solicitation_url(solicitation)}{anchor}")


@staff_view
def solicitation_list(request):
    today = timezone.localdate()
    state = request.GET.get("state", "")
    queryset = selectors.staff_solicitations(
        request.user, today=today, state=state or None, agency=request.agency, subtree=True
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(entry, presenters.period_payload(entry, today)) for entry in page.object_list]
    recent = selectors.recent_count(request.agency, today) if request.agency else 0
    context = {
        "rows": rows,
        "page": page,
        "query": urlencode({"state": state} if state else {}),
        "state": state,
        "states": [(code.value, label) for code, label in STATE_LABELS.items()],
        "note": selectors.agency_settings(request.agency) if request.agency else None,
        "recent": recent,
        "note_form": NoteForm(needed=not recent),
    }
    return render(request, "solicitation/workbench/list.html", context)


@staff_view
def solicitation_new(request):
    if request.agency is None or not permissions.may(request.user, "edit", request.agency):
        raise Http404("无可用机构")
    return _form(request, None, SolicitationForm(request.POST or None))


@staff_view
def solicitation_edit(request, pk):
    solicitation = _solicitation(request, pk, "edit")
    initial = {name: getattr(solicitation, name) for name in SolicitationForm.base_fields}
    return _form(request, solicitation, SolicitationForm(request.POST or None, initial=initial))


PERIOD_ERRORS = {"period_too_short": "closes_on", "invalid_period": "closes_on"}


def _form(request, solicitation, form):
    status = 422 if form.is_bound else 200  # a refused form is shown again with 422
    if request.method == "POST" and form.is_valid():
        try:
            if solicitation is None:
                solicitation = services.create_solicitation(
                    actor=request.user, agency=request.agency, **form.cleaned_data
                )
            else:
                services.update_solicitation(solicitation, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            # A period refused as too short or inverted is shown at the closing date, where it is fixed.
            field = PERIOD_ERRORS.get(error.code) or error.details.get("field")
            form.add_error(field if field in form.fields else None, error.message)
            status = error.status
        else:
            messages.success(request, "已保存")
            return redirect("solicitation_staff:detail", pk=solicitation.pk)
    context = {"form": form, "solicitation": solicitation}
    return render(request, "solicitation/workbench/form.html", context, status=status)


@staff_view
def solicitation_detail(request, pk):
    return detail_page(request, _solicitation(request, pk))


@staff_view
@require_POST
def attach(request, pk):
    solicitation = _solicitation(request, pk, "edit")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():  # shown again in the attachments panel, the display name kept
        return detail_page(request, solicitation, attachment_form=form, status=422)
    upload, name = form.cleaned_data["file"], form.cleaned_data["name"]
    try:
        services.attach_file(solicitation, actor=request.user, upload=upload, name=name or None)
    except DomainError as error:
        if not error.code.startswith("attachment_"):  # e.g. already published: no form to show it in
            messages.error(request, error.message)
            return redirect(f"{solicitation_url(solicitation)}#attachments")
        form.add_error("file", error.message)
        return detail_page(request, solicitation, attachment_form=form, status=error.status)
    messages.success(request, f"已上传附件“{name or upload.name}”")
    return redirect(f"{solicitation_url(solicitation)}#attachments")


@staff_view
@require_POST
def detach(request, pk, attachment_pk):
    solicitation = _solicitation(request, pk, "edit")
    found = selectors.attachment_of(solicitation, attachment_pk)
    return _done(
        request,
        solicitation,
        lambda: services.remove_attachment(found, actor=request.user),
        f"已删除附件“{found.name}”",
        "#attachments",
    )


@staff_view
def attachment_file(request, pk, attachment_pk):
    """Staff read a draft's files before they are public."""
    found = selectors.attachment_of(_solicitation(request, pk), attachment_pk)
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.name, content_type=found.content_type
    )


@staff_view
@require_POST
def publish(request, pk):
    solicitation = _solicitation(request, pk)
    reason = request.POST.get("override_reason", "")
    return _done(
        request,
        solicitation,
        lambda: services.publish_solicitation(solicitation, actor=request.user, override_reason=reason),
        "已发布，开始征求意见",
    )


@staff_view
@require_POST
def extend(request, pk):
    solicitation = _solicitation(request, pk)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写延长后的截止日期和理由")
        return redirect(solicitation_url(solicitation))
    return _done(
        request,
        solicitation,
        lambda: services.extend_period(solicitation, actor=request.user, **form.cleaned_data),
        "已延长征求意见期限并公告",
    )


def _decide(request, solicitation, target: str, pk: int, call, success: str, done_url: str, empty: str):
    """Record one decision; a refused one is shown again in its own form with the choice and reason."""
    decision, reason = request.POST.get("decision", ""), request.POST.get("reason", "")
    if not decision:
        failed = FailedDecision(target, pk, decision, reason, empty, "decision")
        return detail_page(request, solicitation, failed_decision=failed, status=422)
    try:
        call(decision, reason)
    except DomainError as error:
        field = "reason" if error.code == "reason_required" else "decision"
        failed = FailedDecision(target, pk, decision, reason, error.message, field)
        return detail_page(request, solicitation, failed_decision=failed, status=error.status)
    messages.success(request, success)
    return redirect(done_url)


@staff_view
@require_POST
def decide(request, pk, comment_pk):
    solicitation = _solicitation(request, pk, "edit")
    comment = selectors.staff_comment(request.user, pk, comment_pk)
    return _decide(
        request,
        solicitation,
        "comment",
        comment.pk,
        lambda decision, reason: services.decide_comment(
            comment, actor=request.user, decision=decision, reason=reason
        ),
        f"第{comment.number}条意见已处理",
        comment_url(solicitation, comment),
        f"请选择第{comment.number}条意见的采纳情况",
    )


@staff_view
@require_POST
def register(request, pk):
    solicitation = _solicitation(request, pk, "edit")
    form = RegisterCommentForm(request.POST)
    if not form.is_valid():  # shown again with the errors next to the fields and the text kept
        return detail_page(request, solicitation, register_form=form, status=400)
    try:
        services.register_comment(solicitation, actor=request.user, **form.cleaned_data)
    except DomainError as error:
        form.add_error(None, error.message)
        return detail_page(request, solicitation, register_form=form, status=error.status)
    messages.success(request, "已登记该条意见")
    return redirect(f"{solicitation_url(solicitation)}#comments")


@staff_view
@require_POST
def group(request, pk):
    solicitation = _solicitation(request, pk, "edit")
    ids = [int(value) for value in request.POST.getlist("comments") if value.isdigit()]
    summary = request.POST.get("summary", "")
    return _done(
        request,
        solicitation,
        lambda: services.group_comments(solicitation, actor=request.user, comment_ids=ids, summary=summary),
        "已归为一组",
        "#comments",
    )


@staff_view
@require_POST
def decide_group(request, pk, group_pk):
    solicitation = _solicitation(request, pk, "edit")
    found = selectors.group_of(solicitation, group_pk)
    return _decide(
        request,
        solicitation,
        "group",
        found.pk,
        lambda decision, reason: services.decide_group(
            found, actor=request.user, decision=decision, reason=reason
        ),
        "该组意见已处理",
        f"{solicitation_url(solicitation)}#group-{found.pk}",
        "请选择该组意见的采纳情况",
    )


def _posted_rows(post) -> list[dict]:
    rows = []
    for index in post.getlist("row"):
        if not post.get(f"row-{index}-include"):
            continue
        ids = [int(value) for value in post.get(f"row-{index}-comments", "").split(",") if value.isdigit()]
        rows.append(
            {
                "comments": ids,
                "summary": post.get(f"row-{index}-summary", ""),
                "decision": post.get(f"row-{index}-decision", ""),
                "reason": post.get(f"row-{index}-reason", ""),
            }
        )
    return rows


@staff_view
@require_POST
def feedback(request, pk):
    solicitation = _solicitation(request, pk)
    today = timezone.localdate()
    return _done(
        request,
        solicitation,
        lambda: services.publish_feedback(
            solicitation,
            actor=request.user,
            on=today,
            summary=request.POST.get("summary", ""),
            rows=_posted_rows(request.POST),
            override_reason=request.POST.get("override_reason", ""),
        ),
        "意见采纳情况已公布",
        "#feedback",
    )


@staff_view
@require_POST
def link_final(request, pk):
    solicitation = _solicitation(request, pk)
    index_no = request.POST.get("index_no", "").strip()
    item = catalog_selectors.public_items().filter(index_no=index_no).first()
    if item is None:
        messages.error(request, f"未找到索引号为“{index_no}”的已公开信息")
        return redirect(solicitation_url(solicitation))
    return _done(
        request,
        solicitation,
        lambda: services.link_final_item(solicitation, actor=request.user, item=item),
        "已关联正式出台的文件",
    )


@staff_view
def export(request, pk):
    solicitation = _solicitation(request, pk)
    personal = selectors.sees_commenters(request.user, solicitation.agency_id)
    return exports.comments_response(solicitation, personal=personal)


@staff_view
def comment_file(request, pk, comment_pk):
    comment = selectors.staff_comment(request.user, pk, comment_pk, action="view")
    if not comment.attachment or not selectors.sees_commenters(request.user, comment.solicitation.agency_id):
        raise Http404("未找到该附件")
    return FileResponse(
        comment.attachment.open("rb"),
        as_attachment=True,
        filename=comment.attachment_name,
        content_type=comment.attachment_type,
    )


@staff_view
@require_POST
def note(request):
    if request.agency is None:
        raise Http404("无可用机构")
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写情况说明")
    else:
        try:
            services.write_note(request.agency, actor=request.user, text=form.cleaned_data["text"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "情况说明已更新")
    return redirect("solicitation_staff:list")
