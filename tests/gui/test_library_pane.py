"""The library pane as a person uses it: list, search, open, edit, delete, and files
changed behind Clipper's back."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers.dialogs import answer_dialog, click_button, click_standard, run_modal
from helpers.pages import REFERENCE, article_page, distinct_page
from helpers.window import TIMEOUT, png_bytes, press, wait_loaded
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from clipper.gui import jobs
from clipper.library import render_clip
from clipper.library.index import LibraryIndex, index_path
from clipper.models import Clip

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def library() -> Path:
    return Path(os.environ["CLIPPER_LIBRARY"])


def write_clip(library: Path, name: str, title: str, body: str, created: str,
               **extra: object) -> Path:
    library.mkdir(parents=True, exist_ok=True)
    path = library / f"{name}.md"
    path.write_text(render_clip(Clip(title=title, body=body, created=created,
                                     **extra)),  # type: ignore[arg-type]
                    encoding="utf-8")
    return path


@pytest.fixture
def three_clips(library: Path) -> dict[str, Path]:
    return {
        "pier": write_clip(library, "pier", "Harbour pier repairs",
                           "Engineers inspected the wooden piles of the old pier.\n",
                           "2024-03-01T10:00:00+00:00", site="Harbour Gazette"),
        "bread": write_clip(library, "bread", "Sourdough at home",
                            "Feed the starter twice a day; the crumb depends on hydration.\n",
                            "2024-02-01T10:00:00+00:00", site="Kitchen Notes"),
        "volcano": write_clip(library, "volcano", "Volcanoes of Iceland",
                              "Eyjafjallajökull erupted in 2010 and grounded flights.\n",
                              "2024-01-01T10:00:00+00:00", source="https://geo.example/v"),
    }


def pane_ready(qtbot, window) -> None:
    """Until the pane has listed the library and synced it with the folder."""
    pane = window.library_pane
    qtbot.waitUntil(pane.is_ready, timeout=TIMEOUT)


def wait_titles(qtbot, window, titles: list[str]) -> None:
    pane = window.library_pane

    def check() -> None:
        assert pane.titles() == titles, pane.titles()

    qtbot.waitUntil(check, timeout=TIMEOUT)



def save_page(qtbot, window, tmp_path: Path, title: str) -> Path:
    page = tmp_path / f"{title}.html"
    page.write_text(distinct_page(title), encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, title)
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    return Path(saved.args[0])


def test_an_empty_library_says_how_to_fill_it(qtbot, window) -> None:
    assert window.library_dock.isVisible()
    pane_ready(qtbot, window)
    assert window.library_pane.empty_text() == (
        "No clips yet\nCtrl+S saves the article you're reading.")


def test_saved_clips_are_listed_newest_first_the_new_one_selected(
        qtbot, window, tmp_path: Path) -> None:
    pane = window.library_pane
    pane_ready(qtbot, window)
    first = save_page(qtbot, window, tmp_path, "Ferry timetable changes")
    wait_titles(qtbot, window, ["Ferry timetable changes"])
    second = save_page(qtbot, window, tmp_path, "Pier repairs delayed")
    wait_titles(qtbot, window, ["Pier repairs delayed", "Ferry timetable changes"])
    qtbot.waitUntil(lambda: pane.current_path() == second, timeout=TIMEOUT)
    assert first != second
    assert pane.empty_text() == ""
    assert pane.count.text() == "2 clips"
    # the saved library folder did not exist at start: it is watched from now on
    qtbot.waitUntil(lambda: str(first.parent) in pane.watcher.watched(), timeout=TIMEOUT)


def test_search_as_you_type_then_enter_opens_and_ctrl_s_saves_back(
        qtbot, window_factory, three_clips: dict[str, Path]) -> None:
    window = window_factory()
    pane = window.library_pane
    wait_titles(qtbot, window, ["Harbour pier repairs", "Sourdough at home",
                                "Volcanoes of Iceland"])
    press(qtbot, window, Qt.Key.Key_K, CTRL)
    assert QApplication.focusWidget() is pane.search
    qtbot.keyClicks(pane.search, "hydration")
    wait_titles(qtbot, window, ["Sourdough at home"])
    [match] = pane.model.clips()
    assert match.snippet[match.highlights[0][0]:match.highlights[0][1]] == "hydration"
    assert pane.count.text() == "1 match"
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.form.title.text() == "Sourdough at home", timeout=TIMEOUT)
    assert "Feed the starter" in window.article.markdown()
    assert not window.is_dirty()
    # edit, Ctrl+S: the same file changes, no new clip appears
    editor = window.article.editor
    window.article.tabs.setCurrentIndex(1)
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "Rye flour ferments faster.")
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT):
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    path = three_clips["bread"]
    assert "Rye flour ferments faster." in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in path.parent.glob("*.md")) == ["bread.md", "pier.md",
                                                               "volcano.md"]
    assert window.status.saved_text() == "Updated bread.md"
    # the index follows: the new words are found
    pane.search.setText("rye")
    wait_titles(qtbot, window, ["Sourdough at home"])
    pane.search.setText("nothing-like-this")
    qtbot.waitUntil(lambda: pane.empty_text() == "No clips match “nothing-like-this”.",
                    timeout=TIMEOUT)


def test_search_finds_titles_sites_and_folded_letters(
        qtbot, window_factory, three_clips: dict[str, Path]) -> None:
    window = window_factory()
    pane = window.library_pane
    pane_ready(qtbot, window)
    for query, titles in [("kitchen", ["Sourdough at home"]), ("pier", ["Harbour pier repairs"]),
                          ("eyjafjallajokull", ["Volcanoes of Iceland"]),
                          ("volc", ["Volcanoes of Iceland"])]:
        pane.search.setText(query)
        wait_titles(qtbot, window, titles)
    # the arrow keys move through results while the focus stays in the field
    pane.search.setText("the")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=TIMEOUT)
    pane.focus_search()
    assert pane.view.currentIndex().row() == 0
    press(qtbot, window, Qt.Key.Key_Down)
    assert pane.view.currentIndex().row() == 1
    assert QApplication.focusWidget() is pane.search
    # Esc clears the search (the window's Esc would stop loading) and lists everything again
    press(qtbot, window, Qt.Key.Key_Escape)
    assert pane.search.text() == ""
    wait_titles(qtbot, window, ["Harbour pier repairs", "Sourdough at home",
                                "Volcanoes of Iceland"])


def test_a_stale_search_result_is_dropped(qtbot, window_factory,
                                          three_clips: dict[str, Path]) -> None:
    window = window_factory()
    pane = window.library_pane
    pane_ready(qtbot, window)
    pane.search.setText("pier")
    wait_titles(qtbot, window, ["Harbour pier repairs"])
    late = jobs.Listing(pane.model.clips()[:0], "pie")  # answer to what was typed before
    pane._on_listed(pane._holder, late)
    assert pane.titles() == ["Harbour pier repairs"]


def test_files_changed_behind_clippers_back_show_up(
        qtbot, window_factory, library: Path, three_clips: dict[str, Path]) -> None:
    window = window_factory()
    pane = window.library_pane
    pane_ready(qtbot, window)
    qtbot.waitUntil(lambda: str(three_clips["pier"]) in pane.watcher.watched(), timeout=TIMEOUT)
    # created by another program, in a sub-folder made for it
    (library / "notes").mkdir()
    qtbot.waitUntil(lambda: str(library / "notes") in pane.watcher.watched(), timeout=TIMEOUT)
    write_clip(library / "notes", "new", "Tidal energy trial", "Turbines in the strait.\n",
               "2024-04-01T10:00:00+00:00")
    wait_titles(qtbot, window, ["Tidal energy trial", "Harbour pier repairs",
                                "Sourdough at home", "Volcanoes of Iceland"])
    # edited in place (same file, same inode), as many editors save
    path = three_clips["bread"]
    text = path.read_text(encoding="utf-8").replace("Sourdough at home", "Rye bread at home")
    with path.open("r+", encoding="utf-8") as handle:
        handle.write(text)
        handle.truncate()
    wait_titles(qtbot, window, ["Tidal energy trial", "Harbour pier repairs",
                                "Rye bread at home", "Volcanoes of Iceland"])
    # deleted
    three_clips["pier"].unlink()
    wait_titles(qtbot, window, ["Tidal energy trial", "Rye bread at home",
                                "Volcanoes of Iceland"])
    assert pane.count.text() == "3 clips"


def test_a_corrupt_index_is_rebuilt_quietly(qtbot, window_factory, library: Path,
                                            three_clips: dict[str, Path]) -> None:
    with LibraryIndex.open(library) as index:
        index.sync()
    db = index_path(library)
    db.write_bytes(b"this is not a database" * 100)
    window = window_factory()
    pane = window.library_pane
    progress_shown: list[bool] = []
    pane.progress.installEventFilter(_ShowSpy(progress_shown, pane.progress))
    wait_titles(qtbot, window, ["Harbour pier repairs", "Sourdough at home",
                                "Volcanoes of Iceland"])
    assert QApplication.activeModalWidget() is None  # no dialog about it
    assert progress_shown, "the rebuild shows its progress bar"
    assert pane.progress.isHidden()
    with LibraryIndex.open(library) as index:
        assert index.count() == 3


class _ShowSpy(QObject):
    def __init__(self, seen: list[bool], target: QObject) -> None:
        super().__init__(target)
        self._seen = seen

    def eventFilter(self, watched: QObject, event) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Show:
            self._seen.append(True)
        return False


def test_delete_moves_the_clip_to_the_trash(qtbot, window_factory, library: Path,
                                           three_clips: dict[str, Path], tmp_path: Path,
                                           monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    pier = three_clips["pier"]
    (library / "pier.assets").mkdir()
    (library / "pier.assets" / "a.png").write_bytes(b"png")
    window = window_factory()
    pane = window.library_pane
    pane_ready(qtbot, window)
    pane.select_path(pier)
    pane.view.setFocus()
    # Cancel: nothing happens
    seen = answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Cancel))
    press(qtbot, window, Qt.Key.Key_Delete)
    assert seen == ["Move “Harbour pier repairs” to the trash?"]
    assert pier.exists()
    # Move to Trash: the file and its images go to the trash, the list follows
    answer_dialog(qtbot, click_button("Move to Trash"))
    press(qtbot, window, Qt.Key.Key_Delete)
    wait_titles(qtbot, window, ["Sourdough at home", "Volcanoes of Iceland"])
    assert not pier.exists()
    assert not (library / "pier.assets").exists()
    trash = tmp_path / "data" / "Trash"
    assert (trash / "files" / "pier.md").is_file()
    assert (trash / "files" / "pier.assets" / "a.png").is_file()
    assert f"Path={pier}" in (trash / "info" / "pier.md.trashinfo").read_text()
    assert pane.current_path() == three_clips["bread"]  # Del again deletes the next one
    assert window.status.loaded_text() == "Moved “Harbour pier repairs” to the trash"


def test_deleting_the_open_clip_makes_ctrl_s_save_it_anew(
        qtbot, window_factory, library: Path, three_clips: dict[str, Path], tmp_path: Path,
        monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window = window_factory()
    pane = window.library_pane
    pane_ready(qtbot, window)
    volcano = three_clips["volcano"]
    window.open_clip(volcano)
    qtbot.waitUntil(lambda: window.form.title.text() == "Volcanoes of Iceland",
                    timeout=TIMEOUT)
    assert pane.current_path() == volcano  # the opened clip is selected in the list
    answer_dialog(qtbot, click_button("Move to Trash"))
    pane.delete_action.trigger()
    qtbot.waitUntil(lambda: not volcano.exists(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "moved to the trash" in window.message_bar.text(), timeout=TIMEOUT)
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    again = Path(saved.args[0])
    assert again.read_text(encoding="utf-8").count("Eyjafjallajökull") == 1
    # it keeps the time it was first clipped, so it goes back to its place in the list
    wait_titles(qtbot, window, ["Harbour pier repairs", "Sourdough at home",
                                "Volcanoes of Iceland"])
    assert pane.current_path() == again


def test_opening_from_the_list_asks_about_unsaved_edits(
        qtbot, window_factory, three_clips: dict[str, Path], tmp_path: Path) -> None:
    window = window_factory()
    pane = window.library_pane
    pane_ready(qtbot, window)
    page = tmp_path / "page.html"
    page.write_text(article_page("Unsaved article"), encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Unsaved article")
    window.form.author.setText("Me")
    window.form.author.textEdited.emit("Me")
    seen = answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Cancel))
    pane.select_path(three_clips["pier"])
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    assert seen
    assert "before opening another clip" in seen[0]
    assert window.form.title.text() == "Unsaved article"
    answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Discard))
    pane.view.doubleClicked.emit(pane.view.currentIndex())  # as a double-click does
    pane.view.activated.emit(pane.view.currentIndex())
    qtbot.waitUntil(lambda: window.form.title.text() == "Harbour pier repairs",
                    timeout=TIMEOUT)


def test_copy_path_and_reveal_in_the_file_manager(qtbot, window_factory,
                                                  three_clips: dict[str, Path]) -> None:
    window = window_factory()
    pane = window.library_pane
    pane_ready(qtbot, window)
    pane.select_path(three_clips["bread"])
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == str(three_clips["bread"])
    # no file manager on a session bus here: the folder opens
    pane.reveal_action.trigger()
    assert window.opened_urls == [f"file://{three_clips['bread'].parent}"]


def test_reveal_asks_the_file_manager_to_select_the_clip(qtbot, window, tmp_path: Path) -> None:
    from PySide6.QtDBus import QDBusConnection

    from clipper.gui import reveal

    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = daemon.stdout.readline().strip()  # type: ignore[union-attr]
        server = QDBusConnection.connectToBus(address, "fake-file-manager")
        client = QDBusConnection.connectToBus(address, "clipper-test")
        shown: list[list[str]] = []

        class FileManager(QObject):
            @Slot("QStringList", str)
            def ShowItems(self, uris: list[str], startup_id: str) -> None:
                shown.append(list(uris))

        manager = FileManager()
        assert server.registerService(reveal.FILE_MANAGER)
        assert server.registerObject(reveal.FILE_MANAGER_PATH, reveal.FILE_MANAGER, manager,
                                     QDBusConnection.RegisterOption.ExportAllSlots)
        clip = tmp_path / "My clip.md"
        clip.write_text("x")
        reveal.reveal(clip, window, client)
        qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
        assert shown == [["file://" + str(tmp_path).replace(" ", "%20") + "/My%20clip.md"]]
        assert window.opened_urls == []
        server.unregisterObject(reveal.FILE_MANAGER_PATH)
        server.unregisterService(reveal.FILE_MANAGER)
        QDBusConnection.disconnectFromBus("fake-file-manager")
        QDBusConnection.disconnectFromBus("clipper-test")
    finally:
        daemon.terminate()
        daemon.wait(5)
        daemon.stdout.close()  # type: ignore[union-attr]


def test_the_pane_toggles_and_ctrl_k_brings_it_back(qtbot, window) -> None:
    dock = window.library_dock
    assert dock.isVisible()
    press(qtbot, window, Qt.Key.Key_L, CTRL | SHIFT)
    assert not dock.isVisible()
    press(qtbot, window, Qt.Key.Key_F9)
    assert dock.isVisible()
    press(qtbot, window, Qt.Key.Key_L, CTRL | SHIFT)
    assert not dock.isVisible()
    press(qtbot, window, Qt.Key.Key_F, CTRL | SHIFT)  # Ctrl+F finds in the article (issue 12)
    assert dock.isVisible()
    assert QApplication.focusWidget() is window.library_pane.search
    view_menu = {a.text().replace("&", ""): [s.toString() for s in a.shortcuts()]
                 for a in window.menus[2].actions() if not a.isSeparator()}
    assert view_menu["Library"] == ["Ctrl+Shift+L", "F9"]
    assert view_menu["Search Library"] == ["Ctrl+K", "Ctrl+Shift+F"]


def test_a_long_library_loads_page_by_page(qtbot, window_factory, library: Path,
                                           monkeypatch) -> None:
    monkeypatch.setattr(jobs, "PAGE_SIZE", 4)
    for i in range(11):
        write_clip(library, f"c{i:02d}", f"Clip number {i:02d}", f"Body {i}.\n",
                   f"2024-01-{i + 1:02d}T10:00:00+00:00")
    window = window_factory()
    pane = window.library_pane
    pane_ready(qtbot, window)
    assert pane.count.text() == "11 clips"
    view = pane.view

    def everything() -> bool:
        view.scrollToBottom()
        return pane.model.rowCount() == 11

    qtbot.waitUntil(everything, timeout=TIMEOUT)
    assert pane.titles() == [f"Clip number {i:02d}" for i in range(10, -1, -1)]


def test_changing_the_library_in_settings_switches_the_pane(
        qtbot, window_factory, three_clips: dict[str, Path], tmp_path: Path,
        monkeypatch) -> None:

    from clipper.gui.dialogs.settings_dialog import SettingsDialog

    other = tmp_path / "Other library"
    write_clip(other, "moon", "Moon landing", "One small step.\n", "2024-05-01T10:00:00+00:00")
    window = window_factory()
    wait_titles(qtbot, window, ["Harbour pier repairs", "Sourdough at home",
                                "Volcanoes of Iceland"])
    monkeypatch.delenv("CLIPPER_LIBRARY")

    def choose(dialog: SettingsDialog) -> None:
        dialog.library.setText(str(other))
        dialog.accept()

    run_modal(qtbot, SettingsDialog, choose)
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    wait_titles(qtbot, window, ["Moon landing"])
    assert window.library_pane.library == other


@pytest.mark.parametrize(("key", "modifiers"), [(Qt.Key.Key_K, CTRL),
                                               (Qt.Key.Key_F, CTRL | SHIFT)])
def test_ctrl_k_and_ctrl_shift_f_reach_the_search_from_text_fields(qtbot, window, key,
                                                                   modifiers) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")
    window.article.tabs.setCurrentIndex(1)
    for field in (window.url_bar.field, window.form.title, window.article.editor):
        field.setFocus()
        assert QApplication.focusWidget() is field
        press(qtbot, window, key, modifiers)
        assert QApplication.focusWidget() is window.library_pane.search


def test_a_clip_opened_from_the_list_does_not_sit_beside_another_page(
        qtbot, window_factory, three_clips: dict[str, Path], tmp_path: Path) -> None:
    window = window_factory()
    pane_ready(qtbot, window)
    page = tmp_path / "page.html"
    page.write_text(article_page("Another article"), encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Another article")
    assert "Another article" in window.raw_view.source.toPlainText()
    window.open_clip(three_clips["volcano"])
    qtbot.waitUntil(lambda: window.form.title.text() == "Volcanoes of Iceland", timeout=TIMEOUT)
    assert window.raw_view.source.toPlainText() == ""
    assert "opened from your library" in window.raw_view.source.placeholderText()
    assert window.url_bar.text() == "https://geo.example/v"
    assert not window.actions_.load_images.isEnabled()
    assert window.status.saved_text() == "Opened volcano.md"


# -- a clip changed on disk while it is open ----------------------------------------------------

def open_from_list(qtbot, window, path: Path) -> None:
    """Select the clip in the pane and press Enter, as a person would."""
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.select_path(path), timeout=TIMEOUT)
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.status.saved_text() == f"Opened {path.name}",
                    timeout=TIMEOUT)


def type_in_markdown(qtbot, window, text: str) -> None:
    window.article.tabs.setCurrentIndex(1)
    editor = window.article.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)


def change_behind_the_back(path: Path) -> None:
    """Another editor adds a line to the clip (written in place)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nTheir line, typed in another editor.\n", encoding="utf-8")


