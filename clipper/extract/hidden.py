"""Hidden content that is the page's own: kept; menus, dialogs and duplicates stay out.

The cleaning drops every hidden element (``hidden``, ``aria-hidden="true"``,
``display: none``): almost always a menu, a closed dialog, a screen-reader duplicate or
stuffed text. Three kinds of hidden content are the reader's, though, and this runs
before the cleaning to show them:

- **An article behind an overlay.** While a cookie wall, a modal or a paywall dialog is
  open, scripts set ``aria-hidden="true"`` on the page wrapper so screen readers stay in
  the dialog; the article under it is shown all the same. An ``aria-hidden`` block that
  holds most of the page's prose while an open dialog sits outside it keeps its text;
  the small ``aria-hidden`` blocks inside it (icons, duplicated labels, menus) still go.
- **Main text a script reveals.** A page that ships its article in a ``display: none``
  or ``hidden`` block for a script to show (fade-ins, "reveal" classes) would give
  nothing: when one hidden block holds more prose than the whole visible page, it is the
  page's text. Menus and dialogs are never that, whatever their size.
- **Footnotes hidden until asked for.** Notes in a hidden ``<aside>`` or
  ``display: none`` list that the page's references point at (marked by
  ``mark_footnotes``), and pop-up notes (``popover``, ``role="tooltip"``) opened by a
  marker in the text, become ``[^n]`` footnotes instead of being lost.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract.clean import HIDING_ATTRS, is_hidden, is_modal, is_screen_reader_only
from clipper.extract.patterns import JUNK_TAGS
from clipper.extract.text import text_length
from clipper.htmltree import ElementsXPath, text_of
from clipper.markdown.footnotes import MARKER_TEXT, MAX_NOTE_CHARS
from clipper.markdown.marks import FNDEF_ATTR, FNREF_ATTR
from clipper.visibility import aria_hidden, hides, style_hides

__all__ = ["hidden_signs", "reveal_hidden"]

MIN_PROSE = 400
"""Characters of prose (paragraphs outside links) a hidden block needs to be an article."""
MIN_PARAGRAPHS = 2
MIN_PARAGRAPH = 80
"""A paragraph shorter than this is a label or a teaser, not prose."""
MAIN_TEXT_RATIO = 2
"""A hidden block is the page's text when it holds this many times the visible prose."""
WRAPPER_SHARE = 0.5
"""Share of the page's prose an ``aria-hidden`` block must hold to be the page under an
overlay (a carousel's cloned slide or a menu holds far less)."""

_NOT_CONTENT_TAGS = frozenset(("nav", "menu", "dialog", "header", "footer", "aside", "form",
                               "template", "select"))
_NOT_CONTENT_ROLES = frozenset(("navigation", "menu", "menubar", "dialog", "alertdialog",
                                "tooltip", "banner", "contentinfo", "complementary", "search"))
_NOT_CONTENT_WORDS = re.compile(
    r"menu|\bnav|navigation|dropdown|flyout|drawer|offcanvas|off-canvas|modal|dialog|overlay"
    r"|popup|pop-up|lightbox|cookie|consent|gdpr|banner|newsletter|subscribe|login|signin"
    r"|sign-in|search|mega|sidebar|tooltip|tab-?pane|accordion|carousel|slide|clone"
    r"|paywall|premium|subscriber|locked", re.I)
"""Names of blocks hidden on purpose: menus, dialogs, tabs, slides, and text kept from
readers who have not paid (shown only after a log-in: not the page a reader sees)."""
_OPEN_OVERLAYS = ElementsXPath("//*[@role='dialog' or @role='alertdialog' or @aria-modal='true']"
                                " | //dialog[@open]")
_NAMED = ElementsXPath("//*[@class or @id]")
_OVERLAY_WORDS = re.compile(r"modal|overlay|cookie|consent|paywall|popup|pop-up|lightbox"
                            r"|interstitial|gdpr|cmp-|-cmp\b|\bcmp\b", re.I)


def reveal_hidden(doc: HtmlElement, signs: list[HtmlElement] | None = None) -> int:
    """Un-hide the hidden content that is the reader's; how many blocks were shown.

    ``signs``: the page's elements from ``hidden_signs`` when the caller walked it already
    (the cleaning that follows reuses the same walk)."""
    body = doc.find("body")
    if body is None:
        return 0
    if signs is None:
        signs = hidden_signs(doc)
    if not signs:
        return 0
    notes = [el for el in signs if el.get(FNDEF_ATTR) is not None]
    popped = _reveal_popover_notes(body, [el for el in signs if _opens_something(el)], notes)
    shown = len(popped) + _reveal_hidden_notes(body, notes + popped)  # a hidden holder too
    shown += _reveal_behind_overlay(body, [el for el in signs if aria_hidden(el)])
    shown += _reveal_main_text(body, [el for el in signs if hides(el)])
    return shown


