"""Demo for the self-check: every demo agency but one publishes a 情况说明 (statement) in its
columns that have no content yet — what real portals do for a column with nothing to publish —
so the self-check shows passes, warnings and exactly one blank-columns veto (示范市东城镇人民政府)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.demo import DEMO_OVERRIDE
from gongkai.catalog.models import Column, Item
from gongkai.core.demo import DemoContext
from gongkai.core.system import SYSTEM

KEEP_BLANK = "sfs-dcz"  # the one agency left with blank columns: the demo's veto
TITLE = "关于部分栏目暂无公开信息的情况说明"


def load(context: DemoContext) -> None:
    from gongkai.agencies.models import Agency

    today = timezone.localdate()
    public = Item.objects.public().filter(columns=OuterRef("pk"))
    for agency in Agency.objects.filter(code__startswith="sfs", active=True).exclude(code=KEEP_BLANK):
        if Item.objects.filter(agency=agency, title=TITLE).exists():
            continue
        blank = list(Column.objects.filter(agency=agency).filter(~Exists(public)).order_by("order"))
        if not blank:
            continue
        names = "、".join(f"“{column.name}”" for column in blank)
        item = services.create_item(
            actor=SYSTEM,
            agency=agency,
            title=TITLE,
            genre="notice",
            formed_on=today,
            summary="本机关部分栏目暂无应公开的信息，特此说明。",
            body=f"<p>经梳理，本机关{names}栏目目前暂无应当公开的政府信息。相关信息产生后，将在法定时限内及时公开。</p>",
            columns=[column.code for column in blank],
        )
        services.publish_item(item, actor=SYSTEM, on=today, override_reason=DEMO_OVERRIDE)
