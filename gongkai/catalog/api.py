"""Catalogue endpoints of API.md (主动公开目录).

Route order matters: the public ``GET /items/{index_no}`` accepts slashes (索引号 contain '/'),
so every more specific ``/items/...`` route is declared before it.
"""

import datetime as dt

from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import field_validator

from gongkai.api.auth import staff_auth
from gongkai.api.pagination import PagePagination
from gongkai.catalog import payloads, selectors, services
from gongkai.catalog.models import Item
from gongkai.catalog.vocabulary import (
    Audience,
    Disclosure,
    Genre,
    ItemState,
    PublicationMode,
    Topic,
    Validity,
)
from gongkai.core.errors import NotFound

router = Router(tags=["主动公开目录 catalog"])

# Classification fields also accept the Chinese names domain/catalog.md lists (科技、教育, 公民 …):
# integrators often know the names of the State Council's classes, not our codes.
_LABELS = {
    field: {label: value for value, label in choices.choices}
    for field, choices in (
        ("genre", Genre),
        ("topic", Topic),
        ("audience", Audience),
        ("publication_modes", PublicationMode),
    )
}


class _Classified(Schema):
    @field_validator("genre", "topic", "audience", "publication_modes", mode="before", check_fields=False)
    @classmethod
    def classification_codes(cls, value, info):
        labels = _LABELS[info.field_name]
        if isinstance(value, str):
            return labels.get(value.strip(), value)
        if isinstance(value, list):
            return [labels.get(entry.strip(), entry) if isinstance(entry, str) else entry for entry in value]
        return value


class ItemIn(_Classified):
    agency: str = Field(..., min_length=1, max_length=32, description="机构代码")
    title: str = Field(..., min_length=1, max_length=300, description="信息名称")
    doc_number: str = Field("", max_length=100, description="文号")
    genre: Genre
    topic: Topic | None = None
    audience: list[Audience] = []
    keywords: list[str] | str | None = Field(None, description="关键词，逗号分隔或列表")
    summary: str = ""
    body: str = Field("", description="正文（HTML 会被净化；纯文本按段落排版）")
    formed_on: dt.date = Field(..., description="生成日期（成文日期）")
    changed_on: dt.date | None = Field(None, description="变更日期")
    disclosure: Disclosure = Disclosure.PROACTIVE
    not_disclosed_reason: str | None = None
    columns: list[str] | None = Field(None, description="栏目代码；不填则按体裁归入默认栏目")
    internal: bool = False
    interprets: int | str | None = Field(None, description="所解读文件的 id 或索引号（体裁为政策解读时）")
    source: str | None = Field(None, max_length=100, description="信息来源，默认为发布机构")
    publication_modes: list[PublicationMode] | None = None


class ItemPatch(_Classified):
    title: str | None = Field(None, min_length=1, max_length=300)
    doc_number: str | None = Field(None, max_length=100)
    genre: Genre | None = None
    topic: Topic | None = None
    audience: list[Audience] | None = None
    keywords: list[str] | str | None = None
    summary: str | None = None
    body: str | None = None
    formed_on: dt.date | None = None
    changed_on: dt.date | None = None
    disclosure: Disclosure | None = None
    not_disclosed_reason: str | None = None
    columns: list[str] | None = None
    internal: bool | None = None
    interprets: int | str | None = None
    source: str | None = Field(None, max_length=100)
    publication_modes: list[PublicationMode] | None = None


class Link(Schema):
    index_no: str
    title: str
    published_on: dt.date | None


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
    url: str


class ItemSummary(Schema):
    id: int
    index_no: str | None
    title: str
    agency: str
    agency_name: str
    doc_number: str
    genre: str
    genre_label: str
    topic: str
    columns: list[str]
    formed_on: dt.date
    published_on: dt.date | None
    validity: str
    url: str | None


