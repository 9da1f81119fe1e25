"""Read queries of 互动交流, with the permission scope applied once here.

The indicator selectors at the end (``unanswered_beyond``, ``overdue``, ``late``, …) are the
queries the self-check (domain/compliance.md) counts; each takes a queryset, so a caller scopes it
to an agency or a subtree first (``in_agencies``).
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt

from django.db.models import Avg, Count, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.core.errors import NotFound
from gongkai.interaction.deadlines import DEFAULT_LIMITS
from gongkai.interaction.models import Faq, Message, ReplyLimits
from gongkai.interaction.vocabulary import OPEN_STATES, Kind, Rating, State

# --- staff ------------------------------------------------------------------------------------


def visible(user) -> QuerySet:
    """Messages handled by the agencies where ``user`` is staff (all of them for a superuser)."""
    return permissions.scope(user, Message.objects.select_related("agency"))


def message_for(user, pk: int, *, action: str = "view") -> Message:
    """One message the user may act on; another agency's is 404, too low a rank 403."""
    return permissions.get_for(
        user, Message.objects.select_related("agency", "reply_agency"), action=action, pk=pk
    )


def filtered(
    user,
    *,
    agency: Agency | None = None,
    state: str | None = None,
    kind: str | None = None,
    is_overdue: bool | None = None,
    subtree: bool = False,
    today: dt.date,
) -> QuerySet:
    """The staff list: the agency's messages (with ``subtree``, also those of the agencies below it
    that the user may see — the disclosure office's view of its government)."""
    queryset = visible(user)
    if agency is not None:
        permissions.require(user, "view", agency)
        queryset = in_agencies(queryset, agency) if subtree else queryset.filter(agency=agency)
    if state:
        queryset = queryset.filter(state=state)
    if kind:
        queryset = queryset.filter(kind=kind)
    if is_overdue is True:
        queryset = overdue(queryset, today)
    elif is_overdue is False:
        queryset = queryset.exclude(pk__in=overdue(Message.objects.all(), today).values("pk"))
    return queryset


def by_due_date(queryset: QuerySet) -> QuerySet:
    """Open messages first, soonest due first (unknown due dates after them), then the rest."""
    from django.db.models import Case, F, IntegerField, When

    closed = Case(When(state__in=OPEN_STATES, then=0), default=1, output_field=IntegerField())
    return queryset.annotate(closed=closed).order_by(
        "closed", F("due_on").asc(nulls_last=True), "-received_on", "id"
    )


def due_soon(user, *, agency: Agency | None, until: dt.date) -> QuerySet:
    """Open messages of the user's agencies due on or before ``until`` (overdue included)."""
    queryset = visible(user).filter(state__in=OPEN_STATES, due_on__isnull=False, due_on__lte=until)
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    return queryset.order_by("due_on", "id")


def faqs_for_staff(user, agency: Agency) -> QuerySet:
    permissions.require(user, "view", agency)
    return Faq.objects.filter(agency=agency).select_related("source")


def faq_for(user, pk: int, *, action: str = "view") -> Faq:
    return permissions.get_for(user, Faq.objects.select_related("agency"), action=action, pk=pk)


# --- public -----------------------------------------------------------------------------------


def by_tracking_code(code: str) -> Message:
    message = (
        Message.objects.select_related("agency", "reply_agency")
        .filter(tracking_code=(code or "").strip().upper()[:20])
        .first()
    )
    if message is None:
        raise NotFound("message_not_found", "未找到该查询码对应的留言")
    return message


def in_agencies(queryset: QuerySet, agency: Agency | None, field: str = "agency") -> QuerySet:
    """Restrict to ``agency`` and the agencies below it (a government shows its departments')."""
    if agency is None:
        return queryset
    return queryset.filter(**{f"{field}__path__startswith": agency.path})


def published_reply_on() -> Coalesce:
    """The date of the reply a published message shows (``presenters.published_reply_date``): the
    reply its wording was made for, not a later one after reopening that is not published yet."""
    return Coalesce("published_replied_on", "replied_on")


