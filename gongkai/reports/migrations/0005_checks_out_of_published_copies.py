"""Remove the internal cross-check lines ("［通过］每行…") that earlier versions printed into the
catalogue copies of published annual reports (issue 11, item 7): the checks are the compilers' tool,
not part of the national format. Bodies and their derived text are cleaned in place; run
``manage.py reindex`` afterwards so that the search index forgets the lines too."""

import re

from django.db import migrations

CHECK_LIST = re.compile(r"\s*<ul[^>]*>(?:\s*<li[^>]*>［(?:通过|未通过)］.*?</li>)+\s*</ul>", re.DOTALL)
CHECK_LINE = re.compile(r"^［(?:通过|未通过)］.*$\n?", re.MULTILINE)


def forward(apps, schema_editor):
    Item = apps.get_model("catalog", "Item")
    for item in Item.objects.filter(genre="annual_report", body__contains="］").only(
        "pk", "body", "body_text"
    ):
        body = CHECK_LIST.sub("", item.body)
        body_text = CHECK_LINE.sub("", item.body_text)
        if body != item.body or body_text != item.body_text:
            Item.objects.filter(pk=item.pk).update(body=body, body_text=body_text)


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_item_published_index"), ("catalog", "0004_publication_signoff")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