def open_then_change(qtbot, window, path: Path, how: str) -> None:
    """Open the clip from the list, then another program edits or deletes its file."""
    pane_ready(qtbot, window)
    open_from_list(qtbot, window, path)
    if how == "changed":
        change_behind_the_back(path)
    else:
        path.unlink()


@pytest.mark.parametrize("how", ["changed", "deleted"])
def test_ctrl_s_on_a_clip_changed_on_disk_asks_and_cancel_keeps_everything(
        qtbot, window_factory, three_clips: dict[str, Path], how: str) -> None:
    window = window_factory()
    bread = three_clips["bread"]
    open_then_change(qtbot, window, bread, how)
    before = bread.read_bytes() if bread.exists() else None
    type_in_markdown(qtbot, window, "My own line.")
    seen = answer_dialog(qtbot, click_standard(QMessageBox.StandardButton.Cancel))
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: bool(seen) and not window.is_saving(), timeout=TIMEOUT)
    expected = ("was changed by another program" if how == "changed"
                else "was moved or deleted")
    assert expected in seen[0]
    assert "bread.md" in seen[0]
    assert (bread.read_bytes() if bread.exists() else None) == before  # nothing written
    assert sorted(p.name for p in bread.parent.glob("*.md")) == sorted(
        p.name for p in three_clips.values() if p.exists())
    assert window.article.markdown().endswith("My own line.")  # the edit is still there
    assert window.is_dirty()
    assert window.status.loaded_text() == "Not saved"


