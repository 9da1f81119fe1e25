"""Items as the API returns them: the staff view and the public metadata block."""

from __future__ import annotations

from django.urls import reverse

from gongkai.catalog.text import keyword_list
from gongkai.catalog.vocabulary import Audience, Genre, PublicationMode, Topic, Validity


def _labels(values, choices) -> list[str]:
    labels = dict(choices.choices)
    return [labels.get(value, value) for value in values or []]


def link(item) -> dict | None:
    if item is None or not item.is_public:
        return None
    return {"index_no": item.index_no, "title": item.title, "published_on": item.published_on}


def attachment_payload(attachment) -> dict:
    return {
        "id": attachment.pk,
        "name": attachment.name,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "url": reverse("catalog:attachment", args=[attachment.pk]),
    }


def summary_payload(item) -> dict:
    return {
        "id": item.pk,
        "index_no": item.index_no,
        "title": item.title,
        "agency": item.agency.code,
        "agency_name": item.agency.name,
        "doc_number": item.doc_number,
        "genre": item.genre,
        "genre_label": Genre(item.genre).label if item.genre in Genre.values else item.genre,
        "topic": item.topic,
        "columns": [column.code for column in item.columns.all()],
        "formed_on": item.formed_on,
        "published_on": item.published_on,
        "validity": item.validity,
        "url": reverse("catalog:item", args=[item.index_no]) if item.index_no else None,
    }


def metadata_payload(item) -> dict:
    """The metadata block of domain/catalog.md, in its order, with Chinese labels beside codes."""
    topics = dict(Topic.choices)
    return {
        **summary_payload(item),
        "column_names": [column.name for column in item.columns.all()],
        "summary": item.summary,
        "keywords": keyword_list(item.keywords),
        "topic_label": topics.get(item.topic, ""),
        "audience": item.audience,
        "audience_labels": _labels(item.audience, Audience),
        "source": item.source,
        "publication_modes": item.publication_modes,
        "publication_mode_labels": _labels(item.publication_modes, PublicationMode),
        "publication_scope": item.publication_scope,
        "disclosure": item.disclosure,
        "validity_label": Validity(item.validity).label,
        "abolished_on": item.abolished_on,
        "amended_on": item.amended_on,
        "successor": link(item.successor),
        "predecessors": [link(other) for other in item.predecessors.all() if other.is_public],
        "interprets": link(item.interprets),
        "interpretations": [link(other) for other in item.interpretations.all() if other.is_public],
        "interpretation_lag": item.interpretation_lag,
        "due_on": item.due_on,
        "late": item.late,
        "body": item.body,
        "attachments": [attachment_payload(attachment) for attachment in item.attachments.all()],
    }


def _account(user) -> str | None:
    return user.get_username() if user is not None else None


def override_payload(override) -> dict:
    return {
        "reason": override.reason,
        "decided_by": _account(override.decided_by),
        "decided_on": override.decided_on,
        "findings": override.findings,
    }


def staff_payload(item) -> dict:
    return {
        **metadata_payload(item),
        "state": item.state,
        "created_by": _account(item.created_by),
        "screened_by": _account(item.screened_by),
        "reviewed_by": _account(item.reviewed_by),
        "published_by": _account(item.published_by),
        "screening_overrides": [override_payload(override) for override in item.overrides.all()],
        "changed_on": item.changed_on,
        "not_disclosed_reason": item.not_disclosed_reason,
        "internal": item.internal,
        "interprets_id": item.interprets_id,
        "successor_id": item.successor_id,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }
