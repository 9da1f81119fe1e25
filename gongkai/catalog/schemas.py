"""Request and response schemas of the catalogue API."""

import datetime as dt

from ninja import Field, Schema
from pydantic import field_validator

from gongkai.catalog.vocabulary import (
    Audience,
    Disclosure,
    Genre,
    ItemState,
    PublicationMode,
    Topic,
    Validity,
    code_of,
)

# Classification fields also accept the Chinese names domain/catalog.md lists (科技、教育, 公民 …):
# integrators often know the names of the State Council's classes, not our codes.
_CLASSES = {"genre": Genre, "topic": Topic, "audience": Audience, "publication_modes": PublicationMode}


class _Classified(Schema):
    @field_validator("genre", "topic", "audience", "publication_modes", mode="before", check_fields=False)
    @classmethod
    def classification_codes(cls, value, info):
        choices = _CLASSES[info.field_name]
        if isinstance(value, str):
            return code_of(choices, value) or value
        if isinstance(value, list):
            return [code_of(choices, entry) or entry if isinstance(entry, str) else entry for entry in value]
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
    publication_scope: str = Field(description="公开范围（目录中公开的信息均为“面向社会”）")
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


class ScreeningOverrideOut(Schema):
    reason: str
    decided_by: str | None = Field(None, description="放行人账号；系统操作时为空")
    decided_on: dt.date
    findings: list[dict] = Field(description="放行的审查发现（已遮蔽）")


class StaffItem(ItemDetail):
    state: ItemState
    created_by: str | None = Field(None, description="起草人账号")
    screened_by: str | None = Field(None, description="最近一次保密审查的操作人账号")
    reviewed_by: str | None = Field(None, description="审核人账号（发布即审核人签发）")
    published_by: str | None = Field(None, description="发布人账号")
    screening_overrides: list[ScreeningOverrideOut] = []
    changed_on: dt.date | None
    not_disclosed_reason: str
    internal: bool
    interprets_id: int | None
    successor_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


class ItemPublishIn(Schema):
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


class ItemFindingOut(Schema):
    kind: str
    start: int
    end: int
    masked: str
    severity: str
    field: str


class ScreenOut(Schema):
    state: ItemState
    findings: list[ItemFindingOut]


class ItemQuery(Schema):
    agency: str | None = Field(None, description="机构代码")
    column: str | None = Field(None, description="栏目代码")
    genre: Genre | None = None
    topic: Topic | None = None
    year: int | None = Field(None, ge=1949, le=9999, description="发布年度")
    validity: Validity | None = None


class ItemStaffQuery(ItemQuery):
    state: ItemState | None = None


class ColumnOut(Schema):
    code: str
    name: str
    order: int


class CatalogSettingsIn(Schema):
    index_pattern: str | None = Field(
        None, min_length=1, max_length=80, description="如 {prefix}/{year}-{seq:05d}；不填则不变"
    )
    four_eyes: bool | None = Field(None, description="双人复核：审核人须不同于起草人；不填则不变")
    art20_categories: list[int] | None = Field(
        None,
        description="适用的《条例》第二十条信息类别（1–15 对应第一至十五项；1、2 始终适用）；不填则不变",
    )


class CatalogSettingsOut(Schema):
    agency: str
    index_pattern: str
    four_eyes: bool = False
    art20_categories: list[int] = Field(
        ..., description="自查据以检查的第二十条信息类别（1–15）；未确认时为默认的 [1, 2]"
    )
    art20_categories_recorded: bool = Field(
        ..., description="适用类别是否已由机构管理员或政务公开办确认（未确认时自查给出提示）"
    )


class ColumnIn(Schema):
    code: str = Field(..., min_length=1, max_length=40, description="栏目代码（小写英文字母、数字、_、-）")
    name: str = Field(..., min_length=1, max_length=100)
    order: int | None = Field(None, ge=0, le=1_000_000)


class ColumnPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    order: int | None = Field(None, ge=0, le=1_000_000)
