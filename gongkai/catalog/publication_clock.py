"""The Art. 26 publication clock and the interpretation lag, computed with the agency's calendar."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from gongkai.catalog import publication_rules
from gongkai.catalog.vocabulary import Genre, ItemState
from gongkai.workdays.selectors import CalendarNotConfirmedError, workdays


def publication_clock(item, calendar=None) -> tuple:
    """(due_on, late). A year without a confirmed holiday schedule leaves the due day unknown
    (None, not late) rather than blocking publication or guessing. ``calendar``: the agency's
    ``workdays(region)`` when the caller holds it (a batch of items)."""
    try:
        due_on = publication_rules.publication_due(
            item.formed_on, item.changed_on, calendar or workdays(item.agency.region)
        )
    except CalendarNotConfirmedError:
        return None, False
    return due_on, publication_rules.is_late(item.published_on, due_on)


def _lag(policy, interpretation, region: str):
    try:
        return publication_rules.interpretation_lag(
            policy.published_on, interpretation.published_on, workdays(region)
        )
    except CalendarNotConfirmedError:
        return None


def apply_interpretation_lags(item) -> None:
    """After ``item`` is published: its own lag if it is an interpretation, and the lag of the
    interpretations already published for it if it is a policy."""
    from gongkai.catalog.models import Item

    region = item.agency.region
    if item.genre == Genre.INTERPRETATION and item.interprets_id:
        policy = item.interprets
        if policy.state == ItemState.PUBLISHED and policy.published_on:
            item.interpretation_lag = _lag(policy, item, region)
            Item.objects.filter(pk=item.pk).update(interpretation_lag=item.interpretation_lag)
    for interpretation in Item.objects.filter(interprets=item, state=ItemState.PUBLISHED):
        lag = _lag(item, interpretation, region)
        Item.objects.filter(pk=interpretation.pk).update(interpretation_lag=lag)


# The longest a clock of 20 working days can run in calendar days (four weeks and the longest holiday
# with its weekends, about 40 days), with a margin: an item whose clock started earlier than this
# before a changed day had reached its 20th working day before it.
CLOCK_SPAN_DAYS = 90


def refresh_after_calendar_change(sender, *, region: str, since: dt.date, **kwargs) -> int:
    """``workdays.signals.calendar_changed``: recompute the cached 应公开日期 and 逾期 of the
    published items whose clock may count a day from ``since`` on (due on or after it, or due on a
    day that was unknown then), and the 解读滞后 of the interpretations published from ``since`` on.
    Every region is recomputed for a regional change too (a few more rows, never a stale one).
    Returns how many items changed."""
    from gongkai.catalog.models import Item

    window = since - dt.timedelta(days=CLOCK_SPAN_DAYS)
    unknown = Q(due_on__isnull=True) & (Q(formed_on__gte=window) | Q(changed_on__gte=window))
    items = (
        Item.objects.filter(state=ItemState.PUBLISHED, published_on__isnull=False)
        .filter(Q(due_on__gte=since) | unknown)
        .select_related("agency")
        .order_by("pk")
    )
    changed = 0
    calendars: dict[str, object] = {}
    for item in items.iterator(chunk_size=500):
        region_of_item = item.agency.region
        calendar = calendars.get(region_of_item) or calendars.setdefault(region_of_item, workdays(region_of_item))
        due_on, late = publication_clock(item, calendar)
        if (due_on, late) != (item.due_on, item.late):
            Item.objects.filter(pk=item.pk).update(due_on=due_on, late=late)
            changed += 1
    interpretations = Item.objects.filter(
        state=ItemState.PUBLISHED, genre=Genre.INTERPRETATION, published_on__gte=since, interprets__isnull=False
    ).select_related("agency", "interprets")
    for item in interpretations.iterator(chunk_size=500):
        policy = item.interprets
        if policy.state == ItemState.PUBLISHED and policy.published_on:
            lag = _lag(policy, item, item.agency.region)
            if lag != item.interpretation_lag:
                Item.objects.filter(pk=item.pk).update(interpretation_lag=lag)
                changed += 1
    return changed
