"""The built-in years' source in words staff read: the State Council's notices, not the name and
version of the package that transcribed them (issue 11, item 12)."""

from django.db import migrations

OLD = "国务院办公厅节假日安排通知（chinese-calendar 1.11.0 收录）"
NEW = "国务院办公厅历年部分节假日安排的通知（系统内置）"


def forward(apps, schema_editor):
    calendar_year = apps.get_model("workdays", "CalendarYear")
    calendar_year.objects.filter(
        region="", source__startswith="国务院办公厅节假日安排通知（chinese-calendar"
    ).update(source=NEW)


def backward(apps, schema_editor):
    apps.get_model("workdays", "CalendarYear").objects.filter(region="", source=NEW).update(source=OLD)


class Migration(migrations.Migration):
    dependencies = [("workdays", "0002_seed_builtin_years")]
    operations = [migrations.RunPython(forward, backward)]
