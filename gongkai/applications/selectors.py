"""Read queries for applications, with the permission scope applied once here."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.applications import stored_clock, year_end
from gongkai.applications.choices import OPEN_STATES, ApplicantType, FeeMethod, State
from gongkai.applications.clock import effective
from gongkai.applications.models import (
    Application,
    ApplicationEvent,
    CorrectionAttachment,
    CorrectionSubmission,
    Review,
)
from gongkai.core.errors import NotFound


def visible(user) -> QuerySet:
    """Applications of the agencies where ``user`` is staff (all of them for a superuser)."""
    return permissions.scope(user, Application.objects.select_related("agency"))


def application_for(user, pk: int, *, action: str = "view") -> Application:
    """One application the user may act on; another agency's is 404, too low a rank 403."""
    return permissions.get_for(user, Application.objects.select_related("agency"), action=action, pk=pk)


def review_for(user, pk: int, *, action: str = "view") -> Review:
    return permissions.get_for(
        user, Review.objects.select_related("application", "agency"), action=action, pk=pk
    )


def overdue(queryset: QuerySet, today: dt.date) -> QuerySet:
    """Open, not paused, and past the due date (Art. 33)."""
    return queryset.filter(state__in=OPEN_STATES, due_on__lt=today)


def filtered(
    user,
    *,
    agency: Agency | None = None,
    state: str | None = None,
    is_overdue: bool | None = None,
    year: int | None = None,
    today: dt.date,
    subtree: bool = False,
) -> QuerySet:
    """The staff list: ``year`` is the year of receipt (the annual report's 本年新收); with
    ``subtree`` the agency and the agencies below it that the user may see (the disclosure office)."""
    queryset = visible(user)
    if agency is not None:
        permissions.require(user, "view", agency)
        if subtree:
            queryset = permissions.scope_subtree(user, queryset, agency)
        else:
            queryset = queryset.filter(agency=agency)
    if state:
        queryset = queryset.filter(state=state)
    if is_overdue is True:
        queryset = overdue(queryset, today)
    elif is_overdue is False:
        queryset = queryset.exclude(pk__in=overdue(Application.objects.all(), today).values("pk"))
    if year is not None:
        queryset = queryset.filter(received_on__year=year)
    return queryset.order_by("-created_at", "-id")


def _in(user, agency: Agency | None) -> QuerySet:
    """Applications of ``agency`` and the agencies below it that the user may see (all the user's
    agencies when ``agency`` is None)."""
    queryset = visible(user)
    return permissions.scope_subtree(user, queryset, agency) if agency is not None else queryset


def due_soon(user, *, agency: Agency | None, today: dt.date, until: dt.date) -> QuerySet:
    """Open applications due on or before ``until`` (overdue included), of ``agency`` and the
    agencies below it that the user may see."""
    queryset = _in(user, agency).filter(state__in=OPEN_STATES, due_on__isnull=False, due_on__lte=until)
    return queryset.order_by("due_on", "id")


def paused(user, *, agency: Agency | None) -> QuerySet:
    """Open applications whose clock is paused — a 补正 outstanding, a consultation or a fee wait —
    with their events prefetched as ``ordered_events`` (the periods are replayed, not cached). A 补正
    the applicant already sent online and staff have not taken in is not outstanding: it waits as
    网上补正待登记 (``corrections_todo``)."""
    waiting = CorrectionSubmission.objects.filter(application=OuterRef("pk"), received_event__isnull=True)
    queryset = (
        _in(user, agency)
        .filter(state__in=(State.CORRECTION_REQUESTED, State.IN_CONSULTATION, State.AWAITING_FEE))
        .exclude(Q(state=State.CORRECTION_REQUESTED) & Exists(waiting))
    )
    events = ApplicationEvent.objects.order_by("on", "id")
    return queryset.prefetch_related(Prefetch("events", queryset=events, to_attr="ordered_events")).order_by("id")


def with_drafts(user, *, agency: Agency | None) -> QuerySet:
    """Open applications that have a reply drafted for sign-off (审核签发), with their sign-off
    steps prefetched as ``signoff_events`` — the caller tells pending from returned drafts."""
    steps = (
        ApplicationEvent.objects.filter(action__in=("draft_reply", "return_reply", "reply"))
        .select_related("actor")
        .order_by("on", "id")
    )
    queryset = (
        _in(user, agency)
        .filter(state__in=OPEN_STATES, events__action="draft_reply")
        .distinct()
        .prefetch_related(Prefetch("events", queryset=steps, to_attr="signoff_events"))
    )
    return queryset.order_by("due_on", "id")


def awaiting_receipt(user, *, agency: Agency | None) -> QuerySet:
    """Applications that arrived (online, by letter or fax) and wait for 确认收到 (Art. 31): no
    deadline runs until then, so they are the first thing to do."""
    queryset = _in(user, agency).filter(state=State.SUBMITTED).annotate(entered_on=Min("events__on"))
    return queryset.order_by("created_at", "id")


