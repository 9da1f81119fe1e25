"""Bulk import (issue 19): many items per transaction, the CPU work in worker processes.

The stages of an item:

- **parse**: read the file and extract the metadata (``import_candidates``);
- **screen**: clean the fields as ``create_item`` cleans them and, with ``publish``, run the
  detectors ``publish_item`` runs (``prescreen.screen``) and compute the searchable forms of the
  text (``search.indexing.text_forms``: normalisation, suggestion words), which the index write
  then uses instead of computing them again;
- **insert**: items, their columns, 索引号 and audit events, a few statements per batch;
- **index**: one ``items_changed`` signal per batch, so the search index is written once per batch;
  on PostgreSQL the GIN pending lists are merged on a second connection beside the writer
  (``search.indexing.concurrent_upkeep``), and the import ends once the last batch is merged.

Parse and screen are pure and run in worker processes (``workers`` > 1); the writes run in this
process. Every row is checked as the single-item path (``import_creation.import_candidate``) checks
it, in the same order and with the same messages, before its batch is written: a refused row is
reported with its file name or sheet line and the rest of the batch goes on. A batch is then
written **all or nothing**: when its write fails (a database error, a 索引号 already taken), it is
rolled back and its rows are imported again one by one through ``import_candidate``, so only the
rows that really fail are refused, each with its reason, and nothing else is lost.

Each item gets the same audit events as the single-item path (``item.create``, and with
``publish`` ``item.publish`` with the masked findings), appended to the hash chain as consecutive
links under one lock of the chain head (``audit.services.record_many``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.urls import get_resolver

from gongkai.agencies import permissions
from gongkai.audit.services import record_many
from gongkai.catalog import prescreen
from gongkai.catalog.import_candidates import Candidate
from gongkai.catalog.import_creation import (
    CREATED,
    FAILED,
    SKIPPED,
    ImportResult,
    import_candidate,
    item_fields,
)
from gongkai.catalog.index_assignment import assign_index_nos
from gongkai.catalog.models import Column, Item
from gongkai.catalog.publication_clock import publication_clock
from gongkai.catalog.services.common import user_of
from gongkai.catalog.services.items import creation_event
from gongkai.catalog.services.publication import check_publishable, publication_event, screening_refusal
from gongkai.catalog.signals import items_changed
from gongkai.catalog.validation import clean_fields
from gongkai.catalog.vocabulary import GENRE_DEFAULT_COLUMN, ItemState
from gongkai.core.bulk import bulk_insert
from gongkai.core.errors import DomainError, InvalidInput, RuleViolation
from gongkai.core.processes import worker_pool
from gongkai.search.indexing import Forms, concurrent_upkeep, text_forms
from gongkai.workdays.selectors import workdays

BATCH_SIZE = 500
SKIPPED_MESSAGE = "已导入过（同一机构、同名同文号），跳过"
# What ``clean_fields`` sets on an item (``create_item``'s fields; imports never link ``interprets``).
CLEANED = (
    "title",
    "doc_number",
    "genre",
    "topic",
    "audience",
    "keywords",
    "summary",
    "body",
    "body_text",
    "formed_on",
    "changed_on",
    "disclosure",
    "not_disclosed_reason",
    "internal",
    "source",
    "publication_modes",
)

Source = Candidate | Callable[[], Candidate]


@dataclass
class Prepared:
    """A row after the worker's stages: its candidate, cleaned fields (or why not) and findings."""

    candidate: Candidate
    fields: dict | None = None
    error: str = ""
    findings: list[dict] = field(default_factory=list)
    forms: Forms | None = None
    parse_seconds: float = 0.0
    screen_seconds: float = 0.0


@dataclass
class Stages:
    """Seconds per stage: parse and screen are CPU seconds summed over the workers, insert and
    index wall seconds of this process, merge the wall seconds waited at the end for the last
    merge of the index's pending lists; ``batches_retried`` names the batches written one by one."""

    parse: float = 0.0
    screen: float = 0.0
    insert: float = 0.0
    index: float = 0.0
    merge: float = 0.0
    batches_retried: list[str] = field(default_factory=list)


