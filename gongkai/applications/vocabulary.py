"""The vocabulary of applications — pure Python, no Django.

Values are the API codes, labels the Chinese of forms, pages and reports, each written once here;
the models' ``TextChoices`` derive from these enums (``applications.choices``) and the pure rules
(``lifecycle``, ``clock``, ``fees``, ``letters.texts``) import them.

``Outcome`` values are exactly the row keys of table 3 of the annual report
(domain/annual-report.md, 国办公开办函〔2021〕30号), so a reply, the API and the report share one code.
"""

from __future__ import annotations

from gongkai.core.vocabulary import Labelled


class ApplicantType(Labelled):
    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    SOCIAL_WELFARE = "social_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"


class IdType(Labelled):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    OTHER = "other", "其他身份证明"


class Channel(Labelled):
    """How the application reached the agency (Art. 31 fixes the receipt date per channel)."""

    IN_PERSON = "in_person", "当面提交"
    POST = "post", "平常信函"
    REGISTERED_POST = "registered_post", "邮寄（需签收）"
    FAX = "fax", "传真"
    ONLINE = "online", "网上申请"


# Channels whose receipt date is known when the application is registered (Art. 31).
IMMEDIATE_CHANNELS = (Channel.IN_PERSON, Channel.REGISTERED_POST)


class Format(Labelled):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class Delivery(Labelled):
    EMAIL = "email", "电子邮件"
    POST = "post", "邮寄"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上获取"


class State(Labelled):
    SUBMITTED = "submitted", "待确认收到"
    RECEIVED = "received", "办理中"
    CORRECTION_REQUESTED = "correction_requested", "待补正"
    IN_CONSULTATION = "in_consultation", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    CONCLUDED = "concluded", "已办结"


OPEN_STATES = [state.value for state in State if state != State.CONCLUDED]


class Outcome(Labelled):
    DISCLOSED = "disclosed", "予以公开"
    PARTIALLY_DISCLOSED = "partially_disclosed", "部分公开"
    WITHHELD_STATE_SECRET = "withheld.state_secret", "不予公开：属于国家秘密"
    WITHHELD_LAW_PROHIBITED = "withheld.law_prohibited", "不予公开：其他法律行政法规禁止公开"
    WITHHELD_SECURITY_STABILITY = "withheld.security_stability", "不予公开：危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld.third_party", "不予公开：保护第三方合法权益"
    WITHHELD_INTERNAL_AFFAIRS = "withheld.internal_affairs", "不予公开：属于三类内部事务信息"
    WITHHELD_PROCESS_INFO = "withheld.process_info", "不予公开：属于四类过程性信息"
    WITHHELD_ENFORCEMENT_FILE = "withheld.enforcement_file", "不予公开：属于行政执法案卷"
    WITHHELD_QUERY_MATTER = "withheld.query_matter", "不予公开：属于行政查询事项"
    UNABLE_NOT_HELD = "unable.not_held", "无法提供：本机关不掌握相关政府信息"
    UNABLE_NEEDS_CREATION = "unable.needs_creation", "无法提供：没有现成信息需要另行制作"
    UNABLE_STILL_UNCLEAR = "unable.still_unclear", "无法提供：补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "not_processed.petition", "不予处理：信访举报投诉类申请"
    NOT_PROCESSED_REPEATED = "not_processed.repeated", "不予处理：重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed.publication", "不予处理：要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "not_processed.excessive", "不予处理：无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRM_REISSUE = (
        "not_processed.confirm_reissue",
        "不予处理：要求行政机关确认或重新出具已获取信息",
    )
    OTHER_CORRECTION_LAPSED = "other.correction_lapsed", "其他处理：逾期不补正"
    OTHER_FEE_LAPSED = "other.fee_lapsed", "其他处理：逾期未缴纳信息处理费"
    OTHER_OTHER = "other.other", "其他处理：其他"


class NotHeld(Labelled):
    """Which answer of Art. 36 a reply "本机关不掌握相关政府信息" (``unable.not_held``) gives."""

    NOT_EXIST = "not_exist", "经检索没有所申请公开的信息（条例第三十六条第（四）项）"
    OTHER_AGENCY = "other_agency", "不属于本机关负责公开（条例第三十六条第（五）项）"


# Outcomes recorded by their own acts, never by a reply.
LAPSE_OUTCOMES = (Outcome.OTHER_CORRECTION_LAPSED, Outcome.OTHER_FEE_LAPSED)
REPLY_OUTCOMES = [outcome.value for outcome in Outcome if outcome not in LAPSE_OUTCOMES]


class Action(Labelled):
    """Events of an application's life; the names of POST /applications/{id}/actions/{action}."""

    SUBMIT = "submit", "网上提交"
    REGISTER = "register", "登记"
    CONFIRM_RECEIPT = "confirm_receipt", "确认收到"
    REQUEST_CORRECTION = "request_correction", "告知补正"
    RECEIVE_CORRECTION = "receive_correction", "收到补正"
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
    START_CONSULTATION = "start_consultation", "征求第三方意见"
    END_CONSULTATION = "end_consultation", "征求意见结束"
    EXTEND = "extend", "延长答复期限"
    FEE_NOTICE = "fee_notice", "收费通知"
    FEE_PAID = "fee_paid", "已缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"
    REPLY = "reply", "答复"
    WITHDRAW = "withdraw", "撤回申请"
    SET_LATER_DEADLINE = "set_later_deadline", "确定延后答复期限"
    VOID = "void", "作废办理环节"
    # Internal steps of sign-off (审核签发): in the file and the staff timeline, not legal acts.
    DRAFT_REPLY = "draft_reply", "拟办答复（送审）"
    RETURN_REPLY = "return_reply", "退回答复稿"


class FeeMethod(Labelled):
    PER_ITEM = "per_item", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class ReviewKind(Labelled):
    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class ReviewResult(Labelled):
    MAINTAINED = "maintained", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"


class SignOff(Labelled):
    """Which replies a reviewer must sign off (审核签发) before the letter is issued."""

    EXCEPT_DISCLOSED = "except_disclosed", "除予以公开外的答复均须审核签发"
    ALL = "all", "全部答复均须审核签发"
    NONE = "none", "答复无须审核签发"
