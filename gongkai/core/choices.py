"""Django ``TextChoices`` derived from a domain's pure vocabulary (``gongkai.core.vocabulary``)."""

from __future__ import annotations

from functools import cache

from django.db import models

from gongkai.core.vocabulary import Labelled


def text_choices(enum: type[Labelled]) -> type[models.TextChoices]:
    """The ``TextChoices`` of ``enum``: same name, members, codes and labels."""
    return models.TextChoices(enum.__name__, [(member.name, (member.value, member.label)) for member in enum])


@cache
def codes(choices: type[models.Choices]) -> frozenset:
    """The codes of ``choices`` as a set, for membership tests: ``choices.values`` rebuilds its list
    from the members on every access (three tests per imported row)."""
    return frozenset(choices.values)


@cache
def pairs(choices: type[models.Choices]) -> tuple:
    """``choices.choices`` (code, label) built once (the property rebuilds it on every access)."""
    return tuple(choices.choices)
