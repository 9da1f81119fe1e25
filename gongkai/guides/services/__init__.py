"""Acts on service guides, power lists and the standard catalogue (see the modules)."""

from gongkai.guides.services.guides import (
    clean_materials,
    create_guide,
    field_labels,
    findings_of,
    import_guides,
    public_texts,
    set_public,
    update_guide,
)
from gongkai.guides.services.powers import import_powers
from gongkai.guides.services.standard import confirm_channel, import_standard, link_column, unlink_column

__all__ = [
    "clean_materials",
    "confirm_channel",
    "create_guide",
    "field_labels",
    "findings_of",
    "import_guides",
    "import_powers",
    "import_standard",
    "link_column",
    "public_texts",
    "set_public",
    "unlink_column",
    "update_guide",
]
