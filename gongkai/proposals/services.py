"""Acts on suggestions and proposals and on key tasks, one audited ``@service`` each.

Dates are the legal dates of the acts, given by staff; none may lie after today, nor before the act
it follows. Publication goes through the catalogue's own services (column ``proposals``), so the
answer gets its 索引号 and the screening for personal data like any other item.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import IntegrityError
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.catalog import prescreen as catalog_prescreen
from gongkai.catalog import services as catalog_services
from gongkai.catalog.services.publication import require_substantive_reason, screening_refusal
from gongkai.catalog.vocabulary import Disclosure, Genre
from gongkai.core.errors import Forbidden, InvalidInput, RuleViolation
from gongkai.proposals import clocks, wording
from gongkai.proposals.models import CoHandler, KeyTask, Proposal, TaskUpdate, YearReport
from gongkai.proposals.progress import TaskStatus
from gongkai.proposals.vocabulary import (
    KIND_LABELS,
    KIND_SHORT,
    RESULT_CLASS_LABELS,
    SATISFACTION_LABELS,
    Kind,
    PublicationMode,
    ResultClass,
    Satisfaction,
    State,
)

COLUMN = "proposals"
HELPERS = ("item_title",)


def _today() -> dt.date:
    return timezone.localdate()


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput("validation_error", message, {"field": field})


def _dated(on, after: dt.date | None, what: str, after_what: str) -> dt.date:
    if not isinstance(on, dt.date):
        raise _invalid("date", "请填写日期")
    if on > _today():
        raise RuleViolation("date_in_future", "日期不能晚于今天", {"date": on.isoformat()})
    if after is not None and on < after:
        raise RuleViolation(
            "date_before_previous_act",
            f"{what}不能早于{after_what}（{after.isoformat()}）",
            {"date": on.isoformat(), "earliest": after.isoformat()},
        )
    return on


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("agency").get(pk=proposal.pk)


def _require_state(proposal: Proposal, *states: State) -> None:
    state = clocks.state_of(proposal)
    if state not in states:
        from gongkai.proposals.vocabulary import STATE_LABELS

        raise RuleViolation(
            "invalid_state", f"当前状态（{STATE_LABELS[state]}）不能进行此操作", {"state": state.value}
        )


@service
def create_proposal(
    *, actor, agency, kind: str, session: str, number: str, title: str, assigned_on: dt.date,
    proposers: str = "", co_agencies=(),
) -> Proposal:  # fmt: skip
    """Register a suggestion or proposal assigned (交办) to ``agency`` as lead."""
    permissions.require(actor, "edit", agency)
    if kind not in set(Kind):
        raise InvalidInput(
            "invalid_kind", "类型只能是 deputy_suggestion（人大代表建议）或 cppcc_proposal（政协提案）"
        )
    session, number, title = (str(v or "").strip() for v in (session, number, title))
    for field, value, label, limit in (
        ("session", session, "届次", 60),
        ("number", number, "编号", 30),
        ("title", title, "标题", 300),
    ):
        if not value or len(value) > limit:
            raise _invalid(field, f"{label}不能为空，且不超过{limit}字")
    _dated(assigned_on, None, "交办日期", "")
    proposal = Proposal(
        agency=agency, kind=kind, session=session, number=number, title=title,
        proposers=str(proposers or "").strip()[:500], assigned_on=assigned_on,
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    try:
        proposal.save()
    except IntegrityError:
        raise RuleViolation(
            "proposal_exists", f"{session}第{number}号{KIND_SHORT[Kind(kind)]}已登记", {"number": number}
        ) from None
    for co_agency in co_agencies:
        if co_agency.pk != agency.pk:
            CoHandler.objects.get_or_create(proposal=proposal, agency=co_agency)
    due = clocks.answer_due(proposal)
    record(
        actor=actor, action="proposals.create", obj=proposal, agency=agency,
        summary=f"登记{KIND_LABELS[Kind(kind)]}{session}第{number}号“{title}”",
        data={"assigned_on": assigned_on, "due_on": due.on, "co_handlers": [a.code for a in co_agencies]},
    )  # fmt: skip
    return proposal


@service
def extend(proposal: Proposal, *, actor, on: dt.date, reason: str) -> Proposal:
    """代表法 Art. 51: a wide-ranging or difficult one is answered within six months."""
    permissions.require(actor, "edit", proposal.agency_id)
    proposal = _locked(proposal)
    _require_state(proposal, State.HANDLING)
    if proposal.extended:
        raise RuleViolation("already_extended", "已延期，不能再次延期")
    reason = str(reason or "").strip()
    if not reason:
        raise _invalid("reason", "延期须说明理由（涉及面广、处理难度大等）")
    due = clocks.answer_due(proposal)
    _dated(on, proposal.assigned_on, "延期日期", "交办日期")
    if due.on is not None and on > due.on:
        raise RuleViolation("extension_too_late", f"三个月答复期限（{due.on.isoformat()}）已过，不能再延期")
    proposal.extended_on, proposal.extension_reason = on, reason
    proposal.save(update_fields=["extended_on", "extension_reason"])
    record(
        actor=actor, action="proposals.extend", obj=proposal, agency=proposal.agency,
        summary=f"{proposal}延期至六个月答复", data={"on": on, "reason": reason, "due_on": clocks.answer_due(proposal).on},
    )  # fmt: skip
    return proposal


@service
def answer(
    proposal: Proposal, *, actor, on: dt.date, result_class: str, doc_number: str, text: str = ""
) -> Proposal:
    """The answer letter: 文号, date, result class (A/B/C) and its text (for publication)."""
    permissions.require(actor, "edit", proposal.agency_id)
    proposal = _locked(proposal)
    _require_state(proposal, State.HANDLING)
    if result_class not in set(ResultClass):
        labels = "、".join(RESULT_CLASS_LABELS.values())
        raise InvalidInput(
            "invalid_result_class", f"办理结果只能是：{labels}", {"result_class": result_class}
        )
    doc_number = str(doc_number or "").strip()
    if not doc_number or len(doc_number) > 100:
        raise _invalid("doc_number", "请填写答复文号")
    _dated(on, proposal.assigned_on, "答复日期", "交办日期")
    proposal.answered_on, proposal.result_class = on, result_class
    proposal.doc_number, proposal.answer_text = doc_number, str(text or "").strip()
    proposal.save(update_fields=["answered_on", "result_class", "doc_number", "answer_text"])
    late = clocks.is_late(proposal, on)
    record(
        actor=actor, action="proposals.answer", obj=proposal, agency=proposal.agency,
        summary=f"答复{proposal}（{doc_number}，{result_class}类）" + ("，已超过答复期限" if late else ""),
        data={"on": on, "result_class": result_class, "doc_number": doc_number, "late": late},
    )  # fmt: skip
    return proposal


@service
def rate(proposal: Proposal, *, actor, on: dt.date, satisfaction: str) -> Proposal:
    """The proposer's satisfaction; 不满意 starts the one-month clock of a second answer."""
    permissions.require(actor, "edit", proposal.agency_id)
    proposal = _locked(proposal)
    _require_state(proposal, State.ANSWERED)
    if satisfaction not in set(Satisfaction):
        raise InvalidInput(
            "invalid_satisfaction",
            "满意度只能是 satisfied（满意）、basically_satisfied（基本满意）或 dissatisfied（不满意）",
        )
    _dated(on, proposal.answered_on, "反馈日期", "答复日期")
    proposal.satisfaction, proposal.rated_on = satisfaction, on
    proposal.save(update_fields=["satisfaction", "rated_on"])
    record(
        actor=actor, action="proposals.rate", obj=proposal, agency=proposal.agency,
        summary=f"{proposal}满意度：{SATISFACTION_LABELS[Satisfaction(satisfaction)]}",
        data={"on": on, "satisfaction": satisfaction, "second_answer_due": clocks.second_answer_due(proposal).on},
    )  # fmt: skip
    return proposal


