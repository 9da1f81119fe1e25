"""The backend-specific full-text structures: FTS5 on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

# Kept in step with backends/sqlite_fts5.py (a migration must not import code that may change).
FTS5_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "body, content='', tokenize='ascii', detail='full')"
)
GIN_SQL = "CREATE INDEX IF NOT EXISTS search_section_tsv_gin ON search_searchsection USING gin (tsv)"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(FTS5_SQL)
    elif vendor == "postgresql":
        schema_editor.execute(GIN_SQL)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_section_tsv_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
