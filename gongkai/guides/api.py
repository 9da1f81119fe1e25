"""Service guide endpoints of API.md ("Proposals and guides") and their companions; power lists."""

import datetime as dt
from typing import Annotated

from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gongkai.agencies import permissions
from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import staff_auth
from gongkai.api.pagination import PagePagination
from gongkai.core.errors import NotFound
from gongkai.guides import exports, powers, presenters, selectors, services, stored_checks

router = Router(tags=["办事指南 guides"])
# API.md names ``fee_amount`` without a type: text ("每件10元", "不收费") or a number of yuan.
FeeAmount = Annotated[str, Field(max_length=5000)] | int | float | None
# An import's override of blocking screening findings (a reviewer's written reason, audited).
# A form field of the upload, not the query string: a reason is no part of an address kept in logs.
OverrideReason = Annotated[
    str, Form("", max_length=1000, description="审核人放行发布前审查发现（保密审查）时的书面理由（与文件一并提交）")
]


class MaterialIn(Schema):
    name: str = Field(..., max_length=300)
    form: str | None = Field(None, max_length=40, description="原件、复印件、电子（可多选，以顿号分隔）")
    copies: int | None = Field(None, ge=1, le=999)
    required: bool | None = True
    sample: str | None = Field(None, max_length=500, description="样表或空表（链接或说明）")


class GuideIn(Schema):
    agency: str = Field(..., min_length=1, max_length=32, description="机构代码")
    name: str = Field(..., min_length=1, max_length=300, description="事项名称")
    code: str | None = Field(None, max_length=64, description="事项编码")
    topic: str | None = Field(None, max_length=60, description="服务主题")
    implementing_body: str | None = Field(None, max_length=200)
    basis: str | None = Field(None, max_length=20000, description="设定依据")
    conditions: str | None = Field(None, max_length=20000, description="申请条件")
    materials: list[MaterialIn] | None = Field(None, max_length=200, description="办理材料")
    location: str | None = Field(None, max_length=5000)
    hours: str | None = Field(None, max_length=5000)
    phone: str | None = Field(None, max_length=200)
    procedure: str | None = Field(None, max_length=20000)
    statutory_days: int | None = Field(None, ge=0, le=3650, description="法定办结时限（工作日）")
    promised_days: int | None = Field(None, ge=0, le=3650, description="承诺办结时限（工作日）")
    fee_basis: str | None = Field(None, max_length=5000)
    fee_amount: FeeAmount = Field(None, description="收费标准（文字，或以元为单位的数额）")
    consultation: str | None = Field(None, max_length=5000)
    complaint: str | None = Field(None, max_length=5000)
    visits: int | None = Field(None, ge=0, le=99, description="到现场次数")
    online_url: str | None = Field(None, max_length=500)
    faq: str | None = Field(None, max_length=20000)
    override_reason: str | None = Field(
        None, max_length=1000, description="审核人放行发布前审查发现（保密审查）时的书面理由"
    )


class GuidePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=300)
    code: str | None = Field(None, max_length=64)
    topic: str | None = Field(None, max_length=60)
    implementing_body: str | None = Field(None, max_length=200)
    basis: str | None = Field(None, max_length=20000)
    conditions: str | None = Field(None, max_length=20000)
    materials: list[MaterialIn] | None = Field(None, max_length=200)
    location: str | None = Field(None, max_length=5000)
    hours: str | None = Field(None, max_length=5000)
    phone: str | None = Field(None, max_length=200)
    procedure: str | None = Field(None, max_length=20000)
    statutory_days: int | None = Field(None, ge=0, le=3650)
    promised_days: int | None = Field(None, ge=0, le=3650)
    fee_basis: str | None = Field(None, max_length=5000)
    fee_amount: FeeAmount = None
    consultation: str | None = Field(None, max_length=5000)
    complaint: str | None = Field(None, max_length=5000)
    visits: int | None = Field(None, ge=0, le=99)
    online_url: str | None = Field(None, max_length=500)
    faq: str | None = Field(None, max_length=20000)
    override_reason: str | None = Field(
        None, max_length=1000, description="审核人放行发布前审查发现（保密审查）时的书面理由"
    )


