"""Ctrl+V outside a text field: a copied address loads, HTML copied from a browser is clipped."""

from __future__ import annotations

from helpers.pages import REFERENCE, article_page
from helpers.window import press, wait_loaded
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
PAGE_URL = "https://harbour.example/news/pier-repairs"


def put_on_clipboard(*, html: str | None = None, text: str | None = None,
                     extra: dict[str, bytes] | None = None) -> QMimeData:
    mime = QMimeData()
    if html is not None:
        mime.setHtml(html)
    if text is not None:
        mime.setText(text)
    for fmt, data in (extra or {}).items():
        mime.setData(fmt, data)
    QApplication.clipboard().setMimeData(mime)
    return mime


def test_pasting_html_from_firefox_clips_it_with_its_address(qtbot, window) -> None:
    put_on_clipboard(html=article_page("Pier repairs delayed again"),
                     text="Pier repairs delayed again …",
                     extra={"text/x-moz-url-priv": PAGE_URL.encode("utf-16-le")})
    window.url_bar.load_button.setFocus()  # not a text field
    press(qtbot, window, Qt.Key.Key_V, CTRL)
    wait_loaded(qtbot, window, "Pier repairs delayed again")
    assert window.form.source.text() == PAGE_URL  # an editable field since issue 12
    assert window.url_bar.text() == PAGE_URL
    assert "The council met on Tuesday evening" in window.article.preview_text()
    assert "Copyright 2024" not in window.article.markdown()
    assert window.current_clip().source == PAGE_URL


def test_pasting_a_chromium_fragment_keeps_its_source_url(qtbot, window) -> None:
    html = ("<html><body><!--StartFragment-->" + article_page("Ferry timetable changes")
            + "<!--EndFragment--></body></html>")
    put_on_clipboard(html=html, extra={"chromium/x-source-url": PAGE_URL.encode()})
    window.url_bar.load_button.setFocus()
    press(qtbot, window, Qt.Key.Key_V, CTRL)
    wait_loaded(qtbot, window, "Ferry timetable changes")
    assert window.current_clip().source == PAGE_URL


def test_pasting_an_address_loads_it(qtbot, window, http_server) -> None:
    http_server.route("/copied", REFERENCE.read_bytes())
    put_on_clipboard(text=http_server.url("/copied"))
    window.url_bar.load_button.setFocus()
    press(qtbot, window, Qt.Key.Key_V, CTRL)
    wait_loaded(qtbot, window, "Russia says")
    assert window.url_bar.text() == http_server.url("/copied")


def test_ctrl_v_in_the_address_field_pastes_text_only(qtbot, window) -> None:
    put_on_clipboard(text="https://harbour.example/a")
    window.url_bar.field.clear()
    window.url_bar.field.setFocus()
    press(qtbot, window, Qt.Key.Key_V, CTRL)
    assert window.url_bar.text() == "https://harbour.example/a"
    assert not window.is_loading()


def test_ctrl_v_in_the_read_only_source_pastes_to_the_window(qtbot, window) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")
    put_on_clipboard(html=article_page("Second pasted article"))
    window.raw_view.source.setFocus()
    press(qtbot, window, Qt.Key.Key_V, CTRL)
    wait_loaded(qtbot, window, "Second pasted article")


def test_paste_menu_entry_with_nothing_usable_says_so(qtbot, window) -> None:
    put_on_clipboard(text="just some words\nover two lines")
    window.actions_.paste.trigger()
    assert window.message_bar.isVisible()
    assert "no web address or HTML" in window.message_bar.text()
    assert not window.is_loading()
    assert window.message_bar.level == "info"
