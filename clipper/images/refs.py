"""Finding and rewriting the images a clip body refers to.

Images appear as Markdown ``![alt](url "title")`` and as ``<img>`` inside the HTML
blocks a clip keeps (tables a pipe table cannot hold, and whatever a person typed or
pasted). Examples inside code blocks and code spans are text, not images, and are
left alone. For ``<img>`` the source is chosen by the extractor's own rule
(``clipper.images.srcset``): ``srcset``/lazy-loading attributes before a
placeholder ``src``.
"""

from __future__ import annotations

import bisect
import contextlib
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

from lxml import etree

from clipper.images import srcset


@dataclass(frozen=True)
class ImageRef:
    kind: Literal["markdown", "html"]
    start: int
    end: int
    """Span of the whole ``![...](...)`` or ``<img ...>``."""
    url: str
    alt: str
    url_start: int = 0
    url_end: int = 0
    """Markdown only: span of the destination, angle brackets included."""
    tiny: bool = False
    """HTML said ``width=1 height=1``: a tracking pixel, never worth fetching."""


# --- srcset ----------------------------------------------------------------------------------


def parse_srcset(value: str) -> list[tuple[str, float | None, float | None]]:
    """``[(url, width, density)]`` following the HTML parsing rules (URLs may contain commas)."""
    return [(url, number if kind == "w" else None, number if kind == "x" else None)
            for url, number, kind in srcset.parse_srcset(value)]


def best_image_url(attrs: Mapping[str, str], base: str | None = None) -> str | None:
    """The URL a reader wants from an ``<img>``'s attributes, absolute against ``base``.

    The extractor's choice (widest ``srcset`` candidate up to its cap, lazy-loading
    attributes before a placeholder ``src``), so a clip's kept ``<img>`` and the
    extractor agree on which file is the picture.
    """
    img = etree.Element("img")
    for name, value in attrs.items():
        with contextlib.suppress(ValueError):  # "@click" and other names XML refuses
            img.set(name, value)
    url = srcset.pick_image_src(img)
    if not url:
        return None
    return url if url.startswith("data:") or not base else urljoin(base, url.strip())


# --- scanning --------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1)[\s\S])*?(?<!`)\1(?!`)")
# No "<" inside a tag or its quoted values (the Markdown writer escapes it as &lt;), so a
# scan that fails stops at the next "<" and many unclosed tags cost linear time.
_IMG_TAG = re.compile(r"<img\b(?:[^<>\"']|\"[^<\"]*\"|'[^<']*')*>", re.I)
MAX_NESTING = 32
"""Brackets or parentheses nested deeper than this in an image are not an image."""
_ANGLE_DESTINATION = re.compile(r"<([^<>\n]*)>")
# Titles, with escaped quotes inside; each scan starts at an unescaped opening mark and stops
# at the next one of its kind, so scans never overlap.
_TITLE = {'"': re.compile(r'"(?:[^"\\]|\\.)*"', re.S), "'": re.compile(r"'(?:[^'\\]|\\.)*'", re.S),
          "(": re.compile(r"\((?:[^()\\]|\\.)*\)", re.S)}
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks and inline code spans."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    fence: str | None = None
    fence_start = 0
    prose_start = 0
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None and m:
            ranges.extend((prose_start + a, prose_start + b) for a, b in
                          _span_ranges(text[prose_start:pos]))
            fence, fence_start = m.group(1), pos
        elif fence is not None and m and m.group(1)[0] == fence[0] \
                and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
            ranges.append((fence_start, pos + len(line)))
            fence = None
            prose_start = pos + len(line)
        pos += len(line)
    if fence is not None:
        ranges.append((fence_start, len(text)))
    else:
        ranges.extend((prose_start + a, prose_start + b) for a, b in
                      _span_ranges(text[prose_start:]))
    return ranges


