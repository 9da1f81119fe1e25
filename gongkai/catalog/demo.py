"""Demo catalogue: the five real samples (data/samples/) published by the demo agencies.

The texts are kept as found (including the damaged 文号 of sample 000 and the Traditional
characters of sample 003); only page furniture around them (site headers, footers) is cut.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

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

# Recent 工作动态 and 通知公告 of different agencies: (agency code, days before the demo is loaded,
# fields, body). A real portal's home page leads with such news. They keep the 工作动态 columns of
# the agencies that have one up to date (2 weeks, ``columns_stale``), and the city's home page
# (``home_stale``); 西山街道 publishes a notice only: its 工作动态 column stays stale.
RECENT = [
    (
        "sfs",
        0,
        {
            "title": "示范市召开政务公开工作推进会",
            "genre": "news",
            "topic": "general",
            "keywords": "政务公开,推进会",
            "summary": "会议通报全市政务公开自查情况，部署下一阶段整改提升工作。",
            "source": "市政务公开办",
        },
        "<p>市政府召开全市政务公开工作推进会，通报近期政务公开自查评估情况，部署下一阶段整改提升工作。</p>"
        "<p>会议要求，各单位要对照自查发现的问题逐项整改，及时更新工作动态、通知公告等栏目，"
        "做好政策文件与解读材料同步发布，依法规范办理政府信息公开申请。</p>",
    ),
    (
        "sfs-fgw",
        1,
        {
            "title": "关于组织申报下一年度市重点建设项目的通知",
            "genre": "notice",
            "topic": "economy",
            "audience": ["legal_person"],
            "keywords": "重点建设项目,申报",
            "summary": "请各县区、各有关单位按要求组织申报下一年度市重点建设项目。",
        },
        "<p>各县区发展改革部门，市直各有关单位：</p>"
        "<p>为做好下一年度市重点建设项目安排工作，现就项目申报有关事项通知如下：申报项目应符合国家产业政策和本市发展规划，"
        "前期工作已基本完成；请于本通知发布之日起30日内，通过投资项目在线审批监管平台报送申报材料。</p>",
    ),
    (
        "sfs-czj",
        2,
        {
            "title": "市财政局下达城乡居民基本医疗保险财政补助资金",
            "genre": "news",
            "topic": "finance",
            "keywords": "医疗保险,财政补助",
            "summary": "市财政局按标准下达城乡居民基本医疗保险市级财政补助资金。",
        },
        "<p>近日，市财政局会同市医疗保障局，按照城乡居民基本医疗保险财政补助标准，向各县区下达市级财政补助资金，"
        "用于保障参保群众医疗待遇。</p><p>市财政局要求各县区及时足额拨付配套资金，加强资金监管，确保专款专用。</p>",
    ),
    (
        "sfs-zsj",
        3,
        {
            "title": "市政数局推进高频政务服务事项“一网通办”",
            "genre": "news",
            "topic": "general",
            "keywords": "政务服务,一网通办",
            "summary": "市政数局梳理高频政务服务事项，推动网上办、就近办、一次办。",
        },
        "<p>市政务服务和数据管理局梳理企业和群众办事频率高的政务服务事项，推动申请材料共享复用、"
        "办理流程优化整合，实现更多事项网上办、就近办、一次办。</p>"
        "<p>下一步，市政数局将持续完善市政务服务网功能，提升线上线下办事体验。</p>",
    ),
    (
        "sfs-jxw",
        5,
        {
            "title": "市经信委开展规模以上工业企业安全生产专项检查",
            "genre": "news",
            "topic": "industry_transport",
            "keywords": "安全生产,工业企业,专项检查",
            "summary": "市经信委组织对全市规模以上工业企业开展安全生产专项检查。",
        },
        "<p>市经信委组织检查组，对全市规模以上工业企业开展安全生产专项检查，重点检查企业安全生产责任制落实、"
        "隐患排查治理和应急预案演练等情况。</p><p>对检查发现的问题，检查组当场反馈并督促企业限期整改。</p>",
    ),
    (
        "sfs-xsjd",
        6,
        {
            "title": "西山街道关于老旧小区加装电梯意愿征询的公告",
            "genre": "notice",
            "topic": "construction_environment",
            "audience": ["citizen"],
            "keywords": "老旧小区,加装电梯",
            "summary": "西山街道就辖区老旧小区既有住宅加装电梯征询居民意愿。",
        },
        "<p>为改善老旧小区居民出行条件，西山街道拟在辖区老旧小区推进既有住宅加装电梯工作。"
        "请有意愿的居民于本公告发布之日起15日内到所在社区居委会登记。</p>",
    ),
    (
        "sfs-fgw",
        8,
        {
            "title": "市发展改革委召开重点项目建设调度会",
            "genre": "news",
            "topic": "economy",
            "keywords": "重点项目,调度会",
            "summary": "调度全市重点项目建设进度，协调解决项目推进中的问题。",
        },
        "<p>市发展改革委召开重点项目建设调度会，听取各县区重点项目建设进展情况汇报，"
        "逐个协调解决用地、资金等方面的问题，要求加快项目建设进度，确保完成年度投资目标。</p>",
    ),
    (
        "sfs",
        9,
        {
            "title": "示范市人民政府办公室关于做好政务公开自查整改工作的通知",
            "genre": "notice",
            "topic": "general",
            "keywords": "政务公开,自查,整改",
            "summary": "部署各单位对照政府网站检查指标开展政务公开自查整改。",
            "source": "市政府办公室",
        },
        "<p>各县区人民政府，市政府各部门：</p><p>为进一步提升政务公开水平，请各单位对照政府网站与政务新媒体检查指标，"
        "对本单位主动公开目录、栏目更新、依申请公开办理等情况开展自查，建立问题清单，限期整改到位。</p>",
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
    today = timezone.localdate()
    for code, days_ago, fields, body in RECENT:
        agency = context.agencies.get(code)
        if agency is not None:
            on = today - dt.timedelta(days=days_ago)
            _publish(agency, {**fields, "formed_on": on, "published_on": on}, body)
    context.notes.append(f"主动公开目录：已发布{Item.objects.public().count()}条示例信息（/catalog/）。")
