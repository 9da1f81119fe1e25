"""Applications endpoints of API.md: online submission, staff registration and acts, tracking, fees."""

import datetime as dt
from typing import Literal

from django.utils import timezone
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import StrictInt

from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import staff_auth
from gongkai.api.pagination import PagePagination, Presented
from gongkai.applications import fees, selectors, services
from gongkai.applications.choices import (
    ApplicantType,
    Channel,
    FeeMethod,
    NotHeld,
    Outcome,
    ReviewKind,
    ReviewResult,
    State,
)
from gongkai.applications.intake import Applicant
from gongkai.applications.presenters import detail, list_row, review_row, tracking
from gongkai.core import ratelimit
from gongkai.core.errors import InvalidInput, NotFound

router = Router(tags=["依申请公开 applications"])

FormatCode = Literal["paper", "electronic"]
DeliveryCode = Literal["email", "post", "pickup", "online"]


class ApplicantIn(Schema):
    type: ApplicantType = Field(..., description="申请人类型（年度报告表三的六类）")
    name: str = Field("", max_length=100, description="姓名（自然人必填；组织为联系人）")
    id_type: str | None = Field(None, max_length=20, description="证件类型，默认 resident_id")
    id_number: str | None = Field(None, max_length=40, description="证件号码（自然人必填，居民身份证校验）")
    org_name: str | None = Field(None, max_length=200, description="法人或其他组织名称（组织必填）")
    org_code: str | None = Field(None, max_length=40, description="统一社会信用代码")
    phone: str = Field(..., max_length=30, description="联系电话")
    email: str | None = Field(None, max_length=254)
    address: str | None = Field(None, max_length=300)


class ApplicationIn(Schema):
    agency: str = Field(..., max_length=32, description="受理机构代码")
    applicant: ApplicantIn
    description: str = Field(
        ..., min_length=1, max_length=5000, description="所需政府信息的名称、文号或其他特征"
    )
    purpose: str = Field("", max_length=2000)
    format: FormatCode | None = None
    delivery: DeliveryCode | None = None


class StaffApplicationIn(ApplicationIn):
    channel: Channel
    received_on: dt.date | None = Field(None, description="收到日期（当面提交、邮寄需签收时必填）")


class CreatedOut(Schema):
    id: int
    tracking_code: str
    state: str
    received_on: dt.date | None = None
    due_on: dt.date | None = None


class EventOut(Schema):
    id: int
    action: str
    date: dt.date = Field(..., description="该办理环节的法定日期")
    by: str
    data: dict
    letter_no: str | None = Field(None, description="该环节送达申请人的文书的文号（如 示经信依申复〔2026〕3号）")
    recorded_at: dt.datetime = Field(..., description="录入系统的时间")
    voided: bool = Field(False, description="已被作废（void）的办理环节")
    voided_by: int | None = Field(None, description="作废该环节的 void 记录的 id")


class FeeOut(Schema):
    method: str
    amount: float | None
    nth: int | None = Field(None, description="按件计收：本申请在申请人本自然月申请中的件次（拆分的为第一件）")
    items: int | None = Field(None, description="按件计收：本申请计算的件数（按“一事一申请”拆分的件数，未拆分为1）")
    pages: int | None = None
    notice_on: dt.date | None
    pay_by: dt.date | None
    paid_on: dt.date | None


class DraftOut(Schema):
    id: int = Field(..., description="draft_reply 记录的 id")
    date: dt.date = Field(..., description="送审日期")
    by: str
    outcome: str
    reason: str
    note: str = Field(..., description="答复告知书中的说明（正文）")
    not_held: NotHeld | None = Field(None, description="本机关不掌握的情形（见办理动作 reply 的 not_held）")
    other_agency_name: str | None = Field(None, description="负责公开该政府信息的行政机关名称")
    other_agency_contact: str | None = Field(None, description="负责公开该政府信息的行政机关联系方式")


class ApprovalOut(Schema):
    id: int
    approver: str
    name: str
    content_type: str
    size: int


class ApplicantOut(Schema):
    type: str
    name: str
    id_type: str
    id_number: str
    org_name: str
    org_code: str
    phone: str
    email: str
    address: str


class ReviewOut(Schema):
    id: int
    application: int
    agency: str
    kind: str
    filed_on: dt.date
    decided_on: dt.date | None
    result: str | None
    note: str


