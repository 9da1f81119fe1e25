"""The hash chain that makes the audit trail tamper-evident (pure rules, no Django import).

Every event carries ``hash = SHA-256(previous hash ‖ canonical JSON of its content)``, and the
``sequence`` number of its place in the deployment's insertion order (1, 2, 3, …). A chain head
outside the events holds the last sequence number and hash, so removing the newest events is
noticed too. Changing any stored field of an event, deleting an event or inserting one in the
middle breaks a link that :func:`first_broken_link` names.

What the chain proves and what it does not: someone who changes rows directly in the database
without recomputing every later hash is caught. Someone who recomputes the whole chain can only
be caught by comparing the head with a copy kept elsewhere (the backup manifest records it, and
``manage.py verify_audit`` prints it for the operator's log).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# The hash the first event links to.
GENESIS = "0" * 64

# The fields of an event that its hash covers, in the order of the canonical form.
CONTENT_FIELDS = (
    "sequence",
    "at",
    "actor_id",
    "actor_label",
    "agency_id",
    "action",
    "object_type",
    "object_id",
    "summary",
    "data",
)


def canonical(content: Mapping[str, Any]) -> bytes:
    """One byte string per content: keys sorted, no spaces, UTF-8 (the JSON column reads back
    equal values, so the form is the same before saving and after loading)."""
    missing = set(CONTENT_FIELDS) - set(content)
    if missing:
        raise ValueError(f"event content lacks {sorted(missing)}")
    body = {field: _plain_numbers(content[field]) for field in CONTENT_FIELDS}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _plain_numbers(value):
    """Integral floats become integers: PostgreSQL's jsonb gives ``1e+20`` back as an integer."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _plain_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_numbers(item) for item in value]
    return value


def link_hash(previous_hash: str, content: Mapping[str, Any]) -> str:
    """The hash of an event whose predecessor's hash is ``previous_hash``."""
    digest = hashlib.sha256()
    digest.update(previous_hash.encode("ascii"))
    digest.update(canonical(content))
    return digest.hexdigest()


@dataclass(frozen=True)
class StoredEvent:
    """An event as read back from the database."""

    id: int
    sequence: int | None
    previous_hash: str
    hash: str
    content: Mapping[str, Any]


@dataclass(frozen=True)
class BrokenLink:
    """Where the chain first fails, and why (a Chinese sentence for the operator)."""

    sequence: int | None
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class Verification:
    checked: int
    head_sequence: int
    head_hash: str
    broken: BrokenLink | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def first_broken_link(
    events: Iterable[StoredEvent], *, head_sequence: int, head_hash: str
) -> Verification:
    """Walk the events in sequence order and report the first link that does not hold.

    Checks, per event: its sequence number is the next one (a gap means an event was removed,
    a repeat that one was inserted), it names its predecessor's hash, and its own hash matches
    its content. At the end the last event must be the chain head's.
    """
    expected_sequence, previous_hash, checked = 1, GENESIS, 0
    for event in events:
        broken = _check(event, expected_sequence, previous_hash)
        if broken is not None:
            return Verification(checked, head_sequence, head_hash, broken)
        checked += 1
        expected_sequence, previous_hash = event.sequence + 1, event.hash
    last_sequence = expected_sequence - 1
    if (last_sequence, previous_hash) != (head_sequence, head_hash):
        reason = (
            f"链头记录最后一条为第{head_sequence}号，实际最后一条为第{last_sequence}号"
            if last_sequence != head_sequence
            else f"第{last_sequence}号事件的哈希与链头记录不一致"
        )
        return Verification(checked, head_sequence, head_hash, BrokenLink(last_sequence + 1, None, reason))
    return Verification(checked, head_sequence, head_hash, None)


def _check(event: StoredEvent, expected_sequence: int, previous_hash: str) -> BrokenLink | None:
    if event.sequence is None:
        return BrokenLink(None, event.id, f"事件#{event.id}没有链序号（未纳入哈希链）")
    if event.sequence > expected_sequence:
        return BrokenLink(
            expected_sequence,
            event.id,
            f"缺少第{expected_sequence}号至第{event.sequence - 1}号事件（已被删除）",
        )
    if event.sequence < expected_sequence:
        return BrokenLink(event.sequence, event.id, f"第{event.sequence}号重复出现（事件#{event.id}）")
    if event.previous_hash != previous_hash:
        return BrokenLink(
            event.sequence, event.id, f"第{event.sequence}号事件记录的前一哈希与前一事件不一致"
        )
    if link_hash(previous_hash, event.content) != event.hash:
        return BrokenLink(
            event.sequence, event.id, f"第{event.sequence}号事件的内容与其哈希不符（内容被修改）"
        )
    return None
