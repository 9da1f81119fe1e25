"""Messages endpoints of API.md (互动交流): submission, staff acts, tracking, rating, the published
list, statistics, FAQs and the agencies' reply limits."""

import datetime as dt

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import staff_auth
from gongkai.api.components import named_codes
from gongkai.api.pagination import PagePagination, Presented
from gongkai.core import ratelimit
from gongkai.core.errors import InvalidInput, NotFound
from gongkai.interaction import choices, selectors, services
from gongkai.interaction.choices import Rating, RejectReason
from gongkai.interaction.models import Message
from gongkai.interaction.presenters import detail, list_row, public_row, tracking

MessageKind = named_codes("MessageKind", choices.Kind)
MessageChannel = named_codes("MessageChannel", choices.Channel)
MessageState = named_codes("MessageState", choices.State)

router = Router(tags=["互动交流 messages"])


class MessageIn(Schema):
    agency: str = Field(..., max_length=32, description="受理机构代码")
    kind: MessageKind = Field(
        ...,
        description="类型：consultation 咨询、help 求助、suggestion 建议、complaint 投诉、error_report 纠错",
    )
    title: str = Field(..., min_length=1, max_length=100, description="标题，不超过100字")
    body: str = Field(..., min_length=1, max_length=2000, description="留言内容，不超过2000字")
    name: str = Field(..., min_length=1, max_length=50, description="姓名（不公开）")
    phone: str = Field(..., min_length=1, max_length=30, description="手机号码或带区号的固定电话（不公开）")
    email: str | None = Field(None, max_length=254, description="电子邮箱（选填，答复后发送通知；不公开）")
    publish_consent: bool = Field(False, description="是否同意公开留言及答复（不公开个人信息）；缺省为不同意")


class StaffMessageIn(MessageIn):
    channel: MessageChannel = Field(MessageChannel.ONLINE, description="渠道")
    received_on: dt.date | None = Field(None, description="收到日期（不得晚于今天，缺省为今天）")


class MessageCreatedOut(Schema):
    id: int
    tracking_code: str
    state: str
    received_on: dt.date
    due_on: dt.date | None = None


class TransferOut(Schema):
    from_agency: str = Field(..., alias="from")
    to: str
    on: dt.date
    late: bool


class MessageEventOut(Schema):
    action: str
    date: dt.date
    by: str
    data: dict


class WriterOut(Schema):
    name: str
    phone: str
    email: str


class WordingOut(Schema):
    title: str
    body: str
    reply: str
    replied_on: dt.date | None = Field(None, description="公开文本所依据的答复的日期")
    outdated: bool = Field(False, description="留言在二次办理后已重新答复，公开文本仍为此前的答复")


class MessageOut(Schema):
    id: int
    tracking_code: str
    agency: str
    agency_name: str
    kind: str
    channel: str
    title: str
    body: str
    writer: WriterOut
    publish_consent: bool
    state: str
    received_on: dt.date
    limit: int = Field(..., description="答复时限（工作日）")
    due_on: dt.date | None = Field(None, description="答复期限；节假日安排未确认时为 null")
    days_left: int | None = Field(None, description="距答复期限的工作日数，逾期为负数")
    extension_days: int
    accepted_on: dt.date | None
    replied_on: dt.date | None
    late: bool
    valid: bool = Field(..., description="有效留言（未被不予受理）")
    transfer_late: bool
    reject_reason: str | None
    reply: str | None
    reply_agency: str | None
    rating: str | None
    rated_on: dt.date | None
    rating_comment: str | None
    published: bool
    published_on: dt.date | None
    published_wording: WordingOut | None
    calendar_unconfirmed: bool
    due_explained: str
    transfers: list[TransferOut]
    events: list[MessageEventOut]
    created_at: dt.datetime


class MessageRowOut(Schema):
    id: int
    tracking_code: str
    agency: str
    kind: str
    channel: str
    title: str
    state: str
    received_on: dt.date
    due_on: dt.date | None
    days_left: int | None
    replied_on: dt.date | None
    late: bool
    transfer_late: bool
    published: bool


class MessageListQuery(Schema):
    agency: str | None = Field(None, description="机构代码")
    state: MessageState | None = None
    kind: MessageKind | None = None
    overdue: bool | None = Field(None, description="true：已超过答复期限仍未答复")


class MessageActionIn(Schema):
    date: dt.date = Field(..., description="该办理环节的日期")
    reason_code: RejectReason | None = Field(None, description="不予受理理由（reject）")
    note: str | None = Field(None, max_length=2000, description="说明（reject、transfer）")
    to_agency: str | None = Field(None, max_length=32, description="转办机构代码（transfer）")
    days: int | None = Field(None, ge=1, le=3650, description="延长的工作日数（extend，≤ 10）")
    reason: str | None = Field(None, max_length=2000, description="延期理由（extend）")
    text: str | None = Field(None, max_length=20000, description="答复内容（reply）")
    title: str | None = Field(None, max_length=100, description="公开标题（publish）")
    body: str | None = Field(None, max_length=2000, description="公开的留言内容（publish）")
    reply: str | None = Field(None, max_length=20000, description="公开的答复内容（publish）")
    question: str | None = Field(None, max_length=200, description="问题（to_faq）")
    answer: str | None = Field(None, max_length=20000, description="解答（to_faq）")
    topic: str | None = Field(None, max_length=40, description="主题（to_faq）")


