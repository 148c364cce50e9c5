"""Tree surgery shared by the extraction steps.

The extractor parses with a C-level element class lookup, so elements are not
always ``lxml.html.HtmlElement`` and its ``drop_tag`` may be missing; these
work on any lxml element.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html


def add_text_before(el: etree._Element, text: str | None) -> None:
    """Put ``text`` where it reads just before ``el``: the previous sibling's tail, or the
    parent's text. ``el`` must have a parent."""
    if not text:
        return
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + text


def remove_keep_tail(el: etree._Element) -> None:
    """Remove an element but keep its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    add_text_before(el, el.tail)
    parent.remove(el)


def unwrap(el: etree._Element) -> None:
    """Replace an element by its content (lxml's ``drop_tag`` for any element)."""
    if isinstance(el, lxml_html.HtmlElement):
        el.drop_tag()
        return
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    tail = el.tail or ""
    children = list(el)
    add_text_before(el, el.text)
    parent.remove(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if tail:
        last = children[-1] if children else (parent[index - 1] if index > 0 else None)
        if last is not None:
            last.tail = (last.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
