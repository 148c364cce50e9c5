"""Settings…: the dialog, then what its choices change at once (the file written, the theme,
the library the pane lists); templates apply to the next clip saved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from clipper.settings import Settings, save_settings

from .session import Session

if TYPE_CHECKING:
    from .theme import Theme
    from .widgets.library_pane import LibraryPane


class Window(Protocol):
    """What Settings changes in the window."""

    settings: Settings
    session: Session
    theme: Theme
    library_pane: LibraryPane

    @property
    def library(self) -> Path: ...
    def library_override(self) -> str | None: ...


class SettingsFlow(QObject):
    def __init__(self, window: Window, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = window
        self._parent = parent

    def show(self) -> None:
        # Loaded now, not with the window: the template editor reads YAML and the templates.
        from .dialogs.settings_dialog import SettingsDialog

        w = self._window
        session = w.session
        sample = session.current_clip() if session.has_clip else None
        dialog = SettingsDialog(w.settings, w.library_override(), self._parent,
                                library=w.library, sample=sample)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        new = dialog.result_settings()
        try:
            save_settings(new)
        except OSError as exc:
            session.failed(f"Cannot save the settings: {exc.strerror or exc}")
            return
        w.settings = new
        w.theme.apply(new.theme)
        w.library_pane.set_library(w.library)
        session.said(f"Settings saved; clips go to {w.library}")
