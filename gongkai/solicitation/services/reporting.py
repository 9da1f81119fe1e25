"""The feedback report (意见采纳情况) and the agency's settings and explanatory note."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from gongkai.agencies import permissions
from gongkai.audit.services import record, service
from gongkai.catalog import services as catalog_services
from gongkai.catalog.vocabulary import Disclosure, Genre
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.solicitation import decisions, periods
from gongkai.solicitation.models import AgencySettings, Feedback, FeedbackRow, Solicitation
from gongkai.solicitation.services.common import local_today, locked, require_on
from gongkai.solicitation.vocabulary import DECISION_LABELS, chinese_date

FEEDBACK_COLUMN = "solicitation"


def _require_reportable(solicitation: Solicitation, on: dt.date) -> dict[int, str]:
    if hasattr(solicitation, "feedback"):
        raise RuleViolation("feedback_published", "该意见征集的采纳情况已经公布")
    # Closed on the report's date and by now: a report dated after the close but sent while the
    # period still runs is refused as not closed (API.md), not for its undecided comments or its date.
    if not solicitation.is_published or not periods.is_closed(solicitation.closes_on, min(on, local_today())):
        raise RuleViolation(
            "solicitation_not_closed",
            f"征求意见截止日期（{chinese_date(solicitation.closes_on)}）过后才能公布采纳情况",
            {"closes_on": solicitation.closes_on.isoformat()},
        )
    decided = dict(solicitation.comments.values_list("pk", "decision"))
    decisions.require_all_decided(decided)
    return decided


def _report_texts(summary: str, table) -> dict[str, str]:
    """The agency's own wording in the report, by field (``rows[N].summary`` from 1)."""
    texts = {"summary": summary}
    for position, row in enumerate(table, start=1):
        texts[f"rows[{position}].summary"] = row.summary
        texts[f"rows[{position}].reason"] = row.reason
    return texts


def _report_body(solicitation: Solicitation, summary: str, rows, totals) -> str:
    return render_to_string(
        "solicitation/feedback_body.html",
        {
            "solicitation": solicitation,
            "summary": summary,
            "rows": [{"row": row, "label": DECISION_LABELS[row.decision]} for row in rows],
            "totals": totals,
            "counts": [(DECISION_LABELS[decision], count) for decision, count in totals.by_decision.items()],
        },
    )


@service
def publish_feedback(
    solicitation: Solicitation,
    *,
    actor,
    on: dt.date,
    summary: str,
    rows: list[dict],
    override_reason: str = "",
) -> Feedback:
    """Publish how the comments were used, once the period is over and every comment is decided.

    The report is the agency's own wording: a commenter's name or contact in it is refused
    (``personal_data_in_wording``), since both are never published.

    The report becomes a catalogue item (column ``solicitation``, genre ``notice``) published through
    the catalogue's own services, so it gets its 索引号 and screening like any other item.
    """
    permissions.require(actor, "review", solicitation.agency_id)
    solicitation = locked(solicitation)
    decided = _require_reportable(solicitation, on)
    require_on(on, local_today())
    summary = (summary or "").strip()
    if not summary:
        raise InvalidInput("summary_required", "请填写采纳情况的总体说明", {"field": "summary"})
    table = decisions.build_rows(rows, decided)
    decisions.require_no_particulars(
        _report_texts(summary, table), solicitation.comments.values_list("name", "contact")
    )
    totals = decisions.tally(decided.values())
    item = catalog_services.create_item(
        actor=actor,
        agency=solicitation.agency,
        columns=[FEEDBACK_COLUMN],
        title=f"关于《{solicitation.title}》公开征求意见采纳情况的说明",
        genre=Genre.NOTICE,
        summary=summary[:500],
        body=_report_body(solicitation, summary, table, totals),
        formed_on=on,
        disclosure=Disclosure.PROACTIVE,
    )
    catalog_services.publish_item(item, actor=actor, on=on, override_reason=override_reason)
    feedback = Feedback.objects.create(solicitation=solicitation, published_on=on, summary=summary, item=item)
    for position, row in enumerate(table, start=1):
        saved = FeedbackRow.objects.create(
            feedback=feedback,
            position=position,
            summary=row.summary,
            decision=row.decision,
            reason=row.reason,
        )
        saved.comments.set(row.comments)
    record(
        actor=actor,
        action="solicitation.feedback",
        obj=feedback,
        agency=solicitation.agency,
        summary=f"公布“{solicitation.title}”的意见采纳情况（索引号{item.index_no}）",
        data={"published_on": on, "item": item.index_no, "totals": totals.as_dict(), "rows": len(table)},
    )
    return feedback


@service
def write_note(agency, *, actor, text: str, on: dt.date | None = None) -> AgencySettings:
    """The explanatory note an agency publishes when it put nothing out for comment (sample 003:
    "暂无向社会征求意见、建议的信息……特此说明")."""
    permissions.require(actor, "edit", agency)
    text = (text or "").strip()
    if not text:
        raise InvalidInput("validation_error", "请填写情况说明", {"field": "text"})
    today = local_today()
    on = require_on(on or today, today)
    settings, _ = AgencySettings.objects.get_or_create(agency=agency)
    before = settings.note
    settings.note, settings.note_on = text, on
    settings.save(update_fields=["note", "note_on"])
    record(
        actor=actor,
        action="solicitation.note",
        obj=settings,
        agency=agency,
        summary=f"更新“{agency.name}”意见征集栏目的情况说明",
        data={"on": on, "replaced": bool(before)},
    )
    return settings


@service
def set_feedback_limit(agency, *, actor, working_days: int) -> AgencySettings:
    """How many working days after the close the feedback is due (indicator ``feedback_missing``)."""
    permissions.require(actor, "manage", agency)
    if not 1 <= int(working_days) <= 120:
        raise InvalidInput("validation_error", "公布时限应为1至120个工作日", {"field": "working_days"})
    settings, _ = AgencySettings.objects.get_or_create(agency=agency)
    before = settings.feedback_workdays
    settings.feedback_workdays = int(working_days)
    settings.save(update_fields=["feedback_workdays"])
    record(
        actor=actor,
        action="solicitation.feedback_limit",
        obj=settings,
        agency=agency,
        summary=f"设置“{agency.name}”采纳情况公布时限为{settings.feedback_workdays}个工作日",
        data={"before": before, "after": settings.feedback_workdays},
    )
    return settings
