"""Decisions on comments and the feedback report (意见采纳情况) — pure Python, no Django.

国办发〔2018〕37号: "相对集中的意见建议不予采纳的，公布时要说明理由". Every comment is decided
(``adopted``, ``partially_adopted``, ``not_adopted``, ``not_applicable``); the middle two need a reason.
The report is published only once every comment is decided; its table summarises each comment or group
of comments in the agency's own words (no names), and its totals are counted from the decisions.
A commenter's name and contact are never published (domain/solicitation.md "Comments"), so a report
whose wording holds one of them is refused, whatever screening finds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.solicitation.vocabulary import DECISION_LABELS, Decision

REASON_REQUIRED = frozenset({Decision.PARTIALLY_ADOPTED, Decision.NOT_ADOPTED})


def parse_decision(value: str) -> Decision:
    try:
        return Decision(value)
    except ValueError as error:
        codes = "、".join(f"{code.value}（{label}）" for code, label in DECISION_LABELS.items())
        raise InvalidInput("invalid_decision", f"采纳情况只能是：{codes}", {"decision": value}) from error


def require_reason(decision: Decision | str, reason: str) -> str:
    """37号文: a comment not adopted, or adopted only in part, is answered with the reason."""
    decision = parse_decision(decision)
    reason = (reason or "").strip()
    if decision in REASON_REQUIRED and not reason:
        raise InvalidInput(
            "reason_required",
            f"意见处理为“{DECISION_LABELS[decision]}”时须说明理由",
            {"decision": decision.value},
        )
    return reason


def require_all_decided(decisions: Mapping[int, str | None]) -> None:
    """The report waits until every comment is decided (domain/solicitation.md)."""
    undecided = sorted(comment for comment, decision in decisions.items() if not decision)
    if undecided:
        raise RuleViolation(
            "comments_undecided",
            f"尚有{len(undecided)}条意见未作出采纳决定，全部处理后才能发布采纳情况",
            {"comments": undecided},
        )


@dataclass(frozen=True)
class Row:
    """One line of the report table: 意见摘要 / 采纳情况 / 理由, covering one or more comments."""

    comments: tuple[int, ...]
    summary: str
    decision: Decision
    reason: str = ""


@dataclass(frozen=True)
class Totals:
    received: int
    by_decision: dict[Decision, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, int]:
        return {
            "received": self.received,
            **{decision.value: count for decision, count in self.by_decision.items()},
        }


def tally(decisions: Iterable[str]) -> Totals:
    """Totals per decision, in the order of the vocabulary, counted from the comments themselves."""
    counts = Counter(Decision(decision) for decision in decisions)
    return Totals(sum(counts.values()), {decision: counts.get(decision, 0) for decision in Decision})


def build_rows(raw_rows: Sequence[Mapping], decisions: Mapping[int, str]) -> list[Row]:
    """Check the table against the decided comments and return it.

    Each row covers at least one comment of this solicitation, no comment is in two rows, a row's
    decision is the decision its comments received, and every comment that was within the scope of the
    consultation (anything but ``not_applicable``) appears in the table.
    """
    rows: list[Row] = []
    seen: dict[int, int] = {}
    for position, raw in enumerate(raw_rows, start=1):
        row = _row(position, raw)
        for comment in row.comments:
            _place(comment, position, row, decisions, seen)
        rows.append(row)
    missing = sorted(
        comment
        for comment, decision in decisions.items()
        if comment not in seen and decision != Decision.NOT_APPLICABLE
    )
    if missing:
        raise InvalidInput(
            "comments_not_in_feedback",
            f"采纳情况表未包含{len(missing)}条意见，请为每条意见或每组意见填写一行",
            {"comments": missing},
        )
    return rows


def _row(position: int, raw: Mapping) -> Row:
    comments = tuple(int(comment) for comment in raw.get("comments") or ())
    summary = (raw.get("summary") or "").strip()
    if not comments:
        raise InvalidInput("row_without_comments", f"第{position}行未关联任何意见", {"row": position})
    if not summary:
        raise InvalidInput("summary_required", f"第{position}行须填写意见摘要", {"row": position})
    decision = parse_decision(raw.get("decision") or "")
    reason = require_reason(decision, raw.get("reason") or "")
    return Row(comments, summary, decision, reason)


def _place(comment: int, position: int, row: Row, decisions: Mapping[int, str], seen: dict[int, int]) -> None:
    if comment not in decisions:
        raise InvalidInput(
            "unknown_comment",
            f"第{position}行引用的意见不属于本次征集",
            {"row": position, "comment": comment},
        )
    if comment in seen:
        raise InvalidInput(
            "comment_in_two_rows",
            f"同一条意见出现在第{seen[comment]}行和第{position}行",
            {"comment": comment, "rows": [seen[comment], position]},
        )
    if decisions[comment] != row.decision:
        raise InvalidInput(
            "row_decision_mismatch",
            f"第{position}行的采纳情况与所含意见的处理决定不一致",
            {"row": position, "comment": comment, "decision": decisions[comment]},
        )
    seen[comment] = position


EMAIL = re.compile(r"[^\s,，;；、()（）<>]+@[^\s,，;；、()（）<>]+")
NUMBER = re.compile(r"\d[\d\s\-－—]*\d")
MIN_NAME = 2  # a one-character "name" would match everywhere
MIN_CONTACT = 6  # a whole contact shorter than this (a town's name) identifies nobody
MIN_DIGITS = 7  # a telephone number without its area code still has seven digits
# What people type in the name box to stay unnamed: words a report may well use.
NOT_NAMES = frozenset({"匿名", "无", "市民", "居民", "网友", "群众", "公民", "个人"})


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _particulars(name: str, contact: str) -> tuple[list[str], list[str]]:
    """The strings that identify a commenter (name, whole contact, e-mail addresses, long digit
    runs such as telephone numbers) and the digit runs among them."""
    name, contact = (name or "").strip(), (contact or "").strip()
    words = [name] if len(name) >= MIN_NAME and name not in NOT_NAMES else []
    words += [contact] if len(contact) >= MIN_CONTACT else []
    words += [address.rstrip("。.") for address in EMAIL.findall(contact)]
    numbers = [digits for run in NUMBER.findall(contact) if len(digits := _digits(run)) >= MIN_DIGITS]
    return words, numbers


def require_no_particulars(texts: Mapping[str, str], commenters: Iterable[tuple[str, str]]) -> None:
    """Comments carry an optional name and contact that are never published: the report's own
    wording (its summary, each row's summary and reason) must not repeat either. Refused with
    ``personal_data_in_wording`` naming the fields, as for the published wording of a message."""
    identifying = [_particulars(name, contact) for name, contact in commenters]
    fields = [
        field
        for field, text in texts.items()
        if any(
            any(word.casefold() in (text or "").casefold() for word in words)
            or any(number in _digits(text) for number in numbers)
            for words, numbers in identifying
        )
    ]
    if fields:
        raise RuleViolation(
            "personal_data_in_wording",
            "采纳情况中含有提出意见者的姓名或联系方式，意见人信息不予公开，请删除后再公布",
            {"fields": fields},
        )
