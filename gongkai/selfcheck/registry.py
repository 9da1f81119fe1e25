"""The self-check's extension points: indicators and running clocks — pure Python, no Django.

The self-check knows no indicator by name. Every duty registers its indicators and its clocks in
its ``AppConfig.ready``::

    register_indicator(Indicator(code="application_overdue", name="…", rule="…", source="…",
                                 compute=overdue_results, order=20))
    register_clocks("applications", application_clocks)

Several indicators of one duty often read the same rows (the catalogue's column indicators all
need each column's newest public item): ``shared(key, compute)`` computes such a value once per
evaluation (``run()``, which ``evaluation.evaluate`` opens) and recomputes it in the next one, so
every self-check stays live.

``Indicator.compute(agencies, today)`` takes the agencies to check (model instances with ``pk``,
``name``, ``kind``, ``region``) and returns ``{agency_id: Result}``; an agency missing from the
answer passes with nothing found. A clock provider ``(agencies, today) -> [Clock]`` lists the
running statutory clocks of those agencies.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field

from gongkai.selfcheck.vocabulary import Status

RECORDS_LIMIT = 50  # records listed per indicator and agency; ``count`` keeps the full number


@dataclass(frozen=True)
class Record:
    """One record behind a finding, as the API lists it (``{type, id, label, url}``)."""

    type: str
    id: int | str
    label: str
    url: str = ""


@dataclass(frozen=True)
class Result:
    """What an indicator found at one agency. ``status`` defaults to fail when ``count`` > 0."""

    count: int = 0
    status: Status | None = None
    records: tuple[Record, ...] = ()
    next_change_on: dt.date | None = None
    next_change: str = ""  # the sentence explaining ``next_change_on``
    note: str = ""
    # For an indicator that deducts per record and vetoes only from a threshold on (e.g. ≥ 5 stale
    # columns): whether the threshold is reached. None: a failed status is the veto.
    veto_reached: bool | None = None

    @property
    def final_status(self) -> Status:
        if self.status is not None:
            return self.status
        return Status.FAIL if self.count else Status.PASS


PASSED = Result()

Compute = Callable[[Sequence, dt.date], dict[int, Result]]


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    rule: str
    source: str
    compute: Compute
    group: str = ""  # the duty it belongs to, e.g. "主动公开"
    order: int = 50


@dataclass(frozen=True)
class Clock:
    """A running statutory clock: ``due_on`` None when it cannot be known (``explanation`` says
    why, e.g. next year's calendar is not confirmed)."""

    kind: str  # stable code, e.g. "application_reply"
    kind_label: str  # Chinese, e.g. "依申请公开答复"
    object_type: str
    object_id: int | str
    label: str
    agency_id: int
    due_on: dt.date | None
    days_left: int | None
    explanation: str
    url: str = ""
    days_unit: str = "工作日"


ClockProvider = Callable[[Sequence, dt.date], list[Clock]]

_indicators: dict[str, Indicator] = {}
_clock_providers: dict[str, ClockProvider] = {}
_defaults: dict[str, dict] = {}


def register_indicator(
    indicator: Indicator, *, deduction: float = 0, cap: float | None = None, veto: bool = False
) -> None:
    """Register ``indicator`` with the default scoring of the spec (the scheme's starting data)."""
    _indicators[indicator.code] = indicator
    _defaults[indicator.code] = {"deduction": deduction, "cap": cap, "veto": veto}


def register_clocks(name: str, provider: ClockProvider) -> None:
    _clock_providers[name] = provider


def indicators() -> list[Indicator]:
    return sorted(_indicators.values(), key=lambda indicator: (indicator.order, indicator.code))


def indicator(code: str) -> Indicator | None:
    return _indicators.get(code)


def default_rules() -> dict[str, dict]:
    return {code: dict(rule) for code, rule in sorted(_defaults.items())}


def clock_providers() -> list[ClockProvider]:
    return list(_clock_providers.values())


@dataclass
class Collected:
    """Helper for providers: results per agency built from rows."""

    records: dict[int, list[Record]] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)

    def add(self, agency_id: int, record: Record) -> None:
        self.counts[agency_id] = self.counts.get(agency_id, 0) + 1
        listed = self.records.setdefault(agency_id, [])
        if len(listed) < RECORDS_LIMIT:
            listed.append(record)


_run: ContextVar[dict | None] = ContextVar("selfcheck_run", default=None)


@contextlib.contextmanager
def run() -> Iterator[None]:
    """One evaluation: values of ``shared`` live until it ends."""
    token = _run.set({})
    try:
        yield
    finally:
        _run.reset(token)


def shared(key: Hashable, compute: Callable[[], object]):
    """``compute()`` once per ``key`` within the current ``run()`` (every time outside of one).
    The key must name everything the value depends on (the agencies' ids, the day)."""
    memo = _run.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
