"""Sign-off of replies (审核签发) — pure Python, no Django.

An agency decides which replies a reviewer must sign off before the letter is issued: every
outcome except ``disclosed`` (the default), all, or none. A handler then drafts the reply
(``draft_reply``: outcome, reasons, the letter's text); a reviewer approves it — which records the
``reply`` itself, dated the approval day, and issues the letter — or returns it with a comment
(``return_reply``). Drafts and returns are internal steps of the office: they are in the file and
the staff timeline, but the clock ignores them (``clock.INTERNAL``), so a draft is never the
answer and the deadline runs on until the approval. A reply by a reviewer-rank user (or a
superuser) is its own sign-off.
"""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.applications.clock import DRAFT, RETURN, ClockEvent

POLICIES = ("except_disclosed", "all", "none")


def needs_signoff(policy: str, outcome: str) -> bool:
    if policy == "all":
        return True
    if policy == "none":
        return False
    return outcome != "disclosed"


def settled_drafts(events: Iterable[ClockEvent]) -> set:
    """Ids of drafts already returned or approved (the approving reply names its draft)."""
    return {event.data.get("draft") for event in events if event.action in (RETURN, "reply")}


def pending_draft(events: Iterable[ClockEvent]) -> ClockEvent | None:
    """The draft awaiting a reviewer: the latest one neither returned nor approved. Only an open
    application has one (a reply by a reviewer ends the matter: the caller checks the state)."""
    events = list(events)
    settled = settled_drafts(events)
    drafts = [event for event in events if event.action == DRAFT and event.id not in settled]
    return drafts[-1] if drafts else None


def returned_draft(events: Iterable[ClockEvent]) -> tuple[ClockEvent, ClockEvent] | None:
    """(draft, return) when the latest draft was returned and no new draft followed it."""
    events = list(events)
    drafts = [event for event in events if event.action == DRAFT]
    if not drafts:
        return None
    latest = drafts[-1]
    for event in events:
        if event.action == RETURN and event.data.get("draft") == latest.id:
            return latest, event
    return None