@service
def answer_again(proposal: Proposal, *, actor, on: dt.date, doc_number: str, text: str = "") -> Proposal:
    """The second answer after 不满意 (due one month after the rating)."""
    permissions.require(actor, "edit", proposal.agency_id)
    proposal = _locked(proposal)
    _require_state(proposal, State.SECOND_ANSWER_DUE)
    doc_number = str(doc_number or "").strip()
    if not doc_number or len(doc_number) > 100:
        raise _invalid("doc_number", "请填写再次答复的文号")
    _dated(on, proposal.rated_on, "再次答复日期", "反馈日期")
    proposal.second_answered_on, proposal.second_doc_number = on, doc_number
    proposal.second_answer_text = str(text or "").strip()
    proposal.save(update_fields=["second_answered_on", "second_doc_number", "second_answer_text"])
    due = clocks.second_answer_due(proposal).on
    record(
        actor=actor, action="proposals.second_answer", obj=proposal, agency=proposal.agency,
        summary=f"再次答复{proposal}（{doc_number}）",
        data={"on": on, "doc_number": doc_number, "due_on": due, "late": bool(due and on > due)},
    )  # fmt: skip
    return proposal


def item_title(proposal: Proposal) -> str:
    return (
        f"对{proposal.session}第{proposal.number}号{KIND_SHORT[Kind(proposal.kind)]}的答复：{proposal.title}"[
            :300
        ]
    )


