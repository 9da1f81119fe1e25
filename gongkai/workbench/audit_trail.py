"""Reading the audit trail, scoped to what the user administers (the audit page, API and CSV).

The trail is written by ``gongkai.audit`` below every app; reading it needs the agency permissions,
so it lives here, above ``agencies``."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    agency: Agency | None = None
    action: str = ""
    actor: str = ""
    object_type: str = ""
    object_id: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def visible_agency_ids(user) -> set[int] | None:
    """Agencies whose trail the user may read: those they manage, plus agencies merged into them."""
    ids = permissions.access_for(user).agency_ids(permissions.Rank.ADMIN)
    if ids is None:
        return None
    frontier = set(ids)
    while frontier:
        frontier = set(Agency.objects.filter(merged_into__in=frontier).values_list("id", flat=True)) - ids
        ids |= frontier
    return ids


def events_for(user, filters: AuditFilter):
    queryset = AuditEvent.objects.select_related("agency", "actor")
    ids = visible_agency_ids(user)
    if ids is not None:
        queryset = queryset.filter(agency_id__in=ids)
    if filters.agency is not None:
        permissions.require(user, "manage", filters.agency.successor())
        queryset = queryset.filter(agency=filters.agency)
    if filters.action:
        queryset = queryset.filter(action__startswith=filters.action)
    if filters.actor:
        queryset = queryset.filter(actor_label=filters.actor)
    if filters.object_type:
        queryset = queryset.filter(object_type=filters.object_type)
    if filters.object_id:
        queryset = queryset.filter(object_id=filters.object_id)
    tz = timezone.get_current_timezone()
    # The first and last representable days bound nothing (and would overflow once shifted to UTC).
    if filters.since and filters.since > dt.date.min:
        queryset = queryset.filter(at__gte=dt.datetime.combine(filters.since, dt.time.min, tzinfo=tz))
    if filters.until and filters.until < dt.date.max:
        queryset = queryset.filter(
            at__lt=dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    return queryset.order_by("-at", "-id")


CSV_HEADER = ["时间", "操作人", "机构", "动作", "对象类型", "对象编号", "摘要", "数据"]


class _Echo:
    def write(self, value):
        return value


def csv_rows(queryset) -> Iterator[str]:
    """CSV lines (with a BOM so spreadsheet software reads the Chinese), streamed in chunks."""
    import json

    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    for event in queryset.iterator(chunk_size=2000):
        cells = [
            timezone.localtime(event.at).isoformat(timespec="seconds"),
            event.actor_label,
            event.agency.name if event.agency_id else "",
            event.action,
            event.object_type,
            event.object_id,
            event.summary,
            json.dumps(event.data, ensure_ascii=False),
        ]
        yield writer.writerow([safe_cell(cell) for cell in cells])


FORMULA_STARTS = frozenset("=+-@\t\r")


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a cell that a spreadsheet would read as a
    formula gets a leading apostrophe. Applied to every cell: names, object ids and data are
    typed by people too."""
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text
