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

_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})([^\n]*)", re.M)
_BACKTICKS = re.compile(r"`+")
# Runs of what the character loops below would only step over, jumped in one C-level scan:
# a data: image is megabytes of such characters.
_PLAIN_ALT = re.compile(r"[^\\\[\]\n]+")
_PLAIN_DESTINATION = re.compile(r"[^\s\\()\x00]+")
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
    """Spans of fenced code blocks and inline code spans (found in place: a body may be
    megabytes, and a copy of it per step is what a large inline image must not cost)."""
    ranges: list[tuple[int, int]] = []
    fence: str | None = None
    fence_start = 0
    prose_start = 0
    for m in _FENCE_LINE.finditer(text):
        marks, rest = m.group(1), m.group(2)
        line_end = min(m.end() + 1, len(text))  # with its newline
        if fence is None:
            ranges.extend(_span_ranges(text, prose_start, m.start()))
            fence, fence_start = marks, m.start()
        elif marks[0] == fence[0] and len(marks) >= len(fence) and not rest.strip():
            ranges.append((fence_start, line_end))
            fence = None
            prose_start = line_end
    if fence is not None:
        ranges.append((fence_start, len(text)))
    else:
        ranges.extend(_span_ranges(text, prose_start, len(text)))
    return ranges


def _span_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inline code spans in ``text[start:end]``: a run of backticks up to the next run of
    the same length.

    Pairs the runs found by one scan instead of a regex that matched the span's
    characters one by one (it kept state per character: gigabytes on a large body).
    """
    if text.find("`", start, end) == -1:
        return []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start, end)]
    at_length: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(runs):
        at_length.setdefault(b - a, []).append(i)
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        a, b = runs[i]
        same = at_length[b - a]
        k = bisect.bisect_right(same, i)
        if k < len(same):
            j = same[k]
            ranges.append((a, runs[j][1]))
            i = j + 1
        else:
            i += 1  # no closing run: these backticks are text
    return ranges


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
        plain = _PLAIN_ALT.match(text, pos)
        if plain:
            pos = plain.end()
            if pos >= n:
                break
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
            plain = _PLAIN_DESTINATION.match(text, pos)
            if plain:
                pos = plain.end()
                if pos >= n:
                    break
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
