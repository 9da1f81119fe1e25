"""The audit trail is a hash chain: a row changed or removed in the database is found."""

import itertools
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import close_old_connections, connection
from hypothesis import given
from hypothesis import strategies as st

from gongkai.audit import chain
from gongkai.audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from gongkai.audit.services import record, service
from gongkai.audit.verification import chain_verification
from gongkai.core.append_only import append_only_sql
from gongkai.core.system import SYSTEM

# --- the pure rules ---------------------------------------------------------------------------


def _content(sequence: int, **changes) -> dict:
    content = {
        "sequence": sequence,
        "at": f"2026-03-0{sequence % 9 + 1}T08:00:00.000000+00:00",
        "actor_id": 7,
        "actor_label": "handler_a",
        "agency_id": 3,
        "action": "item.publish",
        "object_type": "catalog.item",
        "object_id": str(100 + sequence),
        "summary": f"发布第{sequence}条",
        "data": {"index_no": f"000000002/2026-0000{sequence}", "late": False, "pages": [1, 2.5]},
    }
    content.update(changes)
    return content


def _chain_of(count: int) -> list[chain.StoredEvent]:
    events, previous = [], chain.GENESIS
    for sequence in range(1, count + 1):
        content = _content(sequence)
        digest = chain.link_hash(previous, content)
        events.append(chain.StoredEvent(sequence * 10, sequence, previous, digest, content))
        previous = digest
    return events


def _verify(events, head=None):
    if head is None:
        head = (events[-1].sequence, events[-1].hash)
    return chain.first_broken_link(events, head_sequence=head[0], head_hash=head[1])


def test_an_untouched_chain_is_intact():
    events = _chain_of(5)
    result = _verify(events)
    assert result.intact and result.checked == 5


def test_the_empty_trail_is_intact():
    assert chain.first_broken_link([], head_sequence=0, head_hash=chain.GENESIS).intact


def test_the_canonical_form_ignores_key_order_and_keeps_chinese_readable():
    one = chain.canonical(_content(1, data={"b": 1, "a": "甲"}))
    other = chain.canonical(dict(reversed(list(_content(1, data={"a": "甲", "b": 1}).items()))))
    assert one == other and "甲".encode() in one


def test_integral_floats_hash_like_the_integers_postgresql_gives_back():
    assert chain.link_hash(chain.GENESIS, _content(1, data={"n": 1e20})) == chain.link_hash(
        chain.GENESIS, _content(1, data={"n": 100000000000000000000})
    )


@given(
    position=st.integers(min_value=0, max_value=5),
    field=st.sampled_from([f for f in chain.CONTENT_FIELDS if f != "sequence"]),
    value=st.one_of(st.text(max_size=5), st.integers(), st.none()),
)
def test_changing_any_field_of_any_event_breaks_the_chain_at_that_event(position, field, value):
    events = _chain_of(6)
    original = events[position]
    if original.content[field] == value:
        return
    events[position] = chain.StoredEvent(
        original.id, original.sequence, original.previous_hash, original.hash, {**original.content, field: value}
    )
    result = _verify(events, head=(6, _chain_of(6)[-1].hash))
    assert result.broken.sequence == original.sequence
    assert result.broken.event_id == original.id
    assert "内容" in result.broken.reason


def test_a_removed_event_is_named_as_missing():
    events = _chain_of(5)
    result = _verify(events[:2] + events[3:], head=(5, events[-1].hash))
    assert result.broken.sequence == 3 and "缺少第3号" in result.broken.reason
    assert result.checked == 2


def test_removing_the_newest_events_is_caught_by_the_head():
    events = _chain_of(5)
    result = _verify(events[:3], head=(5, events[-1].hash))
    assert result.broken.sequence == 4 and "链头" in result.broken.reason


def test_a_recomputed_event_still_breaks_its_successor():
    events = _chain_of(4)
    forged_content = _content(2, summary="改写后的摘要")
    forged = chain.StoredEvent(20, 2, events[0].hash, chain.link_hash(events[0].hash, forged_content), forged_content)
    result = _verify([events[0], forged, *events[2:]], head=(4, events[-1].hash))
    assert result.broken.sequence == 3 and "前一哈希" in result.broken.reason


