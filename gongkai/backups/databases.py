"""Copying the database out of a running site and into a fresh one, per backend.

SQLite: the online backup API copies a consistent snapshot while other connections keep
writing (WAL). PostgreSQL: ``pg_dump -Fc`` reads a snapshot exported from our own REPEATABLE READ
transaction, so the counts and the audit chain head in the manifest describe exactly the rows in
the dump; ``pg_restore`` loads it into an empty database in one transaction.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.db import connections, models, transaction
from django.db.utils import load_backend

from gongkai.backups.archive import ArchiveError, Manifest

MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
TARGET_ALIAS = "gongkai_restore_target"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- what the manifest says about the database -------------------------------------------------


def describe(cursor, tables: list[str], manifest: Manifest) -> None:
    """Counts of every table, applied migrations and the audit chain head, read through ``cursor``
    (a DB-API cursor inside the snapshot being described)."""
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
        manifest.counts[table] = cursor.fetchone()[0]
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            manifest.migrations[f"{app}.{name}"] = "applied"
    if "audit_auditchainhead" in tables:
        cursor.execute("SELECT sequence, hash FROM audit_auditchainhead")
        row = cursor.fetchone()
        manifest.audit_chain = {"sequence": row[0], "hash": row[1]} if row else {}


def referenced_files(cursor, tables: list[str]) -> set[str]:
    """Names stored in every FileField: the files the database expects to find."""
    names: set[str] = set()
    for model in apps.get_models():
        if model._meta.db_table not in tables:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                column, table = quote(field.column), quote(model._meta.db_table)
                cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
                names.update(row[0] for row in cursor.fetchall())
    return names


# --- backup ----------------------------------------------------------------------------------------


def dump(alias: str, target: Path, manifest: Manifest) -> set[str]:
    """Write the database of ``alias`` to ``target``; fill the manifest from the same snapshot.
    Returns the file names the database refers to."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        return _dump_sqlite(connection, target, manifest)
    if connection.vendor == "postgresql":
        return _dump_postgresql(connection, target, manifest)
    raise ArchiveError(f"不支持备份 {connection.vendor} 数据库")


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [row[0] for row in cursor.fetchall()]


def _dump_sqlite(connection, target: Path, manifest: Manifest) -> set[str]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # one step: a consistent snapshot of the whole file
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file in the archive
        cursor = copy.cursor()
        tables = _sqlite_tables(cursor)
        describe(cursor, tables, manifest)
        return referenced_files(cursor, tables)
    finally:
        copy.close()


def _dump_postgresql(connection, target: Path, manifest: Manifest) -> set[str]:
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                _binary("pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target}",
                *_pg_connection_arguments(connection.settings_dict),
            ],
            connection.settings_dict,
        )
        tables = connection.introspection.table_names(cursor)
        describe(cursor, tables, manifest)
        return referenced_files(cursor, tables)


# --- restore ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def target_connection(config: dict) -> Iterator:
    """A Django connection to the database being restored (an alias of its own). A PostgreSQL
    database that does not exist yet is created (the role needs CREATEDB)."""
    if config["ENGINE"] == "django.db.backends.postgresql":
        _create_if_missing(config)
    settings = connections.configure_settings({"default": dict(config), TARGET_ALIAS: dict(config)})
    connection = load_backend(config["ENGINE"]).DatabaseWrapper(settings[TARGET_ALIAS], TARGET_ALIAS)
    # Registered for this thread only (``using(TARGET_ALIAS)`` finds it), not in the settings.
    connections[TARGET_ALIAS] = connection
    try:
        yield connection
    finally:
        connection.close()
        del connections[TARGET_ALIAS]


def _create_if_missing(config: dict) -> None:
    import psycopg
    from psycopg import sql

    options = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as maintenance:
        exists = maintenance.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if not exists:
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def load(connection, source: Path, backend: str) -> None:
    """Load the archived database into the (empty) database of ``connection``."""
    if connection.vendor != backend:
        raise ArchiveError(f"备份来自 {backend} 数据库，不能恢复到 {connection.vendor} 数据库")
    if _tables(connection):
        raise ArchiveError("目标数据库不是空库：恢复只写入新建的空数据库，不覆盖现有数据")
    if backend == "sqlite":
        connection.close()
        archived = sqlite3.connect(source)
        fresh = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            archived.backup(fresh)
        finally:
            archived.close()
            fresh.close()
        return
    connection.close()
    _run(
        [
            _binary("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *_pg_connection_arguments(connection.settings_dict),
            str(source),
        ],
        connection.settings_dict,
    )


def _tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return _sqlite_tables(cursor)
        return connection.introspection.table_names(cursor)


def describe_restored(connection, manifest: Manifest) -> None:
    with connection.cursor() as cursor:
        describe(cursor, _tables(connection), manifest)


# --- the PostgreSQL client programs ----------------------------------------------------------------


def _binary(name: str) -> str:
    directory = os.environ.get("GONGKAI_PG_BIN_DIR", "")
    path = str(Path(directory) / name) if directory else shutil.which(name)
    if not path or not Path(path).exists():
        raise ArchiveError(f"找不到 {name}：请安装 PostgreSQL 客户端程序，或用 GONGKAI_PG_BIN_DIR 指定其目录")
    return path


def _pg_connection_arguments(settings: dict) -> list[str]:
    arguments = [f"--dbname={settings['NAME']}"]
    if settings.get("HOST"):
        arguments.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        arguments.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        arguments.append(f"--username={settings['USER']}")
    return [*arguments, "--no-password"]


def _run(command: list[str], settings: dict) -> None:
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    # The PostgreSQL client programs with arguments built here (no shell): S603 does not apply.
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        program = Path(command[0]).name
        raise ArchiveError(f"{program} 失败（退出码 {result.returncode}）：{result.stderr.strip()[-2000:]}")
