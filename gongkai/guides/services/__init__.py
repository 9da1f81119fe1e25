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
from gongkai.guides.services.powers import screening_view as powers_screening
from gongkai.guides.services.standard import confirm_channel, import_standard, link_column, unlink_column
from gongkai.guides.services.standard import screening_view as standard_screening

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
    "powers_screening",
    "public_texts",
    "set_public",
    "standard_screening",
    "unlink_column",
    "update_guide",
]
