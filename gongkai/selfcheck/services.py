"""Writes of the self-check: the scoring scheme, the rectification ledger, snapshots, reminders.

Every act is a ``@service`` recording one audit event. Acts of the system (the worker's daily run:
snapshots, closing rectified tasks, reminders) take ``actor=SYSTEM``.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.notifications.outbox import queue_mail
from gongkai.selfcheck import registry, selectors
from gongkai.selfcheck.models import RectificationTask, Reminder, SchemeVersion, Snapshot
from gongkai.selfcheck.vocabulary import Status, TaskStatus
from gongkai.workbench.registry import is_overdue

HELPERS = ("clean_rules", "clock_state")


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


REMIND_DAYS_LEFT = 3  # working days


def clean_rules(rules: dict) -> dict:
    """Validate an edited scheme: known codes, deduction ≥ 0, cap ≥ 0 or empty, veto a flag."""
    known = {indicator.code for indicator in registry.indicators()}
    cleaned = {}
    for code, rule in (rules or {}).items():
        if code not in known:
            raise InvalidInput("unknown_indicator", f"未知的指标“{code}”", {"indicator": code})
        try:
            deduction = float(rule.get("deduction") or 0)
            cap = rule.get("cap")
            cap = None if cap in (None, "") else float(cap)
        except (TypeError, ValueError, AttributeError):
            raise InvalidInput(
                "invalid_rule", f"指标“{code}”的扣分或上限不是数字", {"indicator": code}
            ) from None
        if deduction < 0 or deduction > 100 or (cap is not None and (cap < 0 or cap > 100)):
            raise InvalidInput("invalid_rule", f"指标“{code}”的扣分和上限须在0到100之间", {"indicator": code})
        cleaned[code] = {"deduction": deduction, "cap": cap, "veto": bool(rule.get("veto"))}
    return cleaned


@service
def save_scheme(*, actor, rules: dict, note: str = "") -> SchemeVersion:
    """A new version of the scoring scheme (the disclosure office's act)."""
    permissions.require_office(actor)
    cleaned = clean_rules(rules)
    _, current = selectors.current_scheme()
    merged = {**current, **cleaned}
    last = SchemeVersion.objects.select_for_update().order_by("-number").first()
    version = SchemeVersion.objects.create(
        number=(last.number + 1) if last else 1, rules=merged, note=note[:200], created_by=_user(actor)
    )
    changed = sorted(code for code in cleaned if cleaned[code] != current.get(code))
    record(
        actor=actor,
        action="selfcheck.scheme_saved",
        obj=version,
        summary=f"修改自查评分方案（第{version.number}版）" + (f"：{'、'.join(changed)}" if changed else ""),
        data={"number": version.number, "changed": changed},
    )
    return version


def _finding_problem(agency: Agency, code: str, today: dt.date) -> str:
    report = selectors.evaluate_all([agency], today)[agency.pk]
    finding = report.finding(code)
    if finding is None:
        raise InvalidInput("unknown_indicator", f"未知的指标“{code}”", {"indicator": code})
    if finding.status == Status.PASS:
        raise RuleViolation("indicator_passes", f"“{finding.name}”当前已通过，无需整改", {"indicator": code})
    labels = "；".join(record.label for record in finding.records[:5])
    more = f"等{finding.count}条" if finding.count > 5 else ""
    return f"{finding.name}：{finding.rule}" + (f"（{labels}{more}）" if labels else "")


@service
def open_task(
    *,
    actor,
    agency: Agency,
    indicator: str,
    today: dt.date,
    problem: str = "",
    measures: str = "",
    responsible: str = "",
    due_on: dt.date | None = None,
) -> RectificationTask:
    """Open a rectification task from a finding of ``indicator`` at ``agency``; one open task per
    agency and indicator (a second is refused: the open one is updated instead)."""
    permissions.require(actor, "edit", agency)
    # The agency's row serialises two requests opening the same task at once.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    existing = selectors.open_tasks_of([agency.pk]).filter(indicator=indicator).order_by("id").first()
    if existing is not None:
        raise RuleViolation(
            "task_already_open",
            "该指标已有整改中的任务，请在原任务中更新整改措施和完成情况",
            {"indicator": indicator, "task": existing.pk},
        )
    problem = problem.strip() or _finding_problem(agency, indicator, today)
    if registry.indicator(indicator) is None:
        raise InvalidInput("unknown_indicator", f"未知的指标“{indicator}”", {"indicator": indicator})
    if due_on is not None and due_on < today:
        raise InvalidInput("invalid_due_on", "整改时限不能早于今天", {"due_on": due_on.isoformat()})
    task = RectificationTask.objects.create(
        agency=agency,
        indicator=indicator,
        problem=problem,
        measures=measures,
        responsible=responsible or agency.name,
        due_on=due_on,
        opened_on=today,
        opened_by=_user(actor),
    )
    record(
        actor=actor,
        action="selfcheck.task_opened",
        obj=task,
        agency=agency,
        summary=f"立项整改：{problem[:60]}",
        data={"indicator": indicator},
    )
    return task


@service
def update_task(task: RectificationTask, *, actor, measures: str, responsible: str, due_on, completion: str):
    permissions.require(actor, "edit", task.agency)
    task.measures, task.responsible, task.due_on, task.completion = measures, responsible, due_on, completion
    task.save(update_fields=["measures", "responsible", "due_on", "completion"])
    record(
        actor=actor,
        action="selfcheck.task_updated",
        obj=task,
        agency=task.agency,
        summary=f"更新整改任务：{task.problem[:60]}",
    )
    return task


@service
def close_rectified(*, actor, today: dt.date, agencies=None) -> int:
    """Close every open task whose indicator passes again at its agency (the worker's act)."""
    open_tasks = list(
        selectors.open_tasks_of(
            [a.pk for a in agencies] if agencies is not None else Agency.objects.values_list("pk", flat=True)
        ).select_related("agency")
    )
    by_agency = {task.agency_id: task.agency for task in open_tasks}
    reports = selectors.evaluate_all(by_agency.values(), today) if by_agency else {}
    closed = []
    for task in open_tasks:
        finding = reports[task.agency_id].finding(task.indicator)
        if finding is not None and finding.status == Status.PASS:
            task.status, task.closed_on = TaskStatus.DONE, today
            note = f"{today.isoformat()}自查“{finding.name}”已通过，系统自动销号。"
            task.completion = f"{task.completion}\n{note}".strip()
            task.save(update_fields=["status", "closed_on", "completion"])
            closed.append(task.pk)
    record(
        actor=actor,
        action="selfcheck.tasks_closed",
        object_type="selfcheck.rectificationtask",
        summary=f"自查通过，自动完成整改任务{len(closed)}项",
        data={"tasks": closed, "date": today.isoformat()},
    )
    return len(closed)


@service
def take_snapshots(*, actor, today: dt.date) -> int:
    """The day's snapshot of every active agency (one per agency and day: a rerun replaces it)."""
    agencies = list(Agency.objects.filter(active=True))
    number, _ = selectors.current_scheme()
    reports = selectors.evaluate_all(agencies, today)
    for agency in agencies:
        report = reports[agency.pk]
        Snapshot.objects.update_or_create(
            agency=agency,
            date=today,
            defaults={
                "score": report.score,
                "verdict": report.verdict,
                "scheme_number": number,
                "indicators": {
                    f.code: {"status": str(f.status), "count": f.count, "deduction": f.deduction}
                    for f in report.findings
                },
            },
        )
    record(
        actor=actor,
        action="selfcheck.snapshot",
        object_type="selfcheck.snapshot",
        summary=f"{today.isoformat()}自查快照：{len(agencies)}个机构",
        data={"date": today.isoformat(), "agencies": len(agencies)},
    )
    return len(agencies)


def clock_state(clock: registry.Clock, today: dt.date) -> str:
    """``unknown`` (no working days can be counted), ``overdue`` (today is after the due day, a day
    off too, though ``days_left`` is 0 then), ``due_soon`` (≤ ``REMIND_DAYS_LEFT`` working days
    left) or ``normal``: the reminders, the weekly summary and the clock dashboard alike."""
    if clock.days_left is None:
        return "unknown"
    if is_overdue(clock.days_left, due_on=clock.due_on, today=today):
        return "overdue"
    return "due_soon" if clock.days_left <= REMIND_DAYS_LEFT else "normal"


def _staff_emails(agency_id: int) -> list[str]:
    emails = Membership.objects.filter(agency_id=agency_id, user__is_active=True).exclude(user__email="")
    return sorted(set(emails.values_list("user__email", flat=True)))


def _office_emails(agency: Agency) -> list[str]:
    ids = [int(part) for part in agency.path.strip("/").split("/") if part]
    members = Membership.objects.filter(agency_id__in=ids, role=Role.DISCLOSURE_OFFICE, user__is_active=True)
    return sorted(set(members.exclude(user__email="").values_list("user__email", flat=True)))


def _remind_once(
    key: str, agency: Agency, recipient: str, subject: str, body: str, today: dt.date, related
) -> bool:
    """Queue the mail unless this reminder was sent before (the unique key decides, even when two
    workers race)."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                key=key[:200], agency=agency, recipient=recipient, subject=subject[:200], sent_on=today
            )
            queue_mail(recipient=recipient, subject=subject, body=body, related=related, agency=agency)
    except IntegrityError:
        return False
    return True


@service
def send_reminders(*, actor, today: dt.date, weekly: bool | None = None) -> int:
    """E-mail staff about clocks with ≤ 3 working days left and about overdue ones, and the office
    its weekly summary (on Mondays, or when ``weekly`` says so). Each reminder goes once."""
    agencies = list(Agency.objects.filter(active=True))
    by_id = {agency.pk: agency for agency in agencies}
    sent = 0
    for clock in selectors.clocks_for(agencies, today):
        stage = clock_state(clock, today)
        if stage not in ("overdue", "due_soon"):
            continue
        when = (
            f"已逾期（期限{clock.due_on.isoformat()}）"
            if stage == "overdue"
            else f"将于{clock.due_on.isoformat()}到期"
        )
        subject = f"【{clock.kind_label}】{clock.label[:60]}{'已逾期' if stage == 'overdue' else '即将到期'}"
        body = f"{clock.label}\n{when}，{clock.explanation}。\n请登录政务公开工作台办理：{clock.url}"
        related = f"{clock.object_type}:{clock.object_id}"
        for email in _staff_emails(clock.agency_id):
            key = f"{clock.kind}:{clock.object_type}:{clock.object_id}:{clock.due_on}:{stage}:{email}"
            sent += _remind_once(key, by_id[clock.agency_id], email, subject, body, today, related)
    if weekly if weekly is not None else today.weekday() == 0:
        sent += _weekly_summaries(agencies, today)
    record(
        actor=actor,
        action="selfcheck.reminders",
        object_type="selfcheck.reminder",
        summary=f"{today.isoformat()}发送期限提醒{sent}封",
        data={"date": today.isoformat(), "sent": sent},
    )
    return sent


def _weekly_summaries(agencies, today: dt.date) -> int:
    year, week, _ = today.isocalendar()
    sent = 0
    offices = [
        agency
        for agency in agencies
        if Membership.objects.filter(agency=agency, role=Role.DISCLOSURE_OFFICE).exists()
    ]
    reports = selectors.evaluate_all(agencies, today)
    for office in offices:
        subtree = [agency for agency in agencies if agency.path.startswith(office.path)]
        clocks = selectors.clocks_for(subtree, today)
        states = [clock_state(clock, today) for clock in clocks]
        overdue, soon = states.count("overdue"), states.count("due_soon")
        lines = [f"{today.isoformat()}（第{week}周）政务公开自查周报：{office.name}及下级机构", ""]
        lines.append(f"运行中的法定时限{len(clocks)}项，其中已逾期{overdue}项、3个工作日内到期{soon}项。")
        for agency in subtree:
            report = reports[agency.pk]
            verdict = "合格" if report.verdict == "pass" else "不合格"
            problems = "、".join(f.name for f in report.findings if f.status == Status.FAIL) or "无"
            lines.append(f"- {agency.name}：{report.score:g}分，{verdict}；未通过指标：{problems}")
        subject = f"政务公开自查周报（{year}年第{week}周）"
        for email in _office_emails(office):
            key = f"weekly:{office.pk}:{year}-W{week:02d}:{email}"
            sent += _remind_once(
                key, office, email, subject, "\n".join(lines), today, f"agencies.agency:{office.pk}"
            )
    return sent
