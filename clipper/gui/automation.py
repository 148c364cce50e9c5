"""Environment switches that let a script drive the real app, as packagers and tests need.

``CLIPPER_QUIT_AFTER_LOAD=1``
    Quit once the first page is shown (exit status 0) or has failed (status 1); started
    without pages, quit as soon as the window is up. The bundle's smoke test in
    ``packaging/build.sh`` and start-up measurements use it: they start the real executable,
    offscreen, and need it to end by itself.
``CLIPPER_TEST_REPORT=FILE``
    Append one JSON line per event to FILE: ``listening``, ``received`` (pages another
    instance forwarded), ``loaded`` (with the window title, i.e. the article's) and ``failed``
    (with the error). The two-instance test reads it to see the second file arrive in the first
    window.

Both are off unless set, cost nothing then, and never change what the window does.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtWidgets import QApplication

from clipper.gui.single_instance import REPORT_ENV, SingleInstance, report_event

QUIT_ENV = "CLIPPER_QUIT_AFTER_LOAD"


class _Window(Protocol):
    """What the hooks need of the main window."""

    page_loaded: SignalInstance
    load_failed: SignalInstance

    def windowTitle(self) -> str: ...


def attach(window: _Window, instance: SingleInstance | None = None,
           pages: Sequence[str] = ()) -> None:
    """Connect the switches to the window's ``page_loaded`` and ``load_failed`` signals.

    ``instance`` is the listening SingleInstance (it reports ``received`` itself);
    ``pages`` those given on the command line: with none, the quit switch quits as soon as
    the event loop runs, the window shown (to measure start-up alone).
    """
    if os.environ.get(REPORT_ENV):
        if instance is not None and instance.is_listening():
            report_event("listening", name=instance.name)

        def loaded(*args: object) -> None:
            title = window.windowTitle().replace("[*]", "").strip()
            report_event("loaded", title=title, args=[str(a) for a in args])

        window.page_loaded.connect(loaded)
        window.load_failed.connect(
            lambda *args: report_event("failed", args=[str(a) for a in args]))
    if os.environ.get(QUIT_ENV, "") not in ("", "0"):
        if not pages:
            _quit(0)
            return
        window.page_loaded.connect(lambda *_: _quit(0))
        window.load_failed.connect(lambda *_: _quit(1))


def _quit(status: int) -> None:
    # Queued, so the window finishes painting what it was showing and the slot returns first.
    QTimer.singleShot(0, lambda: QApplication.exit(status))
