"""Make the audit table append-only at the database level (see ``gongkai.core.append_only``).

PostgreSQL refuses UPDATE and DELETE (TRUNCATE, used only to flush test databases, is a
statement-level operation and not affected). SQLite refuses UPDATE; DELETE is left possible
there because Django flushes SQLite test databases with DELETE.
"""

from django.db import migrations

from gongkai.core.append_only import append_only_triggers


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [
        append_only_triggers(
            table="audit_auditevent",
            trigger="audit_event",
            function="gongkai_audit_append_only",
            what="audit events",
        )
    ]
