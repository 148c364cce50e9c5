"""The page pre-pass for images: one real, absolute ``src`` each, no beacons or repeats.

Which address is the picture is decided by ``clipper.images.srcset`` (shared with the
library); here the page's own shapes are undone: ``<picture>`` sources, ``<noscript>``
fallbacks behind a placeholder, analytics beacons and 1×1 pixels, and the blurred
preview a lazy loader shows beside the real image.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from clipper.extract.address import is_local
from clipper.htmltree import remove_keep_tail
from clipper.images.srcset import IMAGE_EXT, is_placeholder, pick_image_src, picture_candidates
from clipper.urls import absolute_url, clean_href

__all__ = ["apply_noscript", "drop_duplicate_images", "in_tree", "is_tracking_pixel",
           "resolve_image"]

_BEACON_PATH = re.compile(
    r"(?:^|/)(?:pixel|beacon|track|tracking|tracker|impression|1x1|b\.gif|t\.gif|p\.gif|"
    r"__utm\.gif|collect)(?:\.(?:gif|png|php|jpe?g|aspx?))?(/|$)",
    re.I,
)
_BEACON_HOST = re.compile(
    r"(?:^|\.)(?:doubleclick\.net|google-analytics\.com|googletagmanager\.com|"
    r"scorecardresearch\.com|quantserve\.com|facebook\.com|pixel\.wp\.com|stats\.wp\.com|"
    r"analytics\.[\w.-]+|metrics\.[\w.-]+|smetrics\.[\w.-]+|sb\.[\w.-]+|bat\.bing\.com|"
    r"ads\.[\w.-]+|adservice\.[\w.-]+|tracking\.[\w.-]+|pixel\.[\w.-]+|beacon\.[\w.-]+)$",
    re.I,
)
_BEACON_HOST_PARTS = ("doubleclick.net", "google-analytics.com", "googletagmanager.com",
                      "scorecardresearch.com", "quantserve.com", "facebook.com", "wp.com",
                      "analytics.", "metrics.", "sb.", "bat.bing.com", "ads.", "adservice.",
                      "tracking.", "pixel.", "beacon.")
"""An ASCII host ``_BEACON_HOST`` finds holds one of these: tested first, as the regex
tries every position of the host (``re.I`` matches "ſ" to "s": other hosts go to it)."""
_STYLE_DIM = re.compile(r"(?:^|[;\s])(?:width|height)\s*:\s*(\d+(?:\.\d+)?)px", re.I)


def _dimension(value: str | None) -> float | None:
    if value is None:
        return None
    m = re.match(r"\s*(\d+(?:\.\d+)?)", value)
    return float(m.group(1)) if m else None


def is_tracking_pixel(img: etree._Element, src: str | None) -> bool:
    """1×1 / zero-sized images and analytics beacons: never content."""
    dims = [d for d in (_dimension(img.get("width")), _dimension(img.get("height")))
            if d is not None]
    style = img.get("style")
    if style:
        dims.extend(float(d) for d in _STYLE_DIM.findall(style))
    if dims and max(dims) <= 1:
        return True
    if not src or src[:5].lower() == "data:":
        return False
    try:
        parts = urlsplit(src)
    except ValueError:
        return True
    has_ext = bool(IMAGE_EXT.search(parts.path))
    host = (parts.hostname or "").lower()
    if not has_ext and (not host.isascii() or any(p in host for p in _BEACON_HOST_PARTS)) \
            and _BEACON_HOST.search(host):
        return True
    beacon = _BEACON_PATH.search(parts.path)
    if beacon and (not has_ext or not beacon.group(1)):
        return True
    return "utm_" in parts.query.lower() and not has_ext


_KEEP_IMG_ATTRS = ("src", "alt", "title", "width", "height", "class", "id", "style", "hidden",
                   "aria-hidden", "role")


def resolve_image(img: etree._Element, base: str | None, local: str | None = None) -> bool:
    """Give ``img`` one absolute ``src``; False if it should be removed.

    On a page read from disk (``local``, its ``file:`` URL) an image saved beside it
    keeps a path relative to the page's folder, which saving the clip copies into its
    assets; its other addresses must be web addresses. A relative path climbing out of the
    folder was written for the site (a page saved as "HTML only" keeps its paths): with
    the address the page was saved from, it means that site's image.
    """
    extra = None
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        extra = picture_candidates(parent)
    chosen = pick_image_src(img, extra)
    if not chosen or chosen.startswith("data:"):
        url = chosen
    elif local is not None:
        beside = saved_image(chosen, local)
        if beside == "" and base and not is_local(chosen):
            beside = None  # "../../img/a.jpg" climbs out of the folder: the site's path
        url = beside if beside is not None else absolute_url(chosen, base)
        if url and beside is None and not url[:8].lower().startswith(("http://", "https://")):
            url = None  # a relative address with no web address to resolve it against
    else:
        url = absolute_url(chosen, base)
    if not url or is_tracking_pixel(img, url):
        return False
    for name in list(img.attrib):
        if name not in _KEEP_IMG_ATTRS:
            del img.attrib[name]
    img.set("src", url)
    return True


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def saved_image(src: str, local: str) -> str | None:
    """The path, relative to a saved page's folder, of an image the page names as a file
    beside it (``Page_files/a.jpg``, ``./a.jpg``, ``file:///…/Page_files/a.jpg``); None
    for an address of the web (absolute, ``//host``, ``/root-relative``)."""
    src = clean_href(src)
    if src.startswith("/") or (_SCHEME.match(src) and not is_local(src)):
        return None
    target = absolute_url(src, local)
    if target is None or not is_local(target):
        return None
    folder = posixpath.dirname(unquote(urlsplit(local).path))
    path = posixpath.normpath(unquote(urlsplit(target).path))
    if not path.startswith(folder.rstrip("/") + "/"):
        return ""  # a file outside the page's folder: never part of the clip
    relative = path[len(folder.rstrip("/")) + 1:]
    # unquoted, a name may hold what no file name (nor an XML attribute) can: left out
    return relative if relative.isprintable() else ""


def in_tree(el: etree._Element, root: etree._Element) -> bool:
    for anc in el.iterancestors():
        if anc.tag == "noscript":
            return False
        if anc is root:
            return True
    return False


def _img_in(el: etree._Element) -> etree._Element | None:
    if el.tag == "img":
        return el
    imgs = list(el.iter("img"))
    return imgs[0] if len(imgs) == 1 else None


def _noscript_images(noscript: etree._Element) -> list[etree._Element]:
    imgs = list(noscript.iter("img"))
    if imgs or not noscript.text or "<img" not in noscript.text.lower():
        return imgs
    try:
        frag = lxml_html.fragment_fromstring(noscript.text, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    return list(frag.iter("img"))


def apply_noscript(noscript: etree._Element, base: str | None,
                   local: str | None = None) -> None:
    """Use a ``<noscript>`` image fallback when the visible image is a placeholder."""
    imgs = _noscript_images(noscript)
    if len(imgs) != 1:
        remove_keep_tail(noscript)
        return
    real = imgs[0]
    prev = noscript.getprevious()
    target = _img_in(prev) if prev is not None else None
    if target is None:
        parent = noscript.getparent()
        if parent is not None and parent.tag in ("picture", "span", "a", "div", "figure"):
            siblings = [c for c in parent if c is not noscript and c.tag == "img"]
            target = siblings[0] if len(siblings) == 1 else None
    if target is not None:
        current = pick_image_src(target)
        if current and not is_placeholder(current):
            remove_keep_tail(noscript)  # the visible image is already real
            return
        for name, value in real.attrib.items():
            if name in ("src", "srcset") or name not in target.attrib:
                target.set(name, value)
        if not target.get("alt") and real.get("alt"):
            target.set("alt", real.get("alt") or "")
        remove_keep_tail(noscript)
        return
    # No visible counterpart: the fallback is the image, if it looks like content
    # (noscript images elsewhere are mostly analytics beacons).
    src = real.get("src") or ""
    if not real.get("alt") and not IMAGE_EXT.search(src.split("?", 1)[0] + "?"):
        remove_keep_tail(noscript)
        return
    new = lxml_html.Element("img") if isinstance(noscript, lxml_html.HtmlElement) \
        else etree.Element("img")
    for name, value in real.attrib.items():
        new.set(name, value)
    new.tail = noscript.tail
    parent = noscript.getparent()
    if parent is not None:
        parent.replace(noscript, new)
        if not resolve_image(new, base, local):
            remove_keep_tail(new)


_SIZE_IN_URL = re.compile(
    r"(?<![\w.])(\d{2,5})(?![\w.])|[-_](\d{2,5})x\d{2,5}[-_.]|[?&](?:w|width)=(\d+)"
)
_BOXES = frozenset(("figure", "picture", "a", "p", "li", "td", "th"))


def _size_hint(url: str) -> int:
    """The largest pixel size a URL names (``/max/60/``, ``-300x200.``, ``?w=800``), or 0."""
    sizes = [int(next(g for g in m.groups() if g)) for m in _SIZE_IN_URL.finditer(url)]
    sizes = [n for n in sizes if n <= 10000]
    return max(sizes, default=0)


def drop_duplicate_images(imgs: list[etree._Element]) -> None:
    """One image per picture: drop blurred previews and repeats of the same file.

    Lazy loaders show a tiny preview (``/max/60/photo.png?q=20``) next to the
    real image (``/max/3788/photo.png``); both resolve to the same file name in
    the same figure, and only the larger is content.
    """
    seen: dict[tuple[etree._Element, str], etree._Element] = {}
    for img in imgs:
        src = img.get("src") or ""
        if src[:5].lower() == "data:":
            continue
        name = src.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
        if not name:
            continue
        box = img.getparent()
        for _ in range(8):
            if box is None or box.tag in _BOXES:
                break
            box = box.getparent()
        if box is None or box.tag not in _BOXES:
            continue  # images loose in the article: never merged
        key = (box, re.sub(r"[-_]\d{2,5}x\d{2,5}(?=\.)", "", name))
        other = seen.get(key)
        if other is None or other.getparent() is None:
            seen[key] = img
            continue
        if _size_hint(src) > _size_hint(other.get("src") or "") or src == other.get("src"):
            if not img.get("alt") and other.get("alt"):
                img.set("alt", other.get("alt") or "")
            remove_keep_tail(other)
            seen[key] = img
        else:
            remove_keep_tail(img)
