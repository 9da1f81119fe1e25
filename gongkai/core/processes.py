"""Worker processes for batch commands (bulk import, reindex).

Workers are started by a fork server, never forked from this process: a child forked from here
inherits every lock and database socket of this process's other threads (a test run's live server
and browser driver, a threaded server), and on PostgreSQL that was seen to deadlock the workers or
to corrupt the protocol (rows of another statement). The fork server is a fresh single-threaded
process started once per process (``multiprocessing``'s "forkserver" method); it imports
``gongkai.core.worker_preload``, which sets Django up, so each worker forked from it starts ready:
setting Django up costs ~0.85 s of CPU, which "spawn" paid in every worker of every pool.

Each worker then points Django at the parent's databases (``DATABASES`` as the parent has them,
so a test run's workers reach the test database). No connection is open at that moment: the fork
server never connects.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

PRELOAD = "gongkai.core.worker_preload"
# Workers yield the CPU to the process that writes (the serial part of an import or a reindex)
# and to whatever else the machine serves (CFS weight 335 against 1,024 at nice 0).
WORKER_NICENESS = 5


def _setup(databases: dict) -> None:
    import django
    from django.apps import apps
    from django.conf import settings
    from django.db import connections

    os.nice(WORKER_NICENESS)
    if apps.ready:  # set up in the fork server: the handler has read DATABASES already
        for wrapper in connections.all(initialized_only=True):  # made there, never connected
            del connections[wrapper.alias]
        current = connections.settings
        current.clear()
        current.update(connections.configure_settings(databases))
    else:  # a fork server started without the preload (by other code, before us)
        settings.DATABASES = databases
        django.setup()


def _context():
    """The fork server's context, the server started (it sets Django up while the caller goes on;
    the first worker waits for it)."""
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])  # takes effect when the server starts (once)
    forkserver.ensure_running()
    return context


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes with Django set up on the parent's databases."""
    from django.conf import settings

    return ProcessPoolExecutor(
        workers,
        mp_context=_context(),
        initializer=_setup,
        initargs=(copy.deepcopy(settings.DATABASES),),
    )
