"""The base of every domain's vocabulary — pure Python, no Django.

A domain's ``vocabulary.py`` declares its codes once as ``Labelled`` string enums, each member with
its Chinese label (``NAME = "code", "中文"``); the pure rule modules import them, and the models'
``TextChoices`` are derived from them (``gongkai.core.choices.text_choices``), so the rules, the
database, the API and the pages share one spelling of each code and one label.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A string enum whose members are declared as ``NAME = "code", "中文"``."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {member.value: member.label for member in cls}

    @classmethod
    def label_of(cls, value: str | None) -> str:
        try:
            return cls(value).label
        except ValueError:
            return value or ""
