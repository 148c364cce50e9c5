"""A harmless copy of a page for the rendered raw view.

``QTextBrowser`` runs no JavaScript, but it would still follow ``<img src>`` to
local files and show whatever a stylesheet hides or reveals. So the view gets a
rebuilt document: a whitelist of plain elements and attributes, every address
made absolute, and the image addresses listed so the window can fetch them
only when a person asks ("Load images"). A page read from the web may name
only web images; a saved page may also use files in its own folder.
Runs in a worker (lxml is imported here, not before the window shows).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, cast
from urllib.parse import urljoin, urlsplit

from clipper.errors import SourceError
from clipper.models import file_url_to_path

# Elements QTextBrowser renders (its HTML subset), kept as they are.
_KEEP = {
    "a", "b", "big", "blockquote", "br", "caption", "center", "cite", "code", "dd", "dfn", "div",
    "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
}
# Layout elements of HTML5 that QTextBrowser does not know: shown as blocks.
_AS_DIV = {
    "article", "aside", "details", "figcaption", "figure", "footer", "header", "main", "nav",
    "section", "summary", "address", "hgroup", "noscript", "center", "fieldset", "legend",
}
# Active or invisible content: removed with everything inside.
_DROP = {
    "script", "style", "link", "meta", "base", "head", "title", "iframe", "frame", "frameset",
    "object", "embed", "applet", "param", "svg", "math", "canvas", "video", "audio", "source",
    "track", "template", "input", "button", "select", "textarea", "option", "datalist",
    "dialog", "map", "area", "portal",
}
_ATTRS = {
    "a": ("href", "title"),
    "img": ("alt", "title", "width", "height"),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan"),
    "ol": ("start",),
}
_LINK_SCHEMES = ("http", "https", "mailto")
MAX_DATA_URL = 256 * 1024


class _Node(Protocol):
    """What this module uses of a node of ``lxml.html`` (its stubs leave HtmlElement out)."""

    tag: object
    attrib: MutableMapping[str, str]

    def get(self, key: str) -> str | None: ...
    def getparent(self) -> object: ...
    def drop_tree(self) -> None: ...
    def drop_tag(self) -> None: ...


@dataclass
class SafePage:
    html: str
    images: list[str] = field(default_factory=list)
    """Absolute image addresses the page would load (web, or files in the page's folder)."""


def image_allowed(url: str, local_dir: Path | None) -> bool:
    """May Clipper fetch this image for this page? Web images yes; local files only beside it."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return True
    if scheme == "file" and local_dir is not None:
        try:
            path = Path(file_url_to_path(url)).resolve()
        except (SourceError, ValueError):  # malformed, or a file on another computer
            return False
        return path.is_relative_to(local_dir.resolve())
    return False


def _image_source(img: _Node) -> str | None:
    for attr in ("src", "data-src", "data-original", "data-lazy-src"):
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:image/gif"):  # lazy-loading placeholders
            return value
    for attr in ("srcset", "data-srcset"):
        value = (img.get(attr) or "").strip()
        if value:
            return value.split(",")[0].strip().split(" ")[0]
    return None


LINE_ANCHOR = "cl-"
"""``lines=True``: each block starts with ``<a name="cl-N">``, N its line in the source."""
_LINE_BLOCKS = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                          "pre", "dd", "dt", "td", "th"))


def sanitize(html: str, base_url: str | None, local_dir: Path | None = None,
             lines: bool = False) -> SafePage:
    """Rebuild ``html`` from harmless parts; see the module docstring for the rules.

    ``lines``: every block is marked with the source line it starts on (an empty named
    anchor, which the rendering keeps), so a click in the page can name its block.
    """
    import lxml.html

    if not html.strip():
        return SafePage("")
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml gives up on documents with no elements at all
        return SafePage("")
    images: list[str] = []
    for el in list(root.iter()):
        line = el.sourceline
        _clean(cast(_Node, el), base_url or "", local_dir, images)
        if lines and line and el.tag in _LINE_BLOCKS and el.getparent() is not None:
            mark = el.makeelement("a", {"name": f"{LINE_ANCHOR}{line}"})
            mark.tail, el.text = el.text, None
            el.insert(0, mark)
    body = root.find("body")
    out = lxml.html.tostring(body if body is not None else root, encoding="unicode")
    return SafePage(out, list(dict.fromkeys(images)))


def _clean(el: _Node, base: str, local_dir: Path | None, images: list[str]) -> None:
    """One node: dropped, unwrapped, or kept with its safe attributes (images listed)."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if not tag:  # comments and processing instructions
        if el.getparent() is not None:
            el.drop_tree()
        return
    if tag in ("html", "body"):
        el.attrib.clear()
        return
    if tag in _DROP:
        el.drop_tree()
        return
    src = _image_source(el) if tag == "img" else None
    kept = {name: value for name in _ATTRS.get(tag, ())
            if (value := el.get(name)) is not None}
    # Cleared and set again rather than deleted one by one: lxml cannot delete an attribute
    # whose name reads as a namespace ("{count}", seen on a forum page: "Empty tag name").
    el.attrib.clear()
    for name, value in kept.items():
        el.attrib[name] = value
    if tag in _AS_DIV:
        el.tag = "div"
    elif tag not in _KEEP:
        el.drop_tag()
        return
    if tag == "a" and "href" in el.attrib:
        _clean_link(el, base)
    elif tag == "img":
        url = _image_url(src, base, local_dir)
        if url is None:
            el.drop_tree()
            return
        if not url.startswith("data:"):
            images.append(url)
        el.attrib["src"] = url


def _clean_link(a: _Node, base: str) -> None:
    href = urljoin(base, a.attrib["href"].strip())
    if urlsplit(href).scheme.lower() in _LINK_SCHEMES:
        a.attrib["href"] = href
    else:
        del a.attrib["href"]


def _image_url(src: str | None, base: str, local_dir: Path | None) -> str | None:
    """What the rendering may show: an inline picture, or an address it may fetch on request."""
    if not src:
        return None
    if src.startswith("data:image/") and len(src) <= MAX_DATA_URL:
        return src  # inline, nothing to fetch
    url = urljoin(base, src)
    return url if image_allowed(url, local_dir) else None
