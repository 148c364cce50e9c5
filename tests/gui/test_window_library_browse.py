"""Browsing the library as a person does: tags and sites with counts, tag:/site: filters,
sort orders, ß/ss search, tag completion, Rename or Move…, and Undo for Move to Trash."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers.dialogs import answer_dialog, click_button, run_modal
from helpers.pages import article_page
from helpers.window import TIMEOUT, png_bytes, press, type_at_end, wait_loaded
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clipper.gui.dialogs.move_dialog import MoveDialog
from clipper.images.refs import find_image_refs
from clipper.library import render_clip
from clipper.models import Clip

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def library() -> Path:
    folder = Path(os.environ["CLIPPER_LIBRARY"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write(library: Path, name: str, title: str, created: str, **kw: object) -> Path:
    path = library / f"{name}.md"
    body = kw.pop("body", f"The text of {title}.\n")
    path.write_text(render_clip(Clip(title=title, body=body, created=created,  # type: ignore[arg-type]
                                     **kw)), encoding="utf-8")  # type: ignore[arg-type]
    return path


@pytest.fixture
def clips(library: Path) -> dict[str, Path]:
    return {
        "pier": write(library, "pier", "Harbour pier repairs", "2024-03-01T10:00:00+00:00",
                      site="Harbour Gazette", tags=["harbour", "town/council"],
                      published="2023-01-05"),
        "bread": write(library, "bread", "Sourdough at home", "2024-02-01T10:00:00+00:00",
                       site="Kitchen Notes", tags=["food"], published="2024-01-20"),
        "ferry": write(library, "ferry", "Ferry timetable", "2024-01-01T10:00:00+00:00",
                       site="Harbour Gazette", tags=["harbour"]),
        "street": write(library, "street", "Die heiße Straße", "2023-12-01T10:00:00+00:00",
                        source="https://zeitung.example/strasse", tags=["deutsch"],
                        body="Es ist heiß in der Großstadt: eine ﬁnanzielle Frage.\n"),
    }


def ready(qtbot, window) -> None:
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.is_ready() and pane.facets is not None, timeout=TIMEOUT)


def wait_titles(qtbot, window, titles: list[str]) -> None:
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.titles() == titles and not pane.is_busy(), timeout=TIMEOUT)


def test_tags_and_sites_with_counts_filter_the_list(qtbot, window, clips) -> None:
    ready(qtbot, window)
    pane = window.library_pane
    facets = pane.browse.facets
    assert facets.rows("tag") == [("harbour", "2"), ("deutsch", "1"), ("food", "1"),
                                  ("town/council", "1")]
    assert facets.rows("site") == [("Harbour Gazette", "2"), ("Kitchen Notes", "1"),
                                   ("zeitung.example", "1")]
    # a click on a tag: into the search field, the list narrows, the row is checked
    item = facets.item("tag", "harbour")
    rect = facets.visualItemRect(item)
    from PySide6.QtTest import QTest

    QTest.mouseClick(facets.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.query().strip() == "tag:harbour"
    wait_titles(qtbot, window, ["Harbour pier repairs", "Ferry timetable"])
    assert item.checkState(0) == Qt.CheckState.Checked
    assert pane.count.text() == "2 clips"
    # and a site as well (both must hold)
    QTest.mouseClick(facets.viewport(), Qt.MouseButton.LeftButton,
                     pos=facets.visualItemRect(facets.item("site", "Kitchen Notes")).center())
    assert pane.query().strip() == 'tag:harbour site:"Kitchen Notes"'
    wait_titles(qtbot, window, [])
    assert "No clips match" in pane.empty_text()
    # typed by hand, with words: the best matches among them
    pane.search.clear()
    qtbot.keyClicks(pane.search, "site:harbour-gazette")
    wait_titles(qtbot, window, [])
    pane.search.clear()
    qtbot.keyClicks(pane.search, 'site:"harbour gazette" ferry')
    wait_titles(qtbot, window, ["Ferry timetable"])
    # a click on a checked row takes it out again
    pane.search.clear()
    qtbot.keyClicks(pane.search, "tag:town")
    wait_titles(qtbot, window, ["Harbour pier repairs"])  # nested tags count
    pane.search.clear()
    wait_titles(qtbot, window, ["Harbour pier repairs", "Sourdough at home", "Ferry timetable",
                                "Die heiße Straße"])


def test_sort_by_published_title_and_site(qtbot, window, clips) -> None:
    ready(qtbot, window)
    sort = window.library_pane.browse.sort
    for key, titles in (("published", ["Sourdough at home", "Harbour pier repairs",
                                       "Ferry timetable", "Die heiße Straße"]),
                        ("title", ["Die heiße Straße", "Ferry timetable",
                                   "Harbour pier repairs", "Sourdough at home"]),
                        ("site", ["Harbour pier repairs", "Ferry timetable",
                                  "Sourdough at home", "Die heiße Straße"]),
                        ("created", ["Harbour pier repairs", "Sourdough at home",
                                     "Ferry timetable", "Die heiße Straße"])):
        sort.setCurrentIndex(sort.findData(key))
        wait_titles(qtbot, window, titles)


@pytest.mark.parametrize("typed", ["heiss", "strasse", "finanzielle", "GROSSSTADT"])
def test_search_takes_sz_for_ss_and_ligatures_for_letters(qtbot, window, clips,
                                                          typed: str) -> None:
    ready(qtbot, window)
    pane = window.library_pane
    press(qtbot, window, Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(pane.search, typed + " ")
    wait_titles(qtbot, window, ["Die heiße Straße"])


def test_the_tags_field_completes_from_the_library(qtbot, window, clips, http_server) -> None:
    ready(qtbot, window)
    http_server.route("/story", article_page("Harbour pier repairs again"))
    window.load_argument(http_server.url("/story"))
    wait_loaded(qtbot, window, "Harbour pier")
    completer = window.form.tags.completer()
    assert completer.model().stringList()[:2] == ["harbour", "deutsch"]  # most used first
    type_at_end(qtbot, window.form.tags, ", ha")
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=TIMEOUT)
    assert completer.currentCompletion() == "clippings, harbour"  # the tags before it kept
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert window.form.tags.text() == "clippings, harbour"
    # an edit like any other: the clip takes it
    qtbot.waitUntil(lambda: window.session.draft.tags == ("clippings", "harbour"),
                    timeout=TIMEOUT)
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert 'tags:\n  - "clippings"\n  - "harbour"\n' in Path(saved.args[0]).read_text(
        encoding="utf-8")


def saved_with_picture(qtbot, window, http_server, title: str) -> Path:
    page = article_page(title).replace(
        "</h1>", "</h1><figure><img src='/img/a.png' alt='A picture'></figure>", 1)
    http_server.route("/story", page)
    http_server.route("/img/a.png", png_bytes(40, 30), content_type="image/png")
    window.load_argument(http_server.url("/story"))
    wait_loaded(qtbot, window, title)
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    return Path(saved.args[0])


def images_of(path: Path) -> list[Path]:
    text = path.read_text(encoding="utf-8")
    return [(path.parent / unquote(r.url)).resolve() for r in find_image_refs(text)]


def test_rename_and_move_from_the_library_keeps_images_and_links(
        qtbot, window, library: Path, http_server) -> None:
    path = saved_with_picture(qtbot, window, http_server, "Harbour pier repairs")
    [picture] = images_of(path)
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.select_path(path) and pane.is_ready(), timeout=TIMEOUT)
    shown: list[str] = []

    def rename(dialog: MoveDialog) -> None:
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, "Pier: repairs in 2024")
        dialog.folder.setEditText("Read/Harbour")
        shown.append(dialog.result_label.text())
        dialog.accept()

    run_modal(qtbot, MoveDialog, rename)
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_F2)
    moved = library / "Read" / "Harbour" / "Pier - repairs in 2024.md"
    qtbot.waitUntil(lambda: window.session.saved_path == moved, timeout=TIMEOUT)
    assert shown == ["→ Read/Harbour/Pier - repairs in 2024.md"]
    assert not path.exists()
    assert not picture.exists()
    [again] = images_of(moved)
    assert again.parent == moved.with_name("Pier - repairs in 2024.assets")
    assert again.read_bytes() == png_bytes(40, 30)
    # the clip shown follows it: the list selects it, Ctrl+S writes there
    qtbot.waitUntil(lambda: pane.current_path() == moved, timeout=TIMEOUT)
    assert window.session.saved_path == moved
    assert window.article.preview.has_image(unquote(find_image_refs(
        moved.read_text(encoding="utf-8"))[0].url))
    type_at_end(qtbot, window.form.author, "Ann Lee")
    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT) as saved:
        press(qtbot, window, Qt.Key.Key_S, CTRL)
    assert Path(saved.args[0]) == moved
    assert "\nauthor: Ann Lee\n" in moved.read_text(encoding="utf-8")  # the key's own style
    assert sorted(p.name for p in library.rglob("*.md")) == ["Pier - repairs in 2024.md"]


def test_undo_puts_a_trashed_clip_back_with_its_images(
        qtbot, window, library: Path, http_server, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = saved_with_picture(qtbot, window, http_server, "Ferry timetable changes")
    [picture] = images_of(path)
    data, picture_data = path.read_bytes(), picture.read_bytes()
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.select_path(path) and pane.is_ready(), timeout=TIMEOUT)
    pane.view.setFocus()
    answer_dialog(qtbot, click_button("Move to Trash"))
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not path.exists(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Undo" in [b.text() for b in window.message_bar.findChildren(
        type(window.save_button)) if b.isVisible()], timeout=TIMEOUT)
    assert not picture.exists()  # the move is done (its Undo shown): the pictures went with it
    # the Undo in the notice
    undo = next(b for b in window.message_bar.findChildren(type(window.save_button))
                if b.text() == "Undo")
    undo.click()
    qtbot.waitUntil(path.exists, timeout=TIMEOUT)
    assert path.read_bytes() == data
    assert picture.read_bytes() == picture_data
    qtbot.waitUntil(lambda: pane.current_path() == path, timeout=TIMEOUT)
    assert not window.message_bar.isVisible()
    assert window.session.saved_path == path  # shown, and back: Ctrl+S writes there again
    # Ctrl+Z, from the list, after a second delete
    pane.view.setFocus()
    answer_dialog(qtbot, click_button("Move to Trash"))
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(window.actions_.undo.isEnabled, timeout=TIMEOUT)
    assert not path.exists()
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(path.exists, timeout=TIMEOUT)
    assert picture.read_bytes() == picture_data
    qtbot.waitUntil(lambda: not window.actions_.undo.isEnabled(), timeout=TIMEOUT)
    # Ctrl+Z in a text field stays the field's own undo
    field = window.form.author
    type_at_end(qtbot, field, "Zed")
    QApplication.processEvents()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert field.text() == ""
