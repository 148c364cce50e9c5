"""Python's cycle collector held off while a page is extracted.

An extraction makes and drops tens of thousands of lxml element proxies, lists and
tuples; none of them form reference cycles, so they go as soon as they are unused, but
their count alone sets off the cycle collector every few hundred allocations, and each
run walks the young objects (every tenth also the older ones) for nothing: 2-3 % of an
extraction. Held off for the call, the collector runs as usual afterwards and finds any
cycle then. Extractions may run in several threads at once: the first to start turns the
collector off and the last to finish turns it back on, and only if it was on before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_running = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside the block (nor in other threads meanwhile)."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()
