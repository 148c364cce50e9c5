"""Render the app icon PNGs from ``resources/clipper.svg`` into the package's hicolor tree.

The PNGs are committed package data (a user's machine has no SVG renderer
guaranteed, and small sizes must look the same everywhere), so run this
after every change to the SVG: ``python packaging/render_icons.py``.
``--check`` exits 1 when the committed files differ from a fresh render (byte
for byte, so another Qt version's PNG encoder may also count as a difference);
``--preview FILE`` also writes a contact sheet, enlarged without smoothing,
to judge the small sizes pixel by pixel.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clipper import APP_ID  # noqa: E402

SOURCE = ROOT / "resources" / "clipper.svg"
HICOLOR = ROOT / "clipper" / "gui" / "assets" / "icons" / "hicolor"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int, hicolor: Path = HICOLOR) -> Path:
    return hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def svg_path(hicolor: Path = HICOLOR) -> Path:
    return hicolor / "scalable" / "apps" / f"{APP_ID}.svg"


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([])


def render(size: int, source: Path = SOURCE):
    """One size as a QImage; premultiplied ARGB keeps antialiased edges clean."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def outputs(source: Path = SOURCE) -> dict[Path, bytes]:
    """Every file the icon tree should hold, with its exact bytes."""
    _app()
    files = {png_path(size): _png_bytes(render(size, source)) for size in SIZES}
    files[svg_path()] = source.read_bytes()
    return files


def preview(path: Path, source: Path = SOURCE, zoom: int = 6) -> None:
    """Small sizes enlarged pixel-exact, next to the large ones, on light and dark backgrounds."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QImage, QPainter

    small = [16, 24, 32, 48]
    # QImage.scaled defaults to nearest-neighbour: each icon pixel becomes a zoom x zoom block
    cells = [(s, render(s, source).scaled(s * zoom, s * zoom)) for s in small]
    cells.append((256, render(256, source)))
    width = sum(img.width() for _, img in cells) + 20 * (len(cells) + 1)
    height = max(img.height() for _, img in cells) + 40
    sheet = QImage(width, height * 2, QImage.Format.Format_ARGB32)
    painter = QPainter(sheet)
    for row, bg in enumerate(("#f4f4f4", "#2b2b2b")):
        painter.fillRect(0, row * height, width, height, QColor(bg))
        x = 20
        for _, img in cells:
            painter.drawImage(QPoint(x, row * height + 20), img)
            x += img.width() + 20
    painter.end()
    sheet.save(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report whether the committed icons match the SVG")
    parser.add_argument("--preview", type=Path, metavar="PNG", help="also write a contact sheet")
    args = parser.parse_args(argv)
    files = outputs()
    stale = [p for p, data in files.items() if not p.is_file() or p.read_bytes() != data]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(path.relative_to(ROOT))
    if args.preview:
        preview(args.preview)
    return 0


if __name__ == "__main__":
    sys.exit(main())