def reaching_unconfirmed_years(user, *, agency: Agency | None, today: dt.date) -> dict[int, list[int]]:
    """Open applications (of ``agency``, else of all the user's agencies) whose clock runs into a
    year with no confirmed holiday schedule: year → application ids. A due date on the cache is
    counted down from ``today``; only a clock without one (paused, or unknown) is replayed."""
    queryset = visible(user).filter(state__in=OPEN_STATES, received_on__isnull=False)
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    reached: dict[int, list[int]] = {}
    calendars: dict[str, object] = {}

    def note(application: Application, year: int | None) -> None:
        if year is not None:
            reached.setdefault(year, []).append(application.pk)

    def calendar_of(application: Application):
        region = application.agency.region
        return calendars.get(region) or calendars.setdefault(region, stored_clock.calendar_for(application))

    for application in queryset.filter(due_on__year__gte=today.year).order_by("pk"):
        note(application, year_end.unconfirmed_until(application.due_on, today, calendar_of(application)))
    without_due = queryset.filter(due_on__isnull=True).order_by("pk").prefetch_related(
        Prefetch("events", queryset=ApplicationEvent.objects.order_by("on", "id"), to_attr="ordered_events")
    )
    for application in without_due:
        calendar = calendar_of(application)
        events = [stored_clock.to_clock_event(row) for row in application.ordered_events]
        note(application, year_end.reached_year(stored_clock.clock_for(application, calendar, events), today, calendar))
    return reached


def by_tracking_code(code: str) -> Application:
    application = (
        Application.objects.select_related("agency")
        .filter(tracking_code=(code or "").strip().upper())
        .first()
    )
    if application is None:
        raise NotFound("application_not_found", "未找到该查询码对应的申请")
    return application


def per_item_position(application: Application) -> int:
    """The first place of ``application`` among the items its applicant brought to the same agency
    in the same natural month (国办函〔2020〕109号 按件计收); 1 when the applicant is unknown.

    Earlier applications (by receipt date, then registration) count with the items their fee
    notice in force split them into (一事一申请, Art. 4), one each otherwise."""
    key = application.applicant_key
    if not key or application.received_on is None:
        return 1
    if application.applicant_type == ApplicantType.NATURAL_PERSON:
        same = Q(id_number=key, applicant_type=ApplicantType.NATURAL_PERSON)
    else:
        same = Q(org_code=key) if application.org_code else Q(org_code="", org_name=key)
        same &= ~Q(applicant_type=ApplicantType.NATURAL_PERSON)
    received = application.received_on
    earlier = Q(received_on__lt=received) | Q(received_on=received, pk__lt=application.pk)
    before = list(
        Application.objects.filter(same, earlier, agency_id=application.agency_id)
        .filter(received_on__year=received.year, received_on__month=received.month)
        .values_list("pk", flat=True)
    )
    return 1 + len(before) + sum(items - 1 for items in _split_items(before).values())


def _split_items(application_ids: list[int]) -> dict[int, int]:
    """Application id → the items its per-item fee notice in force counts it as (voided notices
    and per-page notices aside)."""
    rows = list(
        ApplicationEvent.objects.filter(application_id__in=application_ids, action__in=("fee_notice", "void"))
        .order_by("on", "id")
        .only("id", "application_id", "action", "on", "data")
    )
    owner = {row.pk: row.application_id for row in rows}
    return {
        owner[event.id]: int(event.data.get("items") or 1)
        for event in effective(stored_clock.to_clock_event(row) for row in rows)
        if event.action == "fee_notice" and event.data.get("method") == FeeMethod.PER_ITEM
    }


def corrections_waiting(user, *, agency: Agency | None) -> QuerySet:
    """Corrections sent online that staff have not yet recorded as received (Art. 30)."""
    return (
        CorrectionSubmission.objects.filter(received_event__isnull=True, application__in=_in(user, agency))
        .select_related("application", "application__agency")
        .order_by("submitted_at", "id")
    )


def correction_attachment_for(user, application_pk: int, attachment_pk: int) -> CorrectionAttachment:
    application = application_for(user, application_pk)
    found = CorrectionAttachment.objects.filter(pk=attachment_pk, submission__application=application).first()
    if found is None:
        raise NotFound("attachment_not_found", "未找到该补正材料")
    return found


def public_statistics(year: int) -> dict:
    """Counts of ``year`` anyone may see (the home page): received, concluded, disclosed in whole or
    part, and open now. Figures only; no application is identified."""
    received = Application.objects.filter(received_on__year=year)
    concluded = Application.objects.filter(concluded_on__year=year)
    return {
        "year": year,
        "received": received.count(),
        "concluded": concluded.count(),
        "disclosed": concluded.filter(outcome__in=["disclosed", "partially_disclosed"]).count(),
        "late": concluded.filter(late=True).count(),
        "open": Application.objects.filter(state__in=OPEN_STATES, received_on__isnull=False).count(),
    }
