"""Every existing agency gets its default columns (new agencies get them on creation)."""

from django.db import migrations


def forward(apps, schema_editor):
    from gongkai.catalog.columns import seed_default_columns

    agency_model = apps.get_model("agencies", "Agency")
    seed_default_columns(
        agency_model.objects.values_list("id", flat=True), apps.get_model("catalog", "Column")
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_catalogue"), ("agencies", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
