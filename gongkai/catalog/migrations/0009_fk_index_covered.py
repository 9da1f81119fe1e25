"""The items' own index on ``agency_id`` goes: the (agency, state), (agency, abolished_on) and
(agency, genre, published_on) indexes lead with the same column and serve every lookup by agency,
and each insert or update maintained one more index.

Only the index is dropped (``AlterField`` would drop and re-validate the foreign key on PostgreSQL
and rebuild the table on SQLite)."""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "catalog_item_agency_id_07cf1d3c"


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_account_security"),
        ("catalog", "0008_selfcheck_policy_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="item",
                    name="agency",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="catalog_items",
                        to="agencies.agency",
                        verbose_name="发布机构",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "catalog_item" ("agency_id")',
                ),
            ],
        ),
    ]
