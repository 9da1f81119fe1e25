"""Demo for the self-check: every demo agency but one publishes a 情况说明 (statement) in its
columns that have no content yet — what real portals do for a column with nothing to publish —
so the self-check shows passes, warnings and exactly one blank-columns veto (示范市东城镇人民政府).
It does so on the day it set up its columns (``set_up_on``: different days months ago), as do the
items of its categories, so the home page leads with the recent news (``catalog.demo.RECENT``).

Before that (``record_categories``), most demo agencies record the Art. 20 categories that apply to
them and publish one item in each such category that has none yet, so ``mandatory_column_empty``
passes there; 市经信委 and 西山街道 leave theirs unrecorded (a warning) and 东城镇 records its
categories but publishes nothing in them (a failure listing each)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from gongkai.agencies.demo import set_up_on
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
        on = set_up_on(agency.code, today)
        item = services.create_item(
            actor=SYSTEM,
            agency=agency,
            title=TITLE,
            genre="notice",
            formed_on=on,
            summary="本机关部分栏目暂无应公开的信息，特此说明。",
            body=f"<p>经梳理，本机关{names}栏目目前暂无应当公开的政府信息。相关信息产生后，将在法定时限内及时公开。</p>",
            columns=[column.code for column in blank],
        )
        services.publish_item(item, actor=SYSTEM, on=on, override_reason=DEMO_OVERRIDE)


# Agency code → the Art. 20 categories beyond (一)(二) that apply to it.
CATEGORIES = {
    "sfs": [3, 4, 7, 11, 12, 13],
    "sfs-fgw": [3, 4, 10],
    "sfs-czj": [7, 8, 9],
    "sfs-zsj": [5],
    "sfs-dcz": [5, 11, 12],
}
# Category → title of the item an agency publishes in it ({name}: the agency's name).
CATEGORY_TITLES = {
    1: "{name}现行有效行政规范性文件目录",
    2: "{name}机构职能、内设机构和联系方式",
    3: "{name}“十五五”专项规划编制情况",
    4: "{name}2026年1—10月主要统计数据",
    5: "{name}政务服务事项清单及办理结果",
    7: "{name}2026年部门预算",
    8: "{name}行政事业性收费项目目录清单",
    9: "{name}2026年政府集中采购目录及标准",
    10: "{name}重大建设项目批准和实施情况",
    11: "{name}就业创业扶持政策及落实情况",
    12: "{name}突发公共事件总体应急预案",
    13: "{name}2026年安全生产监督检查情况",
}


def record_categories(context: DemoContext) -> None:
    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import CatalogSettings
    from gongkai.catalog.vocabulary import ART20_CATEGORY_COLUMNS

    today = timezone.localdate()
    public = Item.objects.public()
    for code, categories in CATEGORIES.items():
        agency = Agency.objects.filter(code=code, active=True).first()
        if (
            agency is None
            or CatalogSettings.objects.filter(agency=agency, art20_categories__isnull=False).exists()
        ):
            continue  # idempotent: recorded on the first load
        settings = services.set_art20_categories(agency, actor=SYSTEM, categories=categories)
        if code == KEEP_BLANK:
            continue
        on = set_up_on(code, today)
        for number in settings.art20_categories:
            columns = ART20_CATEGORY_COLUMNS[number]
            if public.filter(agency=agency, columns__code__in=columns).exists():
                continue
            item = services.create_item(
                actor=SYSTEM,
                agency=agency,
                title=CATEGORY_TITLES[number].format(name=agency.name),
                genre="other_document",
                formed_on=on,
                summary="按《中华人民共和国政府信息公开条例》第二十条主动公开。",
                body="<p>本信息依照《中华人民共和国政府信息公开条例》第二十条主动公开（演示数据）。</p>",
                columns=[columns[0]],
            )
            services.publish_item(item, actor=SYSTEM, on=on, override_reason=DEMO_OVERRIDE)