class CheckQuery(Schema):
    agency: str = Field(..., min_length=1, max_length=32, description="机构代码")


class GuidePublicQuery(Schema):
    agency: str | None = Field(None, max_length=32, description="机构代码")
    topic: str | None = Field(None, max_length=60, description="服务主题")
    q: str | None = Field(None, max_length=100, description="事项名称关键词")


class Mapped:
    def __init__(self, queryset, convert):
        self.queryset, self.convert = queryset, convert

    def __len__(self):
        return self.queryset.count()

    def __getitem__(self, window: slice):
        return [self.convert(entry) for entry in self.queryset[window]]


def _materials(rows):
    return None if rows is None else [row.dict() for row in rows]


def _amount(value):
    """A fee amount sent as a number (yuan) is kept as its text: 50 → "50", 12.5 → "12.5"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return str(int(value)) if float(value).is_integer() else str(value)


def _fields(payload, exclude: set[str]) -> dict:
    values = payload.dict(exclude=exclude, exclude_unset=True)
    if "fee_amount" in values:
        values["fee_amount"] = _amount(values["fee_amount"])
    return {key: ("" if value is None and key not in ("statutory_days", "promised_days", "visits") else value)
            for key, value in values.items()}  # fmt: skip


@router.post("/guides", response={201: dict}, auth=staff_auth, summary="新建办事指南（返回检查发现）")
def create(request, payload: GuideIn):
    guide = services.create_guide(
        actor=request.user,
        agency=agency_by_code(payload.agency),
        materials=_materials(payload.materials),
        override_reason=payload.override_reason,
        **_fields(payload, {"agency", "materials", "override_reason"}),
    )
    findings = services.findings_of(guide)
    return Status(
        201,
        {"id": guide.pk, "findings": [presenters.finding_payload(finding) for finding in findings]},
    )


@router.get("/guides/check", response=dict, auth=staff_auth, summary="办事指南要素检查与扣分")
def check(request, query: Query[CheckQuery]):
    agency = agency_by_code(query.agency)
    permissions.require(request.user, "view", agency)
    deduction, findings = selectors.check_agency(agency)
    return presenters.check_payload(agency, deduction, findings)


@router.get("/guides/export", auth=staff_auth, summary="导出办事指南（XLSX，可改后再导入）")
def export(request, query: Query[CheckQuery]):
    agency = agency_by_code(query.agency)
    permissions.require(request.user, "view", agency)
    return exports.guides_response(selectors.staff_guides(request.user, agency=agency), agency)


@router.post("/guides/import", response=dict, auth=staff_auth, summary="导入办事指南表格（XLSX）")
def import_sheet(request, agency: str, file: File[UploadedFile]):
    target = agency_by_code(agency)
    return services.import_guides(actor=request.user, agency=target, name=file.name or "guides.xlsx", data=file.read())


@router.get("/guides/{int:guide_id}", response=dict, auth=staff_auth, summary="办事指南（工作人员，含检查发现）")
def staff_detail(request, guide_id: int):
    guide = selectors.staff_guide(request.user, guide_id)
    return presenters.guide_payload(guide, findings=stored_checks.findings_of([guide]))


@router.patch("/guides/{int:guide_id}", response=dict, auth=staff_auth, summary="修改办事指南")
def update(request, guide_id: int, payload: GuidePatch):
    guide = selectors.staff_guide(request.user, guide_id, action="edit")
    guide = services.update_guide(
        guide,
        actor=request.user,
        materials=_materials(payload.materials),
        override_reason=payload.override_reason,
        **_fields(payload, {"materials", "override_reason"}),
    )
    guide = selectors.staff_guide(request.user, guide.pk)
    return presenters.guide_payload(guide, findings=stored_checks.findings_of([guide]))


@router.get("/public/guides", response=list[dict], summary="公开的办事指南（按机构、主题）")
@paginate(PagePagination)
def public_list(request, query: Query[GuidePublicQuery]):
    agency_ids = [agency_by_code(query.agency).pk] if query.agency else None
    queryset = selectors.public_guides(agency_ids=agency_ids, topic=query.topic, query=query.q)
    return Mapped(queryset, presenters.guide_payload)


@router.get("/public/guides/{int:guide_id}", response=dict, summary="办事指南详情")
def public_detail(request, guide_id: int):
    return presenters.guide_payload(selectors.public_guide(guide_id))


@router.post("/powers/import", response={201: dict}, auth=staff_auth, summary="导入权责清单（XLSX，生成新版本）")
def import_powers(
    request, agency: str, file: File[UploadedFile], date: dt.date | None = None, note: str = "",
    override_reason: OverrideReason = "",
):  # fmt: skip
    power_list = services.import_powers(
        actor=request.user, agency=agency_by_code(agency), name=file.name or "powers.xlsx", data=file.read(),
        on=date, note=note, override_reason=override_reason,
    )  # fmt: skip
    return Status(
        201,
        {"revision": power_list.revision, "revised_on": power_list.revised_on.isoformat(),
         "entries": power_list.entries.count(),
         "incomplete": [{"line": e.line, "name": e.name, "missing": m} for e, m in powers.incomplete(power_list)]},
    )  # fmt: skip


@router.get("/public/powers", response=dict, summary="当前权责清单（按部门、职权类型）")
def public_powers(request, agency: str, type: str | None = None):
    target = agency_by_code(agency)
    current = powers.current_list(target)
    if current is None or not target.active:
        raise NotFound("power_list_not_found", f"“{target.name}”尚未公开权责清单")
    return {
        "agency": target.code,
        "revision": current.revision,
        "revised_on": current.revised_on.isoformat(),
        "entries": [
            {"code": e.code, "name": e.name, "power_type": e.power_type, "basis": e.basis,
             "implementing_body": e.implementing_body, "responsibilities": e.responsibilities,
             "accountability": e.accountability, "note": e.note}
            for e in powers.entries(current, power_type=type or None)
        ],
    }  # fmt: skip


@router.post("/standard/import", response={201: dict}, auth=staff_auth, summary="导入基层政务公开标准目录（XLSX）")
def import_standard(request, agency: str, file: File[UploadedFile], override_reason: OverrideReason = ""):
    result = services.import_standard(
        actor=request.user, agency=agency_by_code(agency), name=file.name or "standard.xlsx", data=file.read(),
        override_reason=override_reason,
    )  # fmt: skip
    return Status(201, result)


@router.get("/standard/coverage", response=dict, auth=staff_auth, summary="标准目录覆盖情况（未覆盖、未按时更新）")
def standard_coverage(request, query: Query[CheckQuery]):
    from django.utils import timezone

    from gongkai.guides import standard_report

    agency = agency_by_code(query.agency)
    permissions.require(request.user, "view", agency)
    today = timezone.localdate()
    rows = standard_report.report(agency, today)
    return {
        "agency": agency.code,
        "date": today.isoformat(),
        "counts": standard_report.counts(rows),
        "entries": [
            {"id": row.entry.pk, "line": row.entry.line, "first_level": row.entry.first_level,
             "second_level": row.entry.second_level, "time_rule": row.entry.time_rule, "time_limit": row.entry.time_limit,
             "status": str(row.result.status), "reason": row.result.reason,
             "columns": [column.code for column in row.columns],
             "suggested_columns": [column.code for column in row.suggestions],
             "newest_on": row.result.newest.published_on.isoformat() if row.result.newest else None}
            for row in rows
        ],
    }  # fmt: skip
