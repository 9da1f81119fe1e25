"""Reads of the self-check, scoped to what the user may see.

Staff see the self-check of the agencies where they have a role; the disclosure office (and an
agency admin) sees the agency's whole subtree. A subtree lists only the agencies the user may
view (``permissions.subtree_agencies``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.selfcheck import evaluation, registry
from gongkai.selfcheck.models import LEDGER_ORDER, RectificationTask, SchemeVersion, Snapshot
from gongkai.selfcheck.registry import Clock
from gongkai.selfcheck.vocabulary import Scope, Status, TaskStatus


def current_scheme() -> tuple[int | None, dict]:
    """(version number or None for the built-in defaults, rules): the newest version over the
    registered defaults, so an indicator added later starts with its default."""
    rules = registry.default_rules()
    version = SchemeVersion.objects.order_by("-number").first()
    if version is None:
        return None, rules
    for code, rule in (version.rules or {}).items():
        if code in rules:
            rules[code] = {**rules[code], **rule}
    return version.number, rules


def scheme_versions():
    return SchemeVersion.objects.select_related("created_by").order_by("-number")


def agencies_in_scope(user, agency: Agency, scope: str = Scope.AGENCY) -> list[Agency]:
    """``agency`` alone, or its subtree as far as the user may view it (active agencies)."""
    permissions.require(user, "view", agency)
    if scope == Scope.TREE:
        return list(permissions.subtree_agencies(user, agency).filter(active=True))
    return [agency]


def selfcheck(user, agency: Agency, today: dt.date, scope: str = Scope.AGENCY) -> evaluation.Report:
    agencies = agencies_in_scope(user, agency, scope)
    _, rules = current_scheme()
    reports = evaluation.evaluate(agencies, today, rules)
    if scope == Scope.TREE:
        return evaluation.combine(agency, [reports[a.pk] for a in agencies], today)
    return reports[agency.pk]


def ranking(user, agency: Agency, today: dt.date) -> list[evaluation.Report]:
    """Every agency of the subtree that the user sees, each with its own report, ranked."""
    agencies = agencies_in_scope(user, agency, Scope.TREE)
    _, rules = current_scheme()
    return evaluation.ranked(list(evaluation.evaluate(agencies, today, rules).values()))


def evaluate_all(agencies, today: dt.date) -> dict[int, evaluation.Report]:
    """For the system (snapshots, reminders, ledger): no user scope."""
    _, rules = current_scheme()
    return evaluation.evaluate(list(agencies), today, rules)


def clocks_for(agencies, today: dt.date) -> list[Clock]:
    """Every running clock of the agencies, unknown due dates first, then by due date."""
    found: list[Clock] = []
    for provider in registry.clock_providers():
        found.extend(provider(agencies, today))
    return sorted(
        found, key=lambda clock: (clock.due_on is not None, clock.due_on or dt.date.min, clock.label)
    )


def clocks(user, agency: Agency, today: dt.date, scope: str = Scope.AGENCY) -> list[Clock]:
    return clocks_for(agencies_in_scope(user, agency, scope), today)


# --- rectification ledger ---------------------------------------------------------------------


def tasks(user, agency: Agency, scope: str = Scope.TREE, status: str | None = None) -> QuerySet:
    """The ledger's tasks in ``LEDGER_ORDER``, the same on every backend: open ones first, then by
    时限 with the tasks without one last, then id. Stated here rather than left to the model's
    default ordering, which a later ``order_by`` elsewhere would silently replace."""
    ids = [a.pk for a in agencies_in_scope(user, agency, scope)]
    queryset = RectificationTask.objects.filter(agency_id__in=ids).select_related("agency")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by(*LEDGER_ORDER)


def task(user, pk: int, action: str = "view") -> RectificationTask:
    return permissions.get_for(user, RectificationTask.objects.select_related("agency"), action=action, pk=pk)


def open_tasks_of(agency_ids) -> QuerySet:
    return RectificationTask.objects.filter(agency_id__in=list(agency_ids), status=TaskStatus.OPEN)


# --- history ----------------------------------------------------------------------------------


def snapshots(agency: Agency, *, since: dt.date | None = None) -> QuerySet:
    queryset = Snapshot.objects.filter(agency=agency)
    if since:
        queryset = queryset.filter(date__gte=since)
    return queryset.order_by("date")


def since_when(agency: Agency, today: dt.date) -> dict[str, dt.date]:
    """For each indicator failing in the newest snapshots: the first day of its current run of
    failed days (the day the problem began, as far as the history reaches; a warning is not yet a
    problem)."""
    began: dict[str, dt.date] = {}
    ended: set[str] = set()
    for snapshot in (
        Snapshot.objects.filter(agency=agency, date__lte=today).order_by("-date").only("date", "indicators")
    ):
        for code, entry in (snapshot.indicators or {}).items():
            if code in ended:
                continue
            if entry.get("status") == Status.FAIL:
                began[code] = snapshot.date
            else:
                ended.add(code)
        # An indicator absent from an older snapshot ends its run there.
        ended.update(code for code in began if code not in (snapshot.indicators or {}))
    return began
