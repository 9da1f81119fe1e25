"""Seed the national calendar from chinese-calendar so that a fresh database can count deadlines."""

import datetime as dt

from django.db import migrations


def forward(apps, schema_editor):
    from gongkai.workdays.seed import seed

    seed(
        apps.get_model("workdays", "CalendarYear"),
        apps.get_model("workdays", "CalendarDay"),
        apps.get_model("workdays", "CalendarRevision"),
        today=dt.date.today(),
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_calendar")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
