"""Chain the audit trail: every event gets a sequence number, its predecessor's hash and its own.

Events already recorded are chained in insertion order (by id). The append-only trigger refuses
UPDATE, so it is lifted for the one statement per event that fills the new columns and put back
afterwards; on SQLite, adding columns rebuilds the table, which drops the trigger anyway.
"""

import datetime as dt

from django.db import migrations, models

from gongkai.audit import chain
from gongkai.core.append_only import append_only_sql

TRIGGER_SQL = append_only_sql(
    table="audit_auditevent",
    trigger="audit_event",
    function="gongkai_audit_append_only",
    what="audit events",
)


def _lift_trigger(schema_editor):
    statements = TRIGGER_SQL.get(schema_editor.connection.vendor)
    if statements:
        schema_editor.execute(statements[1])


def _restore_trigger(schema_editor):
    statements = TRIGGER_SQL.get(schema_editor.connection.vendor)
    if statements:
        schema_editor.execute(statements[1])
        schema_editor.execute(statements[0])


def chain_existing_events(apps, schema_editor):
    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditChainHead")
    _lift_trigger(schema_editor)
    previous_hash, sequence = chain.GENESIS, 0
    for event in event_model.objects.order_by("id").iterator(chunk_size=2000):
        sequence += 1
        content = {
            "sequence": sequence,
            "at": event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor_id": event.actor_id,
            "actor_label": event.actor_label,
            "agency_id": event.agency_id,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "summary": event.summary,
            "data": event.data,
        }
        digest = chain.link_hash(previous_hash, content)
        event_model.objects.filter(pk=event.pk).update(
            sequence=sequence, previous_hash=previous_hash, hash=digest
        )
        previous_hash = digest
    head_model.objects.update_or_create(pk=1, defaults={"sequence": sequence, "hash": previous_hash})


def restore_trigger(apps, schema_editor):
    _restore_trigger(schema_editor)


def lift_trigger(apps, schema_editor):
    _lift_trigger(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        # Unapplying ends here: the trigger of 0002 comes back.
        migrations.RunPython(migrations.RunPython.noop, restore_trigger),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sequence", models.PositiveBigIntegerField(default=0, verbose_name="最后链序号")),
                ("hash", models.CharField(default=chain.GENESIS, max_length=64, verbose_name="最后哈希")),
            ],
            options={"verbose_name": "审计链头", "verbose_name_plural": "审计链头", "default_permissions": ()},
        ),
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="链序号"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="前一哈希"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="哈希"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, lift_trigger),
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="链序号"),
        ),
        migrations.RunPython(restore_trigger, lift_trigger),
    ]
