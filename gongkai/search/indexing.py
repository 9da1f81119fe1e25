"""Writing the index: documents in, documents out, and the providers ``manage.py reindex`` walks.

Index writes are not legal acts (no audit event); they run in the caller's transaction, so the
catalogue's publish service and its index entry commit or roll back together.

A provider is registered by the app that owns the records::

    register_provider("catalog.item", queryset_fn, to_document_fn, genre_labels=dict(Genre.choices))

``to_document_fn(obj)`` returns an ``Entry`` for a record that belongs in public search, or
``None`` for one that must not be found (draft, internal, withdrawn): its document is removed.
``genre_labels`` names the provider's genre codes for the facets and the advanced form, so search
never imports the apps it indexes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction

from gongkai.search import text
from gongkai.search.backends import get_backend
from gongkai.search.models import SearchDocument, SearchTerm, SearchText


@dataclass
class Entry:
    """What a provider hands over for one record."""

    key: str
    title: str
    agency: object
    body: str = ""
    index_no: str = ""
    doc_number: str = ""
    genre: str = ""
    columns: Iterable[str] = ()
    published_on: dt.date | None = None
    validity: str = ""
    public: bool = True
    url: str = ""


@dataclass(frozen=True)
class Provider:
    name: str
    queryset: Callable[[], object]
    to_document: Callable[[object], Entry | None]
    genre_labels: Mapping[str, str] = field(default_factory=dict)

    def key(self, obj) -> str:
        return f"{self.name}:{obj.pk}"


_providers: dict[str, Provider] = {}


def register_provider(
    name: str, queryset_fn, to_document_fn, *, genre_labels: Mapping[str, str] | None = None
) -> Provider:
    """Make a kind of record searchable and known to ``manage.py reindex``."""
    provider = Provider(name, queryset_fn, to_document_fn, dict(genre_labels or {}))
    _providers[name] = provider
    return provider


def providers() -> dict[str, Provider]:
    return dict(_providers)


def genre_labels() -> dict[str, str]:
    """Every genre code the providers index, with its Chinese label, in registration order."""
    labels: dict[str, str] = {}
    for provider in _providers.values():
        labels.update(provider.genre_labels)
    return labels


def _fill(document: SearchDocument, entry: Entry) -> SearchDocument:
    document.key = entry.key
    document.title = entry.title[:500]
    document.index_no = entry.index_no or ""
    document.doc_number = entry.doc_number or ""
    document.agency = entry.agency
    document.agency_path = entry.agency.path
    document.genre = entry.genre or ""
    codes = [c for c in entry.columns if c]
    document.columns = f"|{'|'.join(codes)}|" if codes else ""
    document.published_on = entry.published_on
    document.year = entry.published_on.year if entry.published_on else None
    document.validity = entry.validity or ""
    document.public = bool(entry.public)
    document.url = entry.url or ""
    document.body = entry.body or ""  # not a field: stored in SearchText
    document.title_key = text.searchable(entry.title)[:500]
    document.doc_number_key = text.searchable(entry.doc_number or "")[:100]
    document.index_no_key = text.searchable(entry.index_no or "")[:120]
    return document


def _remember_words(titles: Iterable[str]) -> None:
    words = {w for title in titles for w in text.index_words(title) if 2 <= len(w) <= 40}
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=w, length=len(w)) for w in words], ignore_conflicts=True
        )


def _with_bodies(documents: list[SearchDocument]) -> list[SearchDocument]:
    """Attach ``body`` (from SearchText) so a backend can recompute the tokens to remove."""
    bodies = dict(SearchText.objects.filter(document__in=documents).values_list("document_id", "body"))
    for document in documents:
        document.body = bodies.get(document.pk, "")
    return documents


def index_documents(entries: list[Entry]) -> list[SearchDocument]:
    """Add or replace the documents of ``entries`` (one batch, in the caller's transaction)."""
    if not entries:
        return []
    backend = get_backend()
    with transaction.atomic():
        existing = SearchDocument.objects.in_bulk([e.key for e in entries], field_name="key")
        for document in _with_bodies(list(existing.values())):
            backend.remove(document)
        if existing:
            SearchDocument.objects.filter(pk__in=[d.pk for d in existing.values()]).delete()
        documents = SearchDocument.objects.bulk_create(
            [_fill(SearchDocument(), entry) for entry in {e.key: e for e in entries}.values()]
        )
        SearchText.objects.bulk_create([SearchText(document=d, body=d.body) for d in documents])
        backend.add_many(documents)
        _remember_words(e.title for e in entries)
    return documents


def index_document(entry: Entry) -> SearchDocument:
    """Add or replace one document."""
    return index_documents([entry])[0]


def remove_document(key: str) -> bool:
    """Take a document out of search; True if it was there."""
    with transaction.atomic():
        document = SearchDocument.objects.filter(key=key).first()
        if document is None:
            return False
        get_backend().remove(_with_bodies([document])[0])
        document.delete()
        return True


def remove_documents(keys: list[str]) -> int:
    """Take the documents of ``keys`` out of search (one batch); how many were there."""
    if not keys:
        return 0
    with transaction.atomic():
        documents = list(SearchDocument.objects.filter(key__in=keys))
        backend = get_backend()
        for document in _with_bodies(documents):
            backend.remove(document)
        if documents:
            SearchDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
        return len(documents)


def clear(provider: str | None = None) -> int:
    """Remove every document (of one provider, when given)."""
    with transaction.atomic():
        if provider is None:
            count = SearchDocument.objects.count()
            get_backend().clear()
            SearchDocument.objects.all().delete()
            return count
        documents = list(SearchDocument.objects.filter(key__startswith=f"{provider}:"))
        backend = get_backend()
        for document in _with_bodies(documents):
            backend.remove(document)
        SearchDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
        return len(documents)
