"""Proposal endpoints of API.md ("Proposals and guides"), and key tasks."""

import datetime as dt
from typing import Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import staff_auth
from gongkai.api.components import named_codes
from gongkai.api.pagination import PagePagination
from gongkai.core.errors import NotFound
from gongkai.proposals import presenters, selectors, services, vocabulary

ProposalKind = named_codes("ProposalKind", vocabulary.Kind)

router = Router(tags=["建议提案 proposals"])
ACTIONS = ("extend", "answer", "rate", "second_answer", "publish", "co_views", "views_due")


class ProposalIn(Schema):
    agency: str = Field(..., min_length=1, max_length=32, description="主办单位机构代码")
    kind: str = Field(..., description="deputy_suggestion（人大代表建议）或 cppcc_proposal（政协提案）")
    session: str = Field(..., max_length=60, description="届次，如：十七届人大三次会议")
    number: str | int = Field(..., description="编号")
    title: str = Field(..., max_length=300)
    assigned_on: dt.date = Field(..., description="交办日期")
    proposers: str | None = Field(None, max_length=500, description="领衔人及附议人（不公开）")
    co_handlers: list[str] = Field([], max_length=30, description="协办单位机构代码")


class ProposalActionIn(Schema):
    date: dt.date = Field(..., description="该行为的法定日期")
    reason: str | None = Field(None, max_length=5000, description="extend：延期理由；publish：摘要公开理由")
    result_class: str | None = Field(None, description="answer：A、B 或 C")
    doc_number: str | None = Field(None, max_length=100, description="answer / second_answer：答复文号")
    text: str | None = Field(None, max_length=100000, description="answer / second_answer：答复正文；publish full：公开的全文（不填则公开答复正文）")
    satisfaction: str | None = Field(None, description="rate：satisfied、basically_satisfied 或 dissatisfied")
    mode: str | None = Field(None, description="publish：full 或 summary")
    summary: str | None = Field(None, max_length=20000, description="publish summary：答复摘要")
    override_reason: str | None = Field(None, max_length=1000)
    agency: str | None = Field(None, max_length=32, description="co_views / views_due：协办单位机构代码")
    views_due_on: dt.date | None = Field(
        None, description="views_due：协办意见截止日期（主办单位设定；不填则为答复期限前一个月）"
    )
    views: str | None = Field(None, max_length=20000, description="co_views：协办意见")


class ReportIn(Schema):
    agency: str = Field(..., max_length=32)
    year: int = Field(..., ge=2000, le=2100)
    date: dt.date
    note: str | None = Field(None, max_length=20000)


class KeyTaskIn(Schema):
    agency: str = Field(..., max_length=32, description="牵头单位")
    co_agencies: list[str] = Field([], max_length=30)
    source: str = Field(..., max_length=200)
    title: str = Field(..., max_length=500)
    assigned_on: dt.date
    deadline: dt.date | None = None


class ProgressIn(Schema):
    date: dt.date
    status: str = Field(..., description="on_track、at_risk 或 done")
    text: str = Field(..., max_length=5000)
    override_reason: str | None = Field(None, max_length=2000, description="放行审查发现的理由（审核人）")


class ProposalStaffQuery(Schema):
    agency: str | None = Field(None, max_length=32)
    # A value outside these is a 422, as the other lists answer it (not the filter ignored).
    state: Literal["handling", "unpublished"] | None = Field(None, description="handling 或 unpublished")


class ProposalPublicQuery(Schema):
    agency: str | None = Field(None, max_length=32)
    kind: ProposalKind | None = Field(None, description="deputy_suggestion 或 cppcc_proposal")
    year: int | None = Field(None, ge=2000, le=2100)


class Mapped:
    def __init__(self, queryset, convert):
        self.queryset, self.convert = queryset, convert

    def __len__(self):
        return self.queryset.count()

    def __getitem__(self, window: slice):
        return [self.convert(entry) for entry in self.queryset[window]]


def _today() -> dt.date:
    return timezone.localdate()


@router.post("/proposals", response={201: dict}, auth=staff_auth, summary="登记建议提案（返回答复期限）")
def create(request, payload: ProposalIn):
    proposal = services.create_proposal(
        actor=request.user,
        agency=agency_by_code(payload.agency),
        kind=payload.kind,
        session=payload.session,
        number=str(payload.number),
        title=payload.title,
        assigned_on=payload.assigned_on,
        proposers=payload.proposers or "",
        co_agencies=[agency_by_code(code) for code in payload.co_handlers],
    )
    return Status(201, presenters.staff_payload(proposal, _today()))


@router.get("/proposals", response=list[dict], auth=staff_auth, summary="本单位主办和协办的建议提案")
@paginate(PagePagination)
def staff_list(request, query: Query[ProposalStaffQuery]):
    agency = agency_by_code(query.agency) if query.agency else None
    today = _today()
    queryset = selectors.staff_proposals(request.user, agency=agency, state=query.state)
    return Mapped(queryset, lambda proposal: presenters.staff_payload(proposal, today))


