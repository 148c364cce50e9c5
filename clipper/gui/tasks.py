"""The one way the window runs work off the GUI thread.

Widgets are not thread-safe, so a worker never touches them: it only calls the
core, and its result, error and progress travel back as signals of a relay
``QObject`` that lives on the GUI thread (Qt then queues the calls there).
Cancelling sets the ``threading.Event`` the core checks and, because a
cancelled core call may still finish, late results of a cancelled task are
dropped here so no caller has to remember to ignore them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from clipper.progress import Stage

T = TypeVar("T")

Work = Callable[..., T]
"""What a task runs: ``fn(cancel=event, progress=fn)``, the core's keywords
(``clipper.progress``): ``progress(stage, done, total)``, stop when ``cancel`` is set."""

PROGRESS_INTERVAL = 0.05
"""Seconds between relayed progress reports: enough for a smooth bar, few enough to stay cheap."""

log = logging.getLogger(__name__)

_pool: QThreadPool | None = None
_live: set[Task[Any]] = set()
"""Tasks whose relay must stay alive until their last signal has been delivered."""


def pool() -> QThreadPool:
    """A private pool: a cancelled fetch stuck in a slow read must not block the next load."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
        _pool.setExpiryTimeout(30_000)
    return _pool


class _Relay(QObject):
    """Lives on the GUI thread; its signals, emitted by the worker, reach its slots queued.

    The slots are methods of this QObject (not plain callables) so that Qt sees a
    receiver on the GUI thread and queues the call instead of running it in the worker.
    """

    progressed = Signal(str, int, object)
    held = Signal()
    succeeded = Signal(object)
    failed = Signal(object)
    evented = Signal(object)

    def __init__(self, task: Task[Any]) -> None:
        # Owned by the application (C++), not by its Python wrapper: the wrapper may be freed
        # by the cycle collector in a worker thread, which must not destroy the QObject.
        super().__init__(QCoreApplication.instance())
        self._task = task
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)
        self.progressed.connect(self._on_progressed)
        self.held.connect(self._on_held)
        self.evented.connect(self._on_evented)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._task._deliver_result(result)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self._task._deliver_error(error)

    @Slot(str, int, object)
    def _on_progressed(self, stage: str, done: int, total: object) -> None:
        self._task._deliver_progress(stage, done, total if isinstance(total, int) else None)

    @Slot()
    def _on_held(self) -> None:
        QTimer.singleShot(round(PROGRESS_INTERVAL * 1000), self, self._flush_held)

    def _flush_held(self) -> None:
        held = self._task._take_held()
        if held is not None:
            self._task._deliver_progress(*held)

    @Slot(object)
    def _on_evented(self, event: object) -> None:
        self._task._deliver_event(event)


