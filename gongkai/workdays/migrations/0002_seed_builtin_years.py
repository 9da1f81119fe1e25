"""Seed the national calendar so that a fresh database can count deadlines.

Reads the frozen data file (the State Council notices 2004–2026 as chinese-calendar 1.11.0 has
them) with its fixed confirmation date: the result never depends on the day the migration runs
or on the installed package, and the migration imports no application code.
"""

import json
import uuid
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "builtin_years.json"


def forward(apps, schema_editor):
    calendar_year = apps.get_model("workdays", "CalendarYear")
    calendar_day = apps.get_model("workdays", "CalendarDay")
    calendar_revision = apps.get_model("workdays", "CalendarRevision")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    present = set(calendar_year.objects.filter(region="").values_list("year", flat=True))
    for year, days in data["years"].items():
        if int(year) in present:
            continue
        calendar_year.objects.create(
            year=int(year), region="", source=data["source"], confirmed_on=data["confirmed_on"]
        )
        calendar_day.objects.bulk_create(
            [calendar_day(date=day, region="", kind=kind, name=name) for day, kind, name in days]
        )
    calendar_revision.objects.create(token=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_calendar")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
