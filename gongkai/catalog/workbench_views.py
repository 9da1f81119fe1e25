"""Workbench pages of the catalogue: item list, draft form, screening, publication, validity."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.catalog import ledger as catalog_ledger
from gongkai.catalog import prescreen, selectors, services
from gongkai.catalog.forms import (
    ACT_FORMS,
    CatalogSettingsForm,
    ItemForm,
    LedgerForm,
    PublishForm,
    initial_for,
)
from gongkai.catalog.index_assignment import pattern_for
from gongkai.catalog.models import CatalogSettings
from gongkai.catalog.vocabulary import ALWAYS_APPLICABLE, ART20_CATEGORIES, ItemState
from gongkai.core.documents import file_response
from gongkai.core.errors import DomainError
from gongkai.screening.screen import KIND_LABELS
from gongkai.workbench.context import staff_view

FIELD_LABELS = {"title": "信息名称", "summary": "内容概述", "body": "正文"}


def _item(request, item_id, action="view"):
    return selectors.item_for(request.user, item_id, action=action)


@staff_view
def item_list(request):
    """The items of the current agency — for the disclosure office, of every agency below it as
    well, with the agency as a column and a filter."""
    state = request.GET.get("state", "")
    agencies = list(permissions.subtree_agencies(request.user, request.agency)) if request.agency else []
    chosen = next((agency for agency in agencies if agency.code == request.GET.get("agency")), None)
    if chosen is not None:
        queryset = selectors.staff_items(request.user, agency=chosen)
    else:
        queryset = selectors.staff_items(request.user, agency=request.agency, subtree=True)
    if state in ItemState.values:
        queryset = queryset.filter(state=state)
    page = Paginator(queryset, 30).get_page(request.GET.get("page"))
    query = {key: value for key, value in (("agency", chosen and chosen.code), ("state", state)) if value}
    context = {
        "page": page,
        "state": state,
        "states": ItemState.choices,
        "agencies": agencies if len(agencies) > 1 else [],
        "chosen": chosen,
        "query": urlencode(query),
        "can_manage": permissions.may(request.user, "manage", request.agency),
        "ledger_years": selectors.years_of(
            selectors.staff_items(request.user, agency=request.agency).filter(state=ItemState.PUBLISHED)
        ),
    }
    return render(request, "catalog/workbench/list.html", context)


@staff_view
def item_new(request):
    if request.agency is None or not permissions.may(request.user, "edit", request.agency):
        raise Http404("无可用机构")
    form = ItemForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        fields, columns = form.service_fields()
        try:
            item = services.create_item(actor=request.user, agency=request.agency, columns=columns, **fields)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "草稿已保存")
            return redirect("catalog_staff:detail", item_id=item.pk)
    return render(request, "catalog/workbench/form.html", {"form": form, "item": None})


@staff_view
def item_edit(request, item_id):
    item = _item(request, item_id, "edit")
    form = ItemForm(request.POST or None, agency=item.agency, initial=initial_for(item))
    if request.method == "POST" and form.is_valid():
        fields, columns = form.service_fields()
        try:
            services.update_item(item, actor=request.user, columns=columns, **fields)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已保存修改")
            return redirect("catalog_staff:detail", item_id=item.pk)
    return render(request, "catalog/workbench/form.html", {"form": form, "item": item})


def _screening_view(item) -> dict:
    """All screened texts of the item in one labelled text, with the findings' offsets shifted
    into it, for the screening app's ``screening/_findings.html``."""
    findings = prescreen.screen(item)
    names = {f"attachment:{attachment.pk}": attachment.name for attachment in item.attachments.all()}

    def label_of(field: str) -> str:
        return FIELD_LABELS.get(field) or f"附件“{names.get(field, field)}”"

    return prescreen.combined_view(prescreen.item_texts(item), findings, label_of)