def _published_wording(proposal: Proposal, mode: str, text: str, summary: str, reason: str) -> dict[str, str]:
    """The texts of the answer the portal will show, by field: in full, the wording given for
    publication (``text``) or else the answers as recorded; as a summary, the summary and reason."""
    if mode == PublicationMode.SUMMARY:
        return {"summary": summary, "reason": reason}
    if text:
        return {"text": text}
    return {"answer_text": proposal.answer_text, "second_answer_text": proposal.second_answer_text}


def _require_no_particulars(proposal: Proposal, texts: dict[str, str]) -> None:
    """services.md §4: proposers are never published and the full text goes out without contact
    details (``wording``). Absolute, so no override: the reviewer publishes the wording without them
    (``text``) or a summary."""
    naming = wording.naming_proposers(texts, proposal.proposers)
    contact = wording.contact_details(texts)
    if naming or contact:
        fields = [field for field in texts if field in naming or wording.contact_details({field: texts[field]})]
        raise RuleViolation(
            "personal_data_in_wording",
            "公开的答复中含有代表委员姓名或联系方式（联系人电话、电子邮箱等），请删除后再公开"
            "（可填写公开文本，或摘要公开）",
            {"fields": fields, "proposers": naming, "contact": contact},
        )


@service
def publish(
    proposal: Proposal, *, actor, on: dt.date, mode: str, reason: str = "", summary: str = "",
    override_reason: str = "", text: str = "",
) -> Proposal:  # fmt: skip
    """Publish the answer in full (without contact details) or as a summary with the reason, as a
    catalogue item in column ``proposals`` (国办发〔2014〕46号).

    ``text`` is the full text as published when it differs from the letter as recorded (the letter
    opens with the deputy's name and closes with the office's contact block): the proposers' names
    and contact details (telephone numbers, e-mail addresses) are refused in whatever is published
    (``personal_data_in_wording``), before the catalogue's screening runs.

    API.md's ``answer`` carries the result class and 文号 only, so an answer may have no text here:
    published in full, the item then holds the answer's record (文号, date, result) and says that the
    text was not entered, rather than refusing a publication the contract allows."""
    permissions.require(actor, "review", proposal.agency_id)
    proposal = _locked(proposal)
    if proposal.answered_on is None:
        raise RuleViolation("not_answered", "答复后才能公开")
    if proposal.published_on is not None:
        raise RuleViolation("already_published", "该答复已公开")
    if mode not in set(PublicationMode):
        raise InvalidInput("invalid_mode", "公开方式只能是 full（全文）或 summary（摘要）")
    reason, summary = str(reason or "").strip(), str(summary or "").strip()
    if mode == PublicationMode.SUMMARY and not reason:
        raise _invalid("reason", "摘要公开须说明不公开全文的理由")
    result_label = RESULT_CLASS_LABELS[ResultClass(proposal.result_class)]
    if mode == PublicationMode.SUMMARY and not summary:
        # API.md: publish {mode, reason?} — the summary text is optional; without one the summary
        # states what the record holds (the result class and the answer's document number).
        summary = f"办理结果为{result_label}，已以{proposal.doc_number}作出答复。"
    _dated(on, proposal.answered_on, "公开日期", "答复日期")
    text = str(text or "").strip() if mode == PublicationMode.FULL else ""
    _require_no_particulars(proposal, _published_wording(proposal, mode, text, summary, reason))
    body = render_to_string(
        "proposals/answer_body.html",
        {"proposal": proposal, "mode": mode, "summary": summary, "reason": reason,
         "result_label": result_label, "text": text},
    )  # fmt: skip
    item = catalog_services.create_item(
        actor=actor, agency=proposal.agency, columns=[COLUMN], title=item_title(proposal),
        doc_number=proposal.doc_number, genre=Genre.OTHER_DOCUMENT, summary=(summary or proposal.title)[:500],
        body=body, formed_on=proposal.answered_on, disclosure=Disclosure.PROACTIVE,
    )  # fmt: skip
    catalog_services.publish_item(item, actor=actor, on=on, override_reason=override_reason or None)
    proposal.published_on, proposal.publication_mode = on, mode
    proposal.publication_reason, proposal.item = reason, item
    proposal.save(update_fields=["published_on", "publication_mode", "publication_reason", "item"])
    due = clocks.publication_due(proposal).on
    record(
        actor=actor, action="proposals.publish", obj=proposal, agency=proposal.agency,
        summary=f"公开{proposal}的答复（{'全文' if mode == PublicationMode.FULL else '摘要'}，索引号{item.index_no}）",
        data={"on": on, "mode": mode, "item": item.index_no, "due_on": due, "late": bool(due and on > due),
              "wording_given": bool(text)},
    )  # fmt: skip
    return proposal