_SIGNS = etree.XPath("(" + " | ".join(
    f"//*/@{a}" for a in (*HIDING_ATTRS, "popovertarget", "aria-describedby", "aria-details",
                          FNDEF_ATTR)) + ")/..")
"""The cleaning's candidates (``HIDING_ATTRS``) and the reveal's: one walk serves both.
The owners of the attributes, not ``//*[@hidden or @style…]``: libxml2 reads attribute
steps twice as fast as a predicate testing each name on every element; asked of elements
(``//*/@``), not of every node (``//@``), 15 % faster again."""


def hidden_signs(doc: HtmlElement) -> list[HtmlElement]:
    """Every element that may be hidden, opens a pop-up, is a modal or a marked note: one
    walk of the page in C, shared with ``clean.remove_junk`` (each walk costs a few tenths
    of a millisecond per attribute name on a news page)."""
    return _SIGNS(doc)  # type: ignore[return-value]


def _opens_something(el: HtmlElement) -> bool:
    return any(el.get(a) is not None for a in _REF_ATTRS)


def _show(el: HtmlElement) -> None:
    """Take away what hides ``el`` itself (its descendants keep theirs)."""
    for attr in ("hidden", "aria-hidden", "inert", "popover"):
        el.attrib.pop(attr, None)
    style = el.get("style")
    if style and style_hides(el):
        kept = [d for d in style.split(";")
                if d.split(":", 1)[0].strip().lower() not in ("display", "visibility")]
        el.set("style", ";".join(kept))


# --- prose --------------------------------------------------------------------------------------


def _prose(el: HtmlElement) -> tuple[int, int]:
    """(characters, paragraphs) of prose in ``el``: paragraphs of words, not links."""
    chars = paragraphs = 0
    for p in el.iter("p"):
        length = text_length(p) - sum(text_length(a) for a in p.iter("a"))
        if length >= MIN_PARAGRAPH:
            chars += length
            paragraphs += 1
    return chars, paragraphs


def _is_prose_block(chars: int, paragraphs: int) -> bool:
    return chars >= MIN_PROSE and paragraphs >= MIN_PARAGRAPHS


def _names_other_content(el: HtmlElement) -> bool:
    """A menu, a dialog, a tab panel or another block that is hidden on purpose."""
    if el.tag in _NOT_CONTENT_TAGS or is_modal(el):
        return True
    if (el.get("role") or "").strip().lower() in _NOT_CONTENT_ROLES:
        return True
    names = " ".join(filter(None, (el.get("class"), el.get("id"))))
    return bool(names and _NOT_CONTENT_WORDS.search(names))


def _outermost(candidates: list[HtmlElement]) -> list[HtmlElement]:
    chosen = set(candidates)
    return [el for el in candidates if not any(a in chosen for a in el.iterancestors())]


# --- an article behind an open overlay ------------------------------------------------------------


def _open_overlays(body: HtmlElement) -> list[HtmlElement]:
    """Dialogs and overlays on screen: not hidden themselves, nor inside a hidden block."""
    found = list(_OPEN_OVERLAYS(body))
    found += [el for el in _NAMED(body)
              if _OVERLAY_WORDS.search(" ".join(filter(None, (el.get("class"), el.get("id")))))]
    return [el for el in found
            if not any(is_hidden(a) for a in (el, *el.iterancestors()))]


def _reveal_behind_overlay(body: HtmlElement, aria_hidden: list[HtmlElement]) -> int:
    wrappers = _outermost([el for el in aria_hidden
                           if not hides(el) and not _names_other_content(el)])
    wrappers = [el for el in wrappers if _is_prose_block(*_prose(el))]
    if not wrappers:
        return 0
    overlays = _open_overlays(body)
    if not overlays:
        return 0
    total = _prose(body)[0]
    shown = 0
    for el in wrappers:
        if _prose(el)[0] < WRAPPER_SHARE * total:
            continue
        if all(o is el or el in o.iterancestors() or o in el.iterancestors()
               for o in overlays):
            continue  # the overlay must sit beside the page, not be it or inside it
        _show(el)
        shown += 1
    return shown


