"""File ▸ Import… as a person uses it: choose the export, import, watch the progress and the
library pane fill, stop, resume; a file that is no export; a failure report saved."""

from __future__ import annotations

import csv
import os
import threading
from pathlib import Path

import pytest
from helpers.httpserver import LoopbackServer, Request
from helpers.window import TIMEOUT, press, type_at_end
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from clipper.library import read_clip

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
PAGES = 6


def _page(n: int) -> str:
    words = " ".join(f"g{n}q{k}" for k in range(200))
    return (f"<html><head><title>Imported story {n}</title></head><body><article>"
            f"<h1>Imported story {n}</h1><p>{words}.</p></article></body></html>")


@pytest.fixture
def library() -> Path:
    return Path(os.environ["CLIPPER_LIBRARY"])


@pytest.fixture
def gate() -> threading.Event:
    """Open: every page answers. Cleared by a test: pages from the fourth on wait for it."""
    opened = threading.Event()
    opened.set()
    return opened


@pytest.fixture
def export(http_server: LoopbackServer, tmp_path: Path, gate: threading.Event) -> Path:
    """A Pocket export of PAGES pages that answer slowly (so an import can be stopped) and
    one that is gone."""

    def slow(request: Request) -> None:
        request.wait(0.15)
        number = int(request.path.rsplit("/", 1)[1])
        while number >= 3 and not gate.is_set():
            if not request.wait(0.05):
                return
        request.reply(_page(number))

    for n in range(PAGES):
        http_server.route(f"/story/{n}", handler=slow)
    rows = ["title,url,time_added,tags,status"]
    rows += [f"Story {n},{http_server.url(f'/story/{n}')},{1_700_000_000 + n},pocket,unread"
             for n in range(PAGES)]
    rows.append(f"Gone,{http_server.url('/gone')},1700000000,,unread")
    path = tmp_path / "part_000000.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def open_import(qtbot, window):
    press(qtbot, window, Qt.Key.Key_I, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.importer.dialog is not None
                    and window.importer.dialog.isVisible(), timeout=TIMEOUT)
    return window.importer.dialog


def choose_file(qtbot, dialog, path: Path, jobs: int = 1) -> None:
    type_at_end(qtbot, dialog.file, str(path))
    dialog.jobs.setValue(jobs)


def clips_on_disk(library: Path) -> list[str]:
    return sorted(read_clip(p).title for p in library.glob("*.md")) if library.is_dir() else []


def test_import_shows_progress_stops_and_resumes(qtbot, window, export: Path, library: Path,
                                                 gate: threading.Event) -> None:
    gate.clear()  # the fourth page waits: the import is still running when Stop is clicked
    dialog = open_import(qtbot, window)
    choose_file(qtbot, dialog, export)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    # progress: done/total, the page under way, and the pane filling as clips arrive
    qtbot.waitUntil(lambda: window.importer.state.done == 3, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: len(window.library_pane.titles()) >= 1, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: " of 7" in dialog.counts.text(), timeout=TIMEOUT)
    assert dialog.heading.text() == "Importing part_000000.csv (Pocket)"
    assert dialog.bar.maximum() == PAGES + 1
    assert window.library_pane.titles()[0].startswith("Imported story")

    # stop
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.importer.state.phase == "stopped", timeout=TIMEOUT)
    stopped_with = len(clips_on_disk(library))
    assert stopped_with == 3
    gate.set()
    assert dialog.again_button.text() == "Resume"
    assert "import again to continue" in dialog.summary.text()

    # resume: the rest is added, nothing twice
    qtbot.mouseClick(dialog.again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.importer.state.phase == "finished", timeout=TIMEOUT)
    assert clips_on_disk(library) == [f"Imported story {n}" for n in range(PAGES)]
    assert f"{stopped_with} already in the library" in dialog.summary.text()
    assert dialog.failures_label.text() == "1 failure"
    assert dialog.failures.count() == 1
    qtbot.waitUntil(lambda: len(window.library_pane.titles()) == PAGES, timeout=TIMEOUT)


def test_the_window_stays_usable_while_importing(qtbot, window, export: Path) -> None:
    dialog = open_import(qtbot, window)
    choose_file(qtbot, dialog, export)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.importer.state.phase == "running", timeout=TIMEOUT)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # it goes on meanwhile
    qtbot.waitUntil(lambda: " of 7" in window.session.status, timeout=TIMEOUT)
    assert window.session.status.startswith("Importing part_000000.csv (Pocket): ")
    window.activateWindow()
    press(qtbot, window, Qt.Key.Key_K, CTRL)  # search the library meanwhile
    qtbot.keyClicks(window.library_pane.search, "story")
    assert window.importer.is_running()
    assert window.library_pane.query() == "story"
    qtbot.waitUntil(lambda: window.importer.state.phase == "finished", timeout=TIMEOUT * 2)


def test_a_file_that_is_no_export_is_said_where_it_was_chosen(qtbot, window,
                                                               tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("milk\neggs\n")
    dialog = open_import(qtbot, window)
    choose_file(qtbot, dialog, notes)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.options_error.isVisible, timeout=TIMEOUT)
    assert dialog.options_error.text().startswith("Clipper cannot tell which service")


def test_dry_run_checks_without_fetching(qtbot, window, export: Path, library: Path,
                                        http_server: LoopbackServer) -> None:
    dialog = open_import(qtbot, window)
    choose_file(qtbot, dialog, export)
    qtbot.mouseClick(dialog.dry_run, Qt.MouseButton.LeftButton)
    dialog.file.setFocus()
    qtbot.keyClick(dialog.file, Qt.Key.Key_Return)  # Enter imports (and closes nothing)
    qtbot.waitUntil(lambda: window.importer.state.phase == "finished", timeout=TIMEOUT)
    assert (dialog.summary.text(), http_server.requests, clips_on_disk(library),
            dialog.isVisible()) == (f"{PAGES + 1} to import.", [], [], True)


def test_the_failure_report_is_saved_where_chosen(qtbot, window, export: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "failed.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    dialog = open_import(qtbot, window)
    choose_file(qtbot, dialog, export, jobs=8)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.importer.state.phase == "finished", timeout=TIMEOUT * 2)
    assert dialog.report_button.isVisible()
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["status"], r["url"].rsplit("/", 1)[1]) for r in rows] == [("failed", "gone")]
