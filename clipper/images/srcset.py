"""Which of an image's addresses is the picture: ``srcset``, lazy-loading attributes, stand-ins.

Pages hide their images behind lazy-loading tricks (a 1×1 GIF in ``src`` and the
photo in ``data-srcset``) and offer many sizes of each. The extractor's page pre-pass
and the library (re-reading ``<img>`` kept in a clip) choose with these same rules, so
both agree on which file is the picture: the widest candidate up to a cap, a lazy
``data-*`` URL before a placeholder ``src``. Rules are general (attribute-name
patterns, placeholder shapes), never site lists.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = [
    "IMAGE_EXT",
    "is_placeholder",
    "lazy_candidates",
    "parse_srcset",
    "pick_image_src",
    "picture_candidates",
]

Candidate = tuple[str, float, str]
"""A ``srcset`` candidate: (url, number, ``"w"`` or ``"x"``)."""

MAX_IMAGE_WIDTH = 2000
"""Widest ``srcset`` candidate worth keeping: beyond it clips only get heavier."""
MAX_IMAGE_DENSITY = 2.0
"""Highest ``2x``-style density worth keeping, for the same reason."""
_LAZY_NAME = re.compile(
    r"^data-(?:[\w-]*-)?(?:src|srcset|original|orig|url|lazy|full|large|hi-?res|zoom|image|img)"
    r"(?:-[\w-]*)?$"
)
_NOT_IMAGE_ATTR = re.compile(r"(?:sizes|type|media|alt|title|width|height|ratio|anim|format|id)$")
IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|jxl|heic)(?:$|[?#])", re.I)
"""A path that names an image file: such a URL is a picture, not a beacon or a page."""
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


_SEPARATORS = re.compile(r"[\s,]*")
_URL_RUN = re.compile(r"\S*")
"""``\\s`` is ``str.isspace``: the spec's splitting, run in C rather than a character at a time."""


def _descriptor_end(s: str, i: int) -> int:
    """Where the descriptors starting at ``i`` end: the next comma outside parentheses."""
    comma = s.find(",", i)
    end = len(s) if comma < 0 else comma
    if "(" not in s[i:end]:
        return end
    depth = 0
    while i < len(s) and (s[i] != "," or depth):
        depth += s[i] == "("
        depth -= s[i] == ")" and depth > 0
        i += 1
    return i


def parse_srcset(value: str | None) -> list[Candidate]:
    """``srcset`` candidates as ``(url, number, "w"|"x")``, per the HTML spec's splitting.

    URLs may contain commas (image CDNs use ``w_300,h_200``): a candidate URL is
    a run of non-space characters, and only trailing commas separate.
    """
    out: list[Candidate] = []
    if not value:
        return out
    s = value.strip()
    i, n = 0, len(s)
    while i < n:
        i = _SEPARATORS.match(s, i).end()  # type: ignore[union-attr]  # matches ""
        start = i
        i = _URL_RUN.match(s, i).end()  # type: ignore[union-attr]
        url = s[start:i]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            dstart = i
            i = _descriptor_end(s, i)
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


def _best_candidate(candidates: list[Candidate]) -> str | None:
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


def is_placeholder(url: str | None, by_name: bool = True, alone: bool = False) -> bool:
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


_BIG_HINT = re.compile(r"large|full|orig|hi-?res|zoom|max|big", re.I)
_SMALL_HINT = re.compile(r"small|thumb|medium|tiny|low|preview|mini", re.I)


def lazy_candidates(el: etree._Element) -> tuple[list[Candidate], list[str]]:
    """(srcset-like candidates, single URLs best first) from ``srcset`` and ``data-*``."""
    sets: list[Candidate] = []
    singles: list[tuple[int, int, str]] = []
    for order, (name, value) in enumerate(el.attrib.items()):
        if not value or not isinstance(name, str) or not isinstance(value, str):
            continue
        lname = name.lower()
        if lname == "srcset":
            sets.extend(parse_srcset(value))
            continue
        if not lname.startswith("data-") or not _LAZY_NAME.match(lname) or \
                _NOT_IMAGE_ATTR.search(lname):
            continue
        value = value.strip()
        if value[:1] in ("{", "[") or value[:5].lower() == "data:":
            continue
        if "srcset" in lname or re.search(r"\s\d+(?:\.\d+)?[wx]\s*(?:,|$)", value):
            sets.extend(parse_srcset(value))
        elif " " not in value and ("/" in value or IMAGE_EXT.search(value)):
            rank = 2 if _BIG_HINT.search(lname[5:]) else 0 if _SMALL_HINT.search(lname[5:]) else 1
            singles.append((-rank, order, value))
    return sets, [url for _, _, url in sorted(singles)]


def pick_image_src(img: etree._Element, extra: list[Candidate] | None = None
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
    best = _best_candidate([c for c in sets if not is_placeholder(c[0])])
    if best:
        return best
    for url in singles:
        if not is_placeholder(url, by_name=False):
            return url
    src = (img.get("src") or "").strip()
    if src and not is_placeholder(src, alone=True):
        return src
    if src[:5].lower() == "data:" and len(src) >= 3000 and not src[5:18].lower().startswith(
            "image/svg"):
        return src
    return None


def picture_candidates(picture: etree._Element) -> list[Candidate]:
    out: list[Candidate] = []
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
