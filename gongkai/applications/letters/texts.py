"""The words of the letters sent to applicants — pure Python, no Django.

Which act sends which letter, what each outcome says and on which article it rests, and the
remedies paragraph (Art. 51: 行政复议 within 60 days, 行政诉讼 within 6 months). Agencies may
replace the DOCX templates; the texts below fill the default templates and the variables every
template can use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from gongkai.applications import fees
from gongkai.applications.clock import CONCLUSIONS
from gongkai.applications.vocabulary import NotHeld, Outcome

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

# Letter kinds: code → (document title, short label for menus).
KINDS: dict[str, tuple[str, str]] = {
    "correction": ("政府信息公开申请补正告知书", "补正告知书"),
    "extension": ("政府信息公开申请延期答复告知书", "延期答复告知书"),
    "later_deadline": ("政府信息公开申请延后答复告知书", "延后答复告知书"),
    "fee": ("政府信息公开信息处理费收费通知书", "收费通知书"),
    "reply_disclosed": ("政府信息公开申请答复告知书", "答复告知书（予以公开）"),
    "reply_partial": ("政府信息公开申请答复告知书", "答复告知书（部分公开）"),
    "reply_withheld": ("政府信息公开申请答复告知书", "答复告知书（不予公开）"),
    "reply_unable": ("政府信息公开申请答复告知书", "答复告知书（无法提供）"),
    "reply_not_processed": ("政府信息公开申请答复告知书", "答复告知书（不予处理）"),
    "reply_other": ("政府信息公开申请办理结果告知书", "告知书（其他处理）"),
}

# Acts that send something to the applicant. Acts that conclude carry an outcome.
NOTICE_ACTIONS = {
    "request_correction": "correction",
    "extend": "extension",
    "set_later_deadline": "later_deadline",
    "fee_notice": "fee",
}
CONCLUDING_ACTIONS = CONCLUSIONS  # the clock's: the outcome each concluding act carries
LETTER_ACTIONS = frozenset(NOTICE_ACTIONS) | frozenset(CONCLUDING_ACTIONS)

# The remedies paragraph names the letter it ends: 本通知书 in the fee notice, 本告知书 in the others.
REMEDIES_TEMPLATE = (
    "如对本{letter}不服，可以自收到本{letter}之日起60日内依法向有管辖权的行政复议机关申请行政复议，"
    "或者自收到本{letter}之日起6个月内依法向人民法院提起行政诉讼。"
)
# The 告知书 wording, as the disclosure guide quotes it (its text is fingerprinted: keep it stable).
REMEDIES = REMEDIES_TEMPLATE.format(letter="告知书")

# Outcome code → (what the agency decided, the legal basis): Arts. 2, 14–16, 30, 32, 35–39 and 42 of
# the regulation, each checked against the 2019 text (国务院令第711号; docs/decisions.md, "Application
# pages and letters").
OUTCOMES: dict[str, tuple[str, str]] = {
    "disclosed": (
        "经审查，您申请获取的政府信息属于公开范围，本机关决定予以公开。",
        f"{REGULATION}第三十六条第（二）项",
    ),
    "partially_disclosed": (
        "经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理，"
        "本机关向您提供可以公开的部分，其余部分不予公开。",
        f"{REGULATION}第三十七条、第三十六条第（三）项",
    ),
    "withheld.state_secret": (
        "经审查，您申请获取的政府信息属于依法确定的国家秘密，本机关决定不予公开。",
        f"{REGULATION}第十四条、第三十六条第（三）项",
    ),
    "withheld.law_prohibited": (
        "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关决定不予公开。",
        f"{REGULATION}第十四条、第三十六条第（三）项",
    ),
    "withheld.security_stability": (
        "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，"
        "本机关决定不予公开。",
        f"{REGULATION}第十四条、第三十六条第（三）项",
    ),
    "withheld.third_party": (
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "本机关决定不予公开。",
        f"{REGULATION}第十五条、第三十二条、第三十六条第（三）项",
    ),
    "withheld.internal_affairs": (
        "经审查，您申请获取的信息属于行政机关的人事管理、后勤管理、内部工作流程等内部事务信息，"
        "本机关决定不予公开。",
        f"{REGULATION}第十六条第一款、第三十六条第（三）项",
    ),
    "withheld.process_info": (
        "经审查，您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息，本机关决定不予公开。",
        f"{REGULATION}第十六条第二款、第三十六条第（三）项",
    ),
    "withheld.enforcement_file": (
        "经审查，您申请获取的信息属于行政执法案卷信息，本机关决定不予公开。",
        f"{REGULATION}第十六条第二款、第三十六条第（三）项",
    ),
    "withheld.query_matter": (
        "经审查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的行政查询事项，"
        "请您依照有关法律、行政法规的规定办理。",
        f"{REGULATION}第三十六条第（七）项",
    ),
    "unable.not_held": (
        "经检索，本机关未制作或者获取您申请公开的政府信息，该政府信息不存在。",
        f"{REGULATION}第三十六条第（四）项",
    ),
    "unable.needs_creation": (
        "经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析，或者另行制作，本机关可以不予提供。",
        f"{REGULATION}第三十八条",
    ),
    "unable.still_unclear": (
        "经审查，您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。",
        f"{REGULATION}第三十条",
    ),
    "not_processed.petition": (
        "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，"
        "请您通过相应渠道提出。",
        f"{REGULATION}第三十九条第一款",
    ),
    "not_processed.repeated": (
        "经审查，您的申请与本机关已经答复的申请内容相同，属于重复申请，本机关不予重复处理。",
        f"{REGULATION}第三十六条第（六）项",
    ),
    "not_processed.publication": (
        "经审查，您申请获取的是公开出版物，请您通过相关渠道获取，本机关不予处理。",
        f"{REGULATION}第三十九条第二款",
    ),
    "not_processed.excessive": (
        "经审查，您申请公开政府信息的数量、频次明显超过合理范围，所说明的理由不合理，本机关不予处理。",
        f"{REGULATION}第三十五条",
    ),
    # No article names this case (Art. 39(2), once cited here, is about 公开出版物). Confirming or
    # re-issuing what the applicant already holds asks for a new act, not for information the agency
    # has already made or obtained and recorded, which is what Art. 2 defines as 政府信息: the letter
    # rests on that definition (docs/decisions.md, "确认或重新出具已获取信息").
    "not_processed.confirm_reissue": (
        "经审查，您要求本机关确认或者重新出具您已获取的信息。该要求不是申请获取本机关在履行行政管理职能过程中"
        "制作或者获取的、以一定形式记录、保存的现有政府信息，不属于政府信息公开申请，"
        "本机关不作为政府信息公开申请处理。",
        f"{REGULATION}第二条",
    ),
    "other.correction_lapsed": (
        "本机关已于{correction_requested_on}书面告知您补正申请，您无正当理由逾期未补正，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        f"{REGULATION}第三十条",
    ),
    "other.fee_lapsed": (
        "本机关已于{fee_notice_on}向您发出信息处理费收费通知，您逾期未缴纳，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        f"{REGULATION}第四十二条，{FEE_MEASURES}",
    ),
    # 其他处理：其他 as the agency's answer: what it did is the reply's reason (具体理由). A withdrawal,
    # counted in the same row, has its own words (``WITHDRAWAL``): only the withdraw act says 撤回.
    # No single article governs 其他处理 or a withdrawal, yet a reply letter states its legal basis
    # (domain/applications.md): the regulation itself, as before.
    "other.other": (
        "经审查，本机关对您的政府信息公开申请作如下处理。",
        REGULATION,
    ),
}
# The applicant withdrew (the ``withdraw`` act, outcome ``other.other``).
WITHDRAWAL = ("您已撤回该政府信息公开申请，本机关终止办理。", REGULATION)

# The standard of each method, without the method's name (the letter writes 收费标准（按件计收）：…).
FEE_STANDARDS = {
    "per_item": (
        "同一申请人一个自然月内累计申请10件以下（含）的不收费；11件至30件（含）的部分每件100元；"
        "31件以上的部分每增加10件，每件收费标准提高100元"
    ),
    "per_page": (
        "同一申请30页以下（含）的不收费；31页至100页（含）的部分每页10元；"
        "101页至200页（含）的部分每页20元；201页以上的部分每页40元"
    ),
}
# The clause of Art. 35 the later-deadline notice (延后答复告知书) quotes, word for word.
ARTICLE_35 = (
    "行政机关认为申请理由合理，但是无法在本条例第三十三条规定的期限内答复申请人的，"
    "可以确定延迟答复的合理期限并告知申请人"
)

FEE_METHOD_LABELS = {"per_item": "按件计收", "per_page": "按量计收"}


def fee_standard_lines() -> list[str]:
    """Each method's name and standard, as the disclosure guide lists them (按件计收：…)."""
    return [f"{FEE_METHOD_LABELS[method]}：{standard}" for method, standard in FEE_STANDARDS.items()]


