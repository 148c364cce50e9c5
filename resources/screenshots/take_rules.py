"""Regenerate site-rules.png: the window (offscreen, 1280x800) on a news page whose site has
two rules — the bar above the article saying so, and the source with the line of each
dropped block tinted, the tooltip of the share bar's line showing. Then unsure.png: a page
of two stories, the notice saying Clipper is not sure, with Choose the Article…; and
pick-mode.png: after it, a paragraph of the other story clicked in the Page view and
widened (Alt+Up) to its story, highlighted, the pick bar above.

    python resources/screenshots/take_rules.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RULES = """\
127.0.0.1:
  drop:
    - selector: .factbox
      date: 2026-12-07
      note: repeats the text
  keep:
    - selector: ul.tags
      date: 2026-12-07
"""


def main() -> int:
    tmp = Path(tempfile.mkdtemp())
    library = tmp / "library"
    (library / ".clipper").mkdir(parents=True)
    (library / ".clipper" / "site-rules.yaml").write_text(RULES, encoding="utf-8")
    os.environ.update(QT_QPA_PLATFORM="offscreen", CLIPPER_CONFIG_DIR=str(tmp / "config"),
                      CLIPPER_CACHE_DIR=str(tmp / "cache"), CLIPPER_LIBRARY=str(library))
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers.httpserver import LoopbackServer
    from helpers.news_page import news_page
    from PySide6.QtCore import QElapsedTimer, QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication

    from clipper.gui.app import make_app
    from clipper.gui.main_window import MainWindow

    app = make_app()
    with LoopbackServer() as server:
        server.route("/news/harbour", news_page())
        window = MainWindow()
        window.resize(1280, 800)
        window.show()
        window.open_arguments([server.url("/news/harbour")])
        clock = QElapsedTimer()
        clock.start()
        while not (window.has_clip() and window.raw_view_ready()) and clock.elapsed() < 20000:
            app.processEvents()
        source = window.raw_view.source
        doc = source.document()
        line = next(n for n in range(doc.blockCount())
                    if 'class="share-bar"' in doc.findBlockByNumber(n).text())
        while source.dropped_reason(line) is None and clock.elapsed() < 20000:
            app.processEvents()
        block = doc.findBlockByNumber(line)
        source.verticalScrollBar().setValue(max(0, block.firstLineNumber() - 4))
        app.processEvents()
        rect = source.blockBoundingGeometry(block).translated(source.contentOffset())
        pos = QPoint(120, int(rect.center().y()))
        viewport = source.viewport()
        QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, pos,
                                                    viewport.mapToGlobal(pos)))
        for _ in range(50):
            app.processEvents()
        shot = window.grab()
        from PySide6.QtWidgets import QToolTip

        tip = QApplication.topLevelWidgets()
        for widget in tip:  # the tooltip is a window of its own: paint it onto the shot
            if widget.isVisible() and widget.inherits("QTipLabel"):
                from PySide6.QtGui import QPainter

                painter = QPainter(shot)
                at = window.mapFromGlobal(widget.pos())
                painter.drawPixmap(at, widget.grab())
                painter.end()
        QToolTip.hideText()
        shot.save(str(HERE / "site-rules.png"))
        window.session.discard_edits()
        window.close()
        _unsure_and_pick(app, server)
    return 0


def _wait(app, done, limit: int = 20000) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QElapsedTimer

    clock = QElapsedTimer()
    clock.start()
    while not done() and clock.elapsed() < limit:
        app.processEvents()


def _unsure_and_pick(app, server) -> None:  # type: ignore[no-untyped-def]
    from helpers.two_stories import two_stories
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from clipper.gui.main_window import MainWindow

    server.route("/weekly/", two_stories())
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    window.open_arguments([server.url("/weekly/")])
    _wait(app, lambda: window.has_clip() and window.raw_view_ready()
          and bool(window.message_bar.text()))
    window.raw_view.tabs.setCurrentIndex(1)
    for _ in range(50):
        app.processEvents()
    window.grab().save(str(HERE / "unsure.png"))
    button = next(b for b in window.message_bar.findChildren(QPushButton) if b.isVisible())
    button.click()
    page = window.raw_view.page
    _wait(app, lambda: not page.document().find("council voted").isNull())
    found = page.document().find("council voted")
    page.setTextCursor(found)
    page.ensureCursorVisible()
    rect = page.cursorRect(found)
    QTest.mouseClick(page.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.x() + 2, rect.center().y()))
    _wait(app, lambda: window.loader.picker.mode.span is not None)  # parsed aside
    window.loader.picker.mode.widen(1)
    cursor = page.textCursor()
    cursor.clearSelection()
    page.setTextCursor(cursor)
    for _ in range(50):
        app.processEvents()
    shot = window.grab()
    shot.save(str(HERE / "pick-mode.png"))
    window.close()


if __name__ == "__main__":
    sys.exit(main())
