"""Tree surgery shared by the extraction steps.

The extractor parses with a C-level element class lookup, so elements are not
always ``lxml.html.HtmlElement`` and its ``drop_tag`` may be missing; these
work on any lxml element.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html


def remove_keep_tail(el: etree._Element) -> None:
    """Remove an element but keep its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
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
    text, tail = el.text or "", el.tail or ""
    children = list(el)
    prev = el.getprevious()
    if text:
        if prev is not None:
            prev.tail = (prev.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
    parent.remove(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if tail:
        last = children[-1] if children else (parent[index - 1] if index > 0 else None)
        if last is not None:
            last.tail = (last.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
