"""Opinion solicitation endpoints of API.md (意见征集)."""

import datetime as dt

from django.utils import timezone
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import staff_auth
from gongkai.api.components import named_codes
from gongkai.api.pagination import PagePagination, Presented
from gongkai.catalog import selectors as catalog_selectors
from gongkai.core import ratelimit
from gongkai.core.errors import NotFound
from gongkai.core.parsing import parse_int
from gongkai.solicitation import exports, presenters, selectors, services, similarity, vocabulary
from gongkai.solicitation.models import COMMENT_MAX_CHARS

SolicitationState = named_codes("SolicitationState", vocabulary.State)

router = Router(tags=["意见征集 solicitation"])


class SolicitationIn(Schema):
    agency: str = Field(..., min_length=1, max_length=32, description="机构代码")
    kind: str = Field(..., description="major_decision、rule、market_related、normative_document 或 other")
    title: str = Field(..., min_length=1, max_length=300)
    draft: str = Field(..., description="征求意见稿正文（HTML 会被净化）")
    explanation: str = Field("", description="起草说明")
    how_to_comment: str = Field("", description="意见反馈方式")
    contacts: str = Field("", description="联系方式（起草单位的办公电话、邮箱、地址）")
    hearing: str = Field("", description="听证会、座谈会等安排")
    opens_on: dt.date
    closes_on: dt.date
    shortened_reason: str | None = Field(None, description="缩短期限的理由（随征求意见稿公布）")


class SolicitationPatch(Schema):
    kind: str | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    draft: str | None = None
    explanation: str | None = None
    how_to_comment: str | None = None
    contacts: str | None = None
    hearing: str | None = None
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    shortened_reason: str | None = None


class SolicitationPublishIn(Schema):
    date: dt.date | None = Field(None, description="发布日期，默认今天")
    override_reason: str | None = Field(None, max_length=1000, description="审核人放行审查发现时的书面理由")


class ExtendIn(Schema):
    closes_on: dt.date = Field(..., description="延长后的截止日期")
    reason: str = Field(..., max_length=2000, description="延长理由（随公告公布）")
    date: dt.date | None = Field(None, description="公告日期，默认今天")


class FinalIn(Schema):
    item: int | str = Field(..., description="正式出台文件的 id 或索引号")


class CommentIn(Schema):
    text: str = Field(..., max_length=COMMENT_MAX_CHARS * 2)
    name: str | None = Field(None, max_length=200, description="姓名或单位（不公开）")
    contact: str | None = Field(None, max_length=400, description="联系方式（不公开）")


class CommentDecideIn(Schema):
    decision: str = Field(..., description="adopted、partially_adopted、not_adopted 或 not_applicable")
    reason: str | None = Field(None, max_length=5000)


class GroupIn(Schema):
    comments: list[int] = Field(..., min_length=1)
    summary: str = Field(..., max_length=2000)


class RowIn(Schema):
    comments: list[int] = []
    summary: str = Field("", max_length=2000)
    decision: str = ""
    reason: str | None = Field(None, max_length=5000)


class FeedbackIn(Schema):
    date: dt.date = Field(..., description="公布日期（须在征求意见截止日期之后）")
    summary: str = Field(..., max_length=20000, description="总体情况说明")
    rows: list[RowIn] = []
    override_reason: str | None = Field(None, max_length=1000)


class SettingsIn(Schema):
    feedback_workdays: int | None = Field(None, description="采纳情况公布时限（工作日）")
    note: str | None = Field(None, max_length=5000, description="无意见征集时的情况说明")


class SolicitationPublicQuery(Schema):
    state: SolicitationState | None = Field(None, description="open、closed 或 feedback_published")
    agency: str | None = Field(None, description="机构代码")


class SolicitationStaffQuery(Schema):
    state: SolicitationState | None = Field(None, description="draft、open、closed 或 feedback_published")
    agency: str | None = None


def _today() -> dt.date:
    return timezone.localdate()


@router.get("/public/solicitations", response=list[dict], summary="公开的意见征集（征集中、已截止、已反馈）")
@paginate(PagePagination)
def public_list(request, query: Query[SolicitationPublicQuery]):
    today = _today()
    agency_ids = [agency_by_code(query.agency).pk] if query.agency else None
    queryset = selectors.public_solicitations(today=today, state=query.state, agency_ids=agency_ids)
    return Presented(queryset, lambda entry: presenters.public_payload(entry, today, full=False))


