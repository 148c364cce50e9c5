"""What a person clipped lately: the addresses typed (completed in the address bar) and
File ▸ Open Recent (pages loaded, clips opened or saved).

Kept in ``window.ini`` with the window's size, so ``CLIPPER_CONFIG_DIR`` keeps tests and
portable setups apart; an address is remembered without the ``user:password@`` it may hold.
Nothing here touches the network or the library: a recent entry is opened by the same
flows as a typed address or a click in the library pane.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QMenu, QWidget

from clipper.models import Source

if TYPE_CHECKING:
    from .main_window import MainWindow as _Window

MAX_ADDRESSES = 200
MAX_RECENT = 12


@dataclass(frozen=True)
class Recent:
    kind: str
    """``page`` (an address or a saved page's path) or ``clip`` (a file in the library)."""
    value: str
    label: str


def _without_credentials(address: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(address)
    except ValueError:
        return address
    if parts.username is None and parts.password is None:
        return address
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=host))


class History(QObject):
    open_page = Signal(object)
    """A recent page was chosen: the ``Source`` to load."""
    open_clip = Signal(object)
    """A recent clip was chosen: its Path."""

    def __init__(self, parent: QWidget, store: Callable[[], QSettings]) -> None:
        super().__init__(parent)
        self._store = store
        self.addresses: list[str] = []
        self.recent: list[Recent] = []
        self._model = QStringListModel(self)
        self.menu = QMenu("Open &Recent", parent)
        self.menu.setObjectName("recentMenu")
        self.menu.setToolTipsVisible(True)
        self.menu.aboutToShow.connect(self._fill_menu)

    def follow(self, window: _Window) -> None:
        """Remember what the window loads, opens and saves; open what is chosen here with
        the window's own flows; complete the address bar."""
        session, loader = window.session, window.loader
        self.attach(window.url_bar.field).activated.connect(loader.load_argument)
        loader.shown.connect(lambda: self.loaded(session.source, session.title))
        for done in (window.opener.opened, window.clip_saved):
            done.connect(lambda path: self.clip(path, session.title))
        self.open_page.connect(loader.load_source)
        self.open_clip.connect(window.opener.open_clip)

    # -- the address bar ---------------------------------------------------------------------

    def attach(self, field: QLineEdit) -> QCompleter:
        """Completion of what is typed from the addresses loaded before (anywhere in them)."""
        completer = QCompleter(self._model, field)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        field.setCompleter(completer)
        return completer

    def loaded(self, source: Source | None, title: str) -> None:
        """A page was shown: remember where it came from (not pasted HTML)."""
        if source is None or source.kind == "html":
            return
        value = _without_credentials(source.value) if source.kind == "url" else source.value
        if source.kind == "url":
            self.addresses = [value, *(a for a in self.addresses if a != value)][:MAX_ADDRESSES]
            self._model.setStringList(self.addresses)
        self._remember(Recent("page", value, title or value))

    def clip(self, path: Path, title: str = "") -> None:
        """A clip was opened or saved."""
        self._remember(Recent("clip", str(path), title or Path(path).stem))

    def _remember(self, entry: Recent) -> None:
        self.recent = [entry, *(r for r in self.recent if (r.kind, r.value) !=
                                (entry.kind, entry.value))][:MAX_RECENT]

    def clear_recent(self) -> None:
        self.recent = []

    # -- File ▸ Open Recent ------------------------------------------------------------------

    def _fill_menu(self) -> None:
        self.menu.clear()
        for entry in self.recent:
            where = entry.value if entry.kind == "page" else Path(entry.value).name
            text = entry.label if len(entry.label) <= 70 else entry.label[:69] + "…"
            action = self.menu.addAction(text.replace("&", "&&"))
            action.setToolTip(f"{'Clip' if entry.kind == 'clip' else 'Page'}: {where}")
            action.setStatusTip(entry.value)
            action.triggered.connect(lambda _=False, e=entry: self.choose(e))
        if not self.recent:
            none = self.menu.addAction("No recent pages or clips")
            none.setEnabled(False)
        self.menu.addSeparator()
        clear = self.menu.addAction("&Clear Recent", self.clear_recent)
        clear.setEnabled(bool(self.recent))

    def choose(self, entry: Recent) -> None:
        if entry.kind == "clip":
            self.open_clip.emit(Path(entry.value))
        elif entry.value.lower().startswith(("http://", "https://")):
            self.open_page.emit(Source("url", entry.value))
        else:
            self.open_page.emit(Source("file", entry.value))

    # -- kept between runs -------------------------------------------------------------------

    def restore(self) -> None:
        store = self._store()
        try:
            addresses = json.loads(str(store.value("history/addresses", "[]")))
            recent = json.loads(str(store.value("history/recent", "[]")))
        except ValueError:
            addresses, recent = [], []
        self.addresses = [str(a) for a in addresses if isinstance(a, str)][:MAX_ADDRESSES]
        self.recent = [Recent(str(r[0]), str(r[1]), str(r[2])) for r in recent
                       if isinstance(r, list) and len(r) == 3 and r[0] in ("page", "clip")
                       ][:MAX_RECENT]
        self._model.setStringList(self.addresses)

    def save(self) -> None:
        store = self._store()
        store.setValue("history/addresses", json.dumps(self.addresses, ensure_ascii=False))
        store.setValue("history/recent", json.dumps(
            [[r.kind, r.value, r.label] for r in self.recent], ensure_ascii=False))