def published(*, agency: Agency | None = None, kind: str | None = None) -> QuerySet:
    """Published messages with their replies, newest published reply first."""
    queryset = in_agencies(Message.objects.filter(published=True), agency).select_related(
        "agency", "reply_agency"
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by(published_reply_on().desc(), "-id")


def public_faqs(*, agency: Agency | None = None, topic: str | None = None) -> QuerySet:
    queryset = in_agencies(Faq.objects.filter(public=True, agency__active=True), agency).select_related(
        "agency"
    )
    if topic:
        queryset = queryset.filter(topic=topic)
    return queryset.order_by("agency__path", "topic", "sort_order", "id")


def faq_topics(agency: Agency | None = None) -> list[str]:
    rows = public_faqs(agency=agency).order_by().values_list("topic", flat=True).distinct()
    return sorted({topic for topic in rows if topic})


def limits_for(agency: Agency) -> dict[str, int]:
    """The agency's reply limits per kind: its own, else its nearest ancestor's, else the defaults."""
    ids = [int(part) for part in agency.path.strip("/").split("/") if part] or [agency.pk]
    rows = {row.agency_id: row for row in ReplyLimits.objects.filter(agency_id__in=ids)}
    for agency_id in reversed(ids):
        row = rows.get(agency_id)
        if row is not None:
            return {kind.value: getattr(row, kind.value) for kind in Kind}
    return {kind.value: DEFAULT_LIMITS[kind] for kind in Kind}


# --- statistics (留言受理反馈情况统计) ----------------------------------------------------------


def period(year: int, month: int | None = None) -> tuple[dt.date, dt.date]:
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return dt.date(year, month, 1), dt.date(year, month, month_calendar.monthrange(year, month)[1])


def statistics(*, agency: Agency | None, first: dt.date, last: dt.date) -> dict:
    """Counts of the acts dated in [first, last]: received, accepted, rejected, replied (first
    replies), replied on time (the first reply by the due date then in force; a later reply after
    reopening does not change it), average working days from receipt to the first reply, ratings."""
    base = in_agencies(Message.objects.all(), agency)
    within = {"gte": first, "lte": last}

    def count(field: str, **extra) -> int:
        return base.filter(**{f"{field}__{op}": day for op, day in within.items()}, **extra).count()

    replies = base.filter(first_replied_on__gte=first, first_replied_on__lte=last)
    average = replies.aggregate(value=Avg("reply_workdays"))["value"]
    ratings = dict(
        base.filter(rated_on__gte=first, rated_on__lte=last)
        .values_list("rating")
        .annotate(n=Count("id"))
        .values_list("rating", "n")
    )
    return {
        "received": count("received_on"),
        "accepted": count("accepted_on"),
        "rejected": count("replied_on", state=State.REJECTED),
        "replied": replies.count(),
        "replied_on_time": replies.filter(first_reply_late=False).count(),
        "avg_workdays": round(average, 1) if average is not None else None,
        "satisfaction": {rating.value: ratings.get(rating.value, 0) for rating in Rating},
    }


def monthly_statistics(*, agency: Agency | None, year: int, until: dt.date) -> list[dict]:
    """One row per month of ``year`` up to the month of ``until`` (the same counts as
    ``statistics``), from five grouped queries rather than one set per month."""
    return year_statistics(agency=agency, year=year, until=until)[0]


def year_statistics(*, agency: Agency | None, year: int, until: dt.date) -> tuple[list[dict], dict]:
    """The monthly rows of ``monthly_statistics`` and the year's totals, equal to ``statistics``
    from 1 January to ``until`` (or to the year's end), from the same five grouped queries: the
    public statistics page showed both and read the messages of the year twice. Acts dated after
    ``until`` are left out of both. The average is the months' sums of working days over the
    months' replies that have a count, as ``Avg`` takes it."""
    last_month = 12 if year < until.year else until.month if year == until.year else 0
    base = in_agencies(Message.objects.all(), agency)
    first, last = period(year)
    last = min(last, until)

    def by_month(field: str, queryset=None, **aggregates) -> dict[int, dict]:
        queryset = (queryset if queryset is not None else base).filter(
            **{f"{field}__gte": first, f"{field}__lte": last}
        )
        rows = queryset.annotate(month=ExtractMonth(field)).values("month").annotate(**aggregates)
        return {row["month"]: row for row in rows}

    received = by_month("received_on", n=Count("id"))
    accepted = by_month("accepted_on", n=Count("id"))
    rejected = by_month("replied_on", base.filter(state=State.REJECTED), n=Count("id"))
    replied = by_month(
        "first_replied_on",
        n=Count("id"),
        on_time=Count("id", filter=Q(first_reply_late=False)),
        workdays=Sum("reply_workdays"),
        timed=Count("reply_workdays"),
    )
    rated = {}
    for row in (
        base.filter(rated_on__gte=first, rated_on__lte=last)
        .annotate(month=ExtractMonth("rated_on"))
        .values("month", "rating")
        .annotate(n=Count("id"))
    ):
        rated.setdefault(row["month"], {})[row["rating"]] = row["n"]
    rows = []
    for month in range(1, last_month + 1):
        answered = replied.get(month, {})
        rows.append(
            {
                "month": month,
                "received": received.get(month, {}).get("n", 0),
                "accepted": accepted.get(month, {}).get("n", 0),
                "rejected": rejected.get(month, {}).get("n", 0),
                "replied": answered.get("n", 0),
                "replied_on_time": answered.get("on_time", 0),
                "avg_workdays": _average(answered.get("workdays"), answered.get("timed", 0)),
                "satisfaction": {
                    rating.value: rated.get(month, {}).get(rating.value, 0) for rating in Rating
                },
            }
        )
    months = [replied.get(row["month"], {}) for row in rows]
    total = {
        name: sum(row[name] for row in rows)
        for name in ("received", "accepted", "rejected", "replied", "replied_on_time")
    }
    total["avg_workdays"] = _average(
        sum(month.get("workdays") or 0 for month in months), sum(month.get("timed", 0) for month in months)
    )
    total["satisfaction"] = {
        rating.value: sum(row["satisfaction"][rating.value] for row in rows) for rating in Rating
    }
    return rows, total


def _average(workdays: int | None, count: int) -> float | None:
    return round(workdays / count, 1) if count else None


# --- self-check indicators (domain/compliance.md) ------------------------------------------------


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the last day of a shorter month)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, min(day.day, month_calendar.monthrange(year, month + 1)[1]))


