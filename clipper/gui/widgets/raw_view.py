"""The raw page, left pane: its HTML source (kept lines tinted) and a harmless rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .safe_browser import SafeBrowser
from .source_view import SourceView, kept_colors

if TYPE_CHECKING:
    from ..jobs import SourceVariant

SOURCE_TAB = 0
PAGE_TAB = 1
CORNER_FROM = 480
"""Narrower (px), the legend and buttons go under the source."""


class RawView(QWidget):
    load_images_requested = Signal()
    pretty_toggled = Signal(bool)
    """The person asked for the source pretty-printed (True) or as written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = SourceView()
        self.source.setObjectName("sourceView")
        self.page = SafeBrowser()
        self.page.setObjectName("pageView")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.source, "Source")
        self.tabs.addTab(self.page, "Page")
        self.tabs.setTabToolTip(SOURCE_TAB,
                                "The page's HTML; tinted lines made it into the article")
        self.tabs.setTabToolTip(PAGE_TAB,
                                "The page as plain rich text: no scripts, no remote loads")
        self.tabs.currentChanged.connect(self._on_tab)

        self.legend = QLabel()
        self.legend.setObjectName("keptLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.images_button = QPushButton("Load Images")
        self.images_button.setToolTip("Fetch this page's images to show them here "
                                      "(nothing remote is loaded until you ask)")
        self.images_button.clicked.connect(self.load_images_requested)
        self.images_button.setEnabled(False)
        corner = QWidget()
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(6, 0, 4, 2)
        corner_layout.setSpacing(8)
        self.pretty_button = QToolButton()
        self.pretty_button.setObjectName("prettyButton")
        self.pretty_button.setText("Pretty")
        self.pretty_button.setCheckable(True)
        self.pretty_button.setEnabled(False)
        self.pretty_button.setToolTip("Show the source one element a line, indented (a "
                                      "minified page is shown so at once)")
        self.pretty_button.toggled.connect(self._on_pretty)
        self.dropped_button = QToolButton()
        self.dropped_button.setObjectName("droppedButton")
        self.dropped_button.setText("Dropped")
        self.dropped_button.setToolTip("The blocks left out of the article, and why: choose "
                                       "one to see it in the source")
        self.dropped_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.dropped_button.setMenu(QMenu(self.dropped_button))
        self.dropped_button.hide()
        corner_layout.addWidget(self.legend)
        corner_layout.addStretch(1)  # under a narrow pane: the buttons keep their size
        corner_layout.addWidget(self.dropped_button)
        corner_layout.addWidget(self.pretty_button)
        corner_layout.addWidget(self.images_button)
        self._corner = corner
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self._in_corner = True

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.tabs, 1)
        self._layout = layout
        self._page_html: str | None = None
        self._page_shown = False
        self._generation = 0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_corner(event.size().width() >= CORNER_FROM)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._update_legend()  # its swatch in the new scheme's colours

    def _place_corner(self, in_corner: bool) -> None:
        """Legend and buttons beside the tabs when there is room; under the source in a
        narrow pane, where beside they would push the tabs out of sight."""
        if in_corner == self._in_corner:
            return
        self._in_corner = in_corner
        if in_corner:
            self._layout.removeWidget(self._corner)
            self.tabs.setCornerWidget(self._corner, Qt.Corner.TopRightCorner)
        else:
            self.tabs.setCornerWidget(None, Qt.Corner.TopRightCorner)  # type: ignore[arg-type]
            self._layout.addWidget(self._corner)
        self.images_button.setText("Load Images" if in_corner else "Images")
        self._label_dropped()
        self._corner.show()
        self._update_legend()

    def show_source(self, text: str, kept_lines: list[tuple[int, int]]) -> int:
        """Show a new page's source; its rendering follows with :meth:`set_page_html`."""
        self._page_html = None
        self._page_shown = False
        self.page.clear_content()
        self.images_button.setEnabled(False)
        self.source.setPlaceholderText("")
        self._generation = self.source.show_source(text, kept_lines)
        self._list_dropped({})
        self._set_pretty(False, enabled=False)
        self._update_legend()
        return self._generation

    def show_variant(self, generation: int, variant: SourceVariant) -> None:
        """The page's source with its colours and the lines whose text reached the article
        (computed in the background), as written or pretty-printed."""
        if generation != self._generation:
            return
        if variant.text != self.source.toPlainText():
            shown = self.source.show_source(variant.text, variant.kept)
        else:
            shown = self.source.set_kept(variant.kept)
        self.source.apply_tokens(shown, variant.tokens)
        self.source.set_dropped(variant.dropped_tint or {})
        self._list_dropped(variant.dropped or {})
        self._set_pretty(variant.pretty, enabled=True)
        self._update_legend()

    def _set_pretty(self, on: bool, enabled: bool) -> None:
        self.pretty_button.blockSignals(True)
        self.pretty_button.setChecked(on)
        self.pretty_button.blockSignals(False)
        self.pretty_button.setEnabled(enabled)

    def _on_pretty(self, on: bool) -> None:
        self.pretty_button.setEnabled(False)  # until that form of the source is shown
        self.pretty_toggled.emit(on)

    def generation(self) -> int:
        return self._generation

    def _list_dropped(self, dropped: dict[int, str]) -> None:
        """The Dropped menu: one entry per block left out, in page order; choosing one
        brings its line into view."""
        menu = self.dropped_button.menu()
        menu.clear()
        for line in sorted(dropped):
            for text in dropped[line].splitlines():
                reason, _, words = text.removeprefix("Dropped (").partition("): ")
                label = f"{reason.rstrip(')')} — {words}" if words else reason.rstrip(")")
                action = menu.addAction(f"Line {line}: {label}".replace("&", "&&"))
                action.triggered.connect(lambda _=False, n=line: self.source.go_to_line(n))
        self._label_dropped()
        self.dropped_button.setVisible(bool(menu.actions()))

    def _label_dropped(self) -> None:
        """Beside the tabs "Dropped (9)"; under a narrow pane, where that would be cut to
        "Dr…9)", "Dropped" with the count in its tooltip."""
        count = len(self.dropped_button.menu().actions())
        button = self.dropped_button
        button.setText(f"Dropped ({count})" if self._in_corner else "Dropped")
        button.setToolTip(f"{count} block{'s' if count != 1 else ''} left out of the article, "
                          "and why: choose one to see it in the source")
        button.setMinimumWidth(button.sizeHint().width())

    def _update_legend(self) -> None:
        kept = self.source.kept_line_count()
        total = self.source.blockCount()
        tint, mark = kept_colors()
        swatch = (f"<span style='background:{tint.name()};"
                  f"color:{mark.name()}'>&nbsp;■&nbsp;</span>")
        counts = f"{kept:,} of {total:,} lines kept" if self._in_corner \
            else f"{kept:,}/{total:,} kept"  # under a narrow pane: short
        self.legend.setText(f"{swatch} {counts}" if kept else "")
        # Qt measures the rich text's swatch short: room for all of it, said explicitly
        metrics = self.legend.fontMetrics()
        self.legend.setMinimumWidth(metrics.horizontalAdvance(f" ■  {counts}") + 12
                                    if kept else 0)
        self.legend.setToolTip("Tinted lines hold text that is in the article; the rest "
                               "was left out")

    def set_page_html(self, generation: int, html: str, has_images: bool) -> None:
        """The sanitised rendering, drawn when the Page tab is first shown (it can be slow)."""
        if generation != self._generation:
            return
        self._page_html = html
        self.images_button.setEnabled(has_images)
        if self.tabs.currentIndex() == PAGE_TAB:
            self._show_page()

    def _on_tab(self, index: int) -> None:
        if index == PAGE_TAB:
            self._show_page()

    def _show_page(self) -> None:
        if self._page_html is not None and not self._page_shown:
            self._page_shown = True
            self.page.show_html(self._page_html)

    def set_saved_copy(self, loaded_at: str | None) -> None:
        """The page shown is the copy kept with a clip (loaded at ``loaded_at``), not the
        live page: the tabs say so."""
        when = f" on {loaded_at[:10]}" if loaded_at else ""
        self.tabs.setTabText(PAGE_TAB, "Saved Page" if loaded_at is not None else "Page")
        self.tabs.setTabToolTip(
            PAGE_TAB, f"The page as it was loaded{when}, kept with the clip: no scripts, no "
            "remote loads" if loaded_at is not None
            else "The page as plain rich text: no scripts, no remote loads")
        self.tabs.setTabToolTip(
            SOURCE_TAB, f"The HTML of the page as it was loaded{when}, kept with the clip; "
            "tinted lines made it into the article" if loaded_at is not None
            else "The page's HTML; tinted lines made it into the article")

    def clear(self, note: str = "") -> None:
        """No page: ``note`` (greyed) says why, e.g. for a clip opened from the library."""
        self.show_source("", [])
        self.legend.setText("")
        self.source.setPlaceholderText(note)
