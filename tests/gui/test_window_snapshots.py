"""Issue 15 in the window, as a person uses it: a clip opened from the library shows the page
it was saved with; Re-extract shows the old and new article side by side before replacing;
the trash takes a clip's page along and gives it back; what the Markdown leaves out is said
next to the article; Settings say how much room the pages take."""

from __future__ import annotations

import os
import random
import re
import shutil
import threading
from pathlib import Path

import pytest
from helpers.dialogs import answer_dialog, click_button, run_modal
from helpers.httpserver import LoopbackServer
from helpers.pages import REFERENCE, article_page
from helpers.window import TIMEOUT, png_bytes, press, wait_loaded
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from clipper.cli import main
from clipper.gui.dialogs.settings_dialog import SettingsDialog
from clipper.gui.messages import human_bytes
from clipper.gui.widgets.raw_view import PAGE_TAB
from clipper.library import read_clip
from clipper.library.snapshots import body_hash, path_of, snapshot_id

CTRL = Qt.KeyboardModifier.ControlModifier
MARKER = "data-page-marker"


@pytest.fixture
def library() -> Path:
    return Path(os.environ["CLIPPER_LIBRARY"])


def page_with_picture(title: str, n: int = 0) -> str:
    """An article page with a picture, whose text is its own (not a duplicate of another's)."""
    rng = random.Random(title)
    words = [
        "harbour",
        "ferry",
        "council",
        "pier",
        "budget",
        "engineer",
        "survey",
        "tide",
        "quay",
        "mayor",
        "petition",
        "timber",
        "storm",
        "visitor",
        "market",
        "bridge",
    ]
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(words) for _ in range(40)).capitalize() + ".</p>\n"
        for _ in range(6)
    )
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>\n"
        f"<nav><a href='/'>Home</a></nav>\n<article {MARKER}='{n}'>\n<h1>{title}</h1>\n"
        f"<img src='/photo{n}.png' width='400' height='300' alt='A photo'>\n{paragraphs}"
        "</article>\n</body></html>"
    )


def save_offline(library: Path, titles: list[str]) -> dict[str, Path]:
    """Clips saved by ``clipper save`` from a loopback server that is gone afterwards."""
    with LoopbackServer() as server:
        for n, title in enumerate(titles):
            server.route(f"/{n}", body=page_with_picture(title, n))
            server.route(f"/photo{n}.png", body=png_bytes(60 + n), content_type="image/png")
        assert (
            main(
                [
                    "save",
                    *(server.url(f"/{n}") for n in range(len(titles))),
                    "--library",
                    str(library),
                ]
            )
            == 0
        )
        urls = {title: server.url(f"/{n}") for n, title in enumerate(titles)}
    return {title: library / f"{title}.md" for title in urls}


def as_older_extractor_saved(path: Path) -> str:
    """The clip as an older extractor wrote it (its last paragraph missed, the hash
    recorded for that body); the paragraph it missed."""
    text = path.read_text(encoding="utf-8")
    body = read_clip(path).body
    *kept, missed = body.rstrip("\n").split("\n\n")
    older = "\n\n".join(kept) + "\n"
    text = text.replace(body, older)
    text = re.sub(r'body_hash: "[^"]*"', f'body_hash: "{body_hash(older)}"', text)
    path.write_text(text, encoding="utf-8")
    return missed


def open_from_pane(qtbot, window, path: Path) -> None:
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.is_ready() and pane.select_path(path), timeout=TIMEOUT)
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.session.saved_path == path and window.raw_view_ready(), timeout=TIMEOUT
    )


def context_menu_action(qtbot, window, text: str) -> None:
    """Right-click the chosen clips in the pane and click ``text`` in the menu."""
    pane = window.library_pane
    rect = pane.view.visualRect(pane.view.currentIndex())
    QApplication.sendEvent(
        pane.view.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse,
            rect.center(),
            pane.view.viewport().mapToGlobal(rect.center()),
        ),
    )
    qtbot.waitUntil(pane.menu.isVisible, timeout=TIMEOUT)
    [action] = [a for a in pane.menu.actions() if a.text().replace("&", "") == text]
    qtbot.mouseClick(
        pane.menu, Qt.MouseButton.LeftButton, pos=pane.menu.actionGeometry(action).center()
    )


