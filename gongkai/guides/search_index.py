"""Public service guides in full-text search (a provider like the catalogue's)."""

from __future__ import annotations

from gongkai.guides.models import Guide

PROVIDER = "guides.guide"
# Not just "办事指南": the catalogue has a genre of that name too, and the search form lists both.
GENRES = {"service_guide_record": "办事指南（政务服务事项）"}


def public_guides():
    return Guide.objects.filter(public=True, agency__active=True).select_related("agency")


def to_entry(guide: Guide):
    from django.urls import reverse

    from gongkai.search.indexing import Entry

    if not guide.public or not guide.agency.active:
        return None
    materials = "、".join(guide.materials.values_list("name", flat=True))
    body = "\n".join(
        part for part in (guide.topic, guide.basis, guide.conditions, materials, guide.procedure, guide.location)
        if part
    )  # fmt: skip
    return Entry(
        key=f"{PROVIDER}:{guide.pk}",
        title=guide.name,
        agency=guide.agency,
        body=body,
        genre="service_guide_record",
        published_on=guide.updated_on,
        url=reverse("guides:detail", args=[guide.pk]),
    )


def reindex(guide: Guide) -> None:
    """Index or remove one guide (inside the service's transaction)."""
    from gongkai.search.indexing import index_document, remove_document

    entry = to_entry(guide)
    if entry is None:
        remove_document(f"{PROVIDER}:{guide.pk}")
    else:
        index_document(entry)


def register() -> None:
    from gongkai.search.indexing import register_provider

    register_provider(PROVIDER, public_guides, to_entry, genre_labels=GENRES)
