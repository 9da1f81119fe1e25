"""Reads of solicitations: the public view, the staff view (agency scope), the derived state and the
queries the compliance indicators need (domain/solicitation.md "Indicators")."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet

from gongkai.agencies import permissions
from gongkai.core.errors import NotFound
from gongkai.solicitation import periods
from gongkai.solicitation.models import (
    AgencySettings,
    Attachment,
    Comment,
    Feedback,
    FeedbackRow,
    Solicitation,
)
from gongkai.solicitation.vocabulary import State
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays


def state_of(solicitation: Solicitation, today: dt.date) -> State:
    """draft → open (published) → closed (the day after ``closes_on``) → feedback_published."""
    if not solicitation.is_published:
        return State.DRAFT
    if _has_feedback(solicitation):
        return State.FEEDBACK_PUBLISHED
    if periods.is_closed(solicitation.closes_on, today):
        return State.CLOSED
    return State.OPEN


def _has_feedback(solicitation: Solicitation) -> bool:
    try:
        return solicitation.feedback is not None
    except Feedback.DoesNotExist:
        return False


def period_of(solicitation: Solicitation) -> periods.PeriodCheck:
    """The minimum for the solicitation's kind and period, on its agency's calendar."""
    calendar = workdays(solicitation.agency.region).calendar
    return periods.check_period(solicitation.kind, solicitation.opens_on, solicitation.closes_on, calendar)


def accepting_comments(solicitation: Solicitation, today: dt.date) -> bool:
    return solicitation.is_published and periods.accepts_comments(
        solicitation.opens_on, solicitation.closes_on, today
    )


def _with_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("agency", "feedback", "feedback__item", "final_item").prefetch_related(
        "extensions", "attachments"
    )


def _state_filter(queryset: QuerySet, state: str | None, today: dt.date) -> QuerySet:
    if state == State.DRAFT:
        return queryset.filter(published_on__isnull=True)
    if state == State.OPEN:
        return queryset.filter(published_on__isnull=False, closes_on__gte=today)
    if state == State.CLOSED:
        return queryset.filter(published_on__isnull=False, closes_on__lt=today, feedback__isnull=True)
    if state == State.FEEDBACK_PUBLISHED:
        return queryset.filter(feedback__isnull=False)
    return queryset


def public_solicitations(*, today: dt.date, state: str | None = None, agency_ids=None) -> QuerySet:
    """Published solicitations, newest first; ``state`` is open, closed or feedback_published."""
    queryset = Solicitation.objects.filter(published_on__isnull=False)
    if agency_ids is not None:
        queryset = queryset.filter(agency_id__in=agency_ids)
    queryset = _state_filter(queryset, state if state != State.DRAFT else "none", today)
    if state == State.DRAFT:
        queryset = queryset.none()
    return _with_relations(queryset).order_by("-opens_on", "-id")


MAX_ID = 2**63 - 1  # beyond any database integer: such a record cannot exist


def _require_id(*values: int) -> None:
    if not all(0 < value <= MAX_ID for value in values):
        raise NotFound("solicitation_not_found", "未找到该意见征集")


def public_solicitation(pk: int) -> Solicitation:
    _require_id(pk)
    solicitation = _with_relations(Solicitation.objects.filter(pk=pk, published_on__isnull=False)).first()
    if solicitation is None:
        raise NotFound("solicitation_not_found", "未找到该意见征集")
    return solicitation


def staff_solicitations(
    user, *, today: dt.date, state: str | None = None, agency=None, subtree: bool = False
) -> QuerySet:
    """Solicitations the user may see, of ``agency`` (with ``subtree``: and of the agencies below
    it — the disclosure office's view)."""
    queryset = permissions.scope(user, Solicitation.objects.all())
    if agency is not None:
        if subtree:
            queryset = permissions.scope_subtree(user, queryset, agency)
        else:
            queryset = queryset.filter(agency=agency)
    queryset = _state_filter(queryset, state, today)
    return (
        _with_relations(queryset)
        .annotate(
            comment_count=Count("comments", distinct=True),
            undecided_count=Count("comments", filter=Q(comments__decision=""), distinct=True),
        )
        .order_by("-created_at", "-id")
    )


def staff_solicitation(user, pk: int, action: str = "view") -> Solicitation:
    _require_id(pk)
    return permissions.get_for(user, _with_relations(Solicitation.objects.all()), action=action, pk=pk)


def staff_comment(user, solicitation_pk: int, comment_pk: int, action: str = "edit") -> Comment:
    _require_id(solicitation_pk, comment_pk)
    return permissions.get_for(
        user,
        Comment.objects.select_related("solicitation__agency"),
        action=action,
        field="solicitation__agency",
        pk=comment_pk,
        solicitation_id=solicitation_pk,
    )


def group_of(solicitation: Solicitation, group_pk: int):
    """A comment group of ``solicitation`` (already fetched with the user's scope)."""
    from gongkai.solicitation.models import CommentGroup

    _require_id(group_pk)
    group = CommentGroup.objects.filter(solicitation=solicitation, pk=group_pk).first()
    if group is None:
        raise NotFound("group_not_found", "未找到该意见分组")
    return group


def attachment_of(solicitation: Solicitation, attachment_pk: int):
    """A file of ``solicitation`` (already fetched with the user's scope)."""
    _require_id(attachment_pk)
    found = Attachment.objects.filter(solicitation=solicitation, pk=attachment_pk).first()
    if found is None:
        raise NotFound("attachment_not_found", "未找到该附件")
    return found


def comments_of(solicitation: Solicitation) -> QuerySet:
    """For the drafting office only: names and contacts included."""
    return solicitation.comments.select_related("group").order_by("number")


def feedback_rows(feedback: Feedback) -> QuerySet:
    return FeedbackRow.objects.filter(feedback=feedback).prefetch_related(
        Prefetch("comments", queryset=Comment.objects.only("pk", "number"))
    )


def solicitations_for_item(item) -> QuerySet:
    """Solicitations whose final policy is ``item`` and that have published feedback (for its page)."""
    return Solicitation.objects.filter(final_item=item, published_on__isnull=False).select_related(
        "feedback__item"
    )


def agency_settings(agency) -> AgencySettings:
    return AgencySettings.objects.filter(agency=agency).first() or AgencySettings(agency=agency)


def recent_count(agency, today: dt.date) -> int:
    """Solicitations of the agency opened in the twelve months ending ``today``."""
    return Solicitation.objects.filter(
        agency=agency,
        published_on__lte=today,
        opens_on__gte=periods.year_before(today),
        opens_on__lte=today,
    ).count()


def note_in_force(agency, today: dt.date) -> AgencySettings | None:
    """The explanatory note, when the agency had no solicitation in the last twelve months and wrote
    one within them (an old note does not explain a new year)."""
    settings = agency_settings(agency)
    if (
        not settings.note
        or settings.note_on is None
        or not periods.year_before(today) <= settings.note_on <= today
    ):
        return None
    return settings


# --- Indicators (the compliance app registers them; each returns the records that cause it) -------


def period_short(agency_ids, today: dt.date) -> list[Solicitation]:
    """``solicitation_period_short``: published with less than the minimum and no reason. Periods
    whose minimum cannot be known yet (unconfirmed calendar) are not counted until it can."""
    published = Solicitation.objects.filter(
        agency_id__in=agency_ids, published_on__isnull=False, published_on__lte=today, shortened_reason=""
    ).select_related("agency")
    return [solicitation for solicitation in published if period_of(solicitation).short]


def feedback_due_on(solicitation: Solicitation, working_days: int | None = None) -> dt.date | None:
    """The feedback's due day, or ``None`` while the calendar cannot tell it."""
    if working_days is None:
        working_days = agency_settings(solicitation.agency).feedback_workdays
    try:
        return periods.feedback_due_on(
            solicitation.closes_on, workdays(solicitation.agency.region).calendar, working_days
        )
    except CalendarNotConfirmed:
        return None


def feedback_missing(agency_ids, today: dt.date) -> list[tuple[Solicitation, dt.date]]:
    """``feedback_missing``: closed, no feedback, and today is past the due day (default 20 working
    days after ``closes_on``). Returns (solicitation, due_on) pairs."""
    overdue = []
    for solicitation in awaiting_feedback(agency_ids, today):
        due_on = feedback_due_on(solicitation)
        if due_on is not None and today > due_on:
            overdue.append((solicitation, due_on))
    return overdue


def _no_feedback_by(today: dt.date) -> Q:
    """No feedback report published on or before ``today`` (a later one did not exist yet then)."""
    return Q(feedback__isnull=True) | Q(feedback__published_on__gt=today)


def awaiting_feedback(agency_ids, today: dt.date) -> QuerySet:
    """Closed solicitations still without feedback on ``today`` (the running clocks of the dashboard)."""
    return (
        Solicitation.objects.filter(agency_id__in=agency_ids, published_on__lte=today, closes_on__lt=today)
        .filter(_no_feedback_by(today))
        .select_related("agency")
    )


def final_without_feedback(agency_ids, today: dt.date | None = None) -> QuerySet:
    """``final_without_feedback``: the final policy is linked and public, no feedback published
    (both as of ``today`` when given: the policy published by then, no report by then)."""
    queryset = Solicitation.objects.filter(
        agency_id__in=agency_ids,
        final_item__isnull=False,
        final_item__state="published",
        final_item__internal=False,
    )
    if today is None:
        queryset = queryset.filter(feedback__isnull=True)
    else:
        queryset = queryset.filter(final_item__published_on__lte=today).filter(_no_feedback_by(today))
    return queryset.select_related("agency", "final_item")


def column_empty(agencies, today: dt.date) -> list:
    """``solicitation_column_empty``: agencies with no solicitation opened in the last twelve months
    and no explanatory note written within them."""
    return [
        agency
        for agency in agencies
        if not recent_count(agency, today) and note_in_force(agency, today) is None
    ]


def sees_commenters(user, agency_id: int) -> bool:
    """Names and contacts of commenters are for the drafting agency's own staff (and the system
    administrator), not for supervising offices that may otherwise view the agency's records."""
    from gongkai.agencies.models import Membership

    if permissions.access_for(user).is_superuser:
        return True
    return Membership.objects.filter(user=user, agency_id=agency_id).exists()