def letter_name(kind: str) -> str:
    """What the letter calls itself — 通知书 or 告知书, the end of its title in ``KINDS``."""
    return "通知书" if KINDS[kind][0].endswith("通知书") else "告知书"


def remedies_for(kind: str) -> str:
    """The remedies paragraph (Art. 51) in the words of the letter it ends."""
    return REMEDIES_TEMPLATE.format(letter=letter_name(kind))


def kind_for(action: str, outcome: str = "") -> str | None:
    """The letter an act sends, or None when the act sends nothing to the applicant."""
    if action in NOTICE_ACTIONS:
        return NOTICE_ACTIONS[action]
    if action not in CONCLUDING_ACTIONS:
        return None
    outcome = CONCLUDING_ACTIONS[action] or outcome
    if outcome == "disclosed":
        return "reply_disclosed"
    if outcome == "partially_disclosed":
        return "reply_partial"
    group = outcome.split(".", 1)[0]
    return {
        "withheld": "reply_withheld",
        "unable": "reply_unable",
        "not_processed": "reply_not_processed",
    }.get(group, "reply_other")


# Art. 36(五), the second answer under ``unable.not_held`` (``not_held = "other_agency"``,
# ``applications/not_held.py``): the information is not this agency's to disclose. Art. 10 says whose it
# is (谁制作谁公开、谁保存谁公开); the reason the agency must give (``reason``) applies it to the case.
NOT_HELD_OTHER_AGENCY = (
    "经审查，您申请公开的信息不属于本机关负责公开的政府信息。",
    f"{REGULATION}第十条、第三十六条第（五）项",
)
OTHER_AGENCY_NAMED = "负责公开该政府信息的行政机关为{name}{contact}。您可以向该行政机关提出申请。"


