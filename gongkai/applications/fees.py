"""Information-processing fees (信息处理费) — pure Python, no Django.

Art. 42 of the regulation and 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号): providing
information is free; only where the number or frequency of applications clearly exceeds a
reasonable range may a fee be charged, by one of two progressive methods (超额累进), never both for
one application (Art. 3 of the measures). Amounts are ``Decimal`` yuan with two decimals.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.applications.vocabulary import FeeMethod

PER_ITEM = FeeMethod.PER_ITEM.value
PER_PAGE = FeeMethod.PER_PAGE.value
METHODS = (PER_ITEM, PER_PAGE)

CENT = Decimal("0.01")

FREE_ITEMS = 10
# The most items one application may be split into: a guard against a slip of the keyboard, not a
# legal limit (an application of more matters than this is rare enough to be entered by hand twice).
MAX_SPLIT_ITEMS = 200
# (last page of the band or None for unbounded, yuan per page)
PAGE_BANDS: tuple[tuple[int | None, int], ...] = ((30, 0), (100, 10), (200, 20), (None, 40))


def _yuan(amount: int) -> Decimal:
    return Decimal(amount).quantize(CENT)


def per_item_fee(nth: int) -> Decimal:
    """按件计收: the fee for the ``nth`` application of one applicant in one natural month.

    Items 1–10 free; 11–30: 100 yuan each; from item 31, each further band of 10 items costs
    100 yuan more per item (31–40: 200, 41–50: 300, …).
    """
    if nth < 1:
        raise ValueError("nth must be at least 1")
    if nth <= FREE_ITEMS:
        return _yuan(0)
    if nth <= 30:
        return _yuan(100)
    return _yuan(100 * (2 + (nth - 31) // 10))


def per_item_total(items: int) -> Decimal:
    """What ``items`` applications of one applicant in one month cost together."""
    return per_item_split_fee(1, items)


def per_item_split_fee(first: int, items: int = 1) -> Decimal:
    """按件计收 of one application split into ``items`` items (一事一申请, Art. 4 of the measures):
    it occupies the applicant's positions ``first`` … ``first + items - 1`` of the month, and each
    position is charged at the price of its band."""
    if items < 1:
        raise ValueError("items must be at least 1")
    return sum((per_item_fee(nth) for nth in range(first, first + items)), _yuan(0))


def per_item_bands(first: int, items: int = 1) -> list[tuple[int, int, Decimal]]:
    """The positions ``first`` … ``first + items - 1`` grouped by price: ``(from, to, yuan per item)``
    in order, for a letter to show how the amount is made up."""
    if items < 1:
        raise ValueError("items must be at least 1")
    bands: list[tuple[int, int, Decimal]] = []
    for nth in range(first, first + items):
        price = per_item_fee(nth)
        if bands and bands[-1][2] == price:
            bands[-1] = (bands[-1][0], nth, price)
        else:
            bands.append((nth, nth, price))
    return bands


def per_page_fee(pages: int) -> Decimal:
    """按量计收 within one application: pages 1–30 free, 31–100 at 10 yuan, 101–200 at 20 yuan,
    201 and above at 40 yuan; each band is charged on the pages inside it."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    total, lower = 0, 0
    for upper, price in PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += (top - lower) * price
        if upper is None or pages <= upper:
            break
        lower = upper
    return _yuan(total)


def quote(method: str, *, nth: int | None = None, pages: int | None = None, items: int | None = None) -> Decimal:
    """The fee by one method: ``per_item`` needs ``nth`` (the first position when the application
    is split into ``items`` items, default 1), ``per_page`` needs ``pages`` and takes no ``items``
    (one method per application, Art. 3 of the measures)."""
    if method == PER_ITEM:
        if nth is None:
            raise ValueError("per_item needs nth")
        return per_item_split_fee(nth, items or 1)
    if method == PER_PAGE:
        if pages is None:
            raise ValueError("per_page needs pages")
        if items is not None:
            raise ValueError("per_page is not split into items")
        return per_page_fee(pages)
    raise ValueError(f"unknown method {method!r}")