class ApplicationOut(Schema):
    id: int
    tracking_code: str
    agency: str
    agency_name: str
    channel: str
    applicant_type: str
    applicant: ApplicantOut
    description: str
    purpose: str
    format: str | None
    delivery: str | None
    state: str
    received_on: dt.date | None
    due_on: dt.date | None = Field(None, description="当前法定答复期限；未收到或计时暂停时为 null")
    days_left: int | None = Field(None, description="距答复期限的工作日数，逾期为负数")
    paused: bool
    outcome: str | None
    replied_on: dt.date | None
    concluded_on: dt.date | None
    late: bool
    fee: FeeOut | None
    restarted_on: dt.date | None
    extension_days: int
    paused_days: int
    correction_respond_by: dt.date | None
    calendar_unconfirmed: bool
    due_explained: str
    events: list[EventOut]
    pending_draft: DraftOut | None = Field(None, description="等待审核签发的答复稿（审核签发）")
    reviews: list[ReviewOut]
    created_at: dt.datetime


class ApplicationRowOut(Schema):
    id: int
    tracking_code: str
    agency: str
    channel: str
    applicant_type: str
    applicant_name: str
    state: str
    received_on: dt.date | None
    due_on: dt.date | None
    days_left: int | None
    paused: bool
    outcome: str | None
    replied_on: dt.date | None
    late: bool


class ListQuery(Schema):
    agency: str | None = Field(None, description="机构代码")
    state: State | None = None
    overdue: bool | None = Field(None, description="true：已超过答复期限仍未办结")
    year: int | None = Field(None, ge=1990, le=2100, description="收到申请的年度")
    scope: Literal["agency", "tree"] = Field(
        "agency", description="tree：该机构及其所属机构中有权查看的（如政务公开办查看全市）"
    )


class ApplicationActionIn(Schema):
    date: dt.date = Field(..., description="该办理环节的法定日期")
    items: list[str] | str | StrictInt | None = Field(
        None,
        description=(
            "request_correction：补正事项（文字或文字列表）；fee_notice（仅 per_item）：按“一事一申请”拆分计算的"
            f"件数（整数 1—{fees.MAX_SPLIT_ITEMS}，默认 1），本申请占申请人本自然月第 nth 至 nth+items−1 件，"
            "金额为各件收费之和；与 per_page 同用返回 422"
        ),
    )
    respond_within_days: int | None = Field(None, ge=1, le=60, description="补正期限（工作日，默认15）")
    third_party: str | None = Field(None, max_length=200, description="征求意见对象（start_consultation）")
    reason: str | None = Field(
        None,
        max_length=2000,
        description="理由（extend、set_later_deadline、void 必填；reply 的 not_held 为 other_agency 时必填）",
    )
    days: int | None = Field(None, ge=1, le=3650, description="延长的工作日数（extend，≤ 20）")
    approver: str | None = Field(None, max_length=100, description="批准延长的负责人（extend）")
    approval_document: int | None = Field(
        None, description="负责人签批的审批文件 id（extend，经办人必填：先 POST extension-approvals 上传）"
    )
    method: FeeMethod | None = Field(None, description="收费方式（fee_notice）")
    pages: int | None = Field(None, ge=0, le=10_000_000, description="页数（按量计收）")
    delivered_on: dt.date | None = Field(None, description="申请人收到收费通知的日期（默认为通知日期）")
    outcome: Outcome | None = Field(None, description="处理结果（reply）")
    not_held: NotHeld | None = Field(
        None,
        description=(
            "本机关不掌握的情形（reply、draft_reply，仅处理结果为 unable.not_held 时可填，两者均计入年度报告"
            "三（四）1）：not_exist 经检索没有所申请公开的信息，告知该政府信息不存在（条例第三十六条第（四）项，"
            "缺省）；other_agency 所申请公开信息不属于本机关负责公开（条例第三十六条第（五）项，须填写理由 reason）"
        ),
    )
    other_agency_name: str | None = Field(
        None,
        max_length=200,
        description=(
            "负责公开该政府信息的行政机关名称（仅 not_held 为 other_agency 时可填；能够确定该机关的，"
            "须与 other_agency_contact 一并填写，写入答复告知书）"
        ),
    )
    other_agency_contact: str | None = Field(
        None,
        max_length=300,
        description="负责公开该政府信息的行政机关联系方式（电话、地址等；仅 not_held 为 other_agency 时可填，须与名称一并填写）",
    )
    note: str | None = Field(None, max_length=2000)
    due_on: dt.date | None = Field(None, description="延后的答复期限（set_later_deadline）")
    comment: str | None = Field(None, max_length=2000, description="退回意见（return_reply 必填）")