def test_a_clip_opened_from_the_library_shows_its_page_again(
    qtbot, window_factory, library: Path
) -> None:
    paths = save_offline(library, ["Harbour pier repairs"])
    clip = paths["Harbour pier repairs"]
    window = window_factory()
    window.open_arguments([str(REFERENCE)])  # another page is shown first
    wait_loaded(qtbot, window, "Russia says")
    open_from_pane(qtbot, window, clip)
    raw = window.raw_view
    assert f"{MARKER}='0'" in raw.source.toPlainText()  # its source, as loaded
    assert raw.source.kept_line_count() > 0  # the lines that made the article, tinted
    assert raw.tabs.tabText(PAGE_TAB) == "Saved Page"
    qtbot.mouseClick(
        raw.tabs.tabBar(),
        Qt.MouseButton.LeftButton,
        pos=raw.tabs.tabBar().tabRect(PAGE_TAB).center(),
    )
    qtbot.waitUntil(lambda: "Harbour pier repairs" in raw.page.toPlainText(), timeout=TIMEOUT)
    # its picture as stored (the server is gone), the rest on request
    photo = window.session.loaded.page.url.rsplit("/", 1)[0] + "/photo0.png"
    assert raw.page.has_image(photo)
    assert window.actions_.load_images.isEnabled()
    assert window.url_bar.text().startswith("http://127.0.0.1")  # F5 fetches it live
    assert window.form.title.text() == "Harbour pier repairs"
    assert window.status.loaded_text() == "Opened from the library"
    # a clip saved without its page says nothing is there, as before
    (library / "Hand written.md").write_text(
        "---\ntitle: Mine\n---\n\nMy words.\n", encoding="utf-8"
    )
    window.library_pane.request_sync()
    open_from_pane(qtbot, window, library / "Hand written.md")
    assert raw.source.toPlainText() == ""
    assert "not loaded" in raw.source.placeholderText()
    assert raw.tabs.tabText(PAGE_TAB) == "Page"


def test_re_extract_shows_the_diff_then_replaces_with_a_backup(
    qtbot, window_factory, library: Path
) -> None:
    paths = save_offline(library, ["Harbour pier repairs"])
    clip = paths["Harbour pier repairs"]
    missed = as_older_extractor_saved(clip)
    older = clip.read_bytes()
    window = window_factory()
    open_from_pane(qtbot, window, clip)
    assert window.actions_.reextract.isEnabled()
    window.actions_.reextract.trigger()  # File ▸ Re-extract from Saved Page…
    qtbot.waitUntil(lambda: window.reextractor.dialog is not None, timeout=TIMEOUT)
    dialog = window.reextractor.dialog
    qtbot.waitUntil(dialog.replace_button.isEnabled, timeout=TIMEOUT)
    assert dialog.replace_button.text() == "Replace 1 Clip"
    assert "changed" in dialog.list.item(0).text()
    qtbot.waitUntil(lambda: "Re-extracted" in dialog.diff.toPlainText(), timeout=TIMEOUT)
    shown = dialog.diff.toPlainText()
    assert "Saved" in shown
    assert missed[:40].replace(" ", "\xa0") in shown.replace(" ", "\xa0")
    assert clip.read_bytes() == older  # nothing replaced before the person says so
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.message_bar.text().startswith(
            "Re-extracted 1 clip; the old one is in .clipper-"
        ),
        timeout=TIMEOUT,
    )
    assert read_clip(clip).body.rstrip("\n").endswith(missed)
    [backup] = (library / ".clipper-backups").glob("*-reextract/Harbour pier repairs.md")
    assert backup.read_bytes() == older
    # the clip shown is read again: the editor has the new article
    qtbot.waitUntil(lambda: missed in window.article.markdown(), timeout=TIMEOUT)
    assert not window.is_dirty()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the popup menu, offscreen
def test_re_extract_a_selection_with_progress_and_stop(
    qtbot, window_factory, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clipper import reextract

    titles = ["Harbour pier repairs", "Ferry timetable changes", "Council budget meeting"]
    paths = save_offline(library, titles)
    window = window_factory()
    real = reextract.plan_clip
    second_started, go_on = threading.Event(), threading.Event()
    calls: list[Path] = []

    def slow(path: Path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            second_started.set()
            go_on.wait(10)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(reextract, "plan_clip", slow)
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.is_ready() and len(pane.titles()) == 3, timeout=TIMEOUT)
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(0, 0))
    press(qtbot, window, Qt.Key.Key_A, CTRL)  # all three chosen
    assert len(pane.selected_paths()) == 3
    context_menu_action(qtbot, window, "Re-extract 3 Clips from Saved Pages…")
    qtbot.waitUntil(lambda: window.reextractor.dialog is not None, timeout=TIMEOUT)
    dialog = window.reextractor.dialog
    qtbot.waitUntil(lambda: dialog.list.count() == 1 and second_started.is_set(), timeout=TIMEOUT)
    assert dialog.progress.isVisible()
    assert dialog.progress.value() == 1
    assert dialog.progress.maximum() == 3
    assert not dialog.replace_button.isEnabled()
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Stopped after"), timeout=TIMEOUT)
    assert dialog.summary.text() == "Stopped after 2 of 3 clips: 0 changed, 2 the same."
    assert len(calls) == 2  # the third was never planned
    assert not dialog.progress.isVisible()
    assert not dialog.replace_button.isEnabled()  # nothing to replace
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.reextractor.dialog is None, timeout=TIMEOUT)
    assert sorted(p.name for p in library.glob("*.md")) == sorted(p.name for p in paths.values())
    assert not (library / ".clipper-backups").exists()


