"""Publishing a report revision as a catalogue item in the column “年度报告” (genre annual_report)."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Item
from gongkai.reports import render

COLUMN_CODE = "annual_report"
GENRE = "annual_report"


def publish_to_catalog(revision, *, actor, on: dt.date) -> int:
    """Create and publish the catalogue item carrying ``revision``; returns its id."""
    report = revision.report
    document = {**revision.figures["agency"], "status": "published", "revision": revision.number}
    document["published_on"] = on.isoformat()
    # The item page gives the title and the dates itself: the report's own heading is left out (the
    # catalogue's sanitiser would keep its text without the <h1>, a loose line above the report).
    context = {**render.context(document, with_charts=False), "catalogue_copy": True}
    body = render_to_string("reports/_document.html", context)
    title = render.title(document)
    if revision.number > 1:
        title += f"（第{revision.number}版，更正）"
    item = catalog_services.create_item(
        actor=actor,
        agency=report.agency,
        title=title,
        genre=GENRE,
        body=body,
        formed_on=on,
        disclosure="proactive",
        columns=[COLUMN_CODE],
    )
    catalog_services.publish_item(item, actor=actor, on=on)
    _supersede_previous(revision, item, actor=actor, on=on)
    return item.pk


def _supersede_previous(revision, item, *, actor, on) -> None:
    """A correction marks the previous revision's item 已修改, linked to the corrected one."""
    if revision.number <= 1:
        return
    previous = revision.report.revisions.filter(number=revision.number - 1).first()
    old = Item.objects.filter(pk=previous.catalog_item_id).first() if previous else None
    if old is not None and old.validity == "valid":
        catalog_services.amend_item(old, actor=actor, on=on, successor=item)
