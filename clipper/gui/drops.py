"""What a drop or the clipboard offers, read out of Qt's mime data as plain bytes.

The bytes then go to ``mime`` (no Qt), which decides what they are.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData

from .mime import MOZ_URL

MAX_CLIPBOARD_BYTES = 32 * 1024 * 1024
"""A format larger than this is left out (a page copied whole is a few MB at most)."""


def mime_formats(mime: QMimeData | None) -> dict[str, bytes]:
    if mime is None:
        return {}
    out: dict[str, bytes] = {}
    for fmt in mime.formats():
        data: QByteArray = mime.data(fmt)
        if data.size() <= MAX_CLIPBOARD_BYTES:
            out[fmt] = bytes(data.data())
    return out


def droppable(mime: QMimeData | None) -> bool:
    """Files, links, or one line of text (an address): what the window takes from a drag."""
    if mime is None:
        return False
    if mime.hasUrls() or mime.hasFormat(MOZ_URL):
        return True
    return mime.hasText() and "\n" not in mime.text().strip() and bool(mime.text().strip())
