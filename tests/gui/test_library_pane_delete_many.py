"""Del on clips chosen with Ctrl+click moves them all to the trash, after naming them; one
Undo (Ctrl+Z) puts them all back."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.dialogs import run_modal
from helpers.window import TIMEOUT, press
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from clipper.library import render_clip
from clipper.models import Clip

CTRL = Qt.KeyboardModifier.ControlModifier


def write_clip(library: Path, name: str, title: str, created: str) -> Path:
    path = library / f"{name}.md"
    path.write_text(render_clip(Clip(title=title, body=f"{title}: a few words.\n",
                                     created=created)), encoding="utf-8")
    return path


def click_row(qtbot, pane, path: Path, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    row = pane.model.row_of(path)
    rect = pane.view.visualRect(pane.model.index(row, 0))
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_del_on_two_chosen_clips_trashes_both_and_undo_brings_both_back(
        qtbot, window_factory, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    library = Path(os.environ["CLIPPER_LIBRARY"])
    library.mkdir(parents=True, exist_ok=True)
    pier = write_clip(library, "pier", "Harbour pier repairs", "2024-03-01T10:00:00+00:00")
    bread = write_clip(library, "bread", "Sourdough at home", "2024-02-01T10:00:00+00:00")
    volcano = write_clip(library, "volcano", "Volcanoes of Iceland",
                         "2024-01-01T10:00:00+00:00")
    texts = {p: p.read_bytes() for p in (pier, volcano)}
    window = window_factory()
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.is_ready() and len(pane.titles()) == 3, timeout=TIMEOUT)
    click_row(qtbot, pane, pier)
    click_row(qtbot, pane, volcano, CTRL)
    assert pane.selected_paths() == [pier, volcano]

    def move(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "Move to Trash").click()

    asked = run_modal(qtbot, QMessageBox, move,
                      read=lambda box: box.text() + "\n" + box.informativeText())
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not pier.exists() and not volcano.exists(), timeout=TIMEOUT)
    [question] = asked
    assert question.startswith("Move 2 clips to the trash?")
    assert "Harbour pier repairs (pier.md)" in question
    assert "Volcanoes of Iceland (volcano.md)" in question
    assert bread.exists()
    qtbot.waitUntil(lambda: pane.titles() == ["Sourdough at home"], timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.status.loaded_text() == "Moved 2 clips to the trash",
                    timeout=TIMEOUT)
    assert "Moved 2 clips to the trash." in window.message_bar.text()
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: pier.exists() and volcano.exists(), timeout=TIMEOUT)
    assert {p: p.read_bytes() for p in (pier, volcano)} == texts
    qtbot.waitUntil(lambda: len(pane.titles()) == 3, timeout=TIMEOUT)
    assert window.status.loaded_text() == "Put 2 clips back from the trash"
    qtbot.waitUntil(lambda: not window.actions_.undo.isEnabled(), timeout=TIMEOUT)