# --- main text hidden for a script to reveal ------------------------------------------------------


def _reveal_main_text(body: HtmlElement, hidden: list[HtmlElement]) -> int:
    hidden = _outermost(hidden)
    if not hidden:
        return 0
    prose = {el: _prose(el) for el in hidden}
    best = max(hidden, key=lambda el: prose[el][0])
    chars, paragraphs = prose[best]
    if not _is_prose_block(chars, paragraphs) or _names_other_content(best):
        return 0
    if any(is_modal(el) or _names_other_content(el) for el in best.iterancestors()):
        return 0
    visible = _prose(body)[0] - sum(c for c, _ in prose.values())
    if chars <= MAIN_TEXT_RATIO * visible:
        return 0  # the page shows its text: the hidden block is something else
    _show(best)
    return 1


# --- notes hidden until asked for ---------------------------------------------------------------


def _reveal_hidden_notes(body: HtmlElement, notes: list[HtmlElement]) -> int:
    """Hidden blocks that hold only footnotes the text refers to are shown."""
    shown = 0
    for note in notes:
        for el in (note, *note.iterancestors()):
            if el is body:
                break
            if not is_hidden(el):
                continue
            notes = el.xpath(f"descendant-or-self::*[@{FNDEF_ATTR}]")
            if sum(text_length(n) for n in notes) >= 0.8 * text_length(el):
                _show(el)
                shown += 1
    return shown


_REF_ATTRS = ("popovertarget", "aria-describedby", "aria-details")


def _pop_up_note(target: HtmlElement | None) -> bool:
    if target is None or target.get(FNDEF_ATTR) is not None:
        return False
    if target.tag in JUNK_TAGS or is_screen_reader_only(target):
        return False  # the cleaning drops it whatever it holds: no note without its text
    role = (target.get("role") or "").strip().lower()
    if target.get("popover") is None and role not in ("tooltip", "doc-footnote", "note"):
        return False
    words = text_of(target).split()
    if len(words) < 2 or len(" ".join(words)) > MAX_NOTE_CHARS:
        return False
    return next(target.iter("h1", "h2", "h3", "h4", "h5", "h6", "nav", "form"), None) is None


def _reveal_popover_notes(body: HtmlElement, openers: list[HtmlElement],
                          notes: list[HtmlElement]) -> list[HtmlElement]:
    """A marker in the text that opens a pop-up note (``popovertarget``, ``aria-describedby``)
    and the note: a ``[^n]`` reference and its definition. The notes made so."""
    refs = [(ref, " ".join(text_of(ref).split())) for ref in openers]
    refs = [(ref, marker) for ref, marker in refs
            if MARKER_TEXT.match(marker) and not ref.get(FNREF_ATTR)]
    if not refs:
        return []
    ids = {el.get("id"): el for el in body.xpath("//*[@id]")}
    used = {el.get(FNDEF_ATTR) for el in notes}
    found: list[HtmlElement] = []
    for ref, text in refs:
        marker = text.strip("[]() ")
        target = next((ids.get(ref.get(a, "").split()[0]) for a in _REF_ATTRS
                       if ref.get(a, "").split()), None)
        if not _pop_up_note(target) or target is ref:
            continue
        assert target is not None
        label = marker if marker not in used and re.fullmatch(r"[\w-]+", marker) else ""
        number = len(used) + 1
        while not label:
            label = str(number) if str(number) not in used else ""
            number += 1
        used.add(label)
        target.set(FNDEF_ATTR, label)
        _show(target)
        if ref.tag == "a":
            ref.set(FNREF_ATTR, label)
            _show(ref)  # an aria-hidden marker would leave its note without a reference
        else:  # a button or a span opening it (the cleaning drops buttons): a marker
            _put_marker(ref, label)
        found.append(target)
    return found


def _put_marker(ref: HtmlElement, label: str) -> None:
    """An empty ``<sup>`` marking the note's place, as ``mark_inline_notes`` leaves one."""
    holder = ref.getparent()
    if holder is None:
        return
    if holder.tag == "sup" and len(holder) == 1 and not (holder.text or "").strip() \
            and not (ref.tail or "").strip():
        ref = holder  # the superscript around the button is the marker's place
        holder = ref.getparent()
        if holder is None:
            return
    marker = ref.makeelement("sup", {FNREF_ATTR: label})
    marker.tail = ref.tail
    holder.replace(ref, marker)