@service
def set_views_due(co_handler: CoHandler, *, actor, on: dt.date, views_due_on: dt.date | None) -> CoHandler:
    """The lead sets the date by which a co-handler sends its views (domain/services.md §4);
    ``None`` goes back to the default, one month before the answer is due. The date lies between
    交办 and the answer's due day, and cannot change once the views are in."""
    permissions.require(actor, "edit", co_handler.proposal.agency_id)
    proposal = _locked(co_handler.proposal)
    _require_state(proposal, State.HANDLING)
    if co_handler.views_sent_on is not None:
        raise RuleViolation("views_sent", "协办意见已提交")
    _dated(on, proposal.assigned_on, "设定日期", "交办日期")
    if views_due_on is not None:
        if not isinstance(views_due_on, dt.date):
            raise _invalid("views_due_on", "请填写协办意见截止日期")
        if views_due_on < proposal.assigned_on:
            raise RuleViolation(
                "date_before_previous_act",
                f"协办意见截止日期不能早于交办日期（{proposal.assigned_on.isoformat()}）",
                {"date": views_due_on.isoformat(), "earliest": proposal.assigned_on.isoformat()},
            )
        due = clocks.answer_due(proposal).on
        if due is not None and views_due_on > due:
            raise RuleViolation(
                "views_due_after_answer_due",
                f"协办意见截止日期不能晚于答复期限（{due.isoformat()}）",
                {"views_due_on": views_due_on.isoformat(), "due_on": due.isoformat()},
            )
    co_handler.views_due_on = views_due_on
    co_handler.save(update_fields=["views_due_on"])
    effective = clocks.views_due(co_handler).on
    record(
        actor=actor, action="proposals.views_due", obj=proposal, agency=proposal.agency,
        summary=f"设定{co_handler.agency.name}对{proposal}提交协办意见的截止日期"
        + (f"为{effective.isoformat()}" if effective else ""),
        data={"on": on, "co_handler": co_handler.agency.code, "views_due_on": views_due_on, "effective": effective},
    )  # fmt: skip
    return co_handler