class MessageTrackOut(Schema):
    tracking_code: str
    state: str
    kind: str
    agency: str
    agency_name: str
    received_on: dt.date
    due_on: dt.date | None
    replied_on: dt.date | None
    reply: str | None
    rating: str | None
    rating_open_until: dt.date | None
    can_rate: bool


class RatingIn(Schema):
    rating: Rating = Field(
        ..., description="satisfied 满意、basically_satisfied 基本满意、dissatisfied 不满意"
    )
    comment: str | None = Field(None, max_length=500)


class PublicMessageOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    reply: str
    received_on: dt.date
    replied_on: dt.date | None = Field(
        ..., description="公开的答复的日期（二次办理后的答复重新公开前，仍为此前答复的日期）"
    )
    agency: str
    agency_name: str


class MessagePublicQuery(Schema):
    agency: str | None = Field(None, max_length=32, description="机构代码（含下级机构）")
    kind: MessageKind | None = None


class StatsQuery(Schema):
    agency: str | None = Field(None, max_length=32, description="机构代码（含下级机构）")
    year: int | None = Field(None, ge=2000, le=2100, description="年度，缺省为今年")
    month: int | None = Field(None, ge=1, le=12, description="月份，缺省为全年")


class SatisfactionOut(Schema):
    satisfied: int
    basically_satisfied: int
    dissatisfied: int


class StatsOut(Schema):
    agency: str | None
    year: int
    month: int | None
    received: int
    accepted: int
    rejected: int
    replied: int
    replied_on_time: int
    avg_workdays: float | None = Field(None, description="收到至首次答复的平均工作日数")
    satisfaction: SatisfactionOut


class FaqOut(Schema):
    id: int
    agency: str
    agency_name: str
    topic: str
    question: str
    answer: str


class FaqQuery(Schema):
    agency: str | None = Field(None, max_length=32)
    topic: str | None = Field(None, max_length=40)


class LimitsIn(Schema):
    consultation: int | None = Field(None, description="咨询（工作日）")
    help: int | None = None
    suggestion: int | None = None
    complaint: int | None = None
    error_report: int | None = None


class LimitsOut(Schema):
    agency: str
    consultation: int
    help: int
    suggestion: int
    complaint: int
    error_report: int


def _content(payload: MessageIn) -> dict:
    return {
        "kind": payload.kind,
        "title": payload.title,
        "body": payload.body,
        "name": payload.name,
        "phone": payload.phone,
        "email": payload.email or "",
        "publish_consent": payload.publish_consent,
    }


def _created(message) -> Status:
    body = {
        "id": message.pk,
        "tracking_code": message.tracking_code,
        "state": message.state,
        "received_on": message.received_on,
        "due_on": message.due_on,
    }
    return Status(201, body)


@router.post("/public/messages", response={201: MessageCreatedOut}, summary="网上留言（公开）")
def submit(request, payload: MessageIn):
    attempt = ratelimit.check_submission(request)
    message = services.submit_online(agency=agency_by_code(payload.agency), **_content(payload))
    ratelimit.accepted(attempt)
    return _created(message)


@router.post(
    "/messages", response={201: MessageCreatedOut}, auth=staff_auth, summary="登记来信、来电等渠道的留言（工作人员）"
)
def register(request, payload: StaffMessageIn):
    message = services.register(
        actor=request.user,
        agency=agency_by_code(payload.agency),
        channel=payload.channel,
        received_on=payload.received_on,
        **_content(payload),
    )
    return _created(message)


@router.get("/messages", response=list[MessageRowOut], auth=staff_auth, summary="留言列表（工作人员）")
@paginate(PagePagination)
def list_messages(request, query: Query[MessageListQuery]):
    today = timezone.localdate()
    agency = agency_by_code(query.agency) if query.agency else None
    queryset = selectors.filtered(
        request.user, agency=agency, state=query.state, kind=query.kind, is_overdue=query.overdue, today=today
    )
    calendars: dict = {}
    return Presented(selectors.by_due_date(queryset), lambda row: list_row(row, today, calendars))


@router.get(
    "/messages/{message_id}",
    response=MessageOut,
    auth=staff_auth,
    by_alias=True,
    summary="留言详情（工作人员）",
)
def get_message(request, message_id: int):
    return detail(selectors.message_for(request.user, message_id), timezone.localdate())


def _need(value, field: str):
    if value in (None, ""):
        raise InvalidInput("validation_error", f"请求参数不正确：{field} 缺少必填字段", {"field": field})
    return value


def _to_agency(code):
    return agency_by_code(_need(code, "to_agency"))


