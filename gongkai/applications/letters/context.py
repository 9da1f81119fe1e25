"""Which letter an application has, and the variables its template is filled with.

The letter of an act is written as of that act: the clock is replayed up to and including the
act's event, so an extension notice states the deadline it set, not a later one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.applications import stored_clock
from gongkai.applications.choices import Outcome
from gongkai.applications.clock import DRAFT, voids_by_target
from gongkai.applications.letters import texts
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.core.errors import NotFound, RuleViolation
from gongkai.workdays.wording import unconfirmed_year_label, who_confirms

PAYMENT_INFO_TEMPLATE = "请持{letter}到本机关政府信息公开工作机构缴纳，或者按照本机关另行告知的方式缴纳"
PAYMENT_INFO = PAYMENT_INFO_TEMPLATE.format(letter="本通知书")  # in the fee notice itself
PAYMENT_INFO_ELSEWHERE = PAYMENT_INFO_TEMPLATE.format(letter="收费通知书")  # on the tracking page

# Every variable a template may use (shown on the template upload page).
VARIABLES = {
    "letter_title": "文书标题",
    "letter_name": "文书自称（收费通知书中为“通知书”，其他文书为“告知书”，用于“自收到本通知书之日起”等处）",
    "letter_number": "文号（如 示经信依申复〔2026〕3号）",
    "letter_date": "发文日期（该办理环节的日期）",
    "agency_name": "机构名称",
    "agency_contact": "机构联系方式（电话、地址）",
    "applicant_name": "申请人姓名或组织名称",
    "tracking_code": "查询码",
    "received_on": "收到申请日期",
    "description": "所需信息描述",
    "items": "补正事项（列表，补正告知书）",
    "respond_within_days / respond_by": "补正期限（工作日数 / 截止日期）",
    "extension_days / extension_reason": "延长天数 / 延期理由",
    "due_on": "答复期限（延期答复告知书中为延长后的期限）",
    "later_due_on / later_deadline_reason / article_35": "延后的答复期限 / 延后理由 / 条例第三十五条原文（延后答复告知书）",
    "fee_method / fee_standard / fee_basis / fee_amount / fee_pay_by / payment_info": (
        "收费通知各项（计收方式，如“按件计收”；收费标准，不含计收方式名称；计费依据；金额；"
        "缴费期限的最后一日，当日缴纳有效；缴费方式）"
    ),
    "outcome_label / outcome_statement / reason / note / legal_basis": "答复结果、决定、理由、说明、依据",
    "delivery": "获取途径",
    "not_held / other_agency_name / other_agency_contact": (
        "本机关不掌握的情形（经检索没有，或不属于本机关负责公开）/ 负责公开的行政机关 / 其联系方式"
    ),
    "remedies": "救济途径（行政复议60日、行政诉讼6个月；以“本通知书”或“本告知书”自称）",
}


# Variables that state a date of the clock: variable → (the clock's attribute, what it is called).
DATED_VARIABLES = {
    "respond_by": ("correction_respond_by", "补正期限"),
    "due_on": ("due_on", "答复期限"),
    "fee_pay_by": ("fee_pay_by", "缴费期限"),
}


@dataclass(frozen=True)
class Letter:
    kind: str
    application: Application
    event: ApplicationEvent
    context: dict
    # Dated variables left blank because their year's schedule is not confirmed: variable → name.
    unknown: dict = field(default_factory=dict)
    unconfirmed: tuple = (None, "")  # (year, region) of that calendar
    voided: bool = False  # the act was voided: the letter stays in the file, marked 作废
    voided_on: dt.date | None = None  # the date of the void (its legal date)
    draft: bool = False  # a reply drafted for sign-off: the letter as it would be issued, unnumbered

    @property
    def title(self) -> str:
        return texts.KINDS[self.kind][0]

    @property
    def void_mark(self) -> str:
        """The sentence printed at the head of a voided act's letter (empty for a letter in force)."""
        if not self.voided:
            return ""
        on = f"已于{texts.chinese_date(self.voided_on)}" if self.voided_on else ""
        return f"已作废：本文书所载办理环节{on}作废，本文书存档备查，不作为办理结果的依据。"

    def filename(self, fmt: str) -> str:
        mark = "（已作废）" if self.voided else "（送审稿）" if self.draft else ""
        return (
            f"{texts.KINDS[self.kind][1]}{mark}-{self.application.tracking_code}-"
            f"{self.event.on.isoformat()}.{fmt}"
        )

    def ascii_filename(self, fmt: str) -> str:
        """The plain-ASCII name for clients that do not read the header's UTF-8 ``filename*``."""
        mark = "-void" if self.voided else "-draft" if self.draft else ""
        return f"letter-{self.application.tracking_code}-{self.event.on.isoformat()}{mark}.{fmt}"


def _letter_events(rows: list[ApplicationEvent]) -> list[ApplicationEvent]:
    return [row for row in rows if texts.kind_for(row.action, (row.data or {}).get("outcome", ""))]