@service
def send_views(co_handler: CoHandler, *, actor, on: dt.date, views: str) -> CoHandler:
    """A co-handler's views to the lead (by the date the lead set, one month before the due day
    by default)."""
    permissions.require(actor, "edit", co_handler.agency_id)
    views = str(views or "").strip()
    if not views:
        raise _invalid("views", "请填写协办意见")
    if co_handler.views_sent_on is not None:
        raise RuleViolation("views_sent", "协办意见已提交")
    _dated(on, co_handler.proposal.assigned_on, "提交日期", "交办日期")
    co_handler.views, co_handler.views_sent_on = views, on
    co_handler.save(update_fields=["views", "views_sent_on"])
    due = clocks.views_due(co_handler).on
    record(
        actor=actor, action="proposals.co_views", obj=co_handler.proposal, agency=co_handler.agency,
        summary=f"{co_handler.agency.name}提交{co_handler.proposal}的协办意见",
        data={"on": on, "due_on": due, "late": bool(due and on > due)},
    )  # fmt: skip
    return co_handler


def _year_totals(agency, year: int) -> dict:
    proposals = list(Proposal.objects.filter(agency=agency, assigned_on__year=year))
    by_kind = Counter(p.kind for p in proposals)
    by_class = Counter(p.result_class for p in proposals if p.result_class)
    by_satisfaction = Counter(p.satisfaction for p in proposals if p.satisfaction)
    return {
        "total": len(proposals),
        "answered": sum(1 for p in proposals if p.answered_on),
        "on_time": sum(1 for p in proposals if p.answered_on and not clocks.is_late(p, p.answered_on)),
        "by_kind": {str(k): by_kind.get(str(k), 0) for k in Kind},
        "by_class": {str(c): by_class.get(str(c), 0) for c in ResultClass},
        "by_satisfaction": {str(s): by_satisfaction.get(str(s), 0) for s in Satisfaction},
        "published": sum(1 for p in proposals if p.published_on),
    }


@service
def publish_year_report(agency, *, actor, year: int, on: dt.date, note: str = "") -> YearReport:
    """The year's overall handling report (counts per class and satisfaction), generated from the
    records of the proposals assigned that year and published in column ``proposals``."""
    permissions.require(actor, "review", agency)
    if YearReport.objects.filter(agency=agency, year=year).exists():
        raise RuleViolation("report_exists", f"{year}年度办理情况报告已公开")
    _dated(on, dt.date(year, 1, 1), "公开日期", "该年度开始")
    totals = _year_totals(agency, year)
    if not totals["total"]:
        raise RuleViolation("nothing_to_report", f"{year}年度没有登记的建议提案")
    body = render_to_string(
        "proposals/year_report_body.html",
        {"agency": agency, "year": year, "totals": totals, "note": str(note or "").strip(),
         "classes": [(RESULT_CLASS_LABELS[c], totals["by_class"][str(c)]) for c in ResultClass],
         "satisfaction": [(SATISFACTION_LABELS[s], totals["by_satisfaction"][str(s)]) for s in Satisfaction],
         "kinds": [(KIND_LABELS[k], totals["by_kind"][str(k)]) for k in Kind]},
    )  # fmt: skip
    item = catalog_services.create_item(
        actor=actor, agency=agency, columns=[COLUMN], title=f"{agency.name}{year}年建议提案办理工作总体情况",
        genre=Genre.OTHER_DOCUMENT, body=body, formed_on=on, disclosure=Disclosure.PROACTIVE,
    )  # fmt: skip
    catalog_services.publish_item(item, actor=actor, on=on)
    report = YearReport.objects.create(agency=agency, year=year, published_on=on, totals=totals, item=item)
    record(
        actor=actor, action="proposals.year_report", obj=report, agency=agency,
        summary=f"公开{year}年建议提案办理工作总体情况（索引号{item.index_no}）", data={"totals": totals},
    )  # fmt: skip
    return report


