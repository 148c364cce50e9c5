"""An imported Obsidian template's fixed ``tags: clippings`` is where the Tags field starts,
not what every clip gets: the tags a person types are the ones written, from the window
(Ctrl+S, and Save as New Clip when the file changed on disk) and from ``clipper save``. And
the import says plainly which of its filters Clipper leaves out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers.dialogs import answer_dialog, click_button, run_modal
from helpers.pages import REFERENCE, distinct_page
from helpers.window import TIMEOUT, press, wait_loaded
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from clipper.gui.dialogs.settings_dialog import SettingsDialog
from clipper.library.templates import import_obsidian_template

CTRL = Qt.KeyboardModifier.ControlModifier
OBSIDIAN = {
    "schemaVersion": "0.1.0", "name": "My clipper", "behavior": "create",
    "noteContentFormat": "{{content}}",
    "properties": [
        {"name": "title", "value": "{{title}}", "type": "text"},
        {"name": "source", "value": "{{url}}", "type": "text"},
        {"name": "author", "value": "{{author|split:\", \"|wikilink|join}}",
         "type": "multitext"},
        {"name": "created", "value": "{{date}}", "type": "date"},
        {"name": "tags", "value": "clippings", "type": "multitext"}],
    "triggers": [], "noteNameFormat": "{{title}}", "path": ""}


@pytest.fixture
def obsidian_settings() -> Path:
    """The settings Settings ▸ Templates ▸ Import Obsidian Template… writes for ``OBSIDIAN``,
    with no default tags of Settings' own (the template's are the only ones)."""
    imported = import_obsidian_template(json.dumps(OBSIDIAN)).template
    config = Path(os.environ["CLIPPER_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({
        "version": 2, "default_tags": [], "file_name": imported.file_name,
        "folder": imported.folder,
        "front_matter": [p.as_dict() for p in imported.properties]}), encoding="utf-8")
    return Path(os.environ["CLIPPER_LIBRARY"])


def front_matter(path: Path) -> dict:
    head = path.read_text(encoding="utf-8").removeprefix("---\n").split("\n---\n", 1)[0]
    return yaml.safe_load(head)


def type_tags(qtbot, window, text: str) -> None:
    field = window.form.tags
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_tags_typed_in_the_window_win_over_the_templates_fixed_ones(
        qtbot, window_factory, obsidian_settings: Path, tmp_path: Path) -> None:
    window = window_factory()
    page = tmp_path / "pier.html"
    page.write_text(distinct_page("Harbour pier repairs"), encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Harbour pier")
    assert window.form.tags.text() == "clippings"  # the template's tags, as defaults
    type_tags(qtbot, window, "foo, bar")
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    path = Path(saved.args[0])
    assert front_matter(path)["tags"] == ["foo", "bar"]
    qtbot.waitUntil(lambda: window.session.saved_path == path, timeout=TIMEOUT)
    assert window.form.tags.text() == "foo, bar"
    # the file changed on disk, then Save as New Clip: the new clip keeps the typed tags too
    path.write_text(path.read_text(encoding="utf-8") + "\nTheir line.\n", encoding="utf-8")
    type_tags(qtbot, window, "foo, bar, later")
    seen = answer_dialog(qtbot, click_button("Save as New Clip"))
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as again:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert seen
    new = Path(again.args[0])
    assert new != path
    assert front_matter(new)["tags"] == ["foo", "bar", "later"]
    assert front_matter(path)["tags"] == ["foo", "bar"]
    qtbot.waitUntil(lambda: window.session.saved_path == new, timeout=TIMEOUT)
    assert window.form.tags.text() == "foo, bar, later"


def test_cli_tags_win_over_the_templates_and_its_tags_are_the_default(
        obsidian_settings: Path, tmp_path: Path) -> None:
    library = tmp_path / "lib"

    def save(*extra: str) -> dict:
        proc = subprocess.run([sys.executable, "-m", "clipper", "save", str(REFERENCE),
                               "--library", str(library), "--on-duplicate", "new", *extra],
                              capture_output=True, text=True, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        return front_matter(Path(proc.stdout.strip().splitlines()[-1]))

    assert save("--tags", "foo, bar")["tags"] == ["foo", "bar"]
    assert save()["tags"] == ["clippings"]


def test_importing_it_says_plainly_which_filters_are_left_out(
        qtbot, window, tmp_path: Path, monkeypatch) -> None:
    exported = tmp_path / "my-clipper.json"
    exported.write_text(json.dumps(OBSIDIAN), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(exported), "Templates (*.json)"))
    said: list[str] = []

    def fill(dialog: SettingsDialog) -> None:
        dialog.tabs.setCurrentIndex(1)
        dialog.templates.findChild(QPushButton, "importObsidian").click()
        said.append(dialog.templates.notes.text())
        dialog.reject()

    seen = run_modal(qtbot, SettingsDialog, fill)
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: bool(said), timeout=TIMEOUT)
    assert seen
    assert said[0] == ("Imported my-clipper.json. Not carried over: key “author”: the filters "
                       "split and wikilink of {{author}} are left out.")
