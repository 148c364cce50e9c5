"""A QTextBrowser that never loads anything by itself.

The default ``loadResource`` would read local files named by the page (relative
``src`` resolved against the document) and fetch nothing else; here every
request is refused unless the image was fetched on a person's request and
handed over with :meth:`SafeBrowser.add_images`. Links open in the system
browser only when clicked, and only for web and mail addresses.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QImage,
    QPainter,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget

from ..theme import colors

MAX_IMAGE_WIDTH = 1600
"""Decoded larger than this, an image is scaled down once (memory); the view then fits it."""
INLINE_PLACEHOLDER = (24, 16)
"""An image not loaded inside a line of text is most likely an icon: a small frame."""
FIT_DELAY_MS = 80
HEADING_SCALE = {1: 1.55, 2: 1.3, 3: 1.15, 4: 1.05, 5: 1.0, 6: 1.0}
"""Qt's Markdown headings are poster-sized (h1 = xx-large); these read like an article."""
LINE_HEIGHT = 135


def placeholder_image() -> QImage:
    """Stands in for an image not loaded (nothing remote is fetched unasked): a quiet frame
    with a picture sign, where Qt would draw its broken-document icon (light or dark, as
    the palette in use)."""
    return _placeholder(colors().placeholder)


@functools.cache
def _placeholder(shades: tuple[str, str, str]) -> QImage:
    fill, frame, sign = shades
    image = QImage(120, 72, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(fill))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(frame), 1))
    painter.drawRect(0, 0, 119, 71)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(sign))
    painter.drawEllipse(QPointF(72, 26), 6, 6)  # the sun over two hills
    painter.drawPolygon(QPolygonF([QPointF(38, 52), QPointF(54, 32), QPointF(70, 52)]))
    painter.drawPolygon(QPolygonF([QPointF(58, 52), QPointF(70, 40), QPointF(82, 52)]))
    painter.end()
    return image


def image_from_bytes(data: bytes) -> QImage | None:
    image = QImage.fromData(data)
    if image.isNull():
        return None
    if image.width() > MAX_IMAGE_WIDTH:
        image = image.scaledToWidth(MAX_IMAGE_WIDTH)
    return image


def _data_url_image(url: str) -> QImage | None:
    header, _, payload = url.partition(",")
    try:
        data = (base64.b64decode(payload, validate=False) if header.endswith(";base64")
                else unquote_to_bytes(payload))
    except ValueError:
        return None
    return image_from_bytes(data)


