"""Settings ▸ Templates as a person fills it in, then Ctrl+S: the paths, the front matter and
the image links as written on disk; and every setting with its description."""

from __future__ import annotations

import json
import os
from dataclasses import fields
from pathlib import Path
from urllib.parse import unquote

import yaml
from helpers.dialogs import run_modal
from helpers.pages import article_page
from helpers.window import TIMEOUT, png_bytes, press, wait_loaded
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from clipper.gui.dialogs.settings_dialog import SettingsDialog
from clipper.images.refs import find_image_refs
from clipper.settings import Settings, description

CTRL = Qt.KeyboardModifier.ControlModifier


def page_with_picture(http_server, title: str) -> str:
    page = article_page(title).replace(
        "</h1>", "</h1><figure><img src='/img/pier.png' alt='The pier'></figure>", 1)
    http_server.route("/story", page)
    http_server.route("/img/pier.png", png_bytes(64, 48), content_type="image/png")
    return http_server.url("/story")


def open_settings(qtbot, window, act) -> None:
    seen = run_modal(qtbot, SettingsDialog, act)
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)


def test_a_template_typed_in_settings_shapes_the_next_clip(qtbot, window, http_server) -> None:
    library = Path(os.environ["CLIPPER_LIBRARY"])
    window.load_argument(page_with_picture(http_server, "Harbour pier repairs"))
    wait_loaded(qtbot, window, "Harbour pier")
    window.form.site.setText("Harbour Gazette")
    window.form.site.textEdited.emit("Harbour Gazette")
    previews: list[str] = []

    def fill(dialog: SettingsDialog) -> None:
        editor = dialog.templates
        dialog.tabs.setCurrentIndex(1)
        editor.folder.clear()
        qtbot.keyClicks(editor.folder, "Clippings/{site}")
        editor.file_name.clear()
        qtbot.keyClicks(editor.file_name, "{site} - {title}")
        editor.attachments.setCurrentIndex(editor.attachments.findData("folder"))
        editor.attachment_folder.clear()
        qtbot.keyClicks(editor.attachment_folder, "Attachments")
        editor.heading.click()  # no "# Title"
        editor.findChild(QPushButton, "addKey").click()  # "status: unread", ready to edit
        previews.append(editor.preview.toPlainText())
        previews.append(editor.path_preview.text())
        dialog.accept()

    open_settings(qtbot, window, fill)
    # the live preview showed the page's own path, images and keys
    preview = previews[0]
    assert preview.splitlines()[0] == \
        "Clippings/Harbour Gazette/Harbour Gazette - Harbour pier repairs.md"
    assert "images in Attachments/Harbour Gazette - Harbour pier repairs/" in preview
    assert 'status: "unread"' in preview
    assert previews[1].splitlines() == [
        "Clippings/Harbour Gazette/Harbour Gazette - Harbour pier repairs.md",
        "images: Attachments/Harbour Gazette - Harbour pier repairs/"]
    stored = json.loads((Path(os.environ["CLIPPER_CONFIG_DIR"]) / "settings.json").read_text())
    assert stored["folder"] == "Clippings/{site}"
    assert stored["heading"] is False
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    path = Path(saved.args[0])
    assert path == (library / "Clippings" / "Harbour Gazette"
                    / "Harbour Gazette - Harbour pier repairs.md")
    text = path.read_text(encoding="utf-8")
    head, body = text.removeprefix("---\n").split("\n---\n", 1)
    data = yaml.safe_load(head)
    assert data["status"] == "unread"
    assert data["site"] == "Harbour Gazette"
    # the template's keys in order, its new one last; then the page kept with the clip
    # (issue 15: the snapshot's id and the hash of the body as saved)
    assert list(data)[-3:] == ["status", "snapshot", "body_hash"]
    assert "\n# Harbour pier repairs" not in body
    [image] = find_image_refs(body)
    target = (path.parent / unquote(image.url)).resolve()
    assert target.parent == (library / "Attachments" / path.stem).resolve()
    assert target.read_bytes() == png_bytes(64, 48)
    # the window shows the clip as written, its picture found
    qtbot.waitUntil(lambda: window.session.saved_path == path, timeout=TIMEOUT)
    assert window.article.preview.has_image(unquote(image.url))


