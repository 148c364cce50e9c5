"""Whole-page pre-pass: real image URLs, absolute links, math kept as TeX.

Pages hide their content behind lazy-loading tricks (a 1×1 GIF in ``src`` and
the photo in ``data-srcset``), relative URLs that mean nothing once clipped,
and math that only exists as ``<script type="math/tex">`` or MathML that the
extractor's cleaner would throw away.  This pass runs once on the parsed page,
*before* content scoring, so the scorer sees real images and the cleaner never
sees the scripts.  It is idempotent: ``html_to_markdown`` runs it again on the
article fragment, which costs little and makes the converter safe on its own.

Rules are general (attribute-name patterns, placeholder and beacon shapes),
never site lists; everything is one ``iter()`` over the tree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree
from lxml import html as lxml_html

from clipper.extract.footnotes import mark_footnotes
from clipper.extract.mathml import mathml_to_tex
from clipper.extract.tree import remove_keep_tail, unwrap

__all__ = [
    "MATH_ATTR",
    "absolute_url",
    "convert_math",
    "document_base",
    "is_tracking_pixel",
    "normalize_document",
    "parse_srcset",
    "pick_image_src",
]

MATH_ATTR = "data-clipper-math"
"""Placeholder for math: ``<span data-clipper-math="inline|display">TeX</span>``."""

MAX_IMAGE_WIDTH = 2000
"""Widest ``srcset`` candidate worth keeping: beyond it clips only get heavier."""
MAX_IMAGE_DENSITY = 2.0
"""Highest ``2x``-style density worth keeping, for the same reason."""

_URL_JUNK = re.compile(r"[\t\n\r]")
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "about:")
_LAZY_NAME = re.compile(
    r"^data-(?:[\w-]*-)?(?:src|srcset|original|orig|url|lazy|full|large|hi-?res|zoom|image|img)"
    r"(?:-[\w-]*)?$"
)
_NOT_IMAGE_ATTR = re.compile(r"(?:sizes|type|media|alt|title|width|height|ratio|anim|format|id)$")
_IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|jxl|heic)(?:$|[?#])", re.I)
_SPACER_FILE = re.compile(
    r"^(?:(?:blank|spacer|pixel|transparent|trans|empty|clear|dot|grey|gray|1x1|px|s)"
    r"\.(?:gif|png|svg)|(?:spacer|blank|transparent)[_.-][\w.-]*)$",
    re.I,
)
"""Files that are never a picture: layout spacers and blank GIFs."""
_LAZY_FILE = re.compile(
    r"^(?:(?:placeholder|lazy|lazyload|loading|loader)\.(?:gif|png|svg)"
    r"|(?:placeholder|lazy|lazyload|lazy-load|loading)[_.-][\w.-]*)$",
    re.I,
)
"""Names lazy loaders give their stand-ins, and real images sometimes have."""
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
_STYLE_DIM = re.compile(r"(?:^|[;\s])(?:width|height)\s*:\s*(\d+(?:\.\d+)?)px", re.I)
_STYLE_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TEX_WRAPPER = re.compile(r"^\{\\(?:display|text|script)style\s*(.*)\}$", re.S)
_MATHJAX_CLASS = re.compile(r"(?:^|\s)(?:MathJax|MJX|mjx)[\w-]*", re.I)
_TEXISH = re.compile(r"[\\^_{}]")


def absolute_url(url: str | None, base: str | None) -> str | None:
    """Resolve ``url`` against ``base``; None for empty or script URLs.

    Tabs and newlines inside URLs are dropped (browsers do the same),
    ``javascript:``/``data:`` URLs never become links, and ``file:`` URLs are
    only accepted from a page that is itself a local file.
    """
    if url is None:
        return None
    url = _URL_JUNK.sub("", url).strip()
    if not url:
        return None
    low = url[:12].lower()
    if low.startswith(_BAD_SCHEMES):
        return None
    if url.startswith(("https://", "http://")) and " " not in url:
        return url  # already absolute: the common case, no parsing needed
    if url.startswith("//") and not base:
        return "https:" + url
    if base and url[:1] == "/" and url[1:2] != "/" and "/." not in url and " " not in url:
        origin = _origin(base)
        if origin:
            return origin + url  # root-relative: the most common relative link by far
    try:
        joined = urljoin(base, url) if base else url
    except ValueError:
        return None
    if joined[:5].lower() == "file:" and (base or "")[:5].lower() != "file:":
        return None  # a web page must not point a clip at the reader's own files
    return joined


@lru_cache(maxsize=64)
def _origin(base: str) -> str | None:
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def document_base(doc: etree._Element, base_url: str | None) -> str | None:
    """The URL relative links resolve against: ``<base href>`` wins over the page URL."""
    for base in doc.iter("base"):
        href = base.get("href")
        if href and href.strip():
            return absolute_url(href, base_url) or base_url
        break
    return base_url


def parse_srcset(value: str | None) -> list[tuple[str, float, str]]:
    """``srcset`` candidates as ``(url, number, "w"|"x")``, per the HTML spec's splitting.

    URLs may contain commas (image CDNs use ``w_300,h_200``): a candidate URL is
    a run of non-space characters, and only trailing commas separate.
    """
    out: list[tuple[str, float, str]] = []
    if not value:
        return out
    s = value.strip()
    i, n = 0, len(s)
    while i < n:
        while i < n and (s[i].isspace() or s[i] == ","):
            i += 1
        start = i
        while i < n and not s[i].isspace():
            i += 1
        url = s[start:i]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            dstart = i
            depth = 0
            while i < n and (s[i] != "," or depth):
                depth += s[i] == "("
                depth -= s[i] == ")" and depth > 0
                i += 1
            descriptor = s[dstart:i].strip()
        if not url:
            continue
        number, kind = 1.0, "x"
        for token in descriptor.split():
            unit = token[-1:].lower()
            try:
                value_f = float(token[:-1])
            except ValueError:
                continue
            if unit in ("w", "x"):
                number, kind = value_f, unit
        out.append((url, number, kind))
    return out


def _best_candidate(candidates: list[tuple[str, float, str]]) -> str | None:
    widths = [c for c in candidates if c[2] == "w"]
    if widths:
        fitting = [c for c in widths if c[1] <= MAX_IMAGE_WIDTH]
        if fitting:
            return max(fitting, key=lambda c: c[1])[0]
        return min(widths, key=lambda c: c[1])[0]
    if candidates:
        fitting = [c for c in candidates if c[1] <= MAX_IMAGE_DENSITY]
        return max(fitting or candidates, key=lambda c: c[1] if fitting else -c[1])[0]
    return None


def _is_placeholder(url: str | None, by_name: bool = True, alone: bool = False) -> bool:
    """A URL that only holds the place of the real image (tiny GIF, blank.gif...).

    ``by_name=False`` for URLs from lazy-loading attributes: they were put there
    to be the real image, whatever the file is called. ``alone=True`` when the
    element names no other image: a file called ``lazy.png`` or ``loading.gif`` is
    then the picture itself, and only clear spacers (``blank.gif``) are stand-ins.
    """
    if not url:
        return True
    u = url.strip()
    if u[:5].lower() == "data:":
        # Real inline images exist (charts, formulas), but lazy-load stubs are tiny.
        return len(u) < 3000 or u[5:18].lower().startswith("image/svg")
    if "{width}" in u or "{w}" in u:
        return True  # an unfilled responsive-image template
    if not by_name:
        return False
    name = u.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    if _SPACER_FILE.match(name):
        return True
    return not alone and bool(_LAZY_FILE.match(name))


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
    has_ext = bool(_IMAGE_EXT.search(parts.path))
    if _BEACON_HOST.search((parts.hostname or "").lower()) and not has_ext:
        return True
    beacon = _BEACON_PATH.search(parts.path)
    if beacon and (not has_ext or not beacon.group(1)):
        return True
    return "utm_" in parts.query.lower() and not has_ext


_BIG_HINT = re.compile(r"large|full|orig|hi-?res|zoom|max|big", re.I)
_SMALL_HINT = re.compile(r"small|thumb|medium|tiny|low|preview|mini", re.I)


def lazy_candidates(el: etree._Element) -> tuple[list[tuple[str, float, str]], list[str]]:
    """(srcset-like candidates, single URLs best first) from ``srcset`` and ``data-*``."""
    sets: list[tuple[str, float, str]] = []
    singles: list[tuple[int, int, str]] = []
    for order, (name, value) in enumerate(el.attrib.items()):
        if not value or not isinstance(name, str):
            continue
        lname = name.lower()
        if lname == "srcset":
            sets.extend(parse_srcset(value))
            continue
        if not _LAZY_NAME.match(lname) or _NOT_IMAGE_ATTR.search(lname):
            continue
        value = value.strip()
        if value[:1] in ("{", "[") or value[:5].lower() == "data:":
            continue
        if "srcset" in lname or re.search(r"\s\d+(?:\.\d+)?[wx]\s*(?:,|$)", value):
            sets.extend(parse_srcset(value))
        elif " " not in value and ("/" in value or _IMAGE_EXT.search(value)):
            rank = 2 if _BIG_HINT.search(lname[5:]) else 0 if _SMALL_HINT.search(lname[5:]) else 1
            singles.append((-rank, order, value))
    return sets, [url for _, _, url in sorted(singles)]


def pick_image_src(img: etree._Element, extra: list[tuple[str, float, str]] | None = None
                   ) -> str | None:
    """The best real URL for an ``<img>`` (not yet absolute), or None if it has none.

    Preference: the widest ``srcset``/``<source>``/``data-srcset`` candidate up
    to ``MAX_IMAGE_WIDTH`` (or the highest density), then a lazy ``data-*`` URL
    (``data-large-file`` before ``data-src`` before ``data-thumb``), then
    ``src`` unless it is a placeholder, then a large inline ``data:`` image.
    """
    sets, singles = lazy_candidates(img)
    if extra:
        sets = extra + sets
    best = _best_candidate([c for c in sets if not _is_placeholder(c[0])])
    if best:
        return best
    for url in singles:
        if not _is_placeholder(url, by_name=False):
            return url
    src = (img.get("src") or "").strip()
    if src and not _is_placeholder(src, alone=True):
        return src
    if src[:5].lower() == "data:" and len(src) >= 3000 and not src[5:18].lower().startswith(
            "image/svg"):
        return src
    return None


def _picture_candidates(picture: etree._Element) -> list[tuple[str, float, str]]:
    out: list[tuple[str, float, str]] = []
    for source in picture.iterchildren("source"):
        kind = (source.get("type") or "").lower()
        if (kind and not kind.startswith("image/")) or kind == "image/jxl":
            continue
        media = (source.get("media") or "").replace(" ", "").lower()
        srcset = source.get("srcset") or source.get("data-srcset") or source.get("data-lazy-srcset")
        if not srcset:
            continue
        cands = parse_srcset(srcset)
        # A ``max-width`` media query marks the small-screen variant: rank it lower.
        if "max-width" in media:
            cands = [(u, n * 0.5 if k == "w" else n, k) for u, n, k in cands]
        out.extend(cands)
    return out


_KEEP_IMG_ATTRS = ("src", "alt", "title", "width", "height", "class", "id", "style", "hidden",
                   "aria-hidden", "role")


def _resolve_image(img: etree._Element, base: str | None) -> bool:
    """Give ``img`` one absolute ``src``; False if it should be removed."""
    extra = None
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        extra = _picture_candidates(parent)
    chosen = pick_image_src(img, extra)
    url = absolute_url(chosen, base) if chosen and not chosen.startswith("data:") else chosen
    if not url or is_tracking_pixel(img, url):
        return False
    for name in list(img.attrib):
        if name not in _KEEP_IMG_ATTRS:
            del img.attrib[name]
    img.set("src", url)
    return True


def _in_tree(el: etree._Element, root: etree._Element) -> bool:
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


def _apply_noscript(noscript: etree._Element, base: str | None) -> None:
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
        if current and not _is_placeholder(current):
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
    if not real.get("alt") and not _IMAGE_EXT.search(src.split("?", 1)[0] + "?"):
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
        if not _resolve_image(new, base):
            remove_keep_tail(new)


# --------------------------------------------------------------------------- #
# Math
# --------------------------------------------------------------------------- #

def _clean_tex(tex: str) -> str:
    tex = tex.strip()
    m = _TEX_WRAPPER.match(tex)
    if m:
        tex = m.group(1).strip()
    return tex


def _math_placeholder(like: etree._Element, tex: str, display: bool) -> etree._Element:
    maker = lxml_html.Element if isinstance(like, lxml_html.HtmlElement) else etree.Element
    span = maker("span")
    span.set(MATH_ATTR, "display" if display else "inline")
    span.text = _clean_tex(tex)
    return span


def _replace(old: etree._Element, new: etree._Element) -> None:
    parent = old.getparent()
    if parent is None:
        return
    new.tail = old.tail
    parent.replace(old, new)


def _tex_annotation(math: etree._Element) -> str | None:
    for ann in math.iter("annotation", "{http://www.w3.org/1998/Math/MathML}annotation"):
        enc = (ann.get("encoding") or "").lower()
        if "tex" in enc and ann.text and ann.text.strip():
            return ann.text
    return None


def _hidden(el: etree._Element) -> bool:
    style = el.get("style") or ""
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or bool(_STYLE_NONE.search(style)))


def convert_math(el: etree._Element) -> bool:
    """Turn one math source into a ``data-clipper-math`` placeholder; True if converted.

    Handles ``<script type="math/tex[; mode=display]">`` (MathJax 2), KaTeX
    spans (TeX from their ``<annotation>``), ``<math>`` with a TeX annotation
    or TeX ``alttext``, MathJax 3 containers, and math fallback images whose
    ``alt`` is TeX.  Call it before any cleaner removes scripts or hidden
    elements; :func:`normalize_document` does.
    """
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "script":
        kind = (el.get("type") or "").lower()
        if not kind.startswith("math/tex"):
            return False
        tex = el.text or ""
        if not tex.strip():
            remove_keep_tail(el)
            return True
        _replace(el, _math_placeholder(el, tex, "mode=display" in kind.replace(" ", "")))
        return True
    cls = el.get("class") or ""
    if tag == "span" and "katex" in cls.split():
        math = next(el.iter("math", "{http://www.w3.org/1998/Math/MathML}math"), None)
        tex = _tex_annotation(math) if math is not None else None
        if tex is None:
            return False
        parent = el.getparent()
        display = parent is not None and "katex-display" in (parent.get("class") or "").split()
        target = parent if display and len(parent) == 1 else el
        _replace(target, _math_placeholder(el, tex, display))
        return True
    if tag == "mjx-container":
        math = next(el.iter("math", "{http://www.w3.org/1998/Math/MathML}math"), None)
        if math is None:
            return False
        tex = _tex_annotation(math) or math.get("alttext") or mathml_to_tex(math)
        display = el.get("display") == "true" or math.get("display") == "block"
        if tex:
            _replace(el, _math_placeholder(el, tex, display))
        else:
            remove_keep_tail(el)
        return True
    if tag in ("math", "{http://www.w3.org/1998/Math/MathML}math"):
        tex = _tex_annotation(el)
        alt = el.get("alttext")
        if tex is None and alt and _TEXISH.search(alt):
            tex = alt
        if tex is None:
            tex = mathml_to_tex(el)
        if not tex:
            return False
        display = el.get("display") == "block" or el.get("mode") == "display"
        placeholder = _math_placeholder(el, tex, display)
        parent = el.getparent()
        target = el
        # Wikipedia-style: MathML in a hidden wrapper next to a fallback image.
        if parent is not None and len(parent) == 1 and _hidden(parent):
            target = parent
        holder = target.getparent()
        if holder is not None:
            for sib in list(holder):
                if sib is not target and sib.tag == "img" and (
                        "math" in (sib.get("class") or "")
                        or _clean_tex(sib.get("alt") or "") == placeholder.text):
                    remove_keep_tail(sib)
        _replace(target, placeholder)
        return True
    if tag == "img":
        alt = el.get("alt") or ""
        if "math" in cls.lower() and alt and _TEXISH.search(alt):
            display = "display" in cls.lower() or "block" in cls.lower()
            _replace(el, _math_placeholder(el, alt, display))
            return True
    return False


# --------------------------------------------------------------------------- #
# Links
# --------------------------------------------------------------------------- #

def _page_key(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, ""))


def _fix_link(a: etree._Element, base: str | None, page: str | None) -> bool:
    """Absolute ``href`` or unwrap; True when the link stays a same-page ``#anchor``."""
    href = a.get("href")
    if href is None:
        return False
    raw = _URL_JUNK.sub("", href).strip()
    if not raw or raw == "#" or raw.lower().startswith(_BAD_SCHEMES) or raw.startswith("#!"):
        unwrap(a)
        return False
    if raw.startswith("#"):
        a.set("href", raw)  # same-document anchor: kept relative so footnotes resolve
        return True
    url = absolute_url(raw, base)
    if url is None:
        unwrap(a)
        return False
    if page and "#" in url and _page_key(url) == page:
        a.set("href", "#" + url.split("#", 1)[1])
        return True
    a.set("href", url)
    return False