@router.get(
    "/proposals/{int:proposal_id}", response=dict, auth=staff_auth, summary="建议提案（含期限与状态）"
)
def detail(request, proposal_id: int):
    return presenters.staff_payload(selectors.staff_proposal(request.user, proposal_id), _today())


@router.post(
    "/proposals/{int:proposal_id}/actions/{action}", response=dict, auth=staff_auth, summary="办理行为"
)
def act(request, proposal_id: int, action: str, payload: ProposalActionIn):
    if action not in ACTIONS:  # as applications and messages answer an unknown action: 404
        raise NotFound(
            "unknown_action",
            f"未知的办理行为：{action}",
            {"action": action, "allowed": sorted(ACTIONS), "actions": list(ACTIONS)},
        )
    user, on = request.user, payload.date
    if action == "co_views":
        proposal = selectors.staff_proposal(user, proposal_id)
        co_handler = selectors.co_handler_of(user, proposal, payload.agency or "")
        services.send_views(co_handler, actor=user, on=on, views=payload.views or "")
    elif action == "views_due":
        proposal = selectors.staff_proposal(user, proposal_id, action="edit")
        co_handler = selectors.co_handler_named(proposal, payload.agency or "")
        services.set_views_due(co_handler, actor=user, on=on, views_due_on=payload.views_due_on)
    else:
        proposal = selectors.staff_proposal(
            user, proposal_id, action="review" if action == "publish" else "edit"
        )
        if action == "extend":
            services.extend(proposal, actor=user, on=on, reason=payload.reason or "")
        elif action == "answer":
            services.answer(
                proposal, actor=user, on=on, result_class=payload.result_class or "",
                doc_number=payload.doc_number or "", text=payload.text or "",
            )  # fmt: skip
        elif action == "rate":
            services.rate(proposal, actor=user, on=on, satisfaction=payload.satisfaction or "")
        elif action == "second_answer":
            services.answer_again(
                proposal, actor=user, on=on, doc_number=payload.doc_number or "", text=payload.text or ""
            )
        else:
            services.publish(
                proposal, actor=user, on=on, mode=payload.mode or "", reason=payload.reason or "",
                summary=payload.summary or "", override_reason=payload.override_reason or "",
                text=payload.text or "",
            )  # fmt: skip
    return presenters.staff_payload(selectors.staff_proposal(user, proposal_id), _today())


@router.post(
    "/proposals/reports", response={201: dict}, auth=staff_auth, summary="公开年度建议提案办理总体情况"
)
def year_report(request, payload: ReportIn):
    report = services.publish_year_report(
        agency_by_code(payload.agency),
        actor=request.user,
        year=payload.year,
        on=payload.date,
        note=payload.note or "",
    )
    return Status(201, {"year": report.year, "totals": report.totals, "index_no": report.item.index_no})


@router.get("/public/proposals", response=list[dict], summary="已公开的建议提案答复")
@paginate(PagePagination)
def public_list(request, query: Query[ProposalPublicQuery]):
    agency_ids = [agency_by_code(query.agency).pk] if query.agency else None
    queryset = selectors.published_proposals(agency_ids=agency_ids, kind=query.kind, year=query.year)
    return Mapped(queryset, presenters.public_payload)


@router.post("/tasks", response={201: dict}, auth=staff_auth, summary="分解重点工作任务")
def create_task(request, payload: KeyTaskIn):
    task = services.create_task(
        actor=request.user, agency=agency_by_code(payload.agency), source=payload.source, title=payload.title,
        assigned_on=payload.assigned_on, deadline=payload.deadline,
        co_agencies=[agency_by_code(code) for code in payload.co_agencies],
    )  # fmt: skip
    return Status(201, presenters.task_payload(task, _today(), staff=True))


@router.get("/tasks/{int:task_id}", response=dict, auth=staff_auth, summary="重点工作任务（含发现）")
def task_detail(request, task_id: int):
    return presenters.task_payload(selectors.staff_task(request.user, task_id), _today(), staff=True)


@router.post("/tasks/{int:task_id}/progress", response={201: dict}, auth=staff_auth, summary="报送任务进展")
def task_progress(request, task_id: int, payload: ProgressIn):
    task = selectors.task_for_progress(request.user, task_id)
    services.report_progress(
        task,
        actor=request.user,
        on=payload.date,
        status=payload.status,
        text=payload.text,
        override_reason=payload.override_reason,
    )
    return Status(201, presenters.task_payload(selectors.task_for_progress(request.user, task_id), _today()))


@router.get("/public/tasks", response=list[dict], summary="重点工作任务及进展")
@paginate(PagePagination)
def public_tasks(request, agency: str | None = None):
    agency_ids = [agency_by_code(agency).pk] if agency else None
    today = _today()
    return Mapped(
        selectors.public_tasks(agency_ids=agency_ids), lambda task: presenters.task_payload(task, today)
    )