def test_overwrite_replaces_what_another_program_wrote(
        qtbot, window_factory, three_clips: dict[str, Path]) -> None:
    window = window_factory()
    pane_ready(qtbot, window)
    bread = three_clips["bread"]
    open_from_list(qtbot, window, bread)
    change_behind_the_back(bread)
    type_in_markdown(qtbot, window, "My own line.")
    seen = answer_dialog(qtbot, click_button("Overwrite"))
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert seen
    assert Path(saved.args[0]) == bread
    text = bread.read_text(encoding="utf-8")
    assert "My own line." in text
    assert "Their line" not in text
    assert not window.is_dirty()
    # from now on this file holds our last write: the next Ctrl+S just saves
    type_in_markdown(qtbot, window, " And another.")
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT):
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert "My own line. And another." in bread.read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["changed", "deleted"])
def test_save_as_new_clip_keeps_their_version_and_saves_ours_beside_it(
        qtbot, window_factory, library: Path, three_clips: dict[str, Path], how: str) -> None:
    window = window_factory()
    bread = three_clips["bread"]
    open_then_change(qtbot, window, bread, how)
    type_in_markdown(qtbot, window, "My own line.")
    seen = answer_dialog(qtbot, click_button("Save as New Clip"))
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert seen
    new = Path(saved.args[0])
    assert new != bread
    assert new.parent == library
    assert "My own line." in new.read_text(encoding="utf-8")
    if how == "changed":
        theirs = bread.read_text(encoding="utf-8")
        assert "Their line" in theirs
        assert "My own line." not in theirs
    else:
        assert not bread.exists()
    assert not window.is_dirty()
    # Ctrl+S now saves into the new clip
    type_in_markdown(qtbot, window, " Later.")
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as again:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert Path(again.args[0]) == new
    assert "Later." in new.read_text(encoding="utf-8")


def test_saving_an_opened_clip_as_new_keeps_its_images(
        qtbot, window_factory, library: Path) -> None:
    clip = write_clip(library, "harbour", "Harbour at dawn",
                      "Boats at the quay.\n\n![the quay](harbour.assets/quay.png)\n",
                      "2024-03-01T10:00:00+00:00")
    (library / "harbour.assets").mkdir()
    (library / "harbour.assets" / "quay.png").write_bytes(png_bytes())
    window = window_factory()
    pane_ready(qtbot, window)
    open_from_list(qtbot, window, clip)
    change_behind_the_back(clip)
    type_in_markdown(qtbot, window, "My own line.")
    answer_dialog(qtbot, click_button("Save as New Clip"))
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    new = Path(saved.args[0])
    text = new.read_text(encoding="utf-8")
    [link] = [line for line in text.splitlines() if line.startswith("![the quay](")]
    target = link[len("![the quay]("):-1].replace("%20", " ")
    assert (new.parent / target).read_bytes() == png_bytes()
    assert window.article.preview.has_image(target)
