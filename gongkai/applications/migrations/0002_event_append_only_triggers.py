"""Application events are append-only at the database level, like the audit trail.

PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE (DELETE stays possible there because
Django flushes SQLite test databases with DELETE).
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION gongkai_application_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'application events are append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER application_event_append_only
    BEFORE UPDATE OR DELETE ON applications_applicationevent
    FOR EACH ROW EXECUTE FUNCTION gongkai_application_event_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS application_event_append_only ON applications_applicationevent;
DROP FUNCTION IF EXISTS gongkai_application_event_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER application_event_no_update BEFORE UPDATE ON applications_applicationevent
BEGIN
    SELECT RAISE(ABORT, 'application events are append-only (UPDATE refused)');
END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS application_event_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
