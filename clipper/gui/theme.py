"""Light or dark: the desktop's colour scheme followed as it changes, or one forced in Settings.

Qt 6.8 tells the desktop's scheme (``QStyleHints.colorScheme()``, with a signal when the
person switches) and can be asked for one (``setColorScheme``); where the platform cannot
switch (X11 without a desktop portal, offscreen), a forced scheme gets a palette of our own.
The widgets that paint colours of their own (the message strip, the source's tints and
syntax colours, the preview's picture placeholder) take them from ``colors()``, which
reads the palette in use, and redraw on the palette change that a switch sends them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

THEMES = ("system", "light", "dark")


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette in use (the application's, by default) is a dark one."""
    if palette is None:
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@dataclass(frozen=True)
class Colors:
    """The colours Clipper paints itself, for a light or a dark palette."""

    notices: dict[str, tuple[str, str, str]]
    """Level -> (background, border, text) of the message strip."""
    kept_background: str
    kept_mark: str
    dropped_background: str
    """The source line where a block the extractor dropped starts."""
    picked_background: str
    """The block a person is picking (pick mode), in the source and the page."""
    tokens: dict[str, str]
    """Syntax colours of the source: tag, attr, value, comment, doctype, entity."""
    placeholder: tuple[str, str, str]
    """A picture not loaded: fill, frame, sign."""
    problem: str
    """Text that says something is wrong (a field's problem)."""
    warning_text: str
    not_found: str
    """The find field's background when nothing matches."""
    diff: dict[str, str]
    """Re-extract's side-by-side diff: text and muted text, the backgrounds of a saved
    (old) and a re-extracted (new) line, of the words cut and put in a changed one."""


LIGHT = Colors(
    notices={"error": ("#fdecea", "#e8a09a", "#5f1d17"),
             "warning": ("#fff4e0", "#e6c17a", "#5a3d00"),
             "info": ("#e8f1fb", "#9dbfe6", "#163a5f"),
             "success": ("#e6f4e7", "#94c897", "#1d4b21")},
    kept_background="#e3f4e1", kept_mark="#3c9a41", dropped_background="#fbeadf",
    picked_background="#cfe3ff",
    tokens={"tag": "#22639a", "attr": "#8a4a9c", "value": "#a34a1d", "comment": "#7a8088",
            "doctype": "#7a8088", "entity": "#b0306a"},
    placeholder=("#eef0f3", "#c5cad3", "#b4bac5"),
    problem="#b3261e", warning_text="#9a4a00", not_found="#fbe3e3",
    diff={"text": "#000000", "muted": "#666666", "old": "#fdecec", "new": "#e8f6ea",
          "cut": "#f6b9b9", "put": "#a9e2b3"})
DARK = Colors(
    notices={"error": ("#4a1f1c", "#8c3b33", "#ffd9d4"),
             "warning": ("#453313", "#8a6a2a", "#ffe6b8"),
             "info": ("#1b2f45", "#3b6a9c", "#d6e8ff"),
             "success": ("#1c3a21", "#3f7d47", "#d3f2d6")},
    kept_background="#1f3d24", kept_mark="#5cbf63", dropped_background="#4a2f1e",
    picked_background="#24446e",
    tokens={"tag": "#7fb4e8", "attr": "#d7a0e6", "value": "#f0a37a", "comment": "#8f96a0",
            "doctype": "#8f96a0", "entity": "#f08cbc"},
    placeholder=("#2b2f36", "#4a505b", "#5d6471"),
    problem="#ff8a80", warning_text="#ffb36b", not_found="#5a2626",
    diff={"text": "#e6e8eb", "muted": "#a0a6ae", "old": "#4a1f1c", "new": "#1f3d24",
          "cut": "#7a2e28", "put": "#2f6b38"})


def colors(palette: QPalette | None = None) -> Colors:
    return DARK if is_dark(palette) else LIGHT


