"""The one background-task helper: results on the GUI thread, cancel drops late results."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from clipper.errors import FetchError
from clipper.gui import tasks


def on_gui_thread() -> bool:
    return QThread.currentThread() is QApplication.instance().thread()


def test_the_result_arrives_on_the_gui_thread(qtbot) -> None:
    seen: dict[str, object] = {}

    def work(cancel: threading.Event, progress) -> int:
        seen["worker_thread"] = not on_gui_thread()
        progress("fetching", 5, 10)
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["done_on_gui"] = on_gui_thread()

    def progressed(stage: str, done_: int, total: int | None) -> None:
        seen["progress"] = (stage, done_, total, on_gui_thread())

    task = tasks.run_in_background(work, on_done=done, on_progress=progressed)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen == {"worker_thread": True, "value": 42, "done_on_gui": True,
                    "progress": ("fetching", 5, 10, True)}
    assert not task.running
    assert task.elapsed is not None
    assert task.elapsed >= 0


def test_errors_are_relayed_not_raised(qtbot) -> None:
    errors: list[BaseException] = []

    def work(cancel, progress):
        raise FetchError("The server went away")

    tasks.run_in_background(work, on_done=lambda _: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], FetchError)


def test_a_cancelled_task_delivers_nothing(qtbot) -> None:
    release = threading.Event()
    results: list[object] = []

    def work(cancel: threading.Event, progress) -> str:
        release.wait(5)
        return "late" if cancel.is_set() else "on time"

    task = tasks.run_in_background(work, on_done=results.append, on_error=results.append)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: not task.running)
    assert results == []
    assert task.cancelled


def test_wait_for_all_cancels_and_joins(qtbot) -> None:
    started = threading.Event()

    def work(cancel: threading.Event, progress) -> None:
        started.set()
        cancel.wait(10)

    task = tasks.run_in_background(work, on_done=lambda _: None)
    assert started.wait(5)
    assert tasks.wait_for_all(5000)
    assert task.cancelled


@pytest.mark.parametrize("total", [None, 100])
def test_progress_is_thinned_but_the_last_report_always_arrives(qtbot, total) -> None:
    reports: list[tuple[int, int | None]] = []
    finished: list[bool] = []

    def work(cancel, progress) -> None:
        for done in range(0, 101):
            progress("fetching", done, total)

    tasks.run_in_background(work, on_done=lambda _: finished.append(True),
                            on_progress=lambda s, d, t: reports.append((d, t)))
    qtbot.waitUntil(lambda: bool(finished))
    assert 1 <= len(reports) < 101
    if total:
        assert reports[-1] == (100, 100)


def test_the_figure_reached_before_a_pause_is_shown_during_the_pause(qtbot) -> None:
    """A report held back by the interval still arrives while the work waits (a slow page
    after a burst of fast ones): the window never shows an older figure than the work's."""
    reports: list[int] = []
    go_on = threading.Event()

    def work(cancel, progress) -> None:
        for done in range(1, 11):
            progress("indexing", done, 1000)  # ten reports within the interval
        go_on.wait(timeout=30)

    task = tasks.run_in_background(work, on_done=lambda _: None,
                                   on_progress=lambda s, d, t: reports.append(d))
    try:
        qtbot.waitUntil(lambda: bool(reports) and reports[-1] == 10, timeout=5000)
        assert len(reports) < 10
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: not task.running)


def test_a_finished_tasks_relay_is_deleted_on_the_gui_thread(qtbot) -> None:
    import shiboken6

    results: list[int] = []
    task = tasks.run_in_background(lambda cancel, progress: 7, on_done=results.append)
    relay = task._relay
    qtbot.waitUntil(lambda: results == [7])
    # deleteLater from the GUI thread, not the cycle collector in some worker thread
    qtbot.waitUntil(lambda: not shiboken6.isValid(relay))


def test_events_arrive_on_the_gui_thread_in_order_before_the_result(qtbot) -> None:
    seen: list[object] = []

    def work(cancel: threading.Event, progress, events) -> str:
        for n in range(5):
            events(n)
        return "end"

    tasks.run_in_background(work, on_done=seen.append,
                            on_event=lambda e: seen.append((e, on_gui_thread())))
    qtbot.waitUntil(lambda: "end" in seen)
    assert seen == [(0, True), (1, True), (2, True), (3, True), (4, True), "end"]


def test_a_cancelled_task_still_reports_its_events_then_that_it_stopped(qtbot) -> None:
    started, release = threading.Event(), threading.Event()
    seen: list[object] = []

    def work(cancel: threading.Event, progress, events) -> str:
        started.set()
        release.wait(5)
        events("written")
        return "late"

    task = tasks.run_in_background(work, on_done=seen.append, on_event=seen.append,
                                   on_cancelled=lambda: seen.append("stopped"))
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: "stopped" in seen)
    assert seen == ["written", "stopped"]
