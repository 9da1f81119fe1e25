"""An index in the public list's order (the published reply's date, then the id), published
messages only: the list's first page is read from it instead of sorting every published message
(measured 20.6 → 0.14 ms at 3,500 published of 10,000 on PostgreSQL). On a large table PostgreSQL
builds it under a lock that holds message writes for the build's time (seconds)."""

from django.db import migrations, models
from django.db.models.functions import Coalesce


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_account_security"),
        ("interaction", "0004_published_replied_on"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                Coalesce("published_replied_on", "replied_on").desc(),
                models.F("id").desc(),
                condition=models.Q(published=True),
                name="message_published_order",
            ),
        ),
    ]
