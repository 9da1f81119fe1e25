"""Full-text backends behind one interface, chosen from the database vendor.

A third backend is added with ``register("vendor", BackendClass)``.
"""

from __future__ import annotations

from django.db import connections

from gongkai.search.backends.base import SearchBackend

_REGISTRY: dict[str, type[SearchBackend]] = {}


def register(vendor: str, backend: type[SearchBackend]) -> None:
    _REGISTRY[vendor] = backend


def get_backend(using: str = "default") -> SearchBackend:
    connection = connections[using]
    if not _REGISTRY:
        from gongkai.search.backends.postgres import PostgresBackend
        from gongkai.search.backends.sqlite_fts5 import Fts5Backend

        register("sqlite", Fts5Backend)
        register("postgresql", PostgresBackend)
    try:
        backend = _REGISTRY[connection.vendor]
    except KeyError:
        raise LookupError(f"no search backend for database vendor {connection.vendor!r}") from None
    return backend(connection)


__all__ = ["SearchBackend", "get_backend", "register"]
