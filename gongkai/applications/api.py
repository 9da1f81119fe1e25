"""Applications endpoints of API.md: online submission, staff registration and acts, tracking, fees.

The schemas are in ``schemas``, the table of acts behind ``actions/{action}`` in ``api_actions``.
"""

from django.utils import timezone
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import staff_auth
from gongkai.api.pagination import PagePagination, Presented
from gongkai.applications import fees, selectors, services
from gongkai.applications.api_actions import ACTIONS
from gongkai.applications.choices import FeeMethod
from gongkai.applications.intake import Applicant
from gongkai.applications.presenters import detail, list_row, review_row, tracking
from gongkai.applications.schemas import (
    ApplicantIn,
    ApplicationActionIn,
    ApplicationIn,
    ApplicationOut,
    ApplicationRowOut,
    ApprovalOut,
    CreatedOut,
    DecideIn,
    ListQuery,
    QuoteOut,
    QuoteQuery,
    ReviewIn,
    ReviewOut,
    StaffApplicationIn,
    TrackOut,
)
from gongkai.core import ratelimit
from gongkai.core.errors import InvalidInput, NotFound

router = Router(tags=["依申请公开 applications"])


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
