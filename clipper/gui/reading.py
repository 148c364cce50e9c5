"""Reading: the reader layout (the article alone, centred at a comfortable measure) and zoom.

Both are how a person likes to read, not settings of the clip, so they are kept with the
window's size and panes (``window.ini``) and come back the next time. The reader layout
hides the page's source and the metadata form; the article keeps its tabs, so Ctrl+E
still switches to the Markdown and Ctrl+S still saves. Zoom scales the text of every
reading view together: the preview, the Markdown, the source and the rendered page.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from .widgets.safe_browser import SafeBrowser

READER_MEASURE = 64
"""Average characters a line of the reader layout holds: about 70 of real text, in the
45-75 typography recommends."""
ZOOM_STEP = 1.1
ZOOM_MIN, ZOOM_MAX = -5, 10
"""Steps below and above the normal size: 59% to 259%."""


class Reading(QObject):
    changed = Signal(bool)
    """The reader layout or the zoom changed; True: the reader layout is on (its menu
    entry's check)."""

    def __init__(self, *, hidden: list[QWidget], preview: SafeBrowser,
                 views: list[QPlainTextEdit | SafeBrowser], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hidden = hidden
        self._preview = preview
        self._views = views
        self._bases = {id(v): v.font().pointSizeF() for v in views}
        self.reader = False
        self.zoom = 0

    # -- the reader layout -------------------------------------------------------------------

    def toggle_reader(self) -> None:
        self.set_reader(not self.reader)

    def set_reader(self, on: bool) -> None:
        self.reader = on
        for widget in self._hidden:
            widget.setVisible(not on)
        self._preview.set_measure(READER_MEASURE if on else None)
        self.changed.emit(self.reader)

    # -- zoom --------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def factor(self) -> float:
        return float(ZOOM_STEP ** self.zoom)

    def set_zoom(self, steps: int) -> None:
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, steps))
        factor = self.factor()
        for view in self._views:
            if isinstance(view, SafeBrowser):
                view.set_zoom(factor)
            else:
                font = view.font()
                font.setPointSizeF(self._bases[id(view)] * factor)
                view.setFont(font)
        self.changed.emit(self.reader)

    # -- kept between runs -------------------------------------------------------------------

    def restore(self, store: QSettings) -> None:
        reader = store.value("reading/reader")
        zoom = store.value("reading/zoom")
        if str(zoom).lstrip("-").isdigit() and int(str(zoom)):
            self.set_zoom(int(str(zoom)))
        if str(reader).lower() == "true":
            self.set_reader(True)

    def save(self, store: QSettings) -> None:
        store.setValue("reading/reader", "true" if self.reader else "false")
        store.setValue("reading/zoom", self.zoom)
