"""Agencies endpoints of API.md."""

import datetime as dt

from django.contrib.auth import get_user_model
from ninja import Field, Router, Schema, Status

from gongkai.agencies import permissions, selectors, services
from gongkai.agencies.models import AgencyKind, Role
from gongkai.api.auth import staff_auth
from gongkai.core.errors import NotFound

router = Router(tags=["机构 agencies"])


class AgencyOut(Schema):
    code: str
    name: str
    parent: str | None = Field(None, description="上级机构代码")
    index_prefix: str
    kind: str
    active: bool
    merged_into: str | None = None

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_merged_into(obj):
        return obj.merged_into.code if obj.merged_into_id else None


class AgencyIn(Schema):
    code: str = Field(..., min_length=1, max_length=32, description="机构代码（英文字母、数字、-、_）")
    name: str = Field(..., min_length=1, max_length=100)
    parent: str | None = Field(None, description="上级机构代码")
    index_prefix: str | None = Field(None, max_length=40, description="索引号前缀，默认为机构代码")
    kind: AgencyKind = AgencyKind.DEPARTMENT
    region: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    office_hours: str = ""


class AgencyPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    kind: AgencyKind | None = None
    index_prefix: str | None = Field(None, max_length=40)
    region: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    office_hours: str | None = None


class MergeIn(Schema):
    successor: str = Field(..., description="承继机构代码")
    date: dt.date = Field(..., description="机构改革生效日期")


class MergeOut(Schema):
    abolished: str
    successor: str
    moved: dict[str, int]


class MemberIn(Schema):
    username: str
    role: Role


class MemberOut(Schema):
    username: str
    agency: str
    role: str


@router.get("/agencies", response=list[AgencyOut], summary="机构列表")
def list_agencies(request, include_inactive: bool = False):
    return list(selectors.public_agencies(include_inactive=include_inactive))


@router.get("/agencies/{code}", response=AgencyOut, summary="机构详情")
def get_agency(request, code: str):
    return selectors.agency_by_code(code)


@router.post("/agencies", response={201: AgencyOut}, auth=staff_auth, summary="新增机构")
def create_agency(request, payload: AgencyIn):
    parent = selectors.agency_by_code(payload.parent) if payload.parent else None
    fields = payload.dict(exclude={"code", "name", "parent", "index_prefix", "kind"})
    agency = services.create_agency(
        actor=request.user,
        code=payload.code,
        name=payload.name,
        parent=parent,
        index_prefix=payload.index_prefix or "",
        kind=payload.kind,
        **fields,
    )
    return Status(201, agency)


@router.patch("/agencies/{code}", response=AgencyOut, auth=staff_auth, summary="修改机构信息")
def update_agency(request, code: str, payload: AgencyPatch):
    agency = selectors.agency_by_code(code)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    return services.update_agency(agency, actor=request.user, **changes)


@router.post("/agencies/{code}/merge", response=MergeOut, auth=staff_auth, summary="机构合并（机构改革）")
def merge_agency(request, code: str, payload: MergeIn):
    abolished = selectors.agency_by_code(code)
    successor = selectors.agency_by_code(payload.successor)
    moved = services.merge_agencies(abolished, successor, actor=request.user, on=payload.date)
    return {"abolished": abolished.code, "successor": successor.code, "moved": moved}


@router.put("/agencies/{code}/members", response=MemberOut, auth=staff_auth, summary="设置工作人员角色")
def set_member(request, code: str, payload: MemberIn):
    agency = selectors.agency_by_code(code)
    permissions.require(request.user, "manage", agency)
    user = get_user_model().objects.filter(username=payload.username).first()
    if user is None:
        raise NotFound("user_not_found", f"未找到用户“{payload.username}”")
    membership = services.set_membership(actor=request.user, user=user, agency=agency, role=payload.role)
    return {"username": user.get_username(), "agency": agency.code, "role": membership.role}
