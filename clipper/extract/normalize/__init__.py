"""Whole-page pre-pass: real image URLs, absolute links, math kept as TeX.

Pages hide their content behind lazy-loading tricks (a 1×1 GIF in ``src`` and
the photo in ``data-srcset``), relative URLs that mean nothing once clipped,
and math that only exists as ``<script type="math/tex">`` or MathML that the
extractor's cleaner would throw away.  This pass runs once on the parsed page,
*before* content scoring, so the scorer sees real images and the cleaner never
sees the scripts.  It is idempotent: ``html_to_markdown`` runs it again on the
article fragment, which costs little and makes the converter safe on its own.

Rules are general (attribute-name patterns, placeholder and beacon shapes),
never site lists; everything is one ``iter()`` over the tree, here, calling the
rules in ``images``, ``links`` and ``math``.
"""

from __future__ import annotations

import re

from lxml import etree

from clipper.extract.address import is_local
from clipper.extract.normalize.images import (
    apply_noscript,
    drop_duplicate_images,
    in_tree,
    resolve_image,
)
from clipper.extract.normalize.links import MEDIA_URL_ATTRS, fix_link, fix_media_url, page_key
from clipper.extract.normalize.math import (
    MATH_SOURCE_TAGS,
    convert_data_math,
    convert_math,
    is_math_source,
    is_mathjax_rendering,
)
from clipper.htmltree import remove_keep_tail
from clipper.markdown.footnotes import mark_footnotes, targets
from clipper.markdown.marks import MATH_ATTR
from clipper.urls import absolute_url

__all__ = ["document_base", "normalize_document"]


def document_base(doc: etree._Element, base_url: str | None) -> str | None:
    """The URL relative links resolve against: ``<base href>`` wins over the page URL.

    Never a ``file:`` URL: a saved page's links mean the web, not the reader's disk.
    """
    if is_local(base_url):
        base_url = None
    for base in doc.iter("base"):
        href = base.get("href")
        if href and href.strip():
            found = absolute_url(href, base_url)
            return base_url if found is None or is_local(found) else found
        break
    return base_url


_MAYBE_MATH = frozenset(("span", "div"))
"""Where KaTeX and MathJax renderings (and the TeX they keep in attributes) live."""
_BOXES = frozenset(("span", "div", "nobr"))
_VOID_PARSED_AS_CONTAINERS = frozenset(("wbr", "source", "track", "embed", "keygen"))
_MATHY = re.compile("ath|atex|quation|ormula|mjx", re.I)
"""In the class of a ``span``, ``div`` or ``nobr`` that may be math (``is_math_source``) or
MathJax's drawing of it (``is_mathjax_rendering``, "MathJax…" or "MJX…"): one search rules
out the others, the most common elements of a page."""
_WALKED = tuple(sorted(_BOXES | _VOID_PARSED_AS_CONTAINERS | MATH_SOURCE_TAGS
                       | set(MEDIA_URL_ATTRS) | {"script", "a", "img", "amp-img", "noscript"}))
"""The tags the walk does anything with, found by lxml in C (a page's paragraphs, list items,
table cells and head elements never reach Python)."""
def _unnest_void(el: etree._Element) -> None:
    """Move content out of an HTML5 void element that libxml2 parsed as a container.

    libxml2 predates ``<wbr>``/``<source>``/``<track>``: in ``a<wbr>b`` the ``b``
    (and the rest of the paragraph) ends up *inside* the ``<wbr>``, and a
    ``<picture>``'s ``<img>`` inside its ``<source>``.
    """
    parent = el.getparent()
    if parent is None or (not len(el) and not el.text):
        return
    index = parent.index(el)
    children = list(el)
    tail = el.tail or ""
    el.tail, el.text = el.text, None
    for offset, child in enumerate(children):
        parent.insert(index + 1 + offset, child)
    last = children[-1] if children else el
    last.tail = (last.tail or "") + tail or None


def normalize_document(doc: etree._Element, base_url: str | None,  # noqa: C901 -- one walk for images, links and math (a page can hold 100,000 elements)
                       local: str | None = None) -> None:
    """Fix images, links and math in place, in one walk over ``doc``.

    After it: every kept ``<img>`` has one absolute ``src`` (best of
    ``srcset``/``<picture>``/lazy attributes/``<noscript>``), tracking pixels
    and placeholders are gone, links are absolute (``<base href>`` honoured)
    except same-page ``#anchors`` which stay relative for footnotes, script
    links are unwrapped, math is a ``data-clipper-math`` placeholder, and
    footnote references/definitions carry ``data-clipper-fnref``/``-fndef``.

    ``local`` is the ``file:`` URL of a page read from disk, whose ``base_url`` is the
    web address it was saved from (``clipper.extract.address``), or None; a ``file:``
    ``base_url`` counts as a local page with no web address.
    """
    if is_local(base_url):
        local, base_url = local or base_url, None
    base = document_base(doc, base_url)
    # a link to the page's own address or to its <base> address names an anchor in the page
    pages = frozenset(key for key in (page_key(base_url), page_key(base)) if key)
    ids = targets(doc)  # before the walk changes the page (a math source replaced)
    elements = list(doc.iter(*_WALKED))
    pictures = list(doc.iter("picture"))
    has_tex_scripts = False
    noscripts: list[etree._Element] = []
    imgs: list[etree._Element] = []
    mathjax_rendered: list[etree._Element] = []
    anchors: list[etree._Element] = []
    for el in elements:
        tag = el.tag
        if tag in _BOXES:
            names = el.get("class")
            if not names or _MATHY.search(names) is None:
                continue  # most spans and divs: neither math nor MathJax's drawing
        if tag in _VOID_PARSED_AS_CONTAINERS:
            _unnest_void(el)
        if tag == "script":
            if convert_math(el):
                has_tex_scripts = True
        elif tag == "a":
            if fix_link(el, base, pages, local):
                anchors.append(el)
        elif tag == "img":
            if not convert_math(el):
                imgs.append(el)
        elif tag == "amp-img":
            el.tag = "img"
            imgs.append(el)
        elif tag == "noscript":
            noscripts.append(el)
        elif tag in MATH_SOURCE_TAGS or (tag in _MAYBE_MATH and is_math_source(el)):
            if el.getparent() is not None and not convert_math(el):
                convert_data_math(el)
        elif tag in MEDIA_URL_ATTRS:
            fix_media_url(el, base, local)
        if tag in _BOXES and is_mathjax_rendering(el):
            mathjax_rendered.append(el)
    if has_tex_scripts:
        for el in mathjax_rendered:
            if el.getparent() is not None and not any(
                    d.get(MATH_ATTR) is not None for d in el.iter()):
                remove_keep_tail(el)
    for noscript in noscripts:
        if noscript.getparent() is not None:
            apply_noscript(noscript, base, local)
    kept: list[etree._Element] = []
    for img in imgs:
        if not in_tree(img, doc):
            continue  # went away with its <noscript> or a replaced math element
        if resolve_image(img, base, local):
            kept.append(img)
        else:
            remove_keep_tail(img)
    drop_duplicate_images(kept)
    for picture in [el for el in pictures if el.getparent() is not None]:
        for source in list(picture.iterchildren("source")):
            remove_keep_tail(source)
    mark_footnotes(doc, ids, anchors)
