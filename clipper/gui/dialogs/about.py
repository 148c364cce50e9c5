"""Help ▸ About Clipper."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from clipper import APP_NAME, __version__


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent, f"About {APP_NAME}",
        f"<h3>{APP_NAME} {__version__}</h3><p>Turns a web page into a clean Markdown clip "
        "in your library folder.</p><p>Pages are shown without running their scripts or "
        "loading anything remote unless you ask.</p>")
