"""Pausing the garbage collector while a command makes many objects that all live on."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk() -> Iterator[None]:
    """Bulk loading allocates many objects that live on: the collector only slows it down.

    On the way out they are frozen (gc.freeze), so the first collection after loading does
    not walk every record the command is about to use.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
