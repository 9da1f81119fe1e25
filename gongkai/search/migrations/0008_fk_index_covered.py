"""The sections' own index on ``document_id`` goes: the unique (document, ordinal) constraint leads
with the same column, so it serves every lookup and the cascade, and each insert maintained both.

Only the index is dropped (``AlterField`` would drop and re-validate the foreign key on PostgreSQL,
a scan of the whole table under lock, and rebuild the table on SQLite)."""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "search_searchsection_document_id_66b463c3"


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_title_expression_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchsection",
                    name="document",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="search.searchdocument",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "search_searchsection" ("document_id")',
                ),
            ],
        ),
    ]
