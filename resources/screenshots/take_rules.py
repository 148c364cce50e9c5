"""Regenerate site-rules.png: the window (offscreen, 1280x800) on a news page whose site has
two rules — the bar above the article saying so, and the source with the line of each
dropped block tinted, the tooltip of the share bar's line showing.

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
