"""Reading as a person does: the reader layout, zoom, a dark window, the original in the
browser, and Clip This Link on a link of the preview or the page."""

from __future__ import annotations

import json
import os
from pathlib import Path

from helpers.dialogs import run_modal
from helpers.pages import REFERENCE, article_page
from helpers.window import TIMEOUT, press, wait_loaded
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QCheckBox

from clipper.gui.dialogs.settings_dialog import SettingsDialog
from clipper.gui.theme import DARK, LIGHT, Theme, is_dark

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def load_reference(qtbot, window) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")


def test_the_reader_layout_shows_the_article_alone_and_is_remembered(
        qtbot, window_factory) -> None:
    window = window_factory()
    window.resize(1400, 800)
    load_reference(qtbot, window)
    preview = window.article.preview
    assert window.raw_view.isVisible()
    assert window.form.isVisible()
    press(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    assert not window.raw_view.isVisible()
    assert not window.form.isVisible()
    assert window.article.isVisible()
    assert window.save_button.isVisible()
    assert window.actions_.reader.isChecked()
    # centred at a comfortable measure: equal margins, lines of ~64 average characters
    qtbot.waitUntil(lambda: preview.document().rootFrame().frameFormat().leftMargin() > 50,
                    timeout=TIMEOUT)
    frame = preview.document().rootFrame().frameFormat()
    assert frame.leftMargin() == frame.rightMargin()
    line = preview.viewport().width() - frame.leftMargin() - frame.rightMargin()
    assert 55 * preview.fontMetrics().averageCharWidth() < line \
        < 75 * preview.fontMetrics().averageCharWidth()
    # Ctrl+E still switches to the Markdown, Ctrl+S still saves
    press(qtbot, window, Qt.Key.Key_E, CTRL)
    assert window.article.tabs.currentIndex() == 1
    press(qtbot, window, Qt.Key.Key_E, CTRL)
    window.close()
    again = window_factory()
    assert again.reading.reader
    assert again.raw_view.isHidden()
    assert again.actions_.reader.isChecked()
    press(qtbot, again, Qt.Key.Key_R, CTRL | SHIFT)
    assert not again.raw_view.isHidden()
    assert not again.form.isHidden()
    assert again.article.preview.document().rootFrame().frameFormat().leftMargin() == 0


def test_zoom_in_preview_and_source_with_the_keys_remembered(qtbot, window_factory) -> None:
    window = window_factory()
    load_reference(qtbot, window)
    preview, source = window.article.preview, window.raw_view.source
    base_preview, base_source = preview.font().pointSizeF(), source.font().pointSizeF()
    heading = heading_size(preview)
    press(qtbot, window, Qt.Key.Key_Equal, CTRL)
    press(qtbot, window, Qt.Key.Key_Equal, CTRL)
    assert preview.font().pointSizeF() > base_preview * 1.2
    assert source.font().pointSizeF() > base_source * 1.2
    assert window.article.editor.font().pointSizeF() > base_source
    assert heading_size(preview) > heading * 1.2  # the article laid out anew
    press(qtbot, window, Qt.Key.Key_0, CTRL)
    assert preview.font().pointSizeF() == base_preview
    press(qtbot, window, Qt.Key.Key_Minus, CTRL)
    assert preview.font().pointSizeF() < base_preview
    assert source.font().pointSizeF() < base_source
    # from a text field too (the keys are the window's)
    window.form.title.setFocus()
    press(qtbot, window, Qt.Key.Key_Equal, CTRL)
    assert preview.font().pointSizeF() == base_preview
    press(qtbot, window, Qt.Key.Key_Equal, CTRL)
    zoomed = preview.font().pointSizeF()
    window.close()
    again = window_factory()
    assert again.article.preview.font().pointSizeF() == zoomed
    assert again.reading.zoom == 1


def heading_size(preview) -> float:
    """The point size of the article's # Title, as drawn."""
    return preview.document().begin().begin().fragment().charFormat().fontPointSize()


def choose_theme(qtbot, window, theme: str) -> None:
    def pick(dialog: SettingsDialog) -> None:
        dialog.theme.setCurrentIndex(dialog.theme.findData(theme))
        dialog.accept()

    seen = run_modal(qtbot, SettingsDialog, pick)
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)


def check_box_contrast() -> int:
    """How far the lightest or darkest pixel of an unchecked, unlabelled check box is from
    the window colour: a box drawn in shades of the window cannot be seen."""
    box = QCheckBox()
    box.resize(box.sizeHint())
    image = box.grab().toImage()
    window = box.palette().color(QPalette.ColorRole.Window).lightness()
    return max(abs(QColor(image.pixel(x, y)).lightness() - window)
               for x in range(image.width()) for y in range(image.height()))


