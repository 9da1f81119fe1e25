"""``GET /search`` of API.md: public full-text search with facets and highlighted snippets."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from gongkai.search import selectors

router = Router(tags=["全文检索 search"])


class SearchQuery(Schema):
    q: str = Field("", description='检索词：空格分隔表示同时包含，"引号"内为整体，-词 表示排除；最长100字符')
    agency: str = Field(
        "", max_length=32, description="机构代码（含下级机构）；不存在的机构代码返回 404 agency_not_found"
    )
    genre: str = Field("", max_length=24, description="体裁分类代码")
    year: int | None = Field(None, ge=1900, le=2999, description="发布年份")
    column: str = Field("", max_length=40, description="栏目代码")
    validity: str = Field("", max_length=12, description="有效性代码")
    sort: str = Field("relevance", description="relevance（相关度，默认）或 date（发布日期）")
    page: int = Field(1, ge=1, le=10_000, description="页码，从1开始")
    size: int = Field(20, ge=1, le=100, description="每页条数，最多100")
    exact: bool = Field(False, description="true：结果很多时也精确统计条数和分类计数（较慢）")


class SearchHit(Schema):
    index_no: str = Field(..., description="索引号")
    title: str
    title_html: str = Field(..., description="标题，命中处以 <mark> 标出，其余已转义")
    agency: str = Field(..., description="发布机构代码")
    agency_name: str
    published_on: dt.date | None
    doc_number: str = Field(..., description="文号")
    genre: str
    validity: str
    snippet: str = Field(..., description="正文摘要，命中处以 <mark>…</mark> 标出，其余已做HTML转义")
    url: str


class FacetValue(Schema):
    value: str | int
    label: str
    count: int


class Facets(Schema):
    agency: list[FacetValue]
    genre: list[FacetValue]
    year: list[FacetValue]


class Redirect(Schema):
    index_no: str
    title: str
    url: str


class SearchOut(Schema):
    total: int = Field(..., description="结果条数；total_estimated 为 true 时是估算值")
    total_estimated: bool = Field(
        False, description="true：结果很多，total 和分类计数由抽样估算（两位有效数字）；加 exact=true 可精确统计"
    )
    exact_unavailable: bool = Field(
        False,
        description="true：要求了精确统计（exact=true），但统计超过时限已停止，total 和分类计数仍为估算值",
    )
    took_ms: float
    page: int
    size: int
    results: list[SearchHit]
    facets: Facets
    suggestion: str | None = Field(None, description="无结果时的建议检索词")
    redirect: Redirect | None = Field(None, description="检索词恰为某条信息的索引号或文号时指向该信息")


@router.get("/search", response=SearchOut, summary="全文检索（公开信息）")
def search(request, query: Query[SearchQuery]):
    outcome = selectors.search(selectors.SearchParams(**query.dict()))
    return {
        "total": outcome.total,
        "total_estimated": outcome.total_estimated,
        "exact_unavailable": outcome.exact_unavailable,
        "took_ms": outcome.took_ms,
        "page": outcome.page,
        "size": outcome.size,
        "results": outcome.results,
        "facets": outcome.facets,
        "suggestion": outcome.suggestion,
        "redirect": outcome.redirect,
    }