def outcome_text(
    outcome: str, *, detail: Mapping | None = None, action: str = "reply", **dates: str
) -> tuple[str, str]:
    """The decision sentence and the legal basis of ``outcome`` (dates filled in where needed).

    ``detail`` is the reply's data: under ``unable.not_held`` its ``not_held`` chooses between
    Art. 36(四) (the default) and (五), which names the agency responsible when the reply gives it.
    ``action`` is the concluding act: a ``withdraw`` says the applicant withdrew."""
    detail = detail or {}
    if action == "withdraw":
        return WITHDRAWAL
    if outcome == Outcome.UNABLE_NOT_HELD and detail.get("not_held") == NotHeld.OTHER_AGENCY:
        statement, basis = NOT_HELD_OTHER_AGENCY
        name, contact = detail.get("other_agency_name", ""), detail.get("other_agency_contact", "")
        if name:
            contact = f"，联系方式：{contact}" if contact else ""
            statement += OTHER_AGENCY_NAMED.format(name=name, contact=contact)
        return statement, basis
    statement, basis = OUTCOMES.get(outcome, OUTCOMES["other.other"])
    return statement.format_map(_Blank(dates)), basis


class _Blank(dict):
    def __missing__(self, key):
        return "（日期）"


def chinese_date(day: dt.date | None) -> str:
    """2026-03-10 → 2026年3月10日 (the form of dates in official letters)."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def item_places(nth: int, items: int = 1) -> str:
    """The places an application takes in the applicant's month: 第13件, or 第13件至第15件."""
    return f"第{nth}件" if items <= 1 else f"第{nth}件至第{nth + items - 1}件"


def fee_basis(
    method: str, *, nth: int | None = None, pages: int | None = None, items: int | None = None
) -> str:
    """计费依据 of the fee notice. An application split into several items (一事一申请, Art. 4 of the
    measures) states the split, the places it takes and what each place costs."""
    if method == "per_page":
        return f"本申请所需提供的政府信息共{pages or 0}页"
    nth, items = nth or 1, items or 1
    if items == 1:
        return f"本申请为您本自然月内向本机关提出的第{nth}件申请"
    bands = fees.per_item_bands(nth, items)
    if len(bands) == 1:
        prices = f"每件{bands[0][2]:.0f}元"
    else:
        prices = "其中" + "，".join(_band_price(first, last, price) for first, last, price in bands)
    return (
        f"本申请包含多项内容，本机关按照“一事一申请”原则，以合理的最小单位拆分计算为{items}件，"
        f"为您本自然月内向本机关提出的{item_places(nth, items)}申请（{prices}）"
    )


def _band_price(first: int, last: int, price) -> str:
    if not price:
        return f"{item_places(first, last - first + 1)}不收费"
    return f"第{first}件{price:.0f}元" if first == last else f"{item_places(first, last - first + 1)}每件{price:.0f}元"
