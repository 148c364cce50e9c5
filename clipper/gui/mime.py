"""What a person pasted or dropped, read from clipboard/drag formats.

Browsers describe a copied selection differently: Firefox adds the page address
as ``text/x-moz-url-priv`` (UTF-16), Chromium as ``chromium/x-source-url`` or,
on Windows, a ``SourceURL:`` line in the CF_HTML header. These functions take
the formats as a plain ``{mime type: bytes}`` dict so they are tested without Qt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from clipper.errors import SourceError
from clipper.models import HTML_SUFFIXES, Source, file_url_to_path

MOZ_URL = "text/x-moz-url"
SOURCE_URL_FORMATS = ("text/x-moz-url-priv", "chromium/x-source-url", MOZ_URL)
_CF_HTML_SOURCE = re.compile(rb"^SourceURL:(\S+)", re.MULTILINE)
_FRAGMENT = re.compile(r"<!--StartFragment-->(.*)<!--EndFragment-->", re.DOTALL)
_WEB_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def decode_text(data: bytes) -> str:
    """Clipboard text is UTF-8, except Firefox's URL formats, which are UTF-16 without a BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if len(data) >= 2 and data[1:2] == b"\x00" and data[0:1] != b"\x00":
        return data.decode("utf-16-le", errors="replace")
    return data.decode("utf-8", errors="replace")


def _first_web_url(text: str) -> str | None:
    """First line that is an http(s) address (uri-lists start comments with #)."""
    for line in text.replace("\x00", "").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and _WEB_URL.match(line):
            return line
    return None


def source_url(formats: Mapping[str, bytes]) -> str | None:
    """The address of the page a copied HTML selection came from, if the clipboard says."""
    for fmt in SOURCE_URL_FORMATS:
        if fmt in formats:
            url = _first_web_url(decode_text(formats[fmt]))
            if url:
                return url
    html = formats.get("text/html", b"")
    found = _CF_HTML_SOURCE.search(html[:2048])
    if found:
        return _first_web_url(found.group(1).decode("utf-8", errors="replace"))
    return None


def clipboard_html(data: bytes) -> str:
    """The HTML itself: CF_HTML headers dropped, the fragment kept when it is marked."""
    text = decode_text(data)
    if text.startswith("Version:"):  # Windows CF_HTML: header lines, then the document
        start = text.find("<")
        text = text[start:] if start >= 0 else ""
    fragment = _FRAGMENT.search(text)
    if fragment and fragment.group(1).strip():
        return fragment.group(1)
    return text


def is_html_path(path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES)


def source_from_clipboard(formats: Mapping[str, bytes]) -> Source | None:
    """A URL or file to load, or HTML to clip directly; None when nothing usable is there.

    A copied link (``text/uri-list`` or a plain-text address) wins over HTML only when
    the HTML is just that link, so copying a selection from an article clips it.
    """
    urls = dropped_items(formats)
    html = clipboard_html(formats["text/html"]) if "text/html" in formats else ""
    if html.strip() and len(_visible_text(html)) > 200:
        return Source.from_html(html, source_url(formats))
    if urls.sources:
        return urls.sources[0]
    if html.strip():
        return Source.from_html(html, source_url(formats))
    return None


def _visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", html)).strip()


@dataclass
class Dropped:
    """Sources found in a drop or paste, plus the names that were skipped and why."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def dropped_items(formats: Mapping[str, bytes]) -> Dropped:
    """HTML files and web addresses from ``text/uri-list``, Firefox's ``text/x-moz-url``
    or plain text."""
    result = Dropped()
    lines: list[str] = []
    if "text/uri-list" in formats:
        lines = [ln.strip() for ln in decode_text(formats["text/uri-list"]).splitlines()]
        lines = [ln for ln in lines if ln and not ln.startswith("#")]
    elif MOZ_URL in formats:  # UTF-16 lines: address, link text, address, link text…
        text = decode_text(formats[MOZ_URL]).replace("\x00", "")
        lines = [ln.strip() for ln in text.splitlines()[0::2] if ln.strip()]
    elif "text/plain" in formats:
        text = decode_text(formats["text/plain"]).strip()
        if text and "\n" not in text:
            lines = [text]
    for item in lines:
        lowered = item.lower()
        if lowered.startswith("file:"):
            try:
                path = file_url_to_path(item)
            except SourceError:  # a file on another computer
                result.skipped.append(item)
                continue
            if is_html_path(path):
                result.sources.append(Source("file", path))
            else:
                result.skipped.append(Path(path).name or path)
        elif _WEB_URL.match(item):
            result.sources.append(Source("url", item))
        else:
            try:
                source = Source.from_argument(item)
            except SourceError:
                continue  # plain text that is no address: not ours to handle
            if source.kind == "file" and not Path(source.value).is_file():
                continue  # words with a slash, not a file
            if source.kind == "file" and not is_html_path(source.value):
                result.skipped.append(Path(source.value).name)
            else:
                result.sources.append(source)
    return result


def display_name(source: Source) -> str:
    """A short name for the queue and the status bar."""
    if source.kind == "file":
        return source.value.replace("\\", "/").rsplit("/", 1)[-1]
    if source.kind == "url":
        parts = urlsplit(source.value)
        path = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) if parts.path else ""
        return f"{parts.hostname or ''}{'/…/' + path if path else ''}"
    return source.describe()
