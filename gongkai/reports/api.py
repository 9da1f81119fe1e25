"""Annual report endpoints of API.md: the report as JSON or a document, and its inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from gongkai.agencies import permissions
from gongkai.api.auth import optional_auth, staff_auth
from gongkai.core import documents
from gongkai.core.errors import InvalidInput
from gongkai.reports import render, selectors, services

router = Router(tags=["年度报告 reports"])


class ReportQuery(Schema):
    scope: Literal["agency", "tree"] = Field("agency", description="agency：本机关；tree：含所属机构汇总")
    format: Literal["json", "html", "docx", "pdf", "xlsx"] = "json"
    revision: int | None = Field(None, ge=1, le=1000, description="已发布的某一版本；缺省为最新")
    published: bool = Field(False, description="工作人员查看已发布（冻结）的数据而非实时数据")


class NarrativeIn(Schema):
    model_config = {"extra": "forbid"}

    overview: str | None = Field(None, max_length=50_000, description="一、总体情况")
    problems: str | None = Field(None, max_length=50_000, description="五、存在的主要问题及改进情况")
    other: str | None = Field(None, max_length=50_000, description="六、其他需要报告的事项")


class InputsIn(Schema):
    model_config = {"extra": "forbid"}

    licensing_decisions: int | None = Field(None, ge=0, le=10**9)
    penalty_decisions: int | None = Field(None, ge=0, le=10**9)
    coercion_decisions: int | None = Field(None, ge=0, le=10**9)
    fee_income_wan_yuan: Decimal | None = Field(None, ge=0, lt=10**10, description="单位：万元")
    narrative: NarrativeIn | None = None


class ReportPublishIn(Schema):
    date: dt.date | None = Field(None, description="发布日期，缺省为今天")


class CorrectIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)
    date: dt.date | None = None


class CheckOut(Schema):
    code: str
    description: str
    passed: bool
    details: dict[str, Any]


class RevisionOut(Schema):
    number: int
    published_on: dt.date
    published_at: str
    reason: str


class ReportOut(Schema):
    agency: str
    agency_name: str
    year: int
    scope: str
    status: str = Field(..., description="draft：未发布（实时计算）；published：已发布")
    live: bool = Field(..., description="true：由记录实时计算；false：发布时冻结的数据")
    revision: int | None
    published_on: dt.date | None
    deadline: dt.date | None = None
    proactive: dict[str, dict[str, float | int]]
    applications: dict[str, dict[str, Any]]
    review_litigation: dict[str, dict[str, int]]
    checks: list[CheckOut]
    passed: bool
    narrative: dict[str, str]
    inputs: dict[str, Any]
    fees: dict[str, float | int]
    monthly_applications: list[int]
    published_by_column: list[dict[str, Any]]
    revisions: list[RevisionOut]


class PublishedOut(Schema):
    agency: str
    agency_name: str
    year: int
    revision: int
    published_on: dt.date
    url: str


def _check_year(year: int) -> None:
    services.check_year(year)


@router.get(
    "/reports/annual",
    response=list[PublishedOut],
    summary="已发布的年度报告",
)
def list_published(request, agency: str | None = None, year: int | None = None):
    return selectors.published_list(agency=agency, year=year)


@router.get(
    "/reports/annual/{agency}/{year}",
    response=ReportOut,
    auth=optional_auth,
    summary="年度报告（公开：已发布版本；本机关工作人员：实时数据）",
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    content_type: {"schema": {"type": "string", "format": "binary"}}
                    for fmt, content_type in documents.CONTENT_TYPES.items()
                    if fmt in ("docx", "pdf", "xlsx")
                }
            }
        }
    },
)
def get_report(request, agency: str, year: int, query: Query[ReportQuery]):
    _check_year(year)
    document = selectors.report_for(
        request.user,
        agency,
        year,
        scope=query.scope,
        revision=query.revision,
        published=query.published,
    )
    if query.format == "json":
        return document
    if query.format == "html":
        from django.template.loader import render_to_string

        html = render_to_string("reports/pdf.html", render.context(document))
        return documents.file_response(html.encode(), render.filename(document, "html"), "html", inline=True)
    content = {"docx": render.to_docx, "pdf": render.to_pdf, "xlsx": render.to_xlsx}[query.format](document)
    return documents.file_response(content, render.filename(document, query.format), query.format)


@router.put(
    "/reports/annual/{agency}/{year}/inputs",
    response=ReportOut,
    auth=staff_auth,
    summary="填报年度报告中不来自业务记录的数据和正文（机构管理员、政务公开办）",
)
def put_inputs(request, agency: str, year: int, payload: InputsIn):
    _check_year(year)
    target = selectors.agency_for(request.user, agency)
    values = payload.model_dump(exclude_unset=True)
    narrative = values.pop("narrative", None)
    if narrative is not None and not isinstance(narrative, dict):
        raise InvalidInput("invalid_inputs", "报告正文格式不正确")
    services.save_inputs(target, year, actor=request.user, narrative=narrative, **values)
    return selectors.report_for(request.user, agency, year, scope="agency")


@router.post(
    "/reports/annual/{agency}/{year}/publish",
    response={201: ReportOut},
    auth=staff_auth,
    summary="发布年度报告（冻结数据，并在“年度报告”栏目公开）",
)
def publish(request, agency: str, year: int, payload: ReportPublishIn):
    _check_year(year)
    target = selectors.agency_for(request.user, agency)
    permissions.require(request.user, "manage", target)
    services.publish_report(target, year, actor=request.user, on=payload.date or timezone.localdate())
    return Status(201, selectors.report_for(request.user, agency, year, scope="agency", published=True))


@router.post(
    "/reports/annual/{agency}/{year}/corrections",
    response={201: ReportOut},
    auth=staff_auth,
    summary="更正已发布的年度报告（发布新版本并说明理由）",
)
def correct(request, agency: str, year: int, payload: CorrectIn):
    _check_year(year)
    target = selectors.agency_for(request.user, agency)
    permissions.require(request.user, "manage", target)
    services.correct_report(
        target, year, actor=request.user, on=payload.date or timezone.localdate(), reason=payload.reason
    )
    return Status(201, selectors.report_for(request.user, agency, year, scope="agency", published=True))
