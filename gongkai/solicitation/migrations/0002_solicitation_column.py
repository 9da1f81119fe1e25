"""Every existing agency gets the catalogue column 意见征集 (new agencies get it with the defaults).

The column's code and name are frozen here, not imported, so the migration means the same forever.
"""

from django.db import migrations

CODE, NAME = "solicitation", "意见征集"


def forward(apps, schema_editor):
    agency_model = apps.get_model("agencies", "Agency")
    column_model = apps.get_model("catalog", "Column")
    have = set(column_model.objects.filter(code=CODE).values_list("agency_id", flat=True))
    missing = []
    for agency_id in agency_model.objects.values_list("id", flat=True):
        if agency_id in have:
            continue
        last = (
            column_model.objects.filter(agency_id=agency_id)
            .order_by("-order")
            .values_list("order", flat=True)
        )
        missing.append(
            column_model(agency_id=agency_id, code=CODE, name=NAME, order=(last.first() or 0) + 10)
        )
    column_model.objects.bulk_create(missing, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("solicitation", "0001_initial"),
        ("catalog", "0002_seed_default_columns"),
        ("agencies", "0001_initial"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