class ItemDetail(ItemSummary):
    column_names: list[str]
    summary: str
    keywords: list[str]
    topic_label: str
    audience: list[str]
    audience_labels: list[str]
    source: str
    publication_modes: list[str]
    publication_mode_labels: list[str]
    disclosure: str
    validity_label: str
    abolished_on: dt.date | None
    amended_on: dt.date | None
    successor: Link | None
    predecessors: list[Link]
    interprets: Link | None
    interpretations: list[Link]
    interpretation_lag: int | None = Field(None, description="解读晚于所解读文件的工作日数")
    due_on: dt.date | None = Field(None, description="条例第二十六条：应公开日期（生成或变更后第20个工作日）")
    late: bool
    body: str
    attachments: list[AttachmentOut]


class StaffItem(ItemDetail):
    state: ItemState
    changed_on: dt.date | None
    not_disclosed_reason: str
    internal: bool
    interprets_id: int | None
    successor_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


class PublishIn(Schema):
    date: dt.date | None = Field(None, description="发布日期，默认今天")
    override_reason: str | None = Field(None, max_length=1000, description="审核人放行审查发现时的书面理由")


class PublishOut(Schema):
    id: int
    state: ItemState
    index_no: str
    published_on: dt.date
    due_on: dt.date | None
    late: bool
    interpretation_lag: int | None = None


class DateIn(Schema):
    date: dt.date


class AmendIn(Schema):
    date: dt.date
    successor: int | str | None = Field(None, description="修改后文件的索引号或 id")


class InternalIn(Schema):
    internal: bool


class FindingOut(Schema):
    kind: str
    start: int
    end: int
    masked: str
    severity: str
    field: str


class ScreenOut(Schema):
    state: ItemState
    findings: list[FindingOut]


class ItemQuery(Schema):
    agency: str | None = Field(None, description="机构代码")
    column: str | None = Field(None, description="栏目代码")
    genre: Genre | None = None
    topic: Topic | None = None
    year: int | None = Field(None, ge=1949, le=9999, description="发布年度")
    validity: Validity | None = None


class StaffQuery(ItemQuery):
    state: ItemState | None = None


class Mapped:
    """A queryset whose page is turned into payloads only after slicing (for the paginator)."""

    def __init__(self, queryset, convert):
        self.queryset, self.convert = queryset, convert

    def __len__(self):
        return self.queryset.count()

    def __getitem__(self, window: slice):
        return [self.convert(item) for item in self.queryset[window]]


def _filters(query: ItemQuery) -> dict:
    fields = query.dict(exclude_none=True)
    fields["agency"] = selectors.resolve_agency(query.agency)
    return fields


