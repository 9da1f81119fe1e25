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


@register()
def proposal_limits_are_sane(app_configs, **kwargs):
    """The local limits of domain/services.md §4 (a second answer in months, publication in working
    days) must be whole positive numbers within reason; a zero or negative one would make every
    answer late at once."""
    problems = []
    for name, highest, unit in (
        ("GONGKAI_PROPOSAL_SECOND_ANSWER_MONTHS", 12, "months"),
        ("GONGKAI_PROPOSAL_PUBLICATION_WORKDAYS", 120, "working days"),
    ):
        value = getattr(settings, name, None)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= highest:
            problems.append(
                Error(
                    f"{name} is {value!r}; it must be between 1 and {highest} {unit}.",
                    hint=f"Set the environment variable {name} to a whole number, or leave it unset.",
                    id="gongkai.E004",
                )
            )
    return problems


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
