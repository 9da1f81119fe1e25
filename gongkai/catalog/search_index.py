"""The catalogue in full-text search: public items are indexed in the transaction that
publishes them, and taken out in the transaction that hides, or deletes, them."""

from __future__ import annotations

from gongkai.catalog.models import Item

PROVIDER = "catalog.item"


def key_of(item) -> str:
    return f"{PROVIDER}:{item.pk}"


def public_items():
    return Item.objects.public().select_related("agency").prefetch_related("columns", "attachments")


def to_entry(item, forms=None, columns=None):
    """The search entry of a public item; None for anything the public must not find.
    ``forms``: the ``text_forms`` of its text when already computed (a bulk import's workers);
    ``columns``: the codes of its columns, in the columns' order, for an item just created (no
    attachments yet) by a caller who wrote them (a bulk import); else both are read."""
    from gongkai.search.indexing import Entry

    if not item.is_public:
        return None
    # domain/search.md defines a match on title + body (the search backend puts the title in
    # front); summary and keywords are not searched, so a hit is always visible in the text.
    # Attachment text is the body's continuation (a decree's annex) and is searched with it.
    parts = [item.body_text]
    if columns is None:
        parts += [attachment.text for attachment in item.attachments.all() if attachment.text]
        columns = [column.code for column in item.columns.all()]
    return Entry(
        key=key_of(item),
        title=item.title,
        agency=item.agency,
        body="\n".join(part for part in parts if part),
        index_no=item.index_no or "",
        doc_number=item.doc_number,
        genre=item.genre,
        columns=columns,
        published_on=item.published_on,
        validity=item.validity,
        public=True,
        url=item.get_absolute_url(),
        forms=forms,
    )


def on_item_changed(sender, item, action, **kwargs):
    """Receiver of ``item_changed``: runs inside the service's transaction."""
    from gongkai.search.indexing import index_document, remove_document

    entry = None if action == "deleted" else to_entry(item)
    if entry is None:
        remove_document(key_of(item))
    else:
        index_document(entry)


def on_items_changed(sender, items, action, forms=None, columns=None, **kwargs):
    """Receiver of ``items_changed`` (a bulk import's batch): one index write for the batch.
    ``forms`` and ``columns`` (per item, as ``to_entry`` takes them) when the sender has them."""
    from django.db.models import prefetch_related_objects

    from gongkai.search.indexing import index_documents, remove_documents

    if columns is None:
        prefetch_related_objects(items, "columns", "attachments")
    entries, hidden = [], []
    nothing = [None] * len(items)
    for item, item_forms, codes in zip(items, forms or nothing, columns or nothing, strict=True):
        entry = to_entry(item, item_forms, codes)
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
