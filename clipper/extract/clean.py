"""Remove what is never article content before anything is scored.

Runs over the whole page once: scripts, styles, forms controls and other junk
tags, hidden elements (a hidden element is hidden from the reader too, and hidden
text is a classic way to stuff pages), text only screen readers get ("Image caption",
"Credit", "opens in a new window": a reader never sees those labels), modal dialogs;
``<br><br>`` runs become
paragraph breaks so text laid out with line breaks can be scored as paragraphs.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.formboxes import form_boxes
from clipper.extract.patterns import JUNK_TAGS, PHRASING_ELEMS, VIDEOS
from clipper.fidelity import embed_seen
from clipper.htmltree import class_matches
from clipper.visibility import aria_hidden, hides


def is_hidden(el: HtmlElement) -> bool:
    """Readability's ``_isProbablyVisible``, inverted (an ``aria-hidden`` ``fallback-image``
    stays visible)."""
    if hides(el):  # display:none, not a custom property named "--x-display"
        return True
    return aria_hidden(el) and "fallback-image" not in (el.get("class") or "")


def is_modal(el: HtmlElement) -> bool:
    return el.get("aria-modal") == "true" and el.get("role") == "dialog"


def video_link(el: HtmlElement) -> HtmlElement | None:
    """A paragraph linking to an embedded video, so the clip keeps a way to it."""
    src = el.get("src") or el.get("data") or ""
    if not src or not VIDEOS.search(src):
        return None
    if src.startswith("//"):
        src = "https:" + src
    p = el.makeelement("p", {})
    a = el.makeelement("a", {"href": src})
    a.text = "▶"  # a symbol, not words: the clip's text stays the article's
    p.append(a)
    return p


HIDING_ATTRS = ("hidden", "aria-hidden", "style", "aria-modal")
"""What may hide an element or make it a dialog: the cleaning looks at elements holding one."""
_MAYBE_HIDDEN = "//*[" + " or ".join(f"@{a}" for a in HIDING_ATTRS) + "]"
_EMBEDS = ("iframe", "embed", "object", "frame", "frameset")


_SCREEN_READER_ONLY = frozenset((
    "sr-only", "sr-text", "screen-reader-text", "screen-reader-only", "screenreader-only",
    "visually-hidden", "visuallyhidden", "u-visually-hidden", "u-sr-only", "off-screen",
    "offscreen", "hidden-visually", "show-for-sr", "element-invisible", "assistive-text",
))
"""Class names for text only screen readers get ("Image caption", "Opens in a new window")."""
_CLASSED = re.compile("sr-|screen|hidden|offscreen|invisible|assistive|show-for-sr")
"""Pre-filters the classed elements worth a look (lower-case names; the test is exact)."""


def is_screen_reader_only(el: HtmlElement) -> bool:
    return any(token in _SCREEN_READER_ONLY for token in (el.get("class") or "").lower().split())


FIELDS_ATTR = "data-clipper-fields"
"""On an element that held form fields: how many. The fields go with the junk tags, but
Readability's conditional cleaning counts them later (a block with more inputs than a third
of its paragraphs is a form)."""
_TYPED = frozenset(("", "text", "search", "email", "password", "tel", "number", "url"))
"""The inputs counted: fields a reader types into. A checkbox or radio button is as often a
checklist's tick box or a CSS-only toggle (content tabs, a table of contents, a lightbox)
as a form's field, and a hidden input is no field at all."""


def _in_sentence(field: HtmlElement, parent: HtmlElement) -> bool:
    """Words follow ``field`` right after it, and stand before it in ``parent``: the field
    is a blank in a sentence (a fill-in exercise), part of the text, not a form's field,
    whose label comes before it or in a ``<label>``."""
    before = [parent.text or ""] + [c.tail or "" for c in field.itersiblings(preceding=True)]
    return len((field.tail or "").split()) >= 2 and any(t.strip() for t in before)


def _count_fields(controls: list[HtmlElement]) -> None:
    """Count each typed field (``_TYPED``) on its parent (``FIELDS_ATTR``)."""
    for el in controls:
        if el.tag != "input" or (el.get("type") or "").strip().lower() not in _TYPED:
            continue
        parent = el.getparent()
        if parent is not None and not _in_sentence(el, parent):
            parent.set(FIELDS_ATTR, str(int(parent.get(FIELDS_ATTR) or 0) + 1))