def prepare(sources: list[Source], publish: bool) -> list[Prepared]:
    """Parse and screen ``sources`` (runs in a worker process: no database)."""
    prepared = []
    for source in sources:
        started = time.process_time()
        candidate = source if isinstance(source, Candidate) else source()
        parsed = time.process_time()
        row = Prepared(candidate, parse_seconds=parsed - started)
        if candidate.ok:
            item = Item()
            try:
                clean_fields(item, item_fields(candidate))
            except DomainError as error:
                row.error = error.message
            else:
                row.fields = {name: getattr(item, name) for name in CLEANED}
                if publish:
                    row.findings = prescreen.screen(item)
                    row.forms = text_forms(item.title, item.body_text, item.doc_number)
        row.screen_seconds = time.process_time() - parsed
        prepared.append(row)
    return prepared


def _chunks(sources: Iterable[Source], size: int, ramp: bool = False) -> Iterator[list[Source]]:
    """``sources`` in lists of ``size``; with ``ramp`` the first lists are an eighth, a quarter and a
    half of that, so the writer starts on the first rows while the workers prepare the rest."""
    sizes = iter([s for s in (size // 8, size // 4, size // 2) if s] if ramp else [])
    wanted = next(sizes, size)
    chunk = []
    for source in sources:
        chunk.append(source)
        if len(chunk) == wanted:
            yield chunk
            chunk = []
            wanted = next(sizes, size)
    if chunk:
        yield chunk


def _prepared_batches(
    sources, *, publish: bool, pool, workers: int, batch_size: int
) -> Iterator[list[Prepared]]:
    """Prepared batches in input order; with a pool, up to two batches per worker are prepared
    ahead while this process writes, the first ones smaller (``_chunks``).

    Until the workers have prepared their first batch (the fork server sets Django up first: ~1 s),
    this process prepares the next chunks itself instead of waiting. Not afterwards: the writing
    process is the slower stage, so every row it prepared later would lengthen the import."""
    if pool is None:
        for chunk in _chunks(sources, batch_size):
            yield prepare(chunk, publish)
        return
    chunks = _chunks(sources, batch_size, ramp=True)
    pending: deque[tuple[Future, bool]] = deque()  # in input order; True: the pool's
    in_pool, workers_started = 0, False
    while True:
        while in_pool < 2 * workers and (chunk := next(chunks, None)) is not None:
            pending.append((pool.submit(prepare, chunk, publish), True))
            in_pool += 1
        if not pending:
            return
        workers_started = workers_started or any(future.done() for future, pooled in pending if pooled)
        while not workers_started and not pending[0][0].done() and (chunk := next(chunks, None)):
            prepared: Future = Future()
            try:
                prepared.set_result(prepare(chunk, publish))
            except Exception as error:  # raised in its turn, as a worker's would be
                prepared.set_exception(error)
            pending.append((prepared, False))
            workers_started = any(future.done() for future, pooled in pending if pooled)
        future, pooled = pending.popleft()
        in_pool -= pooled
        yield future.result()


def _warm_up() -> None:
    """Load, once per process, what the first batch's write needs (the URLconf, for the items'
    addresses) while the workers start, rather than after."""
    get_resolver().reverse_dict  # noqa: B018 - the property builds the URLconf's reverse map


class _Importer:
    """The checks and writes of one import into one agency."""

    def __init__(self, *, actor, agency, publish: bool, today: dt.date, known: set, stages: Stages):
        self.actor, self.agency, self.publish, self.today = actor, agency, publish, today
        self.known, self.stages = known, stages
        self.account = user_of(actor)
        columns = list(Column.objects.filter(agency=agency))
        self.column_by_name = {column.name: column.code for column in columns}
        self.columns = columns
        # Refusals that are the same for every row (the single path repeats them per row).
        self.edit_refusal = self._refusal(lambda: self._check_edit())
        self.review_refusal = self._refusal(lambda: permissions.require(actor, "review", agency))
        stub = Item(agency=agency, created_by=self.account, formed_on=today)
        # Published rows carry no blocking finding in their title, summary or body (they are
        # refused), which is the self-check's verdict on them: stored with the rules' version, so
        # the first self-check after a large import does not screen every text again.
        self.rules = prescreen.verdict_version() if publish else ""
        self.four_eyes_refusal = self._refusal(
            lambda: check_publishable(stub, actor=actor, on=today, today=today, four_eyes=True)
        )

    @staticmethod
    def _refusal(check) -> str:
        try:
            check()
        except DomainError as error:
            return error.message
        return ""

    def _check_edit(self) -> None:
        permissions.require(self.actor, "edit", self.agency)
        if not self.agency.active:
            raise RuleViolation("agency_inactive", f"“{self.agency.name}”已撤销或并入其他机构")

    def _columns_of(self, candidate: Candidate, genre: str) -> list[Column]:
        """``create_item``'s columns: by code or name, none → the genre's default column."""
        codes = [self.column_by_name.get(name, name) for name in candidate.columns]
        if not codes:
            codes = [GENRE_DEFAULT_COLUMN.get(genre, "art20-15")]
        found = [column for column in self.columns if column.code in codes or column.name in codes]
        unknown = sorted(set(codes) - {column.code for column in found} - {column.name for column in found})
        if unknown:
            raise InvalidInput(
                "unknown_column", f"本机构没有栏目：{'、'.join(unknown)}", {"columns": unknown}
            )
        return found

    def check(self, row: Prepared, accepted: set) -> ImportResult | tuple:
        """The single path's refusals of a row, in its order; else what to write."""
        candidate = row.candidate
        if not candidate.ok:
            return ImportResult(FAILED, message="；".join(candidate.errors))
        key = (candidate.title, candidate.doc_number)
        if key in self.known or key in accepted:
            return ImportResult(SKIPPED, None, SKIPPED_MESSAGE)
        if self.edit_refusal:
            return ImportResult(FAILED, message=self.edit_refusal)
        if row.error:
            return ImportResult(FAILED, message=row.error)
        item = Item(agency=self.agency, created_by=self.account, **row.fields)
        try:
            columns = self._columns_of(candidate, item.genre)
            if self.publish:
                if self.review_refusal:
                    return ImportResult(FAILED, message=self.review_refusal)
                on = candidate.published_on or self.today
                check_publishable(item, actor=self.actor, on=on, today=self.today, four_eyes=False)
                if self.four_eyes_refusal:
                    return ImportResult(FAILED, message=self.four_eyes_refusal)
                if prescreen.blocking(row.findings):
                    raise screening_refusal(row.findings)
                item.published_on = on
        except DomainError as error:
            return ImportResult(FAILED, message=error.message)
        accepted.add(key)
        return item, columns, row.findings, row.forms

    def write(self, accepted: list[tuple]) -> list[Item]:
        """Write the accepted rows of a batch in one transaction (raises: nothing written)."""
        started = time.perf_counter()
        items = [item for item, *_ in accepted]
        with transaction.atomic():
            if self.publish:
                calendar = workdays(self.agency.region)
                for item in items:
                    item.published_by = item.reviewed_by = self.account
                    item.due_on, item.late = publication_clock(item, calendar)
                    item.state = ItemState.PUBLISHED
                    item.screening_blocks, item.screened_with = False, self.rules
                assign_index_nos(items)
            for item in items:
                if not item.source:
                    item.source = self.agency.name
            bulk_insert(items)
            through = Item.columns.through
            bulk_insert(
                [through(item_id=item.pk, column_id=c.pk) for item, columns, *_ in accepted for c in columns],
                returning=False,
            )
            events = []
            for item, _, findings, _ in accepted:
                events.append({**creation_event(item, self.actor), "obj": item, "agency": self.agency})
                if self.publish:
                    events.append(
                        {**publication_event(item, self.actor, findings), "obj": item, "agency": self.agency}
                    )
            record_many(events)
            inserted = time.perf_counter()
            items_changed.send(
                sender=Item,
                items=items,
                action="published" if self.publish else "created",
                forms=[forms for *_, forms in accepted],
                columns=[[column.code for column in columns] for _, columns, *_ in accepted],
            )
        self.stages.insert += inserted - started
        self.stages.index += time.perf_counter() - inserted
        return items


def bulk_import(
    sources: Iterable[Source],
    *,
    actor,
    agency,
    publish: bool,
    today: dt.date,
    known: set | None = None,
    workers: int = 0,
    batch_size: int = BATCH_SIZE,
    stages: Stages | None = None,
) -> Iterator[tuple[Candidate, ImportResult]]:
    """Import ``sources`` (candidates, or callables giving one: ``import_candidates.*_sources``)
    into ``agency``; yields (candidate, result) per source in input order, batch by batch.

    ``known`` is ``imported_keys(agency)`` (kept up to date); ``workers`` > 1 parses and screens in
    that many processes; ``stages`` collects the seconds per stage.
    """
    from gongkai.catalog.import_creation import imported_keys

    known = imported_keys(agency) if known is None else known
    stages = Stages() if stages is None else stages
    importer = _Importer(actor=actor, agency=agency, publish=publish, today=today, known=known, stages=stages)
    with contextlib.ExitStack() as stack:
        # The pool's fork server starts at once and sets Django up on the other core while this
        # process warms up; the first worker waits for it.
        pool = stack.enter_context(worker_pool(workers)) if workers > 1 else None
        _warm_up()
        # The objects that exist now (Django's, the URLconf's: ~300,000) are left out of the garbage
        # collector's full passes during the import and handed back after it: each pass scanned them
        # all again (~1.2 s of this process's CPU per 10,000 items, halved).
        gc.freeze()
        stack.callback(gc.unfreeze)
        batches = _prepared_batches(
            sources, publish=publish, pool=pool, workers=workers, batch_size=max(1, batch_size)
        )
        yield from _write_batches(batches, importer, stages, publish)


def _write_batches(batches, importer: _Importer, stages: Stages, publish: bool) -> Iterator[tuple]:
    """Check and write each prepared batch; (candidate, result) per row in input order."""
    known = importer.known
    with concurrent_upkeep() as written:
        for rows in batches:
            stages.parse += sum(row.parse_seconds for row in rows)
            stages.screen += sum(row.screen_seconds for row in rows)
            accepted_keys: set = set()
            checked = [importer.check(row, accepted_keys) for row in rows]
            to_write = [outcome for outcome in checked if isinstance(outcome, tuple)]
            try:
                items = iter(importer.write(to_write)) if to_write else iter(())
            except (DomainError, DatabaseError) as error:
                yield from _one_by_one(rows, importer, error)
                continue
            if to_write and publish:
                written()
            known.update(accepted_keys)
            for row, outcome in zip(rows, checked, strict=True):
                yield (
                    row.candidate,
                    ImportResult(CREATED, next(items)) if isinstance(outcome, tuple) else outcome,
                )
        merging = time.perf_counter()
    stages.merge += time.perf_counter() - merging


def _one_by_one(rows, importer: _Importer, error) -> Iterator[tuple[Candidate, ImportResult]]:
    """A batch whose write failed (and was rolled back): every row again through the single-item
    path, which refuses only the rows that fail, each with its reason."""
    reason = getattr(error, "message", None) or (str(error).splitlines() or [type(error).__name__])[0]
    importer.stages.batches_retried.append(
        f"{rows[0].candidate.origin}–{rows[-1].candidate.origin}：{reason}"
    )
    for row in rows:
        started = time.perf_counter()
        result = import_candidate(
            row.candidate,
            actor=importer.actor,
            agency=importer.agency,
            publish=importer.publish,
            today=importer.today,
            known=importer.known,
        )
        importer.stages.insert += time.perf_counter() - started
        yield row.candidate, result
