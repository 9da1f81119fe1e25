"""The vocabulary of 互动交流 (domain/interaction.md) — pure Python, no Django.

Values are the API codes; each member carries its Chinese label once (``Kind.COMPLAINT.label``).
The models derive their ``TextChoices`` from these enums (``interaction.choices``), so the pure
rules, the database, the API and the pages share one vocabulary.
"""

from __future__ import annotations

from gongkai.core.vocabulary import Labelled


class Kind(Labelled):
    CONSULTATION = "consultation", "咨询"
    HELP = "help", "求助"
    SUGGESTION = "suggestion", "建议"
    COMPLAINT = "complaint", "投诉"
    ERROR_REPORT = "error_report", "纠错"


class Channel(Labelled):
    ONLINE = "online", "网上留言"
    LETTER = "letter", "来信"
    PHONE = "phone", "来电"
    HOTLINE_12345 = "hotline_12345", "12345热线转办"
    IN_PERSON = "in_person", "来访"


class State(Labelled):
    RECEIVED = "received", "待受理"
    ACCEPTED = "accepted", "办理中"
    REOPENED = "reopened", "二次办理中"
    REPLIED = "replied", "已答复"
    REJECTED = "rejected", "不予受理"


OPEN_STATES = (State.RECEIVED, State.ACCEPTED, State.REOPENED)


class RejectReason(Labelled):
    DUPLICATE = "duplicate", "重复留言"
    NO_CONTENT = "no_content", "无实质内容"
    ABUSIVE = "abusive", "含有辱骂、攻击等不当内容"
    # 信访工作条例: the writer is told to use the 信访 channel.
    PETITION = "petition", "属于信访事项，请通过信访渠道反映"
    # Art. 27 of the regulation: a request for information is an application, never silently one.
    APPLICATION = "application", "属于政府信息公开申请，请依申请公开渠道提出"
    OUT_OF_SCOPE = "out_of_scope", "不属于本机关职责范围"
    OTHER = "other", "其他原因"


class Rating(Labelled):
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class Action(Labelled):
    """Events of a message's life; most are the names of POST /messages/{id}/actions/{action}."""

    SUBMIT = "submit", "网上留言"
    REGISTER = "register", "登记留言"
    ACCEPT = "accept", "受理"
    REJECT = "reject", "不予受理"
    TRANSFER = "transfer", "转办"
    EXTEND = "extend", "延期答复"
    REPLY = "reply", "答复"
    RATE = "rate", "留言人评价"
    REOPEN = "reopen", "二次办理"
    PUBLISH = "publish", "公开"
    UNPUBLISH = "unpublish", "撤销公开"
    TO_FAQ = "to_faq", "转为常见问题"
