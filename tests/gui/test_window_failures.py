"""Every failure a person can hit is said in the window, in words, with what to do.

Each background task is made to fail (its job raises) and the step that runs it is taken
as a person takes it; the message bar must then say so. Programs that are not there
(no file manager, no browser), a library path that is a file, and a page whose markup
broke the rendering are said too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.dialogs import answer_dialog, click_button, run_modal
from helpers.pages import REFERENCE, article_page
from helpers.window import TIMEOUT, press, wait_idle, wait_loaded
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from clipper.gui import jobs, tasks
from clipper.gui.dialogs.settings_dialog import SettingsDialog
from clipper.library import render_clip
from clipper.models import Clip

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
BOOM = "the disk caught fire"


@pytest.fixture
def library() -> Path:
    return Path(os.environ["CLIPPER_LIBRARY"])


def a_clip_in(library: Path) -> Path:
    library.mkdir(parents=True, exist_ok=True)
    path = library / "pier.md"
    path.write_text(render_clip(Clip(title="Harbour pier repairs", body="Engineers came.\n",
                                     created="2024-03-01T10:00:00+00:00")), encoding="utf-8")
    return path


def load_reference(qtbot, window) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")


def open_first_clip(qtbot, window, library: Path) -> None:
    path = a_clip_in(library)
    window.library_pane.request_sync()  # the folder was made after the pane started
    qtbot.waitUntil(lambda: window.library_pane.select_path(path), timeout=TIMEOUT)
    window.library_pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.saved_path == path, timeout=TIMEOUT)


# How a person starts each background task: (job that fails, steps, words expected).
def step_load(qtbot, window, library, monkeypatch) -> None:
    window.open_arguments([str(REFERENCE)])


def step_raw_view(qtbot, window, library, monkeypatch) -> None:
    window.open_arguments([str(REFERENCE)])


def step_save(qtbot, window, library, monkeypatch) -> None:
    load_reference(qtbot, window)
    press(qtbot, window, Qt.Key.Key_S, CTRL)


def step_update(qtbot, window, library, monkeypatch) -> None:
    open_first_clip(qtbot, window, library)
    window.article.tabs.setCurrentIndex(1)
    window.article.editor.setFocus()
    qtbot.keyClicks(window.article.editor, "More. ")
    press(qtbot, window, Qt.Key.Key_S, CTRL)


def step_save_as(qtbot, window, library, monkeypatch) -> None:
    load_reference(qtbot, window)
    target = library.parent / "elsewhere.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    press(qtbot, window, Qt.Key.Key_S, CTRL | SHIFT)


def step_open_clip(qtbot, window, library, monkeypatch) -> None:
    path = a_clip_in(library)
    window.library_pane.request_sync()  # the folder was made after the pane started
    qtbot.waitUntil(lambda: window.library_pane.select_path(path), timeout=TIMEOUT)
    window.library_pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)


def step_images(qtbot, window, library, monkeypatch) -> None:
    load_reference(qtbot, window)
    window.actions_.load_images.trigger()


def step_list(qtbot, window, library, monkeypatch) -> None:
    a_clip_in(library)
    window.library_pane.refresh()


def step_sync(qtbot, window, library, monkeypatch) -> None:
    a_clip_in(library)
    window.library_pane.request_sync()


def step_delete(qtbot, window, library, monkeypatch) -> None:
    path = a_clip_in(library)
    window.library_pane.request_sync()  # the folder was made after the pane started
    qtbot.waitUntil(lambda: window.library_pane.select_path(path), timeout=TIMEOUT)
    answer_dialog(qtbot, click_button("Move to Trash"))
    window.library_pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Delete)


FLOWS: list[tuple[str, str, Callable[..., None]]] = [
    ("load_page", "loading the page", step_load),
    ("prepare_raw_view", "preparing the page", step_raw_view),
    ("save_to_library", "saving the clip", step_save),
    ("update_in_library", "saving the clip", step_update),
    ("write_markdown_file", "saving the clip", step_save_as),
    ("read_from_library", "opening the clip", step_open_clip),
    ("fetch_images", "loading images", step_images),
    ("list_library", "listing the library", step_list),
    ("sync_library", "reading the library", step_sync),
    ("delete_from_library", "moving the clip to the trash", step_delete),
]


@pytest.mark.parametrize(("job", "doing", "step"), FLOWS, ids=[f[0] for f in FLOWS])
def test_every_background_task_failure_is_said_in_the_window(
        qtbot, window_factory, library: Path, monkeypatch, job: str, doing: str,
        step: Callable[..., None]) -> None:
    def fails(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError(BOOM)

    window = window_factory()
    qtbot.waitUntil(window.library_pane.is_ready, timeout=TIMEOUT)
    monkeypatch.setattr(jobs, job, fails)
    step(qtbot, window, library, monkeypatch)
    qtbot.waitUntil(lambda: BOOM in window.message_bar.text(), timeout=TIMEOUT)
    text = window.message_bar.text()
    assert window.message_bar.isVisible()
    assert doing in text
    assert "Try again" in text  # what to do
    wait_idle(qtbot, window)


def test_a_task_without_its_own_handler_is_said_in_the_window_too(qtbot, window) -> None:
    def work(cancel, progress):  # type: ignore[no-untyped-def]
        raise RuntimeError(BOOM)

    tasks.run_in_background(work, on_done=lambda _result: None, name="checking the cache")
    qtbot.waitUntil(lambda: BOOM in window.message_bar.text(), timeout=TIMEOUT)
    assert "checking the cache" in window.message_bar.text()


def test_a_result_that_cannot_be_shown_is_said_too(qtbot, window) -> None:
    def show(_result: object) -> None:
        raise ValueError("Empty tag name")

    tasks.run_in_background(lambda cancel, progress: 1, on_done=show,
                            on_error=lambda e: window.session.failed(f"Shown: {e}"))
    qtbot.waitUntil(lambda: "Empty tag name" in window.message_bar.text(), timeout=TIMEOUT)


def test_a_page_with_an_attribute_named_like_a_namespace_renders(qtbot, window,
                                                                  tmp_path: Path) -> None:
    page = tmp_path / "forum.html"
    page.write_text(article_page("Forum thread about the pier").replace(
        "<article>", "<article><div {count}='3' class='post'>").replace(
        "</article>", "</div></article>"), encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Forum thread about the pier")
    window.raw_view.tabs.setCurrentIndex(1)
    assert "The council met on Tuesday" in window.raw_view.page.toPlainText()
    assert not window.message_bar.isVisible()


@pytest.mark.parametrize("how", ["reveal", "open_folder", "link"])
def test_when_no_program_can_open_something_the_window_says_so(
        qtbot, window, library: Path, monkeypatch, how: str) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    from clipper.gui import reveal

    monkeypatch.setattr(reveal, "_show_items", lambda *args, **kwargs: False)  # no D-Bus
    if how == "reveal":
        path = a_clip_in(library)
        qtbot.waitUntil(lambda: window.library_pane.select_path(path), timeout=TIMEOUT)
        window.library_pane.reveal_action.trigger()
        expected = "No program could open the folder"
    elif how == "open_folder":
        load_reference(qtbot, window)
        with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT):
            press(qtbot, window, Qt.Key.Key_S, CTRL)
        window.status.open_folder_button.click()
        expected = "No program could open the folder"
    else:
        load_reference(qtbot, window)
        window.article.preview.anchorClicked.emit(QUrl("https://example.com/more"))
        expected = "No program could open https://example.com/more"
    assert window.message_bar.isVisible()
    assert expected in window.message_bar.text()
    assert "settings" in window.message_bar.text()  # what to do


@pytest.mark.parametrize("kind", ["file", "read-only"])
def test_settings_refuse_a_library_that_is_not_a_writable_folder(
        qtbot, window, tmp_path: Path, monkeypatch, kind: str) -> None:
    if kind == "file":
        bad = tmp_path / "notes.txt"
        bad.write_text("not a folder", encoding="utf-8")
        expected = "is a file, not a folder"
    else:
        if os.geteuid() == 0:
            import clipper.settings as settings_module

            monkeypatch.setattr(settings_module.os, "access", lambda path, mode: False)
        bad = tmp_path / "locked"
        bad.mkdir()
        bad.chmod(0o500)
        expected = "cannot write in"
    seen: list[str] = []

    def choose(dialog: SettingsDialog) -> None:
        dialog.library.setText(str(bad))
        dialog.accept()  # OK: refused, the dialog stays
        seen.append(dialog.problem.text() if dialog.problem.isVisible() else "")
        dialog.reject()

    run_modal(qtbot, SettingsDialog, choose)
    settings_file = Path(os.environ["CLIPPER_CONFIG_DIR"]) / "settings.json"
    before = settings_file.read_bytes() if settings_file.exists() else None
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert expected in seen[0]
    assert (settings_file.read_bytes() if settings_file.exists() else None) == before
    assert "Settings saved" not in window.status.loaded_text()
