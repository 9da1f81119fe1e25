"""E-mail to the applicant on each act of the procedure (when an e-mail address was given).

Called by ``services.common.append_event`` inside the act's transaction: the mail row is part of
the act and is delivered after commit by ``notifications.tasks.deliver`` (retried, failures shown
to staff). The legal state never depends on it: the letter's service (delivery by the channel the
applicant chose) is what counts, the mail is a courtesy copy of what the tracking page shows. The
mail carries no letter file: letters are downloaded from the tracking page with the tracking code
and the phone number, so a mistyped address exposes no document.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from gongkai.applications.choices import Action, FeeMethod, Outcome
from gongkai.applications.letters import texts
from gongkai.notifications.outbox import queue_mail

# The acts the applicant is told of (an internal step such as a draft awaiting sign-off is not).
TOLD = {
    Action.SUBMIT: "您的申请已网上提交，待受理机关确认收到",
    Action.REGISTER: "您的申请已登记",
    Action.CONFIRM_RECEIPT: "受理机关已确认收到您的申请，答复期限自该日起计算",
    Action.REQUEST_CORRECTION: "受理机关告知您补正申请",
    Action.RECEIVE_CORRECTION: "受理机关已收到您的补正，答复期限自该日起重新计算",
    Action.CORRECTION_LAPSED: "您未在补正期限内补正，视为放弃申请",
    Action.START_CONSULTATION: "受理机关正在征求第三方或其他机关意见，所需时间不计算在答复期限内",
    Action.END_CONSULTATION: "征求意见已结束，答复期限继续计算",
    Action.EXTEND: "受理机关延长了答复期限",
    Action.SET_LATER_DEADLINE: "受理机关确定了延后的答复期限",
    Action.FEE_NOTICE: "受理机关向您发出信息处理费收费通知书",
    Action.FEE_PAID: "受理机关已确认您缴纳信息处理费，答复期限继续计算",
    Action.FEE_LAPSED: "您未在期限内缴纳信息处理费，视为放弃申请",
    Action.REPLY: "受理机关已作出答复",
    Action.WITHDRAW: "您的申请已撤回",
    Action.VOID: "受理机关作废了一项记录有误的办理环节",
}


def track_link(code: str) -> str:
    path = f"{reverse('applications:track')}?code={code}"
    base = getattr(settings, "GONGKAI_SITE_URL", "").rstrip("/")
    return f"{base}{path}" if base else f"本平台“依申请公开 — 办理进度查询”页面（{path}）"


def _details(event) -> list[str]:
    data = event.data or {}
    action = event.action
    lines = []
    if action == Action.REQUEST_CORRECTION:
        lines.append("需要补正的事项：")
        lines += [f"  {number}. {item}" for number, item in enumerate(data.get("items") or [], 1)]
        lines.append(
            f"请自收到补正告知书之日起{data.get('respond_within_days', 15)}个工作日内补正，"
            "可在办理进度查询页面网上提交补正材料。"
        )
    elif action == Action.EXTEND:
        lines.append(f"延长{data.get('days', '')}个工作日，理由：{data.get('reason', '')}")
    elif action == Action.SET_LATER_DEADLINE:
        lines.append(f"答复期限：{data.get('due_on', '')}，理由：{data.get('reason', '')}")
    elif action == Action.FEE_NOTICE:
        method = data.get("method", "")
        label = FeeMethod(method).label if method in FeeMethod.values else ""
        items = data.get("items") or 1
        split = f"，按“一事一申请”拆分为{items}件" if items > 1 else ""
        lines.append(f"金额：{data.get('amount', '')}元（{label}{split}）")
        lines.append("缴费期限和缴费方式见收费通知书，也可在办理进度查询页面查看。")
    elif action == Action.REPLY:
        outcome = data.get("outcome", "")
        if outcome in Outcome.values:
            lines.append(f"处理结果：{Outcome(outcome).label}")
    elif action == Action.VOID:
        voided = data.get("voided_action", "")
        label = Action(voided).label if voided in Action.values else voided
        lines.append(f"作废的办理环节：{label}（{data.get('voided_on', '')}）")
    if texts.kind_for(action, data.get("outcome", "")):
        title = texts.KINDS[texts.kind_for(action, data.get("outcome", ""))][0]
        lines.append(f"本环节出具《{title}》，可凭查询码和申请时填写的联系电话在办理进度查询页面下载。")
    return lines


def event_recorded(application, event) -> None:
    """Queue a mail telling the applicant of ``event`` (nothing without an e-mail address)."""
    if not application.email or event.action not in TOLD:
        return
    code = application.tracking_code
    body = "\n".join(
        [
            "您好！",
            "",
            f"您向{application.agency.name}提出的政府信息公开申请（查询码 {code}）"
            f"于 {event.on.isoformat()} 有新的办理情况：{TOLD[event.action]}。",
            *_details(event),
            "",
            f"办理进度：{track_link(code)}",
            "",
            "本邮件由系统自动发送，请勿直接回复。具体以受理机关依法送达的文书为准。",
        ]
    )
    queue_mail(
        recipient=application.email,
        subject=f"政府信息公开申请办理情况：{Action(event.action).label}（查询码 {code}）",
        body=body,
        related=application,
        agency=application.agency,
    )
