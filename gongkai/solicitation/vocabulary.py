"""The vocabulary of opinion solicitation (意见征集): codes shared by the rules, the models, the API
and the pages. Pure Python: the rule modules import it, the models derive their choices from it.

Source: domain/solicitation.md. Values are API codes and never change; labels are what people read.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Kind(StrEnum):
    """What is put out for comment; decides the minimum period."""

    MAJOR_DECISION = "major_decision"
    RULE = "rule"
    MARKET_RELATED = "market_related"
    NORMATIVE_DOCUMENT = "normative_document"
    OTHER = "other"


KIND_LABELS: dict[Kind, str] = {
    Kind.MAJOR_DECISION: "重大行政决策",
    Kind.RULE: "规章",
    Kind.MARKET_RELATED: "与市场主体生产经营活动密切相关的文件",
    Kind.NORMATIVE_DOCUMENT: "行政规范性文件",
    Kind.OTHER: "其他",
}


class Decision(StrEnum):
    """采纳情况 of one comment or group of comments."""

    ADOPTED = "adopted"
    PARTIALLY_ADOPTED = "partially_adopted"
    NOT_ADOPTED = "not_adopted"
    NOT_APPLICABLE = "not_applicable"


DECISION_LABELS: dict[Decision, str] = {
    Decision.ADOPTED: "采纳",
    Decision.PARTIALLY_ADOPTED: "部分采纳",
    Decision.NOT_ADOPTED: "未采纳",
    Decision.NOT_APPLICABLE: "不属于征求意见范围",
}


class State(StrEnum):
    """Where a solicitation stands. Only ``draft`` and ``open`` (published) are stored; ``closed``
    follows from the date and ``feedback_published`` from the feedback report."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    FEEDBACK_PUBLISHED = "feedback_published"


STATE_LABELS: dict[State, str] = {
    State.DRAFT: "草稿",
    State.OPEN: "征集中",
    State.CLOSED: "已截止",
    State.FEEDBACK_PUBLISHED: "已反馈",
}


class Channel(StrEnum):
    """How a comment arrived: through the portal, or by the other ways the notice offers (staff
    register those so that every comment is decided and counted)."""

    ONLINE = "online"
    EMAIL = "email"
    LETTER = "letter"
    OTHER = "other"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.ONLINE: "网站",
    Channel.EMAIL: "电子邮件",
    Channel.LETTER: "信函",
    Channel.OTHER: "其他（座谈会、电话等）",
}


def chinese_date(day: dt.date) -> str:
    """2026年10月8日, as notices write dates."""
    return f"{day.year}年{day.month}月{day.day}日"
