"""The Art. 26 publication clock and the interpretation lag, computed with the agency's calendar."""

from __future__ import annotations

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