@router.get(
    "/public/solicitations/{int:solicitation_id}", response=dict, summary="意见征集详情（含采纳情况）"
)
def public_detail(request, solicitation_id: int):
    return presenters.public_payload(selectors.public_solicitation(solicitation_id), _today())


@router.post(
    "/public/solicitations/{int:solicitation_id}/comments",
    response={201: dict},
    summary="提交意见（无需登录）",
)
def submit_comment(request, solicitation_id: int, payload: CommentIn):
    attempt = ratelimit.check_submission(request)
    solicitation = selectors.public_solicitation(solicitation_id)
    comment = services.submit_comment(
        solicitation, text=payload.text, name=payload.name or "", contact=payload.contact or ""
    )
    ratelimit.accepted(attempt)
    return Status(
        201, {"id": comment.pk, "number": comment.number, "received_on": comment.received_on.isoformat()}
    )


# --- Staff ------------------------------------------------------------------------------------


@router.post("/solicitations", response={201: dict}, auth=staff_auth, summary="起草意见征集")
def create(request, payload: SolicitationIn):
    fields = payload.dict(exclude={"agency"})
    fields["shortened_reason"] = fields.get("shortened_reason") or ""
    solicitation = services.create_solicitation(
        actor=request.user, agency=agency_by_code(payload.agency), **fields
    )
    return Status(201, presenters.staff_payload(solicitation, _today()))


@router.get("/solicitations", response=list[dict], auth=staff_auth, summary="本机构的意见征集（含草稿）")
@paginate(PagePagination)
def staff_list(request, query: Query[SolicitationStaffQuery]):
    today = _today()
    agency = agency_by_code(query.agency) if query.agency else None
    queryset = selectors.staff_solicitations(request.user, today=today, state=query.state, agency=agency)
    return Presented(queryset, lambda entry: presenters.staff_payload(entry, today))


@router.get(
    "/solicitations/{int:solicitation_id}", response=dict, auth=staff_auth, summary="意见征集（工作人员）"
)
def staff_detail(request, solicitation_id: int):
    return presenters.staff_payload(selectors.staff_solicitation(request.user, solicitation_id), _today())


@router.patch("/solicitations/{int:solicitation_id}", response=dict, auth=staff_auth, summary="修改草稿")
def update(request, solicitation_id: int, payload: SolicitationPatch):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id, action="edit")
    changes = payload.dict(exclude_unset=True)
    solicitation = services.update_solicitation(solicitation, actor=request.user, **changes)
    return presenters.staff_payload(solicitation, _today())


@router.post(
    "/solicitations/{int:solicitation_id}/attachments",
    response={201: dict},
    auth=staff_auth,
    summary="上传附件",
)
def attach(request, solicitation_id: int, file: File[UploadedFile]):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id, action="edit")
    attachment = services.attach_file(solicitation, actor=request.user, upload=file)
    return Status(201, {"id": attachment.pk, "name": attachment.name, "size": attachment.size})


@router.delete(
    "/solicitations/{int:solicitation_id}/attachments/{int:attachment_id}",
    response={204: None},
    auth=staff_auth,
    summary="删除草稿的附件",
)
def detach(request, solicitation_id: int, attachment_id: int):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id, action="edit")
    services.remove_attachment(selectors.attachment_of(solicitation, attachment_id), actor=request.user)
    return Status(204, None)


@router.post(
    "/solicitations/{int:solicitation_id}/publish",
    response=dict,
    auth=staff_auth,
    summary="发布（开始征求意见）",
)
def publish(request, solicitation_id: int, payload: SolicitationPublishIn | None = None):
    payload = payload or SolicitationPublishIn()
    solicitation = selectors.staff_solicitation(request.user, solicitation_id)
    solicitation = services.publish_solicitation(
        solicitation, actor=request.user, on=payload.date, override_reason=payload.override_reason or ""
    )
    return presenters.staff_payload(solicitation, _today())


@router.post(
    "/solicitations/{int:solicitation_id}/extend", response=dict, auth=staff_auth, summary="延长征求意见期限"
)
def extend(request, solicitation_id: int, payload: ExtendIn):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id)
    services.extend_period(
        solicitation, actor=request.user, closes_on=payload.closes_on, reason=payload.reason, on=payload.date
    )
    return presenters.staff_payload(selectors.staff_solicitation(request.user, solicitation_id), _today())


