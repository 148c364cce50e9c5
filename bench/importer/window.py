"""The import run inside the window, offscreen, in its own process: ``python -m
bench.importer.window EXPORT RESULT_JSON`` (the library is ``CLIPPER_LIBRARY``).

It opens File ▸ Import…, starts the import as a click would, and meanwhile measures:

- frame time: a 16 ms timer on the GUI thread; the gap between two of its ticks is how
  long the window could not draw (median, p95, worst);
- search: every 2 s a word is searched in the library pane; the time until the results
  are listed (the pane's own background task, as when typing);
- the import's pages per second and the process's peak RSS.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(export: Path, result: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from clipper.gui.app import make_app
    from clipper.gui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.resize(1280, 820)
    window.show()
    app.processEvents()

    ticks: list[float] = []
    searches: list[float] = []
    pending: dict[str, float] = {}
    words = iter(["story", "river", "harbor", "signal", "garden", "winter", "copper"] * 50)

    frame = QTimer()
    frame.setInterval(16)
    frame.timeout.connect(lambda: ticks.append(time.perf_counter()))

    pane = window.library_pane

    def search() -> None:
        if "start" in pending or not window.importer.is_running():
            return
        pane.search.setText(next(words))
        pane.refresh()  # as after the typing pause
        pending["start"] = time.perf_counter()

    def check_search() -> None:
        if "start" in pending and not pane.is_busy():
            searches.append(time.perf_counter() - pending.pop("start"))

    searcher = QTimer()
    searcher.setInterval(2000)
    searcher.timeout.connect(search)
    watcher = QTimer()
    watcher.setInterval(1)
    watcher.timeout.connect(check_search)

    def finished(_state: object) -> None:
        frame.stop()
        searcher.stop()
        QTimer.singleShot(200, app.quit)

    window.importer.finished.connect(finished)

    def start() -> None:
        window.importer.open()
        dialog = window.importer.dialog
        assert dialog is not None
        dialog.file.setText(str(export))
        frame.start()
        searcher.start()
        watcher.start()
        dialog.start_button.click()

    QTimer.singleShot(500, start)
    app.exec()
    state = window.importer.state
    elapsed = (state.ended_at or time.monotonic()) - state.started_at
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    searches_ms = [s * 1000 for s in searches]
    data = {
        "phase": state.phase, "items": state.total, "done": state.done, "saved": state.saved,
        "failed": len(state.failures), "seconds": round(elapsed, 2),
        "pages_per_second": round(state.done / elapsed, 2) if elapsed else None,
        "frame_ms_median": round(statistics.median(gaps), 1) if gaps else None,
        "frame_ms_p95": round(_percentile(gaps, 0.95), 1) if gaps else None,
        "frame_ms_p99": round(_percentile(gaps, 0.99), 1) if gaps else None,
        "frame_ms_max": round(max(gaps), 1) if gaps else None,
        "search_ms_median": round(statistics.median(searches_ms), 1) if searches_ms else None,
        "search_ms_max": round(max(searches_ms), 1) if searches_ms else None,
        "searches": len(searches_ms),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cpu_seconds": round(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]), 1),
    }
    result.write_text(json.dumps(data))
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