def remove_junk(root: HtmlElement, maybe_hidden: list[HtmlElement] | None = None) -> None:
    """Drop junk tags, hidden elements and modal dialogs; video embeds become links.

    The candidates are found by lxml in C (tag filters, one XPath), so the cost does
    not grow with the Python work per element of the page. ``maybe_hidden``: the
    page's elements with a hiding attribute, when the caller found them already.
    """
    if maybe_hidden is None:
        maybe_hidden = root.xpath(_MAYBE_HIDDEN)
    doomed: list[tuple[HtmlElement, str]] = [
        (el, "pop-up" if is_modal(el) and not is_hidden(el) else "hidden")
        for el in maybe_hidden if is_hidden(el) or is_modal(el)]
    controls = list(root.iter("input", "button", "script", "style"))  # before they are stripped
    doomed.extend((el, "form") for el in form_boxes(root, controls))
    _count_fields(controls)
    doomed.extend((el, "text for screen readers only")
                  for el in class_matches(root, _CLASSED, with_root=True)
                  if is_screen_reader_only(el))
    for el in list(root.iter(*_EMBEDS)):
        link = video_link(el)
        parent = el.getparent()
        embed_seen(el, link is not None and parent is not None)
        if link is None or parent is None:
            doomed.append((el, "embedded frame"))
        else:
            link.tail = el.tail
            parent.replace(el, link)
    # never shown as text: not logged; removed in C, their tails kept (as drop_tree does)
    etree.strip_elements(root, *JUNK_TAGS, "svg", with_tail=False)
    top = _outermost(root)
    for el, reason in doomed:  # an ancestor dropped first takes its subtree along; that is fine
        if el.getparent() is not None and _outermost(el) is top:  # not in a block dropped
            droplog.drop(el, reason)


def _outermost(el: HtmlElement) -> HtmlElement:
    """The root of the tree ``el`` is in now (a dropped block's own top when it was dropped)."""
    top = el
    for top in el.iterancestors():  # noqa: B007 -- the last ancestor is the answer
        pass
    return top


def _is_br_chain_start(br: HtmlElement) -> HtmlElement | None:
    """The next ``<br>`` when only whitespace separates it from this one."""
    if br.tail and br.tail.strip():
        return None
    nxt = br.getnext()
    return nxt if nxt is not None and nxt.tag == "br" else None


def replace_brs(root: HtmlElement) -> None:
    """Readability's ``_replaceBrs``: two or more ``<br>`` in a row start a new paragraph.

    The phrasing content after the run moves into a new ``<p>`` until the next run
    or a block element; a ``<p>`` holding such a split becomes a ``<div>``. Unlike
    Readability, not inside ``<pre>``, whose blank lines stay the code's.
    """
    for br in list(root.iter("br")):
        parent = br.getparent()
        if parent is None:
            continue
        nxt = _is_br_chain_start(br)
        if nxt is None or any(a.tag == "pre" for a in br.iterancestors()):
            continue  # in code a blank line is the code's, not a paragraph break
        replaced = False
        while nxt is not None:  # drop the rest of the chain
            replaced = True
            after = _is_br_chain_start(nxt)
            nxt.drop_tree()
            nxt = after
        if not replaced:
            continue
        p = br.makeelement("p", {})
        p.text = br.tail
        br.tail = None
        parent.replace(br, p)
        sibling = p.getnext()
        while sibling is not None:
            if sibling.tag == "br" and _is_br_chain_start(sibling) is not None:
                break
            if not _is_phrasing(sibling):
                break
            following = sibling.getnext()
            p.append(sibling)  # moves with its tail
            sibling = following
        while len(p) and p[-1].tag == "br" and not (p[-1].tail or "").strip():
            last = p[-1]
            p.remove(last)
        if parent.tag == "p":
            parent.tag = "div"


def _is_phrasing(el: HtmlElement) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return True
    if tag in PHRASING_ELEMS:
        return True
    if tag in ("a", "del", "ins"):  # phrasing when all they hold is
        return all(_is_phrasing(c) for c in el)
    return False


is_phrasing = _is_phrasing
