"""The agency's catalogue set-up: 索引号 pattern, double sign-off, the Art. 20 categories that apply
to it, its own columns (栏目)."""

from __future__ import annotations

import re

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.catalog.index_patterns import InvalidPattern, validate_pattern
from gongkai.catalog.models import CatalogSettings, Column
from gongkai.catalog.vocabulary import ALWAYS_APPLICABLE, ART20_CATEGORIES, art20_numeral
from gongkai.core.errors import InvalidInput, RuleViolation


@service
def set_index_pattern(agency, *, actor, pattern: str):
    """Configure the agency's 索引号 pattern (applies to numbers given from now on; given ones stay)."""
    permissions.require(actor, "manage", agency)
    pattern = (pattern or "").strip()
    try:
        validate_pattern(pattern)
    except InvalidPattern as error:
        raise InvalidInput("invalid_index_pattern", str(error), {"pattern": pattern}) from error
    settings, _ = CatalogSettings.objects.get_or_create(agency=agency)
    before = settings.index_pattern
    settings.index_pattern = pattern
    settings.save(update_fields=["index_pattern"])
    record(
        actor=actor,
        action="catalog.set_index_pattern",
        obj=settings,
        agency=agency,
        summary=f"设置“{agency.name}”的索引号格式为 {pattern}",
        data={"before": before, "after": pattern},
    )
    return settings


@service
def set_four_eyes(agency, *, actor, required: bool) -> CatalogSettings:
    """Require (or stop requiring) that the 审核人 who signs an item off is not its drafter."""
    permissions.require(actor, "manage", agency)
    settings, _ = CatalogSettings.objects.get_or_create(agency=agency)
    before = settings.four_eyes
    settings.four_eyes = bool(required)
    settings.save(update_fields=["four_eyes"])
    record(
        actor=actor,
        action="catalog.set_four_eyes",
        obj=settings,
        agency=agency,
        summary=f"{'开启' if settings.four_eyes else '关闭'}“{agency.name}”的双人复核（审核人须不同于起草人）",
        data={"before": before, "after": settings.four_eyes},
    )
    return settings


def _categories_text(numbers) -> str:
    return "".join(art20_numeral(number) for number in numbers)


@service
def set_art20_categories(agency, *, actor, categories) -> CatalogSettings:
    """Record which Art. 20 categories (numbers 1–15) apply to the agency: its admin's or the
    disclosure office's act. (一)(二) apply to every agency and are always kept. Recording the same
    list again confirms it (the self-check stops warning that it was never recorded)."""
    permissions.require(actor, "manage", agency)
    try:
        numbers = {int(number) for number in categories}
    except (TypeError, ValueError) as error:
        raise InvalidInput(
            "invalid_art20_category", "信息类别须为1至15的整数（对应第二十条第一至十五项）"
        ) from error
    unknown = sorted(number for number in numbers if number not in ART20_CATEGORIES)
    if unknown:
        raise InvalidInput(
            "invalid_art20_category",
            f"信息类别须为1至15的整数（对应第二十条第一至十五项），无法识别：{', '.join(map(str, unknown))}",
            {"categories": unknown},
        )
    chosen = sorted(numbers | set(ALWAYS_APPLICABLE))
    settings, _ = CatalogSettings.objects.get_or_create(agency=agency)
    before = settings.art20_categories
    settings.art20_categories = chosen
    settings.save(update_fields=["art20_categories"])
    record(
        actor=actor,
        action="catalog.set_art20_categories",
        obj=settings,
        agency=agency,
        summary=f"设置“{agency.name}”适用的《条例》第二十条信息类别：{_categories_text(chosen)}",
        data={"before": before, "after": chosen},
    )
    return settings


COLUMN_CODE = r"^[a-z0-9][a-z0-9_-]{0,39}$"


@service
def create_column(agency, *, actor, code: str, name: str, order: int | None = None) -> Column:
    """Add a column (栏目) of the agency's own beside the default ones."""
    permissions.require(actor, "manage", agency)
    code, name = (code or "").strip(), (name or "").strip()
    if not re.match(COLUMN_CODE, code):
        raise InvalidInput(
            "invalid_column_code", "栏目代码只能包含小写英文字母、数字、下划线和连字符，最长40位"
        )
    if not name or len(name) > 100:
        raise InvalidInput("invalid_column_name", "栏目名称不能为空，且不超过100字")
    if Column.objects.filter(agency=agency, code=code).exists():
        raise RuleViolation("column_exists", f"栏目代码“{code}”已存在")
    if order is None:
        last = Column.objects.filter(agency=agency).order_by("-order").values_list("order", flat=True).first()
        order = (last or 0) + 10
    column = Column.objects.create(agency=agency, code=code, name=name, order=order)
    record(
        actor=actor,
        action="catalog.create_column",
        obj=column,
        agency=agency,
        summary=f"新增栏目“{name}”（{code}）",
        data={"code": code, "name": name, "order": order},
    )
    return column


@service
def update_column(column: Column, *, actor, name: str | None = None, order: int | None = None) -> Column:
    """Rename or reorder a column; its code stays (URLs and feeds rely on it)."""
    permissions.require(actor, "manage", column.agency_id)
    before = {"name": column.name, "order": column.order}
    if name is not None:
        name = name.strip()
        if not name or len(name) > 100:
            raise InvalidInput("invalid_column_name", "栏目名称不能为空，且不超过100字")
        column.name = name
    if order is not None:
        column.order = order
    column.save(update_fields=["name", "order"])
    record(
        actor=actor,
        action="catalog.update_column",
        obj=column,
        agency=column.agency,
        summary=f"修改栏目“{column.name}”（{column.code}）",
        data={"before": before, "after": {"name": column.name, "order": column.order}},
    )
    return column
