"""Reading the audit trail, scoped to what the user administers (the audit page, API and CSV).

The trail is written by ``gongkai.audit`` below every app; reading it needs the agency permissions,
so it lives here, above ``agencies``."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.audit import labels
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


# Acts of no agency that the disclosure office answers for: the working-day calendar it confirms and
# the system's self-check runs. Others of no agency (log-ins, accounts) stay with their own actor.
OFFICE_WIDE_ACTIONS = ("calendar.", "selfcheck.")


def events_for(user, filters: AuditFilter):
    """The events the user may read: those of the agencies they administer; of no agency, their own
    acts, and for the disclosure office also the calendar's and the self-check runs'."""
    queryset = AuditEvent.objects.select_related("agency", "actor")
    ids = visible_agency_ids(user)
    if ids is not None:
        scope = Q(agency_id__in=ids) | Q(agency__isnull=True, actor_id=user.pk)
        if permissions.access_for(user).is_office:
            office_wide = Q()
            for prefix in OFFICE_WIDE_ACTIONS:
                office_wide |= Q(action__startswith=prefix)
            scope |= Q(agency__isnull=True) & office_wide
        queryset = queryset.filter(scope)
    if filters.agency is not None:
        permissions.require(user, "manage", filters.agency.successor())
        queryset = queryset.filter(agency=filters.agency)
    if filters.action:
        queryset = queryset.filter(action__startswith=filters.action)
    if filters.actor:  # the account name, or the staff member's name as shown
        queryset = queryset.filter(Q(actor_label=filters.actor) | Q(actor__first_name=filters.actor))
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


def readable(events) -> list[AuditEvent]:
    """The events with what a person reads of them: ``actor_name`` (the staff member's name, or
    系统/公众), ``action_name`` (发布政府信息) and ``object_name`` (政府信息“标题”)."""
    events = list(events)
    names = labels.describe_objects((event.object_type, event.object_id) for event in events)
    for event in events:
        event.actor_name = labels.actor_name(event.actor, event.actor_label)
        event.action_name = labels.action_label(event.action)
        event.object_name = names.get((event.object_type, event.object_id), "")
    return events


# The readable columns first; the codes after them, for whoever filters the file by machine.
CSV_HEADER = [
    "时间",
    "操作人",
    "机构",
    "动作",
    "对象",
    "摘要",
    "操作人账号",
    "动作代码",
    "对象类型",
    "对象编号",
    "数据",
]


class _Echo:
    def write(self, value):
        return value


def csv_rows(queryset) -> Iterator[str]:
    """CSV lines (with a BOM so spreadsheet software reads the Chinese), streamed in chunks."""
    import json

    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    rows = queryset.iterator(chunk_size=2000)
    while batch := list(itertools.islice(rows, 500)):
        for event in readable(batch):
            cells = [
                timezone.localtime(event.at).isoformat(timespec="seconds"),
                event.actor_name,
                event.agency.name if event.agency_id else "",
                event.action_name,
                event.object_name,
                event.summary,
                event.actor_label,
                event.action,
                event.object_type,
                event.object_id,
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