def _referenced(request, value, what: str) -> Item | None:
    """An item named by id (public or of the user's agencies) or by 索引号 (public)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        item = selectors.public_items().filter(index_no=value).first()
        if item is None:
            raise NotFound("item_not_found", f"未找到{what}“{value}”", {"index_no": value})
        return item
    return selectors.visible_item(request.user, int(value))


def _interprets(request, value):
    return _referenced(request, value, "所解读文件")


def _successor(request, value) -> Item | None:
    return _referenced(request, value, "修改后的文件")


class ColumnOut(Schema):
    code: str
    name: str
    order: int


class CatalogSettingsIn(Schema):
    index_pattern: str = Field(..., min_length=1, max_length=80, description="如 {prefix}/{year}-{seq:05d}")


class CatalogSettingsOut(Schema):
    agency: str
    index_pattern: str


@router.get("/catalog/{code}/columns", response=list[ColumnOut], summary="机构的目录栏目")
def list_columns(request, code: str):
    return list(selectors.agency_columns(selectors.required_agency(code)))


@router.get("/catalog/{code}/settings", response=CatalogSettingsOut, summary="机构的目录设置（索引号格式）")
def get_settings(request, code: str):
    from gongkai.catalog.numbering import pattern_for

    agency = selectors.required_agency(code)
    return {"agency": agency.code, "index_pattern": pattern_for(agency)}


@router.put(
    "/catalog/{code}/settings", response=CatalogSettingsOut, auth=staff_auth, summary="设置索引号格式"
)
def put_settings(request, code: str, payload: CatalogSettingsIn):
    agency = selectors.required_agency(code)
    settings = services.set_index_pattern(agency, actor=request.user, pattern=payload.index_pattern)
    return {"agency": agency.code, "index_pattern": settings.index_pattern}


@router.get("/items", response=list[ItemSummary], summary="主动公开目录（已发布信息）")
@paginate(PagePagination)
def list_items(request, query: Query[ItemQuery]):
    queryset = selectors.filter_items(selectors.public_items(), **_filters(query)).defer("body", "body_text")
    return Mapped(queryset, payloads.summary_payload)


@router.post("/items", response={201: StaffItem}, auth=staff_auth, summary="起草政府信息")
def create_item(request, payload: ItemIn):
    agency = selectors.required_agency(payload.agency)
    fields = payload.dict(exclude={"agency", "columns"}, exclude_none=True)
    fields["interprets"] = _interprets(request, payload.interprets)
    item = services.create_item(actor=request.user, agency=agency, columns=payload.columns, **fields)
    return Status(201, payloads.staff_payload(item))


@router.get("/staff/items", response=list[StaffItem], auth=staff_auth, summary="本机构的全部信息（含草稿）")
@paginate(PagePagination)
def staff_items(request, query: Query[StaffQuery]):
    queryset = selectors.staff_items(request.user)
    return Mapped(selectors.filter_items(queryset, **_filters(query)), payloads.staff_payload)


@router.get(
    "/items/by-id/{int:item_id}", response=StaffItem, auth=staff_auth, summary="按 id 查看信息（含草稿）"
)
def get_item_by_id(request, item_id: int):
    return payloads.staff_payload(selectors.item_for(request.user, item_id))


@router.patch("/items/by-id/{int:item_id}", response=StaffItem, auth=staff_auth, summary="修改草稿")
def update_item(request, item_id: int, payload: ItemPatch):
    item = selectors.item_for(request.user, item_id, action="edit")
    changes = payload.dict(exclude_unset=True, exclude={"columns"})
    if "interprets" in changes:
        changes["interprets"] = _interprets(request, changes["interprets"])
    item = services.update_item(item, actor=request.user, columns=payload.columns, **changes)
    return payloads.staff_payload(item)


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
    return payloads.staff_payload(item)


@router.post(
    "/items/{int:item_id}/publish", response=PublishOut, auth=staff_auth, summary="发布（先审查，再赋索引号）"
)
def publish_item(request, item_id: int, payload: PublishIn):
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
    return payloads.staff_payload(item)


@router.post("/items/{int:item_id}/amend", response=StaffItem, auth=staff_auth, summary="标记已修改")
def amend_item(request, item_id: int, payload: AmendIn):
    item = selectors.item_for(request.user, item_id)
    successor = _successor(request, payload.successor)
    item = services.amend_item(item, actor=request.user, on=payload.date, successor=successor)
    return payloads.staff_payload(item)


@router.post(
    "/items/{int:item_id}/internal", response=StaffItem, auth=staff_auth, summary="设置是否仅内部可见"
)
def set_internal(request, item_id: int, payload: InternalIn):
    item = services.set_internal(
        selectors.item_for(request.user, item_id), actor=request.user, internal=payload.internal
    )
    return payloads.staff_payload(item)


@router.post(
    "/items/{int:item_id}/attachments", response={201: AttachmentOut}, auth=staff_auth, summary="上传附件"
)
def upload_attachment(request, item_id: int, file: File[UploadedFile]):
    item = selectors.item_for(request.user, item_id, action="edit")
    attachment = services.upload_attachment(item, actor=request.user, upload=file)
    return Status(201, payloads.attachment_payload(attachment))


@router.get("/items/{path:index_no}", response=ItemDetail, summary="按索引号查看信息（元数据与正文）")
def get_item(request, index_no: str):
    return payloads.metadata_payload(selectors.public_item(index_no))
