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
from collections.abc import Callable
from typing import Any, cast
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from clipper.htmltree import ElementsXPath, remove_keep_tail, text_of
from clipper.markdown.marks import FNDEF_ATTR, FNREF_ATTR

__all__ = ["mark_footnotes", "mark_inline_notes", "take_footnotes"]

_MARKED_NOTES = ElementsXPath(f"descendant-or-self::*[@{FNDEF_ATTR}]")
_REFS_IN = ElementsXPath(f"descendant-or-self::*[@{FNREF_ATTR}]")
_NOTE_MARKS = ElementsXPath(f"descendant-or-self::*[@{FNDEF_ATTR} or @{FNREF_ATTR}]")
"""The marked notes and references in document order, found in C (most clips have none)."""

_REF_WORD = re.compile(r"foot-?note|end-?note|fnref|noteref|cite[_-]?ref|\bfn\d*\b"
                       r"|(?:^|_)(?:ftn|edn)ref\d|sdfootnote\d+anc|ftnt_ref", re.I)
_HREF_NOTE = re.compile(r"foot-?note|end-?note|cite[_-]?note|\bfn[:_-]?\d|#_?(?:ftn|edn)\d"
                        r"|sdfootnote\d+sym|sdendnote\d+sym|#ftnt\d", re.I)
"""Where a reference points, in the names Word, Google Docs, LibreOffice and Markdown
processors give their notes (``#_ftn1``, ``#ftnt1``, ``#sdfootnote1sym``, ``#fn:1``)."""
MARKER_TEXT = re.compile(r"^[\[(]?\s*(?:\d{1,4}|[*†‡§¶]{1,3}|[a-z]|[ivxlc]{1,6})\s*[\])]?$", re.I)
"""What a note marker reads: "3", "[12]", "(iv)", "*", "a"."""
_NOTE_WORD = re.compile(r"foot-?note|end-?note|cite[_-]?note|\bfn\d*\b|\bnotes?\b|\breferences\b"
                        r"|reflist|sidenote", re.I)
_MAX_REF_TEXT = 12
"""A reference is a small marker ("3", "[12]", "*", "n 1"); longer link text is not one."""
MAX_NOTE_CHARS = 5000
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
                                  el.get("data-type"), el.get("name"))))


def _may_be_ref(a: etree._Element) -> bool:
    """Short enough to be a marker: a reference, or a bare "4" whose target may be a note."""
    return len(" ".join(text_of(a).split())) <= _MAX_REF_TEXT


def _is_ref(a: etree._Element) -> bool:
    if not _may_be_ref(a):
        return False
    parent = a.getparent()
    if "doc-noteref" in (a.get("role") or ""):
        return True
    if parent is not None and parent.tag == "sup":
        return True
    if next(a.iterchildren("sup"), None) is not None:
        return True
    if _REF_WORD.search(_signals(a)) or _REF_WORD.search(_signals(parent)):
        return True
    return bool(MARKER_TEXT.match(text_of(a)) and _HREF_NOTE.search(a.get("href") or ""))


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
    if len(text_of(block)) > MAX_NOTE_CHARS:
        return False
    role = block.get("role") or ""
    if "doc-endnote" in role or "doc-footnote" in role:
        return True
    el: etree._Element | None = block
    for _ in range(4):
        if el is None:
            break
        if (_NOTE_WORD.search(_signals(el)) or "doc-endnotes" in (el.get("role") or "")
                or el.tag == "aside"):  # notes set beside the text
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


_NAMES = etree.XPath("descendant-or-self::*/@id | descendant-or-self::a/@name")
"""The targets of ``#fragment`` links, in document order (each value knows its element)."""
_SAME_PAGE_LINKS = ElementsXPath(
    "descendant-or-self::a[starts-with(@href, '#') and string-length(@href) > 1]")


def targets(root: etree._Element) -> dict[str, etree._Element]:
    """Every ``id`` and ``<a name>`` under ``root`` -> the first element that has it (one
    XPath, not a walk of every element in Python)."""
    ids: dict[str, etree._Element] = {}
    for value in cast("list[Any]", _NAMES(root)):  # lxml's "smart strings"
        if value and value not in ids:
            ids[str(value)] = value.getparent()
    return ids


