"""A published demo report: last year's report of the demo finance bureau, computed from demo
applications dated in that year, so the portal's 年度报告 page has something to show."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications import services as applications
from gongkai.applications.intake import Applicant
from gongkai.core.demo import DemoContext
from gongkai.core.errors import DomainError
from gongkai.core.identifiers import resident_id_check_character
from gongkai.core.system import SYSTEM
from gongkai.reports import services
from gongkai.reports.models import ReportRevision

AGENCY = "sfs-czj"
MARK = "【演示·年报】"
PERSON = Applicant(
    "natural_person",
    "周敏",
    "resident_id",
    "43010219850608456" + resident_id_check_character("43010219850608456"),
    phone="13907310005",
)
FIRM = Applicant(
    "commercial",
    "钱经理",
    org_name="示范市远航物流有限公司",
    org_code="91110000100000000R",
    phone="13907310006",
)
# (applicant, description, received (month, day), reply (month, day) or None, outcome)
CASES = [
    (PERSON, "部门预算公开表", (3, 3), (3, 17), "disclosed"),
    (FIRM, "政府采购合同", (4, 7), (4, 28), "partially_disclosed"),
    (PERSON, "某项目资金拨付凭证", (6, 2), (6, 20), "withheld.process_info"),
    (FIRM, "某企业纳税信息", (8, 11), (8, 25), "unable.not_held"),
    (PERSON, "年度决算说明", (12, 22), None, ""),  # carried forward into this year
]


def load(context: DemoContext) -> None:
    agency = Agency.objects.filter(code=AGENCY).first()
    today = timezone.localdate()
    year = today.year - 1
    if agency is None or ReportRevision.objects.filter(report__agency=agency, report__year=year).exists():
        return
    try:
        for applicant, description, received, replied, outcome in CASES:
            application = applications.register(
                actor=SYSTEM,
                agency=agency,
                channel="in_person",
                applicant=applicant,
                description=MARK + description,
                received_on=dt.date(year, *received),
                today=today,
            )
            if replied:
                applications.reply(
                    application, actor=SYSTEM, on=dt.date(year, *replied), outcome=outcome, today=today
                )
        services.save_inputs(
            agency,
            year,
            actor=SYSTEM,
            licensing_decisions=0,
            penalty_decisions=2,
            coercion_decisions=0,
            fee_income_wan_yuan="12.50",
            narrative={
                "overview": f"{year}年，本局认真贯彻《中华人民共和国政府信息公开条例》，主动公开财政预决算等信息。",
                "problems": "政策解读形式较为单一，下一步将增加图解、问答等形式。",
                "other": "本年度未收取信息处理费。",
            },
        )
        services.publish_report(agency, year, actor=SYSTEM, on=min(today, dt.date(today.year, 1, 20)))
    except DomainError as error:  # e.g. last year's calendar not confirmed: the demo goes without
        context.log(f"  跳过演示年度报告：{error.message}")
        return
    context.notes.append(f"年度报告：已发布{agency.name}{year}年度报告（/reports/）。")
