"""Set up Django for a benchmark script run from the repository root."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database_url: str | None = None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
