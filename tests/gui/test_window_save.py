"""Saving as a person does: Ctrl+S, edits, duplicates, unsaved changes, save as, copy."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
from helpers.dialogs import answer_dialog, click_button, click_standard
from helpers.pages import REFERENCE, article_page
from helpers.window import TIMEOUT, drop, png_bytes, press, type_at_end, wait_idle, wait_loaded
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def library() -> Path:
    return Path(os.environ["CLIPPER_LIBRARY"])


def clips(library: Path) -> list[Path]:
    return sorted(library.glob("*.md")) if library.is_dir() else []


def load_reference(qtbot, window) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")


def save_with_keys(qtbot, window) -> None:
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT):
        press(qtbot, window, Qt.Key.Key_S, CTRL)


def test_ctrl_s_saves_the_clip_into_the_library(qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    save_with_keys(qtbot, window)
    [path] = clips(library)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    assert 'title: "Russia says it wants to help start Afghan peace talks as fighting rages"' \
        in text
    assert "source: \"https://www.devdiscourse.com/article/headlines/1650283" in text
    assert 'author: "Reuters"' in text
    assert "published: 2021-07-16" in text
    assert "\n# Russia says it wants to help start Afghan peace talks as fighting rages\n" in text
    assert "I would like to confirm Russia's interest in facilitating dialogue" in text
    assert "TRENDING" not in text
    assert window.status.saved_text() == f"Saved to {path.name}"
    assert not window.is_dirty()
    window.status.open_folder_button.click()
    assert window.opened_urls == [f"file://{library}"]


def test_edits_to_the_markdown_and_title_are_what_is_saved(qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    window.form.title.setFocus()
    window.form.title.selectAll()
    qtbot.keyClicks(window.form.title, "Moscow offers to host Afghan talks")
    window.article.tabs.setCurrentIndex(1)
    editor = window.article.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "My note: compare with the Tass report.")
    assert window.is_dirty()
    assert window.windowTitle().startswith("Moscow offers to host Afghan talks")
    # the preview follows the editor and the title field
    window.article.tabs.setCurrentIndex(0)
    assert "My note: compare with the Tass report." in window.article.preview_text()
    assert window.article.preview_text().startswith("Moscow offers to host Afghan talks")
    save_with_keys(qtbot, window)
    [path] = clips(library)
    assert path.name == "Moscow offers to host Afghan talks.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Moscow offers to host Afghan talks"' in text
    assert "\n# Moscow offers to host Afghan talks\n" in text
    assert text.rstrip().endswith("My note: compare with the Tass report.")
    assert not window.is_dirty()

    # a second edit goes back into the same file: no second clip
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Second thought.")
    window.form.tags.setText("news, russia")
    window.form.tags.textEdited.emit("news, russia")
    save_with_keys(qtbot, window)
    assert clips(library) == [path]
    text = path.read_text(encoding="utf-8")
    assert text.rstrip().endswith("Second thought.")
    assert '  - "news"\n  - "russia"' in text
    assert window.status.saved_text() == f"Updated {path.name}"


def test_a_duplicate_asks_and_can_save_a_new_version(qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    save_with_keys(qtbot, window)
    load_reference(qtbot, window)
    seen = answer_dialog(qtbot, click_button("Save as New Version"))
    save_with_keys(qtbot, window)
    assert "already in your library" in seen[0]
    assert len(clips(library)) == 2


def test_a_duplicate_can_replace_the_old_clip_which_is_kept_as_backup(
        qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    save_with_keys(qtbot, window)
    [first] = clips(library)
    load_reference(qtbot, window)
    type_at_end(qtbot, window.form.author, " staff")
    answer_dialog(qtbot, click_button("Replace"))
    save_with_keys(qtbot, window)
    assert clips(library) == [first]
    assert 'author: "Reuters staff"' in first.read_text(encoding="utf-8")
    backups = [p for p in library.rglob("*.md") if p != first]
    assert backups, "the replaced clip must be kept"
    assert 'author: "Reuters"\n' in backups[0].read_text(encoding="utf-8")


def test_a_duplicate_can_open_the_existing_clip(qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    window.form.site.setText("Saved site name")
    window.form.site.textEdited.emit("Saved site name")
    save_with_keys(qtbot, window)
    [path] = clips(library)
    load_reference(qtbot, window)
    assert window.form.site.text() == "Devdiscourse"
    answer_dialog(qtbot, click_button("Open Existing"))
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: window.form.site.text() == "Saved site name", timeout=TIMEOUT)
    assert "Opened" in window.status.loaded_text()
    # now Ctrl+S writes edits back to that file
    type_at_end(qtbot, window.form.author, " (desk)")
    save_with_keys(qtbot, window)
    assert clips(library) == [path]
    assert 'author: "Reuters (desk)"' in path.read_text(encoding="utf-8")


def test_cancelling_the_duplicate_question_writes_nothing(qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    save_with_keys(qtbot, window)
    load_reference(qtbot, window)
    seen = answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Cancel))
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: bool(seen) and not window.is_saving(), timeout=TIMEOUT)
    assert len(clips(library)) == 1
    assert window.status.loaded_text() == "Not saved"


def test_loading_another_page_asks_about_unsaved_edits(qtbot, window, library: Path,
                                                       tmp_path: Path) -> None:
    other = tmp_path / "other.html"
    other.write_text(article_page("Other article"), encoding="utf-8")
    load_reference(qtbot, window)
    type_at_end(qtbot, window.form.author, " and staff")
    # Cancel: nothing happens
    answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Cancel))
    window.load_argument(str(other))
    assert not window.is_loading()
    assert window.form.author.text() == "Reuters and staff"
    # Save: the clip is saved, then the other page loads
    answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Save))
    window.load_argument(str(other))
    wait_loaded(qtbot, window, "Other article")
    [path] = clips(library)
    assert 'author: "Reuters and staff"' in path.read_text(encoding="utf-8")


def test_quitting_with_unsaved_edits_asks(qtbot, window) -> None:
    load_reference(qtbot, window)
    type_at_end(qtbot, window.form.author, "!")
    seen = answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Cancel))
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    assert seen
    assert "before quitting" in seen[0]
    assert window.isVisible()
    answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Discard))
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()


def test_an_unwritable_library_is_reported_and_nothing_is_lost(
        qtbot, window, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLIPPER_LIBRARY", str(blocker / "library"))
    load_reference(qtbot, window)
    type_at_end(qtbot, window.form.author, " desk")
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=TIMEOUT)
    assert "library" in window.message_bar.text().lower()
    assert window.form.author.text() == "Reuters desk"
    assert window.is_dirty()
    assert window.actions_.save.isEnabled()


def test_saving_the_queue_moves_on_to_the_next_page(qtbot, window, library: Path,
                                                    tmp_path: Path) -> None:
    second = tmp_path / "second.html"
    second.write_text(article_page("Second article"), encoding="utf-8")
    drop(window, paths=[REFERENCE, second])
    wait_loaded(qtbot, window, "Russia says")
    save_with_keys(qtbot, window)
    wait_loaded(qtbot, window, "Second article")
    save_with_keys(qtbot, window)
    assert len(clips(library)) == 2


def test_save_as_writes_a_markdown_file_where_asked(qtbot, window, tmp_path: Path,
                                                    monkeypatch) -> None:
    target = tmp_path / "elsewhere" / "my clip"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "Markdown (*.md)"))
    load_reference(qtbot, window)
    press(qtbot, window, Qt.Key.Key_S, CTRL | SHIFT)
    written = target.with_suffix(".md")
    qtbot.waitUntil(written.exists, timeout=TIMEOUT)
    wait_idle(qtbot, window)
    text = written.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ")
    assert "Lavrov was speaking" in text
    assert window.status.saved_text() == "Saved as my clip.md"


def test_ctrl_shift_c_copies_the_markdown_with_front_matter(qtbot, window) -> None:
    load_reference(qtbot, window)
    type_at_end(qtbot, window.form.tags, ", world")
    press(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    text = QApplication.clipboard().text()
    assert text.startswith("---\ntitle: \"Russia says")
    assert '  - "world"' in text
    assert "\n# Russia says it wants" in text
    assert "Tashkent" in text


def test_saved_images_are_shown_from_the_clip_folder(qtbot, window, library: Path,
                                                     http_server) -> None:
    page = article_page("Harbour photos").replace(
        "</h1>", "</h1><figure><img src='/img/pier.png' alt='The pier'></figure>")
    http_server.route("/story", page)
    http_server.route("/img/pier.png", png_bytes(64, 48), content_type="image/png")
    window.load_argument(http_server.url("/story"))
    wait_loaded(qtbot, window, "Harbour photos")
    assert http_server.requests_to("/img/pier.png") == []  # nothing fetched to show the page
    save_with_keys(qtbot, window)
    [path] = clips(library)
    assets = path.with_name(path.stem + ".assets")
    [picture] = list(assets.iterdir())
    # the editor now holds what the file holds: the image points into the assets folder
    assert f"{assets.name}/{picture.name}" in window.article.markdown().replace("%20", " ")
    assert window.article.preview.has_image(f"{assets.name}/{picture.name}")
    assert not window.is_dirty()


def test_images_that_could_not_be_saved_are_named(qtbot, window, library: Path,
                                                  http_server) -> None:
    page = article_page("Harbour photos").replace(
        "</h1>", "</h1><p><img src='/img/pier.png' alt='pier'><img src='/img/gone.png' alt='gone'>"
                 "<img src='/img/lost.jpg' alt='lost'></p>")
    http_server.route("/story", page)
    http_server.route("/img/pier.png", png_bytes(64, 48), content_type="image/png")
    window.load_argument(http_server.url("/story"))
    wait_loaded(qtbot, window, "Harbour photos")
    save_with_keys(qtbot, window)
    bar = window.message_bar
    assert bar.level == "warning"
    assert bar.text().startswith("2 images could not be downloaded")
    assert "gone.png" in bar.text()
    assert "lost.jpg" in bar.text()
    assert "pier" not in bar.text()
    assert bar.findChild(QLabel, "messageText").toolTip().splitlines() == [
        http_server.url("/img/gone.png"), http_server.url("/img/lost.jpg")]
    [path] = clips(library)
    assert http_server.url("/img/gone.png") in path.read_text(encoding="utf-8")


def test_the_same_address_with_tracking_parameters_is_recognised(
        qtbot, window, library: Path, http_server) -> None:
    # The second address serves other text: only the normalised address makes it the same.
    http_server.route("/story", article_page("Harbour budget approved"))
    tracked = "/story?utm_source=newsletter&utm_medium=email&fbclid=abc123"
    http_server.route(tracked, article_page("Harbour budget approved").replace(
        "The council met", "Councillors gathered").replace("residents", "neighbours"))
    window.load_argument(http_server.url("/story"))
    wait_loaded(qtbot, window, "Harbour budget")
    save_with_keys(qtbot, window)
    [first] = clips(library)
    assert f'source: "{http_server.url("/story")}"' in first.read_text(encoding="utf-8")

    window.load_argument(http_server.url(tracked))
    wait_loaded(qtbot, window, "Harbour budget")
    assert "Councillors gathered" in window.article.markdown()
    # Replace: the new text goes under the old name, the old file is kept as a backup
    seen = answer_dialog(qtbot, click_button("Replace"))
    save_with_keys(qtbot, window)
    assert seen == [f"This article is already in your library as “{first.name}”."]
    assert clips(library) == [first]
    text = first.read_text(encoding="utf-8")
    assert "Councillors gathered" in text
    assert "utm_source" not in text  # saved without the tracking
    assert "fbclid" not in text
    [backup] = list((library / ".clipper-backups").rglob("*.md"))
    assert "The council met" in backup.read_text(encoding="utf-8")
    # the library pane lists the one clip, not the backup
    qtbot.waitUntil(lambda: window.library_pane.titles() == ["Harbour budget approved"],
                    timeout=TIMEOUT)

    # Open Existing: the clip from the library is shown in the editor
    window.load_argument(http_server.url("/story?utm_campaign=spring"))
    wait_loaded(qtbot, window, "Harbour budget")
    assert "The council met" in window.article.markdown()
    answer_dialog(qtbot, click_button("Open Existing"))
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "Councillors gathered" in window.article.markdown(),
                    timeout=TIMEOUT)
    assert window.status.saved_text() == f"Opened {first.name}"
    assert window.library_pane.current_path() == first
    assert clips(library) == [first]


def test_the_save_button_saves_and_is_enabled_only_with_an_article(
        qtbot, window, library: Path) -> None:
    button = window.save_button
    assert not button.isEnabled()
    assert "Ctrl+S" in button.toolTip()
    load_reference(qtbot, window)
    assert button.isVisible()
    assert button.isEnabled()
    assert button.text() == "Save to Library"
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(clips(library)) == 1


def test_an_opened_clip_with_spaces_in_its_name_shows_its_images(
        qtbot, window, library: Path) -> None:
    from clipper.gui.widgets.safe_browser import placeholder_image
    from clipper.library import render_clip
    from clipper.models import Clip

    library.mkdir()
    name = "Tom & Jerry: 100% (café) notes"
    assets = library / f"{name}.assets"
    assets.mkdir()
    (assets / "ab12.png").write_bytes(png_bytes(64, 48))
    (assets / "unused.png").write_bytes(png_bytes(8, 8))
    link = quote(assets.name, safe="") + "/ab12.png"
    assert "%20" in link
    path = library / f"{name}.md"
    path.write_text(render_clip(Clip(title=name, body=f"Before.\n\n![The pier]({link})\n\n"
                                     "![Escape](../../etc/passwd.png)\n\nAfter.\n")),
                    encoding="utf-8")
    window.open_clip(path)
    qtbot.waitUntil(lambda: window.form.title.text() == name, timeout=TIMEOUT)
    preview = window.article.preview
    image = QTextDocument.ResourceType.ImageResource.value
    shown = preview.loadResource(image, QUrl(link))
    assert isinstance(shown, QImage)
    assert shown.width() == 64
    assert preview.has_image(f"{name}.assets/ab12.png")
    assert not preview.has_image(f"{name}.assets/unused.png")  # only what the clip shows
    assert preview.loadResource(image, QUrl("../../etc/passwd.png")) is placeholder_image()
    # and it is painted: the preview's pixels include the image's blue
    window.article.tabs.setCurrentIndex(0)
    picture = preview.viewport().grab().toImage()
    blue = QColor("#3366cc").rgb()
    assert any(picture.pixel(x, y) == blue for x in range(0, picture.width(), 4)
               for y in range(0, picture.height(), 4))


def gate(http_server, path: str, body: bytes | str, content_type: str) -> threading.Event:
    """Serve ``path`` only once the returned event is set (so the test decides when)."""
    release = threading.Event()

    def answer(request) -> None:
        while not release.is_set():
            if not request.wait(0.02):
                return
        request.reply(body, content_type=content_type)

    http_server.route(path, handler=answer)
    return release


def test_edits_made_while_a_page_loads_are_not_thrown_away(qtbot, window, http_server,
                                                           library: Path) -> None:
    load_reference(qtbot, window)
    release = gate(http_server, "/next", article_page("Ferry timetable changes"),
                   "text/html; charset=utf-8")
    window.load_argument(http_server.url("/next"))  # nothing edited yet: no question
    qtbot.waitUntil(window.is_loading, timeout=TIMEOUT)
    type_at_end(qtbot, window.form.author, " and staff")  # meanwhile, an edit
    seen = answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Cancel))
    release.set()
    qtbot.waitUntil(lambda: bool(seen) and not window.is_loading(), timeout=TIMEOUT)
    assert "before showing the page just loaded" in seen[0]
    assert window.form.author.text() == "Reuters and staff"  # kept, still to be saved
    assert window.form.title.text().startswith("Russia says")
    assert window.is_dirty()
    # the next time, Save: the edits go to the library, then the new page shows
    answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Save))
    press(qtbot, window, Qt.Key.Key_F5)
    wait_loaded(qtbot, window, "Ferry timetable changes")
    [path] = clips(library)
    assert 'author: "Reuters and staff"' in path.read_text(encoding="utf-8")


def test_quitting_while_a_clip_is_saved_waits_for_the_save(qtbot, window, http_server,
                                                           library: Path) -> None:
    page = article_page("Pier photos").replace("</h1>", "</h1><p><img src='/pier.png'></p>")
    http_server.route("/story", page)
    release = gate(http_server, "/pier.png", png_bytes(), "image/png")
    window.load_argument(http_server.url("/story"))
    wait_loaded(qtbot, window, "Pier photos")
    press(qtbot, window, Qt.Key.Key_S, CTRL)  # the image download holds the save up
    qtbot.waitUntil(lambda: bool(http_server.requests_to("/pier.png")), timeout=TIMEOUT)
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    assert window.isVisible()  # not closed yet
    assert window.is_saving()  # not cancelled
    assert "once the clip is saved" in window.status.loaded_text()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    [path] = clips(library)
    assert ".assets/" in path.read_text(encoding="utf-8")  # with its image


def test_typing_a_title_does_not_render_the_preview_at_every_key(qtbot, window) -> None:
    load_reference(qtbot, window)
    assert window.article.tabs.currentIndex() == 0  # the preview is what is shown
    preview = window.article.preview
    rendered: list[str] = []
    show_markdown = preview.show_markdown

    def counting(text: str) -> None:
        rendered.append(text)
        show_markdown(text)

    preview.show_markdown = counting
    type_at_end(qtbot, window.form.title, " today")
    qtbot.waitUntil(lambda: preview.toPlainText().startswith(
        "Russia says it wants to help start Afghan peace talks as fighting rages today"),
        timeout=TIMEOUT)
    assert len(rendered) == 1  # once typing paused, not six times