ACTIONS = {
    "accept": lambda m, user, p: services.accept(m, actor=user, on=p.date),
    "reject": lambda m, user, p: services.reject(
        m, actor=user, on=p.date, reason_code=_need(p.reason_code, "reason_code"), note=p.note or ""
    ),
    "transfer": lambda m, user, p: services.transfer(
        m, actor=user, on=p.date, to_agency=_to_agency(p.to_agency), note=p.note or ""
    ),
    "extend": lambda m, user, p: services.extend(
        m, actor=user, on=p.date, days=_need(p.days, "days"), reason=p.reason or ""
    ),
    "reply": lambda m, user, p: services.reply(m, actor=user, on=p.date, text=p.text or ""),
    "reopen": lambda m, user, p: services.reopen(m, actor=user, on=p.date),
    "publish": lambda m, user, p: services.publish(
        m, actor=user, on=p.date, title=p.title, body=p.body, reply=p.reply
    ),
    "unpublish": lambda m, user, p: services.unpublish(m, actor=user, on=p.date, reason=p.note or ""),
    "to_faq": lambda m, user, p: services.to_faq(
        m, actor=user, on=p.date, question=p.question or "", answer=p.answer or "", topic=p.topic or ""
    ),
}


@router.post(
    "/messages/{message_id}/actions/{action}",
    response=MessageOut,
    auth=staff_auth,
    by_alias=True,
    summary="办理动作（受理、不予受理、转办、延期、答复、二次办理、公开、撤销公开、转为常见问题）",
)
def act(request, message_id: int, action: str, payload: MessageActionIn):
    message = selectors.message_for(request.user, message_id, action="edit")
    handler = ACTIONS.get(action)
    if handler is None:
        raise NotFound(
            "unknown_action", f"未知的办理动作：{action}", {"action": action, "allowed": sorted(ACTIONS)}
        )
    handler(message, request.user, payload)
    # A transfer may take the message out of the user's agencies: show what was recorded.
    return detail(
        Message.objects.select_related("agency", "reply_agency").get(pk=message.pk), timezone.localdate()
    )


@router.get("/public/messages/track/{code}", response=MessageTrackOut, summary="按查询码查询留言办理情况（公开）")
def track(request, code: str):
    return tracking(selectors.by_tracking_code(code), timezone.localdate())


@router.post("/public/messages/track/{code}/rating", response=MessageTrackOut, summary="评价留言答复（公开）")
def rate(request, code: str, payload: RatingIn):
    message = services.rate(
        selectors.by_tracking_code(code), rating=payload.rating, comment=payload.comment or ""
    )
    return tracking(message, timezone.localdate())


@router.get("/public/messages/stats", response=StatsOut, summary="留言受理反馈情况统计（公开）")
def stats(request, query: Query[StatsQuery]):
    agency = agency_by_code(query.agency) if query.agency else None
    year = query.year or timezone.localdate().year
    first, last = selectors.period(year, query.month)
    figures = selectors.statistics(agency=agency, first=first, last=last)
    return {"agency": query.agency, "year": year, "month": query.month, **figures}


@router.get("/public/messages", response=list[PublicMessageOut], summary="已公开的留言及答复（公开）")
@paginate(PagePagination)
def published(request, query: Query[MessagePublicQuery]):
    agency = agency_by_code(query.agency) if query.agency else None
    return Presented(selectors.published(agency=agency, kind=query.kind), public_row)


@router.get(
    "/public/messages/{message_id}", response=PublicMessageOut, summary="已公开的一条留言及答复（公开）"
)
def published_message(request, message_id: int):
    message = selectors.published().filter(pk=message_id).first()
    if message is None:
        raise NotFound("message_not_found", "未找到该公开留言")
    return public_row(message)


@router.get("/public/faqs", response=list[FaqOut], summary="常见问题（公开）")
@paginate(PagePagination)
def faqs(request, query: Query[FaqQuery]):
    agency = agency_by_code(query.agency) if query.agency else None
    return Presented(selectors.public_faqs(agency=agency, topic=query.topic), _faq_row)


def _faq_row(faq) -> dict:
    return {
        "id": faq.pk,
        "agency": faq.agency.code,
        "agency_name": faq.agency.name,
        "topic": faq.topic,
        "question": faq.question,
        "answer": faq.answer,
    }


@router.get("/agencies/{code}/message-limits", response=LimitsOut, summary="机构留言答复时限（公开）")
def get_limits(request, code: str):
    return {"agency": code, **selectors.limits_for(agency_by_code(code))}


@router.put(
    "/agencies/{code}/message-limits",
    response=LimitsOut,
    auth=staff_auth,
    summary="设置留言答复时限（机构管理员）",
)
def put_limits(request, code: str, payload: LimitsIn):
    agency = agency_by_code(code)
    limits = {kind: days for kind, days in payload.dict().items() if days is not None}
    services.set_limits(agency, actor=request.user, limits=limits)
    return {"agency": code, **selectors.limits_for(agency)}
