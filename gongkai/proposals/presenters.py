"""Payloads of the proposals API. Public payloads never carry the proposers."""

from __future__ import annotations

import datetime as dt

from gongkai.proposals import clocks, selectors
from gongkai.proposals.models import KeyTask, Proposal
from gongkai.proposals.progress import TASK_FINDING_LABELS, TASK_STATUS_LABELS
from gongkai.proposals.vocabulary import (
    RESULT_CLASS_LABELS,
    SATISFACTION_LABELS,
    STATE_LABELS,
    ResultClass,
    Satisfaction,
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def staff_payload(proposal: Proposal, today: dt.date) -> dict:
    due = clocks.answer_due(proposal)
    state = clocks.state_of(proposal)
    second = clocks.second_answer_due(proposal)
    publication = clocks.publication_due(proposal)
    return {
        "id": proposal.pk,
        "agency": proposal.agency.code,
        "kind": proposal.kind,
        "session": proposal.session,
        "number": proposal.number,
        "title": proposal.title,
        "proposers": proposal.proposers,
        "state": state.value,
        "state_label": STATE_LABELS[state],
        "assigned_on": _iso(proposal.assigned_on),
        "extended": proposal.extended,
        "extension_reason": proposal.extension_reason,
        "due_on": _iso(due.on),
        "due_unknown_reason": due.unknown_reason or None,
        "answered_on": _iso(proposal.answered_on),
        "late": clocks.is_late(proposal, today),
        "doc_number": proposal.doc_number,
        "result_class": proposal.result_class or None,
        "satisfaction": proposal.satisfaction or None,
        "rated_on": _iso(proposal.rated_on),
        "second_answer_due_on": _iso(second.on),
        "second_answered_on": _iso(proposal.second_answered_on),
        "publication_due_on": _iso(publication.on),
        "published_on": _iso(proposal.published_on),
        "publication_mode": proposal.publication_mode or None,
        "index_no": proposal.item.index_no if proposal.item_id else None,
        "co_handlers": [
            {
                "agency": co.agency.code,
                "agency_name": co.agency.name,
                "views_due_on": _iso(clocks.views_due(co).on),
                "views_sent_on": _iso(co.views_sent_on),
                "views": co.views,
            }
            for co in proposal.co_handlers.all()
        ],
    }


def public_payload(proposal: Proposal) -> dict:
    return {
        "id": proposal.pk,
        "agency": proposal.agency.code,
        "agency_name": proposal.agency.name,
        "kind": proposal.kind,
        "kind_label": proposal.kind_label,
        "session": proposal.session,
        "number": proposal.number,
        "title": proposal.title,
        "answered_on": _iso(proposal.answered_on),
        "doc_number": proposal.doc_number,
        "result_class": proposal.result_class,
        "result_label": RESULT_CLASS_LABELS[ResultClass(proposal.result_class)],
        "satisfaction_label": SATISFACTION_LABELS[Satisfaction(proposal.satisfaction)] if proposal.satisfaction else None,
        "published_on": _iso(proposal.published_on),
        "publication_mode": proposal.publication_mode,
        "index_no": proposal.item.index_no,
        "url": proposal.item.get_absolute_url(),
    }


def task_payload(task: KeyTask, today: dt.date, *, staff: bool = False) -> dict:
    status = selectors.task_status(task, today)
    payload = {
        "id": task.pk,
        "agency": task.agency.code,
        "agency_name": task.agency.name,
        "co_agencies": [a.name for a in task.co_agencies.all()],
        "source": task.source,
        "title": task.title,
        "assigned_on": _iso(task.assigned_on),
        "deadline": _iso(task.deadline),
        "status": status.value,
        "status_label": TASK_STATUS_LABELS[status],
        "updates": [
            {"on": _iso(u.on), "status": u.status, "status_label": TASK_STATUS_LABELS[u.status], "text": u.text}
            for u in task.updates.all()
            if u.on <= today
        ],
    }
    if staff:
        payload["findings"] = [
            {"code": f.value, "label": TASK_FINDING_LABELS[f]} for f in selectors.task_findings(task, today)
        ]
    return payload
