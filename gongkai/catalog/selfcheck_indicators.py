"""The catalogue's self-check indicators and clocks (domain/compliance.md), registered with
``gongkai.selfcheck.registry`` in ``CatalogConfig.ready``."""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.core.cache import cache as django_cache
from django.db.models import Exists, Max, Min, OuterRef, Q
from django.urls import reverse

from gongkai.catalog import publication_rules, selectors
from gongkai.catalog.models import Column, Item
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
# Column code → days without a new item after which it is stale (website inspection indicators):
# 工作动态 after 2 weeks; 通知公告 and the policy columns (政策文件: rules and normative documents,
# plans and policies, the livelihood policies of Art. 20 (十一), 政策解读) after 6 months.
STALE_AFTER = {
    "news": 14,
    "notice": 183,
    "art20-01": 183,
    "art20-03": 183,
    "art20-11": 183,
    "interpretation": 183,
}
# 应更新但长期未更新的栏目 (first national website census, 2015; 国办秘函〔2019〕19号): a blank column,
# a column stale by ``STALE_AFTER``, or a 人事/规划计划 column a year without a new item; 10 are a veto.
LONG_STALE_COLUMNS_VETO = 10
LONG_STALE_AFTER = {**STALE_AFTER, "art20-03": 365, "art20-14": 365, "personnel": 365}


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
    return Item.objects.filter(agency_id__in=_ids(agencies), disclosure=Disclosure.PROACTIVE).exclude(
        state=ItemState.PUBLISHED
    )


def _publication_due(item, calendars: Calendars):
    try:
        return publication_rules.publication_due(
            item.formed_on, item.changed_on, calendars(item.agency.region)
        )
    except CalendarNotConfirmed:
        return None


