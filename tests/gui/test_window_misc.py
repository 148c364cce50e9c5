"""Menus and shortcuts, settings, remembered window state, and the raw page's safety."""

from __future__ import annotations

import json
import os
from pathlib import Path

from helpers.dialogs import run_modal
from helpers.pages import REFERENCE, article_page
from helpers.window import TIMEOUT, png_bytes, press, wait_loaded
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from clipper.gui.dialogs.settings_dialog import SettingsDialog
from clipper.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from clipper.gui.main_window import MainWindow
from clipper.gui.widgets.safe_browser import placeholder_image

PROMISED = {  # issue 3's keyboard list
    "Save to Library": ["Ctrl+S"], "Save As…": ["Ctrl+Shift+S"],
    "Copy Markdown": ["Ctrl+Shift+C"], "Go to Address Field": ["Ctrl+L"],
    "Open File…": ["Ctrl+O"], "Paste Address or HTML": ["Ctrl+V"], "Reload": ["F5"],
    "Stop Loading": ["Esc"], "Settings…": ["Ctrl+,"], "Quit": ["Ctrl+Q"],
    "Keyboard Shortcuts": ["F1", "Ctrl+/"],
}


def test_every_promised_shortcut_is_in_a_menu(window) -> None:
    in_menus = {action.text().replace("&", ""): [s.toString() for s in action.shortcuts()]
                for menu in window.menus for action in menu.actions() if not action.isSeparator()}
    for text, keys in PROMISED.items():
        assert text in in_menus, text
        assert in_menus[text][:len(keys)] == keys, (text, in_menus[text])
    # the platform's own bindings come along (Shift+Ins pastes on Linux)
    paste = in_menus["Paste Address or HTML"]
    for seq in QKeySequence.keyBindings(QKeySequence.StandardKey.Paste):
        assert seq.toString() in paste


def test_f1_lists_the_shortcuts(qtbot, window) -> None:
    rows: list[str] = []

    def read(dialog: ShortcutsDialog) -> None:
        tree = dialog.tree
        rows.extend(f"{tree.topLevelItem(i).text(0).strip()}={tree.topLevelItem(i).text(1)}"
                    for i in range(tree.topLevelItemCount()))
        dialog.reject()

    seen = run_modal(qtbot, ShortcutsDialog, read)
    press(qtbot, window, Qt.Key.Key_F1)
    assert seen
    assert "Save to Library=Ctrl+S" in rows
    assert "Keyboard Shortcuts=F1, Ctrl+/" in rows
    assert "File=" in rows
    assert "Paste Address or HTML=Ctrl+V, Shift+Ins" in rows  # no media "Paste" key listed