_MATH_TAGS = frozenset(("math", "{http://www.w3.org/1998/Math/MathML}math", "mjx-container"))
_SIZE_IN_URL = re.compile(
    r"(?<![\w.])(\d{2,5})(?![\w.])|[-_](\d{2,5})x\d{2,5}[-_.]|[?&](?:w|width)=(\d+)"
)
_BOXES = frozenset(("figure", "picture", "a", "p", "li", "td", "th"))


def _size_hint(url: str) -> int:
    """The largest pixel size a URL names (``/max/60/``, ``-300x200.``, ``?w=800``), or 0."""
    sizes = [int(next(g for g in m.groups() if g)) for m in _SIZE_IN_URL.finditer(url)]
    sizes = [n for n in sizes if n <= 10000]
    return max(sizes, default=0)


def _drop_duplicate_images(imgs: list[etree._Element]) -> None:
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


_VOID_PARSED_AS_CONTAINERS = frozenset(("wbr", "source", "track", "embed", "keygen"))


def _unnest_void(el: etree._Element) -> None:
    """Move content out of an HTML5 void element that libxml2 parsed as a container.

    libxml2 predates ``<wbr>``/``<source>``/``<track>``: in ``a<wbr>b`` the ``b``
    (and the rest of the paragraph) ends up *inside* the ``<wbr>``, and a
    ``<picture>``'s ``<img>`` inside its ``<source>``.
    """
    parent = el.getparent()
    if parent is None or (not len(el) and not el.text):
        return
    index = parent.index(el)
    children = list(el)
    tail = el.tail or ""
    el.tail, el.text = el.text, None
    for offset, child in enumerate(children):
        parent.insert(index + 1 + offset, child)
    last = children[-1] if children else el
    last.tail = (last.tail or "") + tail or None


