"""The layout from 800×500 to large screens: readable fields, sane pane widths, restored."""

from __future__ import annotations

import pytest
from helpers.pages import REFERENCE
from helpers.window import TIMEOUT, wait_loaded
from PySide6.QtWidgets import QApplication

from clipper.gui import window_layout
from clipper.gui.widgets.article_editor import MARKDOWN_TAB


def load_reference(qtbot, window) -> None:
    window.open_arguments([str(REFERENCE)])
    wait_loaded(qtbot, window, "Russia says")


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


@pytest.mark.parametrize(("size", "columns"), [((800, 500), 1), ((1280, 820), 2),
                                               ((1920, 1080), 2)])
def test_the_form_reflows_and_the_article_is_never_narrower_than_the_source(
        qtbot, window, size: tuple[int, int], columns: int) -> None:
    load_reference(qtbot, window)
    window.resize(*size)
    window_layout.default_splitter(window)
    settle(qtbot)
    assert window.form.columns() == columns
    source, article = window.splitter.sizes()
    assert article >= source
    for field in (window.form.title, window.form.author, window.form.tags):
        assert field.width() >= 150, field.objectName()  # not 6-8 characters
    tabs = window.article.tabs.tabBar()
    label = tabs.fontMetrics().horizontalAdvance("Markdown")
    assert tabs.tabRect(MARKDOWN_TAB).width() >= label  # not "Ma"
    assert window.library_dock.width() >= window_layout.LIBRARY_MIN


def test_the_library_pane_gets_its_width_back_when_the_window_grows(qtbot, window) -> None:
    window.resize(1400, 820)
    settle(qtbot)
    qtbot.waitUntil(lambda: window.library_dock.width() >= 250, timeout=TIMEOUT)
    wanted = window.library_width.wanted
    window.resize(800, 500)
    settle(qtbot)
    assert window.library_dock.width() >= window_layout.LIBRARY_MIN
    window.resize(1400, 820)
    settle(qtbot)
    qtbot.waitUntil(lambda: window.library_dock.width() >= wanted - 2, timeout=TIMEOUT)


def test_the_status_bar_shows_both_messages_whole_at_1280(qtbot, window, tmp_path) -> None:
    load_reference(qtbot, window)
    window.resize(1280, 820)
    settle(qtbot)
    from helpers.window import press
    from PySide6.QtCore import Qt

    with qtbot.waitSignal(window.clip_saved, timeout=TIMEOUT):
        press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    for label in (window.status._loaded, window.status._saved):
        assert not label.is_elided(), label.full_text()


def test_pane_widths_are_kept_for_the_next_window(qtbot, window_factory) -> None:
    first = window_factory()
    first.resize(1500, 900)
    settle(qtbot)
    first.library_width.wanted = 330  # as dragging the pane's edge sets it
    first.library_width.grow_back()
    first.splitter.setSizes([500, 700])
    settle(qtbot)
    first_state = first.splitter.saveState()
    first.close()
    second = window_factory()
    second.resize(1500, 900)  # the offscreen screen is smaller than the saved geometry
    settle(qtbot)
    assert second.library_width.wanted == 330
    qtbot.waitUntil(lambda: abs(second.library_dock.width() - 330) <= 2, timeout=TIMEOUT)
    assert second.splitter.saveState() == first_state
