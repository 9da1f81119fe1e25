"""The clocks of stored proposals: ``deadlines`` on the agency's calendar. A due day that needs a
year nobody has confirmed is unknown (``None``), never guessed; the reason says which year."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from gongkai.proposals import deadlines
from gongkai.proposals.models import CoHandler, Proposal
from gongkai.proposals.vocabulary import Satisfaction, State
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import workdays


@dataclass(frozen=True)
class Due:
    on: dt.date | None
    unknown_reason: str = ""


def second_answer_months() -> int:
    """Months after a 不满意 rating within which the second answer is due (deployment setting)."""
    return settings.GONGKAI_PROPOSAL_SECOND_ANSWER_MONTHS


def publication_workdays() -> int:
    """Working days after the answer within which it is published (deployment setting)."""
    return settings.GONGKAI_PROPOSAL_PUBLICATION_WORKDAYS


def as_on(proposal: Proposal, today: dt.date) -> Proposal:
    """``proposal`` as it stood on ``today`` (which may be past): an act dated after it — the
    extension, the answer, the rating, the second answer, the publication — had not happened yet.
    The proposal itself when nothing is dated after it; otherwise an unsaved copy."""
    acts = ("extended_on", "answered_on", "rated_on", "second_answered_on", "published_on")
    later = [name for name in acts if (getattr(proposal, name) or dt.date.min) > today]
    if not later:
        return proposal
    then = copy.copy(proposal)
    for name in later:
        setattr(then, name, None)
    if then.rated_on is None:
        then.satisfaction = ""
    return then


def _calendar(proposal: Proposal):
    return workdays(proposal.agency.region).calendar


def _unknown(error: CalendarNotConfirmed) -> Due:
    return Due(None, f"{error.year}年的节假日安排尚未确认，截止日期暂无法确定")


def answer_due(proposal: Proposal) -> Due:
    try:
        return Due(deadlines.answer_due(proposal.assigned_on, extended=proposal.extended, calendar=_calendar(proposal)))
    except CalendarNotConfirmed as error:
        return _unknown(error)


def second_answer_due(proposal: Proposal) -> Due:
    if proposal.satisfaction != Satisfaction.DISSATISFIED or proposal.rated_on is None:
        return Due(None)
    try:
        return Due(
            deadlines.second_answer_due(proposal.rated_on, _calendar(proposal), second_answer_months())
        )
    except CalendarNotConfirmed as error:
        return _unknown(error)


def publication_due(proposal: Proposal) -> Due:
    if proposal.answered_on is None:
        return Due(None)
    try:
        return Due(
            deadlines.publication_due(proposal.answered_on, _calendar(proposal), publication_workdays())
        )
    except CalendarNotConfirmed as error:
        return _unknown(error)


def views_due(co_handler: CoHandler) -> Due:
    """The date the lead set, or one month before the answer is due."""
    if co_handler.views_due_on is not None:
        return Due(co_handler.views_due_on)
    proposal = co_handler.proposal
    due = answer_due(proposal)
    if due.on is None:
        return due
    try:
        return Due(deadlines.co_handler_views_due(due.on, _calendar(proposal)))
    except CalendarNotConfirmed as error:
        return _unknown(error)


def state_of(proposal: Proposal) -> State:
    if proposal.answered_on is None:
        return State.HANDLING
    if proposal.second_answered_on is not None:
        return State.SECOND_ANSWERED
    if not proposal.satisfaction:
        return State.ANSWERED
    if proposal.satisfaction == Satisfaction.DISSATISFIED:
        return State.SECOND_ANSWER_DUE
    return State.RATED


def is_late(proposal: Proposal, today: dt.date) -> bool:
    return deadlines.is_late(proposal.answered_on, answer_due(proposal).on, today)


def second_answer_late(proposal: Proposal, today: dt.date) -> bool:
    """The second answer owed after a 不满意 rating is given after its due day, or still owed past it."""
    return deadlines.is_late(proposal.second_answered_on, second_answer_due(proposal).on, today)


def publication_late(proposal: Proposal, today: dt.date) -> bool:
    if proposal.answered_on is None:
        return False
    return deadlines.is_late(proposal.published_on, publication_due(proposal).on, today)
