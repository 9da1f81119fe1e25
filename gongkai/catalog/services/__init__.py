"""One function per act on the catalogue (Arts. 17, 19–26 of the regulation).

Drafting acts live in ``items``, the way to the public and the item's later status in
``publication``, the agency's catalogue set-up in ``setup``; ``common`` holds what they share.
Callers import this package:

    item = create_item(actor=user, agency=agency, title="…", genre="notice", formed_on=date(2026, 3, 2))
    publish_item(item, actor=reviewer, on=date(2026, 3, 5))
"""

from gongkai.catalog.services.items import EDITABLE, create_item, delete_draft, update_item, upload_attachment
from gongkai.catalog.services.publication import (
    abolish_item,
    amend_item,
    publish_item,
    review_item,
    screen_item,
    set_internal,
)
from gongkai.catalog.services.setup import (
    COLUMN_CODE,
    create_column,
    set_art20_categories,
    set_four_eyes,
    set_index_pattern,
    update_column,
)

__all__ = [
    "COLUMN_CODE",
    "EDITABLE",
    "abolish_item",
    "amend_item",
    "create_column",
    "create_item",
    "delete_draft",
    "publish_item",
    "review_item",
    "screen_item",
    "set_art20_categories",
    "set_four_eyes",
    "set_index_pattern",
    "set_internal",
    "update_column",
    "update_item",
    "upload_attachment",
]
