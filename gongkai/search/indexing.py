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

from gongkai.core.bulk import bulk_insert
from gongkai.search import text
from gongkai.search.backends import get_backend
from gongkai.search.models import SearchDocument, SearchTerm, SearchText

TITLE_LENGTH = 500


@dataclass(frozen=True)
class Forms:
    """The searchable forms of a record's text (pure functions of its title, body and 文号, so a
    worker process may compute them and hand them over with the ``Entry``: ``text_forms``)."""

    title: str
    body: str
    doc_number: str
    stream: str  # what the backend indexes: the stored title's and the body's searchable text
    title_key: str
    doc_number_key: str
    words: tuple[str, ...]  # suggestion words of the title

    def of(self, entry: Entry) -> bool:
        """Computed from ``entry``'s text (not from another version of it)?"""
        return (self.title, self.body, self.doc_number) == (
            entry.title,
            entry.body or "",
            entry.doc_number or "",
        )


def text_forms(title: str, body: str = "", doc_number: str = "") -> Forms:
    """The forms ``index_documents`` stores and indexes for a record with this text."""
    body, doc_number = body or "", doc_number or ""
    title_text = text.searchable(title)
    stored_title = title_text if len(title) <= TITLE_LENGTH else text.searchable(title[:TITLE_LENGTH])
    words = {w for w in text.index_words(title) if 2 <= len(w) <= 40}
    return Forms(
        title=title,
        body=body,
        doc_number=doc_number,
        stream=stored_title + text.searchable(body),
        title_key=title_text[:TITLE_LENGTH],
        doc_number_key=text.searchable(doc_number)[:100],
        words=tuple(sorted(words)),
    )


@dataclass
class Entry:
    """What a provider hands over for one record (``forms``: its ``text_forms`` when already
    computed, e.g. by a bulk import's worker processes)."""

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
    forms: Forms | None = None


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


def _forms(entry: Entry) -> Forms:
    if entry.forms is not None and entry.forms.of(entry):
        return entry.forms
    return text_forms(entry.title, entry.body, entry.doc_number)


def _fill(document: SearchDocument, entry: Entry, forms: Forms) -> SearchDocument:
    document.key = entry.key
    document.title = entry.title[:TITLE_LENGTH]
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
    document.stream = forms.stream  # not a field: what the backend indexes
    document.title_key = forms.title_key
    document.doc_number_key = forms.doc_number_key
    document.index_no_key = text.searchable(entry.index_no or "")[:120]
    return document


def _remember_words(all_forms: Iterable[Forms]) -> None:
    words = {word for forms in all_forms for word in forms.words}
    if words:  # most words of a batch are known already: only the others are inserted
        words -= set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True))
        bulk_insert([SearchTerm(word=w, length=len(w)) for w in sorted(words)], ignore_conflicts=True)


def _with_bodies(documents: list[SearchDocument]) -> list[SearchDocument]:
    """Attach ``body`` (from SearchText) so a backend can recompute the tokens to remove."""
    bodies = dict(SearchText.objects.filter(document__in=documents).values_list("document_id", "body"))
    for document in documents:
        document.body = bodies.get(document.pk, "")
    return documents


def concurrent_upkeep():
    """Around a bulk write of many batches (``catalog.bulk_import``): yields a callable to call
    after each committed batch; the backend may keep its index up beside the writes
    (``PostgresBackend.concurrent_upkeep``)."""
    return get_backend().concurrent_upkeep()


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
        forms = [(entry, _forms(entry)) for entry in entries]
        latest = {entry.key: (entry, entry_forms) for entry, entry_forms in forms}  # one per key
        documents = bulk_insert(
            [_fill(SearchDocument(), entry, entry_forms) for entry, entry_forms in latest.values()]
        )
        bulk_insert([SearchText(document=d, body=d.body) for d in documents], returning=False)
        backend.add_many(documents)
        _remember_words(entry_forms for _, entry_forms in forms)
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
