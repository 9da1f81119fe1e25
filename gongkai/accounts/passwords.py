"""Password rules (GB/T 22239-2019 8.1.4.1 a: 口令应有复杂度要求): pure, no Django import."""

from __future__ import annotations

MINIMUM_LENGTH = 12
MINIMUM_CLASSES = 3

# The four classes, in the order they are named to the user.
CLASS_LABELS = {"upper": "大写字母", "lower": "小写字母", "digit": "数字", "other": "特殊字符"}


def character_classes(password: str) -> set[str]:
    """The classes a password draws from: ASCII upper case, ASCII lower case, ASCII digits, and
    everything else (punctuation, spaces, Chinese and other non-Latin characters count as
    "other": they are as hard to guess as a symbol)."""
    classes = set()
    for character in password:
        if "A" <= character <= "Z":
            classes.add("upper")
        elif "a" <= character <= "z":
            classes.add("lower")
        elif "0" <= character <= "9":
            classes.add("digit")
        else:
            classes.add("other")
    return classes


def too_short(password: str, minimum: int = MINIMUM_LENGTH) -> bool:
    """Length in characters (a Chinese character counts as one)."""
    return len(password) < minimum


def too_simple(password: str, minimum: int = MINIMUM_CLASSES) -> bool:
    return len(character_classes(password)) < minimum
