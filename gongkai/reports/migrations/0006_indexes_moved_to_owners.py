"""The report's indexes now live in the models that own the tables (issue 13, item 1).

0002–0004 created them here in raw SQL, unknown to Django's model state: a table rebuild on
SQLite (any ``AlterField``) silently dropped them. ``applications.0005_report_indexes`` and
``catalog.0005_report_indexes`` declare the same shapes in ``Meta.indexes`` under the owners'
names (per backend where the shapes differ: ``gongkai.core.indexes.BackendIndex``); this drops the
raw-SQL copies. Reversing leaves them dropped: the owners' indexes serve the same queries.
"""

from django.db import migrations

RAW_SQL_INDEXES = [
    "reports_application_year",
    "reports_application_received",
    "reports_item_genre",
    "reports_review_filed",
    "reports_event_action",
    "reports_application_agency_year",
    "reports_review_agency_filed",
    "reports_item_published",
]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_checks_out_of_published_copies"),
        ("applications", "0005_report_indexes"),
        ("catalog", "0005_report_indexes"),
    ]

    operations = [
        migrations.RunSQL(f"DROP INDEX IF EXISTS {name}", reverse_sql=migrations.RunSQL.noop)
        for name in RAW_SQL_INDEXES
    ]
