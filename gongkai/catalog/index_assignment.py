"""Giving an item its 索引号 at publication: gap-free per agency and year, never reused.

The counter row is locked for the rest of the publishing transaction (``SELECT … FOR UPDATE`` on
PostgreSQL; on SQLite every write transaction begins IMMEDIATE and so holds the write lock), so
two publications never read the same ``last``; a rolled-back publication rolls back its number.
"""

from __future__ import annotations

from gongkai.catalog.index_patterns import DEFAULT_PATTERN, Parts, format_index_no
from gongkai.catalog.models import CatalogSettings, IndexCounter, Item
from gongkai.core.errors import RuleViolation


def pattern_for(agency) -> str:
    settings = CatalogSettings.objects.filter(agency=agency).first()
    return settings.index_pattern if settings else DEFAULT_PATTERN


def next_sequence(agency, year: int) -> int:
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def assign_index_no(item: Item) -> str:
    """The next 索引号 of the item's agency for the year of ``item.published_on``."""
    agency, on = item.agency, item.published_on
    number = format_index_no(
        pattern_for(agency),
        Parts(
            prefix=agency.index_prefix,
            year=on.year,
            month=on.month,
            seq=next_sequence(agency, on.year),
            topic=item.topic,
            genre=item.genre,
        ),
    )
    if Item.objects.filter(index_no=number).exists():
        # Two agencies configured with the same prefix: refuse rather than give a duplicate.
        raise RuleViolation(
            "index_no_taken",
            f"索引号{number}已被其他机构使用，请检查机构的索引号前缀设置",
            {"index_no": number},
        )
    return number


def assign_index_nos(items: list[Item]) -> None:
    """``assign_index_no`` for a batch of one agency's unsaved items, in list order: one counter
    update per year instead of one per item; the same numbers as publishing them one by one."""
    if not items:
        return
    agency = items[0].agency
    pattern = pattern_for(agency)
    by_year: dict[int, list[Item]] = {}
    for item in items:
        by_year.setdefault(item.published_on.year, []).append(item)
    for year, group in by_year.items():
        counter, _ = IndexCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
        first = counter.last + 1
        counter.last += len(group)
        counter.save(update_fields=["last"])
        for seq, item in enumerate(group, start=first):
            on = item.published_on
            item.index_no = format_index_no(
                pattern,
                Parts(prefix=agency.index_prefix, year=on.year, month=on.month, seq=seq, topic=item.topic,
                      genre=item.genre),
            )  # fmt: skip
    taken = Item.objects.filter(index_no__in=[item.index_no for item in items]).values_list(
        "index_no", flat=True
    )
    for number in taken[:1]:
        raise RuleViolation(
            "index_no_taken",
            f"索引号{number}已被其他机构使用，请检查机构的索引号前缀设置",
            {"index_no": number},
        )