class ReviewIn(Schema):
    kind: ReviewKind
    filed_on: dt.date
    note: str = Field("", max_length=2000)


class DecideIn(Schema):
    decided_on: dt.date
    result: ReviewResult
    note: str = Field("", max_length=2000)


class TimelineOut(Schema):
    action: str
    date: dt.date


class TrackFeeOut(Schema):
    amount: float


class TrackOut(Schema):
    tracking_code: str
    agency: str
    agency_name: str
    state: str
    received_on: dt.date | None
    due_on: dt.date | None
    replied_on: dt.date | None
    outcome: str | None
    timeline: list[TimelineOut] = Field(..., description="有效的办理环节（已作废的不列）")
    correction_items: list[str] | None = Field(None, description="待补正时：需要补正的事项")
    fee: TrackFeeOut | None = Field(None, description="待缴费时：信息处理费金额（元）")


class QuoteQuery(Schema):
    method: FeeMethod
    nth: int | None = Field(
        None, ge=1, le=1_000_000, description="本月第几件申请（per_item；拆分为多件的，为其中第一件）"
    )
    items: int | None = Field(
        None,
        ge=1,
        le=fees.MAX_SPLIT_ITEMS,
        description="按“一事一申请”拆分计算的件数（仅 per_item，默认 1）：测算第 nth 至 nth+items−1 件的合计",
    )
    pages: int | None = Field(None, ge=0, le=10_000_000, description="页数（per_page）")


class QuoteOut(Schema):
    method: str
    nth: int | None = None
    items: int | None = Field(None, description="计算的件数（per_item）")
    pages: int | None = None
    amount: float = Field(..., description="金额（元）")


def _applicant(payload: ApplicantIn) -> Applicant:
    return Applicant.from_dict(payload.dict())


def _content(payload: ApplicationIn) -> dict:
    return {
        "description": payload.description,
        "purpose": payload.purpose,
        "format": payload.format or "",
        "delivery": payload.delivery or "",
    }


@router.post("/public/applications", response={201: CreatedOut}, summary="网上提交政府信息公开申请")
def submit(request, payload: ApplicationIn):
    attempt = ratelimit.check_submission(request)
    agency = agency_by_code(payload.agency)
    # API.md marks id_number and org_name optional: a submission lacking them is accepted and the
    # gap is a matter for 补正 (Art. 30). The portal's form asks for them (it can guide a person).
    application = services.submit_online(
        agency=agency, applicant=_applicant(payload.applicant), identity_required=False, **_content(payload)
    )
    ratelimit.accepted(attempt)
    return Status(
        201, {"id": application.pk, "tracking_code": application.tracking_code, "state": application.state}
    )


@router.post(
    "/applications", response={201: CreatedOut}, auth=staff_auth, summary="登记政府信息公开申请（工作人员）"
)
def register(request, payload: StaffApplicationIn):
    agency = agency_by_code(payload.agency)
    application = services.register(
        actor=request.user,
        agency=agency,
        channel=payload.channel,
        applicant=_applicant(payload.applicant),
        received_on=payload.received_on,
        # What arrived is registered (its clock runs from receipt); missing particulars are a
        # matter for 补正 (Art. 30), not a refusal to register. API.md: id_number?, org_name?
        identity_required=False,
        **_content(payload),
    )
    return Status(201, application)


@router.get("/applications", response=list[ApplicationRowOut], auth=staff_auth, summary="申请列表")
@paginate(PagePagination)
def list_applications(request, query: Query[ListQuery]):
    agency = agency_by_code(query.agency) if query.agency else None
    today = timezone.localdate()
    queryset = selectors.filtered(
        request.user,
        agency=agency,
        state=query.state,
        is_overdue=query.overdue,
        year=query.year,
        today=today,
        subtree=query.scope == "tree",
    )
    calendars: dict = {}
    return Presented(queryset, lambda row: list_row(row, today, calendars))


@router.get("/applications/{application_id}", response=ApplicationOut, auth=staff_auth, summary="申请详情")
def get_application(request, application_id: int):
    application = selectors.application_for(request.user, application_id)
    return detail(application, timezone.localdate())


