"""A file name or folder with a brace no variable closes (``{published:%Y} {title``) would
name every clip the same: refused with the reason, as an unknown variable is, in Settings,
and when the settings file says so (the window's Ctrl+S and ``clipper save``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers.dialogs import run_modal
from helpers.pages import REFERENCE, distinct_page
from helpers.window import TIMEOUT, press, wait_loaded
from PySide6.QtCore import Qt

from clipper.gui.dialogs.settings_dialog import SettingsDialog

CTRL = Qt.KeyboardModifier.ControlModifier
UNCLOSED = "{published:%Y} {title"


def write_settings(**values: object) -> None:
    config = Path(os.environ["CLIPPER_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"version": 2, **values}),
                                          encoding="utf-8")


def test_settings_refuses_a_file_name_with_an_unclosed_brace(qtbot, window) -> None:
    said: list[str] = []

    def fill(dialog: SettingsDialog) -> None:
        editor = dialog.templates
        dialog.tabs.setCurrentIndex(1)
        editor.file_name.clear()
        qtbot.keyClicks(editor.file_name, UNCLOSED)
        dialog.accept()  # refused: the dialog stays, saying why
        said.append(editor.problems.text())
        said.append(str(dialog.isVisible()))
        editor.folder.clear()
        qtbot.keyClicks(editor.folder, "Clippings/{site")
        editor.file_name.clear()
        qtbot.keyClicks(editor.file_name, "{published:%Y} {title}")
        dialog.accept()
        said.append(editor.problems.text())
        editor.folder.clear()
        qtbot.keyClicks(editor.folder, "Clippings/{site}")
        dialog.accept()

    seen = run_modal(qtbot, SettingsDialog, fill)
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: len(said) == 3, timeout=TIMEOUT)
    assert seen
    assert "The file name has a brace that is not part of a variable: “{title”" in said[0]
    assert said[1] == "True"
    assert "The folder has a brace that is not part of a variable: “{site”" in said[2]
    stored = json.loads((Path(os.environ["CLIPPER_CONFIG_DIR"]) / "settings.json").read_text())
    assert stored["file_name"] == "{published:%Y} {title}"
    assert stored["folder"] == "Clippings/{site}"


def test_ctrl_s_with_such_a_settings_file_says_why_and_writes_nothing(
        qtbot, window_factory, tmp_path: Path) -> None:
    write_settings(file_name=UNCLOSED)
    library = Path(os.environ["CLIPPER_LIBRARY"])
    window = window_factory()
    page = tmp_path / "pier.html"
    page.write_text(distinct_page("Harbour pier repairs"), encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Harbour pier")
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "brace" in window.message_bar.text(), timeout=TIMEOUT)
    assert "“{title”" in window.message_bar.text()
    assert not list(library.rglob("*.md"))
    assert window.has_clip()
    assert window.session.saved_path is None
    assert window.form.title.text() == "Harbour pier repairs"


def test_clipper_import_with_such_a_settings_file_fetches_nothing(
        tmp_path: Path, http_server) -> None:
    write_settings(file_name=UNCLOSED)
    http_server.route("/pier", distinct_page("Harbour pier repairs"))
    listed = tmp_path / "list.txt"
    listed.write_text(http_server.url("/pier") + "\n", encoding="utf-8")
    library = tmp_path / "lib"
    proc = subprocess.run([sys.executable, "-m", "clipper", "import", str(listed),
                           "--library", str(library)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode != 0
    assert "“{title”" in proc.stderr.strip().splitlines()[-1]
    assert http_server.requests == []
    assert not list(library.rglob("*.md"))


def test_clipper_save_with_such_a_settings_file_refuses_in_one_line(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    for file_name, reason in ((UNCLOSED, "“{title”"), ("{bogus} {title}", "{bogus}")):
        write_settings(file_name=file_name)
        proc = subprocess.run([sys.executable, "-m", "clipper", "save", str(REFERENCE),
                               "--library", str(library), "--no-images"],
                              capture_output=True, text=True, timeout=120, check=False)
        assert proc.returncode != 0
        [line] = proc.stderr.strip().splitlines()
        assert reason in line
        assert "Settings ▸ Templates" in line
        assert not list(library.rglob("*.md"))