def _overrides(item) -> list[dict]:
    """The item's screening overrides with each masked finding named in words."""
    return [
        {
            "decided_by": override.decided_by,
            "decided_on": override.decided_on,
            "reason": override.reason,
            "findings": [
                {
                    "label": KIND_LABELS.get(finding.get("kind"), "需核实的内容"),
                    "masked": finding.get("masked", ""),
                }
                for finding in override.findings
            ],
        }
        for override in item.overrides.select_related("decided_by")
    ]


def _acts(item, *, can_edit: bool, can_review: bool) -> list[str]:
    """The small acts whose forms the item's page shows to this user (publication aside)."""
    if item.state != ItemState.PUBLISHED:
        review = ["review"] if can_review and item.state == ItemState.SCREENED else []
        return ["screen", *review, "attach", "delete"] if can_edit else review
    return ["amend", "abolish", "internal"] if can_review else []


def _detail(request, item, *, refused=None, status=200):
    """The item's page; ``refused`` is the bound form of a refused act (publication or a smaller
    one), shown again with each error at its field, the first of them focused and all summed up
    under the title."""
    unpublished = item.state != ItemState.PUBLISHED
    screening = _screening_view(item) if unpublished else {"text": "", "findings": []}
    blocking = any(finding["severity"] == "block" for finding in screening["findings"])
    can_edit = unpublished and permissions.may(request.user, "edit", item.agency)
    can_review = permissions.may(request.user, "review", item.agency)
    acts = {
        action: refused if refused is not None and refused.action == action else ACT_FORMS[action]()
        for action in _acts(item, can_edit=can_edit, can_review=can_review)
    }
    publish_form = refused if isinstance(refused, PublishForm) else None
    # Links to the fields only while the form is on the page (not once someone else published).
    shown = unpublished and can_review if publish_form is not None else refused in acts.values()
    if refused is not None:
        refused.focus_first_error()
    context = {
        "item": item,
        "overrides": _overrides(item),
        "screening": screening,
        "blocking": blocking,
        "can_edit": can_edit,
        "can_review": can_review,
        "publish_form": publish_form or PublishForm(initial={"date": timezone.localdate()}),
        "acts": acts,
        "refused": refused,
        "error_summary": refused.error_summary(shown=shown) if refused is not None else [],
    }
    return render(request, "catalog/workbench/detail.html", context, status=status)


@staff_view
def item_detail(request, item_id):
    return _detail(request, _item(request, item_id))