def letter_for(application: Application, event_id: int | None = None) -> Letter:
    """The latest letter-bearing act's letter still in force, or the letter of event ``event_id``
    (a voided act's letter stays in the file and can still be read)."""
    rows = list(application.events.order_by("on", "id"))
    letters = _letter_events(rows)
    voided = voids_by_target(stored_clock.to_clock_event(row) for row in rows)
    if event_id is not None:
        event = next((row for row in rows if row.pk == event_id), None)
        if event is None:
            raise NotFound("event_not_found", "该申请没有这条办理记录", {"event": event_id})
        if event.action == DRAFT:
            return _draft_letter(application, rows, event)
        if event not in letters:
            raise RuleViolation(
                "event_has_no_letter",
                "该办理环节不向申请人送达文书",
                {"event": event_id, "action": event.action},
            )
    else:
        in_force = [row for row in letters if row.pk not in voided]
        if not in_force:
            raise RuleViolation("no_letter", "该申请尚无需要送达申请人的告知书或通知书")
        event = in_force[-1]
    data = event.data or {}
    kind = texts.kind_for(event.action, data.get("outcome", ""))
    # The file as it stood when the act was recorded: a later void of an earlier act (dated after
    # this one) was not yet there, an earlier void was.
    upto = [row for row in rows if row.pk <= event.pk]
    clock = stored_clock.clock_for(application, events=[stored_clock.to_clock_event(row) for row in upto])
    context = _common(application, event, clock, kind, number=_number(letters, event))
    context.update(_specific(kind, event, clock, application))
    context["letter_title"] = texts.KINDS[kind][0]
    unknown = {
        variable: name
        for variable, (attribute, name) in DATED_VARIABLES.items()
        if attribute in clock.unknown_dates
    }
    unconfirmed = (clock.unconfirmed_year, clock.unconfirmed_region)
    void = voided.get(event.pk)
    return Letter(
        kind,
        application,
        event,
        context,
        unknown,
        unconfirmed,
        voided=void is not None,
        voided_on=void.on if void is not None else None,
    )


def _draft_letter(application: Application, rows: list[ApplicationEvent], event: ApplicationEvent) -> Letter:
    """The reply letter of a draft for the reviewer to read: its number and date are given only when
    it is signed off (the approval records the reply and issues the letter)."""
    data = event.data or {}
    kind = texts.kind_for("reply", data.get("outcome", ""))
    upto = [row for row in rows if row.pk <= event.pk]
    clock = stored_clock.clock_for(application, events=[stored_clock.to_clock_event(row) for row in upto])
    context = _common(application, event, clock, kind, number=0)
    context.update(_specific(kind, event, clock, application))
    context.update(
        letter_title=f"{texts.KINDS[kind][0]}（送审稿）",
        letter_number="（送审稿，签发时编号）",
        letter_date="（签发日期）",
    )
    return Letter(kind, application, event, context, draft=True)


def unknown_date_refusal(letter: Letter, variables: set[str]) -> RuleViolation:
    """409 for a letter whose template states a date that lies in an unconfirmed year: the letter is
    not produced with a blank. A reply is a lawful act without that date; a notice is not."""
    year = unconfirmed_year_label(*letter.unconfirmed)
    names = "、".join(letter.unknown[variable] for variable in sorted(variables))
    label = texts.KINDS[letter.kind][1]
    if letter.kind.startswith("reply"):
        message = (
            f"答复已于{letter.event.on.isoformat()}作出并记录，答复本身不需要写明{names}，依法有效；"
            f"但本机关使用的{label}模板写有{names}，该日期落在{year}，该年度的节假日安排尚未确认，"
            f"暂不能生成文书。可由机构管理员改用不含该日期的模板后重新生成，"
            f"或{who_confirms(year, '生成')}"
        )
    else:
        message = (
            f"{label}须写明{names}，而{names}落在{year}，该年度的节假日安排尚未确认，无法计算，"
            f"暂不能生成文书（不得送达缺少日期的文书）。"
            f"{who_confirms(year, '生成')}"
        )
    year_number, region = letter.unconfirmed
    details = {"year": year_number, "region": region, "dates": sorted(variables)}
    return RuleViolation("calendar_not_confirmed", message, details)


def _number(letters: list[ApplicationEvent], event: ApplicationEvent) -> int:
    """The letter's place among the application's letters in the order they were issued; a voided
    letter keeps its number and later letters do not reuse it."""
    return sum(1 for row in letters if row.pk <= event.pk)