def published_late(agencies, today: dt.date) -> dict[int, Result]:
    """Art. 26: published after add(formed_on, 20) in the last year, and unpublished items already
    past that day; warn for unpublished items with ≤ 3 working days left."""
    late = Item.objects.filter(
        _public(), agency_id__in=_ids(agencies), late=True, published_on__gt=year_before(today)
    )
    counts, records = grouped(late, _item_record, order=("-published_on", "id"))
    calendars = Calendars()
    overdue, soon, upcoming = {}, {}, {}
    for item in (
        _waiting(agencies).select_related("agency").only("title", "formed_on", "changed_on", "agency")
    ):
        due = _publication_due(item, calendars)
        if due is None:
            continue
        if due < today:
            overdue.setdefault(item.agency_id, []).append(item)
        elif due <= soon_limit(calendars(item.agency.region), today):
            soon.setdefault(item.agency_id, []).append(item)
        if due >= today and (item.agency_id not in upcoming or due < upcoming[item.agency_id][0]):
            upcoming[item.agency_id] = (due, item)
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
    )
    counts, records = grouped(lagging, _item_record, order=("-published_on", "id"))
    interpreted = Item.objects.filter(interprets=OuterRef("pk"), state=ItemState.PUBLISHED)
    owed = Item.objects.filter(_public(), genre__in=NEEDS_INTERPRETATION, published_on__gt=since).filter(
        ~Exists(interpreted)
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


def _column_record(column) -> Record:
    url = reverse("catalog:column", args=[column.agency.code, column.code])
    return Record("column", column.pk, column.name, url)


def columns_blank(agencies, today: dt.date) -> dict[int, Result]:
    """Veto: ≥ 5 columns without any published item; warn for fewer."""
    public_items = Item.objects.filter(_public(), columns=OuterRef("pk"))
    blank = (
        Column.objects.filter(agency_id__in=_ids(agencies))
        .filter(~Exists(public_items))
        .select_related("agency")
    )
    counts, records = grouped(blank, _column_record, order=("order", "id"))
    return {
        agency_id: Result(
            count,
            Status.FAIL if count >= BLANK_COLUMNS_VETO else Status.WARN,
            tuple(records.get(agency_id, ())),
            note=f"空白栏目达到{BLANK_COLUMNS_VETO}个即单项否决",
        )
        for agency_id, count in counts.items()
        if count
    }


GUIDE_COLUMNS = ("guide", "system")  # 政府信息公开指南, 政府信息公开制度


def guide_missing(agencies, today: dt.date) -> dict[int, Result]:
    """Art. 19/21: the 政府信息公开指南 and the 制度 column must have content. (Whether the guide is
    older than the last change of the office's address is not known: agencies keep no date of it.)"""
    public_items = Item.objects.filter(_public(), columns=OuterRef("pk"))
    missing = (
        Column.objects.filter(agency_id__in=_ids(agencies), code__in=GUIDE_COLUMNS)
        .filter(~Exists(public_items))
        .select_related("agency")
    )
    return results(*grouped(missing, _column_record, order=("order", "id")))


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
    agency's categories are not recorded. Two queries for all the agencies; no date changes it."""
    ids = _ids(agencies)
    recorded = selectors.art20_categories(ids)
    codes = sorted({code for columns in ART20_CATEGORY_COLUMNS.values() for code in columns})
    public_items = Item.objects.filter(_public(), columns=OuterRef("pk"))
    columns: dict[tuple[int, str], tuple[int, bool]] = {
        (agency_id, code): (pk, filled)
        for pk, agency_id, code, filled in Column.objects.filter(agency_id__in=ids, code__in=codes)
        .annotate(filled=Exists(public_items))
        .values_list("pk", "agency_id", "code", "filled")
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
    columns = (
        Column.objects.filter(agency_id__in=_ids(agencies), code__in=list(STALE_AFTER))
        .annotate(
            last=Max(
                "items__published_on",
                filter=Q(
                    items__state=ItemState.PUBLISHED,
                    items__disclosure=Disclosure.PROACTIVE,
                    items__internal=False,
                ),
            )
        )
        .select_related("agency")
    )
    stale, upcoming = {}, {}
    for column in columns:
        if column.last is None:
            continue  # blank, counted by columns_blank
        limit = column.last + dt.timedelta(days=STALE_AFTER[column.code])
        if limit < today:
            stale.setdefault(column.agency_id, []).append(column)
        elif column.agency_id not in upcoming or limit < upcoming[column.agency_id][0]:
            upcoming[column.agency_id] = (limit, column)
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
    columns = (
        Column.objects.filter(agency_id__in=_ids(agencies))
        .annotate(
            last=Max(
                "items__published_on",
                filter=Q(
                    items__state=ItemState.PUBLISHED,
                    items__disclosure=Disclosure.PROACTIVE,
                    items__internal=False,
                ),
            )
        )
        .select_related("agency")
        .order_by("order", "id")
    )
    found, upcoming = {}, {}
    for column in columns:
        if column.last is None:
            found.setdefault(column.agency_id, []).append(column)
            continue
        if column.code not in LONG_STALE_AFTER:
            continue
        limit = column.last + dt.timedelta(days=LONG_STALE_AFTER[column.code])
        if limit < today:
            found.setdefault(column.agency_id, []).append(column)
        elif column.agency_id not in upcoming or limit < upcoming[column.agency_id][0]:
            upcoming[column.agency_id] = (limit, column)
    answer = {}
    for agency in agencies:
        listed = found.get(agency.pk, [])
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


def _blocks(item) -> bool:
    """Whether the item's published title or body now gives a blocking screening finding, cached per
    item and modification time (a changed item is screened again)."""
    from gongkai.screening.detectors import blocking, scan

    key = f"selfcheck:personal-data:{item.pk}:{item.updated_at.timestamp()}"
    answer = django_cache.get(key)
    if answer is None:
        answer = any(blocking(scan(text)) for text in (item.title, item.body_text) if text)
        django_cache.set(key, answer, 60 * 60 * 24 * 30)
    return answer


def personal_data_published(agencies, today: dt.date) -> dict[int, Result]:
    """Public items whose title or body gives a blocking screening finding (personal data or a secret
    marker), an override at publication notwithstanding: the text is out in public."""
    found: dict[int, list] = {}
    public = (
        Item.objects.filter(_public(), agency_id__in=_ids(agencies))
        .only("title", "body_text", "updated_at", "agency", "published_on")
        .order_by("-published_on", "id")
    )
    for item in public.iterator(chunk_size=500):
        if _blocks(item):
            found.setdefault(item.agency_id, []).append(item)
    return {
        agency_id: Result(
            len(items), Status.FAIL, tuple(_item_record(item) for item in items[:RECORDS_LIMIT])
        )
        for agency_id, items in found.items()
    }


def home_stale(agencies, today: dt.date) -> dict[int, Result]:
    """Veto: a government's portal home shows no new item in the last 2 weeks."""
    governments = [agency for agency in agencies if agency.kind == "government"]
    last = dict(
        Item.objects.filter(_public(), agency_id__in=_ids(governments))
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
    unmarked = Item.objects.filter(_public(), agency_id__in=_ids(agencies), validity=Validity.VALID).filter(
        Q(abolished_on__isnull=False, abolished_on__lte=today) | Q(successor__isnull=False)
    )
    return results(*grouped(unmarked, _item_record))


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
    interpreted = Item.objects.filter(interprets=OuterRef("pk"), state=ItemState.PUBLISHED)
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
                "已公开信息的标题或正文不得含有身份证号码、手机号码、银行卡号等个人信息或密级标志",
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
