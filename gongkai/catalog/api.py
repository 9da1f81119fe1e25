"""Catalogue endpoints of API.md (主动公开目录).

Route order matters: the public ``GET /items/{index_no}`` accepts slashes (索引号 contain '/'),
so every more specific ``/items/...`` route is declared before it.
"""

from django.db import transaction
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gongkai.api.auth import staff_auth
from gongkai.api.pagination import PagePagination, Presented
from gongkai.catalog import presenters, selectors, services
from gongkai.catalog.models import Item
from gongkai.catalog.schemas import (
    AmendIn,
    AttachmentOut,
    CatalogSettingsIn,
    CatalogSettingsOut,
    ColumnIn,
    ColumnOut,
    ColumnPatch,
    DateIn,
    InternalIn,
    ItemDetail,
    ItemIn,
    ItemPatch,
    ItemPublishIn,
    ItemQuery,
    ItemStaffQuery,
    ItemSummary,
    PublishOut,
    ScreenOut,
    StaffItem,
)
from gongkai.core.errors import InvalidInput, NotFound
from gongkai.core.parsing import parse_int

router = Router(tags=["主动公开目录 catalog"])


def _filters(query: ItemQuery) -> dict:
    fields = query.dict(exclude_none=True)
    fields["agency"] = selectors.resolve_agency(query.agency)
    return fields