# --- Key tasks ---------------------------------------------------------------------------------


@service
def create_task(
    *, actor, agency, source: str, title: str, assigned_on: dt.date, deadline: dt.date | None = None,
    co_agencies=(),
) -> KeyTask:  # fmt: skip
    """A key task from the work report or a policy, led by ``agency``."""
    permissions.require(actor, "edit", agency)
    source, title = str(source or "").strip(), str(title or "").strip()
    if not source or len(source) > 200:
        raise _invalid("source", "请填写任务来源（如：2026年政府工作报告）")
    if not title or len(title) > 500:
        raise _invalid("title", "任务内容不能为空，且不超过500字")
    if not isinstance(assigned_on, dt.date):
        raise _invalid("assigned_on", "请填写分工日期")
    if deadline is not None and deadline < assigned_on:
        raise _invalid("deadline", "完成时限不能早于分工日期")
    task = KeyTask.objects.create(
        agency=agency, source=source, title=title, assigned_on=assigned_on, deadline=deadline
    )
    task.co_agencies.set([a for a in co_agencies if a.pk != agency.pk])
    record(
        actor=actor, action="proposals.task_create", obj=task, agency=agency,
        summary=f"分解重点工作任务“{title[:40]}”", data={"deadline": deadline, "co": [a.code for a in co_agencies]},
    )  # fmt: skip
    return task


def _screen_progress(task: KeyTask, text: str, actor, override_reason: str | None) -> dict:
    """Art. 17 保密审查: a public task's progress text goes straight to the portal, so it is
    screened first. A blocking finding (ID, mobile or bank card number, secret marker) stops it
    unless a reviewer of the lead agency gives a substantive reason; returns what the audit
    event keeps (masked findings and the reason), empty when nothing was found."""
    if not task.public:
        return {}
    findings = catalog_prescreen.screen_texts([("text", text)])
    if not findings:
        return {}
    blocked = catalog_prescreen.blocking(findings)
    reason = str(override_reason or "").strip()
    if blocked and not reason:
        raise screening_refusal(findings)
    if blocked:
        require_substantive_reason(reason)
        if not permissions.may(actor, "review", task.agency_id):
            raise Forbidden(
                "override_needs_reviewer",
                "放行审查发现须由牵头单位的审核人或机构管理员决定：请修改进展情况后再报送",
            )
    return {
        "screening": catalog_prescreen.public_view(findings),
        "override_reason": reason if blocked else "",
    }


@service
def report_progress(
    task: KeyTask, *, actor, on: dt.date, status: str, text: str, override_reason: str | None = None
) -> TaskUpdate:
    """A dated progress update by the lead (or a co-agency) with the status it reports; the text
    of a public task is screened before it is shown (``_screen_progress``)."""
    co_ids = set(task.co_agencies.values_list("id", flat=True))
    if not (
        permissions.may(actor, "edit", task.agency_id)
        or any(permissions.may(actor, "edit", i) for i in co_ids)
    ):
        permissions.require(actor, "edit", task.agency_id)
    if status not in set(TaskStatus) or status == TaskStatus.OVERDUE:
        raise InvalidInput(
            "invalid_status",
            "进展状态只能是 on_track（按计划推进）、at_risk（存在滞后风险）或 done（已完成）",
        )
    text = str(text or "").strip()
    if not text:
        raise _invalid("text", "请填写进展情况")
    _dated(on, task.assigned_on, "进展日期", "分工日期")
    screening = _screen_progress(task, text, actor, override_reason)
    update = TaskUpdate.objects.create(task=task, on=on, status=status, text=text)
    overridden = "（经说明理由放行审查发现）" if screening.get("override_reason") else ""
    record(
        actor=actor, action="proposals.task_progress", obj=task, agency=task.agency,
        summary=f"报送“{task.title[:40]}”进展{overridden}", data={"on": on, "status": status, **screening},
    )  # fmt: skip
    return update
