"""Keys as a person presses them: from any focus, find in the article, the list of them (F1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.dialogs import run_modal
from helpers.pages import REFERENCE, article_page
from helpers.window import TIMEOUT, press, wait_loaded
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from clipper.gui.dialogs.shortcuts_dialog import ShortcutsDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
PREVIEW, MARKDOWN = 0, 1


def load_reference(qtbot, window) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")


class EmacsLineEdit(QLineEdit):
    """A one-line field that claims Ctrl+E for itself, as QLineEdit does on X11 (end of line;
    the offscreen platform here has no such binding)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_E and event.modifiers() == CTRL:
            event.accept()
            return True
        return super().event(event)


def test_ctrl_e_from_every_one_line_field_switches_and_typing_goes_to_the_editor(
        qtbot, window) -> None:
    load_reference(qtbot, window)
    form = window.form
    fields = [window.url_bar.field, form.title, form.author, form.published, form.site,
              form.tags, form.source, window.library_pane.search]
    for field in fields:
        window.article.tabs.setCurrentIndex(PREVIEW)
        field.setFocus()
        press(qtbot, window, Qt.Key.Key_E, CTRL)
        assert window.article.tabs.currentIndex() == MARKDOWN, field.objectName()
        assert QApplication.focusWidget() is window.article.editor
    window.article.editor.moveCursor(window.article.editor.textCursor().MoveOperation.End)
    press(qtbot, window, Qt.Key.Key_X)
    assert window.article.markdown().endswith("x")
    assert window.is_dirty()


def test_a_field_that_claims_ctrl_e_does_not_keep_it_from_the_window(qtbot, window) -> None:
    load_reference(qtbot, window)
    field = EmacsLineEdit(window.form)
    field.show()
    field.setFocus()
    press(qtbot, window, Qt.Key.Key_E, CTRL)
    assert window.article.tabs.currentIndex() == MARKDOWN
    # keys a text field needs stay the field's: Ctrl+V pastes into it, it loads nothing
    QApplication.clipboard().setText("https://example.com/not-loaded")
    field.setFocus()
    press(qtbot, window, Qt.Key.Key_V, CTRL)
    assert field.text() == "https://example.com/not-loaded"
    assert not window.is_loading()


@pytest.mark.parametrize("tab", [PREVIEW, MARKDOWN])
def test_ctrl_f_f3_and_shift_f3_find_in_the_article(qtbot, window, tab: int) -> None:
    load_reference(qtbot, window)
    article = window.article
    article.tabs.setCurrentIndex(tab)
    view = article.current_view()
    view.setFocus()
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    bar = article.find_bar
    assert bar.isVisible()
    assert QApplication.focusWidget() is bar.field
    qtbot.keyClicks(bar.field, "Afghan")
    total = view.toPlainText().count("Afghan")
    assert total >= 3
    assert view.textCursor().selectedText() == "Afghan"
    assert bar.count.text() == f"1 of {total}"
    first = view.textCursor().selectionStart()
    press(qtbot, window, Qt.Key.Key_F3)
    assert bar.count.text() == f"2 of {total}"
    assert view.textCursor().selectionStart() > first
    press(qtbot, window, Qt.Key.Key_F3, SHIFT)
    assert bar.count.text() == f"1 of {total}"
    press(qtbot, window, Qt.Key.Key_F3, SHIFT)  # round the start, to the last
    assert bar.count.text() == f"{total} of {total}"
    press(qtbot, window, Qt.Key.Key_Return)  # Enter: the next, round the end
    assert bar.count.text() == f"1 of {total}"
    bar.field.selectAll()
    qtbot.keyClicks(bar.field, "no such words here")
    assert bar.count.text() == "No matches"
    press(qtbot, window, Qt.Key.Key_Escape)  # closes the bar, stops nothing
    assert not bar.isVisible()
    assert QApplication.focusWidget() is view
    assert window.has_clip()


def test_ctrl_f_in_the_editor_is_not_the_library_search(qtbot, window) -> None:
    load_reference(qtbot, window)
    window.article.tabs.setCurrentIndex(MARKDOWN)
    window.article.editor.setFocus()
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.article.find_bar.field
    assert QApplication.focusWidget() is not window.library_pane.search


def test_the_next_queued_page_is_alt_right_not_ctrl_n(qtbot, window, tmp_path: Path) -> None:
    pages = []
    for title in ("First queued page", "Second queued page"):
        page = tmp_path / f"{title}.html"
        page.write_text(article_page(title), encoding="utf-8")
        pages.append(str(page))
    window.open_arguments(pages)
    wait_loaded(qtbot, window, "First queued page")
    assert window.queued()
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    assert window.form.title.text() == "First queued page"
    assert window.queued()
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    wait_loaded(qtbot, window, "Second queued page")
    assert not window.queued()


def test_f1_lists_every_shortcut_the_library_panes_too(qtbot, window) -> None:
    seen: list[dict[str, str]] = []

    def read(dialog: ShortcutsDialog) -> None:
        tree = dialog.tree
        rows = {}
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            rows[item.text(0).strip()] = item.text(1)
        seen.append(rows)
        dialog.accept()

    run_modal(qtbot, ShortcutsDialog, read)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    rows = seen[0]
    assert rows["Library pane"] == ""  # a heading
    assert rows["Open the selected clip"] == "Enter"
    assert rows["Move the clip to the trash"] == "Del"
    assert rows["Copy the clip's path"] == "Ctrl+C"
    assert rows["Clear the search"] == "Esc"
    assert rows["Find in Article"].startswith("Ctrl+F")
    assert rows["Find Next"].startswith("F3")
    assert rows["Find Previous"].startswith("Shift+F3")
    assert rows["Search Library"] == "Ctrl+K, Ctrl+Shift+F"
    assert rows["Next Queued Page"] == "Alt+Right"
    assert rows["Markdown / Preview"] == "Ctrl+E"
    for action in window.actions():
        name = action.text().replace("&", "").rstrip("…. ")
        if action.shortcuts() and name not in ("Library",):
            assert name in rows, name
