"""Time limits of a search (issue 19): no public request holds the database for long.

At a province's scale a few searches cost seconds: an exact count of a term in most of a million
documents (p95 8.2 s at 1,000,000 items, bench/README.md), a deep page of a common term ranked in
full. Anyone can ask for them (``exact=true`` is a public parameter), so each search runs under a
time limit, and the statements it has running at the limit are stopped on the server:

- **PostgreSQL**: ``statement_timeout`` for the search's transaction (``set_config(…, true)``), set
  to the time left when the limit starts and given back when it ends; a cancelled statement
  (``QueryCanceled``) becomes ``OverTime``. The limited block runs in a transaction of its own, or
  in a savepoint inside the caller's, rolled back on ``OverTime`` (the setting with it), so the
  caller can go on.
- **SQLite**: a progress handler, called every ``SQLITE_CHECK_STEPS`` steps of SQLite's virtual
  machine, interrupts the statement once the time is up.
- **Both**: no statement starts once the time is up (a check before each statement).

Limits nest, and the deadline that comes first applies (an exact count limited to 5 s inside a
search limited to 15 s).
"""

from __future__ import annotations

import math
import time
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar

from django.db import OperationalError, connection, transaction

# SQLite's virtual machine steps between two looks at the clock (~1 ms of work).
SQLITE_CHECK_STEPS = 10_000
_CONTROL = ("SAVEPOINT", "ROLLBACK", "RELEASE")
_deadlines: ContextVar[tuple[float, ...]] = ContextVar("search_deadlines", default=())


class OverTime(Exception):
    """A statement was stopped, or not started, because the time limit was reached."""


def _cancelled(error: BaseException) -> bool:
    """The database stopped the statement at our request (PostgreSQL's statement timeout,
    SQLite's interrupt from the progress handler)."""
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) == "57014":  # query_canceled
        return True
    return connection.vendor == "sqlite" and "interrupted" in str(error)


def _check(execute, sql, params, many, context):
    # Transaction control passes: a savepoint rolled back after OverTime must be rolled back.
    if time.monotonic() >= min(_deadlines.get(), default=math.inf) and not sql.startswith(_CONTROL):
        raise OverTime
    return execute(sql, params, many, context)


def _past_deadline() -> int:
    """SQLite's progress handler: non-zero interrupts the running statement."""
    deadlines = _deadlines.get()
    return 1 if deadlines and time.monotonic() >= min(deadlines) else 0


@contextmanager
def time_limit(seconds: float | None):
    """Statements run inside are stopped once ``seconds`` have passed (``OverTime`` is raised);
    ``None``: no limit of its own (an enclosing one still applies)."""
    if seconds is None:
        yield
        return
    deadline = time.monotonic() + max(seconds, 0.0)
    nested = connection.in_atomic_block
    try:
        with _transaction():
            # This limit's deadline is withdrawn before its transaction or savepoint ends.
            token = _deadlines.set((*_deadlines.get(), deadline))
            try:
                with _server_limit(restore=nested), connection.execute_wrapper(_check):
                    yield
            finally:
                _deadlines.reset(token)
                if connection.vendor == "sqlite" and not _deadlines.get() and connection.connection:
                    connection.connection.set_progress_handler(None, 0)
    except OperationalError as error:
        if _cancelled(error):  # ours, or the server's own statement_timeout: too slow either way
            raise OverTime from error
        raise


@contextmanager
def _server_limit(restore: bool):
    """The database's own stop for a statement still running at the deadline (``restore``: the
    block is a savepoint, so the setting outlives it unless given back)."""
    remaining = _remaining()
    if remaining <= 0:
        raise OverTime
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        connection.connection.set_progress_handler(_past_deadline, SQLITE_CHECK_STEPS)
        yield
        return
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true)",
            [_milliseconds(remaining)],
        )
        previous = cursor.fetchone()[0]
    yield
    # Given back on success (after OverTime the caller's transaction or savepoint is rolled back,
    # and the setting with it): an enclosing limit's time left, or the setting found.
    outer = _deadlines.get()[:-1]
    if restore and not connection.needs_rollback:
        with connection.cursor() as cursor:
            value = _milliseconds(min(outer) - time.monotonic()) if outer else previous
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [value])


def _transaction():
    """PostgreSQL: a transaction, or a savepoint in the caller's (``statement_timeout`` is set
    locally). SQLite: none (it would begin with the writers' lock for statements that read)."""
    return transaction.atomic() if connection.vendor == "postgresql" else nullcontext()


def _remaining() -> float:
    return min(_deadlines.get()) - time.monotonic()


def _milliseconds(seconds: float) -> str:
    """``statement_timeout`` in milliseconds, at least 1 (0 would mean no limit)."""
    return str(max(1, math.ceil(seconds * 1000)))