def test_an_obsidian_template_imports_from_the_button(qtbot, window, tmp_path: Path,
                                                      monkeypatch) -> None:
    exported = tmp_path / "clipper-template.json"
    exported.write_text(json.dumps({
        "schemaVersion": "0.1.0", "name": "Reading", "noteNameFormat": "{{title}}",
        "path": "Inbox/{{date|date:\"YYYY\"}}", "noteContentFormat": "{{content}}",
        "properties": [{"name": "url", "value": "{{url}}", "type": "text"},
                       {"name": "authors", "value": "{{author}}", "type": "multitext"},
                       {"name": "status", "value": "unread", "type": "text"}]}),
        encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(exported), "Templates (*.json)"))
    shown: dict[str, object] = {}

    def fill(dialog: SettingsDialog) -> None:
        editor = dialog.templates
        dialog.tabs.setCurrentIndex(1)
        editor.findChild(QPushButton, "importObsidian").click()
        shown["rows"] = editor.rows()
        shown["folder"] = editor.folder.text()
        shown["notes"] = editor.notes.text()
        dialog.accept()

    open_settings(qtbot, window, fill)
    assert shown["folder"] == "Inbox/{date:%Y}"
    assert shown["rows"] == [{"name": "url", "value": "{url}", "type": "text"},
                             {"name": "authors", "value": "{author}", "type": "list"},
                             {"name": "status", "value": "unread", "type": "text"}]
    assert "Imported clipper-template.json" in str(shown["notes"])
    stored = json.loads((Path(os.environ["CLIPPER_CONFIG_DIR"]) / "settings.json").read_text())
    assert stored["front_matter"] == shown["rows"]


def test_a_template_with_an_unknown_variable_is_refused_with_the_reason(qtbot, window) -> None:
    said: list[str] = []

    def fill(dialog: SettingsDialog) -> None:
        editor = dialog.templates
        editor.folder.setText("Clippings/{sitename}")
        dialog.accept()  # refused: the dialog stays, on the Templates tab
        said.append(editor.problems.text())
        said.append(str(dialog.tabs.currentIndex()))
        editor.folder.setText("Clippings/{site}")
        dialog.accept()

    open_settings(qtbot, window, fill)
    assert "{sitename}" in said[0]
    assert "does not know" in said[0]
    assert said[1] == "1"
    stored = json.loads((Path(os.environ["CLIPPER_CONFIG_DIR"]) / "settings.json").read_text())
    assert stored["folder"] == "Clippings/{site}"


def test_every_setting_is_in_the_dialog_with_its_description(qtbot, window) -> None:
    texts: list[str] = []

    def look(dialog: SettingsDialog) -> None:
        texts.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    open_settings(qtbot, window, look)
    for f in fields(Settings):
        if f.name != "version":
            assert description(f.name) in texts, f.name


def test_settings_of_an_older_version_open_unchanged(qtbot, window_factory) -> None:
    """An existing user's settings.json (version 1) is upgraded, not reset: their library,
    tags and images choice stay, and new clips are written as before."""
    config = Path(os.environ["CLIPPER_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps(
        {"library": "", "default_tags": ["web", "later"], "download_images": False,
         "version": 1}), encoding="utf-8")
    window = window_factory()
    assert window.settings.default_tags == ["web", "later"]
    assert not window.settings.download_images
    assert window.settings.theme == "system"
    assert window.settings.heading
    seen: list[tuple[str, str, bool]] = []

    def look(dialog: SettingsDialog) -> None:
        editor = dialog.templates
        seen.append((editor.file_name.text(), editor.attachments.currentData(),
                     editor.heading.isChecked()))
        dialog.reject()

    open_settings(qtbot, window, look)
    assert seen == [("{title}", "beside", True)]
