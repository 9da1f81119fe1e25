import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.identifiers import (
    is_mobile,
    is_phone,
    is_resident_id,
    is_uscc,
    phone_digits,
    resident_id_check_character,
    uscc_check_character,
)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("11010519491231002X", True),  # the standard's own example
        ("11010519491231002x", True),  # lower-case x accepted, normalised
        ("110105194912310021", False),  # wrong check character
        ("11010519491331002X", False),  # month 13
        ("99010519491231002X", False),  # region 99
        ("0101051949123100", False),  # too short
    ],
)
def test_resident_id(number, valid):
    assert is_resident_id(number) is valid


def test_resident_id_born_in_the_future_is_invalid():
    first17 = "11010520300101001"
    number = first17 + resident_id_check_character(first17)
    assert is_resident_id(number)
    assert not is_resident_id(number, today=dt.date(2026, 11, 23))


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("91350100M000100Y43", True),
        ("91350100M000100Y44", False),
        ("11440000006939996Y", False),  # domain/catalog.md's example: its check character does not match
        ("914403001922038216", True),  # a real company's code
    ],
)
def test_uscc(code, valid):
    assert is_uscc(code) is valid


@given(st.text(alphabet="0123456789", min_size=17, max_size=17).filter(lambda s: 11 <= int(s[:2]) <= 82))
def test_a_wrong_check_character_is_always_caught(first17):
    right = resident_id_check_character(first17)
    for wrong in set("0123456789X") - {right}:
        assert not is_resident_id(first17 + wrong)


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_uscc_check_character_round_trip(first17):
    code = first17 + uscc_check_character(first17)
    assert uscc_check_character(code[:17]) == code[17]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("13812345678", True),
        ("+86 138 1234 5678", True),
        ("138-1234-5678", True),
        ("12812345678", False),
        ("1381234567", False),
        ("0731-12345678", False),
    ],
)
def test_mobile(number, valid):
    assert is_mobile(number) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("0731-12345678", True),
        ("(0731)12345678", True),
        ("（0731）12345678", True),  # full-width brackets, as Chinese input methods type them
        ("１３８１２３４５６７８", True),  # full-width digits
        ("０７３１－１２３４５６７８", True),
        ("12345", False),
        ("138١٢٣٤٥٦٧٨", False),  # other scripts' digits are not phone digits
    ],
)
def test_phone(number, valid):
    assert is_phone(number) is valid


@pytest.mark.parametrize(
    ("number", "digits"),
    [
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("（0731）12345678", "073112345678"),
        ("138١٢٣٤٥٦٧٨", "138"),
    ],
)
def test_phone_digits_compare_spellings_of_one_number(number, digits):
    assert phone_digits(number) == digits