def _common(application: Application, event: ApplicationEvent, clock, kind: str, *, number: int) -> dict:
    agency = application.agency
    contact = "　".join(
        part
        for part in (
            f"联系电话：{agency.phone}" if agency.phone else "",
            f"地址：{agency.address}" if agency.address else "",
        )
        if part
    )
    return {
        "agency_name": agency.name,
        "agency_contact": contact,
        "agency_phone": agency.phone,
        "agency_address": agency.address,
        "applicant_name": application.applicant_label,
        "tracking_code": application.tracking_code,
        # The 文号 given when the act was recorded; letters recorded before numbering existed keep
        # their old reference (year, tracking code, place among the application's letters).
        "letter_number": (event.data or {}).get("letter_no")
        or f"〔{event.on.year}〕{application.tracking_code}-{number}号",
        "letter_date": texts.chinese_date(event.on),
        "received_on": texts.chinese_date(clock.received_on or event.on),
        # Quoted within a sentence (“…”。): its own end stop goes (GB/T 15834), or it reads “…。”。
        "description": application.description.strip().rstrip("。．.，,；;").rstrip(),
        "delivery": application.get_delivery_display() if application.delivery else "",
        "letter_name": texts.letter_name(kind),
        "remedies": texts.remedies_for(kind),
        # The clock's dates as of this act, for every kind (an agency's template may state any).
        **{
            variable: texts.chinese_date(getattr(clock, attribute))
            for variable, (attribute, _) in DATED_VARIABLES.items()
        },
    }


def _specific(kind: str, event: ApplicationEvent, clock, application: Application) -> dict:
    data = event.data or {}
    if kind == "correction":
        return {
            "items": [str(item) for item in data.get("items", []) if str(item).strip()],
            "respond_within_days": data.get("respond_within_days", 15),
        }
    if kind == "extension":
        return {
            "extension_days": data.get("days", ""),
            "extension_reason": data.get("reason", ""),
        }
    if kind == "later_deadline":
        due_on = data.get("due_on")
        if isinstance(due_on, str):
            due_on = dt.date.fromisoformat(due_on)
        return {
            "later_due_on": texts.chinese_date(due_on),
            "later_deadline_reason": data.get("reason", ""),
            "article_35": texts.ARTICLE_35,
        }
    if kind == "fee":
        method = data.get("method", "per_item")
        return {
            "fee_method": texts.FEE_METHOD_LABELS.get(method, method),
            "fee_standard": texts.FEE_STANDARDS.get(method, ""),
            "fee_basis": texts.fee_basis(
                method, nth=data.get("nth"), pages=data.get("pages"), items=data.get("items")
            ),
            "fee_amount": data.get("amount", ""),
            "payment_info": PAYMENT_INFO,
        }
    outcome = texts.CONCLUDING_ACTIONS.get(event.action) or data.get("outcome", "")
    statement, basis = texts.outcome_text(
        outcome,
        detail=data,
        action=event.action,
        correction_requested_on=texts.chinese_date(clock.correction_requested_on),
        fee_notice_on=texts.chinese_date(clock.fee_notice_on),
    )
    return {
        "outcome": outcome,
        "outcome_label": Outcome(outcome).label if outcome in Outcome.values else "",
        "outcome_statement": statement,
        "legal_basis": basis,
        "reason": data.get("reason", ""),
        "note": data.get("note", ""),
        "not_held": data.get("not_held", ""),
        "other_agency_name": data.get("other_agency_name", ""),
        "other_agency_contact": data.get("other_agency_contact", ""),
    }


def sample_context(kind: str) -> dict:
    """Made-up values for checking that an uploaded template renders."""
    return {
        "letter_title": texts.KINDS[kind][0],
        "letter_number": "示例依申复〔2026〕1号",
        "letter_date": "2026年3月10日",
        "agency_name": "示例机关",
        "agency_contact": "联系电话：0000-0000000",
        "agency_phone": "0000-0000000",
        "agency_address": "示例地址",
        "applicant_name": "张三",
        "tracking_code": "SAMPLE",
        "received_on": "2026年2月10日",
        "description": "示例信息",
        "delivery": "电子邮件",
        "letter_name": texts.letter_name(kind),
        "remedies": texts.remedies_for(kind),
        "items": ["示例补正事项"],
        "respond_within_days": 15,
        "respond_by": "2026年3月5日",
        "extension_days": 20,
        "extension_reason": "示例理由",
        "due_on": "2026年4月14日",
        "later_due_on": "2026年4月30日",
        "later_deadline_reason": "示例理由",
        "article_35": texts.ARTICLE_35,
        "fee_method": "按件计收",
        "fee_standard": texts.FEE_STANDARDS["per_item"],
        "fee_basis": texts.fee_basis("per_item", nth=11),
        "fee_amount": "100",
        "fee_pay_by": "2026年4月8日",
        "payment_info": PAYMENT_INFO,
        "outcome": "disclosed",
        "outcome_label": "予以公开",
        "outcome_statement": texts.OUTCOMES["disclosed"][0],
        "legal_basis": texts.OUTCOMES["disclosed"][1],
        "reason": "示例理由",
        "note": "",
        "not_held": "",
        "other_agency_name": "",
        "other_agency_contact": "",
    }
