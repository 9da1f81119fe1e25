"""Append-only tables: rows are written once and never updated or deleted.

Used by the audit trail (``audit.AuditEvent``) and the application events
(``applications.ApplicationEvent``). The model refuses to save an existing row or delete one, its
queryset refuses bulk update/delete, and a migration built with :func:`append_only_triggers` makes
the database refuse it too: PostgreSQL refuses UPDATE and DELETE (TRUNCATE, used only to flush test
databases, is a statement-level operation and not affected); SQLite refuses UPDATE, DELETE staying
possible there because Django flushes SQLite test databases with DELETE.
"""

from django.db import migrations, models


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a row of an append-only table."""


def _refuse(model, verb: str):
    raise AppendOnlyError(f"{model.append_only_noun}只能追加，不能{verb}")


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk update and delete; the model names itself in ``append_only_noun``."""

    def update(self, **kwargs):
        _refuse(self.model, "修改")

    def delete(self):
        _refuse(self.model, "删除")


class AppendOnlyModel(models.Model):
    """Abstract base: a row may be inserted, never saved again nor deleted."""

    append_only_noun = "记录"

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            _refuse(self, "修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse(self, "删除")


def append_only_sql(*, table: str, trigger: str, function: str, what: str) -> dict:
    """``{vendor: (forward SQL, backward SQL)}`` for the refusing triggers on ``table``.

    ``trigger`` prefixes the trigger names (``<trigger>_append_only`` on PostgreSQL,
    ``<trigger>_no_update`` on SQLite), ``function`` names the PostgreSQL trigger function and
    ``what`` (e.g. "audit events") goes into the database's error message.
    """
    pg_forward = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{what} are append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {trigger}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    pg_backward = f"""
DROP TRIGGER IF EXISTS {trigger}_append_only ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    sqlite_forward = f"""
CREATE TRIGGER {trigger}_no_update BEFORE UPDATE ON {table}
BEGIN
    SELECT RAISE(ABORT, '{what} are append-only (UPDATE refused)');
END;
"""
    sqlite_backward = f"DROP TRIGGER IF EXISTS {trigger}_no_update;"
    return {
        "postgresql": (pg_forward, pg_backward),
        "sqlite": (sqlite_forward, sqlite_backward),
    }


def append_only_triggers(*, table: str, trigger: str, function: str, what: str):
    """The ``RunPython`` operation installing (and removing) the triggers of :func:`append_only_sql`."""
    sql = append_only_sql(table=table, trigger=trigger, function=function, what=what)

    def forward(apps, schema_editor):
        statements = sql.get(schema_editor.connection.vendor)
        if statements:
            schema_editor.execute(statements[0])

    def backward(apps, schema_editor):
        statements = sql.get(schema_editor.connection.vendor)
        if statements:
            schema_editor.execute(statements[1])

    return migrations.RunPython(forward, backward)
