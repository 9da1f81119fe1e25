"""索引号 (index numbers): assigned once at publication, never changed or reused.

A pattern is a Python format string over the parts {prefix, year, month, topic, genre, seq};
the default ``{prefix}/{year}-{seq:05d}`` gives ``000014349/2018-00222``. ``seq`` counts per
agency per year, so a pattern must contain ``{year}`` and ``{seq}`` to stay unique.
Pure module: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import Formatter

DEFAULT_PATTERN = "{prefix}/{year}-{seq:05d}"
PARTS = ("prefix", "year", "month", "topic", "genre", "seq")
REQUIRED = ("year", "seq")
# Literal text may hold only characters safe in a URL path (the number is part of the address).
LITERAL = re.compile(r"^[A-Za-z0-9/_.\-]*$")
SEQ_SPEC = re.compile(r"^0?[1-9]?d?$")
MAX_LENGTH = 120


class InvalidPattern(ValueError):
    """The configured pattern cannot produce unique, URL-safe numbers; message in Chinese."""


@dataclass(frozen=True)
class Parts:
    prefix: str
    year: int
    month: int
    seq: int
    topic: str = ""
    genre: str = ""


def validate_pattern(pattern: str) -> None:
    """Raise ``InvalidPattern`` unless ``pattern`` is usable for 索引号."""
    if not pattern or len(pattern) > 80:
        raise InvalidPattern("索引号格式不能为空，且不超过80个字符")
    try:
        pieces = list(Formatter().parse(pattern))
    except ValueError as error:
        raise InvalidPattern("索引号格式的花括号不匹配") from error
    seen = set()
    for literal, field, spec, conversion in pieces:
        if not LITERAL.match(literal):
            raise InvalidPattern("索引号格式中只能使用英文字母、数字和 / _ . - 作为分隔")
        if field is None:
            continue
        if field not in PARTS:
            raise InvalidPattern(f"索引号格式中的“{{{field}}}”不是可用部分（可用：{'、'.join(PARTS)}）")
        if conversion:
            raise InvalidPattern("索引号格式不支持转换符")
        if field == "seq" and not SEQ_SPEC.match(spec or ""):
            raise InvalidPattern("序号格式应为 {seq} 或 {seq:05d} 这样的补零宽度")
        if field != "seq" and spec:
            raise InvalidPattern(f"“{{{field}}}”不能带格式说明")
        seen.add(field)
    missing = [part for part in REQUIRED if part not in seen]
    if missing:
        raise InvalidPattern("索引号格式必须包含 {year} 和 {seq}，否则编号可能重复")


def format_index_no(pattern: str, parts: Parts) -> str:
    """The 索引号 for ``parts`` under a valid ``pattern``."""
    return pattern.format(
        prefix=parts.prefix,
        year=f"{parts.year:04d}",
        month=f"{parts.month:02d}",
        topic=parts.topic or "other",
        genre=parts.genre or "other",
        seq=parts.seq,
    )
