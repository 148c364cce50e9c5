"""Save All Queued when several pages wait; the address bar's history with completion, and
File ▸ Open Recent."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.pages import article_page, distinct_page
from helpers.window import TIMEOUT, drop, wait_loaded
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier



def pages(tmp_path: Path, titles: list[str]) -> list[Path]:
    out = []
    for title in titles:
        page = tmp_path / f"{title}.html"
        page.write_text(distinct_page(title), encoding="utf-8")
        out.append(page)
    return out


def test_save_all_queued_saves_the_page_shown_and_every_queued_one(
        qtbot, window, tmp_path: Path) -> None:
    library = Path(os.environ["CLIPPER_LIBRARY"])
    dropped = pages(tmp_path, ["Harbour pier repairs", "Ferry timetable changes",
                               "Quay shops and visitors"])
    drop(window, paths=dropped)
    wait_loaded(qtbot, window, "Harbour pier")
    assert len(window.queued()) == 2
    assert window.actions_.save_queued.isEnabled()
    window.actions_.save_queued.trigger()
    qtbot.waitUntil(lambda: "Saved 2 queued pages" in window.message_bar.text(),
                    timeout=TIMEOUT)
    assert sorted(p.name for p in library.glob("*.md")) == [
        "Ferry timetable changes.md", "Harbour pier repairs.md", "Quay shops and visitors.md"]
    assert window.queued() == []
    assert not window.actions_.save_queued.isEnabled()
    assert window.session.saved_path == library / "Harbour pier repairs.md"  # shown, saved
    qtbot.waitUntil(lambda: len(window.library_pane.titles()) == 3, timeout=TIMEOUT)
    # the same pages again: already in the library, skipped and said so
    again = tmp_path / "again"
    again.mkdir()
    copies = pages(again, ["Bridge survey results"])
    for page in dropped[1:]:
        copies.append(again / page.name)
        copies[-1].write_bytes(page.read_bytes())
    drop(window, paths=copies)
    wait_loaded(qtbot, window, "Bridge survey")
    window.actions_.save_queued.trigger()
    qtbot.waitUntil(lambda: "already in the library" in window.message_bar.text(),
                    timeout=TIMEOUT)
    assert window.message_bar.text() == \
        "The 2 queued pages were already in the library; nothing new was saved."
    assert len(list(library.glob("*.md"))) == 4  # and the page shown, saved first


def test_a_page_that_fails_is_named_and_the_others_are_saved(qtbot, window, tmp_path: Path,
                                                             http_server) -> None:
    library = Path(os.environ["CLIPPER_LIBRARY"])
    http_server.route("/gone", "Not here", status=404)
    good = pages(tmp_path, ["Ferry timetable changes"])[0]
    window.open_arguments([str(pages(tmp_path, ["Harbour pier repairs"])[0]),
                           http_server.url("/gone"), str(good)])
    wait_loaded(qtbot, window, "Harbour pier")
    window.save_queued()
    qtbot.waitUntil(lambda: "could not be saved" in window.message_bar.text(),
                    timeout=TIMEOUT)
    text = window.message_bar.text()
    assert text.startswith("Saved 1 queued page to the library")
    assert "127.0.0.1" in text
    assert window.message_bar.level == "warning"
    assert "404" in window.message_bar._label.toolTip()
    assert sorted(p.name for p in library.glob("*.md")) == ["Ferry timetable changes.md",
                                                            "Harbour pier repairs.md"]


def test_the_address_bar_completes_from_history_and_file_recent_opens(
        qtbot, window_factory, http_server, tmp_path: Path) -> None:
    http_server.route("/harbour/pier", article_page("Harbour pier repairs"))
    http_server.route("/ferry", article_page("Ferry timetable changes"))
    window = window_factory()
    for path, title in (("/harbour/pier", "Harbour pier"), ("/ferry", "Ferry timetable")):
        field = window.url_bar.field
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, http_server.url(path))
        qtbot.keyClick(field, Qt.Key.Key_Return)
        wait_loaded(qtbot, window, title)
    saved_page = pages(tmp_path, ["Quay shops and visitors"])[0]
    window.open_arguments([str(saved_page)])
    wait_loaded(qtbot, window, "Quay shops")
    window.close()
    # a new window remembers: typing part of an address offers it
    again = window_factory()
    field = again.url_bar.field
    field.setFocus()
    qtbot.keyClicks(field, "harbour")
    completer = field.completer()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=TIMEOUT)
    assert completer.currentCompletion() == http_server.url("/harbour/pier")
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    wait_loaded(qtbot, again, "Harbour pier")
    # File ▸ Open Recent: the pages, newest first; the saved page opens again
    menu = again.history.menu
    menu.aboutToShow.emit()
    entries = [a.text() for a in menu.actions() if a.isEnabled() and a.text()]
    assert entries[:3] == ["Harbour pier repairs", "Quay shops and visitors",
                           "Ferry timetable changes"]
    assert entries[-1] == "&Clear Recent"
    next(a for a in menu.actions() if a.text() == "Quay shops and visitors").trigger()
    wait_loaded(qtbot, again, "Quay shops")
    assert again.url_bar.text() == str(saved_page)
    menu.aboutToShow.emit()
    next(a for a in menu.actions() if a.text() == "&Clear Recent").trigger()
    menu.aboutToShow.emit()
    assert next(a.text() for a in menu.actions() if a.text()) == "No recent pages or clips"
    QApplication.processEvents()
