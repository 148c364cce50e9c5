"""What the window shows is never stale or wrong, and its questions default to the safe
answer (issue 12), checked as a person meets them."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from helpers.dialogs import answer_dialog, click_button, click_standard, run_modal
from helpers.pages import REFERENCE, article_page
from helpers.window import TIMEOUT, press, type_at_end, wait_idle, wait_loaded
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

CTRL = Qt.KeyboardModifier.ControlModifier
KEYS = ["title", "source", "author", "published", "created", "site", "description", "lang",
        "tags", "snapshot", "body_hash"]  # the last two: the page kept with it (issue 15)


@pytest.fixture
def library() -> Path:
    return Path(os.environ["CLIPPER_LIBRARY"])


def clips(library: Path) -> list[Path]:
    return sorted(library.glob("*.md")) if library.is_dir() else []


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def save(qtbot, window) -> Path:
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    return Path(saved.args[0])


def load_reference(qtbot, window) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")


def paste_html(qtbot, window, html: str) -> None:
    mime = QMimeData()
    mime.setHtml(html)
    QApplication.clipboard().setMimeData(mime)
    window.url_bar.load_button.setFocus()
    press(qtbot, window, Qt.Key.Key_V, CTRL)


# -- what is saved -------------------------------------------------------------------------


def test_every_clip_has_the_same_keys_and_created_is_when_it_was_first_saved(
        qtbot, window, library: Path, tmp_path: Path) -> None:
    page = tmp_path / "bare.html"
    page.write_text(article_page("A page with no author").replace("lang='en'", ""),
                    encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "A page with no author")
    loaded_at = datetime.now().astimezone()
    qtbot.wait(1100)  # a second later: created is the save's time, not the load's
    path = save(qtbot, window)
    data = front_matter(path)
    assert list(data) == KEYS
    assert data["author"] is None
    assert data["published"] is None
    created = datetime.fromisoformat(str(data["created"]))
    assert created > loaded_at.replace(microsecond=0)
    # an edit saved later keeps the first save's time
    type_at_end(qtbot, window.form.author, "Ann Writer")
    save(qtbot, window)
    assert front_matter(path)["created"] == data["created"]
    assert front_matter(path)["author"] == "Ann Writer"


def test_tags_typed_with_spaces_are_saved_as_shown(qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    window.form.tags.setFocus()
    window.form.tags.selectAll()
    qtbot.keyClicks(window.form.tags, "air quality, India/Delhi")
    assert window.form.tags.text() == "air-quality, India/Delhi"  # as typed
    path = save(qtbot, window)
    assert front_matter(path)["tags"] == ["air-quality", "India/Delhi"]
    assert window.form.tags.text() == "air-quality, India/Delhi"  # unchanged by saving


# -- the state shown -------------------------------------------------------------------------


def test_notices_go_when_another_clip_is_opened(qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    path = save(qtbot, window)
    window.session.failed("Something went wrong with the previous clip.")
    window.session.informed("A warning about the previous clip.", "warning")
    assert window.message_bar.isVisible()
    window.open_clip(path)
    qtbot.waitUntil(lambda: window.status.loaded_text() == "Opened from the library",
                    timeout=TIMEOUT)
    assert not window.message_bar.isVisible()


def test_pasted_html_empties_the_address_and_is_titled_by_its_first_heading(
        qtbot, window) -> None:
    load_reference(qtbot, window)
    assert window.url_bar.text() == str(REFERENCE)
    body = "".join(f"<p>{s} The pier needs repairs before the summer season starts.</p>"
                   for s in ("First.", "Second.", "Third.", "Fourth."))
    paste_html(qtbot, window, f"<h2>Harbour works begin</h2>{body}")
    wait_loaded(qtbot, window, "Harbour works begin")
    assert window.url_bar.text() == ""  # not the previous file's path
    assert window.form.title.text() == "Harbour works begin"
    assert window.windowTitle().startswith("Harbour works begin")


def test_the_source_of_pasted_html_can_be_set_and_resolves_its_links(
        qtbot, window, library: Path) -> None:
    body = "".join(f"<p>Paragraph {i}: the pier needs repairs before the summer season, "
                   f"see <a href='/notes/{i}'>note {i}</a>.</p>" for i in range(5))
    paste_html(qtbot, window, f"<h2>Harbour works begin</h2>{body}")
    wait_loaded(qtbot, window, "Harbour works begin")
    assert "](/notes/1)" in window.article.markdown()
    source = window.form.source
    source.setFocus()
    qtbot.keyClicks(source, "https://harbour.example/news/works")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "](https://harbour.example/notes/1)" in window.article.markdown(),
                    timeout=TIMEOUT)
    wait_loaded(qtbot, window, "Harbour works begin")
    path = save(qtbot, window)
    assert front_matter(path)["source"] == "https://harbour.example/news/works"
    assert "(https://harbour.example/notes/3)" in path.read_text(encoding="utf-8")


def test_an_empty_title_asks_for_one_before_saving(qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    window.form.title.setFocus()
    window.form.title.selectAll()
    press(qtbot, window, Qt.Key.Key_Delete)
    assert window.form.title.text() == ""
    asked: list[str] = []

    def cancel(dialog: QInputDialog) -> None:
        asked.append(dialog.textValue())
        dialog.reject()

    run_modal(qtbot, QInputDialog, cancel)
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    assert clips(library) == []  # cancelled: nothing written, no "Untitled.md"
    assert window.status.loaded_text() == "Not saved"

    def name_it(dialog: QInputDialog) -> None:
        dialog.setTextValue("Moscow offers talks")
        dialog.accept()

    run_modal(qtbot, QInputDialog, name_it)
    path = save(qtbot, window)
    assert path.name == "Moscow offers talks.md"
    assert window.form.title.text() == "Moscow offers talks"


def test_stopped_is_not_shown_while_the_next_page_downloads(qtbot, window,
                                                            http_server) -> None:
    http_server.route("/slow", article_page("Slow page"), delay=1.0)
    window.load_argument(http_server.url("/slow"))
    qtbot.waitUntil(window.is_loading, timeout=TIMEOUT)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.status.loaded_text() == "Stopped"
    window.load_argument(http_server.url("/slow"))
    assert window.is_loading()
    assert window.status.loaded_text() != "Stopped"
    wait_loaded(qtbot, window, "Slow page")


def test_the_window_title_names_what_is_shown_not_what_loads(qtbot, window,
                                                             http_server) -> None:
    load_reference(qtbot, window)
    http_server.route("/next", article_page("The next page"), delay=1.0)
    window.load_argument(http_server.url("/next"))
    qtbot.waitUntil(window.is_loading, timeout=TIMEOUT)
    assert window.windowTitle().startswith("Russia says")  # the old article is still shown
    wait_loaded(qtbot, window, "The next page")
    assert window.windowTitle().startswith("The next page")


def test_the_library_highlights_the_clip_shown_and_nothing_for_a_new_page(
        qtbot, window, library: Path, tmp_path: Path) -> None:
    load_reference(qtbot, window)
    path = save(qtbot, window)
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.current_path() == path, timeout=TIMEOUT)
    page = tmp_path / "other.html"
    page.write_text(article_page("Another article"), encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Another article")
    assert pane.current_path() is None
    assert not pane.view.selectionModel().hasSelection()


def test_not_saved_and_updated_are_never_shown_together(qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    path = save(qtbot, window)
    assert window.status.saved_text() == f"Saved to {path.name}"
    type_at_end(qtbot, window.form.author, " (desk)")
    path.write_text(path.read_text(encoding="utf-8") + "\nEdited elsewhere.\n",
                    encoding="utf-8")
    answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Cancel))
    press(qtbot, window, Qt.Key.Key_S, CTRL)  # "changed on disk": cancelled
    qtbot.waitUntil(lambda: window.status.loaded_text() == "Not saved", timeout=TIMEOUT)
    assert window.status.saved_text() == f"Not saved to {path.name}"
    assert window.isWindowModified()


# -- questions ---------------------------------------------------------------------------------


def test_enter_in_the_duplicate_question_opens_the_existing_clip(
        qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    first = save(qtbot, window)
    load_reference(qtbot, window)
    seen = answer_dialog(qtbot, lambda box: box.defaultButton().click())  # a reflex Enter
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: window.status.saved_text() == f"Opened {first.name}",
                    timeout=TIMEOUT)
    assert seen
    assert clips(library) == [first]


def test_versions_show_their_number_and_the_trash_question_names_the_file(
        qtbot, window, library: Path) -> None:
    load_reference(qtbot, window)
    first = save(qtbot, window)
    load_reference(qtbot, window)
    answer_dialog(qtbot, click_button("Save as New Version"))
    second = save(qtbot, window)
    assert second.name == f"{first.stem} (2).md"
    pane = window.library_pane
    title = "Russia says it wants to help start Afghan peace talks as fighting rages"

    def listed() -> bool:
        return sorted(pane.model.data(pane.model.index(row, 0))
                      for row in range(pane.model.rowCount())) == [title, f"{title} (2)"]

    qtbot.waitUntil(listed, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: pane.current_path() == second, timeout=TIMEOUT)
    seen = answer_dialog(qtbot, lambda box: seen_info.append(box.informativeText())
                         or click_standard(QMessageBox.StandardButton.Cancel)(box))
    seen_info: list[str] = []
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(seen_info), timeout=TIMEOUT)
    assert seen == [f"Move “{title}” to the trash?"]
    assert second.name in seen_info[0]
    assert second.exists()


def test_quitting_with_queued_pages_asks(qtbot, window, tmp_path: Path) -> None:
    pages = []
    for title in ("Queued one", "Queued two", "Queued three"):
        page = tmp_path / f"{title}.html"
        page.write_text(article_page(title), encoding="utf-8")
        pages.append(str(page))
    window.open_arguments(pages)
    wait_loaded(qtbot, window, "Queued one")
    seen = answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Cancel))
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert seen == ["2 pages are still waiting to be loaded."]
    assert window.isVisible()
    assert len(window.queued()) == 2
    answer_dialog(qtbot, click_button("Quit Anyway"))
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    wait_idle(qtbot, window)
    assert re.match(r"Queued one", window.form.title.text())
