"""HTML-side fix-ups run on the article fragment just before it becomes Markdown.

The converter walks the tree recursively, so it must never meet what would
make it fail or lie: invisible elements, scripts, form controls, absurdly deep
nesting, and code tables whose first column is line numbers.  Each fix here is
linear in the size of the fragment.
"""

from __future__ import annotations

import re

from lxml import etree

from clipper.extract.normalize import MATH_ATTR
from clipper.extract.tree import remove_keep_tail

__all__ = ["MAX_DEPTH", "code_text", "prepare_fragment"]

MAX_DEPTH = 80
"""Deeper elements are flattened to text: no article needs more, recursion does."""

_DROP_TAGS = frozenset((
    "script", "style", "template", "noscript", "head", "title", "meta", "link", "base", "iframe",
    "frame", "frameset", "object", "embed", "applet", "param", "canvas", "svg", "select", "option",
    "optgroup", "button", "textarea", "datalist", "dialog", "map", "area", "audio", "video",
    "track", "source", "portal", "slot", "menu",
))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_GUTTER_CLASS = re.compile(r"(?:^|[\s_-])(?:line-?num(?:ber)?s?|linenos?|lineno-?\w*|gutter"
                           r"|ln-num|hljs-ln-n\w*|code-line-number|blob-num)(?:$|[\s_-])", re.I)
_DIGITS_ONLY = re.compile(r"^[\d\s.:]*$")
_KEEP_ATOMS = frozenset(("img", "br"))


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return el.get(MATH_ATTR) is None
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _flatten(el: etree._Element) -> None:
    """Replace everything under ``el`` by its text, keeping images and line breaks."""
    pieces: list[str | etree._Element] = [el.text or ""]
    for node in el.iterdescendants():
        if not isinstance(node.tag, str):
            if node.tail:
                pieces.append(node.tail)
            continue
        if node.tag in _KEEP_ATOMS:
            pieces.append(node.makeelement(node.tag, dict(node.attrib)))
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
    depth: dict[etree._Element, int] = {root: 0}
    too_deep: list[etree._Element] = []
    for el in root.iterdescendants():
        parent = el.getparent()
        d = depth.get(parent, 0) + 1
        depth[el] = d
        if d == MAX_DEPTH and len(el):
            too_deep.append(el)
    for el in too_deep:
        _flatten(el)


_LINE_BLOCKS = frozenset(("div", "p", "li", "tr", "table", "pre", "code-line"))


def code_text(el: etree._Element) -> str:
    """Code text as a browser shows it: ``<br>`` and per-line blocks are newlines."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else None
        if event == "start":
            line_start = tag in _LINE_BLOCKS and node is not el and parts \
                and not parts[-1].endswith("\n")
            if tag == "br" or line_start:
                parts.append("\n")
            if tag is not None and node.text:
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _gutter_table(table: etree._Element) -> etree._Element | None:
    """A ``<pre>`` with the code of a line-numbered code table, or None."""
    rows = [tr for tr in table.iter("tr")]
    if not rows or len(rows) > 20000:
        return None
    code_cells: list[etree._Element] = []
    for tr in rows:
        cells = [c for c in tr if c.tag in ("td", "th")]
        if len(cells) != 2:
            return None
        gutter, code = cells
        gtext = "".join(gutter.itertext())
        if not _DIGITS_ONLY.match(gtext):
            return None
        if not (gtext.strip() or gutter.get("data-line-number") is not None
                or _GUTTER_CLASS.search(gutter.get("class") or "")):
            return None
        code_cells.append(code)
    is_code = any(next(c.iter("pre", "code"), None) is not None
                  or "code" in (c.get("class") or "").lower() for c in code_cells)
    if not is_code:
        return None
    text = "\n".join(code_text(next(c.iter("pre"), c)).rstrip("\n") for c in code_cells)
    pre = table.makeelement("pre", {})
    code = pre.makeelement("code", {})
    pre.append(code)
    code.text = text
    # Carry the language hint: it sits on the code cell's <pre>/<code> or the table.
    for holder in [*code_cells[0].iter("pre", "code", "div"), table]:
        cls = holder.get("class")
        if cls:
            code.set("class", (code.get("class", "") + " " + cls).strip())
        lang = holder.get("data-lang") or holder.get("data-language")
        if lang:
            code.set("data-lang", lang)
    return pre


def _strip_gutters(pre: etree._Element) -> None:
    for el in list(pre.iterdescendants()):
        if not isinstance(el.tag, str):
            continue
        cls = el.get("class")
        if ((cls and _GUTTER_CLASS.search(cls)) or el.get("data-line-number") is not None) \
                and _DIGITS_ONLY.match("".join(el.itertext())):
            remove_keep_tail(el)


def prepare_fragment(root: etree._Element) -> None:
    """Make ``root`` safe and faithful to convert (in place)."""
    doomed: list[etree._Element] = []
    tables: list[etree._Element] = []
    pres: list[etree._Element] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            doomed.append(el)  # comments, processing instructions
            continue
        if tag in _DROP_TAGS or _is_hidden(el):
            if el is not root:
                doomed.append(el)
        elif tag == "input" and (el.get("type") or "").lower() != "checkbox":
            doomed.append(el)
        elif tag == "table":
            tables.append(el)
        elif tag == "pre":
            pres.append(el)
    for el in doomed:
        remove_keep_tail(el)
    for table in tables:
        if table.getparent() is None:
            continue
        pre = _gutter_table(table)
        if pre is not None:
            pre.tail = table.tail
            table.getparent().replace(table, pre)
    for pre in pres:
        if pre.getparent() is not None:
            _strip_gutters(pre)
    _cap_depth(root)
