"""The catalogue in full-text search: public items are indexed in the transaction that
publishes them, and taken out in the transaction that hides, or deletes, them."""

from __future__ import annotations

from gongkai.catalog.models import Item

PROVIDER = "catalog.item"


def key_of(item) -> str:
    return f"{PROVIDER}:{item.pk}"


def public_items():
    return Item.objects.public().select_related("agency").prefetch_related("columns", "attachments")


def to_entry(item):
    """The search entry of a public item; None for anything the public must not find."""
    from gongkai.search.indexing import Entry

    if not item.is_public:
        return None
    # domain/search.md defines a match on title + body (the search backend puts the title in
    # front); summary and keywords are not searched, so a hit is always visible in the text.
    # Attachment text is the body's continuation (a decree's annex) and is searched with it.
    parts = [item.body_text]
    parts += [attachment.text for attachment in item.attachments.all() if attachment.text]
    return Entry(
        key=key_of(item),
        title=item.title,
        agency=item.agency,
        body="\n".join(part for part in parts if part),
        index_no=item.index_no or "",
        doc_number=item.doc_number,
        genre=item.genre,
        columns=[column.code for column in item.columns.all()],
        published_on=item.published_on,
        validity=item.validity,
        public=True,
        url=item.get_absolute_url(),
    )


def on_item_changed(sender, item, action, **kwargs):
    """Receiver of ``item_changed``: runs inside the service's transaction."""
    from gongkai.search.indexing import index_document, remove_document

    entry = None if action == "deleted" else to_entry(item)
    if entry is None:
        remove_document(key_of(item))
    else:
        index_document(entry)


def on_items_changed(sender, items, action, **kwargs):
    """Receiver of ``items_changed`` (a bulk import's batch): one index write for the batch."""
    from django.db.models import prefetch_related_objects

    from gongkai.search.indexing import index_documents, remove_documents

    prefetch_related_objects(items, "columns", "attachments")
    entries, hidden = [], []
    for item in items:
        entry = to_entry(item)
        if entry is None:
            hidden.append(key_of(item))
        else:
            entries.append(entry)
    remove_documents(hidden)
    index_documents(entries)


def register() -> None:
    from gongkai.catalog.signals import item_changed, items_changed
    from gongkai.catalog.vocabulary import Genre
    from gongkai.search.indexing import register_provider

    register_provider(
        PROVIDER, public_items, to_entry, genre_labels={code: str(label) for code, label in Genre.choices}
    )
    item_changed.connect(on_item_changed, sender=Item, dispatch_uid="catalog.search_index")
    items_changed.connect(on_items_changed, sender=Item, dispatch_uid="catalog.search_index.bulk")
