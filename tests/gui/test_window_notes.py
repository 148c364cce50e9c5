"""Hand-written notes opened from the library pane and saved with Ctrl+S, as a person does:
unedited, nothing is written (bytes and mtime stay); edited, only what was edited changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.notes import NOTES, write_notes
from helpers.window import TIMEOUT, press, type_at_end
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
OLD = 1_000_000_000


@pytest.fixture
def notes() -> dict[str, Path]:
    paths = write_notes(Path(os.environ["CLIPPER_LIBRARY"]))
    for path in paths.values():
        os.utime(path, (OLD, OLD))  # oldest first in the list does not matter; mtime does
    return paths


def open_from_pane(qtbot, window, path: Path) -> None:
    """Ctrl+K, type the file's words, Enter: the note is in the editor."""
    pane = window.library_pane
    qtbot.waitUntil(pane.is_ready, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: pane.select_path(path), timeout=TIMEOUT)
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.saved_path == path and not window.is_loading(),
                    timeout=TIMEOUT)


@pytest.mark.parametrize("name", sorted(NOTES))
def test_ctrl_s_on_an_unedited_note_writes_nothing_and_says_so(
        qtbot, window, notes: dict[str, Path], name: str) -> None:
    path = notes[name]
    open_from_pane(qtbot, window, path)
    assert not window.is_dirty()
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "No changes to save" in window.status.loaded_text(),
                    timeout=TIMEOUT)
    assert path.read_bytes() == NOTES[name].encode("utf-8")
    assert path.stat().st_mtime == OLD
    # and again: still nothing
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert path.stat().st_mtime == OLD
    assert window.status.saved_text() == f"Opened {path.name}"


def save(qtbot, window) -> None:
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT):
        press(qtbot, window, Qt.Key.Key_S, CTRL)


def test_the_issue_note_edited_in_the_window_changes_only_what_was_typed(
        qtbot, window, notes: dict[str, Path]) -> None:
    path = notes["obsidian-flow"]
    open_from_pane(qtbot, window, path)
    type_at_end(qtbot, window.form.tags, ", air quality")
    assert window.form.tags.text() == "reading, obsidian, air-quality"  # as typed, not later
    save(qtbot, window)
    assert path.read_text(encoding="utf-8") == NOTES["obsidian-flow"].replace(
        "tags: [reading, obsidian]", "tags: [reading, obsidian, air-quality]")
    assert window.status.saved_text() == f"Updated {path.name}"
    # a body edit then touches the body only, and keeps the tag edit saved before
    window.article.tabs.setCurrentIndex(1)
    editor = window.article.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "Added in Clipper.")
    save(qtbot, window)
    assert path.read_text(encoding="utf-8") == NOTES["obsidian-flow"].replace(
        "tags: [reading, obsidian]", "tags: [reading, obsidian, air-quality]") + \
        "Added in Clipper."
    assert "# Handwritten" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["crlf", "bom", "comments-unknown-keys", "no-front-matter",
                                  "block-lists", "nested-maps-dates"])
def test_a_title_edit_changes_only_the_title_lines(
        qtbot, window, notes: dict[str, Path], name: str) -> None:
    path = notes[name]
    open_from_pane(qtbot, window, path)
    old_title = window.form.title.text()
    window.form.title.setFocus()
    window.form.title.selectAll()
    qtbot.keyClicks(window.form.title, "Retitled in Clipper")
    save(qtbot, window)
    after = path.read_bytes().decode("utf-8")
    before = NOTES[name]
    old_lines = [line for line in before.splitlines(keepends=True)
                 if line not in after.splitlines(keepends=True)]
    assert old_lines, "the title was written somewhere"
    assert all(old_title.split('"')[0] in line for line in old_lines)
    assert len(before.splitlines()) == len(after.splitlines())
    assert after.count("Retitled in Clipper") == len(old_lines)
    assert QApplication.focusWidget() is window.form.title  # nothing moved the cursor away
