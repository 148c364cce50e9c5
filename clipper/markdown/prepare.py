"""HTML-side fix-ups run on the article fragment just before it becomes Markdown.

The converter walks the tree recursively, so it must never meet what would
make it fail or lie: invisible elements, scripts, form controls, absurdly deep
nesting, and code tables whose first column is line numbers.  Each fix here is
linear in the size of the fragment.
"""

from __future__ import annotations

from lxml import etree

from clipper.fidelity import media_dropped
from clipper.htmltree import remove_keep_tail, text_of
from clipper.markdown.code import gutter_table, strip_gutters
from clipper.markdown.marks import MATH_ATTR
from clipper.visibility import aria_hidden, style_hides

__all__ = ["MAX_DEPTH", "prepare_fragment"]

MAX_DEPTH = 80
"""Deeper elements are flattened to text: no article needs more, recursion does."""

_DROP_TAGS = frozenset((
    "script", "style", "template", "noscript", "head", "title", "meta", "link", "base", "iframe",
    "frame", "frameset", "object", "embed", "applet", "param", "canvas", "svg", "select", "option",
    "optgroup", "button", "textarea", "datalist", "dialog", "map", "area", "audio", "video",
    "track", "source", "portal", "slot", "menu",
))
_KEEP_ATOMS = frozenset(("img", "br"))


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or aria_hidden(el):
        return el.get(MATH_ATTR) is None  # a formula's placeholder stands for its hidden source
    return style_hides(el)


def _flatten(el: etree._Element) -> None:
    """Replace everything under ``el`` by its text, keeping images and line breaks."""
    pieces: list[str | etree._Element] = [el.text or ""]
    for node in el.iterdescendants():
        if not isinstance(node.tag, str):
            if node.tail:
                pieces.append(node.tail)
            continue
        if node.tag in _KEEP_ATOMS:
            atom = node.makeelement(node.tag)
            atom.attrib.update(node.attrib)
            pieces.append(atom)
        else:
            pieces.append(node.text or "")
            if node.tag in ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"):
                pieces.append(" ")
        if node.tail:
            pieces.append(node.tail)
    for child in list(el):
        el.remove(child)
    el.text = ""
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            if last is None:
                el.text = (el.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
        else:
            el.append(piece)
            last = piece


def _cap_depth(root: etree._Element) -> None:
    depth: dict[etree._Element | None, int] = {root: 0}
    too_deep: list[etree._Element] = []
    for el in root.iterdescendants():
        d = depth.get(el.getparent(), 0) + 1
        depth[el] = d
        if d == MAX_DEPTH and len(el):
            too_deep.append(el)
    for el in too_deep:
        _flatten(el)


_QUOTE_OPENING_DEPTH = 3
"""Forums wrap a quote's body in a ``<div>`` or two inside the ``<blockquote>``."""


def _attribution_line(cite: etree._Element) -> None:
    """A ``<cite>`` opening a quote and ending in a colon or running straight into the
    quoted words ("rosa_k wrote:", "rosa_k wrote: ↑Anything") is the quote's attribution:
    forum styles show it on a line of its own (phpBB, Simple Machines). Written inline it
    runs into the quote's first word, and an emphasis that ends in a link before a word
    cannot close in Markdown (``*… [↑](…)*Anything`` falls back to raw ``<em>``), so it
    becomes its own paragraph. A work's title opening a quote ("<cite>Hamlet</cite> is…")
    stays in its sentence."""
    tail = cite.tail or ""
    said = text_of(cite).rstrip()
    # glued words need the attribution's colon: a title is glued to a Chinese or Japanese
    # sentence (<cite>方丈記</cite>は…), which writes no space
    if not tail.strip() or not (":" in said or "\uff1a" in said) or not (
            tail[0].isalnum() or said.endswith((":", "\uff1a"))):
        return
    el = cite
    for _ in range(_QUOTE_OPENING_DEPTH):
        parent = el.getparent()
        if parent is None or (parent.text or "").strip() or parent[0] is not el:
            return
        if parent.tag == "blockquote":
            break
        if parent.tag not in ("div", "p"):
            return
        el = parent
    else:
        return
    holder = cite.getparent()
    if holder is None:
        return
    line = cite.makeelement("p", {})
    if holder.tag == "p":  # <p><cite>…</cite>words</p>: two paragraphs, not one in another
        holder.addprevious(line)
        holder.text, cite.tail = tail, None
        line.append(cite)
        return
    line.tail, cite.tail = tail, None
    holder.replace(cite, line)
    line.append(cite)


def prepare_fragment(root: etree._Element) -> None:
    """Make ``root`` safe and faithful to convert (in place)."""
    doomed: list[etree._Element] = []
    tables: list[etree._Element] = []
    pres: list[etree._Element] = []
    cites: list[etree._Element] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            doomed.append(el)  # comments, processing instructions
            continue
        if tag in _DROP_TAGS or _is_hidden(el):
            if el is not root:
                doomed.append(el)
                if tag in ("video", "audio") and not _is_hidden(el):
                    media_dropped(el)
        elif tag == "input" and (el.get("type") or "").lower() != "checkbox":
            doomed.append(el)
        elif tag == "table":
            tables.append(el)
        elif tag == "pre":
            pres.append(el)
        elif tag == "cite":
            cites.append(el)
    for el in doomed:
        remove_keep_tail(el)
    _rewrite(tables, pres, cites)
    _cap_depth(root)


def _rewrite(tables: list[etree._Element], pres: list[etree._Element],
             cites: list[etree._Element]) -> None:
    """Code tables and gutters as plain code, quote attributions as their own lines."""
    for cite in cites:
        _attribution_line(cite)
    for table in tables:
        parent = table.getparent()
        if parent is None:
            continue
        pre = gutter_table(table)
        if pre is not None:
            pre.tail = table.tail
            parent.replace(table, pre)
    for pre in pres:
        if pre.getparent() is not None:
            strip_gutters(pre)
