"""Information-processing fees (国办函〔2020〕109号): progressive bands per item and per page."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.applications.fees import (
    per_item_bands,
    per_item_fee,
    per_item_split_fee,
    per_item_total,
    per_page_fee,
    quote,
)


@pytest.mark.parametrize(
    ("nth", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (61, 500)],
)
def test_per_item_fee_of_the_nth_application_in_a_month(nth, fee):
    assert per_item_fee(nth) == Decimal(fee)


def test_per_item_total_of_a_month():
    # 10 free + 20 × 100 + 10 × 200 + 5 × 300
    assert per_item_total(45) == Decimal(10 * 0 + 20 * 100 + 10 * 200 + 5 * 300)


@pytest.mark.parametrize(
    ("first", "items", "fee"),
    [
        (1, 1, 0),
        (13, 3, 300),  # 13–15 at 100
        (9, 2, 0),  # 9, 10: still free
        (10, 2, 100),  # 10 free; 11 at 100
        (9, 4, 200),  # 9, 10 free; 11, 12 at 100
        (1, 11, 100),  # one application split into 11: only the 11th is charged
        (1, 30, 2000),  # 20 × 100
        (29, 4, 600),  # 29, 30 at 100; 31, 32 at 200
        (30, 12, 100 + 10 * 200 + 300),  # 30; 31–40; 41
    ],
)
def test_a_split_application_pays_the_places_it_takes_band_by_band(first, items, fee):
    assert per_item_split_fee(first, items) == Decimal(fee)
    assert quote("per_item", nth=first, items=items) == Decimal(fee)


def test_the_bands_of_a_split_say_how_the_amount_is_made_up():
    assert per_item_bands(9, 24) == [(9, 10, Decimal(0)), (11, 30, Decimal(100)), (31, 32, Decimal(200))]
    assert per_item_bands(13) == [(13, 13, Decimal(100))]


def test_a_split_is_by_item_only_and_at_least_one():
    with pytest.raises(ValueError):
        quote("per_page", pages=40, items=2)
    with pytest.raises(ValueError):
        per_item_split_fee(11, 0)


@given(st.integers(1, 300), st.integers(1, 60), st.integers(1, 60))
def test_splitting_a_run_of_places_never_changes_what_it_costs(first, head, tail):
    """Three items in one application cost what three applications at those places cost."""
    whole = per_item_split_fee(first, head + tail)
    assert whole == per_item_split_fee(first, head) + per_item_split_fee(first + head, tail)
    assert whole == sum((per_item_fee(nth) for nth in range(first, first + head + tail)), Decimal(0))


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),  # 70 × 10
        (101, 720),  # 700 + 1 × 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2700 + 1 × 40
        (250, 4700),  # 2700 + 50 × 40
    ],
)
def test_per_page_fee_is_charged_band_by_band(pages, fee):
    assert per_page_fee(pages) == Decimal(fee)


def test_amounts_are_decimal_yuan_with_two_places():
    assert str(per_page_fee(31)) == "10.00"
    assert quote("per_item", nth=11) == Decimal("100.00")


def test_quote_needs_the_input_of_its_method():
    with pytest.raises(ValueError):
        quote("per_page", nth=3)
    with pytest.raises(ValueError):
        quote("both", pages=3)


@given(st.integers(0, 2000))
def test_one_more_page_never_costs_less_and_the_marginal_price_is_a_band_price(pages):
    step = per_page_fee(pages + 1) - per_page_fee(pages)
    assert step in {Decimal(0), Decimal(10), Decimal(20), Decimal(40)}


@given(st.integers(1, 500))
def test_the_per_item_price_never_falls_as_the_month_goes_on(nth):
    assert per_item_fee(nth + 1) >= per_item_fee(nth)