@staff_view
@require_http_methods(["GET", "POST"])
def item_publish(request, item_id):
    """Publish; a refusal shows the item's page again with the error at its field and the input
    kept. The address opened by hand (a reload of that page) leads back to the item."""
    item = _item(request, item_id)
    if request.method != "POST":
        return redirect("catalog_staff:detail", item_id=item.pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _detail(request, item, refused=form, status=422)
    try:
        services.publish_item(
            item,
            actor=request.user,
            on=form.cleaned_data["date"],
            override_reason=form.cleaned_data["override_reason"],
        )
    except DomainError as error:
        item.refresh_from_db()
        form.add_refusal(error)
        return _detail(request, item, refused=form, status=error.status)
    messages.success(request, f"已发布，索引号 {item.index_no}")
    return redirect("catalog_staff:detail", item_id=item.pk)


def _perform(action: str, item, actor, data: dict) -> str:
    """Do a small act of the item's page with its form's cleaned data; the message of its success."""
    if action == "screen":
        findings = services.screen_item(item, actor=actor)
        return f"审查发现{len(findings)}处需关注的内容" if findings else "审查未发现问题"
    if action == "review":
        services.review_item(item, actor=actor)
    elif action == "abolish":
        services.abolish_item(item, actor=actor, on=data["date"])
    elif action == "amend":
        services.amend_item(item, actor=actor, on=data["date"], successor=data["successor"])
    elif action == "internal":
        services.set_internal(item, actor=actor, internal=not item.internal)
    elif action == "delete":
        services.delete_draft(item, actor=actor)
        return "草稿已删除"
    elif action == "attach":
        services.upload_attachment(item, actor=actor, upload=data["file"])
    return "操作已完成"


@staff_view
@require_http_methods(["GET", "POST"])
def item_act(request, item_id, action):
    """Screen, review, abolish, amend, hide/show, delete, attach: one small form each. A refusal
    shows the item's page again with the error at its field and the input kept, like publication;
    the address opened by hand leads back to the item."""
    item = _item(request, item_id)
    if action not in ACT_FORMS:
        raise Http404("未知操作")
    if request.method != "POST":
        return redirect("catalog_staff:detail", item_id=item.pk)
    form = ACT_FORMS[action](request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, item, refused=form, status=422)
    try:
        done = _perform(action, item, request.user, form.cleaned_data)
    except DomainError as error:
        item.refresh_from_db()
        form.add_refusal(error)
        return _detail(request, item, refused=form, status=error.status)
    if action == "delete":
        messages.success(request, done)
        return redirect("catalog_staff:list")
    (messages.info if action == "screen" else messages.success)(request, done)
    return redirect("catalog_staff:detail", item_id=item.pk)


@staff_view
def ledger(request):
    """The publication ledger (信息发布台账) of the current agency as XLSX, for a year or all years."""
    if request.agency is None:
        raise Http404("无可用机构")
    form = LedgerForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else None
    items = selectors.ledger_items(request.user, agency=request.agency, year=year)
    title = f"{request.agency.name}{f'{year}年' if year else ''}信息发布台账"
    return file_response(catalog_ledger.to_xlsx(items, title=title), f"{title}.xlsx", "xlsx")


def _settings_agency(request):
    """The agency whose settings the page shows: ``?agency=<code>`` (a link from the self-check
    for an agency below the office) or the current one."""
    code = request.GET.get("agency")
    if not code:
        return request.agency
    agency = Agency.objects.filter(code=code, active=True).first()
    if agency is None or not permissions.may(request.user, "view", agency):
        raise Http404("未找到该机构")
    return agency


@staff_view
def catalog_settings(request):
    """The agency's catalogue set-up: 索引号 pattern, the double sign-off and the Art. 20
    categories that apply to it (agency admins and the disclosure office)."""
    agency = _settings_agency(request)
    if agency is None:
        raise Http404("无可用机构")
    if not permissions.may(request.user, "manage", agency):
        raise PermissionDenied("目录设置须由机构管理员修改")
    current = CatalogSettings.objects.filter(agency=agency).first()
    recorded = current.art20_categories if current else None
    initial = {
        "index_pattern": pattern_for(agency),
        "four_eyes": bool(current and current.four_eyes),
        "art20_categories": [
            n for n in selectors.applicable_categories(recorded) if n not in ALWAYS_APPLICABLE
        ],
    }
    form = CatalogSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["index_pattern"] != initial["index_pattern"]:
                services.set_index_pattern(
                    agency, actor=request.user, pattern=form.cleaned_data["index_pattern"]
                )
            if form.cleaned_data["four_eyes"] != initial["four_eyes"]:
                services.set_four_eyes(agency, actor=request.user, required=form.cleaned_data["four_eyes"])
            chosen = sorted(form.cleaned_data["art20_categories"])
            if recorded is None or chosen != initial["art20_categories"]:
                services.set_art20_categories(agency, actor=request.user, categories=chosen)
        except DomainError as error:
            form.add_error("index_pattern" if error.code == "invalid_index_pattern" else None, error.message)
        else:
            messages.success(request, "目录设置已保存")
            return redirect(request.get_full_path())
    context = {
        "form": form,
        "agency": agency,
        "categories": [ART20_CATEGORIES[n] for n in selectors.applicable_categories(recorded)],
        "categories_recorded": recorded is not None,
    }
    return render(request, "catalog/workbench/settings.html", context)
