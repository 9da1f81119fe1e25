"""Payloads of the solicitation API: public ones carry nothing personal; staff ones add the rest."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.solicitation import decisions, periods, selectors
from gongkai.solicitation.models import Comment, CommentGroup, Feedback, Solicitation
from gongkai.solicitation.vocabulary import DECISION_LABELS, STATE_LABELS, Decision, State


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def period_payload(solicitation: Solicitation, today: dt.date) -> dict:
    check = selectors.period_of(solicitation)
    state = selectors.state_of(solicitation, today)
    return {
        "state": state.value,
        "state_label": STATE_LABELS[state],
        "opens_on": _iso(solicitation.opens_on),
        "closes_on": _iso(solicitation.closes_on),
        "min_closes_on": _iso(check.min_closes_on),
        "min_closes_on_unknown_year": check.unknown_year,
        "period_short": check.short,
        "shortened_reason": solicitation.shortened_reason,
        "accepting_comments": selectors.accepting_comments(solicitation, today),
        "days_left": periods.days_left(solicitation.closes_on, today) if state == State.OPEN else None,
        "extensions": [
            {
                "previous_closes_on": _iso(extension.previous_closes_on),
                "closes_on": _iso(extension.closes_on),
                "reason": extension.reason,
                "announced_on": _iso(extension.announced_on),
            }
            for extension in solicitation.extensions.all()
        ],
    }


def feedback_payload(feedback: Feedback) -> dict:
    rows = list(selectors.feedback_rows(feedback))
    decided = feedback.solicitation.comments.values_list("decision", flat=True)
    return {
        "published_on": _iso(feedback.published_on),
        "summary": feedback.summary,
        "totals": decisions.tally(decided).as_dict(),
        "rows": [
            {
                "position": row.position,
                "summary": row.summary,
                "decision": row.decision,
                "decision_label": DECISION_LABELS[Decision(row.decision)],
                "reason": row.reason,
                "comments": [comment.pk for comment in row.comments.all()],
            }
            for row in rows
        ],
        "item": {
            "id": feedback.item_id,
            "index_no": feedback.item.index_no,
            "url": feedback.item.get_absolute_url(),
        },
    }


def _feedback_or_none(solicitation: Solicitation) -> dict | None:
    try:
        feedback = solicitation.feedback
    except Feedback.DoesNotExist:
        return None
    return feedback_payload(feedback)


def public_payload(solicitation: Solicitation, today: dt.date, *, full: bool = True) -> dict:
    payload = {
        "id": solicitation.pk,
        "agency": solicitation.agency.code,
        "agency_name": solicitation.agency.name,
        "kind": solicitation.kind,
        "kind_label": solicitation.kind_label,
        "title": solicitation.title,
        "published_on": _iso(solicitation.published_on),
        "url": solicitation.get_absolute_url(),
        **period_payload(solicitation, today),
        "feedback": _feedback_or_none(solicitation),
        "final_item": {
            "index_no": solicitation.final_item.index_no,
            "title": solicitation.final_item.title,
            "url": solicitation.final_item.get_absolute_url(),
        }
        if solicitation.final_item_id and solicitation.final_item.is_public
        else None,
    }
    if full:
        payload.update(
            {
                "draft": solicitation.draft,
                "explanation": solicitation.explanation,
                "how_to_comment": solicitation.how_to_comment,
                "contacts": solicitation.contacts,
                "hearing": solicitation.hearing,
                "attachments": [
                    {
                        "name": attachment.name,
                        "size": attachment.size,
                        "content_type": attachment.content_type,
                        "url": reverse("solicitation:attachment", args=[solicitation.pk, attachment.pk]),
                    }
                    for attachment in solicitation.attachments.all()
                ],
            }
        )
    return payload


def staff_payload(solicitation: Solicitation, today: dt.date) -> dict:
    payload = public_payload(solicitation, today)
    payload["url"] = reverse("solicitation_staff:detail", args=[solicitation.pk]) if solicitation.pk else ""
    payload["public_url"] = solicitation.get_absolute_url() if solicitation.is_published else None
    counts = solicitation.comments.values_list("decision", flat=True)
    payload["comments"] = {"total": len(counts), "undecided": sum(1 for decision in counts if not decision)}
    payload["feedback_due_on"] = (
        _iso(selectors.feedback_due_on(solicitation)) if solicitation.is_published else None
    )
    return payload


def comment_payload(comment: Comment, *, personal: bool) -> dict:
    """For staff: the commenter's name and contact only for the drafting agency's own staff."""
    return {
        "id": comment.pk,
        "number": comment.number,
        "text": comment.text,
        "name": comment.name if personal else None,
        "contact": comment.contact if personal else None,
        "received_at": comment.received_at,
        "received_on": _iso(comment.received_on),
        "channel": comment.channel,
        "attachment": {
            "name": comment.attachment_name,
            "url": reverse("solicitation_staff:comment_file", args=[comment.solicitation_id, comment.pk]),
        }
        if comment.attachment
        else None,
        "group": comment.group_id,
        "decision": comment.decision or None,
        "decision_label": comment.decision_label,
        "reason": comment.reason,
        "decided_on": _iso(comment.decided_on),
    }


def group_payload(group: CommentGroup) -> dict:
    return {
        "id": group.pk,
        "summary": group.summary,
        "comments": sorted(comment.pk for comment in group.comments.all()),
    }