class SafeBrowser(QTextBrowser):
    """Read-only rich text: the rendered raw page and the article preview."""

    link_hovered = Signal(str)
    open_failed = Signal(str)
    """A clicked link no program could open, said in words (Qt only warns on stderr)."""
    clip_link_requested = Signal(str)
    """"Clip This Link" was chosen on a web link (its address)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.document().setDocumentMargin(14)
        self._images: dict[str, QImage] = {}
        self._local: dict[str, QImage] = {}
        self._content: tuple[str, str] = ("html", "")
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(FIT_DELAY_MS)
        self._fit_timer.timeout.connect(self.fit_images)
        self.anchorClicked.connect(self._follow)
        self.highlighted.connect(lambda url: self.link_hovered.emit(url.toString()))
        self._measure: int | None = None
        self._base_points = self.font().pointSizeF()
        self.last_menu: QMenu | None = None
        self.extend_menu: Callable[[QMenu, QPoint], None] | None = None
        """Adds to the right-click menu (the page view's Keep/Drop/This Is the Article)."""
        """The context menu shown last (what tests read)."""

    # -- content -----------------------------------------------------------------------------

    def show_html(self, html: str) -> None:
        self._content = ("html", html)
        self.setHtml(html)
        self._apply_measure()
        self.fit_images()

    def show_markdown(self, markdown: str) -> None:
        self._content = ("markdown", markdown)
        self.setMarkdown(markdown)
        self._make_readable()
        self._apply_measure()
        self.fit_images()

    def _show_again(self) -> None:
        """The same content laid out anew (new fonts, colours or images), at the same place."""
        bar = self.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        kind, text = self._content
        if kind == "markdown":
            self.show_markdown(text)
        else:
            self.show_html(text)
        bar.setValue(round(ratio * bar.maximum()))

    # -- reading: measure and zoom -----------------------------------------------------------

    def set_measure(self, characters: int | None) -> None:
        """Lines at most about ``characters`` wide, centred (the reader layout); None: the
        whole pane."""
        if characters != self._measure:
            self._measure = characters
            self._apply_measure()
            self.fit_images()

    def measure(self) -> int | None:
        return self._measure

    def _measure_px(self) -> int | None:
        if self._measure is None:
            return None
        return self.fontMetrics().averageCharWidth() * self._measure

    def _apply_measure(self) -> None:
        doc = self.document()
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        side = 0.0
        width = self._measure_px()
        if width is not None:
            side = max(0.0, (self.viewport().width() - 2 * doc.documentMargin() - width) / 2)
        if (fmt.leftMargin(), fmt.rightMargin()) != (side, side):
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            frame.setFrameFormat(fmt)

    def set_zoom(self, factor: float) -> None:
        """Text ``factor`` times its normal size (Ctrl+= / Ctrl+- / Ctrl+0)."""
        font = self.font()
        if abs(font.pointSizeF() - self._base_points * factor) < 0.01:
            return
        font.setPointSizeF(self._base_points * factor)
        self.setFont(font)
        if self._content[1]:
            self._show_again()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._content[1]:
            self._show_again()  # pictures not loaded drawn in the new scheme's shades

    # -- links: a menu of their own ----------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        link = self.anchorAt(event.pos())
        url = QUrl(link)
        if link and url.scheme().lower() in ("http", "https"):
            clip = QAction("Clip This Link", menu)
            clip.setObjectName("clipLinkAction")
            clip.triggered.connect(lambda _=False: self.clip_link_requested.emit(link))
            browse = QAction("Open Link in Browser", menu)
            browse.triggered.connect(lambda _=False: self._follow(url))
            existing = menu.actions()
            if existing:
                menu.insertActions(existing[0], [clip, browse])
                menu.insertSeparator(existing[0])
            else:
                menu.addActions([clip, browse])
        if self.extend_menu is not None:
            self.extend_menu(menu, event.pos())
        self.last_menu = menu  # tests look at it
        menu.popup(event.globalPos())

    def source_line_at(self, pos: QPoint) -> int | None:
        """The source line of the block under ``pos`` (a page sanitised with ``lines``):
        the nearest line mark at or before it."""
        from ..sanitize import LINE_ANCHOR

        cursor = self.cursorForPosition(pos)
        block, limit = cursor.block(), cursor.position()
        while block.isValid():
            found = None
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.position() <= limit:
                    for name in fragment.charFormat().anchorNames():
                        if name.startswith(LINE_ANCHOR) and name[len(LINE_ANCHOR):].isdigit():
                            found = int(name[len(LINE_ANCHOR):])
                it += 1
            if found is not None:
                return found
            block = block.previous()
            limit = block.position() + block.length() if block.isValid() else 0
        return None

    # -- images and code that fit the pane ---------------------------------------------------

    def fit_images(self) -> None:
        """Every picture at most as wide as the pane (a 640-px photo in a 500-px pane is
        scaled, not scrolled to), small ones at their own size, an icon not loaded as a
        small frame rather than a photo-sized one."""
        doc = self.document()
        room = self.viewport().width() - 2 * doc.documentMargin() - 8
        measure = self._measure_px()
        if measure is not None:
            room = min(room, measure - 8)
        if room <= 40:
            return
        cursor = QTextCursor(doc)
        block = doc.begin()
        while block.isValid():
            alone = block.text().strip() == "\ufffc"
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                fragments += 1
                chars = fragment.charFormat()
                if not chars.isImageFormat():
                    continue
                image = chars.toImageFormat()
                size = self._natural_size(image.name(), alone)
                if size is None:
                    continue
                width, height = size
                if width > room:
                    width, height = room, height * room / width
                if (image.width(), image.height()) == (width, height):
                    continue
                image.setWidth(width)
                image.setHeight(height)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(image)
            block = block.next()

    def _natural_size(self, name: str, alone: bool) -> tuple[float, float] | None:
        image = self.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        if not isinstance(image, QImage) or image.isNull():
            return None
        if image is placeholder_image() and not alone:
            return INLINE_PLACEHOLDER
        return float(image.width()), float(image.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._apply_measure()
            self._fit_timer.start()

    def _make_readable(self) -> None:
        """Article typography: moderate headings, airy lines (a few µs per block)."""
        doc = self.document()
        base = self.font().pointSizeF()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        block = doc.begin()
        while block.isValid():
            fmt = block.blockFormat()
            level = fmt.headingLevel()
            if block.text().strip() == "\ufffc":
                # A picture alone on its line: 135% of a photo's height would leave a band of
                # blank space under it; a paragraph's margin instead.
                fmt.setBottomMargin(base * 1.4)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
            elif fmt.nonBreakableLines():
                # A code line longer than the pane would widen the whole preview (Qt's rich
                # text has no scrolling box inside it): it wraps within the pane instead.
                fmt.setNonBreakableLines(False)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
            elif not fmt.hasProperty(QTextFormat.Property.BlockCodeLanguage):
                fmt.setLineHeight(LINE_HEIGHT,
                                  QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                if level:
                    fmt.setTopMargin(base * 0.9)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
            if level and base > 0:
                size = base * HEADING_SCALE.get(level, 1.0)
                fragments = block.begin()
                while not fragments.atEnd():
                    fragment = fragments.fragment()
                    chars = fragment.charFormat()
                    chars.clearProperty(QTextFormat.Property.FontSizeAdjustment)
                    chars.setFontPointSize(size)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(chars)
                    fragments += 1
            block = block.next()
        cursor.endEditBlock()

    def clear_content(self) -> None:
        self._content = ("html", "")
        self._images.clear()
        self._local.clear()
        self.clear()

    # -- images ------------------------------------------------------------------------------

    def add_images(self, images: dict[str, QImage]) -> None:
        """Show these images from now on (re-lays out the current content)."""
        if not images:
            return
        self._images.update(images)
        bar = self.verticalScrollBar()
        position = bar.value()
        kind, text = self._content
        if kind == "markdown":
            self.show_markdown(text)
        else:
            self.show_html(text)
        bar.setValue(position)

    def set_local_images(self, images: dict[str, QImage]) -> None:
        """Images of a saved clip's assets folder, by the relative path its Markdown uses."""
        self._local = dict(images)

    def has_image(self, url: str) -> bool:
        return url in self._images or url in self._local

    def loadResource(self, type: int, name: QUrl | str) -> object:
        if type != QTextDocument.ResourceType.ImageResource.value:
            return None  # no stylesheets, no frames: nothing external ever
        if not isinstance(name, QUrl):
            name = QUrl(name)
        url = name.toString()
        if url in self._images:
            return self._images[url]
        if name.isRelative():
            local = self._local.get(name.path(QUrl.ComponentFormattingOption.FullyDecoded))
            return local if local is not None else placeholder_image()
        if url.startswith("data:image/"):
            image = _data_url_image(url)
            if image is not None:
                self._images[url] = image
            return image
        return placeholder_image()

    # -- links -------------------------------------------------------------------------------

    def _follow(self, url: QUrl) -> None:
        if url.scheme().lower() in ("http", "https", "mailto"):
            if not QDesktopServices.openUrl(url):
                what = "an e-mail program" if url.scheme().lower() == "mailto" else \
                    "a default web browser"
                self.open_failed.emit(
                    f"No program could open {url.toString()}. Choose {what} in your "
                    "desktop's settings, or right-click the link to copy its address.")
        elif url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
