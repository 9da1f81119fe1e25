"""The catalogue's self-check indicators and clocks (domain/compliance.md), registered with
``gongkai.selfcheck.registry`` in ``CatalogConfig.ready``."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from django.db import connection, transaction
from django.db.models import Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from gongkai.catalog import publication_rules, selectors
from gongkai.catalog.models import Column, Item
from gongkai.catalog.prescreen import VERDICT_FIELDS, verdict_version
from gongkai.catalog.vocabulary import (
    ALWAYS_APPLICABLE,
    ART20_CATEGORIES,
    ART20_CATEGORY_COLUMNS,
    Disclosure,
    Genre,
    ItemState,
    Validity,
    art20_numeral,
)
from gongkai.selfcheck.providers import (
    Calendars,
    days_left,
    grouped,
    latest_overdue_start,
    results,
    soon_limit,
    url_for,
    year_before,
)
from gongkai.selfcheck.registry import (
    RECORDS_LIMIT,
    Clock,
    Indicator,
    Record,
    Result,
    register_clocks,
    register_indicator,
    shared,
)
from gongkai.selfcheck.vocabulary import Status
from gongkai.workdays.calendar import CalendarNotConfirmed

INTERPRETATION_DAYS = 3  # working days between a policy and its 解读
# Policies that need a 解读 published with them (国办发〔2016〕80号: 规章、规范性文件).
NEEDS_INTERPRETATION = (Genre.RULE, Genre.NORMATIVE_DOCUMENT)
HOME_STALE_DAYS = 14
HOME_WARN_DAYS = 10
BLANK_COLUMNS_VETO = 5
STALE_COLUMNS_VETO = 5
# How long a column may go without a new item: (number, "days" | "months"); months are calendar
# months (the same day so many months on, or the month's last day).
TWO_WEEKS, SIX_MONTHS, ONE_YEAR = (14, "days"), (6, "months"), (12, "months")
# Column code → its limit (website inspection indicators): 工作动态 after 2 weeks; 通知公告 and the
# policy columns (政策文件: rules and normative documents, plans and policies, the livelihood
# policies of Art. 20 (十一), 政策解读) after 6 months.
STALE_AFTER = {
    "news": TWO_WEEKS,
    "notice": SIX_MONTHS,
    "art20-01": SIX_MONTHS,
    "art20-03": SIX_MONTHS,
    "art20-11": SIX_MONTHS,
    "interpretation": SIX_MONTHS,
}
# 应更新但长期未更新的栏目 (first national website census, 2015; 国办秘函〔2019〕19号): a blank column,
# a column stale by ``STALE_AFTER``, or a 人事/规划计划 column a year without a new item; 10 are a veto.
LONG_STALE_COLUMNS_VETO = 10
LONG_STALE_AFTER = {**STALE_AFTER, "art20-03": ONE_YEAR, "art20-14": ONE_YEAR, "personnel": ONE_YEAR}


def last_day_in_time(last: dt.date, period: tuple[int, str]) -> dt.date:
    """The last day a column whose newest item is of ``last`` is still up to date: 2 weeks or
    so many calendar months on (31 Aug + 6 months → 28/29 Feb); stale from the day after."""
    number, unit = period
    if unit == "days":
        return last + dt.timedelta(days=number)
    year, month = divmod(last.year * 12 + last.month - 1 + number, 12)
    return dt.date(year, month + 1, min(last.day, month_calendar.monthrange(year, month + 1)[1]))


def _window_days(period: tuple[int, str]) -> int:
    number, unit = period
    return number if unit == "days" else 31 * number  # at least the period, whatever the months


@cache
def _item_url():
    return url_for("catalog_staff:detail")


def _item_record(item) -> Record:
    return Record("item", item.pk, item.title[:80], _item_url()(item.pk))


def _ids(agencies) -> list[int]:
    return [agency.pk for agency in agencies]


def _public():
    return Q(state=ItemState.PUBLISHED, disclosure=Disclosure.PROACTIVE, internal=False)


def _waiting(agencies):
    """Proactive items not yet published (drafts and those in review)."""
    return (
        Item.objects.filter(agency_id__in=_ids(agencies), disclosure=Disclosure.PROACTIVE)
        .exclude(state=ItemState.PUBLISHED)
        .order_by()  # not the model's newest-first: SQLite would walk that index instead
    )


def _publication_due(item, calendars: Calendars):
    try:
        return publication_rules.publication_due(
            item.formed_on, item.changed_on, calendars(item.agency.region)
        )
    except CalendarNotConfirmed:
        return None


@dataclass(frozen=True)
class _Listed:
    """What a record of an item needs."""

    pk: int
    title: str


def published_late(agencies, today: dt.date) -> dict[int, Result]:
    """Art. 26: published after add(formed_on, 20) in the last year, and unpublished items already
    past that day; warn for unpublished items with ≤ 3 working days left.

    Reading of compliance.md ("proactive item published after add(formed_on, 20)"): an item not
    published by the day after its due day can only be published after it, so it is late from
    that day on — counted while it waits, and then (once published) by its publication. A report
    of a past day T therefore counts an item formed by T, not yet published on T (published later,
    or still not) and past its due day on T, as the report of T itself did; an item formed after T
    does not count, nor does a change of the information made after T (the clock ran from its
    formation then)."""
    # Up to the day asked about: a report of a past day counts no publication made after it.
    late = Item.objects.filter(
        _public(),
        agency_id__in=_ids(agencies),
        late=True,
        published_on__gt=year_before(today),
        published_on__lte=today,
    )
    counts, records = grouped(late.only("title"), _item_record, order=("-published_on", "id"))
    calendars = Calendars()
    regions = {agency.pk: agency.region for agency in agencies}
    limits: dict[int, dt.date] = {}
    overdue, soon, upcoming = {}, {}, {}
    waiting_then = (
        Item.objects.filter(agency_id__in=_ids(agencies), disclosure=Disclosure.PROACTIVE, formed_on__lte=today)
        # Published by then (one without a date: as before it, as ``_waiting`` leaves it out).
        .exclude(Q(state=ItemState.PUBLISHED) & (Q(published_on__lte=today) | Q(published_on__isnull=True)))
        .order_by()
    )
    waiting = [
        (pk, title, agency_id, formed_on, changed_on if changed_on and changed_on <= today else None, published_on)
        for pk, title, agency_id, formed_on, changed_on, published_on in waiting_then.values_list(
            "pk", "title", "agency_id", "formed_on", "changed_on", "published_on"
        )
    ]
    # Newest record first, as the catalogue lists them (one published after the day: not yet then).
    for pk, title, agency_id, formed_on, changed_on, _published_on in sorted(
        waiting, key=lambda row: (row[5] if row[5] and row[5] <= today else dt.date.min, row[0]), reverse=True
    ):
        calendar = calendars(regions.get(agency_id))
        try:
            due = publication_rules.publication_due(formed_on, changed_on, calendar)
        except CalendarNotConfirmed:
            continue
        item = _Listed(pk, title)
        if due < today:
            overdue.setdefault(agency_id, []).append(item)
        else:
            if agency_id not in limits:
                limits[agency_id] = soon_limit(calendar, today)
            if due <= limits[agency_id]:
                soon.setdefault(agency_id, []).append(item)
            if agency_id not in upcoming or due < upcoming[agency_id][0]:
                upcoming[agency_id] = (due, item)
    answer = {}
    for agency in agencies:
        listed = [_item_record(item) for item in overdue.get(agency.pk, [])] + records.get(agency.pk, [])
        count = counts.get(agency.pk, 0) + len(overdue.get(agency.pk, []))
        status = Status.FAIL if count else (Status.WARN if soon.get(agency.pk) else Status.PASS)
        if status == Status.WARN:
            listed = [_item_record(item) for item in soon[agency.pk]]
        next_on = next_text = None
        if agency.pk in upcoming:
            due, item = upcoming[agency.pk]
            next_on = due + dt.timedelta(days=1)
            next_text = (
                f"《{item.title[:40]}》将于{next_on.isoformat()}超过公开时限（自形成之日起20个工作日）"
            )
        if count or status != Status.PASS or next_on:
            answer[agency.pk] = Result(count, status, tuple(listed[:50]), next_on, next_text or "")
    return answer


def interpretation_lag(agencies, today: dt.date) -> dict[int, Result]:
    """解读 published more than 3 working days after its policy (last year), and rules/normative
    documents published without a 解读 once those 3 working days have passed; warn while they run."""
    since = year_before(today)
    lagging = Item.objects.filter(
        _public(),
        agency_id__in=_ids(agencies),
        genre=Genre.INTERPRETATION,
        interpretation_lag__gt=INTERPRETATION_DAYS,
        published_on__gt=since,
        published_on__lte=today,
    )
    counts, records = grouped(lagging.only("title"), _item_record, order=("-published_on", "id"))
    # One the public sees, and saw on the day asked about: a 解读 published after it leaves its
    # policy uninterpreted on that day, as a policy published after it owed nothing yet.
    interpreted = Item.objects.filter(_public(), interprets=OuterRef("pk"), published_on__lte=today)
    owed = (
        Item.objects.filter(
            _public(), genre__in=NEEDS_INTERPRETATION, published_on__gt=since, published_on__lte=today
        )
        .filter(~Exists(interpreted))
        .only("title")
    )
    by_region: dict[str, list[int]] = {}
    for agency in agencies:
        by_region.setdefault(agency.region or "", []).append(agency.pk)
    calendars = Calendars()
    missing_counts, missing, running, firsts = {}, {}, {}, {}
    for region, ids in by_region.items():
        boundary = latest_overdue_start(calendars(region), today, INTERPRETATION_DAYS)
        if boundary is None:
            continue
        found = grouped(
            owed.filter(agency_id__in=ids, published_on__lte=boundary),
            _item_record,
            order=("-published_on", "id"),
        )
        missing_counts.update(found[0])
        missing.update(found[1])
        waiting = owed.filter(agency_id__in=ids, published_on__gt=boundary)
        running.update(grouped(waiting, _item_record, order=("published_on", "id"))[1])
        firsts.update(waiting.order_by().values_list("agency_id").annotate(first=Min("published_on")))
    answer = {}
    for agency in agencies:
        count = counts.get(agency.pk, 0) + missing_counts.get(agency.pk, 0)
        next_on, next_text = None, ""
        if agency.pk in firsts:
            try:
                due = calendars(agency.region).add(firsts[agency.pk], INTERPRETATION_DAYS)
            except CalendarNotConfirmed:
                due = None
            if due is not None:
                next_on = due + dt.timedelta(days=1)
                next_text = f"有文件的解读须于{due.isoformat()}前发布，逾期即为解读滞后"
        if count:
            listed = (missing.get(agency.pk, []) + records.get(agency.pk, []))[:RECORDS_LIMIT]
            answer[agency.pk] = Result(count, Status.FAIL, tuple(listed), next_on, next_text)
        elif agency.pk in running:
            answer[agency.pk] = Result(0, Status.WARN, tuple(running[agency.pk]), next_on, next_text)
    return answer


@cache
def _column_url_parts() -> tuple[str, str, str]:
    """The public URL of a column as (before the agency code, between, after the column code),
    reversed once; codes are escaped as ``reverse`` would (thousands are listed in a subtree)."""
    url = reverse("catalog:column", args=["AGENCY", "COLUMN"])
    before, rest = url.split("AGENCY", 1)
    between, after = rest.split("COLUMN", 1)
    return before, between, after


def _quote(part: str) -> str:
    return quote(part, safe=RFC3986_SUBDELIMS + "~:@")  # as ``reverse`` quotes a path argument


def _column_record(column) -> Record:
    before, between, after = _column_url_parts()
    url = f"{before}{_quote(column.agency.code)}{between}{_quote(column.code)}{after}"
    return Record("column", column.pk, column.name, url)


# How far back a column's newest public item matters: past its longest limit the column is stale
# whatever its exact date.
_WINDOW = {
    code: max(_window_days(period) for period in (STALE_AFTER.get(code, TWO_WEEKS), LONG_STALE_AFTER[code]))
    for code in LONG_STALE_AFTER
}


@dataclass(frozen=True)
class ColumnState:
    column: Column
    blank: bool  # no public item at all
    # The newest public item's publication date, when within the column's ``_WINDOW`` (None: none
    # that recent, or a column without an update limit).
    last: dt.date | None


def _newest_public(columns: list[Column], today: dt.date) -> dict[int, dt.date]:
    """Column id → publication date of the newest public item of the column's agency in it (what
    the column's public page lists first), within the column's ``_WINDOW``.

    One query per window length; for each column it walks the agency's public items newest first
    (the partial index ``item_public_agency``) until one is in the column, so a column updated
    lately costs a few index steps, a stale one at most its agency's items of the window. Raw SQL
    for the correlated ``LIMIT 1``; SQLite, which keeps no statistics unless told, is told the
    index (``INDEXED BY``: an error, not a slow plan, should it ever be missing)."""
    by_window: dict[int, list[int]] = {}
    for column in columns:
        by_window.setdefault(_WINDOW[column.code], []).append(column.pk)
    quote = connection.ops.quote_name
    item, through, column_table = (
        quote(Item._meta.db_table),
        quote(Item.columns.through._meta.db_table),
        quote(Column._meta.db_table),
    )
    indexed = " INDEXED BY item_public_agency" if connection.vendor == "sqlite" else ""
    # The partial index's condition as literals: SQLite matches a partial index to the query's own
    # terms (the values are the vocabulary's, not input).
    public = (
        f"i.state = '{ItemState.PUBLISHED.value}' AND i.disclosure = '{Disclosure.PROACTIVE.value}' "
        "AND NOT i.internal"
    )
    found: dict[int, dt.date] = {}
    for days, ids in by_window.items():
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT c.id, (SELECT i.published_on FROM {item} i{indexed} CROSS JOIN {through} t "  # noqa: S608
            f"WHERE i.agency_id = c.agency_id AND {public} "
            "AND i.published_on >= %s AND i.published_on <= %s AND t.item_id = i.id AND t.column_id = c.id "
            f"ORDER BY i.published_on DESC LIMIT 1) FROM {column_table} c WHERE c.id IN ({marks})"
        )
        since = today - dt.timedelta(days=days)
        with connection.cursor() as cursor:
            cursor.execute(sql, [since, today, *ids])
            found.update((pk, _as_date(last)) for pk, last in cursor.fetchall() if last is not None)
    return found


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def column_states(agencies, today: dt.date) -> list[ColumnState]:
    """Every column of the agencies (in their order) with what the column indicators need: blank or
    not, and its newest public item within its update limit. Computed once per evaluation."""
    ids = tuple(sorted(_ids(agencies)))
    return shared(("catalog.column_states", ids, today), lambda: _column_states(ids, today))


def _column_states(ids, today: dt.date) -> list[ColumnState]:
    # Published by the day asked about: a column filled after it was blank (or stale) on it.
    public_items = Item.objects.filter(_public(), columns=OuterRef("pk"), published_on__lte=today)
    columns = list(
        Column.objects.filter(agency_id__in=ids)
        .annotate(has_public=Exists(public_items))
        .select_related("agency")
        .order_by("agency_id", "order", "id")
    )
    last = _newest_public([c for c in columns if c.has_public and c.code in _WINDOW], today)
    return [ColumnState(column, not column.has_public, last.get(column.pk)) for column in columns]


def columns_blank(agencies, today: dt.date) -> dict[int, Result]:
    """Veto: ≥ 5 columns without any published item; warn for fewer."""
    blank: dict[int, list[Column]] = {}
    for state in column_states(agencies, today):
        if state.blank:
            blank.setdefault(state.column.agency_id, []).append(state.column)
    return {
        agency_id: Result(
            len(found),
            Status.FAIL if len(found) >= BLANK_COLUMNS_VETO else Status.WARN,
            tuple(_column_record(c) for c in found[:RECORDS_LIMIT]),
            note=f"空白栏目达到{BLANK_COLUMNS_VETO}个即单项否决",
        )
        for agency_id, found in blank.items()
    }


GUIDE_COLUMNS = ("guide", "system")  # 政府信息公开指南, 政府信息公开制度


def guide_missing(agencies, today: dt.date) -> dict[int, Result]:
    """Art. 19/21: the 政府信息公开指南 and the 制度 column must have content. (Whether the guide is
    older than the last change of the office's address is not known: agencies keep no date of it.)"""
    missing: dict[int, list[Column]] = {}
    for state in column_states(agencies, today):
        if state.blank and state.column.code in GUIDE_COLUMNS:
            missing.setdefault(state.column.agency_id, []).append(state.column)
    return {
        agency_id: Result(len(found), records=tuple(_column_record(c) for c in found[:RECORDS_LIMIT]))
        for agency_id, found in missing.items()
    }


def _limits(agencies, today: dt.date, after: dict[str, tuple[int, str]]):
    """(agency id → columns past their limit, agency id → (the soonest coming limit, its column))
    over the non-blank columns with a limit in ``after``; and the blank columns by agency."""
    past, upcoming, blank = {}, {}, {}
    for state in column_states(agencies, today):
        column = state.column
        if state.blank:
            blank.setdefault(column.agency_id, []).append(column)
            continue
        if column.code not in after:
            continue
        limit = last_day_in_time(state.last, after[column.code]) if state.last else None
        if limit is None or limit < today:
            past.setdefault(column.agency_id, []).append(column)
        elif column.agency_id not in upcoming or limit < upcoming[column.agency_id][0]:
            upcoming[column.agency_id] = (limit, column)
    return past, upcoming, blank


UNRECORDED = "尚未确认适用的第二十条信息类别"
WHO_RECORDS = "适用类别由机构管理员或政务公开办在“目录设置”中确认"
_DEFAULT_TEXT = "".join(art20_numeral(number) for number in ALWAYS_APPLICABLE)


def _settings_url(agency) -> str:
    return f"{reverse('catalog_staff:settings')}?agency={agency.code}"


def mandatory_column_empty(agencies, today: dt.date) -> dict[int, Result]:
    """Art. 20: each category that applies to the agency has a column holding at least one public
    item (its ``art20-NN`` column, or the working column of the same category, see
    ``ART20_CATEGORY_COLUMNS``). The categories are those its admin or the office recorded;
    where none are recorded, (一)(二) — which apply to every agency — and a warning that the
    agency's categories are not recorded. The columns' state is the other column indicators' (one
    pass per evaluation); no date changes it."""
    ids = _ids(agencies)
    recorded = selectors.art20_categories(ids)
    codes = sorted({code for columns in ART20_CATEGORY_COLUMNS.values() for code in columns})
    columns: dict[tuple[int, str], tuple[int, bool]] = {
        (state.column.agency_id, state.column.code): (state.column.pk, not state.blank)
        for state in column_states(agencies, today)
        if state.column.code in codes
    }
    answer = {}
    for agency in agencies:
        missing = []
        for number in selectors.applicable_categories(recorded[agency.pk]):
            found = [
                (code, *columns[agency.pk, code])
                for code in ART20_CATEGORY_COLUMNS[number]
                if (agency.pk, code) in columns
            ]
            if any(filled for _, _, filled in found):
                continue
            label = ART20_CATEGORIES[number]
            if found:
                code, pk, _ = found[0]
                url = reverse("catalog:column", args=[agency.code, code])
                missing.append(Record("column", pk, f"{label}：栏目无已公开信息", url))
            else:
                url = _settings_url(agency)
                missing.append(Record("art20_category", number, f"{label}：无对应栏目", url))
        unrecorded = recorded[agency.pk] is None
        note = f"{UNRECORDED}，暂按{_DEFAULT_TEXT}检查；{WHO_RECORDS}" if unrecorded else ""
        if missing:
            answer[agency.pk] = Result(len(missing), Status.FAIL, tuple(missing), note=note)
        elif unrecorded:
            text = f"{agency.name}：{UNRECORDED}，暂按{_DEFAULT_TEXT}检查"
            record = Record("agency", agency.pk, text, _settings_url(agency))
            answer[agency.pk] = Result(0, Status.WARN, (record,), note=WHO_RECORDS)
    return answer


def columns_stale(agencies, today: dt.date) -> dict[int, Result]:
    """Each stale column costs points (工作动态 after 2 weeks, 通知公告/政策文件 after 6 months without
    a new item); 5 or more are a veto."""
    stale, upcoming, _ = _limits(agencies, today, STALE_AFTER)
    answer = {}
    for agency in agencies:
        found = stale.get(agency.pk, [])
        next_on, next_text = None, ""
        if agency.pk in upcoming:
            limit, column = upcoming[agency.pk]
            next_on = limit + dt.timedelta(days=1)
            next_text = f"“{column.name}”栏目将于{next_on.isoformat()}超过更新期限"
        if found or next_on:
            status = Status.FAIL if found else Status.PASS
            answer[agency.pk] = Result(
                len(found),
                status,
                tuple(_column_record(c) for c in found),
                next_on,
                next_text,
                note=f"累计{STALE_COLUMNS_VETO}个及以上即单项否决",
                veto_reached=len(found) >= STALE_COLUMNS_VETO,
            )
    return answer


def columns_long_stale(agencies, today: dt.date) -> dict[int, Result]:
    """Veto: ≥ 10 columns that should be updated and have not been for long — blank columns, the
    columns of ``columns_stale`` past their limit, 人事/规划计划 columns after a year; warn for fewer."""
    stale, upcoming, blank = _limits(agencies, today, LONG_STALE_AFTER)
    answer = {}
    for agency in agencies:
        listed = sorted(
            blank.get(agency.pk, []) + stale.get(agency.pk, []), key=lambda column: (column.order, column.pk)
        )
        next_on, next_text = None, ""
        if agency.pk in upcoming:
            limit, column = upcoming[agency.pk]
            next_on = limit + dt.timedelta(days=1)
            next_text = f"“{column.name}”栏目将于{next_on.isoformat()}超过更新期限"
        if listed or next_on:
            if not listed:
                status = Status.PASS
            elif len(listed) >= LONG_STALE_COLUMNS_VETO:
                status = Status.FAIL
            else:
                status = Status.WARN
            answer[agency.pk] = Result(
                len(listed),
                status,
                tuple(_column_record(c) for c in listed[:RECORDS_LIMIT]),
                next_on,
                next_text,
                note=f"应更新但长期未更新的栏目（含空白栏目）达到{LONG_STALE_COLUMNS_VETO}个即单项否决",
            )
    return answer


SCREEN_CHUNK = 500


def _screen_unscreened(ids, version: str) -> int:
    """Screen the public items of the agencies whose verdict is missing or was made with other
    rules, and store the verdicts (``Item.screening_blocks``). Each chunk is screened under a row
    lock, so an edit meanwhile (which clears the verdict) waits and is screened next time."""
    from gongkai.screening.detectors import blocking, scan

    public = Item.objects.filter(_public(), agency_id__in=ids).order_by()
    unscreened = public.filter(Q(screened_with__lt=version) | Q(screened_with__gt=version))
    # Each side by itself: one index range each (item_proactive_screened_with).
    pks = [
        pk
        for side in (public.filter(screened_with__lt=version), public.filter(screened_with__gt=version))
        for pk in side.values_list("pk", flat=True)
    ]
    for start in range(0, len(pks), SCREEN_CHUNK):
        with transaction.atomic():
            rows = (
                unscreened.select_for_update()
                .filter(pk__in=pks[start : start + SCREEN_CHUNK])
                .order_by()
                .only(*VERDICT_FIELDS)
            )
            verdicts: dict[bool, list[int]] = {True: [], False: []}
            for item in rows:
                texts = (getattr(item, field) for field in VERDICT_FIELDS)
                found = any(blocking(scan(text)) for text in texts if text)
                verdicts[found].append(item.pk)
            for blocks, chosen in verdicts.items():
                if chosen:
                    Item.objects.filter(pk__in=chosen).update(screening_blocks=blocks, screened_with=version)
    return len(pks)


def personal_data_published(agencies, today: dt.date) -> dict[int, Result]:
    """Public items whose title, summary (内容概述) or body gives a blocking screening finding (personal data or a secret
    marker), an override at publication notwithstanding: the text is out in public. Each text is
    screened once per version of the rules (new and edited items at the next self-check)."""
    ids = _ids(agencies)
    version = verdict_version()
    _screen_unscreened(ids, version)
    found = Item.objects.filter(_public(), agency_id__in=ids, screening_blocks=True, published_on__lte=today)
    return results(*grouped(found.only("title"), _item_record, order=("-published_on", "id")))


def home_stale(agencies, today: dt.date) -> dict[int, Result]:
    """Veto: a government's portal home shows no new item in the last 2 weeks."""
    governments = [agency for agency in agencies if agency.kind == "government"]
    last = dict(
        Item.objects.filter(_public(), agency_id__in=_ids(governments), published_on__lte=today)
        .order_by()
        .values_list("agency_id")
        .annotate(last=Max("published_on"))
    )
    answer = {}
    for agency in governments:
        newest = last.get(agency.pk)
        if newest is None:
            answer[agency.pk] = Result(1, Status.FAIL, note="首页尚无任何已发布信息")
            continue
        age = (today - newest).days
        limit = newest + dt.timedelta(days=HOME_STALE_DAYS)
        record = (
            Record(
                "agency",
                agency.pk,
                f"{agency.name}：最近一条信息发布于{newest.isoformat()}",
                reverse("catalog:agency", args=[agency.code]),
            ),
        )
        if age > HOME_STALE_DAYS:
            answer[agency.pk] = Result(1, Status.FAIL, record)
        else:
            next_on = limit + dt.timedelta(days=1)
            text = f"若无新信息发布，首页将于{next_on.isoformat()}满两周未更新"
            status = Status.WARN if age >= HOME_WARN_DAYS else Status.PASS
            answer[agency.pk] = Result(0, status, record if status == Status.WARN else (), next_on, text)
    return answer


def abolished_not_marked(agencies, today: dt.date) -> dict[int, Result]:
    """Items superseded or abolished whose page still says 现行有效."""
    unmarked = (
        Item.objects.filter(
            _public(), agency_id__in=_ids(agencies), validity=Validity.VALID, published_on__lte=today
        )
        # The condition of the partial index item_superseded, as it says it (SQLite uses a partial
        # index only for a query that repeats its condition), then the exact one.
        .filter(Q(abolished_on__isnull=False) | Q(successor__isnull=False))
        .filter(Q(abolished_on__isnull=False, abolished_on__lte=today) | Q(successor__isnull=False))
    )
    return results(*grouped(unmarked.only("title"), _item_record))


def publication_clocks(agencies, today: dt.date) -> list[Clock]:
    """Drafts' publication limits: each proactive item not yet published."""
    calendars = Calendars()
    found = []
    for item in (
        _waiting(agencies)
        .select_related("agency")
        .only("title", "formed_on", "changed_on", "agency", "state")
    ):
        calendar = calendars(item.agency.region)
        due = _publication_due(item, calendars)
        start = publication_rules.clock_start(item.formed_on, item.changed_on)
        if due is None:
            explanation = (
                f"自{start.isoformat()}（形成或变更之日）起20个工作日；所涉年度节假日安排未确认，无法计算"
            )
        else:
            explanation = f"自{start.isoformat()}（形成或变更之日）起20个工作日内公开（《条例》第二十六条）"
        left, unit = days_left(calendar, today, due)
        found.append(
            Clock(
                "item_publication",
                "主动公开时限",
                "item",
                item.pk,
                item.title[:80],
                item.agency_id,
                due,
                left,
                explanation,
                _item_url()(item.pk),
                unit,
            )
        )
    return found


def interpretation_clocks(agencies, today: dt.date) -> list[Clock]:
    """解读 owed: published rules and normative documents without a 解读, within their 3 days."""
    interpreted = Item.objects.filter(_public(), interprets=OuterRef("pk"))  # one the public sees
    calendars = Calendars()
    found = []
    for agency in agencies:
        calendar = calendars(agency.region)
        boundary = latest_overdue_start(calendar, today, INTERPRETATION_DAYS)
        if boundary is None:
            continue
        owed = Item.objects.filter(
            _public(), agency_id=agency.pk, genre__in=NEEDS_INTERPRETATION, published_on__gt=boundary
        ).filter(~Exists(interpreted))
        for item in owed:
            try:
                due = calendar.add(item.published_on, INTERPRETATION_DAYS)
            except CalendarNotConfirmed:
                due = None
            left, unit = days_left(calendar, today, due)
            found.append(
                Clock(
                    "interpretation",
                    "政策解读",
                    "item",
                    item.pk,
                    f"《{item.title[:60]}》的解读",
                    agency.pk,
                    due,
                    left,
                    f"文件于{item.published_on.isoformat()}发布，解读应在3个工作日内同步发布",
                    _item_url()(item.pk),
                    unit,
                )
            )
    return found


def register() -> None:
    entries = [
        (
            Indicator(
                "item_published_late",
                "主动公开信息逾期",
                "主动公开信息应自形成或变更之日起20个工作日内公开",
                "《条例》第二十六条",
                published_late,
                "主动公开",
                10,
            ),
            {"deduction": 2},
        ),
        (
            Indicator(
                "interpretation_lag",
                "政策解读滞后",
                "规章、规范性文件的解读应在文件发布后3个工作日内发布",
                "国办发〔2016〕80号；金东区2021年考评细则",
                interpretation_lag,
                "政策解读",
                20,
            ),
            {"deduction": 4},
        ),
        (
            Indicator(
                "home_stale",
                "首页不更新",
                "首页在2周内没有新信息即单项否决",
                "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）",
                home_stale,
                "网站检查",
                1,
            ),
            {"veto": True},
        ),
        (
            Indicator(
                "columns_stale",
                "栏目不更新",
                "动态要闻类栏目超过2周、通知公告和政策文件类栏目超过6个月未更新，累计5个及以上即单项否决",
                "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）",
                columns_stale,
                "网站检查",
                2,
            ),
            {"veto": True, "deduction": 5, "cap": 25},
        ),
        (
            Indicator(
                "columns_blank",
                "空白栏目",
                "无任何内容的栏目累计5个及以上即单项否决",
                "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）",
                columns_blank,
                "网站检查",
                3,
            ),
            {"veto": True},
        ),
        (
            Indicator(
                "columns_long_stale",
                "栏目长期不更新",
                "应更新但长期未更新的栏目（含空白栏目；人事、规划计划类栏目超过1年未更新）累计10个及以上即单项否决",
                "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）",
                columns_long_stale,
                "网站检查",
                4,
            ),
            {"veto": True},
        ),
        (
            Indicator(
                "personal_data_published",
                "公开信息含个人信息",
                "已公开信息的标题、内容概述或正文不得含有身份证号码、手机号码、银行卡号等个人信息或密级标志",
                "《条例》第十五条、第十七条；《个人信息保护法》",
                personal_data_published,
                "主动公开",
                16,
            ),
            {"deduction": 5},
        ),
        (
            Indicator(
                "mandatory_column_empty",
                "法定公开类别栏目空白",
                "适用于本机关的《条例》第二十条各类信息应有对应栏目，且至少有一条已公开信息",
                "《条例》第二十条",
                mandatory_column_empty,
                "主动公开",
                13,
            ),
            {"deduction": 2, "cap": 16},
        ),
        (
            Indicator(
                "abolished_not_marked",
                "废止未标注",
                "已修改或废止的文件页面应标明有效性",
                "国办发〔2019〕14号；《条例》第二十条",
                abolished_not_marked,
                "主动公开",
                15,
            ),
            {"deduction": 1},
        ),
        (
            Indicator(
                "disclosure_guide_missing",
                "公开指南和制度缺失",
                "应公开政府信息公开指南，政府信息公开制度栏目不得为空",
                "《条例》第十九条、第二十一条",
                guide_missing,
                "主动公开",
                12,
            ),
            {"deduction": 2},
        ),
    ]
    for indicator, scoring in entries:
        register_indicator(indicator, **scoring)
    register_clocks("catalog.publication", publication_clocks)
    register_clocks("catalog.interpretation", interpretation_clocks)
