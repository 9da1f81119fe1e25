"""Demo data: each app registers a loader; ``manage.py load_demo`` runs them in order.

Loaders must be idempotent (look up before creating) and must create records through the
services, so that demo data is audited like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class DemoContext:
    """Shared between loaders: what earlier loaders created, and lines to print at the end."""

    agencies: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, password, role)
    notes: list[str] = field(default_factory=list)
    log: Callable[[str], None] = print


_loaders: list[tuple[int, str, Callable[[DemoContext], None]]] = []


def register(name: str, loader: Callable[[DemoContext], None], *, order: int = 50) -> None:
    if all(existing != name for _, existing, _ in _loaders):
        _loaders.append((order, name, loader))


def loaders() -> list[tuple[str, Callable[[DemoContext], None]]]:
    return [(name, loader) for _, name, loader in sorted(_loaders, key=lambda entry: (entry[0], entry[1]))]