def test_a_dark_theme_chosen_in_settings_darkens_window_preview_and_source(
        qtbot, window) -> None:
    load_reference(qtbot, window)
    window.session.informed("A note to see in the dark.")
    assert not is_dark()
    choose_theme(qtbot, window, "dark")
    stored = json.loads((Path(os.environ["CLIPPER_CONFIG_DIR"]) / "settings.json").read_text())
    assert stored["theme"] == "dark"
    assert is_dark()
    preview = window.article.preview
    # the widgets take the palette as the event loop runs
    qtbot.waitUntil(lambda: preview.palette().color(QPalette.ColorRole.Base).lightness() < 60,
                    timeout=TIMEOUT)
    base = preview.palette().color(QPalette.ColorRole.Base)
    text = preview.palette().color(QPalette.ColorRole.Text)
    assert base.lightness() < 60
    assert text.lightness() > 180
    page = window.raw_view.page.palette().color(QPalette.ColorRole.Base)
    assert page.lightness() < 60
    qtbot.waitUntil(lambda: DARK.notices["info"][0] in window.message_bar.styleSheet(),
                    timeout=TIMEOUT)
    kept = window.raw_view.source.document().findBlockByNumber(
        window.raw_view.source.kept_block_ranges()[0][0]).blockFormat().background().color()
    assert kept.name() == DARK.kept_background
    assert check_box_contrast() > 22  # the tags' and the List column's boxes show
    choose_theme(qtbot, window, "light")
    assert not is_dark()
    qtbot.waitUntil(lambda: LIGHT.notices["info"][0] in window.message_bar.styleSheet(),
                    timeout=TIMEOUT)


def test_the_system_theme_is_followed_as_it_changes(qtbot, window, monkeypatch) -> None:
    dark = {"on": False}
    monkeypatch.setattr(Theme, "system_is_dark", lambda self: dark["on"])
    hints = QGuiApplication.styleHints()
    assert window.theme.setting == "system"
    dark["on"] = True
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.waitUntil(is_dark, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness() < 128,
                    timeout=TIMEOUT)
    dark["on"] = False
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: not is_dark(), timeout=TIMEOUT)


def test_open_original_in_browser(qtbot, window, http_server) -> None:
    http_server.route("/story", article_page("Harbour pier repairs"))
    window.load_argument(http_server.url("/story"))
    wait_loaded(qtbot, window, "Harbour pier")
    press(qtbot, window, Qt.Key.Key_O, CTRL | SHIFT)
    assert window.opened_urls == [http_server.url("/story")]


def right_click_link(qtbot, view, text: str) -> None:
    """A right-click on the link whose text is ``text``, as a person aims at it."""
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    middle = QTextCursor(view.document())
    middle.setPosition((cursor.selectionStart() + cursor.selectionEnd()) // 2)
    rect = view.cursorRect(middle)
    pos = QPoint(rect.x(), rect.center().y())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert view.last_menu is not None


def test_clip_this_link_in_the_preview_and_the_page(qtbot, window, http_server) -> None:
    first = article_page("Harbour pier repairs").replace(
        "</article>", "<p>The ferry company gave its new times in <a href='/second'>the ferry "
        "timetable story</a> on Monday.</p></article>")
    http_server.route("/first", first)
    http_server.route("/second", article_page("Ferry timetable changes"))
    http_server.route("/third", article_page("Quay shops and visitors"))
    window.load_argument(http_server.url("/first"))
    wait_loaded(qtbot, window, "Harbour pier")
    preview = window.article.preview
    right_click_link(qtbot, preview, "the ferry timetable story")
    menu = preview.last_menu
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Clip This Link", "Open Link in Browser"]
    menu.actions()[0].trigger()
    menu.close()
    wait_loaded(qtbot, window, "Ferry timetable")
    assert window.url_bar.text() == http_server.url("/second")
    # the rendered page: its own links too
    page = window.raw_view.page
    window.raw_view.tabs.setCurrentIndex(1)
    page.show_html(f"<p><a href='{http_server.url('/third')}'>quay shops</a></p>")
    right_click_link(qtbot, page, "quay shops")
    page.last_menu.actions()[0].trigger()
    page.last_menu.close()
    wait_loaded(qtbot, window, "Quay shops")
    # no "Clip This Link" where there is no web link
    right_click_link(qtbot, preview, "Quay shops and visitors")
    assert "Clip This Link" not in [a.text() for a in preview.last_menu.actions()]
    preview.last_menu.close()