def _span_ranges(text: str) -> list[tuple[int, int]]:
    if "`" not in text:
        return []
    return [m.span() for m in _CODE_SPAN.finditer(text)]


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls in one of ``ranges`` (sorted, not overlapping): a bisection,
    so a clip with thousands of code spans and images is not scanned quadratically."""
    i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _parse_markdown_image(text: str, start: int) -> ImageRef | None:
    """Parse ``![alt](dest "title")`` at ``start``; None if it is not one.

    Nesting of brackets and parentheses is capped (CommonMark allows that), so a
    body full of unclosed ``![`` or ``![](`` costs linear time, not quadratic.
    """
    pos = start + 2
    depth = 1
    n = len(text)
    while pos < n and depth:
        ch = text[pos]
        if ch == "\\":
            pos += 2
            continue
        if ch == "[":
            depth += 1
            if depth > MAX_NESTING:
                return None
        elif ch == "]":
            depth -= 1
        elif ch == "\n" and text[pos + 1:pos + 2] == "\n":
            return None
        pos += 1
    if depth or pos >= n or text[pos] != "(":
        return None
    alt = text[start + 2:pos - 1]
    pos += 1
    while pos < n and text[pos] in " \t\n":
        pos += 1
    url_start = pos
    if pos < n and text[pos] == "<":
        m = _ANGLE_DESTINATION.match(text, pos)
        if m is None:
            return None
        url = m.group(1)
        pos = m.end()
    else:
        parens = 0
        while pos < n:
            ch = text[pos]
            if ch == "\\" and pos + 1 < n:
                pos += 2
                continue
            if ch.isspace() or ch in "\x00":
                break
            if ch == "(":
                parens += 1
                if parens > MAX_NESTING:
                    return None
            elif ch == ")":
                if parens == 0:
                    break
                parens -= 1
            pos += 1
        url = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text[url_start:pos])
    url_end = pos
    while pos < n and text[pos] in " \t\n":
        pos += 1
    if pos < n and text[pos] in "\"'(":
        m = _TITLE[text[pos]].match(text, pos)
        if m is None:
            return None
        pos = m.end()
        while pos < n and text[pos] in " \t\n":
            pos += 1
    if pos >= n or text[pos] != ")":
        return None
    return ImageRef("markdown", start, pos + 1, url, alt, url_start, url_end)


def tag_attributes(tag: str) -> dict[str, str]:
    inner = re.sub(r"^<img\b|/?>$", "", tag, flags=re.I)
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(inner):
        name = m.group(1).lower()
        value = next((g for g in m.groups()[1:] if g is not None), "")
        attrs.setdefault(name, html.unescape(value))
    return attrs


def find_image_refs(markdown: str, base: str | None = None) -> list[ImageRef]:
    """Every image in a clip body, in order, outside code."""
    code = _code_ranges(markdown)
    refs: list[ImageRef] = []
    pos = 0
    while True:
        bang = markdown.find("![", pos)
        if bang == -1:
            break
        if _inside(bang, code) or (bang and markdown[bang - 1] == "\\"):
            pos = bang + 2
            continue
        ref = _parse_markdown_image(markdown, bang)
        if ref is None or not ref.url:
            pos = bang + 2
            continue
        refs.append(ref)
        pos = ref.end
    taken = [(r.start, r.end) for r in refs]
    for m in _IMG_TAG.finditer(markdown):
        if _inside(m.start(), code) or _inside(m.start(), taken):
            continue
        attrs = tag_attributes(m.group(0))
        tiny = attrs.get("width", "").strip() in ("0", "1") and \
            attrs.get("height", "").strip() in ("0", "1")
        url = best_image_url(attrs, base) or (attrs.get("src", "").strip() if tiny else None)
        if not url:
            continue
        refs.append(ImageRef("html", m.start(), m.end(), url, attrs.get("alt", ""), tiny=tiny))
    refs.sort(key=lambda r: r.start)
    return refs


def escape_alt(alt: str) -> str:
    return re.sub(r"([\[\]\\])", r"\\\1", alt)


def rewrite_images(markdown: str, refs: list[ImageRef],
                   decide: Callable[[ImageRef], str | Literal[False] | None]) -> str:
    """Apply ``decide`` to each image: a new URL, ``None`` to drop the image (its alt text
    stays), or ``False`` to leave it as it is. ``refs`` never overlap (``find_image_refs``)."""
    pieces: list[str] = []  # joined once: slicing the whole text per image is quadratic
    pos = 0
    for ref in sorted(refs, key=lambda r: r.start):
        choice = decide(ref)
        if choice is False:
            continue
        if choice is None:
            replacement = ref.alt.strip()
            if ref.kind == "markdown":
                replacement = replacement.replace("\\]", "]").replace("\\[", "[")
            pieces += [markdown[pos:ref.start], replacement]
        elif ref.kind == "markdown":
            pieces += [markdown[pos:ref.url_start], choice, markdown[ref.url_end:ref.end]]
        else:
            attrs = tag_attributes(markdown[ref.start:ref.end])
            keep = {"alt": attrs.get("alt", ""), "title": attrs.get("title"),
                    "width": attrs.get("width"), "height": attrs.get("height")}
            parts = [f'src="{html.escape(choice)}"'] + [
                f'{k}="{html.escape(v)}"' for k, v in keep.items() if v is not None]
            pieces += [markdown[pos:ref.start], "<img " + " ".join(parts) + ">"]
        pos = ref.end
    pieces.append(markdown[pos:])
    return "".join(pieces)