def mark_footnotes(root: etree._Element, ids: dict[str, etree._Element] | None = None,
                   anchors: list[etree._Element] | None = None) -> int:
    """Mark note references and their definitions; returns how many notes were found.

    ``ids`` (id and ``<a name>`` -> element) and ``anchors`` (links starting
    with ``#``) may come from a walk the caller already made.  Marks already
    present (from an earlier run) are kept, so this is idempotent. The ids are
    gathered only when a link may be a reference (most clips have none).
    """
    if anchors is None:
        anchors = _SAME_PAGE_LINKS(root)
    anchors = [a for a in anchors if not a.get(FNREF_ATTR) and _may_be_ref(a)]
    if not anchors:
        return 0
    if ids is None:
        ids = targets(root)
    used: dict[str, etree._Element] = {}
    labels: dict[etree._Element, str] = {}
    counter = [0]
    for el in _MARKED_NOTES(root):
        label = el.get(FNDEF_ATTR) or ""
        used[label] = el
        labels[el] = label
    found = 0
    for a in anchors:
        block = _note_of(a, ids, root)
        if block is None:
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


def _note_of(a: etree._Element, ids: dict[str, etree._Element],
             root: etree._Element) -> etree._Element | None:
    """The note block the reference ``a`` points at, or None if ``a`` is no reference."""
    target = ids.get(unquote(a.get("href", "")[1:]))
    if target is None or target is a or not _attached(target, root):
        return None
    block = _def_block(target)
    if block is None or block.get(FNREF_ATTR):
        return None
    if any(anc is block for anc in a.iterancestors()):
        return None  # a link inside the note pointing at its own note: not a reference
    if _REFS_IN(block):
        return None  # the paragraph a note's way back points at: text, not a note
    holder = a.getparent()
    ref_ids = {i for i in (a.get("id"), a.get("name"),
                           holder.get("id") if holder is not None else None) if i}
    if _is_ref(a):
        return block if _is_def(block, ref_ids) else None
    # a bare "4" (no sign of being a reference) needs a note that says it is one
    return block if MARKER_TEXT.match(text_of(a)) and _is_def(block, set()) else None


_INLINE_NOTE_CLASSES = frozenset(("sidenote", "marginnote", "side-note", "margin-note",
                                  "footnote", "inline-footnote", "footnote-inline"))
"""Classes of an element that *is* a note, written where it applies (Tufte CSS' sidenotes and
margin notes, inline footnotes that a stylesheet floats or numbers)."""
_NOTE_DATA_ATTRS = ("data-footnote", "data-footnote-content", "data-footnote-text",
                    "data-sidenote", "data-note")
"""Attributes that hold a note's text on its marker (tooltip and pop-up footnotes)."""
_INLINE_NOTE_TAGS = ("span", "small", "aside", "div", "sup", "a", "button")


def _inline_candidates(root: etree._Element) -> list[etree._Element]:
    """Elements that may be a note written in the text (a note class or a note attribute)."""
    found = []
    for el in root.iter(_INLINE_NOTE_TAGS):
        cls = el.get("class")
        if (cls and "note" in cls and el.tag in ("span", "small", "aside", "div")) or (
                el.tag in ("sup", "span", "a", "button")
                and any(el.get(a) for a in _NOTE_DATA_ATTRS)):
            found.append(el)
    return found
_TEXT_BLOCKS = frozenset(("p", "li", "dd", "blockquote", "td", "th", "figcaption"))
_MIN_TEXT_AROUND = 20


