"""Correcting the article by pointing at the page's source: right-click a line, then **Keep
This Block**, **Drop This Block** or **This Is the Article**. The page is cleaned again at
once with that choice; then Clipper asks whether to remember it for the site (a rule in the
library's ``.clipper/site-rules.yaml``), and writes nothing unless told to."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from clipper.errors import CancelledError

from . import jobs, tasks
from .messages import error_text
from .pick_mode import PickMode
from .session import Session

if TYPE_CHECKING:
    from clipper.pipeline import Loaded

    from .load_flow import Confirm
    from .tasks import Task
    from .widgets.raw_view import RawView

CHOICES = (("keep", "Keep This Block"), ("drop", "Drop This Block"),
           ("article", "This Is the Article"))
_VERBS = {"keep": "keep", "drop": "drop", "article": "take as the article"}


class PickFlow(QObject):
    def __init__(self, session: Session, parent: QWidget, *, raw_view: RawView,
                 confirm: Confirm, library: Callable[[], Path] | None,
                 rules_off: Callable[[], bool], show: Callable[[Loaded], None]) -> None:
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._raw_view = raw_view
        self._source = source = raw_view.source
        self._confirm = confirm
        self._library = library
        self._rules_off = rules_off
        self._show = show
        self.task: Task[jobs.Picked] | None = None
        source.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        source.customContextMenuRequested.connect(self._menu)
        raw_view.page.extend_menu = self._page_menu
        self.mode = PickMode(raw_view, self._html)
        self.mode.chosen.connect(self.pick)
        self._page: Loaded | None = None
        session.subscribe(self._on_session)

    def _html(self) -> str | None:
        loaded = self._session.loaded
        return loaded.html if loaded is not None else None

    def _on_session(self) -> None:
        if self._session.loaded is not self._page:  # another page (or a corrected one)
            self._page = self._session.loaded
            self.mode.forget()

    def choose_article(self) -> None:
        """Pick mode on the page shown ("Choose the Article…" in an unsure page's notice)."""
        loaded = self._session.loaded
        if loaded is not None and loaded.article.markdown and self.task is None:
            self.mode.start()
            self._session.said("Click the article's block in the page, widen it with "
                               "Alt+↑, then This Is the Article")

    def _up(self, line: int) -> int:
        """How much the pick on ``line`` was widened (pointing again at it keeps it)."""
        self.mode.point(line)
        return self.mode.up if self.mode.line == line else 0

    def _page_menu(self, menu: QMenu, pos: QPoint) -> None:
        """The rendered page's right-click menu: the block under the mouse, by the source
        line its rendering carries."""
        loaded = self._session.loaded
        line = self._raw_view.page.source_line_at(pos)
        usable = (loaded is not None and line is not None and bool(loaded.article.markdown)
                  and self.task is None)
        menu.addSeparator()
        up = self._up(line) if usable and line is not None else 0
        for kind, label in CHOICES:
            action = menu.addAction(label)
            action.setEnabled(usable)
            if line is not None:
                action.triggered.connect(partial(self.pick, line, kind, up))
        menu.aboutToHide.connect(self._menu_closed)

    def _menu(self, pos: QPoint) -> None:
        menu = self._source.createStandardContextMenu(pos)
        menu.setObjectName("sourceMenu")
        loaded = self._session.loaded
        line = self._source.cursorForPosition(pos).blockNumber() + 1
        pretty = self._raw_view.pretty_button.isChecked()
        usable = (loaded is not None and not pretty
                  and bool(loaded.article.markdown) and self.task is None)
        menu.addSeparator()
        up = self._up(line) if usable else 0
        for kind, label in CHOICES:
            action = menu.addAction(label)
            action.setEnabled(usable)
            action.triggered.connect(partial(self.pick, line, kind, up))
        if loaded is not None and pretty:
            menu.addAction("Turn Pretty off to pick a block").setEnabled(False)
        menu.exec(self._source.viewport().mapToGlobal(pos))
        menu.deleteLater()
        self._menu_closed()

    def _menu_closed(self) -> None:
        if not self.mode.active:
            self.mode.point(None)  # the highlight was for the menu only

    def pick(self, line: int, kind: str, up: int = 0) -> None:
        """Clean the page again with the block on ``line`` (widened ``up`` levels) kept,
        dropped or as the article."""
        loaded = self._session.loaded
        if loaded is None or self.task is not None:
            return

        def go() -> None:
            library = self._library() if self._library is not None else None
            self.task = tasks.run_in_background(
                partial(jobs.pick_block, loaded, line, kind, library, not self._rules_off(),
                        up=up),
                on_done=self._picked, on_error=self._failed, name="pick a block")

        self._confirm("cleaning the page again with your choice", go)

    def _failed(self, error: BaseException) -> None:
        self.task = None
        if not isinstance(error, CancelledError):
            self._session.informed(error_text(error, "picking a block"), "warning")

    def _picked(self, picked: jobs.Picked) -> None:
        self.task = None
        self._show(picked.loaded)
        verb = _VERBS[picked.kind]
        if picked.host is None or self._library is None:
            self._session.said(f"This page only: {verb} {picked.selector}")
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Remember for the Site?",
                          f"Always {verb} this block on pages of {picked.host}?",
                          parent=self._parent)
        box.setInformativeText(f"{picked.selector}\n“{picked.text[:60]}”\n\nThe rule goes "
                               "into the library's site rules (Settings ▸ Site Rules).")
        remember = box.addButton("Remember for the Site", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("This Page Only", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(remember)
        box.exec()
        if box.clickedButton() is not remember:
            self._session.said(f"This page only: {verb} {picked.selector}")
            return
        library = self._library()
        tasks.run_in_background(
            partial(jobs.remember_rule, library, picked.host, picked.kind, picked.selector,
                    f"picked: {picked.text[:40]}"),
            on_done=lambda path: self._session.said(
                f"Site rule saved for {picked.host}: {verb} {picked.selector}"),
            on_error=partial(self._failed), name="remember a site rule")
