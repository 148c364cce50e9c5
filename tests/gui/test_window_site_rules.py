"""Site rules in the window, as a person meets them: the article says a rule applied and
can be shown without it; Settings ▸ Site Rules lists them and deletes one; the source says
where each dropped block starts, and why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.dialogs import answer_dialog, click_button, run_modal
from helpers.news_page import news_page
from helpers.window import TIMEOUT, press, wait_loaded
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QContextMenuEvent, QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from clipper.gui.dialogs.settings_dialog import SITE_RULES_TAB, SettingsDialog
from clipper.gui.widgets.raw_view import CORNER_FROM
from clipper.library.site_rules import SiteRules, rules_path

RULES = """\
127.0.0.1:
  drop:
    - selector: .factbox
      date: 2026-12-01
      note: the fact box repeats the text
  keep:
    - selector: ul.tags
      date: 2026-12-02
"""


def _library() -> Path:
    library = Path(os.environ["CLIPPER_LIBRARY"])
    rules_path(library).parent.mkdir(parents=True, exist_ok=True)
    return library


def _load(qtbot, window, url: str) -> None:
    """Type the address and Enter, as a person does; until that page is shown."""
    window.url_bar.field.setFocus()
    window.url_bar.field.clear()
    qtbot.keyClicks(window.url_bar.field, url)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.loaded is not None
                    and window.session.loaded.source.value == url, timeout=TIMEOUT)
    wait_loaded(qtbot, window, "Harbour dredging")


def test_the_window_says_a_site_rule_applied_and_shows_the_page_without_it(
        qtbot, window, http_server) -> None:
    rules_path(_library()).write_text(RULES, encoding="utf-8")
    http_server.route("/news/harbour", news_page())
    _load(qtbot, window, http_server.url("/news/harbour"))
    bar = window.article.rules
    assert bar.isVisible()
    assert bar.label.text() == "2 site rules applied"
    assert "drop .factbox" in bar.label.toolTip()
    preview = window.article.preview_text()
    assert "Dredging depth" not in preview
    assert "Business" in preview  # the tags list, kept by the rule
    assert "harbour authority approved" in preview

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Dredging depth" in window.article.preview_text(), timeout=TIMEOUT)
    assert bar.label.text() == "Site rules are off for this page"
    assert "Business" not in window.article.preview_text()
    assert bar.button.text() == "Apply Site Rules"

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Dredging depth" not in window.article.preview_text(),
                    timeout=TIMEOUT)
    assert bar.label.text() == "2 site rules applied"


def test_no_rule_for_the_site_no_bar_and_a_broken_file_is_said(qtbot, window,
                                                              http_server) -> None:
    path = rules_path(_library())
    path.write_text("other.example:\n  drop:\n    - .factbox\n", encoding="utf-8")
    http_server.route("/news/harbour", news_page())
    _load(qtbot, window, http_server.url("/news/harbour"))
    assert not window.article.rules.isVisible()
    assert "Dredging depth" in window.article.preview_text()

    broken = "127.0.0.1:\n  drop:\n    - .factbox\n  keep: [\n"
    path.write_text(broken, encoding="utf-8")
    _load(qtbot, window, http_server.url("/news/harbour") + "?again")
    assert "Dredging depth" in window.article.preview_text()
    notice = window.session.notice
    assert notice is not None
    assert notice.text.startswith(f"Site rules not applied: {path}, line 5: not valid YAML")
    assert path.read_text(encoding="utf-8") == broken


def test_settings_lists_the_site_rules_and_deletes_one(qtbot, window) -> None:
    path = rules_path(_library())
    path.write_text(RULES, encoding="utf-8")
    shown: list[list[str]] = []

    def act(dialog: SettingsDialog) -> None:
        dialog.tabs.setCurrentIndex(SITE_RULES_TAB)
        rules = dialog.site_rules
        qtbot.waitUntil(lambda: rules.tree.topLevelItemCount() == 2, timeout=TIMEOUT)
        shown.extend([rules.tree.topLevelItem(i).text(c) for c in range(5)] for i in range(2))
        item = rules.tree.topLevelItem(0)
        rect = rules.tree.visualItemRect(item)
        qtbot.mouseClick(rules.tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
        assert rules.delete.isEnabled()
        qtbot.mouseClick(rules.delete, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: rules.tree.topLevelItemCount() == 1, timeout=TIMEOUT)
        dialog.reject()

    seen = run_modal(qtbot, SettingsDialog, act)
    press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert seen
    assert shown == [["127.0.0.1", "drop", ".factbox", "2026-12-01",
                      "the fact box repeats the text"],
                     ["127.0.0.1", "keep", "ul.tags", "2026-12-02", ""]]
    text = path.read_text(encoding="utf-8")
    assert ".factbox" not in text
    assert "ul.tags" in text


def test_the_source_tints_the_lines_of_dropped_blocks_with_the_reason_as_tooltip(
        qtbot, window, http_server) -> None:
    http_server.route("/news/harbour", news_page())
    _load(qtbot, window, http_server.url("/news/harbour"))
    source = window.raw_view.source
    doc = source.document()
    number = next(n for n in range(doc.blockCount())
                  if 'class="share-bar"' in doc.findBlockByNumber(n).text())
    qtbot.waitUntil(lambda: source.dropped_reason(number) is not None, timeout=TIMEOUT)
    assert source.dropped_reason(number) == "Dropped (share buttons): Tweet Share Email"
    tags = next(n for n in range(doc.blockCount())
                if 'class="tags"' in doc.findBlockByNumber(n).text())
    assert source.dropped_reason(tags) == "Dropped (tags): Harbour Environment Business"
    kept_line = next(n for n in range(doc.blockCount())
                     if "harbour authority approved" in doc.findBlockByNumber(n).text())
    assert source.dropped_reason(kept_line) is None
    tinted = {s.cursor.blockNumber() for s in source.extraSelections()}
    assert {number, tags} <= tinted
    assert kept_line not in tinted
    email = next(n for n in range(number, doc.blockCount())
                 if ">Email<" in doc.findBlockByNumber(n).text())
    assert email > number
    assert set(range(number, email + 1)) <= tinted  # every line of the share bar
    assert source.dropped_reason(email) == "Dropped (share buttons): Tweet Share Email"
    # hovering the line shows why, as a person sees it
    block = doc.findBlockByNumber(number)
    source.verticalScrollBar().setValue(max(0, block.firstLineNumber() - 2))
    rect = source.blockBoundingGeometry(block).translated(source.contentOffset())
    pos = QPoint(40, int(rect.center().y()))
    viewport = source.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, pos,
                                                viewport.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: QToolTip.text() == "Dropped (share buttons): Tweet Share Email",
                    timeout=TIMEOUT)


def _line_of(source, needle: str) -> int:
    doc = source.document()
    return next(n for n in range(doc.blockCount()) if needle in doc.findBlockByNumber(n).text())


def _right_click_and_choose(qtbot, source, number: int, label: str) -> list[str]:
    """Right-click the source line ``number`` (0-based) and click ``label`` in the menu."""
    doc = source.document()
    block = doc.findBlockByNumber(number)
    source.verticalScrollBar().setValue(max(0, block.firstLineNumber() - 2))
    rect = source.blockBoundingGeometry(block).translated(source.contentOffset())
    pos = QPoint(60, int(rect.center().y()))
    labels: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, choose)
            return
        labels.extend(a.text() for a in menu.actions() if a.text())
        action = next(a for a in menu.actions() if a.text() == label)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(0, choose)
    viewport = source.viewport()
    QApplication.sendEvent(viewport, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos)))
    return labels


def test_picking_a_block_in_the_source_keeps_it_and_remembers_it_for_the_site(
        qtbot, window, http_server) -> None:
    http_server.route("/news/ad", news_page(fact_box_class="ad-slot"))
    url = http_server.url("/news/ad")
    _load(qtbot, window, url)
    assert "Dredging depth" not in window.article.preview_text()  # taken for an ad
    source = window.raw_view.source
    asked = answer_dialog(qtbot, click_button("Remember for the Site"))
    labels = _right_click_and_choose(qtbot, source, _line_of(source, 'class="ad-slot"'),
                                     "Keep This Block")
    assert {"Keep This Block", "Drop This Block", "This Is the Article"} <= set(labels)
    qtbot.waitUntil(lambda: "Dredging depth" in window.article.preview_text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    assert asked == ["Always keep this block on pages of 127.0.0.1?"]
    path = rules_path(Path(os.environ["CLIPPER_LIBRARY"]))
    qtbot.waitUntil(path.exists, timeout=TIMEOUT)
    rules = SiteRules.load(path.parent.parent)
    assert [(r.host, r.kind, r.selector) for r in rules.rules] == [
        ("127.0.0.1", "keep", "div.ad-slot")]
    qtbot.waitUntil(lambda: "Site rule saved for 127.0.0.1" in window.session.status,
                    timeout=TIMEOUT)
    # the same page saved from the command line afterwards keeps the block
    saved = subprocess.run([sys.executable, "-m", "clipper", "save", url], capture_output=True,
                           text=True, check=True, env=os.environ.copy())
    assert "1 site rule applied (keep div.ad-slot)" in saved.stderr
    assert "Dredging depth" in Path(saved.stdout.strip()).read_text(encoding="utf-8")


def test_a_drop_picked_for_this_page_only_writes_nothing(qtbot, window, http_server) -> None:
    http_server.route("/news/harbour", news_page())
    _load(qtbot, window, http_server.url("/news/harbour"))
    assert "Dredging depth" in window.article.preview_text()
    source = window.raw_view.source
    asked = answer_dialog(qtbot, click_button("This Page Only"))
    _right_click_and_choose(qtbot, source, _line_of(source, 'class="factbox"'),
                            "Drop This Block")
    qtbot.waitUntil(lambda: "Dredging depth" not in window.article.preview_text(),
                    timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "This page only: drop div.factbox" in window.session.status,
                    timeout=TIMEOUT)
    assert not rules_path(Path(os.environ["CLIPPER_LIBRARY"])).exists()
    assert "harbour authority approved" in window.article.preview_text()


def test_the_dropped_list_names_each_block_and_jumps_to_it(qtbot, window, http_server) -> None:
    http_server.route("/news/harbour", news_page())
    window.resize(1600, 900)  # the source pane wide enough for its buttons beside the tabs
    _load(qtbot, window, http_server.url("/news/harbour"))
    button = window.raw_view.dropped_button
    qtbot.waitUntil(button.isVisible, timeout=TIMEOUT)
    source = window.raw_view.source
    tags = _line_of(source, 'class="tags"')
    labels: list[str] = []
    wanted = f"Line {tags + 1}: tags — Harbour Environment Business"

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, choose)
            return
        labels.extend(a.text() for a in menu.actions())
        action = next(a for a in menu.actions() if a.text() == wanted)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(0, choose)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: source.textCursor().blockNumber() == tags, timeout=TIMEOUT)
    assert button.text() == f"Dropped ({len(labels)})"
    # under a narrow pane the button keeps a word a person can read, its count in the tooltip
    window.resize(800, 500)
    qtbot.waitUntil(lambda: window.raw_view.width() < CORNER_FROM, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: button.text() == "Dropped", timeout=TIMEOUT)
    assert button.toolTip().startswith(f"{len(labels)} blocks left out of the article")
    assert button.width() >= button.sizeHint().width()
    assert any(label.endswith("share buttons — Tweet Share Email") for label in labels)
    assert sum("share buttons" in label for label in labels) == 1  # a block, not its lines
    assert any(": related links — Related stories" in label for label in labels)


def test_settings_names_a_broken_rules_file_and_opens_it_to_fix(qtbot, window) -> None:
    path = rules_path(_library())
    broken = "127.0.0.1:\n  drop:\n    - 'div[class='\n"
    path.write_text(broken, encoding="utf-8")
    seen: list[str] = []

    def act(dialog: SettingsDialog) -> None:
        dialog.tabs.setCurrentIndex(SITE_RULES_TAB)
        rules = dialog.site_rules
        qtbot.waitUntil(lambda: "line 3" in rules.status.text(), timeout=TIMEOUT)
        seen.append(rules.status.text())
        assert not rules.delete.isEnabled()
        assert rules.tree.topLevelItemCount() == 0
        qtbot.mouseClick(rules.edit, Qt.MouseButton.LeftButton)
        dialog.reject()

    run_modal(qtbot, SettingsDialog, act)
    press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert "not a CSS selector" in seen[0]
    assert window.opened_urls == [QUrl.fromLocalFile(str(path)).toString()]
    assert path.read_text(encoding="utf-8") == broken


def test_picking_a_block_in_the_rendered_page(qtbot, window, http_server) -> None:
    http_server.route("/news/ad", news_page(fact_box_class="ad-slot"))
    _load(qtbot, window, http_server.url("/news/ad"))
    assert "Dredging depth" not in window.article.preview_text()
    page = window.raw_view.page
    window.raw_view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.document().find("Dredging depth").isNull(),
                    timeout=TIMEOUT)
    found = page.document().find("Dredging depth")
    page.setTextCursor(found)
    page.ensureCursorVisible()
    rect = page.cursorRect(found)
    pos = QPoint(rect.x(), rect.center().y())
    viewport = page.viewport()
    QApplication.sendEvent(viewport, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos)))
    menu = page.last_menu
    assert menu is not None
    keep = next(a for a in menu.actions() if a.text() == "Keep This Block")
    assert keep.isEnabled()
    asked = answer_dialog(qtbot, click_button("This Page Only"))
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(keep).center())
    qtbot.waitUntil(lambda: "Dredging depth" in window.article.preview_text(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT)
    # the block the page showed is the one its source line names: the fact box's paragraph
    assert "This page only: keep" in window.session.status
    assert "harbour authority approved" in window.article.preview_text()
