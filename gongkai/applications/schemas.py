"""Request and response schemas of the applications API (API.md); ``api`` routes them.

The OpenAPI document names each schema by its class name: renaming one is an API change.
"""

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import StrictInt

from gongkai.applications import fees
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
    letter_no: str | None = Field(
        None, description="该环节送达申请人的文书的文号（如 示经信依申复〔2026〕3号）"
    )
    recorded_at: dt.datetime = Field(..., description="录入系统的时间")
    voided: bool = Field(False, description="已被作废（void）的办理环节")
    voided_by: int | None = Field(None, description="作废该环节的 void 记录的 id")


class FeeOut(Schema):
    method: str
    amount: float | None
    nth: int | None = Field(
        None, description="按件计收：本申请在申请人本自然月申请中的件次（拆分的为第一件）"
    )
    items: int | None = Field(
        None, description="按件计收：本申请计算的件数（按“一事一申请”拆分的件数，未拆分为1）"
    )
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
    items: int | None = Field(
        None,
        description="按件计收：本申请按“一事一申请”拆分计算的件数（未拆分为1）；按量计收为 null",
    )


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
