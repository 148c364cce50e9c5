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
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
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
from PySide6.QtWidgets import QTextBrowser, QWidget

MAX_IMAGE_WIDTH = 1600
"""Decoded larger than this, an image is scaled down once (memory); the view then fits it."""
INLINE_PLACEHOLDER = (24, 16)
"""An image not loaded inside a line of text is most likely an icon: a small frame."""
FIT_DELAY_MS = 80
HEADING_SCALE = {1: 1.55, 2: 1.3, 3: 1.15, 4: 1.05, 5: 1.0, 6: 1.0}
"""Qt's Markdown headings are poster-sized (h1 = xx-large); these read like an article."""
LINE_HEIGHT = 135


@functools.cache
def placeholder_image() -> QImage:
    """Stands in for an image not loaded (nothing remote is fetched unasked): a quiet frame
    with a picture sign, where Qt would draw its broken-document icon."""
    image = QImage(120, 72, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#eef0f3"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#c5cad3"), 1))
    painter.drawRect(0, 0, 119, 71)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#b4bac5"))
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

    # -- content -----------------------------------------------------------------------------

    def show_html(self, html: str) -> None:
        self._content = ("html", html)
        self.setHtml(html)
        self.fit_images()

    def show_markdown(self, markdown: str) -> None:
        self._content = ("markdown", markdown)
        self.setMarkdown(markdown)
        self._make_readable()
        self.fit_images()

    # -- images and code that fit the pane ---------------------------------------------------

    def fit_images(self) -> None:
        """Every picture at most as wide as the pane (a 640-px photo in a 500-px pane is
        scaled, not scrolled to), small ones at their own size, an icon not loaded as a
        small frame rather than a photo-sized one."""
        doc = self.document()
        room = self.viewport().width() - 2 * doc.documentMargin() - 8
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
