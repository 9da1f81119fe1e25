"""Demo applications in every state for the demo agencies, dated relative to today."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.demo import set_up_on
from gongkai.agencies.models import Agency
from gongkai.applications import services
from gongkai.applications.intake import Applicant
from gongkai.applications.models import Application, GuideSettings
from gongkai.core.demo import DemoContext
from gongkai.core.errors import DomainError
from gongkai.core.identifiers import resident_id_check_character
from gongkai.core.system import SYSTEM

MARK = "【演示】"
BY = "_by"  # in an act's fields: the demo user who performs it (default: the system)


def _id(first17: str) -> str:
    return first17 + resident_id_check_character(first17)


PEOPLE = [
    Applicant("natural_person", "王小明", "resident_id", _id("43010219800101123"), phone="13907310001"),
    Applicant("natural_person", "李红", "resident_id", _id("43010419920315234"), phone="13907310002"),
    Applicant("natural_person", "陈建国", "resident_id", _id("43012119751120345"), phone="0731-88886666"),
]
FIRM = Applicant(
    "commercial",
    "赵经理",
    org_name="示范市星辰科技有限公司",
    org_code="91110000100000000R",
    phone="13907310003",
)
LAW_FIRM = Applicant("legal_service", "孙律师", org_name="示范律师事务所", phone="13907310004")

# (agency, applicant, description, received days ago or None for online, acts as (days ago, action, fields))
SCENARIOS = [
    ("sfs-fgw", PEOPLE[0], "本市2025年重大建设项目清单", None, []),
    ("sfs-fgw", PEOPLE[1], "示范市物价局2024年度停车收费标准核定文件", 3, []),
    ("sfs-fgw", FIRM, "2025年产业扶持资金拨付明细", 32, []),
    ("sfs-czj", PEOPLE[2], "2025年市本级一般公共预算执行情况", 24, []),
    (
        "sfs-czj",
        PEOPLE[0],
        "“某项目”的相关文件",
        8,
        [(6, "request_correction", {"items": ["请写明文件名称、文号或其他特征"]})],
    ),
    (
        "sfs-jxw",
        FIRM,
        "某企业技术改造项目的核准文件",
        12,
        [(9, "start_consultation", {"third_party": "示范市某制造有限公司"})],
    ),
    (
        "sfs-jxw",
        LAW_FIRM,
        "2020—2025年工业用地出让合同汇编",
        15,
        [(5, "fee_notice", {"method": "per_page", "pages": 120})],
    ),
    (
        "sfs-fgw",
        PEOPLE[1],
        "近三年价格监测报告",
        30,
        # Approved in the system by the reviewer (Art. 33: 政府信息公开工作机构负责人同意).
        [(10, "extend", {"days": 15, "reason": "涉及档案调取", BY: "fgw_reviewer"})],
    ),
    (
        "sfs-fgw",
        PEOPLE[2],
        "2023年以来本委行政处罚决定书",
        18,
        # 审核签发: the handler's draft waits for the reviewer (待签发 in fgw_reviewer's 待办). The records
        # are another agency's to disclose (Art. 10 谁制作谁公开): Art. 36(五), naming that agency.
        [
            (
                2,
                "draft_reply",
                {
                    "outcome": "unable.not_held",
                    "not_held": "other_agency",
                    "other_agency_name": "示范市市场监督管理局",
                    "other_agency_contact": "0731-12345801",
                    "reason": "所申请的行政处罚决定书由示范市市场监督管理局作出并保存，本委未制作、未保存相关文书。",
                    BY: "fgw_handler",
                },
            )
        ],
    ),
    (
        "sfs-czj",
        PEOPLE[1],
        "2024年部门决算公开表",
        40,
        [(20, "reply", {"outcome": "disclosed", "reason": "已按申请提供"})],
    ),
    (
        "sfs-fgw",
        FIRM,
        "某企业申报材料",
        60,
        [(45, "reply", {"outcome": "withheld.third_party", "reason": "涉及商业秘密"})],
    ),
    ("sfs-dcz", PEOPLE[2], "东城镇2025年低保名单", 20, [(12, "withdraw", {})]),
    (
        "sfs-dcz",
        PEOPLE[0],
        "有关“那件事”的材料",
        50,
        [
            (48, "request_correction", {"items": ["请说明所需信息"], "respond_within_days": 5}),
            (20, "correction_lapsed", {}),
        ],
    ),
]


def load(context: DemoContext) -> None:
    today = timezone.localdate()
    _guides(context, today)
    if Application.objects.filter(description__startswith=MARK).exists():
        return
    agencies = {agency.code: agency for agency in Agency.objects.filter(code__startswith="sfs")}
    created = 0
    for code, applicant, description, days_ago, acts in SCENARIOS:
        agency = agencies.get(code)
        if agency is None:
            continue
        try:
            application = _create(agency, applicant, MARK + description, days_ago, today)
            for act_days_ago, action, fields in acts:
                _act(application, action, today - dt.timedelta(days=act_days_ago), fields, today)
        except DomainError as error:  # e.g. a calendar year not yet confirmed: keep what was made
            context.log(f"  跳过一项演示申请：{error.message}")
            continue
        created += 1
    if created:
        application = Application.objects.filter(description__contains="某企业申报材料").first()
        if application is not None and application.concluded_on:
            services.file_review(
                application,
                actor=SYSTEM,
                kind="review",
                filed_on=application.concluded_on + dt.timedelta(days=10),
                today=today,
            )
        pending = Application.objects.filter(description__contains="“某项目”的相关文件").first()
        if pending is not None and pending.state == "correction_requested":
            services.submit_correction(
                pending, text="所需文件为示范市财政局2025年发布的《关于某项目资金安排的通知》。", today=today
            )
        context.notes.append(
            f"演示申请：{created} 件（工作台 → 依申请公开；公开查询：/api/v1/public/track/<查询码>）"
        )


def _create(agency, applicant, description, days_ago, today):
    if days_ago is None:
        return services.submit_online(
            agency=agency, applicant=applicant, description=description, today=today
        )
    return services.register(
        actor=SYSTEM,
        agency=agency,
        channel="in_person",
        applicant=applicant,
        description=description,
        received_on=today - dt.timedelta(days=days_ago),
        format="electronic",
        delivery="email",
        today=today,
    )


def _act(application, action: str, on: dt.date, fields: dict, today: dt.date) -> None:
    fields = dict(fields)
    username = fields.pop(BY, None)
    actor = get_user_model().objects.filter(username=username).first() if username else None
    getattr(services, action)(application, actor=actor or SYSTEM, on=on, today=today, **fields)


def _guides(context: DemoContext, today: dt.date) -> None:
    """Every demo agency publishes its 政府信息公开指南 (Art. 12), generated from its settings, on
    the day it set up its columns."""
    published = 0
    for agency in Agency.objects.filter(code__startswith="sfs", active=True).select_related("parent"):
        if GuideSettings.objects.filter(agency=agency, item__isnull=False).exists():
            continue
        fax = agency.phone[:-2] + "99" if agency.phone else ""
        try:
            services.update_guide_settings(
                agency,
                actor=SYSTEM,
                fax=fax,
                accepts_fax=bool(fax),
                postal_address=agency.address,
                postal_code="410000",
                review_body=agency.parent.name if agency.parent else "",
                today=set_up_on(agency.code, today),
            )
        except DomainError as error:
            context.log(f"  跳过{agency.name}的政府信息公开指南：{error.message}")
            continue
        published += 1
    if published:
        context.notes.append(f"政府信息公开指南：{published} 个机构（信息公开目录 → 政府信息公开指南栏目）")