@pytest.mark.skipif(not os.sys.platform.startswith("linux"), reason="the freedesktop trash")
def test_trash_and_restore_keep_the_page(
    qtbot, window_factory, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    clip = save_offline(library, ["Harbour pier repairs"])["Harbour pier repairs"]
    window = window_factory()
    page = path_of(library, snapshot_id(read_clip(clip)))
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.is_ready() and pane.select_path(clip), timeout=TIMEOUT)
    pane.view.setFocus()
    answer_dialog(qtbot, click_button("Move to Trash"))
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not clip.exists(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Harbour pier repairs" not in pane.titles(), timeout=TIMEOUT)
    trash = data_home / "Trash"
    assert not page.exists()
    assert (trash / "files" / page.name).is_file()  # the page went with its clip
    # Restored from the trash by the file manager: the clip only.
    shutil.move(trash / "files" / clip.name, clip)
    (trash / "info" / f"{clip.name}.trashinfo").unlink()
    pane.request_sync()
    qtbot.waitUntil(lambda: "Harbour pier repairs" in pane.titles(), timeout=TIMEOUT)
    open_from_pane(qtbot, window, clip)
    assert f"{MARKER}='0'" in window.raw_view.source.toPlainText()
    assert page.is_file()  # back in the library
    assert not (trash / "files" / page.name).exists()


def test_what_the_markdown_leaves_out_is_said_next_to_the_article(
    qtbot, window_factory, tmp_path: Path
) -> None:
    window = window_factory()
    page = tmp_path / "page.html"
    page.write_text(
        article_page("Harbour tables").replace(
            "</article>",
            "\n<table><tr><th>Code</th><th>Says</th></tr>"
            "<tr><td><pre>a = 1\nb = 2</pre></td><td>x</td></tr>"
            "</table>\n<iframe src='https://www.youtube.com/embed/x'></iframe>\n<p>"
            + "The pier will reopen in May after the repairs are done. " * 8
            + "</p>\n</article>",
        ),
        encoding="utf-8",
    )
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Harbour tables")
    notes = window.article.notes
    assert notes.isVisible()
    assert notes.toggle.text() == "What the Markdown leaves out of the page (2)"
    assert not notes.details.isVisible()  # folded
    qtbot.mouseClick(notes.toggle, Qt.MouseButton.LeftButton)
    assert notes.details.isVisible()
    assert "A table is kept as HTML" in notes.details.text()
    assert "An embedded video is kept as a ▶ link (from youtube.com)" in notes.details.text()
    window.open_arguments([str(REFERENCE)])  # nothing left out: the bar goes
    wait_loaded(qtbot, window, "Russia says")
    assert not notes.isVisible()


def test_settings_show_the_pages_kept_and_turn_them_off(
    qtbot, window_factory, library: Path, tmp_path: Path
) -> None:
    clip = save_offline(library, ["Harbour pier repairs"])["Harbour pier repairs"]
    window = window_factory()
    size = path_of(library, snapshot_id(read_clip(clip))).stat().st_size

    def turn_off(dialog: SettingsDialog) -> None:
        qtbot.waitUntil(lambda: "in all" in dialog.pages_size.text(), timeout=TIMEOUT)
        seen.append(dialog.pages_size.text())
        assert not dialog.notes_callout.isChecked()  # off by default
        qtbot.mouseClick(
            dialog.keep_pages,
            Qt.MouseButton.LeftButton,
            pos=QPoint(8, dialog.keep_pages.height() // 2),
        )
        dialog.accept()

    seen: list[str] = []
    run_modal(qtbot, SettingsDialog, turn_off)
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    assert seen == [f"1 page kept, {human_bytes(size)} in all"]
    assert window.settings.keep_pages is False
    page = tmp_path / "other.html"
    page.write_text(article_page("Not kept"), encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Not kept")
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert snapshot_id(read_clip(Path(saved.args[0]))) is None
