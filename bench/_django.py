"""What the benchmark scripts share: Django set up from the repository root, and the samples.

Every script takes a size (``--items N`` or its own word for it) so that CI can run each once at a
tiny size (``make bench-smoke``): a benchmark that no longer runs fails CI, not the next person.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The real published documents shipped with the catalogue (the demo publishes them too).
SAMPLES = ROOT / "gongkai" / "catalog" / "data" / "samples"


def sample_paths() -> list[Path]:
    """The sample documents of the repository; a checkout without them cannot benchmark."""
    paths = sorted(SAMPLES.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no sample documents under {SAMPLES}")
    return paths


def sample_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sample_paths())


def setup(database_url: str | None = None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
