"""Message events are append-only at the database level, like the audit trail.

PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE (DELETE stays possible there because
Django flushes SQLite test databases with DELETE). See ``gongkai.core.append_only``.
"""

from django.db import migrations

from gongkai.core.append_only import append_only_triggers


class Migration(migrations.Migration):
    dependencies = [("interaction", "0001_initial")]
    operations = [
        append_only_triggers(
            table="interaction_messageevent",
            trigger="message_event",
            function="gongkai_message_event_append_only",
            what="message events",
        )
    ]