def test_an_event_outside_the_chain_is_reported():
    events = _chain_of(2)
    stray = chain.StoredEvent(99, None, "", "", _content(0))
    result = _verify([stray, *events], head=(2, events[-1].hash))
    assert result.broken.event_id == 99 and result.broken.sequence is None


# --- the database -----------------------------------------------------------------------------


def _write_events(count: int):
    @service
    def act(number):
        record(actor=SYSTEM, action="test.chain", summary=f"第{number}次", data={"n": number, "amount": "12.50"})

    for number in range(count):
        act(number)


def _tamper(sql: str, params=()):
    """What someone with database access can do: lift the append-only trigger and change rows."""
    forward, backward = append_only_sql(
        table="audit_auditevent", trigger="audit_event", function="gongkai_audit_append_only", what="audit events"
    )[connection.vendor]
    with connection.cursor() as cursor:
        # Empty parameters, as migrations pass them: the trigger's "%%" is then read as "%".
        cursor.execute(backward, ())
        cursor.execute(sql, params)
        cursor.execute(forward, ())


def test_events_written_by_services_form_an_intact_chain(tree):
    _write_events(3)
    events = list(AuditEvent.objects.order_by("sequence"))
    assert [event.sequence for event in events] == list(range(1, len(events) + 1))
    assert events[0].previous_hash == chain.GENESIS
    assert all(later.previous_hash == earlier.hash for earlier, later in itertools.pairwise(events))
    head = AuditChainHead.objects.get()
    assert (head.sequence, head.hash) == (events[-1].sequence, events[-1].hash)
    assert chain_verification().intact


def test_an_event_created_through_the_orm_is_chained_too_and_bulk_inserts_are_refused(tree):
    event = AuditEvent.objects.create(action="x.y", object_type="x", object_id="1")
    assert event.sequence == AuditChainHead.objects.get().sequence
    assert chain_verification().intact
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(action="x.z")])


def test_editing_a_row_in_the_database_is_detected(tree):
    _write_events(3)
    victim = AuditEvent.objects.filter(action="test.chain").order_by("sequence")[1]
    _tamper("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["无事发生", victim.pk])
    result = chain_verification()
    assert result.broken.sequence == victim.sequence and result.broken.event_id == victim.pk
    assert result.checked == victim.sequence - 1


def test_deleting_a_row_in_the_database_is_detected(tree):
    _write_events(3)
    victim = AuditEvent.objects.filter(action="test.chain").order_by("sequence")[0]
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [victim.pk])
    result = chain_verification()
    assert result.broken.sequence == victim.sequence
    assert f"缺少第{victim.sequence}号" in result.broken.reason


def test_deleting_the_newest_row_is_detected(tree):
    _write_events(2)
    newest = AuditEvent.objects.order_by("-sequence").first()
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [newest.pk])
    assert chain_verification().broken.sequence == newest.sequence


def test_verify_audit_command_reports_the_head_or_the_first_broken_link(tree):
    _write_events(2)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    head = AuditChainHead.objects.get()
    assert "审计链完整" in out.getvalue() and head.hash in out.getvalue()

    victim = AuditEvent.objects.filter(action="test.chain").first()
    _tamper("UPDATE audit_auditevent SET data = %s WHERE id = %s", ['{"n": 99}', victim.pk])
    with pytest.raises(CommandError, match=f"第{victim.sequence}号"):
        call_command("verify_audit", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_share_a_predecessor():
    """Eight threads record at once; every event gets its own place in one unbroken chain."""
    threads_count, per_thread = 8, 6
    barrier = threading.Barrier(threads_count)
    failures = []

    def writer():
        try:
            barrier.wait()
            _write_events(per_thread)
        except Exception as error:  # collected and asserted below
            failures.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, len(sequences) + 1))
    assert AuditEvent.objects.filter(action="test.chain").count() == threads_count * per_thread
    assert chain_verification().intact
