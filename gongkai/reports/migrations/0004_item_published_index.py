"""Covering index for the overview's “items published in the year by column” (bench/reports_bench.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_postgresql_report_indexes")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS reports_item_published ON catalog_item (published_on, state, agency_id, id)",
            reverse_sql="DROP INDEX IF EXISTS reports_item_published",
        )
    ]
