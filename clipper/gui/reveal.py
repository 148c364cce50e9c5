"""Show a clip in the file manager, selected when the desktop can do that.

Freedesktop file managers (Files, Dolphin, Nemo, Caja, Thunar…) implement
``org.freedesktop.FileManager1.ShowItems`` on the session bus, which opens the folder
with the file selected. Without a bus, without such a service, or when the call fails,
the folder is opened with ``QDesktopServices`` (the file not selected, but there).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices

FILE_MANAGER = "org.freedesktop.FileManager1"
FILE_MANAGER_PATH = "/org/freedesktop/FileManager1"
CALL_TIMEOUT_MS = 5000

log = logging.getLogger(__name__)


Failed = Callable[[str], None]
"""Told, in words, when no program could show the folder (Qt would only warn on stderr)."""


def cannot_open_text(target: Path) -> str:
    return (f"No program could open the folder {target}. Install or choose a file manager "
            "in your desktop's settings, or open the folder yourself.")


def open_folder(path: Path, failed: Failed | None = None) -> bool:
    """The folder holding ``path``, in the file manager; False (and ``failed``) if none."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
        return True
    if failed is not None:
        failed(cannot_open_text(path.parent))
    return False


def reveal(path: Path, parent: QObject, bus: object | None = None,
           failed: Failed | None = None) -> None:
    """Show ``path`` in the file manager; never blocks on a file manager starting up.

    ``bus`` is a ``QDBusConnection`` (the session bus when None; tests pass their own).
    """
    if sys.platform in ("win32", "darwin") or not _show_items(path, parent, bus, failed):
        open_folder(path, failed)


def _show_items(path: Path, parent: QObject, bus: object | None,
                failed: Failed | None = None) -> bool:
    """Ask the file manager over D-Bus; False when there is nobody to ask."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher
    except ImportError:  # a Qt build without D-Bus
        return False
    connection = bus if isinstance(bus, QDBusConnection) else QDBusConnection.sessionBus()
    if not connection.isConnected():
        return False
    interface = connection.interface()
    if interface is None:
        return False
    registered = interface.isServiceRegistered(FILE_MANAGER)
    if not (registered.isValid() and registered.value()):
        activatable = interface.activatableServiceNames()
        if not activatable.isValid() or FILE_MANAGER not in (activatable.value() or []):
            return False
    message = QDBusMessage.createMethodCall(FILE_MANAGER, FILE_MANAGER_PATH, FILE_MANAGER,
                                            "ShowItems")
    uri = bytes(QUrl.fromLocalFile(str(path)).toEncoded().data()).decode("ascii")
    message.setArguments([[uri], ""])
    watcher = QDBusPendingCallWatcher(connection.asyncCall(message, CALL_TIMEOUT_MS), parent)

    def finished(call: QDBusPendingCallWatcher) -> None:
        if call.isError():
            log.info("file manager could not show %s: %s", path, call.error().message())
            open_folder(path, failed)
        call.deleteLater()

    watcher.finished.connect(finished)
    return True
