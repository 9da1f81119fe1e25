"""Start-up checks for misconfiguration (ids gongkai.E0xx / W0xx)."""

import sqlite3

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register()
def sqlite_has_fts5(app_configs, **kwargs):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return []
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(body)")
    except sqlite3.OperationalError:
        return [
            Error(
                "SQLite is built without FTS5; full-text search cannot work.",
                hint="Use a Python whose sqlite3 has FTS5, or run on PostgreSQL.",
                id="gongkai.E001",
            )
        ]
    finally:
        connection.close()
    return []


@register()
def cache_url_is_understood(app_configs, **kwargs):
    url = getattr(settings, "CACHE_URL", "")
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        return [
            Error(
                f"CACHE_URL '{url}' is not a Redis URL.",
                hint="Use redis://host:port/db or leave it empty.",
                id="gongkai.E003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def secret_key_from_environment(app_configs, **kwargs):
    import os

    if not os.environ.get("SECRET_KEY"):
        return [
            Warning(
                "SECRET_KEY is read from var/secret_key, not from the environment.",
                hint="In production set SECRET_KEY (shared by all app servers).",
                id="gongkai.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def time_zone_is_china(app_configs, **kwargs):
    if settings.TIME_ZONE != "Asia/Shanghai":
        return [
            Warning(
                "TIME_ZONE is not Asia/Shanghai; legal dates are defined in China Standard Time.",
                id="gongkai.W002",
            )
        ]
    return []