class Task(Generic[T]):
    """A handle on one background job: cancel it, ask whether it is still running."""

    def __init__(self, fn: Work[T], on_done: Callable[[T], None],
                 on_error: Callable[[BaseException], None] | None,
                 on_progress: Callable[[str, int, int | None], None] | None,
                 name: str, on_event: Callable[[Any], None] | None = None,
                 on_cancelled: Callable[[], None] | None = None) -> None:
        self.name = name
        self.cancel_event = threading.Event()
        self.elapsed: float | None = None
        """Seconds the work itself took in the worker (for benchmarks and the status bar)."""
        self._fn = fn
        self._finished = False
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_event = on_event
        self._on_cancelled = on_cancelled
        self._relay = _Relay(self)
        self._last_progress = 0.0
        self._held: tuple[str, int, int | None] | None = None
        """The last report held back by the interval; the GUI side fetches it a little later,
        so a figure is never lost to a pause that follows it (a slow page, a big file)."""
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    @property
    def running(self) -> bool:
        return not self._finished

    def cancel(self) -> None:
        """Ask the core to stop; whatever it still returns is dropped."""
        self.cancel_event.set()

    # -- worker side -------------------------------------------------------------------------

    def _progress(self, stage: Stage, done: int, total: int | None) -> None:
        now = time.monotonic()
        final = total is not None and done >= total
        with self._lock:
            if now - self._last_progress < PROGRESS_INTERVAL and not final:
                first, self._held = self._held is None, (stage, done, total)
                if first:
                    self._relay.held.emit()
                return
            self._held, self._last_progress = None, now
        if not self.cancelled:
            self._relay.progressed.emit(stage, done, total)

    def _take_held(self) -> tuple[str, int, int | None] | None:
        with self._lock:
            held, self._held = self._held, None
            if held is not None:
                self._last_progress = time.monotonic()
            return held

    def _event(self, event: object) -> None:
        self._relay.evented.emit(event)

    def _run(self) -> None:
        start = time.perf_counter()
        extra = {"events": self._event} if self._on_event is not None else {}
        try:
            result = self._fn(cancel=self.cancel_event, progress=self._progress, **extra)
        except BaseException as exc:  # relayed: the GUI decides what a person sees
            self.elapsed = time.perf_counter() - start
            self._relay.failed.emit(exc)
        else:
            self.elapsed = time.perf_counter() - start
            self._relay.succeeded.emit(result)

    # -- GUI side ----------------------------------------------------------------------------

    def _finish(self) -> None:
        self._finished = True
        _live.discard(self)
        self._relay.deleteLater()  # on the GUI thread, once its signals are delivered
        if self.cancelled and self._on_cancelled is not None:
            self._on_cancelled()

    def _deliver_result(self, result: T) -> None:
        self._finish()
        if not self.cancelled:
            try:
                self._on_done(result)
            except Exception as error:  # showing the result failed: said like a failure
                self._report(error)

    def _deliver_error(self, error: BaseException) -> None:
        self._finish()
        if not self.cancelled:
            self._report(error)

    def _report(self, error: BaseException) -> None:
        """To the task's own handler, else to the window (``unhandled``); never only to
        stderr, where a person never looks."""
        if self._on_error is not None:
            self._on_error(error)
        elif unhandled is not None:
            unhandled(self.name, error)
        else:
            log.error("background task %s failed", self.name, exc_info=error)

    def _deliver_progress(self, stage: str, done: int, total: int | None) -> None:
        if self._on_progress is not None and not self.cancelled and not self._finished:
            self._on_progress(stage, done, total)

    def _deliver_event(self, event: object) -> None:
        # Delivered after a cancel too: an event reports work done (a clip written), which
        # the window must not lose, unlike a progress figure that a cancel makes stale.
        if self._on_event is not None and not self._finished:
            self._on_event(event)


class _Runnable(QRunnable):
    def __init__(self, task: Task[Any]) -> None:
        # A QRunnable is no QObject and has no parent: the pool takes it over in start()
        # and deletes it once run() has returned (autoDelete).
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


unhandled: Callable[[str, BaseException], None] | None = None
"""Where a task's failure goes when it has no handler of its own (the window shows it)."""


def run_in_background(fn: Work[T], *, on_done: Callable[[T], None],
                      on_error: Callable[[BaseException], None] | None = None,
                      on_progress: Callable[[str, int, int | None], None] | None = None,
                      on_event: Callable[[Any], None] | None = None,
                      on_cancelled: Callable[[], None] | None = None,
                      name: str = "task") -> Task[T]:
    """Run ``fn(cancel=…, progress=…)`` in the pool; call back on the GUI thread (call from it).

    With ``on_event``, ``fn`` also gets ``events=``, a function it calls from the worker
    with anything the window should hear of as it happens (an item of a long job done);
    ``on_cancelled`` runs once a cancelled task's worker has really stopped.
    """
    task: Task[T] = Task(fn, on_done, on_error, on_progress, name, on_event, on_cancelled)
    _live.add(task)
    pool().start(_Runnable(task))
    return task


def running_tasks() -> list[Task[Any]]:
    return [t for t in _live if t.running]


def cancel_all() -> None:
    for task in list(_live):
        task.cancel()


def wait_for_all(timeout_ms: int = 10_000) -> bool:
    """Cancel everything and wait for the workers (at quit, and between tests)."""
    cancel_all()
    return _pool is None or _pool.waitForDone(timeout_ms)
