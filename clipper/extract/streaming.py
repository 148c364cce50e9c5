"""Content a React streaming render sends hidden, for a script to move into place.

React's streaming server render (``renderToPipeableStream``, used by Next.js and
Remix) first sends the page's shell with a placeholder where a part that is still
loading goes: ``<!--$?--><template id="B:0"></template>…fallback…<!--/$-->``. When the
part is ready it is sent at the end of the body inside ``<div hidden id="S:0">``,
followed by an inline script ``$RC("B:0","S:0")`` that moves it to the placeholder
and drops the fallback (``$RR`` does the same once the part's stylesheets loaded;
``$RS("S:1","P:1")`` moves a segment into a ``<template id="P:1">``). Without
scripts that article is only a hidden ``<div>``, which the cleaning drops like any
hidden element, and the clip is empty or the shell's loading text.

This does what those scripts do, on that one signal only: a hidden element whose id
an inline script names in such a call, or whose id is ``S:n`` when the page holds a
``<template id="B:n">`` or ``<template id="P:n">`` placeholder. Its content moves to
the placeholder (or, when there is none, is shown where it is). Any other hidden
element (a menu, a dialog, a screen-reader duplicate) is left to the cleaning.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.htmltree import ElementsXPath, inside

__all__ = ["mark_fallback_ends", "reveal_streamed"]

_CANDIDATES = ElementsXPath("//@hidden/parent::*[starts-with(@id, 'S:')]")
"""Found by lxml in C: a page that is not streamed costs one XPath (compiled once: a
compiling costs more than a run on a small page)."""
_CALL = re.compile(r"""\$R([CRS])\(\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']""")
"""``$RC("B:0","S:0")``, ``$RR("B:0","S:0",…)``: boundary, content;
``$RS("S:1","P:1")``: content, placeholder."""
_SEGMENT = re.compile(r"S:(\d+)\Z")
_FALLBACK = (r"""(<template id="B:(\d+)"></template>"""
             r"""(?:(?!<!--/?\$|<template).){0,20000}?)<!--/\$-->""")
"""A boundary's placeholder, its fallback (no nested boundary), the comment closing it."""
_FALLBACK_STR = re.compile(_FALLBACK, re.S)
_FALLBACK_BYTES = re.compile(_FALLBACK.encode(), re.S)
_END = "E:"
"""The id prefix of the mark that stands for a boundary's closing comment (the parser
drops comments); a ``<template>``, so the cleaning drops the marks left."""


def mark_fallback_ends(html: str | bytes) -> str | bytes:
    """The page's source with each ``<!--/$-->`` that closes a streamed boundary's fallback
    replaced by ``<template id="E:n">``, so ``reveal_streamed`` knows where the fallback
    ends. Lines stay where they were."""
    if isinstance(html, bytes):
        if b'<template id="B:' not in html:
            return html
        return _FALLBACK_BYTES.sub(rb'\1<template id="E:\2"></template>', html)
    if '<template id="B:' not in html:
        return html
    return _FALLBACK_STR.sub(r'\1<template id="E:\2"></template>', html)


def reveal_streamed(doc: HtmlElement) -> int:
    """Move each streamed hidden part to its placeholder; how many parts were revealed."""
    hidden = {el.get("id"): el for el in _CANDIDATES(doc)}
    if not hidden:
        return 0
    revealed = 0
    for content_id, placeholder_id in _pairs(doc, hidden):
        part = hidden.pop(content_id, None)
        if part is None or part.getparent() is None:
            continue
        _reveal(part, _placeholder(doc, placeholder_id))
        revealed += 1
    return revealed


def _pairs(doc: HtmlElement, hidden: dict[str | None, HtmlElement]) -> list[tuple[str, str]]:
    """(content id, placeholder id) in the order the page's scripts reveal them, then the
    ``S:n`` parts no script names whose ``B:n`` or ``P:n`` placeholder is on the page."""
    pairs: list[tuple[str, str]] = []
    for script in doc.iter("script"):
        text = script.text
        if not text or "$R" not in text:
            continue
        for kind, first, second in _CALL.findall(text):
            pairs.append((first, second) if kind == "S" else (second, first))
    named = {content for content, _placeholder in pairs}
    templates = {el.get("id") for el in doc.iter("template")}
    for content_id in hidden:
        if content_id is None or content_id in named:
            continue
        match = _SEGMENT.match(content_id)
        if match is None:
            continue
        for prefix in ("B:", "P:"):
            if prefix + match.group(1) in templates:
                pairs.append((content_id, prefix + match.group(1)))
                break
    return pairs


def _placeholder(doc: HtmlElement, placeholder_id: str) -> HtmlElement | None:
    for el in doc.iter("template"):
        if el.get("id") == placeholder_id:
            return el
    return None


def _reveal(part: HtmlElement, placeholder: HtmlElement | None) -> None:
    """Show ``part``: its content takes the placeholder's place, the fallback after the
    placeholder (up to the boundary's closing comment) goes; without a placeholder the
    part is shown where it is."""
    if placeholder is None or placeholder.getparent() is None or inside(placeholder, part):
        del part.attrib["hidden"]
        return
    _drop_fallback(placeholder)
    parent = placeholder.getparent()
    assert parent is not None
    _put_text_before(placeholder, part.text)
    for child in list(part):
        placeholder.addprevious(child)  # moves with its tail
    _put_text_before(placeholder, placeholder.tail)
    parent.remove(placeholder)
    part_parent = part.getparent()
    if part_parent is not None:
        _put_text_before(part, part.tail)
        part_parent.remove(part)


def _drop_fallback(placeholder: HtmlElement) -> None:
    """Drop the siblings after the placeholder up to the mark of the ``<!--/$-->`` that
    closes its boundary; nothing when the mark is not among them (the page is not as
    React writes it, and what follows may be content)."""
    end = _END + (placeholder.get("id") or "")[2:]
    following = []
    for sibling in placeholder.itersiblings():
        if sibling.tag == "template" and sibling.get("id") == end:
            break
        following.append(sibling)
    else:
        return
    parent = placeholder.getparent()
    for sibling in following:
        parent.remove(sibling)  # with its tail: the fallback's text
    placeholder.tail = None  # the fallback's own text, if any


def _put_text_before(el: HtmlElement, text: str | None) -> None:
    """Append ``text`` to whatever text comes just before ``el`` (lxml keeps text in the
    previous sibling's tail or the parent's text)."""
    if not text:
        return
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
        return
    parent = el.getparent()
    if parent is not None:
        parent.text = (parent.text or "") + text
