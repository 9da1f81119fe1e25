"""Demo catalogue: the five real samples (data/samples/) published by the demo agencies.

The texts are kept as found (including the damaged 文号 of sample 000 and the Traditional
characters of sample 003); only page furniture around them (site headers, footers) is cut.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gongkai.catalog import services
from gongkai.catalog.models import Item
from gongkai.core.demo import DemoContext
from gongkai.core.system import SYSTEM

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
DEMO_OVERRIDE = "演示数据：原文已由发布机构公开，联系方式为单位办公电话"

# (file prefix, lines [first, last] 1-based inclusive, agency code, fields)
ITEMS = [
    (
        "001",
        (12, 49),
        "sfs",
        {
            "title": "迎江区政府信息公开整改提升月活动总结",
            "genre": "other",
            "topic": "general",
            "audience": ["citizen"],
            "keywords": "政府信息,公开,整改,总结",
            "summary": "根据市政府办公室《关于开展全市政府信息公开整改提升月活动的通知》和《关于做好2014年全省政务公开考评反馈问题整改工作的通知》要求，"
            "迎江区政府针对政府信息公开工作做好全面的自查整改，并采取有力措施，抓好政府信息公开整改提升月活动，全面提升政务公开水平和实效。",
            "source": "市政府办公室",
            "formed_on": dt.date(2015, 5, 29),
            "columns": ["key_areas"],
            "published_on": dt.date(2015, 5, 29),
        },
    ),
    (
        "000",
        (5, 29),
        "sfs-jxw",
        {
            "title": "市经信委2017年政府信息公开工作年度报告",
            "genre": "annual_report",
            "topic": "industry_transport",
            "audience": ["citizen", "legal_person", "other_organisation"],
            "keywords": "政务公开,年度报告,2017",
            "summary": "市经信委2017年推进信息公开、优化政务服务、加强网站管理的情况。",
            "source": "办公室",
            "formed_on": dt.date(2018, 1, 30),
            "published_on": dt.date(2018, 1, 31),
        },
    ),
    (
        "002",
        (2, 26),
        "sfs-fgw",
        {
            "title": "芗城区外经局2008年政府信息公开工作年度报告",
            "genre": "annual_report",
            "topic": "commerce",
            "audience": ["citizen", "legal_person"],
            "keywords": "年度报告,统计,2008",
            "summary": "2008年政府信息主动公开、依申请公开、咨询、复议诉讼申诉、支出与收费情况及统计表。",
            "formed_on": dt.date(2009, 3, 2),
            "columns": ["annual_report", "art20-04"],
            "published_on": dt.date(2009, 3, 10),
        },
    ),
    (
        "003",
        (3, 6),
        "sfs-xsjd",
        {
            "title": "太阳城社区“不见面、马上办”政务服务工作情况汇报",
            "genre": "news",
            "topic": "civil_affairs",
            "audience": ["citizen"],
            "keywords": "不见面马上办,政务服务,社区",
            "summary": "太阳城社区接通政务服务网后开展“代办制、就近办、最多跑一次”服务的情况。",
            "formed_on": dt.date(2023, 3, 6),
            "published_on": dt.date(2023, 3, 6),
        },
    ),
    (
        "004",
        (15, 26),
        "sfs-zsj",
        {
            "title": "政务公开工作总结和下一步工作方案",
            "genre": "plan",
            "topic": "general",
            "audience": ["citizen", "legal_person"],
            "keywords": "政务公开,工作总结,工作方案",
            "summary": "市政数局推进决策、执行、管理、服务、结果公开和重点领域信息公开的情况及下一步安排。",
            "formed_on": dt.date(2023, 6, 1),
            "published_on": dt.date(2023, 6, 5),
        },
    ),
]


def sample_text(prefix: str, lines: tuple[int, int]) -> str:
    path = next(SAMPLES.glob(f"{prefix}_*.txt"))
    rows = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(row for row in rows[lines[0] - 1 : lines[1]] if row.strip())


def _publish(agency, fields: dict, body: str) -> Item:
    existing = Item.objects.filter(agency=agency, title=fields["title"]).first()
    if existing is not None:
        return existing
    fields = dict(fields)
    on = fields.pop("published_on")
    item = services.create_item(actor=SYSTEM, agency=agency, body=body, **fields)
    return services.publish_item(item, actor=SYSTEM, on=on, override_reason=DEMO_OVERRIDE)


def load(context: DemoContext) -> None:
    published = {}
    for prefix, lines, code, fields in ITEMS:
        agency = context.agencies.get(code)
        if agency is None:
            continue
        published[prefix] = _publish(agency, fields, sample_text(prefix, lines))
    report = published.get("000")
    if report is not None:
        _publish(
            report.agency,
            {
                "title": "图解：市经信委2017年政府信息公开工作年度报告",
                "genre": "interpretation",
                "topic": "industry_transport",
                "interprets": report,
                "summary": "用图表说明2017年度报告的主要内容。",
                "formed_on": dt.date(2018, 1, 31),
                "published_on": dt.date(2018, 2, 2),
            },
            "一图读懂：2017年我委推进信息公开、优化政务服务、加强网站管理三个方面的主要做法和下一步安排。",
        )
    context.notes.append(f"主动公开目录：已发布{Item.objects.public().count()}条示例信息（/catalog/）。")
