"""Audit endpoints: list an agency's events with filters, or export them as CSV.

They read the trail the way the workbench's audit page does (``audit_trail``), scoped by the
agency permissions, so they live above ``agencies`` with the page rather than in ``audit``, which
every service writes through. The operation ids are those the endpoints had in ``gongkai.audit.api``:
clients generated from the OpenAPI document keep working."""

import datetime as dt

from django.http import StreamingHttpResponse
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from gongkai.agencies.selectors import agency_by_code
from gongkai.api.auth import staff_auth
from gongkai.api.pagination import PagePagination
from gongkai.workbench import audit_trail

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


def _filters(query: AuditQuery) -> audit_trail.AuditFilter:
    fields = query.dict()
    fields["agency"] = agency_by_code(query.agency) if query.agency else None
    return audit_trail.AuditFilter(**fields)


@router.get(
    "/audit",
    response=list[AuditEventOut],
    summary="审计事件列表",
    operation_id="gongkai_audit_api_list_events",
)
@paginate(PagePagination)
def list_events(request, query: Query[AuditQuery]):
    return audit_trail.events_for(request.user, _filters(query))


@router.get(
    "/audit/export.csv",
    summary="导出审计事件（CSV）",
    response={200: None},
    operation_id="gongkai_audit_api_export_events",
)
def export_events(request, query: Query[AuditQuery]):
    rows = audit_trail.csv_rows(audit_trail.events_for(request.user, _filters(query)))
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    return response
