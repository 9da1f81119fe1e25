"""PostgreSQL (15) has no skip scan: the report's covering indexes lead with the agency there.

SQLite keeps the indexes of 0002, which it walks by skip-scan through (applicant type, outcome)
and (kind) and groups without a sort; PostgreSQL reads these agency-first indexes with an
index-only scan per agency and hashes the groups (bench/reports_bench.py).
"""

from django.db import migrations

POSTGRESQL_INDEXES = [
    (
        "reports_application_agency_year",
        "applications_application",
        "agency_id, concluded_on, received_on, applicant_type, outcome",
    ),
    ("reports_review_agency_filed", "applications_review", "agency_id, filed_on, kind, decided_on, result"),
]
SQLITE_ONLY = ["reports_application_year", "reports_review_filed", "reports_application_received"]
SQLITE_SHAPES = {
    "reports_application_year": (
        "applications_application",
        "applicant_type, outcome, concluded_on, received_on, agency_id",
    ),
    "reports_review_filed": ("applications_review", "kind, filed_on, decided_on, result, agency_id"),
    "reports_application_received": ("applications_application", "received_on, agency_id"),
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SQLITE_ONLY:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for name, table, columns in POSTGRESQL_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in POSTGRESQL_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for name, (table, columns) in SQLITE_SHAPES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_report_indexes")]

    operations = [migrations.RunPython(forward, backward)]
