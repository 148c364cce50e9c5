"""Finish the chosen article: empty leftovers, the title heading, and what it came from.

Also computes what the window needs besides the Markdown: the images used, and the
source lines (``sourceline`` of kept elements, merged into ranges) to tint in the
raw page view.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.select import text_similarity
from clipper.extract.text import inner_text
from clipper.images.refs import find_image_refs

_MEDIA = ("img", "picture", "video", "audio", "iframe", "math", "table", "hr", "br", "embed",
          "object")
_DROP_WHEN_EMPTY = (
    "p", "div", "section", "article", "span", "a", "li", "ul", "ol", "dl", "dd", "dt",
    "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em",
    "b", "i", "u", "small", "header", "main", "font", "center",
)


def drop_empty(root: HtmlElement) -> None:
    """Elements left without text or media say nothing, and links without text go too.

    A space-only element becomes its space ("try<span> </span>vlc" must not read "tryvlc");
    an empty anchor that names a place (``id``/``name``) stays, footnotes may point at it.
    """
    for el in reversed(list(root.iter(*_DROP_WHEN_EMPTY))):
        if el is root or el.getparent() is None:
            continue
        if (el.text or "").strip() and (el.tag != "a" or el.get("href")):
            continue  # words of its own: it stays whatever it holds (the common case, cheap)
        if next(el.iter(*_MEDIA), None) is not None:
            continue
        text = el.text_content()
        if text.strip():
            if el.tag == "a" and not el.get("href"):
                el.drop_tag()  # an anchor that goes nowhere is just text
        elif el.tag == "a" and not el.get("href") and (el.get("id") or el.get("name")):
            continue
        elif text:
            el.drop_tag()
        else:
            el.drop_tree()


def drop_title_heading(root: HtmlElement, title: str | None) -> None:
    """The clip writes its own ``# Title``: drop a heading before the text that repeats it."""
    if not title:
        return
    for el in root.iter():
        if not isinstance(el.tag, str) or el is root:
            continue
        if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if text_similarity(title, inner_text(el)) > 0.75 and (
                text_similarity(inner_text(el), title) > 0.75
            ):
                droplog.drop(el, "duplicate of the title")
            return
        if el.tag in ("p", "li", "pre", "table", "blockquote") and el.text_content().strip():
            return


def kept_lines(root: HtmlElement) -> list[tuple[int, int]]:
    """1-based inclusive ranges of source lines holding the kept elements and their text.

    From libxml2's ``sourceline`` of each kept element, stretched over the newlines of its
    text. libxml2 counts lines up to 65535 only, so on longer sources everything past that
    line shows as line 65535.
    """
    spans: list[tuple[int, int]] = []
    for el in root.iter():
        line = el.sourceline
        if not isinstance(el.tag, str) or not line:
            continue
        end = line + (el.text or "").count("\n")
        spans.append((line, end))
        if el.tail and "\n" in el.tail.rstrip():
            spans.append((end, end + el.tail.rstrip().count("\n")))
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end + 1:
            if end > last_end:
                merged[-1] = (last_start, end)
        else:
            merged.append((start, end))
    return merged


def image_urls(markdown: str, base: str | None) -> list[str]:
    """The images the Markdown shows (``![]()`` and kept ``<img>``), in order, without repeats.

    Read from the Markdown itself with the library's own parser, so the list names exactly
    the URLs that saving the clip will fetch (escaped as the Markdown writes them).
    """
    seen: set[str] = set()
    out: list[str] = []
    for ref in find_image_refs(markdown, base):
        if ref.url and ref.url not in seen and not ref.url.startswith("data:"):
            seen.add(ref.url)
            out.append(ref.url)
    return out


def first_paragraph(root: HtmlElement, limit: int = 300) -> str | None:
    """A description for clips whose page has none: the first real paragraph."""
    for p in root.iter("p"):
        text = inner_text(p)
        if len(text) >= 60:
            if len(text) > limit:
                cut = text.rfind(" ", 0, limit)
                text = text[: cut if cut > 0 else limit].rstrip(",;:") + "…"
            return text
    return None
