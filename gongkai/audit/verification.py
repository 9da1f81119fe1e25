"""Checking the audit trail's hash chain as stored (``manage.py verify_audit``, restore, load test)."""

from __future__ import annotations

from django.db.models import F

from gongkai.audit import chain
from gongkai.audit.models import AuditChainHead, AuditEvent


def chain_verification(*, progress=None, using: str = "default") -> chain.Verification:
    """Walk the whole trail in chain order (``gongkai.audit.chain``); ``progress(n)`` is called
    every 10,000 events. Reads in sequence order with a server-side cursor: memory stays flat."""
    head = AuditChainHead.objects.using(using).filter(pk=AuditChainHead.ROW).first()
    head_sequence, head_hash = (head.sequence, head.hash) if head else (0, chain.GENESIS)

    def stored_events():
        events = AuditEvent.objects.using(using).order_by(F("sequence").asc(nulls_first=True), "id")
        for count, event in enumerate(events.iterator(chunk_size=5000), start=1):
            if progress is not None and count % 10_000 == 0:
                progress(count)
            yield chain.StoredEvent(
                id=event.pk,
                sequence=event.sequence,
                previous_hash=event.previous_hash,
                hash=event.hash,
                content=event.chain_content(),
            )

    return chain.first_broken_link(stored_events(), head_sequence=head_sequence, head_hash=head_hash)
