"""Audit endpoints: list an agency's events with filters, or export them as CSV."""

import datetime as dt

from django.http import StreamingHttpResponse
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import staff_auth
from gongkai.api.pagination import PagePagination
from gongkai.audit import selectors

router = Router(tags=["审计 audit"], auth=staff_auth)


class AuditQuery(Schema):
    agency: str | None = None
    action: str = ""
    actor: str = ""
    object_type: str = ""
    object_id: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


class AuditEventOut(Schema):
    id: int
    at: dt.datetime
    actor: str
    agency: str | None
    action: str
    object_type: str
    object_id: str
    summary: str
    data: dict
    # The event's link in the hash chain (``manage.py verify_audit``).
    sequence: int
    hash: str

    @staticmethod
    def resolve_actor(obj):
        return obj.actor_label

    @staticmethod
    def resolve_agency(obj):
        return obj.agency.code if obj.agency_id else None


def _filters(query: AuditQuery) -> selectors.AuditFilter:
    fields = query.dict()
    fields["agency"] = agency_by_code(query.agency) if query.agency else None
    return selectors.AuditFilter(**fields)


@router.get("/audit", response=list[AuditEventOut], summary="审计事件列表")
@paginate(PagePagination)
def list_events(request, query: Query[AuditQuery]):
    return selectors.events_for(request.user, _filters(query))


@router.get("/audit/export.csv", summary="导出审计事件（CSV）", response={200: None})
def export_events(request, query: Query[AuditQuery]):
    rows = selectors.csv_rows(selectors.events_for(request.user, _filters(query)))
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    return response
