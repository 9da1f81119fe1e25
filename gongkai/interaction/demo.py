"""Demo messages in every state for the demo agencies, dated relative to today: new, accepted,
transferred, extended, overdue, rejected, replied and published (with a FAQ), rated, reopened."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.core.demo import DemoContext
from gongkai.core.errors import DomainError
from gongkai.core.system import SYSTEM
from gongkai.interaction import services
from gongkai.interaction.models import Message

MARK = "【演示】"
WRITERS = [
    {"name": "周明", "phone": "13907311001", "email": "zhouming@example.org"},
    {"name": "吴芳", "phone": "0731-88881234", "email": ""},
    {"name": "郑强", "phone": "13907311002", "email": "zhengqiang@example.org"},
]

# (agency, kind, title, body, writer, received days ago, consent, acts as (days ago, action, fields))
SCENARIOS = [
    (
        "sfs-fgw",
        "consultation",
        "新能源汽车充电桩补贴如何申请",
        "请问个人安装充电桩有没有补贴，如何申请？",
        0,
        1,
        True,
        [],
    ),
    (
        "sfs-jxw",
        "suggestion",
        "建议增加工业园区公交线路",
        "园区上下班高峰公交太少，建议增开线路。",
        1,
        4,
        True,
        [(3, "accept", {})],
    ),
    (
        "sfs-czj",
        "consultation",
        "政府采购供应商注册需要哪些材料",
        "我公司想参加政府采购，注册需要提交哪些材料？",
        2,
        21,
        True,
        [(20, "accept", {})],
    ),
    (
        "sfs-fgw",
        "complaint",
        "网上办事平台证照上传总是失败",
        "在网上办事平台上传营业执照一直提示失败，已经试了一周。",
        0,
        3,
        True,
        [
            (2, "transfer", {"to_agency": "sfs-zsj", "note": "属市政数局（网上办事平台）职责，请办理"}),
            (2, "accept", {}),
        ],
    ),
    (
        "sfs-jxw",
        "complaint",
        "企业技改补助资金迟迟未到账",
        "去年申报的技改补助已公示，至今未拨付。",
        2,
        6,
        False,
        [(5, "accept", {}), (1, "extend", {"days": 5, "reason": "需会同财政部门核实拨付进度"})],
    ),
    (
        "sfs-czj",
        "help",
        "要求解决邻里纠纷",
        "邻居长期占用楼道堆放杂物，多次协商无果。",
        1,
        9,
        False,
        [(8, "reject", {"reason_code": "out_of_scope", "note": "请向所在社区或街道反映"})],
    ),
    (
        "sfs-czj",
        "consultation",
        "个人所得税专项附加扣除在哪里填报",
        "请问子女教育专项附加扣除在哪里填报？",
        0,
        16,
        True,
        [
            (
                14,
                "reply",
                {"text": "可通过个人所得税APP“专项附加扣除填报”功能填报，也可由任职单位代为办理。"},
            ),
            (13, "publish", {}),
            (13, "to_faq", {"topic": "税费"}),
        ],
    ),
    (
        "sfs-zsj",
        "error_report",
        "政务公开栏目链接打不开",
        "“政策解读”栏目第二页的链接打不开。",
        2,
        8,
        True,
        [(7, "reply", {"text": "感谢您的纠错，链接已修复。"}), (7, "publish", {})],
    ),
    (
        "sfs-fgw",
        "help",
        "求助：老旧小区加装电梯审批流程",
        "我们小区想加装电梯，审批流程是怎样的？",
        1,
        24,
        True,
        [
            (20, "reply", {"text": "请向所在街道提出申请，由街道组织协调。"}),
            (18, "rate", {"rating": "dissatisfied"}),
            (17, "reopen", {}),
        ],
    ),
]


def load(context: DemoContext) -> None:
    if Message.objects.filter(title__startswith=MARK).exists():
        return
    today = timezone.localdate()
    agencies = {agency.code: agency for agency in Agency.objects.filter(code__startswith="sfs")}
    created = 0
    for code, kind, title, body, writer, days_ago, consent, acts in SCENARIOS:
        if code not in agencies:
            continue
        try:
            message = services.register(
                actor=SYSTEM,
                agency=agencies[code],
                channel="online",
                kind=kind,
                title=MARK + title,
                body=body,
                publish_consent=consent,
                received_on=today - dt.timedelta(days=days_ago),
                today=today,
                **WRITERS[writer],
            )
            for act_days_ago, action, fields in acts:
                message = _act(
                    message, action, today - dt.timedelta(days=act_days_ago), fields, agencies, today
                )
        except DomainError as error:  # e.g. a calendar year not yet confirmed: keep what was made
            context.log(f"  跳过一条演示留言：{error.message}")
            continue
        created += 1
    if created:
        context.notes.append(f"演示留言：{created} 条（工作台 → 互动交流；门户 /interaction/）")


def _act(message, action: str, on: dt.date, fields: dict, agencies: dict, today: dt.date):
    fields = dict(fields)
    if action == "transfer":
        fields["to_agency"] = agencies[fields["to_agency"]]
    if action == "rate":
        return services.rate(message, today=on, **fields)
    result = getattr(services, action)(message, actor=SYSTEM, on=on, today=today, **fields)
    return Message.objects.get(pk=message.pk) if action == "to_faq" else result