def mark_inline_notes(root: etree._Element) -> int:
    """Mark notes written in the text itself, each with a marker where it stood.

    A ``span.sidenote`` (or ``marginnote``, ``footnote``) inside a paragraph is the note;
    a ``<sup data-footnote="…">`` holds it in an attribute. The note gets
    ``data-clipper-fndef`` and an empty ``<sup data-clipper-fnref>`` marks its place, so
    ``take_footnotes`` makes them ``[^n]`` like any other; the margin toggles of Tufte CSS
    go. Runs after ``mark_footnotes``: notes that references point at are not inline.
    """
    found = 0
    used = {el.get(FNDEF_ATTR) for el in _MARKED_NOTES(root)}
    number = 0

    def next_label() -> str:
        nonlocal number
        number += 1
        while str(number) in used:
            number += 1
        used.add(str(number))
        return str(number)

    for el in _inline_candidates(root):
        if el.getparent() is None or el.get(FNDEF_ATTR) or el.get(FNREF_ATTR):
            continue
        note_text = next((el.get(a) for a in _NOTE_DATA_ATTRS if el.get(a)), None)
        if note_text is not None:
            found += _attribute_note(el, note_text, next_label)
        elif _inline_note(el):
            label = next_label()
            marker = el.makeelement("sup", {FNREF_ATTR: label})
            _drop_toggles(el)
            el.addprevious(marker)
            el.set(FNDEF_ATTR, label)
            found += 1
    return found


def _inline_note(el: etree._Element) -> bool:
    """A note standing in the text: its class says so, it has words of its own, holds no
    reference, and sits in a paragraph (not a notes list or a page column)."""
    tokens = set((el.get("class") or "").lower().split())
    if not tokens & _INLINE_NOTE_CLASSES or len(text_of(el).split()) < 2:
        return False
    if _REFS_IN(el) or _MARKED_NOTES(el) or any(a.get(FNDEF_ATTR) for a in el.iterancestors()):
        return False
    if any((a.get("href") or "").startswith("#") for a in el.iter("a")):
        return False  # a marker that links to its note, or a notes list with back-links
    parent = el.getparent()
    if parent is None or (el.tag in ("div", "aside") and parent.tag not in _TEXT_BLOCKS):
        return False
    block = next((b for b in (parent, *parent.iterancestors()) if b.tag in _TEXT_BLOCKS), None)
    # running text around it: a list of notes has none
    return block is not None and len(text_of(block)) - len(text_of(el)) >= _MIN_TEXT_AROUND


def _attribute_note(el: etree._Element, text: str, next_label: Callable[[], str]) -> int:
    """``<sup data-footnote="The note.">1</sup>``: the attribute becomes the note."""
    text = " ".join(text.split())
    if len(text.split()) < 2 or len(text) > MAX_NOTE_CHARS:
        return 0
    label = next_label()
    note = el.makeelement("span", {FNDEF_ATTR: label})
    note.text = text
    marker = el.makeelement("sup", {FNREF_ATTR: label})
    marker.tail = el.tail
    el.tail = None
    holder = el.getparent()
    if holder is None:
        return 0
    holder.replace(el, marker)
    marker.addnext(note)
    note.tail, marker.tail = marker.tail, None
    return 1


def _drop_toggles(note: etree._Element) -> None:
    """Tufte CSS puts a ``<label>`` and a checkbox before each note to show it on phones."""
    prev = note.getprevious()
    while prev is not None and prev.tag in ("input", "label") and not (prev.tail or "").strip() \
            and len(text_of(prev).strip()) <= 2:
        before = prev.getprevious()
        remove_keep_tail(prev)
        prev = before


def _drop_backlinks(block: etree._Element, ref_ids: frozenset[str] = frozenset()) -> None:
    for a in list(block.iter("a")):
        href = a.get("href") or ""
        sig = _signals(a)
        if ("doc-backlink" in sig or _BACK_WORD.search(sig)
                or (href.startswith("#") and _BACK_TEXT.match(text_of(a) or ""))
                or (href.startswith("#") and unquote(href[1:]) in ref_ids
                    and MARKER_TEXT.match(text_of(a).strip() or "1"))
                or (href.startswith("#") and a.get(FNREF_ATTR) is None
                    and re.fullmatch(r"\s*[a-z]?\s*", text_of(a) or "")
                    and "ref" in href.lower())):
            holder = a.getparent()
            _unbracket(a)
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


