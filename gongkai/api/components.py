"""Names of OpenAPI components.

The OpenAPI document keys its components by class name only, so two apps' ``State`` enums (or two
``ActionIn`` schemas) collapse into one entry and an endpoint silently documents the other's codes.
Schemas get distinct class names where they are declared; an enum shared with the rules and the
models keeps its short name there and is given an API name here.
"""

from __future__ import annotations

from enum import StrEnum


def named_codes(name: str, codes: type[StrEnum]) -> type[StrEnum]:
    """The codes of ``codes`` as an enum called ``name``, for use in API schemas. Its members equal
    (and hash like) the originals' codes, so a value parsed with it goes straight to the services."""
    named = StrEnum(name, [(member.name, member.value) for member in codes], module=codes.__module__)
    named.__doc__ = codes.__doc__ if codes.__doc__ != StrEnum.__doc__ else None
    return named
