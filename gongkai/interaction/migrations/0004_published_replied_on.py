"""The cache of the date of the reply a message's published wording was made for: a message replied
again after reopening shows its published (earlier) reply with that reply's date, not the new one's.

The backfill replays what ``deadlines`` does: the latest reply before the message's last publication,
in the events' order (``on``, ``id``); a wording without a publication event (none is expected) takes
``replied_on``. No calendar is involved, so no clock rebuild is needed after this migration.
"""

from django.db import migrations, models

CHUNK = 500


def backfill(apps, schema_editor):
    Message = apps.get_model("interaction", "Message")
    MessageEvent = apps.get_model("interaction", "MessageEvent")
    published = MessageEvent.objects.filter(action="publish").values("message_id")
    events = (
        MessageEvent.objects.filter(action__in=("reply", "publish"), message_id__in=published)
        .order_by("message_id", "on", "id")
        .values_list("message_id", "action", "on")
    )
    latest_reply, wording_of = {}, {}
    for message_id, action, on in events.iterator(chunk_size=2000):
        if action == "reply":
            latest_reply[message_id] = on
        elif message_id in latest_reply:
            wording_of[message_id] = latest_reply[message_id]
    by_date = {}
    for message_id, on in wording_of.items():
        by_date.setdefault(on, []).append(message_id)
    for on, ids in by_date.items():
        for start in range(0, len(ids), CHUNK):
            Message.objects.filter(pk__in=ids[start : start + CHUNK]).update(published_replied_on=on)
    Message.objects.filter(published_replied_on__isnull=True, replied_on__isnull=False).exclude(
        published_title=""
    ).update(published_replied_on=models.F("replied_on"))


class Migration(migrations.Migration):
    dependencies = [("interaction", "0003_first_reply_late")]

    operations = [
        migrations.AddField(
            model_name="message",
            name="published_replied_on",
            field=models.DateField(blank=True, null=True, verbose_name="公开答复的答复日期"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
