"""Re-extract in the window after the new-user pass: a clip renamed with Clipper's own F2 is
still re-extractable (a hand edit still is not), the list and the pane agree on what
changed, and the diff reads in the dark theme."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers.dialogs import run_modal
from helpers.httpserver import LoopbackServer
from helpers.window import TIMEOUT, png_bytes, press
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QPalette, QTextTable
from PySide6.QtWidgets import QApplication

from clipper.cli import main
from clipper.gui.dialogs.move_dialog import MoveDialog
from clipper.gui.dialogs.settings_dialog import SettingsDialog
from clipper.gui.theme import is_dark
from clipper.library import read_clip
from clipper.library.snapshots import body_hash
from clipper.settings import Settings, save_settings

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def library() -> Path:
    return Path(os.environ["CLIPPER_LIBRARY"])


def page(title: str, n: int) -> str:
    sentences = " ".join(
        f"{title} sentence {k} tells of the harbour and the pier." for k in range(6)
    )
    paragraphs = "".join(f"<p>Part {i} of {title}. {sentences}</p>" for i in range(5))
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>"
        "<meta name='author' content='BBC News'>"
        "<meta property='article:published_time' content='2001-10-29'>"
        "<meta name='description' content='What the council decided.'></head><body>"
        f"<article><h1>{title}</h1><img src='/p{n}.png' width='400' height='300' "
        f"alt='photo'>{paragraphs}</article></body></html>"
    )


def save_offline(library: Path, titles: list[str]) -> list[Path]:
    with LoopbackServer() as server:
        for n, title in enumerate(titles):
            server.route(f"/{n}", body=page(title, n))
            server.route(f"/p{n}.png", body=png_bytes(50 + n, 30), content_type="image/png")
        urls = [server.url(f"/{n}") for n in range(len(titles))]
        assert main(["save", *urls, "--library", str(library)]) == 0
    return [library / f"{t}.md" for t in titles]


def set_body(path: Path, body: str, *, keep_hash: bool) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace(read_clip(path).body, body)
    if not keep_hash:
        text = re.sub(r'body_hash: "[^"]*"', f'body_hash: "{body_hash(body)}"', text)
    path.write_text(text, encoding="utf-8")


def older(path: Path) -> str:
    """The clip as an older extractor saved it: its last paragraph missed; that paragraph."""
    *kept, missed = read_clip(path).body.rstrip("\n").split("\n\n")
    set_body(path, "\n\n".join(kept) + "\n", keep_hash=False)
    return missed


def rename_with_f2(qtbot, window, path: Path, name: str) -> Path:
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.is_ready() and pane.select_path(path), timeout=TIMEOUT)

    def rename(dialog: MoveDialog) -> None:
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, name)
        dialog.accept()

    run_modal(qtbot, MoveDialog, rename)
    pane.view.setFocus()
    press(qtbot, window, Qt.Key.Key_F2)
    moved = path.with_name(f"{name}.md")
    qtbot.waitUntil(lambda: moved.exists() and not path.exists(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: pane.is_ready() and pane.select_path(moved), timeout=TIMEOUT)
    return moved


def reextract_all(qtbot, window, paths: list[Path]):
    """Choose every clip in the pane (once it lists ``paths``) and re-extract them."""
    pane = window.library_pane
    count = len(paths)
    qtbot.waitUntil(
        lambda: (
            pane.is_ready()
            and len(pane.titles()) == count
            and all(pane.select_path(p) for p in paths)
        ),
        timeout=TIMEOUT,
    )
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(0, 0))
    press(qtbot, window, Qt.Key.Key_A, CTRL)
    assert len(pane.selected_paths()) == count
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
    text = (
        "Re-extract from Saved Page…"
        if count == 1
        else f"Re-extract {count} Clips from Saved Pages…"
    )
    [action] = [a for a in pane.menu.actions() if a.text().replace("&", "") == text]
    qtbot.mouseClick(
        pane.menu, Qt.MouseButton.LeftButton, pos=pane.menu.actionGeometry(action).center()
    )
    qtbot.waitUntil(lambda: window.reextractor.dialog is not None, timeout=TIMEOUT)
    dialog = window.reextractor.dialog
    qtbot.waitUntil(lambda: dialog.summary.text().startswith(f"{count} clip"), timeout=TIMEOUT)
    return dialog


def row_words(dialog) -> dict[str, str]:
    """Clip title -> what the list says of it."""
    out = {}
    for row in range(dialog.list.count()):
        title, word = dialog.list.item(row).text().split("\n")
        out[title] = word
    return out


def pane_text(qtbot, dialog, title: str) -> str:
    """Choose the clip in the list (a click) and read its pane once the diff is made."""
    [item] = [
        dialog.list.item(r)
        for r in range(dialog.list.count())
        if dialog.list.item(r).text().startswith(title + "\n")
    ]
    rect = dialog.list.visualItemRect(item)
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.list.currentItem() is item
    qtbot.waitUntil(lambda: "Comparing" not in dialog.diff.toPlainText(), timeout=TIMEOUT)
    return dialog.diff.toPlainText()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the popup menu, offscreen
def test_a_clip_renamed_with_f2_stays_re_extractable_a_hand_edit_does_not(
    qtbot, window_factory, library: Path
) -> None:
    save_settings(Settings(attachments="folder", attachment_folder="Attachments"))
    pier, ferry = save_offline(library, ["Harbour pier repairs", "Ferry timetable changes"])
    missed = older(pier)
    body = read_clip(ferry).body
    set_body(ferry, body + "\nMy own note on this.\n", keep_hash=True)  # a hand edit
    window = window_factory()
    pier = rename_with_f2(qtbot, window, pier, "Pier repairs")
    ferry = rename_with_f2(qtbot, window, ferry, "Ferry changes")
    assert "](../Attachments/Pier%20repairs/" not in pier.read_text(encoding="utf-8")
    assert "](Attachments/Pier%20repairs/" in pier.read_text(encoding="utf-8")  # links moved

    dialog = reextract_all(qtbot, window, [pier, ferry])
    assert row_words(dialog) == {
        "Harbour pier repairs": "changed",
        "Ferry timetable changes": "edited since saved",
    }
    assert missed[:30] in pane_text(qtbot, dialog, "Harbour pier repairs")
    qtbot.waitUntil(dialog.replace_button.isEnabled, timeout=TIMEOUT)
    assert dialog.replace_button.text() == "Replace 1 Clip"
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: missed in read_clip(pier).body, timeout=TIMEOUT)
    assert "](Attachments/Pier%20repairs/" in read_clip(pier).body  # the stored picture
    assert "My own note on this." in ferry.read_text(encoding="utf-8")


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_list_and_the_pane_agree_on_what_changed(qtbot, window_factory, library: Path) -> None:
    save_settings(
        Settings(
            front_matter=[
                {"name": "title", "value": "{title}", "type": "text"},
                {"name": "source", "value": "{url}", "type": "text"},
                {"name": "author", "value": "{author}", "type": "list"},
                {"name": "created", "value": "{date}", "type": "text"},
                {"name": "tags", "value": "clippings", "type": "list"},
            ]
        )
    )
    same, blanked, spaced = save_offline(
        library, ["Harbour pier repairs", "Ferry timetable changes", "Council budget"]
    )
    text = blanked.read_text(encoding="utf-8")
    blanked.write_text(re.sub(r"author:\n  - \"BBC News\"\n", "author:\n", text), encoding="utf-8")
    # an older extractor's spacing: a hard line break the new one does not make
    body = read_clip(spaced).body
    first = body.index(". ", body.index("Part 1")) + 1
    set_body(spaced, body[:first] + "  \n" + body[first + 1 :], keep_hash=False)
    before = {p: p.read_bytes() for p in (same, blanked, spaced)}
    window = window_factory()

    dialog = reextract_all(qtbot, window, [same, blanked, spaced])
    assert row_words(dialog) == {
        "Harbour pier repairs": "the same",
        "Ferry timetable changes": "the same",
        "Council budget": "changed",
    }
    for title in ("Harbour pier repairs", "Ferry timetable changes"):
        assert "is the same as the saved one" in pane_text(qtbot, dialog, title)
    shown = pane_text(qtbot, dialog, "Council budget")
    assert "is the same as the saved one" not in shown
    assert "Re-extracted" in shown
    assert "line break" in shown  # what differs, said where it cannot be seen
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: spaced.read_bytes() != before[spaced], timeout=TIMEOUT)
    assert read_clip(spaced).body == body
    assert same.read_bytes() == before[same]
    assert blanked.read_bytes() == before[blanked]


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def marked_colours(diff) -> list[tuple[QColor, QColor]]:
    """(text, background) of every coloured cell and word of the diff, as drawn."""
    text_colour = diff.palette().color(QPalette.ColorRole.Text)
    found = []
    doc = diff.document()
    frames = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    for table in frames:
        for row in range(table.rows()):
            for col in range(table.columns()):
                cell = table.cellAt(row, col)
                background = cell.format().background()
                block = cell.firstCursorPosition().block()
                while block.isValid() and block.position() <= cell.lastCursorPosition().position():
                    it = block.begin()
                    while not it.atEnd():
                        fmt = it.fragment().charFormat()
                        fg = (
                            fmt.foreground().color()
                            if fmt.foreground().style() != Qt.BrushStyle.NoBrush
                            else text_colour
                        )
                        bg = (
                            fmt.background()
                            if fmt.background().style() != Qt.BrushStyle.NoBrush
                            else background
                        )
                        if bg.style() != Qt.BrushStyle.NoBrush and it.fragment().text().strip():
                            found.append((fg, bg.color()))
                        it += 1
                    block = block.next()
    return found


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_diff_reads_in_the_dark(qtbot, window_factory, library: Path) -> None:
    [pier] = save_offline(library, ["Harbour pier repairs"])
    missed = older(pier)
    body = read_clip(pier).body
    set_body(
        pier, body.replace("tells of the harbour", "tells of the old harbour", 1), keep_hash=False
    )  # a changed sentence: its words marked too
    window = window_factory()

    def pick(dialog: SettingsDialog) -> None:
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.accept()

    seen = run_modal(qtbot, SettingsDialog, pick)
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: bool(seen) and is_dark(), timeout=TIMEOUT)
    dialog = reextract_all(qtbot, window, [pier])
    assert missed[:30] in pane_text(qtbot, dialog, "Harbour pier repairs")
    QApplication.processEvents()
    assert dialog.diff.palette().color(QPalette.ColorRole.Base).lightness() < 80
    colours = marked_colours(dialog.diff)
    assert len({bg.name() for _, bg in colours}) >= 2  # the added lines and words, marked
    worst = min(contrast(fg, bg) for fg, bg in colours)
    assert worst >= 4.5, [(fg.name(), bg.name()) for fg, bg in colours]
    for _, bg in colours:
        assert bg.lightness() < 128  # dark marks in a dark window, not pale ones
