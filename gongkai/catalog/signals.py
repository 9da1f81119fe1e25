"""Signals of the catalogue.

``item_changed(sender=Item, item=..., action=...)`` is sent INSIDE the transaction of every
service that changes an item (``action`` ∈ created, updated, screened, reviewed, published,
abolished, amended, internal_changed, attachment_added, agency_merged, deleted), so a
receiver (the search index) writes in the same transaction and is rolled back with it.

``items_changed(sender=Item, items=[...], action=...)`` is the same for many items changed by one
act of a bulk import (``action`` ∈ created, published): sent once per batch, inside the batch's
transaction, so a receiver can write once per batch (one index build per batch). ``forms`` (when
given) lists per item the ``search.indexing.text_forms`` of its text, computed by the import's
worker processes, or None; ``columns`` (when given) per item the codes of its columns in their
order, for items the batch created (they have no attachments yet).
"""

from django.dispatch import Signal

item_changed = Signal()
items_changed = Signal()