_URL_ATTRS = {"iframe": "src", "video": "src", "audio": "src", "source": "src", "embed": "src",
              "track": "src", "area": "href"}


def normalize_document(doc: etree._Element, base_url: str | None) -> None:
    """Fix images, links and math in place, in one walk over ``doc``.

    After it: every kept ``<img>`` has one absolute ``src`` (best of
    ``srcset``/``<picture>``/lazy attributes/``<noscript>``), tracking pixels
    and placeholders are gone, links are absolute (``<base href>`` honoured)
    except same-page ``#anchors`` which stay relative for footnotes, script
    links are unwrapped, math is a ``data-clipper-math`` placeholder, and
    footnote references/definitions carry ``data-clipper-fnref``/``-fndef``.
    """
    base = document_base(doc, base_url)
    page = _page_key(base_url)
    elements = [el for el in doc.iter() if isinstance(el.tag, str)]
    has_tex_scripts = False
    noscripts: list[etree._Element] = []
    imgs: list[etree._Element] = []
    mathjax_rendered: list[etree._Element] = []
    ids: dict[str, etree._Element] = {}
    anchors: list[etree._Element] = []
    for el in elements:
        tag = el.tag
        ident = el.get("id")
        if ident and ident not in ids:
            ids[ident] = el
        if tag in _VOID_PARSED_AS_CONTAINERS:
            _unnest_void(el)
        if tag == "script":
            if convert_math(el):
                has_tex_scripts = True
        elif tag == "a":
            name = el.get("name")
            if name and name not in ids:
                ids[name] = el
            if _fix_link(el, base, page):
                anchors.append(el)
        elif tag == "img":
            if not convert_math(el):
                imgs.append(el)
        elif tag == "amp-img":
            el.tag = "img"
            imgs.append(el)
        elif tag == "noscript":
            noscripts.append(el)
        elif tag in _MATH_TAGS or (tag == "span" and "katex" in (el.get("class") or "").split()):
            if el.getparent() is not None:
                convert_math(el)
        elif tag in _URL_ATTRS:
            attr = _URL_ATTRS[tag]
            value = el.get(attr)
            if value:
                url = absolute_url(value, base)
                if url:
                    el.set(attr, url)
                else:
                    del el.attrib[attr]
        if tag in ("span", "div", "nobr"):
            cls = el.get("class")
            if cls and _MATHJAX_CLASS.search(cls):
                mathjax_rendered.append(el)
    if has_tex_scripts:
        for el in mathjax_rendered:
            if el.getparent() is not None and not any(
                    d.get(MATH_ATTR) is not None for d in el.iter()):
                remove_keep_tail(el)
    for noscript in noscripts:
        if noscript.getparent() is not None:
            _apply_noscript(noscript, base)
    kept: list[etree._Element] = []
    for img in imgs:
        if not _in_tree(img, doc):
            continue  # went away with its <noscript> or a replaced math element
        if _resolve_image(img, base):
            kept.append(img)
        else:
            remove_keep_tail(img)
    _drop_duplicate_images(kept)
    for picture in [el for el in elements if el.tag == "picture" and el.getparent() is not None]:
        for source in list(picture.iterchildren("source")):
            remove_keep_tail(source)
    mark_footnotes(doc, ids, anchors)