def _first_reply_on() -> Coalesce:
    """The first reply's date (the latest one where only that is known)."""
    return Coalesce("first_replied_on", "replied_on")


def open_on(queryset: QuerySet, day: dt.date) -> QuerySet:
    """The messages open on ``day`` (which may be past): received by then and not yet replied to
    or rejected then — a message answered after ``day`` was still waiting on it. (A message
    answered, reopened and answered again is taken as answered from its first reply.)"""
    closed_after = Q(state=State.REJECTED, replied_on__gt=day) | Q(
        state=State.REPLIED, first_reply_on__gt=day
    )
    return (
        queryset.filter(received_on__lte=day)
        .alias(first_reply_on=_first_reply_on())
        .filter(Q(state__in=OPEN_STATES) | closed_after)
    )


def _valid_consultations(queryset: QuerySet, today: dt.date) -> QuerySet:
    """Valid 政务咨询 received by ``today``, with ``first_reply_on`` (rejected ones never count)."""
    return (
        queryset.filter(kind=Kind.CONSULTATION, received_on__lte=today)
        .exclude(state=State.REJECTED)
        .alias(first_reply_on=_first_reply_on())
    )


def _waiting_on(today: dt.date) -> Q:
    """Still without a first reply on ``today``: none yet, or only one given after it."""
    return Q(first_reply_on__isnull=True) | Q(first_reply_on__gt=today)


