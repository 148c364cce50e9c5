"""Finding and rewriting the images a clip body refers to.

Images appear as Markdown ``![alt](url "title")`` and as ``<img>`` inside HTML
that html2text kept (tables). Examples inside code blocks and code spans are
text, not images, and are left alone. For ``<img>`` the best source is picked
the way a browser would on a good screen: ``srcset``/lazy-loading attributes
before a placeholder ``src``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

MAX_REASONABLE_WIDTH = 2400
"""From srcset, the widest candidate up to this many pixels (past it: print-size originals)."""


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
    out: list[tuple[str, float | None, float | None]] = []
    pos, n = 0, len(value)
    while pos < n:
        while pos < n and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < n and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if not url:
            break
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            start = pos
            depth = 0
            while pos < n and (value[pos] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[pos], 0)
                pos += 1
            descriptor = value[start:pos].strip()
        width = density = None
        for token in descriptor.split():
            try:
                if token.endswith("w"):
                    width = float(token[:-1])
                elif token.endswith("x"):
                    density = float(token[:-1])
            except ValueError:
                continue
        if url:
            out.append((url, width, density))
    return out


def best_from_srcset(value: str) -> str | None:
    """The widest candidate up to ``MAX_REASONABLE_WIDTH`` (else the narrowest), or the
    highest density up to 2x."""
    candidates = [c for c in parse_srcset(value) if not c[0].startswith("data:")]
    if not candidates:
        return None
    widths = [(w, url) for url, w, _ in candidates if w]
    if widths:
        reasonable = [c for c in widths if c[0] <= MAX_REASONABLE_WIDTH]
        return max(reasonable)[1] if reasonable else min(widths)[1]
    dense = [(d or 1.0, url) for url, _, d in candidates]
    reasonable = [c for c in dense if c[0] <= 2.0]
    return max(reasonable)[1] if reasonable else min(dense)[1]


SRCSET_ATTRIBUTES = ("data-srcset", "data-lazy-srcset", "data-src-set")
SRC_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url",
                  "data-hi-res-src", "data-full-src", "data-orig-file")


def is_placeholder(url: str) -> bool:
    """An empty ``src``, a tiny inline GIF or a named spacer that lazy loading replaces."""
    lowered = url.strip().lower()
    if not lowered:
        return True
    if lowered.startswith("data:"):
        return len(lowered) < 1000 or lowered.startswith("data:image/svg")
    name = lowered.split("?", 1)[0].rsplit("/", 1)[-1]
    return any(word in name for word in ("spacer", "blank.", "pixel.", "placeholder",
                                         "transparent.", "grey.gif", "loading."))


def best_image_url(attrs: Mapping[str, str], base: str | None = None) -> str | None:
    """The URL a reader wants from an ``<img>``'s attributes, absolute against ``base``."""
    def absolute(url: str) -> str:
        url = url.strip()
        return urljoin(base, url) if base else url

    for name in SRCSET_ATTRIBUTES:
        best = best_from_srcset(attrs.get(name, ""))
        if best:
            return absolute(best)
    for name in SRC_ATTRIBUTES:
        value = attrs.get(name, "").strip()
        if value and not (value.startswith("data:") and is_placeholder(value)):
            return absolute(value)
    best = best_from_srcset(attrs.get("srcset", ""))
    if best:
        return absolute(best)
    src = attrs.get("src", "").strip()
    if src and (not is_placeholder(src) or src.startswith("data:image/svg")):
        return absolute(src)
    if src.startswith("data:") and len(src) > 100:
        return src
    return None


# --- scanning --------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1)[\s\S])*?(?<!`)\1(?!`)")
_IMG_TAG = re.compile(r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.I)
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
    return [m.span() for m in _CODE_SPAN.finditer(text)]


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _parse_markdown_image(text: str, start: int) -> ImageRef | None:
    """Parse ``![alt](dest "title")`` at ``start``; None if it is not one."""
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
        close = text.find(">", pos)
        if close == -1 or "\n" in text[pos:close]:
            return None
        url = text[pos + 1:close]
        pos = close + 1
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
        closer = {"\"": "\"", "'": "'", "(": ")"}[text[pos]]
        end = text.find(closer, pos + 1)
        if end == -1:
            return None
        pos = end + 1
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
    out = markdown
    for ref in sorted(refs, key=lambda r: r.start, reverse=True):
        choice = decide(ref)
        if choice is False:
            continue
        if choice is None:
            replacement = ref.alt.strip()
            if ref.kind == "markdown":
                replacement = replacement.replace("\\]", "]").replace("\\[", "[")
            out = out[:ref.start] + replacement + out[ref.end:]
        elif ref.kind == "markdown":
            out = out[:ref.url_start] + choice + out[ref.url_end:]
        else:
            attrs = tag_attributes(out[ref.start:ref.end])
            keep = {"alt": attrs.get("alt", ""), "title": attrs.get("title"),
                    "width": attrs.get("width"), "height": attrs.get("height")}
            parts = [f'src="{html.escape(choice)}"'] + [
                f'{k}="{html.escape(v)}"' for k, v in keep.items() if v is not None]
            out = out[:ref.start] + "<img " + " ".join(parts) + ">" + out[ref.end:]
    return out
