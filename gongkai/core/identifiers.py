"""Check characters of Chinese identifiers — pure Python, no Django.

- Resident identity card number, 18 characters (GB 11643-1999): 6-digit administrative region
  code, 8-digit birth date, 3-digit sequence, and a check character by ISO 7064 MOD 11-2.
- Unified social credit code of organisations, 18 characters (GB 32100-2015): a check character
  over the first 17 with the standard's weights and its 31-character alphabet.
"""

from __future__ import annotations

import datetime as dt
import re

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")

MOBILE_PATTERN = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")


def resident_id_check_character(first17: str) -> str:
    """GB 11643 / ISO 7064 MOD 11-2 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def resident_id_birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def is_resident_id(number: str, *, today: dt.date | None = None) -> bool:
    """An 18-character resident ID: region 11–82, a real birth date (not after ``today`` when
    given, not before 1900), and the right check character (upper-case X)."""
    number = number.strip().upper()
    if not ID_PATTERN.match(number) or not 11 <= int(number[:2]) <= 82:
        return False
    born = resident_id_birth_date(number)
    if born is None or born.year < 1900 or (today is not None and born > today):
        return False
    return resident_id_check_character(number[:17]) == number[17]


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