def dark_palette() -> QPalette:
    """A dark palette for a platform that cannot switch by itself (Fusion's roles)."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    base, window, text = QColor("#1e2126"), QColor("#2a2e35"), QColor("#e6e8eb")
    muted = QColor("#8d939c")
    for r, c in ((role.Window, window), (role.WindowText, text), (role.Base, base),
                 (role.AlternateBase, QColor("#262a30")), (role.ToolTipBase, window),
                 (role.ToolTipText, text), (role.PlaceholderText, muted), (role.Text, text),
                 (role.Button, QColor("#33383f")), (role.ButtonText, text),
                 (role.BrightText, QColor("#ffffff")), (role.Light, QColor("#454b54")),
                 (role.Midlight, QColor("#3a3f47")), (role.Mid, QColor("#24272c")),
                 (role.Dark, QColor("#16181b")), (role.Shadow, QColor("#0b0c0e")),
                 (role.Highlight, QColor("#3d6fb4")), (role.HighlightedText, QColor("#ffffff")),
                 (role.Link, QColor("#8ab4f8")), (role.LinkVisited, QColor("#c58af9"))):
        p.setColor(r, c)
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, muted)
    p.setColor(group.Disabled, role.Base, window)
    return p


def light_palette() -> QPalette:
    """Fusion's light palette, for a forced light scheme on a dark desktop."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    window, text, muted = QColor("#efefef"), QColor("#000000"), QColor("#7f7f7f")
    for r, c in ((role.Window, window), (role.WindowText, text), (role.Base, QColor("#ffffff")),
                 (role.AlternateBase, QColor("#f7f7f7")), (role.ToolTipBase, QColor("#ffffdc")),
                 (role.ToolTipText, text), (role.PlaceholderText, muted), (role.Text, text),
                 (role.Button, window), (role.ButtonText, text),
                 (role.BrightText, QColor("#ffffff")), (role.Light, QColor("#ffffff")),
                 (role.Midlight, QColor("#cacaca")), (role.Mid, QColor("#b8b8b8")),
                 (role.Dark, QColor("#9f9f9f")), (role.Shadow, QColor("#767676")),
                 (role.Highlight, QColor("#308cc6")), (role.HighlightedText, QColor("#ffffff")),
                 (role.Link, QColor("#0000ff")), (role.LinkVisited, QColor("#ff00ff"))):
        p.setColor(r, c)
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, muted)
    return p


class _DarkStyle(QProxyStyle):
    """The platform's style, with check boxes that show on a dark palette of ours: Fusion
    outlines them in a shade of the window colour, which is the colour of a dark list."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox and is_dark(option.palette):
            painter.save()
            painter.setPen(option.palette.color(QPalette.ColorRole.Light))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


class _Notifier(QObject):
    changed = Signal(bool)


_notifier: _Notifier | None = None


def switched() -> SignalInstance:
    """Emitted (True: dark) when the application's palette switched between light and dark:
    for widgets whose style sheet keeps the palette change from reaching them."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier.changed


class Theme(QObject):
    """Applies Settings' theme to the application and follows the desktop's in "system"."""

    changed = Signal(bool)
    """The palette switched; True: it is dark now."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setting = "system"
        hints = QGuiApplication.styleHints()
        signal = getattr(hints, "colorSchemeChanged", None)
        if signal is not None:  # Qt 6.5+
            signal.connect(self._system_changed)
        self._dark: bool | None = None
        self._custom = False
        """A palette of ours is set (else the platform's is in use, untouched)."""

    def apply(self, setting: str) -> None:
        """``system``, ``light`` or ``dark`` for the whole application."""
        self.setting = setting if setting in THEMES else "system"
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        hints = QGuiApplication.styleHints()
        wanted = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(
            self.setting, Qt.ColorScheme.Unknown)
        if hasattr(hints, "setColorScheme"):  # Qt 6.8+: the platform switches if it can
            hints.setColorScheme(wanted)
        standard = app.style().standardPalette()
        dark = self.system_is_dark() if self.setting == "system" else self.setting == "dark"
        if dark != is_dark(standard):  # the platform could not switch: a palette of ours
            if dark and not isinstance(app.style(), _DarkStyle):
                app.setStyle(_DarkStyle(app.style().name()))
            app.setPalette(dark_palette() if dark else light_palette())
            self._custom = True
        elif self._custom:  # back to the platform's own
            app.setPalette(standard)
            self._custom = False
        self._announce()

    def system_is_dark(self) -> bool:
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.setting == "system":
            self.apply("system")

    def _announce(self) -> None:
        dark = is_dark()
        if dark != self._dark:
            self._dark = dark
            self.changed.emit(dark)
            switched().emit(dark)
