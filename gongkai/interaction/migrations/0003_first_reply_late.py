"""The cache of whether the first reply was late, apart from ``late`` (which a reply after reopening
also sets): the statistics' "replied on time" counts the first reply alone.

Messages never reopened have one reply, so the new column equals ``late`` for them; for reopened
ones ``manage.py rebuild_message_clocks`` replays the events (the calendar is needed).
"""

from django.db import migrations, models


def backfill(apps, schema_editor):
    Message = apps.get_model("interaction", "Message")
    MessageEvent = apps.get_model("interaction", "MessageEvent")
    reopened = MessageEvent.objects.filter(action="reopen").values("message_id")
    Message.objects.filter(first_replied_on__isnull=False, late=True).exclude(pk__in=reopened).update(
        first_reply_late=True
    )


class Migration(migrations.Migration):
    dependencies = [("interaction", "0002_event_append_only_triggers")]

    operations = [
        migrations.AddField(
            model_name="message",
            name="first_reply_late",
            field=models.BooleanField(default=False, verbose_name="首次答复逾期"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
