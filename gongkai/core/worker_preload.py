"""Imported once by the worker processes' fork server (``core.processes``): sets Django up there,
so the workers forked from it start with every app loaded.

A failure here is left to the worker: its initializer finds Django not set up, sets it up itself
and raises there, where the pool reports it.
"""

import contextlib
import os

if os.environ.get("DJANGO_SETTINGS_MODULE"):
    import django

    with contextlib.suppress(Exception):
        django.setup()
