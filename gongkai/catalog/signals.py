"""Signals of the catalogue.

``item_changed(sender=Item, item=..., action=...)`` is sent INSIDE the transaction of every
service that changes an item (``action`` ∈ created, updated, screened, reviewed, published,
abolished, amended, internal_changed, attachment_added, agency_merged, deleted), so a
receiver (the search index) writes in the same transaction and is rolled back with it.
"""

from django.dispatch import Signal

item_changed = Signal()