def _referenced(request, value, what: str) -> Item | None:
    """An item named by id (public or of the user's agencies) or by 索引号 (public)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and parse_int(value) is None:
        item = selectors.public_items().filter(index_no=value).first()
        if item is None:
            raise NotFound("item_not_found", f"未找到{what}“{value}”", {"index_no": value})
        return item
    return selectors.visible_item(request.user, int(value))


def _interprets(request, value):
    return _referenced(request, value, "所解读文件")


def _successor(request, value) -> Item | None:
    return _referenced(request, value, "修改后的文件")


@router.get("/catalog/{code}/columns", response=list[ColumnOut], summary="机构的目录栏目")
def list_columns(request, code: str):
    return list(selectors.agency_columns(selectors.required_agency(code)))


@router.post("/catalog/{code}/columns", response={201: ColumnOut}, auth=staff_auth, summary="新增栏目")
def create_column(request, code: str, payload: ColumnIn):
    agency = selectors.required_agency(code)
    column = services.create_column(
        agency, actor=request.user, code=payload.code, name=payload.name, order=payload.order
    )
    return Status(201, column)


@router.patch(
    "/catalog/{code}/columns/{column}", response=ColumnOut, auth=staff_auth, summary="修改栏目名称或排序"
)
def update_column(request, code: str, column: str, payload: ColumnPatch):
    agency = selectors.required_agency(code)
    found = selectors.agency_columns(agency).filter(code=column).first()
    if found is None:
        raise NotFound("column_not_found", f"未找到栏目“{column}”", {"column": column})
    return services.update_column(found, actor=request.user, name=payload.name, order=payload.order)


@router.get(
    "/catalog/{code}/settings",
    response=CatalogSettingsOut,
    summary="机构的目录设置（索引号格式、双人复核、适用的第二十条信息类别）",
)
def get_settings(request, code: str):
    return _settings_payload(selectors.required_agency(code))


def _settings_payload(agency) -> dict:
    from gongkai.catalog.index_assignment import pattern_for
    from gongkai.catalog.models import CatalogSettings

    settings = CatalogSettings.objects.filter(agency=agency).first()
    recorded = settings.art20_categories if settings else None
    return {
        "agency": agency.code,
        "index_pattern": pattern_for(agency),
        "four_eyes": bool(settings and settings.four_eyes),
        "art20_categories": selectors.applicable_categories(recorded),
        "art20_categories_recorded": recorded is not None,
    }


@router.put(
    "/catalog/{code}/settings",
    response=CatalogSettingsOut,
    auth=staff_auth,
    summary="设置索引号格式、双人复核或适用的第二十条信息类别",
)
def put_settings(request, code: str, payload: CatalogSettingsIn):
    agency = selectors.required_agency(code)
    if payload.index_pattern is None and payload.four_eyes is None and payload.art20_categories is None:
        raise InvalidInput(
            "nothing_to_change",
            "请提供索引号格式（index_pattern）、双人复核设置（four_eyes）或适用的第二十条信息类别（art20_categories）",
        )
    with transaction.atomic():
        if payload.index_pattern is not None:
            services.set_index_pattern(agency, actor=request.user, pattern=payload.index_pattern)
        if payload.four_eyes is not None:
            services.set_four_eyes(agency, actor=request.user, required=payload.four_eyes)
        if payload.art20_categories is not None:
            services.set_art20_categories(agency, actor=request.user, categories=payload.art20_categories)
    return _settings_payload(agency)


@router.get("/items", response=list[ItemSummary], summary="主动公开目录（已发布信息）")
@paginate(PagePagination)
def list_items(request, query: Query[ItemQuery]):
    queryset = selectors.filter_items(selectors.public_items(), **_filters(query)).defer("body", "body_text")
    return Presented(queryset, presenters.summary_payload)


@router.post("/items", response={201: StaffItem}, auth=staff_auth, summary="起草政府信息")
def create_item(request, payload: ItemIn):
    agency = selectors.required_agency(payload.agency)
    fields = payload.dict(exclude={"agency", "columns"}, exclude_none=True)
    fields["interprets"] = _interprets(request, payload.interprets)
    item = services.create_item(actor=request.user, agency=agency, columns=payload.columns, **fields)
    return Status(201, presenters.staff_payload(item))


@router.get("/staff/items", response=list[StaffItem], auth=staff_auth, summary="本机构的全部信息（含草稿）")
@paginate(PagePagination)
def staff_items(request, query: Query[ItemStaffQuery]):
    queryset = selectors.staff_items(request.user)
    return Presented(selectors.filter_items(queryset, **_filters(query)), presenters.staff_payload)


@router.get(
    "/items/by-id/{int:item_id}", response=StaffItem, auth=staff_auth, summary="按 id 查看信息（含草稿）"
)
def get_item_by_id(request, item_id: int):
    return presenters.staff_payload(selectors.item_for(request.user, item_id))


@router.patch("/items/by-id/{int:item_id}", response=StaffItem, auth=staff_auth, summary="修改草稿")
def update_item(request, item_id: int, payload: ItemPatch):
    item = selectors.item_for(request.user, item_id, action="edit")
    changes = payload.dict(exclude_unset=True, exclude={"columns"})
    if "interprets" in changes:
        changes["interprets"] = _interprets(request, changes["interprets"])
    item = services.update_item(item, actor=request.user, columns=payload.columns, **changes)
    return presenters.staff_payload(item)


@router.delete("/items/by-id/{int:item_id}", response={204: None}, auth=staff_auth, summary="删除草稿")
def delete_item(request, item_id: int):
    services.delete_draft(selectors.item_for(request.user, item_id, action="edit"), actor=request.user)
    return Status(204, None)


@router.post("/items/{int:item_id}/screen", response=ScreenOut, auth=staff_auth, summary="发布前审查")
def screen_item(request, item_id: int):
    item = selectors.item_for(request.user, item_id, action="edit")
    findings = services.screen_item(item, actor=request.user)
    return {"state": item.state, "findings": findings}


@router.post("/items/{int:item_id}/review", response=StaffItem, auth=staff_auth, summary="审核通过")
def review_item(request, item_id: int):
    item = services.review_item(selectors.item_for(request.user, item_id), actor=request.user)
    return presenters.staff_payload(item)


@router.post(
    "/items/{int:item_id}/publish", response=PublishOut, auth=staff_auth, summary="发布（先审查，再赋索引号）"
)
def publish_item(request, item_id: int, payload: ItemPublishIn):
    item = selectors.item_for(request.user, item_id)
    item = services.publish_item(
        item, actor=request.user, on=payload.date, override_reason=payload.override_reason
    )
    return item


@router.post("/items/{int:item_id}/abolish", response=StaffItem, auth=staff_auth, summary="标记废止")
def abolish_item(request, item_id: int, payload: DateIn):
    item = services.abolish_item(
        selectors.item_for(request.user, item_id), actor=request.user, on=payload.date
    )
    return presenters.staff_payload(item)


@router.post("/items/{int:item_id}/amend", response=StaffItem, auth=staff_auth, summary="标记已修改")
def amend_item(request, item_id: int, payload: AmendIn):
    item = selectors.item_for(request.user, item_id)
    successor = _successor(request, payload.successor)
    item = services.amend_item(item, actor=request.user, on=payload.date, successor=successor)
    return presenters.staff_payload(item)


@router.post(
    "/items/{int:item_id}/internal", response=StaffItem, auth=staff_auth, summary="设置是否仅内部可见"
)
def set_internal(request, item_id: int, payload: InternalIn):
    item = services.set_internal(
        selectors.item_for(request.user, item_id), actor=request.user, internal=payload.internal
    )
    return presenters.staff_payload(item)


@router.post(
    "/items/{int:item_id}/attachments", response={201: AttachmentOut}, auth=staff_auth, summary="上传附件"
)
def upload_attachment(request, item_id: int, file: File[UploadedFile]):
    item = selectors.item_for(request.user, item_id, action="edit")
    attachment = services.upload_attachment(item, actor=request.user, upload=file)
    return Status(201, presenters.attachment_payload(attachment))


@router.get("/items/{path:index_no}", response=ItemDetail, summary="按索引号查看信息（元数据与正文）")
def get_item(request, index_no: str):
    return presenters.metadata_payload(selectors.public_item(index_no))
