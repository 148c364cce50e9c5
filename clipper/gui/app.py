"""Start the window: the QApplication, its identity, and the pages given on the command line.

``run`` is what ``clipper`` calls (after parsing arguments, importing Qt only
then). Packaging extends it here (single instance, icons) without touching
the window.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from clipper import APP_ID, APP_NAME, ORG_DOMAIN, ORG_NAME, __version__

from . import automation, tasks
from .icons import app_icon
from .main_window import MainWindow
from .single_instance import SingleInstance, bring_to_front


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Clipper's names (an existing one is reused, as in tests)."""
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setOrganizationDomain(ORG_DOMAIN)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setDesktopFileName(APP_ID)
    icon = app_icon()
    if not icon.isNull():
        QApplication.setWindowIcon(icon)
    return app


def open_window(sources: list[str] | None = None, library: str | None = None) -> MainWindow:
    """A shown main window with ``sources`` loading (the first) and queued (the rest)."""
    window = MainWindow(library=library, icon=QApplication.windowIcon())
    window.show()
    window.url_bar.field.setFocus()
    if sources:
        window.open_arguments(list(sources))
    return window


def run(argv_sources: list[str], library: str | None = None) -> int:
    """Open the window and run until it is closed; the process exit status.

    If Clipper already runs for this user, the pages go to that window and this
    process ends at once (status 0).
    """
    instance = SingleInstance()
    if instance.try_forward(list(argv_sources)):
        return 0
    app = make_app()
    window = open_window(None, library)
    instance.listen()

    def received(pages: list[str]) -> None:
        bring_to_front(window)
        if pages:
            window.open_arguments(pages)

    instance.pagesReceived.connect(received)
    automation.attach(window, instance, list(argv_sources))
    if argv_sources:
        window.open_arguments(list(argv_sources))
    try:
        status = app.exec()
    finally:
        instance.close()
        tasks.wait_for_all(3000)
    return status
