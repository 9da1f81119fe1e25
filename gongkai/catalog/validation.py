"""Checking and normalising the fields of an item before it is saved."""

from __future__ import annotations

import datetime as dt

from gongkai.catalog.text import html_to_text, normalize_keywords, sanitize_body
from gongkai.catalog.vocabulary import Audience, Disclosure, Genre, PublicationMode, Topic
from gongkai.core.choices import codes
from gongkai.core.errors import InvalidInput

LIMITS = {"title": 300, "doc_number": 100, "keywords": 200, "source": 100}


def _text(field: str, value) -> str:
    value = "" if value is None else str(value).strip()
    if len(value) > LIMITS.get(field, 100_000):
        raise InvalidInput(
            f"invalid_{field}", f"{field} 长度超出限制（最多{LIMITS[field]}字）", {"field": field}
        )
    return value


def _choice(field: str, value, choices, *, blank=False) -> str:
    if (value in (None, "")) and blank:
        return ""
    if value not in codes(choices):
        raise InvalidInput(
            f"invalid_{field}", f"{field} 取值不正确：{value}", {"field": field, "allowed": choices.values}
        )
    return value


def _choices(field: str, values, choices) -> list[str]:
    values = list(values or [])
    wrong = [value for value in values if value not in codes(choices)]
    if wrong:
        raise InvalidInput(
            f"invalid_{field}", f"{field} 取值不正确：{wrong}", {"field": field, "allowed": choices.values}
        )
    return list(dict.fromkeys(values))


def _date(field: str, value, *, required=False):
    if value is None and not required:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise InvalidInput(f"invalid_{field}", f"{field} 应为日期（YYYY-MM-DD）", {"field": field})


def clean_fields(item, fields: dict, *, actor=None) -> None:
    """Set ``fields`` on ``item`` after checking them; then check the item as a whole."""
    for field, value in fields.items():
        if field == "keywords":
            item.keywords = _text("keywords", normalize_keywords(value))
        elif field in LIMITS:
            setattr(item, field, _text(field, value))
        elif field == "genre":
            item.genre = _choice("genre", value, Genre)
        elif field == "topic":
            item.topic = _choice("topic", value, Topic, blank=True)
        elif field == "disclosure":
            item.disclosure = _choice("disclosure", value, Disclosure)
        elif field == "audience":
            item.audience = _choices("audience", value, Audience)
        elif field == "publication_modes":
            item.publication_modes = _choices("publication_modes", value, PublicationMode)
        elif field == "summary":
            item.summary = (value or "").strip()
        elif field == "body":
            item.body = sanitize_body(value or "")
            item.body_text = html_to_text(item.body)
        elif field in ("formed_on", "changed_on"):
            setattr(item, field, _date(field, value, required=field == "formed_on"))
        elif field == "not_disclosed_reason":
            item.not_disclosed_reason = (value or "").strip()
        elif field == "internal":
            item.internal = bool(value)
        elif field == "interprets":
            item.interprets = value
    _check_whole(item)


def _check_whole(item) -> None:
    if not item.title:
        raise InvalidInput("invalid_title", "信息名称不能为空", {"field": "title"})
    if not item.genre:
        raise InvalidInput("invalid_genre", "请选择体裁分类", {"field": "genre"})
    if item.formed_on is None:
        raise InvalidInput("invalid_formed_on", "请填写信息生成日期", {"field": "formed_on"})
    if item.disclosure == Disclosure.NOT_DISCLOSED and not item.not_disclosed_reason:
        raise InvalidInput(
            "not_disclosed_reason_required",
            "公开属性为“不予公开”时，须写明不予公开的法定理由（条例第十四条至第十六条）",
            {"field": "not_disclosed_reason"},
        )
    if item.disclosure != Disclosure.NOT_DISCLOSED:
        item.not_disclosed_reason = ""
    if item.interprets_id is not None:
        if item.genre != Genre.INTERPRETATION:
            raise InvalidInput(
                "interprets_requires_interpretation", "只有体裁为“政策解读”的信息可以关联所解读文件"
            )
        if item.pk and item.interprets_id == item.pk:
            raise InvalidInput("interprets_self", "政策解读不能关联其本身")
    if not item.publication_modes:
        item.publication_modes = [PublicationMode.WEBSITE]
