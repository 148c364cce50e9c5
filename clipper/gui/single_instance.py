"""One Clipper per user: a second start hands its pages to the running window.

Double-clicking a saved page, "Open with" or ``clipper FILE`` while Clipper
runs should not open a second, independent app whose settings and unsaved
edits race the first one.  The first instance listens on a local socket (a
Unix socket in the user's runtime folder, a named pipe on Windows); a later
start connects, sends its pages and exits once the first one has confirmed.

Wire format, both ways length-prefixed: a 4-byte big-endian length, then that
many bytes of UTF-8 JSON.  Client → server ``{"pages": [...]}`` with absolute
paths and URLs (the two processes may have different working directories);
server → client ``{"ok": true}``.  The socket name includes the user and a
hash of the config folder, so instances with different ``CLIPPER_CONFIG_DIR``
(tests, portable setups) never meet.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import struct
import sys
import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from clipper import APP_ID
from clipper.errors import ClipperError
from clipper.models import Source
from clipper.settings import config_dir

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 1000
"""A live server accepts at once; a dead socket file refuses at once. This is only for a stall."""
REPLY_TIMEOUT_MS = 5000
"""Generous: if the first instance is wedged this long, a second window is the lesser evil."""
MAX_MESSAGE = 1 << 20
"""Far above any list of paths; a larger length prefix is garbage and the connection is dropped."""
REPORT_ENV = "CLIPPER_TEST_REPORT"
"""When set, received pages are appended to this file as JSON lines (for end-to-end tests)."""

_HEADER = struct.Struct(">I")
_SLICE_MS = 20


def socket_name() -> str:
    """Per user and per config folder; a full path in ``$XDG_RUNTIME_DIR`` where there is one."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (containers): the uid still separates users
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha256(str(config_dir().absolute()).encode("utf-8")).hexdigest()[:12]
    name = f"{APP_ID}-{''.join(c for c in user if c.isalnum()) or 'user'}-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform != "win32" and os.path.isabs(runtime) and os.path.isdir(runtime):
        path = os.path.join(runtime, name + ".sock")
        if len(path.encode()) < 100:  # sun_path holds 108 bytes
            return path
    return name  # Qt puts it in the temp folder (Unix) or makes it a pipe name (Windows)


def absolute_pages(args: list[str]) -> list[str]:
    """Resolve files against this process's working directory before another process reads them."""
    pages = []
    for arg in args:
        try:
            source = Source.from_argument(arg)
        except ClipperError:
            pages.append(arg)  # the receiving window reports the error in its own words
            continue
        pages.append(str(Path(source.value).absolute()) if source.kind == "file" else source.value)
    return pages


def encode(message: dict) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return _HEADER.pack(len(body)) + body


def decode(buffer: bytearray) -> dict | None:
    """One complete message taken off the front of ``buffer``, or None while it is incomplete.

    Raises ValueError for a message that can never become valid.
    """
    if len(buffer) < _HEADER.size:
        return None
    (length,) = _HEADER.unpack_from(buffer)
    if length > MAX_MESSAGE:
        raise ValueError(f"message of {length} bytes is too long")
    if len(buffer) < _HEADER.size + length:
        return None
    body = bytes(buffer[_HEADER.size:_HEADER.size + length])
    del buffer[:_HEADER.size + length]
    message = json.loads(body.decode("utf-8"))
    if not isinstance(message, dict):
        raise ValueError("message is not a JSON object")
    return message


class SingleInstance(QObject):
    """Client (``try_forward``) before the window exists, server (``listen``) once it does."""

    pagesReceived = Signal(list)
    """Pages as absolute paths or URLs, on the GUI thread; empty means: just raise the window."""

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or socket_name()
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}
        if os.environ.get(REPORT_ENV):
            self.pagesReceived.connect(lambda pages: report_event("received", pages=pages))

    # ---- client --------------------------------------------------------------------------------

    def try_forward(self, args: list[str]) -> bool:
        """Send the pages to a running Clipper; True when it confirmed, so this one may exit.

        Works before a QApplication exists: only blocking socket calls are used.
        """
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        try:
            socket.write(encode({"pages": absolute_pages(args)}))
            socket.flush()
            buffer = bytearray()
            deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
            while True:
                try:
                    reply = decode(buffer)
                except ValueError:
                    return False
                if reply is not None:
                    return reply.get("ok") is True
                if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                    return False  # the other side closed without a complete answer
                if time.monotonic() > deadline:
                    log.warning("the running Clipper did not answer; starting another one")
                    return False
                # Short slices: PySide keeps the GIL while it waits, and a server in this same
                # process (a test, or an embedding app) needs it to answer.
                if socket.waitForReadyRead(_SLICE_MS):
                    buffer += bytes(socket.readAll().data())
        finally:
            socket.abort()

    # ---- server --------------------------------------------------------------------------------

    def listen(self) -> None:
        """Become the instance others forward to; a dead instance's socket file is taken over.

        If another live instance got there first (two started at the same moment), this one
        runs on without listening rather than stealing its socket.
        """
        # Ask first: with access options set, Qt binds beside the path and renames over it,
        # so listen() would silently steal a live instance's socket instead of failing.
        if self._someone_answers():
            log.info("another Clipper is listening on %s; not taking over", self.name)
            return
        QLocalServer.removeServer(self.name)  # a socket file left behind by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, server.errorString())
            server.deleteLater()
            return
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        """Stop listening and remove the socket file; call it before the app quits."""
        server, self._server = self._server, None
        if server is None:
            return
        server.newConnection.disconnect(self._on_new_connection)
        server.close()
        for socket in server.findChildren(QLocalSocket):
            socket.readyRead.disconnect(self._on_ready_read)
            socket.abort()
        self._buffers.clear()
        server.deleteLater()  # and with it the connections, its children

    def _someone_answers(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        alive = probe.waitForConnected(CONNECT_TIMEOUT_MS)
        probe.abort()
        return alive

    # Only bound slots and C++ slots are connected to the sockets, never closures: Qt then
    # drops the connections itself when either side is destroyed, also during shutdown.

    @Slot()
    def _on_new_connection(self) -> None:
        if self._server is None:
            return
        # forget buffers of clients that went away mid-message
        self._buffers = {k: v for k, v in self._buffers.items() if shiboken6.isValid(k)}
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(self._on_ready_read)
            if socket.bytesAvailable():
                self._read(socket)

    @Slot()
    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.setdefault(socket, bytearray())
        buffer += bytes(socket.readAll().data())
        try:
            message = decode(buffer)
            if message is None:
                return
            pages = message.get("pages")
            if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
                raise ValueError("'pages' is not a list of strings")
        except ValueError as exc:  # includes JSON and UTF-8 errors
            log.warning("ignoring a malformed message from another Clipper: %s", exc)
            self._buffers.pop(socket, None)
            socket.readyRead.disconnect(self._on_ready_read)
            socket.abort()  # emits disconnected: deleteLater
            return
        self._buffers.pop(socket, None)
        socket.readyRead.disconnect(self._on_ready_read)
        socket.write(encode({"ok": True}))
        socket.disconnectFromServer()  # after the answer is written; then deleteLater
        self.pagesReceived.emit(pages)


def bring_to_front(window: QWidget) -> None:
    """Show, un-minimise and raise the window; desktops may still only flash it in the task bar."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def report_event(event: str, **fields: Any) -> None:
    """Append one JSON line to ``$CLIPPER_TEST_REPORT``, if set (see ``clipper.gui.automation``)."""
    path = os.environ.get(REPORT_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