def unanswered_beyond(queryset: QuerySet, today: dt.date, months: int = 3) -> QuerySet:
    """Veto ``messages_unanswered_3_months``: valid consultations that waited more than ``months``
    months for their first reply — still unanswered on ``today`` (whenever received: it is
    unanswered within the last year too), or received in the last year and answered by ``today``
    only after that. A reply given after ``today`` leaves the message unanswered on it."""
    year_ago, limit = months_before(today, 12), months_before(today, months)
    if limit.day < today.day:  # cut to a shorter month's end: a message of that day is beyond too
        limit += dt.timedelta(days=1)
    consultations = _valid_consultations(queryset, today)
    still_waiting = _waiting_on(today) & Q(received_on__lt=limit)
    answered_late = [
        message.pk
        for message in consultations.filter(
            first_reply_on__isnull=False, first_reply_on__lte=today, received_on__gt=year_ago
        )
        .annotate(first_on=_first_reply_on())
        .only("received_on")
        if message.first_on > last_day_unanswered(message.received_on, months)
    ]
    return consultations.filter(still_waiting | Q(pk__in=answered_late))


def unanswered_within(queryset: QuerySet, today: dt.date, months: int = 3) -> QuerySet:
    """The valid consultations still waiting for their first reply on ``today`` that have not yet
    waited ``months`` months (``unanswered_beyond`` takes them from the day after
    ``last_day_unanswered``)."""
    beyond = unanswered_beyond(queryset, today, months)
    return (
        _valid_consultations(queryset, today)
        .filter(_waiting_on(today))
        .exclude(pk__in=beyond.values("pk"))
    )


def last_day_unanswered(received_on: dt.date, months: int = 3) -> dt.date:
    """The last day a consultation received on ``received_on`` may still be unanswered: the same
    day ``months`` months on (the month's last day when shorter); over the limit from the next."""
    return _months_after(received_on, months)


def _months_after(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, min(day.day, month_calendar.monthrange(year, month + 1)[1]))


def overdue(queryset: QuerySet, today: dt.date) -> QuerySet:
    """``messages_overdue``: open past the due date."""
    return queryset.filter(state__in=OPEN_STATES, due_on__lt=today)


def late(queryset: QuerySet) -> QuerySet:
    """``messages_late``: answered after the due date then in force."""
    return queryset.filter(late=True)


def transfers_late(queryset: QuerySet) -> QuerySet:
    """``transfer_late``: transferred later than the first working day after receipt."""
    return queryset.filter(transfer_late=True)


def last_published_reply(queryset: QuerySet) -> dt.date | None:
    """For ``reply_column_stale``: the newest date of a published reply."""
    return queryset.filter(published=True).aggregate(value=Max(published_reply_on()))["value"]


def error_reports_open(queryset: QuerySet, today: dt.date) -> QuerySet:
    """``error_reports_open``: 找错 messages not yet resolved (answered) on ``today``."""
    return open_on(queryset.filter(kind=Kind.ERROR_REPORT), today)


def error_reports_slow(queryset: QuerySet, today: dt.date, months: int = 1) -> QuerySet:
    """``error_reports_slow``: 找错 messages resolved, by ``today``, more than a month after receipt."""
    answered = queryset.filter(
        kind=Kind.ERROR_REPORT, first_replied_on__isnull=False, first_replied_on__lte=today
    )
    ids = [
        message.pk
        for message in answered.only("received_on", "first_replied_on")
        if message.first_replied_on > _months_after(message.received_on, months)
    ]
    return answered.filter(pk__in=ids)


def statistics_cover(month_end: dt.date) -> bool:
    """``message_stats_stale``: the statistics page is computed from the records when it is shown,
    so it always covers every month up to the current one."""
    return True
