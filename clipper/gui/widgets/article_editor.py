"""The cleaned article: a rendered preview and the Markdown that will be saved.

The preview is rebuilt from the editor (not from the extraction result) each
time it is shown after an edit, so what a person reads is what Ctrl+S writes.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from .find_bar import FindBar
from .notes_bar import NotesBar
from .rules_bar import RulesBar
from .safe_browser import SafeBrowser

PREVIEW_TAB = 0
MARKDOWN_TAB = 1
RENDER_DELAY_MS = 200
"""Typing in the title re-renders the preview once typing pauses, not at each key: a long
article takes ~100 ms to render and lay out again, which would make every key lag."""


def escape_heading(title: str) -> str:
    """A title as one Markdown heading line (a leading '#' or newline would change it)."""
    return " ".join(title.split()).replace("\\", "\\\\").lstrip("#").strip() or "Untitled"


class ArticleEditor(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = SafeBrowser()
        self.preview.setObjectName("articlePreview")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("markdownEditor")
        self.editor.setAcceptDrops(False)
        self.editor.viewport().setAcceptDrops(False)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setTabChangesFocus(False)
        self.editor.textChanged.connect(self._on_text_changed)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.addTab(self.editor, "Markdown")
        self.tabs.setTabToolTip(PREVIEW_TAB, "The article as it will read (Ctrl+E toggles)")
        self.tabs.setTabToolTip(MARKDOWN_TAB, "Edit the Markdown that will be saved (Ctrl+E)")
        self.tabs.currentChanged.connect(self._on_tab)
        self.find_bar = FindBar()
        self.notes = NotesBar()
        self.rules = RulesBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rules)
        layout.addWidget(self.notes)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.find_bar)
        self._title = ""
        self._stale = False
        self._programmatic = False
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self._render)

    def set_article(self, title: str, markdown: str) -> None:
        self._programmatic = True
        try:
            self.editor.setPlainText(markdown)
        finally:
            self._programmatic = False
        self._title = title
        self._render()

    def markdown(self) -> str:
        return self.editor.toPlainText()

    def set_title(self, title: str) -> None:
        """The heading of the preview follows the title field."""
        if title != self._title:
            self._title = title
            self._invalidate()

    def toggle_view(self) -> None:
        self.tabs.setCurrentIndex(MARKDOWN_TAB if self.tabs.currentIndex() == PREVIEW_TAB
                                  else PREVIEW_TAB)
        self.focus_view()

    def focus_view(self) -> None:
        """Focus whichever of preview and editor is shown."""
        self.current_view().setFocus()

    def current_view(self) -> QPlainTextEdit | SafeBrowser:
        return self.editor if self.tabs.currentIndex() == MARKDOWN_TAB else self.preview

    # -- find --------------------------------------------------------------------------------

    def open_find(self) -> None:
        """Ctrl+F: the find bar, on the view shown."""
        if self._stale and self.tabs.currentIndex() == PREVIEW_TAB:
            self._render()
        self.find_bar.open_on(self.current_view())

    def find_again(self, forward: bool = True) -> None:
        """F3 / Shift+F3: the next or previous match (the bar opens if nothing is sought)."""
        if not self.find_bar.field.text():
            self.open_find()
            return
        if self.find_bar.isHidden():
            self.find_bar.open_on(self.current_view())
        self.find_bar.search(forward=forward)

    def clear(self) -> None:
        self.set_article("", "")
        self.preview.clear_content()

    def _on_text_changed(self) -> None:
        if self._programmatic:
            return
        self._invalidate()
        self.edited.emit()

    def _invalidate(self) -> None:
        self._stale = True
        if self.tabs.currentIndex() == PREVIEW_TAB:
            self._render_timer.start()

    def _on_tab(self, index: int) -> None:
        if index == PREVIEW_TAB and self._stale:
            self._render()
        self.find_bar.set_target(self.current_view())

    def _render(self) -> None:
        self._render_timer.stop()
        self._stale = False
        body = self.editor.toPlainText()
        text = f"# {escape_heading(self._title)}\n\n{body}" if self._title or body else ""
        self.preview.show_markdown(text)

    def preview_text(self) -> str:
        if self._stale:
            self._render()
        return self.preview.toPlainText()
