"""Which link to fetch next: a few at a time per site, spaced out, and slower when asked.

A reading list of thousands of links mostly spreads over many sites, but one blog may
hold hundreds. Workers ask ``HostScheduler.take()`` for their next item: it hands out
an item only when its host has fewer than ``per_host`` requests running and ``delay``
seconds have passed since the host's last request began, taking hosts in the order
they become free, so one busy site never holds up the others. A 429 or 503 puts the
item back at the front of its host's queue and pauses the whole host for the time the
server asked (``Retry-After``) or an exponential backoff: the other items of that site
wait too, which is what the server asked for.
"""

from __future__ import annotations

import heapq
import itertools
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime, timezone
from typing import Generic, TypeVar

T = TypeVar("T")
DEFAULT_JOBS = 16
"""Pages under way at once, all sites together: most of a worker's time is waiting for a
site (a slow page holds one for seconds), so more workers than cores keep the per-site
limits, not the workers, the bound (bench/importer/README.md)."""
PER_HOST = 2
DELAY = 0.5
"""Seconds between the starts of two requests to one site."""
WAIT_SLICE = 0.1
"""How often a waiting worker looks at cancel."""


class HostScheduler(Generic[T]):
    """Hands out items under the per-host limits; see the module docstring. Thread-safe."""

    def __init__(self, items: Iterable[T], host_of: Callable[[T], Hashable], *,
                 per_host: int = PER_HOST, delay: float = DELAY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_host = max(1, per_host)
        self.delay = max(0.0, delay)
        self._host_of = host_of
        self._clock = clock
        self._cond = threading.Condition()
        self._queues: dict[Hashable, deque[T]] = {}
        self._active: dict[Hashable, int] = {}
        self._next: dict[Hashable, float] = {}
        self._ready: list[tuple[float, int, Hashable]] = []
        """Hosts that may have an item to hand out, by when: (time, order, host)."""
        self._queued_hosts: set[Hashable] = set()
        self._order = itertools.count()
        self._queued = 0
        self._running = 0
        for item in items:
            host = host_of(item)
            self._queues.setdefault(host, deque()).append(item)
            self._queued += 1
        for host in self._queues:
            self._active[host] = 0
            self._next[host] = float("-inf")
            self._push(host)

    @property
    def pending(self) -> int:
        """Items not handed out yet (retries included)."""
        with self._cond:
            return self._queued

    def _push(self, host: Hashable) -> None:
        if host not in self._queued_hosts and self._queues[host] \
                and self._active[host] < self.per_host:
            self._queued_hosts.add(host)
            heapq.heappush(self._ready, (self._next[host], next(self._order), host))

    def _take_ready(self, now: float) -> tuple[T | None, float | None]:
        """``(item, None)``, or ``(None, seconds until one may be ready)``, or
        ``(None, None)`` when no host has an item it may hand out."""
        while self._ready:
            when, _, host = self._ready[0]
            if when < self._next[host]:  # paused since it was pushed: move it back
                heapq.heapreplace(self._ready, (self._next[host], next(self._order), host))
                continue
            if when > now:
                return None, when - now
            heapq.heappop(self._ready)
            self._queued_hosts.discard(host)
            queue = self._queues[host]
            if not queue or self._active[host] >= self.per_host:
                continue
            item = queue.popleft()
            self._queued -= 1
            self._running += 1
            self._active[host] += 1
            self._next[host] = now + self.delay
            self._push(host)
            return item, None
        return None, None

    def take(self, cancel: threading.Event | None = None) -> T | None:
        """The next item to fetch, waiting as the limits say; None when every item is done
        (or ``cancel`` was set)."""
        with self._cond:
            while not (cancel is not None and cancel.is_set()):
                item, wait = self._take_ready(self._clock())
                if item is not None:
                    return item
                if wait is None and self._queued == 0 and self._running == 0:
                    return None
                self._cond.wait(WAIT_SLICE if wait is None else min(wait, WAIT_SLICE))
            return None

    def done(self, item: T) -> None:
        """``item`` is finished (saved or failed for good): its host has a slot free."""
        with self._cond:
            host = self._host_of(item)
            self._running -= 1
            self._active[host] -= 1
            self._push(host)
            self._cond.notify_all()

    def retry(self, item: T, after: float) -> None:
        """Fetch ``item`` again first, but not before ``after`` seconds; its host waits too."""
        with self._cond:
            host = self._host_of(item)
            self._queues[host].appendleft(item)
            self._queued += 1
            self._running -= 1
            self._active[host] -= 1
            self._next[host] = max(self._next[host], self._clock() + max(0.0, after))
            self._push(host)
            self._cond.notify_all()


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds to wait: a number of seconds or an HTTP date; None when
    missing or unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    from email.utils import parsedate_to_datetime  # only for this rare form

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def backoff(attempt: int, base: float = 2.0, cap: float = 60.0) -> float:
    """Seconds before retry number ``attempt`` (1, 2, …): doubling, with some jitter so
    that workers paused together do not all come back at the same moment."""
    return min(cap, base * 2 ** (attempt - 1)) * random.uniform(0.8, 1.2)