ACTIONS = {
    "confirm_receipt": lambda app, user, p: services.confirm_receipt(app, actor=user, on=p.date),
    "request_correction": lambda app, user, p: services.request_correction(
        app, actor=user, on=p.date, items=_correction_items(p.items), respond_within_days=p.respond_within_days
    ),
    "receive_correction": lambda app, user, p: services.receive_correction(
        app, actor=user, on=p.date, note=p.note or ""
    ),
    "correction_lapsed": lambda app, user, p: services.correction_lapsed(app, actor=user, on=p.date),
    "start_consultation": lambda app, user, p: services.start_consultation(
        app, actor=user, on=p.date, third_party=p.third_party or ""
    ),
    "end_consultation": lambda app, user, p: services.end_consultation(
        app, actor=user, on=p.date, note=p.note or ""
    ),
    "extend": lambda app, user, p: services.extend(
        app,
        actor=user,
        on=p.date,
        days=_need(p.days, "days"),
        reason=p.reason or "",
        approver=p.approver or "",
        approval_document=p.approval_document,
    ),
    "fee_notice": lambda app, user, p: services.fee_notice(
        app,
        actor=user,
        on=p.date,
        method=_need(p.method, "method"),
        pages=p.pages,
        items=_split_items(p.items),
        delivered_on=p.delivered_on,
    ),
    "fee_paid": lambda app, user, p: services.fee_paid(app, actor=user, on=p.date),
    "fee_lapsed": lambda app, user, p: services.fee_lapsed(app, actor=user, on=p.date),
    "reply": lambda app, user, p: services.reply(
        app,
        actor=user,
        on=p.date,
        outcome=_need(p.outcome, "outcome"),
        reason=p.reason or "",
        note=p.note or "",
        **_not_held(p),
    ),
    "draft_reply": lambda app, user, p: services.draft_reply(
        app,
        actor=user,
        on=p.date,
        outcome=_need(p.outcome, "outcome"),
        reason=p.reason or "",
        note=p.note or "",
        **_not_held(p),
    ),
    "approve_reply": lambda app, user, p: services.approve_reply(app, actor=user, on=p.date),
    "return_reply": lambda app, user, p: services.return_reply(
        app, actor=user, on=p.date, comment=p.comment or ""
    ),
    "withdraw": lambda app, user, p: services.withdraw(app, actor=user, on=p.date, note=p.note or ""),
    "set_later_deadline": lambda app, user, p: services.set_later_deadline(
        app, actor=user, on=p.date, due_on=_need(p.due_on, "due_on"), reason=p.reason or ""
    ),
    "void": lambda app, user, p: services.void(app, actor=user, on=p.date, reason=p.reason or ""),
}


def _correction_items(items):
    """补正事项 are words: ``items`` as a number belongs to fee_notice."""
    if isinstance(items, int):
        raise InvalidInput("validation_error", "补正事项应为文字或文字列表", {"field": "items"})
    return items


def _split_items(items):
    """The items a fee notice splits the application into: a whole number (as text too), else
    refused in Chinese; the range and the method are the service's to check."""
    if isinstance(items, str) and items.strip().isdigit():
        return int(items)
    if items is not None and (isinstance(items, bool) or not isinstance(items, int)):
        raise InvalidInput("validation_error", "拆分件数应为整数", {"field": "items"})
    return items


def _not_held(payload: ApplicationActionIn) -> dict:
    return {
        "not_held": payload.not_held or "",
        "other_agency_name": payload.other_agency_name or "",
        "other_agency_contact": payload.other_agency_contact or "",
    }


def _need(value, field: str):
    if value is None:
        raise InvalidInput("validation_error", f"请求参数不正确：{field} 缺少必填字段", {"field": field})
    return value


