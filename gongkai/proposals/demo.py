"""Demo suggestions, proposals and key tasks (invented) of the 示范市发展和改革委员会, dated around
the day the demo is loaded: one in hand, one answered and published, and two key tasks."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.core.demo import DemoContext
from gongkai.core.system import SYSTEM
from gongkai.proposals import services
from gongkai.proposals.models import KeyTask, Proposal

AGENCY = "sfs-fgw"
ANSWER = (
    "王代表：\n您提出的《关于加快城区公共充电桩建设的建议》收悉。经研究，现答复如下：\n"
    "一、我委已将公共充电设施纳入年度重点项目，今年新建公共充电桩420个。\n"
    "二、下一步将会同市住建局推进老旧小区充电设施改造。\n感谢您对我市发展改革工作的关心和支持。"
)


def load(context: DemoContext) -> None:
    agency = context.agencies.get(AGENCY)
    if agency is None or Proposal.objects.filter(agency=agency).exists():
        return
    today = timezone.localdate()
    co = context.agencies.get("sfs-jxw")
    answered = services.create_proposal(
        actor=SYSTEM, agency=agency, kind="deputy_suggestion", session="示范市十七届人大三次会议", number="58",
        title="关于加快城区公共充电桩建设的建议", assigned_on=today - dt.timedelta(days=80),
        proposers="王某某等5名代表", co_agencies=[co] if co else [],
    )  # fmt: skip
    services.answer(
        answered, actor=SYSTEM, on=today - dt.timedelta(days=20), result_class="A",
        doc_number="示发改建〔2026〕58号", text=ANSWER,
    )  # fmt: skip
    services.rate(answered, actor=SYSTEM, on=today - dt.timedelta(days=10), satisfaction="satisfied")
    services.publish(answered, actor=SYSTEM, on=today - dt.timedelta(days=5), mode="full")
    services.create_proposal(
        actor=SYSTEM, agency=agency, kind="cppcc_proposal", session="市政协十三届三次会议", number="112",
        title="关于优化营商环境减少企业办事环节的提案", assigned_on=today - dt.timedelta(days=30),
        proposers="民建示范市委员会",
    )  # fmt: skip
    if not KeyTask.objects.filter(agency=agency).exists():
        task = services.create_task(
            actor=SYSTEM, agency=agency, source=f"{today.year}年政府工作报告",
            title="新建公共充电桩400个以上", assigned_on=dt.date(today.year, 3, 1),
            deadline=dt.date(today.year, 12, 31), co_agencies=[co] if co else [],
        )  # fmt: skip
        services.report_progress(
            task, actor=SYSTEM, on=today - dt.timedelta(days=15), status="on_track", text="已建成420个，正在验收。"
        )
        services.create_task(
            actor=SYSTEM, agency=agency, source=f"{today.year}年政府工作报告",
            title="出台支持民营经济发展的若干措施", assigned_on=dt.date(today.year, 3, 1),
            deadline=dt.date(today.year, 6, 30),
        )  # fmt: skip
    context.notes.append("建议提案：市发改委有已公开答复和办理中的建议提案各一件，以及重点工作任务（/proposals/）。")
