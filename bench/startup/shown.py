"""Child process of the start-up benchmark: the real ``clipper`` start, stopped at first paint.

It runs ``clipper.cli.main([])`` exactly as the command does (single-instance probe,
settings, window), and when the main window is painted for the first time prints
one JSON line (wall-clock time, which heavy modules were loaded) and exits at once,
so the parent measures process start -> window shown, and the peak RSS until then.
"""

from __future__ import annotations

import json
import os
import sys
import time

HEAVY = ("lxml", "html2text", "charset_normalizer", "urllib3", "yaml", "clipper.extract",
         "clipper.pipeline", "clipper.library")


def main() -> None:
    from clipper import cli
    from clipper.gui import app as app_module

    original = app_module.open_window

    def open_window(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent, QObject

        window = original(*args, **kwargs)  # type: ignore[arg-type]

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    loaded = [m for m in HEAVY if m in sys.modules]
                    print(json.dumps({"shown": time.time(), "heavy_modules": loaded}), flush=True)
                    os._exit(0)
                return False

        window._bench_filter = FirstPaint(window)  # type: ignore[attr-defined]
        window.installEventFilter(window._bench_filter)  # type: ignore[attr-defined]
        return window

    app_module.open_window = open_window  # type: ignore[assignment]
    sys.exit(cli.main([]))


if __name__ == "__main__":
    main()
