"""The preview fits its pane: photos scale to its width, icons stay small, code wraps."""

from __future__ import annotations

import re

from helpers.pages import article_page
from helpers.window import TIMEOUT, png_bytes, wait_loaded
from PySide6.QtWidgets import QApplication

from clipper.gui.widgets.safe_browser import SafeBrowser


def images_in(view: SafeBrowser) -> dict[str, tuple[float, float]]:
    sizes = {}
    block = view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            chars = fragments.fragment().charFormat()
            if chars.isImageFormat():
                image = chars.toImageFormat()
                sizes[image.name().rsplit("/", 1)[-1]] = (image.width(), image.height())
            fragments += 1
        block = block.next()
    return sizes


def test_photos_fit_the_pane_icons_stay_small_code_wraps(qtbot, window, http_server) -> None:
    http_server.route("/photo.png", png_bytes(640, 400), content_type="image/png")
    http_server.route("/icon.png", png_bytes(24, 16), content_type="image/png")
    code = "x = 1  # " + "a very long comment " * 30
    page = article_page("Harbour photos").replace(
        "</article>",
        f"<p>Tap the <img src='{http_server.url('/icon.png')}' alt='share'> icon to share. "
        "The council said the pier would reopen next year after the repairs.</p>"
        f"<figure><img src='{http_server.url('/photo.png')}' alt='pier'></figure>"
        f"<pre><code>{code}</code></pre></article>")
    http_server.route("/photos", page)
    window.resize(900, 600)
    window.load_argument(http_server.url("/photos"))
    wait_loaded(qtbot, window, "Harbour photos")
    preview = window.article.preview
    # not loaded yet: the icon is a small frame, not a photo-sized placeholder
    assert images_in(preview)["icon.png"] == (24, 16)
    window.actions_.load_images.trigger()
    qtbot.waitUntil(lambda: preview.has_image(http_server.url("/photo.png")), timeout=TIMEOUT)
    QApplication.processEvents()
    sizes = images_in(preview)
    room = preview.viewport().width()
    assert sizes["icon.png"] == (24, 16)  # small images keep their size
    width, height = sizes["photo.png"]
    assert width < 640
    assert width <= room
    assert abs(height - width * 400 / 640) < 1  # the same shape
    assert preview.horizontalScrollBar().maximum() == 0  # nothing wider than the pane
    # a narrower pane: the photo follows
    window.splitter.setSizes([600, 300])
    qtbot.waitUntil(lambda: images_in(preview)["photo.png"][0] <= preview.viewport().width(),
                    timeout=TIMEOUT)
    assert preview.horizontalScrollBar().maximum() == 0


def test_a_minified_page_is_shown_pretty_printed_and_the_toggle_switches(
        qtbot, window, tmp_path) -> None:
    body = "".join(f"<div class='post'><p>Paragraph {i}: the harbour council met again to "
                   f"discuss the pier repairs and the budget.</p><span>Ad {i}</span></div>"
                   for i in range(30))
    page = tmp_path / "minified.html"
    page.write_text("<!doctype html><html><head><title>Minified pier story</title><script>"
                    f"x()</script></head><body><article><h1>Minified pier story</h1>{body}"
                    "</article></body></html>", encoding="utf-8")
    window.open_arguments([str(page)])
    wait_loaded(qtbot, window, "Minified pier story")
    raw = window.raw_view
    source = raw.source
    qtbot.waitUntil(lambda: raw.pretty_button.isChecked(), timeout=TIMEOUT)
    assert source.blockCount() > 60  # one element a line, not one line
    kept = [source.document().findBlockByNumber(n).text()
            for a, b in source.kept_block_ranges() for n in range(a, b + 1)]
    assert len(kept) == 32  # the <title>, the heading, the 30 paragraphs; not the ads
    assert all("Paragraph" in line or "Minified pier story" in line for line in kept)
    assert re.search(r"\b32( of |/)", raw.legend.text())  # 32 of 199 lines, or 32/199
    raw.pretty_button.click()  # as written: one line
    qtbot.waitUntil(lambda: source.blockCount() == 1, timeout=TIMEOUT)
    assert not raw.pretty_button.isChecked()
    raw.pretty_button.click()
    qtbot.waitUntil(lambda: source.blockCount() > 60, timeout=TIMEOUT)
    assert raw.pretty_button.isChecked()
