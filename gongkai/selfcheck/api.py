"""Self-check and clocks endpoints of API.md (staff)."""

import datetime as dt
from typing import Annotated

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import staff_auth
from gongkai.api.pagination import PagePagination, Presented
from gongkai.core.errors import InvalidInput
from gongkai.selfcheck import presenters, selectors, services
from gongkai.selfcheck.vocabulary import Scope, TaskStatus

router = Router(tags=["自查与时限 selfcheck"])

# The indicators look back months and years from the day asked about: a day in year 1 has no past to
# look at (a 500, not an answer), and nothing in 9999 can be assessed either.
SelfcheckDate = Annotated[dt.date, Field(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))]


class SelfcheckQuery(Schema):
    scope: str = Field("agency", description="agency（本机构）或 tree（本机构及下级机构）")
    date: SelfcheckDate | None = Field(None, description="自查日期（2000-01-01至2100-12-31），默认今天")


class ClocksQuery(Schema):
    agency: str | None = Field(None, description="机构代码，默认当前用户的第一个机构")
    scope: str = Field("agency", description="agency 或 tree")


class RectificationQuery(Schema):
    agency: str = Field(..., description="机构代码")
    scope: str = Field("tree", description="agency（本机构）或 tree（本机构及下级机构，默认）")
    status: str | None = Field(None, description="open（整改中）或 done（已完成）；默认全部")


class RectificationTaskIn(Schema):
    agency: str = Field(..., min_length=1, max_length=32)
    indicator: str = Field(..., min_length=1, max_length=60)
    problem: str = Field("", max_length=5000, description="问题（默认由自查结果生成）")
    measures: str = Field("", max_length=5000, description="整改措施")
    responsible: str = Field("", max_length=100, description="责任单位")
    due_on: dt.date | None = Field(None, description="时限")


def _scope(value: str) -> str:
    if value not in (Scope.AGENCY, Scope.TREE):
        raise InvalidInput("invalid_scope", "scope 只能是 agency 或 tree", {"scope": value})
    return value


def _task_status(value: str | None) -> str | None:
    if value is not None and value not in set(TaskStatus):
        labels = "、".join(f"{status.value}（{status.label}）" for status in TaskStatus)
        raise InvalidInput("invalid_status", f"status 只能是 {labels}", {"status": value})
    return value


@router.get("/selfcheck/{agency}", response=dict, auth=staff_auth, summary="自查结果（得分、结论、各项指标）")
def selfcheck(request, agency: str, query: Query[SelfcheckQuery]):
    scope = _scope(query.scope)
    report = selectors.selfcheck(
        request.user, agency_by_code(agency), query.date or timezone.localdate(), scope
    )
    return presenters.report_payload(report, scope)


@router.get("/selfcheck/{agency}/ranking", response=list[dict], auth=staff_auth, summary="下级机构自查排名")
def ranking(request, agency: str, date: SelfcheckDate | None = None):
    reports = selectors.ranking(request.user, agency_by_code(agency), date or timezone.localdate())
    return [presenters.ranking_payload(report, rank) for rank, report in enumerate(reports, 1)]


@router.get("/clocks", response=list[dict], auth=staff_auth, summary="运行中的法定时限（按到期日排序）")
def clocks(request, query: Query[ClocksQuery]):
    scope = _scope(query.scope)
    if query.agency:
        agency = agency_by_code(query.agency)
    else:
        from gongkai.workbench.context import staff_agencies

        agency = staff_agencies(request.user).first()
        if agency is None:
            return []
    found = selectors.clocks(request.user, agency, timezone.localdate(), scope)
    codes = {a.pk: a.code for a in selectors.agencies_in_scope(request.user, agency, scope)}
    return [presenters.clock_payload(clock, codes) for clock in found]


@router.get("/rectifications", response=list[dict], auth=staff_auth, summary="整改台账")
@paginate(PagePagination)
def rectifications(request, query: Query[RectificationQuery]):
    scope, status = _scope(query.scope), _task_status(query.status)
    tasks = selectors.tasks(request.user, agency_by_code(query.agency), scope, status)
    return Presented(tasks, presenters.task_payload)


@router.post("/rectifications", response={201: dict}, auth=staff_auth, summary="从自查发现立项整改")
def open_rectification(request, payload: RectificationTaskIn):
    task = services.open_task(
        actor=request.user,
        agency=agency_by_code(payload.agency),
        indicator=payload.indicator,
        today=timezone.localdate(),
        problem=payload.problem,
        measures=payload.measures,
        responsible=payload.responsible,
        due_on=payload.due_on,
    )
    return Status(201, presenters.task_payload(task))
