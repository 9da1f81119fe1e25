"""The coverage report of an agency's standard catalogue: the bridge between stored entries, the
catalogue's published items and the pure ``coverage`` rules (uncovered and stale entries), with
column suggestions by name and the report as XLSX."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.catalog.models import Column, Item
from gongkai.guides import coverage
from gongkai.guides.models import ChannelConfirmation, EntryColumn, StandardEntry
from gongkai.guides.vocabulary import Level
from gongkai.workdays.selectors import workdays

TOWN_LEVELS = {Level.TOWN, Level.VILLAGE}
UPPER_LEVELS = {Level.COUNTY, Level.CITY, Level.PROVINCE}


@dataclass
class Row:
    entry: StandardEntry
    result: coverage.Coverage
    columns: list[Column] = field(default_factory=list)
    suggestions: list[Column] = field(default_factory=list)

    @property
    def offline_channels(self) -> list[str]:
        """The channels staff confirm by hand (公示栏 …); a website is covered by linked columns."""
        return [name for name, _ in self.entry.channels if not coverage.is_online(name)]


def in_scope(entry: StandardEntry, agency) -> bool:
    """主动 entries at the agency's level (a town's entries are 乡级/村级; others 县级 and above); an
    entry naming no level or no mode is taken as in scope."""
    if entry.modes and "proactive" not in entry.modes:
        return False
    if not entry.levels:
        return True
    levels = TOWN_LEVELS if agency.kind == "town" else UPPER_LEVELS
    return any(level in levels for level in entry.levels)


def suggest(entry: StandardEntry, columns: list[Column], linked: set[int]) -> list[Column]:
    """Columns whose name shares the entry's 二级事项 or 一级事项 (either contains the other)."""
    names = [name for name in (entry.second_level, entry.first_level) if len(name) >= 2]
    return [
        column for column in columns
        if column.pk not in linked and any(name in column.name or column.name in name for name in names)
    ][:3]  # fmt: skip


def _newest_item(agency, column_ids: list[int], today: dt.date) -> coverage.Publication | None:
    if not column_ids:
        return None
    newest = (
        Item.objects.public()
        .filter(agency=agency, columns__in=column_ids, published_on__lte=today)
        .order_by("-published_on", "-id")
        .values_list("published_on", "formed_on", "title")
        .first()
    )
    return coverage.Publication(newest[0], newest[1], newest[2]) if newest else None


def _offline(entry: StandardEntry) -> tuple[list[str], coverage.Publication | None]:
    required = [name for name, needed in entry.channels if needed and not coverage.is_online(name)]
    latest: dict[str, dt.date] = {}
    for confirmation in entry.confirmations.all():
        if confirmation.channel not in latest or confirmation.confirmed_on > latest[confirmation.channel]:
            latest[confirmation.channel] = confirmation.confirmed_on
    missing = [name for name in required if name not in latest]
    dates = [latest[name] for name in required if name in latest]
    oldest = min(dates) if dates else None
    return missing, (coverage.Publication(oldest, None, "线下渠道确认") if oldest else None)


def report(agency, today: dt.date) -> list[Row]:
    """The coverage of the agency's catalogue as it stood on ``today``: the entries imported by then
    (``imported_on`` is the day an entry first came in: a re-import keeps it), the columns linked by
    then (``EntryColumn.confirmed_on``), the items of those columns published by then and the offline
    confirmations dated by then. What the rows do not keep is read as it is now: an entry's texts and
    time rule as last imported, a link removed or an entry dropped by a later import (no trace: as if
    never there), an item withdrawn or moved to another column later, and a confirmation entered
    later with an earlier date (it states what staff saw on that day)."""
    entries = (
        StandardEntry.objects.filter(agency=agency, imported_on__lte=today)
        .prefetch_related(
            Prefetch("links", EntryColumn.objects.filter(confirmed_on__lte=today).select_related("column")),
            Prefetch("confirmations", ChannelConfirmation.objects.filter(confirmed_on__lte=today)),
        )
        .order_by("line")
    )
    columns = list(Column.objects.filter(agency=agency).order_by("order", "id"))
    calendar = workdays(agency.region).calendar
    rows = []
    for entry in entries:
        if not in_scope(entry, agency):
            continue
        linked = [link.column for link in entry.links.all()]
        missing, offline_newest = _offline(entry)
        result = coverage.entry_coverage(
            entry.rule,
            channels=[name for name, _ in entry.channels],
            newest_item=_newest_item(agency, [column.pk for column in linked], today),
            offline_missing=missing,
            offline_newest=offline_newest,
            today=today,
            calendar=calendar,
        )
        rows.append(Row(entry, result, linked, suggest(entry, columns, {c.pk for c in linked})))
    return rows


def counts(rows: list[Row]) -> dict[str, int]:
    totals = {str(status): 0 for status in coverage.CoverageStatus}
    for row in rows:
        totals[str(row.result.status)] += 1
    return totals


# --- Indicators ---------------------------------------------------------------------------------


def rows_of(agency_ids, today: dt.date) -> list[Row]:
    """The rows of ``report`` of every agency of ``agency_ids`` with a catalogue on ``today``."""
    from gongkai.agencies.models import Agency

    found = []
    agencies = Agency.objects.filter(pk__in=agency_ids, standard_entries__imported_on__lte=today).distinct()
    for agency in agencies:
        found += report(agency, today)
    return found


def _by_status(agency_ids, today: dt.date, status: coverage.CoverageStatus) -> list[Row]:
    return [row for row in rows_of(agency_ids, today) if row.result.status == status]


def standard_entry_uncovered(agency_ids, today: dt.date) -> list[Row]:
    """``standard_entry_uncovered``: 主动 entries with no linked published item (or an unconfirmed
    required offline channel)."""
    return _by_status(agency_ids, today, coverage.CoverageStatus.UNCOVERED)


def standard_entry_stale(agency_ids, today: dt.date) -> list[Row]:
    """``standard_entry_stale``: entries whose newest publication is older than their rule allows."""
    return _by_status(agency_ids, today, coverage.CoverageStatus.STALE)


HEADERS = ["序号", "一级事项", "二级事项", "公开时限", "时限类型", "公开渠道", "关联栏目", "覆盖情况", "说明", "最近公开"]


def report_xlsx(agency, rows: list[Row], today: dt.date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "覆盖情况"
    title = sheet.cell(row=1, column=1, value=f"{agency.name}基层政务公开标准目录覆盖情况（{today.isoformat()}）")
    title.data_type = "s"  # an agency name starting with "=" stays text, never a formula
    title.font = Font(bold=True)
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(row=2, column=column, value=header).font = Font(bold=True)
    for line, row in enumerate(rows, start=3):
        entry = row.entry
        values = [
            entry.number, entry.first_level, entry.second_level, entry.time_limit, entry.rule.label,
            "、".join(("■" if needed else "□") + name for name, needed in entry.channels),
            "、".join(column.name for column in row.columns), coverage.COVERAGE_LABELS[row.result.status],
            row.result.reason, row.result.newest.published_on.isoformat() if row.result.newest else "",
        ]  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=line, column=column, value=value or None)
            if isinstance(value, str) and value:
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
