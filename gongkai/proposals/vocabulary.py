"""The vocabulary of suggestions, proposals and key tasks (domain/services.md §§4–5) — no Django.
Values are API codes and never change; labels are what staff and the public read."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    DEPUTY_SUGGESTION = "deputy_suggestion"
    CPPCC_PROPOSAL = "cppcc_proposal"


KIND_LABELS = {Kind.DEPUTY_SUGGESTION: "人大代表建议", Kind.CPPCC_PROPOSAL: "政协提案"}
KIND_SHORT = {Kind.DEPUTY_SUGGESTION: "建议", Kind.CPPCC_PROPOSAL: "提案"}


class ResultClass(StrEnum):
    """Default result classes (deployment setting): A 已解决或采纳 / B 正在解决或列入计划 / C 留作参考."""

    A = "A"
    B = "B"
    C = "C"


RESULT_CLASS_LABELS = {
    ResultClass.A: "A类（已解决或采纳）",
    ResultClass.B: "B类（正在解决或列入计划解决）",
    ResultClass.C: "C类（因条件限制或其他原因留作参考）",
}


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"


SATISFACTION_LABELS = {
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASICALLY_SATISFIED: "基本满意",
    Satisfaction.DISSATISFIED: "不满意",
}


class State(StrEnum):
    HANDLING = "handling"  # assigned, not answered
    ANSWERED = "answered"  # answered, not rated
    RATED = "rated"  # satisfied or basically satisfied
    SECOND_ANSWER_DUE = "second_answer_due"  # 不满意: a second answer is owed
    SECOND_ANSWERED = "second_answered"


STATE_LABELS = {
    State.HANDLING: "办理中",
    State.ANSWERED: "已答复，待反馈满意度",
    State.RATED: "已办结",
    State.SECOND_ANSWER_DUE: "不满意，待再次答复",
    State.SECOND_ANSWERED: "已再次答复",
}


class PublicationMode(StrEnum):
    FULL = "full"
    SUMMARY = "summary"


PUBLICATION_MODE_LABELS = {PublicationMode.FULL: "全文公开", PublicationMode.SUMMARY: "摘要公开"}
