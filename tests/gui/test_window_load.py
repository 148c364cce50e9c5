"""Loading pages as a person does: type + Enter, drop, open, stop, queue, errors."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.dialogs import answer_dialog, click_standard
from helpers.pages import REFERENCE, article_page
from helpers.window import TIMEOUT, drop, press, wait_loaded
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

EXPECT = json.loads(REFERENCE.with_name("devdiscourse-russia-afghan.expect.json")
                    .read_text(encoding="utf-8"))
PAGE = REFERENCE.read_bytes()


def assert_reference_shown(window) -> None:
    preview = window.article.preview_text()
    for phrase in EXPECT["must_contain"]:
        assert phrase in preview
    for phrase in EXPECT["must_not_contain"]:
        assert phrase not in preview
    assert window.form.title.text() == EXPECT["title"]
    assert window.form.author.text() == EXPECT["byline"]
    assert window.form.published.text() == EXPECT["published"]
    assert window.form.site.text() == EXPECT["site_name"]


def test_the_address_field_has_focus_at_start(window) -> None:
    assert QApplication.focusWidget() is window.url_bar.field
    assert window.stack.currentWidget() is window.empty_state
    hint = window.empty_state.findChild(QLabel, "emptyHint")
    assert hint.text() == "Paste a URL, drop an HTML file or press Ctrl+O"


def test_typing_a_url_and_enter_shows_the_clean_article(qtbot, window, http_server) -> None:
    http_server.route("/news/russia", PAGE)
    qtbot.keyClicks(window.url_bar.field, http_server.url("/news/russia"))
    press(qtbot, window, Qt.Key.Key_Return)
    wait_loaded(qtbot, window, "Russia says")
    assert_reference_shown(window)
    assert window.stack.currentIndex() == 1
    # the title is the window's; the status bar says where from, short enough to be read
    assert window.windowTitle().startswith("Russia says")
    assert window.status.loaded_text() == "Loaded from 127.0.0.1/…/russia"
    assert window.status.words_text().endswith("words")
    assert not window.is_dirty()
    # the source pane shows the page and tints what the article kept
    source = window.raw_view.source
    assert "<html" in source.toPlainText().lower()
    kept = source.kept_block_ranges()
    assert kept
    kept_text = "\n".join(source.document().findBlockByNumber(n).text()
                          for a, b in kept for n in range(a, b + 1))
    assert "Lavrov was speaking" in kept_text
    assert "TRENDING" not in kept_text
    block = source.document().findBlockByNumber(kept[0][0])
    assert block.blockFormat().background().color().name() == "#e3f4e1"
    outside = source.document().findBlockByNumber(0)
    assert outside.blockFormat().background().style() == Qt.BrushStyle.NoBrush


def test_dropping_the_reference_file_loads_it(qtbot, window) -> None:
    # dropped on the Markdown editor: an editable child must not swallow it
    drop(window, paths=[REFERENCE], target=window.article.editor.viewport())
    wait_loaded(qtbot, window, "Russia says")
    assert_reference_shown(window)
    assert window.url_bar.text() == str(REFERENCE)
    assert window.article.markdown().count("Lavrov") >= 1


def test_dropping_on_the_window_itself(qtbot, window) -> None:
    drop(window, paths=[REFERENCE])
    wait_loaded(qtbot, window, "Russia says")


def test_several_files_load_the_first_and_queue_the_rest(qtbot, window, tmp_path: Path) -> None:
    second = tmp_path / "second.html"
    second.write_text(article_page("Second page"), encoding="utf-8")
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n")
    drop(window, paths=[REFERENCE, photo, second])
    wait_loaded(qtbot, window, "Russia says")
    assert window.status.queue_text().startswith("1 more queued")
    assert "photo.png" in window.message_bar.text()
    assert window.actions_.next_queued.isEnabled()
    window.actions_.next_queued.trigger()
    wait_loaded(qtbot, window, "Second page")
    assert window.status.queue_text() == ""


def test_a_404_shows_a_message_and_the_window_keeps_working(qtbot, window, http_server) -> None:
    http_server.route("/gone", "<h1>Not here</h1>", status=404)
    http_server.route("/good", PAGE)
    window.url_bar.field.setText(http_server.url("/gone"))
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=TIMEOUT)
    assert "404" in window.message_bar.text()
    assert window.message_bar.level == "error"
    assert window.url_bar.text() == http_server.url("/gone")  # what was typed stays
    assert not window.is_loading()
    window.url_bar.field.setText(http_server.url("/good"))
    press(qtbot, window, Qt.Key.Key_Return)
    wait_loaded(qtbot, window, "Russia says")
    assert not window.message_bar.isVisible()


def test_discard_discards_even_when_the_load_then_fails(qtbot, window, http_server) -> None:
    """Issue 12 changed this: Discard used to keep the edits on screen, still unsaved, when
    the page then failed to load (and the next load asked again)."""
    http_server.route("/broken", "nope", status=500)
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")
    window.form.title.end(False)
    qtbot.keyClicks(window.form.title, " (edited)")
    assert window.is_dirty()
    seen = answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Discard))
    window.url_bar.field.setText(http_server.url("/broken"))
    window.url_bar.field.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=TIMEOUT)
    assert seen
    assert "before loading another page" in seen[0]
    assert "500" in window.message_bar.text()
    assert window.form.title.text() == EXPECT["title"]  # the edit is gone, as chosen
    assert "Lavrov" in window.article.markdown()  # the clip itself stays
    assert not window.is_dirty()
    assert not window.isWindowModified()
    assert window.status.loaded_text() != "Not saved"
    assert window.url_bar.text() == http_server.url("/broken")
    # the next load does not ask about the discarded edits again
    window.url_bar.field.setText(http_server.url("/broken"))
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=TIMEOUT)
    assert len(seen) == 1


def test_a_bad_address_is_explained(qtbot, window) -> None:
    window.url_bar.field.setText("ftp://example.com/x")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.message_bar.isVisible()
    assert "ftp" in window.message_bar.text()
    assert not window.is_loading()


def test_escape_stops_a_slow_load(qtbot, window, http_server) -> None:
    http_server.trickle("/slow", PAGE, chunk_size=200, interval=0.2)
    window.url_bar.field.setText(http_server.url("/slow"))
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Downloading" in window.status.stage_text(), timeout=TIMEOUT)
    assert window.url_bar.stop_button.isVisible()
    assert window.actions_.stop.isEnabled()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.is_loading()
    assert not window.status.is_busy()
    assert window.status.loaded_text() == "Stopped"
    assert not window.has_clip()
    assert window.url_bar.load_button.isVisible()


def test_a_new_load_cancels_the_running_one(qtbot, window, http_server) -> None:
    http_server.trickle("/slow", PAGE, chunk_size=200, interval=0.2)
    window.load_argument(http_server.url("/slow"))
    qtbot.waitUntil(window.is_loading, timeout=TIMEOUT)
    first = window.loader.task
    window.load_argument(str(REFERENCE))
    assert first.cancelled
    wait_loaded(qtbot, window, "Russia says")
    assert window.url_bar.text() == str(REFERENCE)


def test_reload_loads_the_page_again(qtbot, window, http_server) -> None:
    http_server.route("/a", PAGE)
    window.load_argument(http_server.url("/a"))
    wait_loaded(qtbot, window, "Russia says")
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: len(http_server.requests_to("/a")) == 2, timeout=TIMEOUT)
    wait_loaded(qtbot, window, "Russia says")


def test_ctrl_o_opens_a_file(qtbot, window, monkeypatch) -> None:
    asked: list[str] = []

    def fake_open(parent, caption, folder, filters):
        asked.append(filters)
        return str(REFERENCE), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    press(qtbot, window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    wait_loaded(qtbot, window, "Russia says")
    assert "*.html" in asked[0]


def test_open_file_starts_in_downloads_then_in_the_last_folder_used(
        qtbot, window, monkeypatch, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(home / "Downloads"))
    saved = tmp_path / "pages"
    saved.mkdir()
    page = saved / "page.html"
    page.write_bytes(REFERENCE.read_bytes())
    folders: list[str] = []

    def fake_open(parent, caption, folder, filters):
        folders.append(folder)
        return str(page), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    press(qtbot, window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    wait_loaded(qtbot, window, "Russia says")
    press(qtbot, window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(folders) == 2, timeout=TIMEOUT)
    assert folders[0] == str(home / "Downloads")  # not the library folder
    assert folders[1] == str(saved)


def test_a_drag_over_the_window_shows_where_it_will_drop(qtbot, window) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(REFERENCE))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert window.drop_overlay.isVisible()
    assert window.drop_overlay.geometry() == window.centralWidget().rect()
    QApplication.sendEvent(window, QDragLeaveEvent())
    assert not window.drop_overlay.isVisible()
    drop(window, paths=[REFERENCE])
    assert not window.drop_overlay.isVisible()
    wait_loaded(qtbot, window, "Russia says")


def test_ctrl_l_focuses_the_address_field(qtbot, window) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")
    window.article.editor.setFocus()
    window.article.tabs.setCurrentIndex(1)
    window.article.editor.setFocus()
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.url_bar.field
    assert window.url_bar.field.selectedText() == str(REFERENCE)


def test_a_page_without_an_article_says_so(qtbot, window, tmp_path: Path) -> None:
    """Issue 12 changed this: the page is shown (it loaded) with a warning, not an error
    saying it could not be loaded; there is nothing to save until something is typed."""
    empty = tmp_path / "app.html"  # a page built by scripts: nothing to read without them
    empty.write_text("<html><head><title>App</title></head><body><div id='root'></div>"
                     "<script>render()</script></body></html>", encoding="utf-8")
    window.load_argument(str(empty))
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=TIMEOUT)
    assert "No article" in window.message_bar.text()
    assert "The page loaded" in window.message_bar.text()
    assert window.has_clip()
    assert window.form.title.text() == "App"
    assert window.article.markdown() == ""
    assert "render()" in window.raw_view.source.toPlainText()
    assert window.status.loaded_text() == "Loaded from app.html"
    assert not window.save_button.isEnabled()
    window.article.tabs.setCurrentIndex(1)
    window.article.editor.setFocus()
    qtbot.keyClicks(window.article.editor, "My own notes about the app.")
    assert window.save_button.isEnabled()


def test_a_page_that_is_only_navigation_says_there_is_no_article(
        qtbot, window, tmp_path: Path, http_server) -> None:
    # An earlier run turned this into an "article" of [Home](file:///).
    page = ("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav>"
            "</body></html>")
    nav = tmp_path / "nav.html"
    nav.write_text(page, encoding="utf-8")
    http_server.route("/nav", page)
    for argument in (str(nav), http_server.url("/nav")):
        window.message_bar.dismiss()
        window.load_argument(argument)
        qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=TIMEOUT)
        assert "No article" in window.message_bar.text()
        assert window.article.markdown() == ""  # no "[Home](file:///)" article
        assert "<nav>" in window.raw_view.source.toPlainText()  # the page is shown
        assert not window.status.loaded_text().startswith("Could not load")
        assert not window.save_button.isEnabled()
        assert window.message_bar.findChild(QPushButton).isHidden()  # no "Try Again"


def test_an_address_that_is_not_a_web_page_says_so(qtbot, window, http_server) -> None:
    """Issue 12 changed this: "Try Again" is not offered, a new try would find an image
    again (it is for network and server troubles)."""
    http_server.route("/photo", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    window.load_argument(http_server.url("/photo"))
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=TIMEOUT)
    assert "image" in window.message_bar.text().lower()
    assert window.message_bar.findChild(QPushButton).isHidden()
    http_server.route("/busy", "try later", status=503)
    window.load_argument(http_server.url("/busy"))
    qtbot.waitUntil(lambda: "503" in window.message_bar.text(), timeout=TIMEOUT)
    window.message_bar.findChild(QPushButton).click()  # "Try Again"
    qtbot.waitUntil(lambda: len(http_server.requests_to("/busy")) == 2, timeout=TIMEOUT)


def test_a_link_dragged_from_a_browser_loads(qtbot, window, http_server) -> None:
    http_server.route("/linked", PAGE)
    drop(window, urls=[http_server.url("/linked")], target=window.form.title)
    wait_loaded(qtbot, window, "Russia says")
    assert window.url_bar.text() == http_server.url("/linked")
    assert window.form.title.text() == EXPECT["title"]  # the field did not take the drop as text


def test_a_link_dragged_as_firefox_describes_it_loads(qtbot, window, http_server) -> None:
    """Firefox's own link format: UTF-16, the address then the link's text."""
    http_server.route("/linked", PAGE)
    link = f"{http_server.url('/linked')}\nRussia says it wants to help"
    drop(window, formats={"text/x-moz-url": link.encode("utf-16-le")},
         target=window.article.editor)
    wait_loaded(qtbot, window, "Russia says")
    assert window.url_bar.text() == http_server.url("/linked")


def test_dropping_a_file_that_is_not_a_web_page_says_so(qtbot, window, tmp_path: Path) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.4")
    drop(window, paths=[notes])
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=TIMEOUT)
    assert "notes.pdf" in window.message_bar.text()
    assert ".html" in window.message_bar.text()
    assert not window.is_loading()
    assert not window.has_clip()


def test_the_kept_source_stays_in_view_when_the_pane_is_resized(qtbot, window) -> None:
    window.resize(1600, 900)
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")
    source = window.raw_view.source
    first_kept = source.kept_block_ranges()[0][0]
    for left in (700, 450, 900):  # dragging the splitter: the lines wrap anew each time
        total = sum(window.splitter.sizes())
        window.splitter.setSizes([left, total - left])
        qtbot.waitUntil(lambda left=left: abs(source.width() - left) < 40, timeout=TIMEOUT)
        QApplication.processEvents()
        top = source.firstVisibleBlock().blockNumber()
        assert first_kept - 3 <= top <= first_kept, (left, top, first_kept)
