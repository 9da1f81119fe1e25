"""Reference data every installation has (e.g. the built-in calendar years).

Apps register idempotent seeders here. Migrations install the data; ``ensure()`` puts it back
where a database was emptied wholesale (transactional test flushes). Seeders never overwrite
what staff have edited.
"""

from __future__ import annotations

from collections.abc import Callable

_seeders: dict[str, Callable[[], object]] = {}


def register(name: str, seeder: Callable[[], object]) -> None:
    _seeders[name] = seeder


def ensure() -> None:
    for seeder in _seeders.values():
        seeder()
