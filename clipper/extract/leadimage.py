"""The article's lead photo, put back when the text container leaves it just outside.

News templates set the photo between the headline and the body (``<figure>`` in the
same ``<article>`` as ``div.article-body``), and the selection keeps only the body, so
the clip has no picture. The page names that photo as its sharing image (og:image,
twitter:image, JSON-LD), which tells it apart from teasers, ads and other stories'
thumbnails: a figure showing it, ahead of the text inside the same article, is copied
to the start of a clip that has no image of its own.

The walk that picks the text drops "header"-like blocks, which often hold the photo,
so the photo's place is recorded before the walk (:func:`find_leads`) and judged after
the text container is known (:func:`lead_before`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from clipper.htmltree import ElementsXPath, text_of
from clipper.images.srcset import lazy_candidates
from clipper.urls import absolute_url

_URL_JUNK = re.compile(r"[\t\n\r]")

_IMAGES = ElementsXPath(".//img")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|webp|avif|gif)$", re.I)
_SIZE_SUFFIX = re.compile(r"[-_]\d{2,5}x\d{2,5}(?=\.\w+$)")
_ARTICLE_ROLES = ("main", "article")
_ELSEWHERE = re.compile(
    r"related|teaser|promo|sidebar|widget|recommend|trending|popular|(?:^|[\s_-])nav|menu|"
    r"footer|comment|sponsor|advert|outbrain|taboola|more-stories|carousel|slider|gallery",
    re.I,
)
_NOT_CAPTION = re.compile(
    r"credit|copyright|(?:^|\s)copy(?:\s|$)|attribution|photographer|share|social|sr-only|"
    r"visually-hidden|screen-reader", re.I)
_CREDIT = re.compile(
    r"(?:^|\s)\(?(?:(?:Fotos?|Photos?|Bild(?:er)?|Images?|Credits?|Quelle|Source|Crédit"
    r"|Copyright)\s*:|©|\(c\)\s)", re.I)
_MEDIA = ("img", "picture", "video")
_HEADINGS = ("h1", "h2")
_LEVELS_UP = 3
"""Without an ``<article>``/``<main>``: how far above the text to look for the headline."""


def _key(url: str) -> tuple[str, str, str] | None:
    """What makes two URLs the same picture: host, path, and the query unless the path
    names an image file (then the query is a size/crop variant, as is ``-800x450``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path
    if _IMAGE_FILE.search(path):
        return host, _SIZE_SUFFIX.sub("", path), ""
    return host, path, parts.query


def _sources(img: etree._Element) -> list[etree._Element]:
    """The ``<img>`` and its ``<picture>``'s ``<source>``s: where its URLs are written."""
    elements = [img]
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        elements.extend(parent.iterchildren("source"))
    return elements


def _candidates(elements: list[etree._Element], base: str | None) -> list[str]:
    """Every absolute URL an ``<img>`` (or its ``<picture>``) may show."""
    raw: list[str] = []
    for el in elements:  # the attributes the image normalizer reads, so the same URLs
        if el.get("src"):
            raw.append(el.get("src", "").strip())
        sets, singles = lazy_candidates(el)
        raw.extend(url for url, _, _ in sets)
        raw.extend(singles)
    out = []
    for url in raw:
        resolved = absolute_url(url, base) if url[:5].lower() != "data:" else None
        if resolved:
            out.append(resolved)
    return out


def lead_urls(doc: etree._Element, image: str | None, base: str | None) -> frozenset[str]:
    """The URLs by which the page's ``<img>``s show its declared lead ``image``.

    Read before the images are normalized: each then keeps one of these as ``src``,
    whichever ``srcset`` candidate or lazy attribute it came from.
    """
    if not image:
        return frozenset()
    target = _key(image)
    if target is None:
        return frozenset()
    urls: set[str] = {image}
    needle = _needle(target[1], base)
    for img in doc.iter("img"):
        elements = _sources(img)
        if needle and not _names(elements, needle):
            continue  # no attribute names the file: no URL to resolve and compare
        cands = _candidates(elements, base)
        if any(_key(url) == target for url in cands):
            urls.update(cands)
    return frozenset(urls)


def _needle(path: str, base: str | None) -> str | None:
    """Text that every URL with the lead image's ``_key`` path holds as written in the
    page, or None when there is none to rely on.

    The file name up to its first dot survives resolving (dot segments only drop whole
    segments) and the size-suffix trim (which cuts after it), and a browser only drops
    tabs and newlines from it; a name with "%" or other than plain ASCII may be written
    encoded, and one the base URL holds may come from it (``src="?w=800"``).
    """
    name = path.rsplit("/", 1)[-1].split(".", 1)[0]
    if not name or "%" in name or not (name.isascii() and name.isprintable()) or \
            name in (base or ""):
        return None
    return name


def _names(elements: list[etree._Element], needle: str) -> bool:
    """Some attribute of ``elements`` holds ``needle`` (tabs and newlines dropped)."""
    for el in elements:
        for value in el.attrib.values():
            if isinstance(value, str) and (needle in value or (
                    _URL_JUNK.search(value) and needle in _URL_JUNK.sub("", value))):
                return True
    return False


@dataclass
class Lead:
    """An ``<img>`` showing the lead image and its place in the page before the walk."""

    img: etree._Element
    chain: list[tuple[etree._Element, etree._Element, list[etree._Element]]]
    """(ancestor, child on the way to the img, the ancestor's children then), upwards."""


def find_leads(body: etree._Element, urls: frozenset[str]) -> list[Lead]:
    """The page's ``<img>``s showing the lead image, with where they stand."""
    if not urls:
        return []
    leads = []
    for img in body.iter("img"):
        if img.get("src") not in urls:
            continue
        chain = []
        child = img
        for parent in img.iterancestors():
            chain.append((parent, child, list(parent)))
            child = parent
        leads.append(Lead(img, chain))
    return leads


def _article_like(top: etree._Element, headline: etree._Element | None
                  ) -> etree._Element | None:
    """The nearest ``<article>``/``<main>`` around the text, else the block a few levels up
    that holds (or held: the walk drops it) the headline."""
    for el in top.iterancestors():
        if el.tag in ("article", "main") or el.get("role") in _ARTICLE_ROLES:
            return el
    for depth, el in enumerate(top.iterancestors()):
        if depth >= _LEVELS_UP or el.tag == "body":
            break
        if el is headline or next(el.iter(*_HEADINGS), None) is not None:
            return el
    return None


def _elsewhere(el: etree._Element, page_url: str | None) -> bool:
    """A block that holds other pages' things: navigation, sidebars, teasers, ads."""
    if el.tag in ("nav", "aside", "footer", "article"):
        return True
    if el.tag == "a":
        href = el.get("href") or ""
        return bool(href) and not href.startswith("#") and not _IMAGE_FILE.search(
            urlsplit(href).path) and (not page_url or href.split("#")[0] != page_url)
    words = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(words.strip()) and bool(_ELSEWHERE.search(words))


def lead_before(top: etree._Element, leads: list[Lead], page_url: str | None,
                headline: etree._Element | None = None) -> etree._Element | None:
    """The lead ``<img>`` that stood ahead of ``top`` in the article around it, if any.

    ``headline``: the element that held the title heading the walk dropped.
    """
    if not leads:
        return None
    container = _article_like(top, headline)
    if container is None:
        return None
    path_of_top = [top, *top.iterancestors()]
    on_path = {id(el): i for i, el in enumerate(path_of_top)}
    for lead in leads:
        for parent, child, children in lead.chain:
            if _elsewhere(child, page_url):
                break
            depth = on_path.get(id(parent))
            if depth is None:
                continue
            if depth == 0 or depth > on_path.get(id(container), -1):
                break  # inside the text itself, or outside the article
            top_child = path_of_top[depth - 1]
            if top_child in children and children.index(child) < children.index(top_child):
                return lead.img
            break
    return None


def _figure_of(img: etree._Element) -> etree._Element:
    for el in img.iterancestors():
        if el.tag == "figure":
            return el
        if el.tag in ("article", "main", "body") or len(_IMAGES(el)) > 1:
            break
    parent = img.getparent()
    return parent if parent is not None and parent.tag == "picture" else img


def lead_figure(img: etree._Element) -> etree._Element:
    """A new ``<figure>`` with the photo and its caption, without credits or share bars."""
    box = _figure_of(img)
    figure = img.makeelement("figure", {})
    parent = img.getparent()
    picture = parent if parent is not None and parent.tag == "picture" else img
    shown = copy.deepcopy(picture)
    shown.tail = None
    figure.append(shown)
    if box.tag != "figure":
        return figure
    for caption in box.iter("figcaption"):
        if any(a.tag == "figure" and a is not box for a in caption.iterancestors()):
            continue
        kept = copy.deepcopy(caption)
        kept.tail = None
        for el in list(kept.iter()):
            words = f"{el.get('class') or ''} {el.get('id') or ''}" if isinstance(
                el.tag, str) else ""
            holder = el.getparent()
            if el is not kept and holder is not None and words.strip() \
                    and _NOT_CAPTION.search(words):
                holder.remove(el)
        cut_credit(kept)
        if text_of(kept).strip():
            figure.append(kept)
        break
    return figure


def cut_credit(el: etree._Element, credit: re.Pattern[str] = _CREDIT) -> bool:
    """Cut a caption at its credit line ("… Foto: Timur | flickr"): True once cut.
    ``credit``: the pattern of the credit's start."""
    found = credit.search(el.text or "")
    if found:
        el.text = el.text[: found.start()]  # type: ignore[index]
        for child in list(el):
            el.remove(child)
        return True
    children = list(el)
    for i, child in enumerate(children):
        cut = isinstance(child.tag, str) and cut_credit(child, credit)
        if not cut:
            found = credit.search(child.tail or "")
            if found:
                child.tail = child.tail[: found.start()]  # type: ignore[index]
                cut = True
        else:
            child.tail = None
        if cut:
            for later in children[i + 1:]:
                el.remove(later)
            return True
    return False


def has_media(root: etree._Element) -> bool:
    return next(root.iter(*_MEDIA), None) is not None