@router.post(
    "/solicitations/{int:solicitation_id}/final", response=dict, auth=staff_auth, summary="关联正式出台的文件"
)
def link_final(request, solicitation_id: int, payload: FinalIn):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id)
    value = payload.item
    if isinstance(value, str) and parse_int(value) is None:
        item = catalog_selectors.public_items().filter(index_no=value).first()
        if item is None:
            raise NotFound("item_not_found", f"未找到索引号为“{value}”的信息", {"index_no": value})
    else:
        item = catalog_selectors.visible_item(request.user, int(value))
    solicitation = services.link_final_item(solicitation, actor=request.user, item=item)
    return presenters.staff_payload(solicitation, _today())


@router.get(
    "/solicitations/{int:solicitation_id}/comments",
    response=list[dict],
    auth=staff_auth,
    summary="收到的意见",
)
@paginate(PagePagination)
def comments(request, solicitation_id: int):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id)
    personal = selectors.sees_commenters(request.user, solicitation.agency_id)
    return Presented(
        selectors.comments_of(solicitation),
        lambda entry: presenters.comment_payload(entry, personal=personal),
    )


@router.get(
    "/solicitations/{int:solicitation_id}/comments.xlsx",
    auth=staff_auth,
    response={200: None},
    summary="导出意见（XLSX，含姓名和联系方式，仅限本机构工作人员）",
)
def comments_xlsx(request, solicitation_id: int):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id)
    return exports.comments_response(
        solicitation, personal=selectors.sees_commenters(request.user, solicitation.agency_id)
    )


@router.post(
    "/solicitations/{int:solicitation_id}/comments/{int:comment_id}/decide",
    response=dict,
    auth=staff_auth,
    summary="对意见作出采纳决定",
)
def decide(request, solicitation_id: int, comment_id: int, payload: CommentDecideIn):
    comment = selectors.staff_comment(request.user, solicitation_id, comment_id)
    comment = services.decide_comment(
        comment, actor=request.user, decision=payload.decision, reason=payload.reason or ""
    )
    return presenters.comment_payload(
        comment, personal=selectors.sees_commenters(request.user, comment.solicitation.agency_id)
    )


@router.get(
    "/solicitations/{int:solicitation_id}/groups",
    response=dict,
    auth=staff_auth,
    summary="意见分组及相似意见建议",
)
def groups(request, solicitation_id: int):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id)
    texts = dict(solicitation.comments.filter(group__isnull=True).values_list("pk", "text"))
    return {
        "groups": [
            presenters.group_payload(group) for group in solicitation.groups.prefetch_related("comments")
        ],
        "suggested": similarity.similar_groups(texts),
    }


@router.post(
    "/solicitations/{int:solicitation_id}/groups",
    response={201: dict},
    auth=staff_auth,
    summary="将相似意见归为一组",
)
def group(request, solicitation_id: int, payload: GroupIn):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id, action="edit")
    created = services.group_comments(
        solicitation, actor=request.user, comment_ids=payload.comments, summary=payload.summary
    )
    return Status(201, presenters.group_payload(created))


@router.post(
    "/solicitations/{int:solicitation_id}/groups/{int:group_id}/decide",
    response=dict,
    auth=staff_auth,
    summary="对一组意见作出采纳决定",
)
def decide_group(request, solicitation_id: int, group_id: int, payload: CommentDecideIn):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id, action="edit")
    found = selectors.group_of(solicitation, group_id)
    services.decide_group(found, actor=request.user, decision=payload.decision, reason=payload.reason or "")
    return presenters.group_payload(found)


@router.post(
    "/solicitations/{int:solicitation_id}/feedback",
    response=dict,
    auth=staff_auth,
    summary="公布意见采纳情况",
)
def feedback(request, solicitation_id: int, payload: FeedbackIn):
    solicitation = selectors.staff_solicitation(request.user, solicitation_id)
    published = services.publish_feedback(
        solicitation,
        actor=request.user,
        on=payload.date,
        summary=payload.summary,
        rows=[row.dict() for row in payload.rows],
        override_reason=payload.override_reason or "",
    )
    return presenters.feedback_payload(published)


@router.put(
    "/agencies/{code}/solicitation-settings", response=dict, auth=staff_auth, summary="意见征集设置与情况说明"
)
def put_settings(request, code: str, payload: SettingsIn):
    agency = agency_by_code(code)
    if payload.feedback_workdays is not None:
        services.set_feedback_limit(agency, actor=request.user, working_days=payload.feedback_workdays)
    if payload.note is not None:
        services.write_note(agency, actor=request.user, text=payload.note)
    settings = selectors.agency_settings(agency)
    return {
        "agency": agency.code,
        "feedback_workdays": settings.feedback_workdays,
        "note": settings.note,
        "note_on": settings.note_on.isoformat() if settings.note_on else None,
    }
