"""Worker processes for batch commands (bulk import, reindex).

Workers are started with the "spawn" method, never "fork": a forked child inherits every lock and
database socket of the parent's other threads (a test run's live server and browser driver, a
threaded server), and on PostgreSQL that was seen to deadlock the workers or to corrupt the
protocol (rows of another statement). A spawned child sets Django up afresh with the parent's
database settings, so it connects to the same database (a test run's test database included).
"""

from __future__ import annotations

import copy
import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def _setup(databases: dict) -> None:
    import django
    from django.conf import settings

    settings.DATABASES = databases
    django.setup()


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes with Django set up on the parent's databases."""
    from django.conf import settings

    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_setup,
        initargs=(copy.deepcopy(settings.DATABASES),),
    )