def _unbracket(a: etree._Element) -> None:
    """"[<a>1</a>]": the brackets around a link that goes go with it, not left as "[]"."""
    parent, prev = a.getparent(), a.getprevious()
    before = (prev.tail if prev is not None else parent.text if parent is not None else "") or ""
    after = a.tail or ""
    pairs = {"[": "]", "(": ")"}
    opening = before.rstrip()[-1:]
    if opening in pairs and after.lstrip().startswith(pairs[opening]):
        cut = before.rstrip()[:-1]
        if prev is not None:
            prev.tail = cut
        elif parent is not None:
            parent.text = cut
        a.tail = after.lstrip()[1:]


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
    mark_inline_notes(root)
    defs: dict[str, etree._Element] = {}
    refs: list[etree._Element] = []
    ref_ids: set[str] = set()
    for el in _NOTE_MARKS(root):
        label = el.get(FNDEF_ATTR)
        if label and label not in defs:
            defs[label] = el
        if el.get(FNREF_ATTR) and el.tag in ("a", "sup"):
            refs.append(el)
            holder = el.getparent()
            ref_ids.update(i for i in (el.get("id"), el.get("name"),
                                       holder.get("id") if holder is not None else None) if i)
    order: list[str] = []
    for ref in refs:
        label = _replace_ref(ref, defs)
        if label is not None and label not in order:
            order.append(label)
    order.extend(label for label in defs if label not in order)
    return _lift(root, [(label, defs[label]) for label in order], frozenset(ref_ids))


def _replace_ref(a: etree._Element, defs: dict[str, etree._Element]) -> str | None:
    """Put the placeholder of a note's label where its reference stands; the label if the
    note is in the fragment (else the reference keeps reading as it did)."""
    label = a.get(FNREF_ATTR) or ""
    parent = a.getparent()
    if parent is None:
        return None
    if a.tag == "sup":  # an inline note's marker (``mark_inline_notes``)
        _swap(a, _placeholder(label, a) if label in defs else None)
        return label if label in defs else None
    whole_sup = (parent.tag == "sup" and len(parent) == 1
                 and not (parent.text or "").strip("[]() \n")
                 and not (a.tail or "").strip("[]() \n"))
    target = parent if whole_sup else a
    if label in defs:
        new = _placeholder(label, a)
    else:  # the note itself is not in the fragment: keep the reference as it read
        maker = lxml_html.Element if isinstance(a, lxml_html.HtmlElement) else etree.Element
        new = maker("sup" if whole_sup or parent.tag != "sup" else "span")
        new.text = " ".join(text_of(a).split()) or label
    _swap(target, new)
    return label if label in defs else None


def _lift(root: etree._Element, notes: list[tuple[str, etree._Element]],
          ref_ids: frozenset[str]) -> list[tuple[str, etree._Element]]:
    """Take the notes out of the text (with the list, heading and rule that held them)."""
    out: list[tuple[str, etree._Element]] = []
    containers: list[etree._Element] = []
    rules: list[etree._Element] = []
    for label, block in notes:
        if any(anc.get(FNDEF_ATTR) for anc in block.iterancestors()):
            continue  # nested inside another definition: goes out with it
        parent = block.getparent()
        if parent is not None:
            containers.append(parent)
            prev = block.getprevious()
            if prev is not None and prev.tag == "hr":
                rules.append(prev)
            remove_keep_tail(block)
        _drop_backlinks(block, ref_ids)
        out.append((label, block))
    for box in containers:
        _prune_empty_container(box, root)
    for hr in rules:  # the rule that opened the notes, now closing the text
        if hr.getparent() is not None and not (hr.tail or "").strip() and not any(
                isinstance(sib.tag, str) and (text_of(sib).strip() or sib.tag == "img")
                for sib in hr.itersiblings()):
            remove_keep_tail(hr)
    return out


def _swap(old: etree._Element, new: etree._Element | None) -> None:
    """Put ``new`` where ``old`` stands (or just take ``old`` out), keeping the text after it."""
    if new is None:
        remove_keep_tail(old)
        return
    holder = old.getparent()
    if holder is not None:
        new.tail = old.tail
        holder.replace(old, new)


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
