"""Covering indexes for the annual report's aggregate queries (bench/reports_bench.py).

Each table of the report is one query that reads only these indexes (no table rows):
table 3 skips through (applicant type, outcome) and takes the range concluded_on ≥ 1 Jan (or NULL),
grouping without a sort; table 2 reads rules and normative documents by genre; table 4 skips
through the three kinds and takes the filing-date range; the monthly chart and the fee figures
read date ranges. The indexes live here, with the queries that need them, not in the apps that
own the tables. On SQLite the skip-scan plans need statistics: run ``PRAGMA optimize`` (or
``ANALYZE``) after bulk imports.
"""

from django.db import migrations

INDEXES = [
    (
        "reports_application_year",
        "applications_application",
        "applicant_type, outcome, concluded_on, received_on, agency_id",
    ),
    ("reports_application_received", "applications_application", "received_on, agency_id"),
    ("reports_item_genre", "catalog_item", "genre, state, published_on, abolished_on, agency_id"),
    ("reports_review_filed", "applications_review", "kind, filed_on, decided_on, result, agency_id"),
    ("reports_event_action", "applications_applicationevent", 'action, "on", application_id'),
]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("applications", "0001_initial"),
        ("catalog", "0001_catalogue"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