def test_ctrl_slash_also_lists_them(qtbot, window) -> None:
    seen = run_modal(qtbot, ShortcutsDialog, lambda d: d.reject())
    press(qtbot, window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert seen


def test_settings_choose_the_library_and_default_tags(qtbot, window, tmp_path: Path,
                                                      monkeypatch) -> None:
    monkeypatch.delenv("CLIPPER_LIBRARY")
    chosen = tmp_path / "My Clips"

    def fill(dialog: SettingsDialog) -> None:
        dialog.library.setText(str(chosen))
        dialog.tags.setText("reading, #later")
        dialog.download_images.setChecked(False)
        dialog.accept()

    seen = run_modal(qtbot, SettingsDialog, fill)
    press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert seen
    stored = json.loads((Path(os.environ["CLIPPER_CONFIG_DIR"]) / "settings.json").read_text())
    assert stored["library"] == str(chosen)
    assert stored["default_tags"] == ["reading", "later"]
    assert stored["download_images"] is False
    assert window.library == chosen
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")
    assert window.form.tags.text() == "reading, later"
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert Path(saved.args[0]).parent == chosen


def test_the_settings_dialog_says_when_the_library_is_overridden(qtbot, window) -> None:
    notes: list[str] = []

    def look(dialog: SettingsDialog) -> None:
        label = dialog.findChild(QLabel, "overrideNote")
        notes.append(label.text() if label else "")
        dialog.reject()

    run_modal(qtbot, SettingsDialog, look)
    window.actions_.settings.trigger()
    assert os.environ["CLIPPER_LIBRARY"] in notes[0]


def test_window_size_and_splitter_are_remembered(qtbot, window) -> None:
    window.resize(700, 500)  # the offscreen screen is 800 x 600
    window.splitter.setSizes([250, 430])
    sizes = window.splitter.sizes()
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    with qtbot.waitExposed(again):
        again.show()
    assert (again.width(), again.height()) == (700, 500)
    assert again.splitter.sizes() == sizes


def test_the_page_view_loads_nothing_until_asked(qtbot, window, http_server) -> None:
    page = article_page("Pier photos").replace(
        "</h1>", "</h1><img src='/pic.png' alt='the pier'><script>document.write('x')</script>")
    http_server.route("/story", page)
    http_server.route("/pic.png", png_bytes(), content_type="image/png")
    window.load_argument(http_server.url("/story"))
    wait_loaded(qtbot, window, "Pier photos")
    qtbot.waitUntil(lambda: window.actions_.load_images.isEnabled(), timeout=TIMEOUT)
    window.raw_view.tabs.setCurrentIndex(1)
    view = window.raw_view.page
    assert "The council met" in view.toPlainText()
    assert "document.write" not in view.toPlainText()
    image = QTextDocument.ResourceType.ImageResource.value
    url = http_server.url("/pic.png")
    # a placeholder stands in: nothing is fetched, and no local file the page names is read
    for name in (url, "file:///etc/hostname", "pic.png"):
        assert view.loadResource(image, QUrl(name)) is placeholder_image()
    assert http_server.requests_to("/pic.png") == []
    window.raw_view.images_button.click()
    qtbot.waitUntil(lambda: view.has_image(url), timeout=TIMEOUT)
    loaded = view.loadResource(image, QUrl(url))
    assert isinstance(loaded, QImage)
    assert loaded.width() == 40
    assert len(http_server.requests_to("/pic.png")) == 1
    assert http_server.requests_to("/pic.png")[0].headers.get("referer") == \
        http_server.url("/story")


def test_links_in_the_page_open_in_the_browser_only_when_clicked(qtbot, window) -> None:
    view = window.raw_view.page
    view.anchorClicked.emit(QUrl("https://news.example/next"))
    view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    view.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert window.opened_urls == ["https://news.example/next"]


def test_ctrl_e_switches_between_preview_and_markdown(qtbot, window) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")
    assert window.article.tabs.currentIndex() == 0
    press(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.article.tabs.currentIndex() == 1
    assert QApplication.focusWidget() is window.article.editor


def test_load_images_sends_other_hosts_only_the_sites_origin(qtbot, window, http_server) -> None:
    other_host = http_server.url("/cdn/pic.png").replace("127.0.0.1", "localhost")
    page = article_page("Pier photos").replace(
        "</h1>", f"</h1><img src='/own.png' alt='own'><img src='{other_host}' alt='cdn'>")
    http_server.route("/story/2024/pier?token=secret", page)
    http_server.route("/own.png", png_bytes(), content_type="image/png")
    http_server.route("/cdn/pic.png", png_bytes(), content_type="image/png")
    story = http_server.url("/story/2024/pier?token=secret")
    window.load_argument(story)
    wait_loaded(qtbot, window, "Pier photos")
    qtbot.waitUntil(lambda: window.raw_view.images_button.isEnabled(), timeout=TIMEOUT)
    window.raw_view.tabs.setCurrentIndex(1)
    window.raw_view.images_button.click()
    qtbot.waitUntil(lambda: window.raw_view.page.has_image(other_host), timeout=TIMEOUT)
    [own] = http_server.requests_to("/own.png")
    [cdn] = http_server.requests_to("/cdn/pic.png")
    assert own.headers.get("referer") == story  # the page's own images: as a browser does
    assert cdn.headers.get("referer") == http_server.url("/")  # elsewhere: the origin only


def test_hovering_a_link_shows_where_it_goes(qtbot, window, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(article_page("Pier photos").replace(
        "part 1.", "part 1. <a href='https://tracker.example/r?to=pier'>Read more</a>"),
        encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Pier photos")
    preview = window.article.preview
    found = preview.document().find("Read more")
    assert not found.isNull()
    cursor = preview.textCursor()
    cursor.setPosition(found.selectionStart() + 2)
    point = preview.cursorRect(cursor).center()
    QTest.mouseMove(preview.viewport(), point)
    qtbot.waitUntil(lambda: window.status.currentMessage() == "https://tracker.example/r?to=pier",
                    timeout=TIMEOUT)
    QTest.mouseMove(preview.viewport(), QPoint(2, preview.viewport().height() - 2))
    qtbot.waitUntil(lambda: window.status.currentMessage() == "", timeout=TIMEOUT)
    assert window.opened_urls == []  # hovering opens nothing


def test_menus_and_the_save_button_offer_what_the_session_allows(qtbot, window) -> None:
    from clipper.gui.session import TOGGLED, enabled_commands

    def offered() -> set[str]:
        return {name for name in TOGGLED if getattr(window.actions_, name).isEnabled()}

    assert offered() == set()
    assert not window.save_button.isEnabled()
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")
    assert offered() == set(enabled_commands(window.session))
    assert {"save", "save_as", "copy_markdown", "toggle_markdown", "reload"} <= offered()
    assert window.save_button.isEnabled()


def test_a_saved_pages_own_pictures_show_in_the_preview(qtbot, window, tmp_path: Path) -> None:
    """A page saved "complete" names its photo by a path beside it; asked to load images,
    the preview shows it from that folder, and the article text holds no path to the disk."""
    folder = tmp_path / "Pier photos_files"
    folder.mkdir()
    (folder / "pier 1.png").write_bytes(png_bytes(40, 30))
    page = tmp_path / "Pier photos.html"
    page.write_text("<!-- saved from url=(0027)https://harbour.example/a -->\n" + article_page(
        "Pier photos").replace("</h1>", "</h1><p><img src='Pier%20photos_files/pier%201.png'"
                                        " alt='the pier'></p>"), encoding="utf-8")
    window.load_argument(str(page))
    wait_loaded(qtbot, window, "Pier photos")
    markdown = window.article.editor.toPlainText()
    assert "![the pier](Pier%20photos_files/pier%201.png)" in markdown
    assert "file:" not in markdown and str(tmp_path) not in markdown
    qtbot.waitUntil(lambda: window.actions_.load_images.isEnabled(), timeout=TIMEOUT)
    window.actions_.load_images.trigger()
    preview = window.article.preview
    qtbot.waitUntil(lambda: preview.has_image("Pier photos_files/pier 1.png"), timeout=TIMEOUT)
    image = QTextDocument.ResourceType.ImageResource.value
    loaded = preview.loadResource(image, QUrl("Pier%20photos_files/pier%201.png"))
    assert isinstance(loaded, QImage) and loaded.width() == 40
