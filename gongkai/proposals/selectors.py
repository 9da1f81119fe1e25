"""Reads of proposals and key tasks: the public lists (published answers only, nothing about the
proposers), the staff view with the lead's and co-handlers' scope, and the indicators of
domain/services.md."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from gongkai.agencies import permissions
from gongkai.core.errors import NotFound
from gongkai.proposals import clocks, progress
from gongkai.proposals.models import CoHandler, KeyTask, Proposal, YearReport
from gongkai.proposals.vocabulary import Satisfaction
from gongkai.selfcheck.providers import year_before

MAX_ID = 2**63 - 1


def _require_id(pk: int, code: str = "proposal_not_found", message: str = "未找到该建议提案") -> None:
    if not 0 < pk <= MAX_ID:
        raise NotFound(code, message)


def published_proposals(*, agency_ids=None, kind: str | None = None, year: int | None = None) -> QuerySet:
    queryset = Proposal.objects.filter(published_on__isnull=False, item__isnull=False)
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=agency_ids)
    if kind:
        queryset = queryset.filter(kind=kind)
    if year:
        queryset = queryset.filter(published_on__year=year)
    return queryset.select_related("agency", "item").order_by("-published_on", "-id")


def year_reports(agency_ids=None) -> QuerySet:
    queryset = YearReport.objects.select_related("agency", "item")
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=agency_ids)
    return queryset.order_by("-year", "agency__path")


def staff_proposals(user, *, agency=None, state: str | None = None) -> QuerySet:
    """The lead's proposals and those the user's agencies co-handle."""
    ids = permissions.access_for(user).agency_ids()
    queryset = Proposal.objects.all()
    if ids is not None:
        queryset = queryset.filter(Q(agency_id__in=ids) | Q(co_handlers__agency_id__in=ids)).distinct()
    if agency is not None:
        queryset = queryset.filter(Q(agency=agency) | Q(co_handlers__agency=agency)).distinct()
    if state == "handling":
        queryset = queryset.filter(answered_on__isnull=True)
    elif state == "unpublished":
        queryset = queryset.filter(answered_on__isnull=False, published_on__isnull=True)
    return queryset.select_related("agency", "item").prefetch_related("co_handlers__agency").order_by("-assigned_on", "-id")


def staff_proposal(user, pk: int, action: str = "view") -> Proposal:
    """The lead's staff act on the proposal; a co-handler's staff see it (``view``) to send views."""
    _require_id(pk)
    queryset = Proposal.objects.select_related("agency", "item").prefetch_related("co_handlers__agency")
    proposal = queryset.filter(pk=pk).first()
    if proposal is None:
        raise NotFound("proposal_not_found", "未找到该建议提案")
    if permissions.may(user, action, proposal.agency_id):
        return proposal
    if action == "view" and any(permissions.may(user, "view", c.agency_id) for c in proposal.co_handlers.all()):
        return proposal
    return permissions.get_for(user, queryset, action=action, pk=pk)


def co_handler_named(proposal: Proposal, agency_code: str) -> CoHandler:
    co_handler = next((c for c in proposal.co_handlers.all() if c.agency.code == agency_code), None)
    if co_handler is None:
        raise NotFound("co_handler_not_found", "该单位不是此件的协办单位")
    return co_handler


def co_handler_of(user, proposal: Proposal, agency_code: str) -> CoHandler:
    co_handler = co_handler_named(proposal, agency_code)
    permissions.require(user, "edit", co_handler.agency_id)
    return co_handler


def public_tasks(*, agency_ids=None, source: str | None = None) -> QuerySet:
    queryset = KeyTask.objects.filter(public=True, agency__active=True)
    if agency_ids is not None:
        queryset = queryset.filter(Q(agency_id__in=agency_ids) | Q(co_agencies__in=agency_ids)).distinct()
    if source:
        queryset = queryset.filter(source=source)
    return queryset.select_related("agency").prefetch_related("co_agencies", "updates").order_by("source", "deadline", "id")


def staff_tasks(user, *, agency=None) -> QuerySet:
    queryset = permissions.scope(user, KeyTask.objects.all())
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    return queryset.select_related("agency").prefetch_related("co_agencies", "updates").order_by("deadline", "id")


def staff_task(user, pk: int, action: str = "view") -> KeyTask:
    _require_id(pk, "task_not_found", "未找到该任务")
    queryset = KeyTask.objects.select_related("agency").prefetch_related("co_agencies", "updates")
    return permissions.get_for(user, queryset, action=action, pk=pk)


def task_for_progress(user, pk: int) -> KeyTask:
    """The lead's staff and the co-agencies' staff report progress."""
    _require_id(pk, "task_not_found", "未找到该任务")
    task = KeyTask.objects.select_related("agency").prefetch_related("co_agencies", "updates").filter(pk=pk).first()
    if task is None:
        raise NotFound("task_not_found", "未找到该任务")
    if any(permissions.may(user, "edit", agency.pk) for agency in task.co_agencies.all()):
        return task
    return permissions.get_for(user, KeyTask.objects.select_related("agency").prefetch_related("co_agencies", "updates"), action="edit", pk=pk)


def _updates(task: KeyTask) -> list[progress.Update]:
    return [progress.Update(update.on, progress.TaskStatus(update.status)) for update in task.updates.all()]


def task_status(task: KeyTask, today: dt.date) -> progress.TaskStatus:
    return progress.task_status(task.deadline, _updates(task), today)


def task_findings(task: KeyTask, today: dt.date) -> list[progress.TaskFinding]:
    return progress.task_findings(task.deadline, _updates(task), today, assigned_on=task.assigned_on)


# --- Indicators (the self-check registers them; each returns the records that cause it) ----------


def proposal_overdue(agency_ids, today: dt.date) -> list[Proposal]:
    """``proposal_overdue``: not answered and past the due day, or answered after it within the
    last year (per-record indicators look back one year, as the annual assessments do). The second
    answer owed after a 不满意 rating (services.md 4: due 1 month later) counts the same way: still
    owed past its due day, or given after it within the last year. ``today`` may be past: a
    proposal assigned after it is not counted, and acts after it had not happened yet
    (``clocks.as_on``)."""
    since = year_before(today)
    queryset = (
        Proposal.objects.filter(agency_id__in=agency_ids, assigned_on__lte=today)
        .filter(
            Q(answered_on__isnull=True)
            | Q(answered_on__gt=since)
            | Q(satisfaction=Satisfaction.DISSATISFIED, second_answered_on__isnull=True)
            | Q(second_answered_on__gt=since)
        )
        .select_related("agency")
    )

    def overdue(proposal: Proposal) -> bool:
        first = clocks.is_late(proposal, today) and (proposal.answered_on is None or proposal.answered_on > since)
        second = clocks.second_answer_late(proposal, today) and (
            proposal.second_answered_on is None or proposal.second_answered_on > since
        )
        return first or second

    return [proposal for proposal in queryset if overdue(clocks.as_on(proposal, today))]


def proposal_unpublished(agency_ids, today: dt.date) -> list[Proposal]:
    """``proposal_unpublished``: answered, and not published within the limit (20 working days):
    still unpublished, or published late within the last year (up to ``today``: one answered
    after it owed nothing yet, one published after it was still unpublished)."""
    queryset = (
        Proposal.objects.filter(agency_id__in=agency_ids, answered_on__lte=today)
        .filter(Q(published_on__isnull=True) | Q(published_on__gt=year_before(today)))
        .select_related("agency")
    )
    return [proposal for proposal in queryset if clocks.publication_late(clocks.as_on(proposal, today), today)]


def proposal_report_missing(agency_ids, today: dt.date) -> list[tuple[int, int]]:
    """``proposal_report_missing``: (agency id, year) pairs of last year with proposals and no
    handling report published by ``today``."""
    year = today.year - 1
    having = set(
        Proposal.objects.filter(agency_id__in=agency_ids, assigned_on__year=year).values_list("agency_id", flat=True)
    )
    reported = set(
        YearReport.objects.filter(agency_id__in=having, year=year, published_on__lte=today).values_list(
            "agency_id", flat=True
        )
    )
    return [(agency_id, year) for agency_id in sorted(having - reported)]


def key_task_no_progress(agency_ids, today: dt.date) -> list[KeyTask]:
    """``key_task_no_progress``: an overdue task with no update in the last quarter (a task set
    after ``today`` is not known on it, nor an update dated after it: ``progress.latest``)."""
    queryset = KeyTask.objects.filter(agency_id__in=agency_ids, assigned_on__lte=today).prefetch_related("updates").select_related("agency")
    return [task for task in queryset if progress.TaskFinding.NO_PROGRESS in task_findings(task, today)]
