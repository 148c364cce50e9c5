"""Footnotes: find reference/definition pairs in any common markup.

Covers ``<sup><a href="#fn1">1</a></sup>`` with a notes list whose items carry
``↩`` back-links (Pandoc, Markdown processors, WordPress plugins),
Wikipedia's ``cite_ref``/``cite_note`` pairs, and DPUB-ARIA
``role="doc-noteref"``/``doc-endnotes``.  A pair needs a sign on *both* ends
(a superscript or note-like reference, and a note-like target) so a table of
contents or a "skip to" link is never mistaken for a footnote.

:func:`mark_footnotes` only sets ``data-clipper-fnref``/``data-clipper-fndef``
attributes (the extractor's page pre-pass runs it on the whole page, so the
extractor can see which blocks are notes); :func:`take_footnotes` then lifts the
definitions out of an article fragment just before it becomes Markdown.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from clipper.htmltree import ElementsXPath, remove_keep_tail, text_of
from clipper.markdown.marks import FNDEF_ATTR, FNREF_ATTR

__all__ = ["mark_footnotes", "take_footnotes"]

_MARKED_NOTES = ElementsXPath(f"descendant-or-self::*[@{FNDEF_ATTR}]")

_REF_WORD = re.compile(r"foot-?note|end-?note|fnref|noteref|cite[_-]?ref|\bfn\d*\b", re.I)
_NOTE_WORD = re.compile(r"foot-?note|end-?note|cite[_-]?note|\bfn\d*\b|\bnotes?\b|\breferences\b"
                        r"|reflist|sidenote", re.I)
_MAX_REF_TEXT = 12
"""A reference is a small marker ("3", "[12]", "*", "n 1"); longer link text is not one."""
_MAX_NOTE_CHARS = 5000
_BACK_TEXT = re.compile(r"^\s*[↩↑^⏎⤴︎️]+\s*$|^\s*(?:back|return)\b", re.I)
_BACK_WORD = re.compile(r"back-?(?:link|ref)|footnote-?back|fn-?back|reversefootnote|backref"
                        r"|cite-backlink", re.I)
_LEAD_JUNK = re.compile(r"^\s*[\^↑↩]\s*(?:[a-z]\s+)*")
_BLOCKS = frozenset(("li", "p", "div", "dd", "aside", "section", "td", "blockquote", "article",
                     "footer"))


def _signals(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"),
                                  el.get("data-type"))))


def _is_ref(a: etree._Element) -> bool:
    if len(" ".join(text_of(a).split())) > _MAX_REF_TEXT:
        return False
    parent = a.getparent()
    if "doc-noteref" in (a.get("role") or ""):
        return True
    if parent is not None and parent.tag == "sup":
        return True
    if next(a.iterchildren("sup"), None) is not None:
        return True
    return bool(_REF_WORD.search(_signals(a)) or _REF_WORD.search(_signals(parent)))


def _def_block(target: etree._Element) -> etree._Element | None:
    """The block holding a note, from the element its reference points at."""
    el: etree._Element | None = target
    for _ in range(4):
        if el is None:
            return None
        if el.tag in _BLOCKS:
            return el
        el = el.getparent()
    return None


def _is_def(block: etree._Element, ref_ids: set[str]) -> bool:
    sections = block.iter("h1", "h2", "h3", "h4", "h5", "h6", "section", "article")
    if next(sections, None) is not None and block.tag not in ("li", "aside"):
        return False  # a section of the page (a table of contents target), not a note
    if len(text_of(block)) > _MAX_NOTE_CHARS:
        return False
    role = block.get("role") or ""
    if "doc-endnote" in role or "doc-footnote" in role:
        return True
    el: etree._Element | None = block
    for _ in range(4):
        if el is None:
            break
        if _NOTE_WORD.search(_signals(el)) or "doc-endnotes" in (el.get("role") or ""):
            return True
        el = el.getparent()
    for a in block.iter("a"):
        href = a.get("href") or ""
        if href.startswith("#") and unquote(href[1:]) in ref_ids:
            return True  # carries a back-link to its reference
    return False


def _label_from(text: str, used: dict[str, etree._Element], key: etree._Element,
                counter: list[int]) -> str:
    label = re.sub(r"[^\w-]", "", text)
    if len(label) > 12:
        label = ""
    if not label:
        counter[0] += 1
        label = str(counter[0])
    base, n = label, 1
    while label in used and used[label] is not key:
        n += 1
        label = f"{base}-{n}"
    used[label] = key
    return label


def _attached(el: etree._Element, root: etree._Element) -> bool:
    for anc in el.iterancestors():
        if anc is root:
            return True
    return el is root


def mark_footnotes(root: etree._Element, ids: dict[str, etree._Element] | None = None,
                   anchors: list[etree._Element] | None = None) -> int:
    """Mark note references and their definitions; returns how many notes were found.

    ``ids`` (id and ``<a name>`` -> element) and ``anchors`` (links starting
    with ``#``) may come from a walk the caller already made.  Marks already
    present (from an earlier run) are kept, so this is idempotent.
    """
    if ids is None or anchors is None:
        ids, anchors = {}, []
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            ident = el.get("id")
            if ident and ident not in ids:
                ids[ident] = el
            if el.tag == "a":
                name = el.get("name")
                if name and name not in ids:
                    ids[name] = el
                href = el.get("href")
                if href and href.startswith("#") and len(href) > 1:
                    anchors.append(el)
    anchors = [a for a in anchors if not a.get(FNREF_ATTR) and _is_ref(a)]
    if not anchors:
        return 0
    used: dict[str, etree._Element] = {}
    labels: dict[etree._Element, str] = {}
    counter = [0]
    for el in _MARKED_NOTES(root):
        label = el.get(FNDEF_ATTR) or ""
        used[label] = el
        labels[el] = label
    found = 0
    for a in anchors:
        target = ids.get(unquote(a.get("href", "")[1:]))
        if target is None or target is a or not _attached(target, root):
            continue
        block = _def_block(target)
        if block is None or block.get(FNREF_ATTR):
            continue
        if any(anc is block for anc in a.iterancestors()):
            continue  # a link inside the note pointing at its own note: not a reference
        holder = a.getparent()
        ref_ids = {i for i in (a.get("id"), holder.get("id") if holder is not None else None) if i}
        if not _is_def(block, ref_ids):
            continue
        key = block
        label = labels.get(key)
        if label is None:
            label = _label_from(text_of(a), used, key, counter)
            labels[key] = label
            block.set(FNDEF_ATTR, label)
            found += 1
        a.set(FNREF_ATTR, label)
    return found


def _drop_backlinks(block: etree._Element) -> None:
    for a in list(block.iter("a")):
        href = a.get("href") or ""
        sig = _signals(a)
        if ("doc-backlink" in sig or _BACK_WORD.search(sig)
                or (href.startswith("#") and _BACK_TEXT.match(text_of(a) or ""))
                or (href.startswith("#") and a.get(FNREF_ATTR) is None
                    and re.fullmatch(r"\s*[a-z]?\s*", text_of(a) or "")
                    and "ref" in href.lower())):
            holder = a.getparent()
            remove_keep_tail(a)
            # Wikipedia wraps back-links in <span class="mw-cite-backlink"><b>...</b></span>.
            while (holder is not None and holder is not block
                   and not (holder.text or "").strip("^↑ \n") and len(holder) == 0):
                nxt = holder.getparent()
                remove_keep_tail(holder)
                holder = nxt
    for el in list(block.iter()):
        if (isinstance(el.tag, str) and el is not block and _BACK_WORD.search(_signals(el))
                and not (text_of(el) or "").strip("^↑↩ \n\tabcdefghijklmnopqrstuvwxyz")):
            remove_keep_tail(el)
    text = block.text or ""
    if _LEAD_JUNK.match(text):
        block.text = _LEAD_JUNK.sub("", text, count=1)


def _placeholder(label: str, like: etree._Element) -> etree._Element:
    maker = lxml_html.Element if isinstance(like, lxml_html.HtmlElement) else etree.Element
    span = maker("span")
    span.set(FNREF_ATTR, label)
    return span


def take_footnotes(root: etree._Element) -> list[tuple[str, etree._Element]]:
    """Lift marked definitions out of ``root``; references become placeholders.

    Returns ``(label, element)`` in order of first reference (then any
    unreferenced definitions).  References whose definition is not in the
    fragment stay as plain superscript numbers.
    """
    mark_footnotes(root)
    defs: dict[str, etree._Element] = {}
    refs: list[etree._Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        label = el.get(FNDEF_ATTR)
        if label and label not in defs:
            defs[label] = el
        if el.get(FNREF_ATTR) and el.tag == "a":
            refs.append(el)
    order: list[str] = []
    for a in refs:
        label = a.get(FNREF_ATTR) or ""
        parent = a.getparent()
        if parent is None:
            continue
        whole_sup = (parent.tag == "sup" and len(parent) == 1
                     and not (parent.text or "").strip("[]() \n")
                     and not (a.tail or "").strip("[]() \n"))
        target = parent if whole_sup else a
        if label in defs:
            if label not in order:
                order.append(label)
            new = _placeholder(label, a)
        else:  # the note itself is not in the fragment: keep the reference as it read
            maker = lxml_html.Element if isinstance(a, lxml_html.HtmlElement) else etree.Element
            new = maker("sup" if whole_sup or parent.tag != "sup" else "span")
            new.text = " ".join(text_of(a).split()) or label
        new.tail = target.tail
        holder = target.getparent()
        if holder is not None:
            holder.replace(target, new)
    for label in defs:
        if label not in order:
            order.append(label)
    out: list[tuple[str, etree._Element]] = []
    containers: list[etree._Element] = []
    for label in order:
        block = defs[label]
        if any(anc.get(FNDEF_ATTR) for anc in block.iterancestors()):
            continue  # nested inside another definition: goes out with it
        parent = block.getparent()
        if parent is not None:
            containers.append(parent)
            remove_keep_tail(block)
        _drop_backlinks(block)
        out.append((label, block))
    for box in containers:
        _prune_empty_container(box, root)
    return out


def _prune_empty_container(box: etree._Element, root: etree._Element) -> None:
    """Remove a notes list (and its heading/rule) left empty once its notes are out."""
    while box is not None and box is not root:
        text = text_of(box).strip()
        if text and not (len(text) < 40 and _only_heading(box)):
            return
        parent = box.getparent()
        if parent is None:
            return
        prev = box.getprevious()
        remove_keep_tail(box)
        if prev is not None and prev.tag == "hr":
            remove_keep_tail(prev)
        box = parent


def _only_heading(box: etree._Element) -> bool:
    """A box whose only text is a heading such as "Notes" or "Footnotes"."""
    for el in box.iter():
        if not isinstance(el.tag, str) or el is box:
            continue
        if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "hr", "header"):
            continue
        if (el.text or "").strip() and not any(
                anc.tag in ("h1", "h2", "h3", "h4", "h5", "h6") for anc in el.iterancestors()):
            return False
    return bool(_NOTE_WORD.search(_signals(box)) or "doc-endnotes" in (box.get("role") or ""))