@router.post(
    "/applications/{application_id}/actions/{action}",
    response=ApplicationOut,
    auth=staff_auth,
    summary="办理动作（确认收到、补正、征求意见、延期、收费、答复、撤回、作废等）",
    description=(
        "不允许的动作或违反规则的日期返回 409 及错误代码。告知书须写明的日期（补正期限、延长后的答复期限、"
        "缴费期限）落在节假日安排尚未确认的年度时，request_correction、extend、fee_notice 返回 409 "
        "`calendar_not_confirmed`（details 含 year、region），不作记录；答复不受影响。"
        "`void {date, reason}`（审核人及以上）：作废最近一个仍有效的办理环节（录入错误），"
        "作为新的记录追加，期限按作废后的记录重新计算；只剩提交（登记）记录时 409 `nothing_to_void`。"
        "审核签发：机构规定须审核签发的答复（默认：除予以公开外的全部结果），经办人 `reply` 返回 409 "
        "`signoff_required`，应提交 `draft_reply {outcome, reason?, note?}`（答复稿送审，不作为答复，期限照常计算）；"
        "审核人 `approve_reply {date}` 签发（以签发日期作出答复、出具告知书并办结）或 "
        "`return_reply {date, comment}` 退回。审核人及以上的 `reply` 即为签发，立即办结。"
        "处理结果为 unable.not_held（本机关不掌握相关政府信息）时，`reply`、`draft_reply` 可加 "
        "`not_held`（not_exist 经检索没有，缺省；other_agency 不属于本机关负责公开，须填写 reason）及 "
        "`other_agency_name`、`other_agency_contact`（负责公开的行政机关及其联系方式，能够确定的一并填写）；"
        "不相符的组合返回 422（not_held_not_applicable、other_agency_not_applicable、other_agency_incomplete、"
        "not_held_reason_required）。"
    ),
)
def act(request, application_id: int, action: str, payload: ApplicationActionIn):
    application = selectors.application_for(request.user, application_id, action="edit")
    handler = ACTIONS.get(action)
    if handler is None:
        raise NotFound(
            "unknown_action", f"未知的办理动作：{action}", {"action": action, "allowed": sorted(ACTIONS)}
        )
    handler(application, request.user, payload)
    return detail(selectors.application_for(request.user, application_id), timezone.localdate())


@router.post(
    "/applications/{application_id}/extension-approvals",
    response={201: ApprovalOut},
    auth=staff_auth,
    summary="上传延期审批文件（负责人签批的 PDF 或图片）",
    description=(
        "条例第三十三条：延长答复期限须经政府信息公开工作机构负责人同意。负责人不是系统用户时，经办人填写"
        "负责人姓名（approver）并上传其签批的审批文件（PDF、PNG 或 JPG，按内容判断），再以返回的 id 作为 "
        "`extend` 的 `approval_document`。审核人及以上直接 `extend` 即为在系统中批准。"
    ),
)
def upload_extension_approval(
    request, application_id: int, file: File[UploadedFile], approver: Form[str] = ""
):
    application = selectors.application_for(request.user, application_id, action="edit")
    document = services.upload_extension_approval(
        application, actor=request.user, approver=approver, upload=file
    )
    return Status(201, approval_row(document))


def approval_row(document) -> dict:
    return {
        "id": document.pk,
        "approver": document.approver,
        "name": document.name,
        "content_type": document.content_type,
        "size": document.size,
    }


@router.post(
    "/applications/{application_id}/reviews",
    response={201: ReviewOut},
    auth=staff_auth,
    summary="登记行政复议或行政诉讼",
)
def file_review(request, application_id: int, payload: ReviewIn):
    application = selectors.application_for(request.user, application_id, action="edit")
    review = services.file_review(
        application, actor=request.user, kind=payload.kind, filed_on=payload.filed_on, note=payload.note
    )
    return Status(201, review_row(review))


@router.post(
    "/reviews/{review_id}/decide", response=ReviewOut, auth=staff_auth, summary="记录行政复议或诉讼结果"
)
def decide_review(request, review_id: int, payload: DecideIn):
    review = selectors.review_for(request.user, review_id, action="edit")
    review = services.decide_review(
        review, actor=request.user, decided_on=payload.decided_on, result=payload.result, note=payload.note
    )
    return review_row(review)


@router.get("/public/track/{tracking_code}", response=TrackOut, summary="按查询码查询办理进度（公开）")
def track(request, tracking_code: str):
    return tracking(selectors.by_tracking_code(tracking_code))


@router.get("/fees/quote", response=QuoteOut, summary="信息处理费测算")
def quote(request, query: Query[QuoteQuery]):
    if query.method == FeeMethod.PER_ITEM and query.nth is None:
        raise InvalidInput("validation_error", "按件计收须提供 nth（本月第几件）", {"field": "nth"})
    if query.method == FeeMethod.PER_PAGE and query.pages is None:
        raise InvalidInput("validation_error", "按量计收须提供 pages（页数）", {"field": "pages"})
    if query.method == FeeMethod.PER_PAGE and query.items is not None:
        raise InvalidInput(
            "validation_error", "按量计收不能再拆分计件：同一申请只能选择一种计收标准", {"field": "items"}
        )
    amount = fees.quote(query.method, nth=query.nth, pages=query.pages, items=query.items)
    out = {"method": query.method, "amount": float(amount)}
    if query.method == FeeMethod.PER_ITEM:
        out.update(nth=query.nth, items=query.items or 1)
    else:
        out["pages"] = query.pages
    return out
