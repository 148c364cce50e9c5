"""The application icon, read as package data so it works from a wheel, a zip or a bundle.

Every rendered size is added to one QIcon: Qt then picks the hand-aligned PNG
closest to what the title bar, task bar or Alt+Tab asks for instead of
scaling one big image down (which blurs the 16 and 32 px versions).
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

from clipper import APP_ID


def app_icon() -> QIcon:
    """Clipper's icon with all its sizes; needs a QGuiApplication (QPixmap does).

    Not cached: a QIcon kept past the QApplication's life can crash at exit, and
    reading eight small PNGs takes about a millisecond.
    """
    icon = QIcon()
    # one part per step: Traversable.joinpath takes a single name before Python 3.11
    hicolor = resources.files("clipper") / "gui" / "assets" / "icons" / "hicolor"
    for size_dir in hicolor.iterdir():
        png = size_dir / "apps" / f"{APP_ID}.png"
        if not png.is_file():
            continue  # scalable/ holds the SVG source, not needed at run time
        pixmap = QPixmap()
        if pixmap.loadFromData(png.read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon

