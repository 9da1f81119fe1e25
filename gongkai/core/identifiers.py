"""Check characters of Chinese identifiers — pure Python, no Django.

- Resident identity card number, 18 characters (GB 11643-1999): 6-digit administrative region
  code, 8-digit birth date, 3-digit sequence, and a check character by ISO 7064 MOD 11-2.
- Old resident identity card number, 15 digits (before 1999): region code, yymmdd birth date in
  the 1900s, 3-digit sequence; no check character.
- Unified social credit code of organisations, 18 characters (GB 32100-2015): a check character
  over the first 17 with the standard's weights and its 31-character alphabet.
- Bank card numbers (ISO/IEC 7812): the Luhn check digit.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

MOBILE_PATTERN = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
LANDLINE_PATTERN = re.compile(r"^(?:\+?86-?)?0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")


def resident_id_check_character(first17: str) -> str:
    """GB 11643 / ISO 7064 MOD 11-2 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def resident_id_birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def is_resident_id(number: str, *, today: dt.date | None = None, earliest_year: int = 1900) -> bool:
    """An 18-character resident ID: region 11–82, a real birth date (not after ``today`` when
    given, not before ``earliest_year``), and the right check character (upper-case X)."""
    number = number.strip().upper()
    if not ID_PATTERN.match(number) or not 11 <= int(number[:2]) <= 82:
        return False
    born = resident_id_birth_date(number)
    if born is None or born.year < earliest_year or (today is not None and born > today):
        return False
    return resident_id_check_character(number[:17]) == number[17]


def is_resident_id_15(number: str, *, today: dt.date | None = None) -> bool:
    """An old 15-digit resident ID: region 11–82 and a real 19yy birth date (not after ``today``)."""
    if len(number) != 15 or not number.isascii() or not number.isdigit():
        return False
    if not 11 <= int(number[:2]) <= 82:
        return False
    try:
        born = dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return today is None or born <= today


def uscc_check_character(first17: str) -> str:
    """GB 32100 check character for the first 17 characters of a unified social credit code."""
    total = sum(
        USCC_ALPHABET.index(char) * weight for char, weight in zip(first17, USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_uscc(code: str) -> bool:
    """An 18-character unified social credit code with the right check character."""
    code = code.strip().upper()
    return bool(USCC_PATTERN.match(code)) and uscc_check_character(code[:17]) == code[17]


def is_mobile(number: str) -> bool:
    """A mainland mobile number (1[3-9] + 9 digits), optionally with +86/86 and separators."""
    return bool(MOBILE_PATTERN.match(re.sub(r"[\s-]", "", number)))


def is_phone(number: str) -> bool:
    """A mainland mobile number or a landline with area code (0731-12345678, (0731)12345678).

    Full-width digits and brackets, as Chinese input methods type them, count as their ASCII
    forms."""
    compact = re.sub(r"[\s()]", "", unicodedata.normalize("NFKC", number))
    if not compact.isascii():
        return False
    return is_mobile(compact) or bool(LANDLINE_PATTERN.match(compact))


def phone_digits(number: str) -> str:
    """The ASCII digits of a phone number, for comparing two spellings of one number: full-width
    digits count as digits, and a +86/0086 prefix before a mobile number is dropped."""
    digits = "".join(char for char in unicodedata.normalize("NFKC", number or "") if "0" <= char <= "9")
    return re.sub(r"^(?:00)?86(?=1[3-9]\d{9}$)", "", digits)


def passes_luhn(digits: str) -> bool:
    """ISO/IEC 7812 Luhn check over a string of ASCII digits (the last one is the check digit)."""
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


TRACKING_CODE_PATTERN = re.compile(r"^[A-Za-z0-9]{12}$")


def is_tracking_code_shaped(code: str) -> bool:
    """A tracking code (查询码) of an application or a message: 12 letters and digits, either case.
    Only the shape: whether such a code exists is for the selector to say."""
    return bool(TRACKING_CODE_PATTERN.match(code or ""))
