"""Tree surgery and typed XPath shared by the extractor and the Markdown writer.

The extractor parses with a C-level element class lookup, and tests build trees with
``lxml.etree``, so elements are not always ``lxml.html.HtmlElement`` and its
``drop_tag`` may be missing; these work on any lxml element. lxml-stubs types every
XPath result as the union of everything an XPath can return; each compiled expression
here says which kind it returns, so callers are type-checked as they are written.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

__all__ = ["ElementsXPath", "NumberXPath", "add_text_before", "class_matches",
           "remove_keep_tail", "text_of", "unwrap"]


class ElementsXPath:
    """A compiled XPath whose result is a list of elements (``//p``, ``descendant::time``)."""

    __slots__ = ("_xpath",)

    def __init__(self, path: str) -> None:
        self._xpath = etree.XPath(path)

    @property
    def path(self) -> str:
        """The expression, as written."""
        return self._xpath.path

    def __call__(self, el: etree._Element, **variables: str) -> list[lxml_html.HtmlElement]:
        return self._xpath(el, **variables)  # type: ignore[return-value]


class NumberXPath:
    """A compiled XPath whose result is a number (``count()``, ``string-length()``)."""

    __slots__ = ("_xpath",)

    def __init__(self, path: str) -> None:
        self._xpath = etree.XPath(path)

    def __call__(self, el: etree._Element) -> float:
        return self._xpath(el)  # type: ignore[return-value]


_CLASSES = etree.XPath("descendant::*/@class")
_CLASSES_WITH_ROOT = etree.XPath("descendant-or-self::*/@class")


def class_matches(root: etree._Element, pattern: re.Pattern[str], *, with_root: bool = False,
                  ) -> list[lxml_html.HtmlElement]:
    """The elements under ``root`` (and ``root`` itself ``with_root``) whose ``class``
    ``pattern`` finds, in document order.

    With ``pattern`` an alternation of plain words (``a|b``) this is the XPath
    ``.//*[@class][contains(@class, 'a') or contains(@class, 'b')]``, about twice as fast
    on a page: libxml2 copies the class string once per ``contains()`` of every element.
    The class values are read by one XPath (each knows its element), so Python sees only
    the elements that have a class, not every element of the page.
    """
    values = (_CLASSES_WITH_ROOT if with_root else _CLASSES)(root)
    return [value.getparent() for value in values  # type: ignore[union-attr]
            if pattern.search(value)]  # type: ignore[arg-type]


def inside(el: etree._Element, ancestor: etree._Element) -> bool:
    """``ancestor`` is one of ``el``'s ancestors (``el`` itself excluded): ``el`` has not
    been removed from it."""
    return any(node is ancestor for node in el.iterancestors())


def text_of(el: etree._Element) -> str:
    """The text of ``el`` and everything in it, without its own tail (``textContent``).

    lxml yields ``str`` on Python 3; lxml-stubs types ``itertext`` as ``str | bytes``.
    """
    return "".join(el.itertext())  # type: ignore[arg-type]


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
        if parent is None:
            raise ValueError("add_text_before needs an element with a parent")
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
