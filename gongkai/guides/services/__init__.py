"""Acts on service guides, power lists and the standard catalogue (see the modules)."""

from gongkai.guides.services.guides import (
    clean_materials,
    create_guide,
    findings_of,
    import_guides,
    set_public,
    update_guide,
)
from gongkai.guides.services.powers import import_powers

__all__ = [
    "clean_materials",
    "create_guide",
    "findings_of",
    "import_guides",
    "import_powers",
    "set_public",
    "update_guide",
]
