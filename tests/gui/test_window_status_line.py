"""The status bar says one current thing: after a Ctrl+S that wrote nothing, the next one
that writes does not leave "No changes to save" beside "Updated x.md"."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.window import TIMEOUT, press, type_at_end
from PySide6.QtCore import Qt

from clipper.library import render_clip
from clipper.models import Clip

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_save_after_one_with_no_changes_says_only_what_it_did(qtbot, window_factory) -> None:
    library = Path(os.environ["CLIPPER_LIBRARY"])
    library.mkdir(parents=True, exist_ok=True)
    path = library / "sudan.md"
    path.write_text(render_clip(Clip(title="Sudan sanctions", body="The talks went on.\n",
                                     created="2024-03-01T10:00:00+00:00", tags=["world"])),
                    encoding="utf-8")
    window = window_factory()
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.is_ready() and pane.select_path(path), timeout=TIMEOUT)
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.status.saved_text() == "Opened sudan.md", timeout=TIMEOUT)
    press(qtbot, window, Qt.Key.Key_S, CTRL)  # nothing edited: nothing written
    qtbot.waitUntil(lambda: window.status.loaded_text().startswith("No changes to save"),
                    timeout=TIMEOUT)
    type_at_end(qtbot, window.form.tags, ", mine")
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT):
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: window.status.saved_text() == "Updated sudan.md", timeout=TIMEOUT)
    assert "No changes" not in window.status.loaded_text()
    assert "world" in path.read_text(encoding="utf-8")
    assert "mine" in path.read_text(encoding="utf-8")
