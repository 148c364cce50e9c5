"""Reading what was pasted or dropped (no Qt needed: formats are plain bytes)."""

from __future__ import annotations

from pathlib import Path

from clipper.gui.mime import (
    clipboard_html,
    decode_text,
    display_name,
    dropped_items,
    source_from_clipboard,
    source_url,
)
from clipper.models import Source

URL = "https://news.example/story?id=7"
LONG_HTML = ("<article>" + "<p>Plenty of words in this copied article paragraph.</p>" * 8
             + "</article>")


def test_firefox_urls_are_utf16_without_a_bom() -> None:
    assert decode_text(f"{URL}\nThe title".encode("utf-16-le")) == f"{URL}\nThe title"
    assert decode_text(b"plain") == "plain"


def test_the_source_url_of_a_copied_selection() -> None:
    assert source_url({"text/x-moz-url-priv": URL.encode("utf-16-le")}) == URL
    assert source_url({"chromium/x-source-url": URL.encode()}) == URL
    cf_html = (b"Version:0.9\r\nStartHTML:000\r\nSourceURL:" + URL.encode()
               + b"\r\n<html><body>x</body></html>")
    assert source_url({"text/html": cf_html}) == URL
    assert source_url({"text/html": b"<p>no address</p>"}) is None
    assert source_url({"text/x-moz-url-priv": b"javascript:alert(1)"}) is None


def test_clipboard_html_keeps_the_marked_fragment_and_drops_cf_headers() -> None:
    wrapped = b"<html><body><!--StartFragment--><p>kept</p><!--EndFragment--></body></html>"
    assert clipboard_html(wrapped) == "<p>kept</p>"
    cf = b"Version:0.9\r\nStartHTML:0\r\n<html><body><p>doc</p></body></html>"
    assert clipboard_html(cf) == "<html><body><p>doc</p></body></html>"


def test_copied_html_is_clipped_with_its_address() -> None:
    source = source_from_clipboard({"text/html": LONG_HTML.encode(),
                                    "text/plain": b"Plenty of words",
                                    "text/x-moz-url-priv": URL.encode("utf-16-le")})
    assert source == Source("html", LONG_HTML, URL)


def test_a_copied_link_loads_the_link_not_its_html() -> None:
    source = source_from_clipboard({"text/html": f'<a href="{URL}">story</a>'.encode(),
                                    "text/plain": URL.encode()})
    assert source == Source("url", URL)


def test_a_short_html_selection_is_still_clipped() -> None:
    source = source_from_clipboard({"text/html": b"<p>One short paragraph.</p>",
                                    "text/plain": b"One short paragraph."})
    assert source is not None
    assert source.kind == "html"


def test_plain_words_are_not_a_source() -> None:
    assert source_from_clipboard({"text/plain": b"hello there"}) is None
    assert source_from_clipboard({}) is None


def test_drops_keep_html_files_and_web_addresses_and_name_the_rest(tmp_path: Path) -> None:
    page = tmp_path / "saved page.html"
    page.write_text("<p>x</p>")
    uri_list = ("# a comment\r\n" + page.as_uri() + "\r\n" + (tmp_path / "photo.jpg").as_uri()
                + "\r\nhttps://news.example/a\r\nfile://otherhost/share/x.html\r\n")
    dropped = dropped_items({"text/uri-list": uri_list.encode()})
    assert dropped.sources == [Source("file", str(page)), Source("url", "https://news.example/a")]
    assert dropped.skipped == ["photo.jpg", "file://otherhost/share/x.html"]


def test_dropped_text_counts_only_when_it_is_an_address(tmp_path: Path) -> None:
    assert dropped_items({"text/plain": b"news.example/a"}).sources == [
        Source("url", "https://news.example/a")]
    assert dropped_items({"text/plain": b"some/words here"}).sources == []
    assert dropped_items({"text/plain": b"two\nlines"}).sources == []


def test_display_names_are_short() -> None:
    assert display_name(Source("file", "/home/a/Saved Page.html")) == "Saved Page.html"
    assert display_name(Source("url", "https://news.example/world/story-1/")) == \
        "news.example/…/story-1"
    assert display_name(Source("html", "<p>", URL)) == f"pasted HTML from {URL}"
