"""Article metadata: title, byline, date, site, excerpt, language, canonical URL, image.

Each field is taken from the most deliberate source the page offers, in this
order: schema.org JSON-LD, then ``<meta>`` vocabularies (Dublin Core, OpenGraph,
Parse.ly, Sailthru, Twitter cards), then microdata and ``<time>``, then what a
reader sees (byline, ``<title>``, headings, dated URL). Structured fields are
written for machines and rarely wrong; visible text is the fallback. All values
come back whitespace-collapsed with HTML entities decoded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from clipper.extract.metadata.byline import clean_name, join_names, visible_byline
from clipper.extract.metadata.dates import date_from_url, parse_date
from clipper.extract.metadata.dom import (
    SKIP_TAGS,
    Marks,
    following,
    headline_element,
    outside_article,
)
from clipper.extract.metadata.jsonld import JsonLdFacts, parse_scripts
from clipper.extract.metadata.site import (
    SiteNames,
    brand_names,
    fold,
    host_labels,
    is_legal_name,
    plain_brand,
    strip_site,
)
from clipper.extract.metadata.tags import PageTags, clean_text, collect
from clipper.extract.metadata.title import (
    SEPARATOR,
    split_title,
    title_from_document,
)
from clipper.htmltree import ElementsXPath


@dataclass
class Metadata:
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    """Publication day as ``YYYY-MM-DD`` (as the page wrote it, not converted to UTC)."""
    site_name: str | None = None
    excerpt: str | None = None
    lang: str | None = None
    """BCP 47 tag such as ``en`` or ``pt-BR``."""
    url: str | None = None
    """Canonical absolute URL when the page names one, else the URL given."""
    image: str | None = None
    """Lead image (absolute http(s) URL)."""


_TITLE_KEYS = ("dc:title", "dcterm:title", "dcterms:title", "og:title", "weibo:article:title",
               "weibo:webpage:title", "title", "twitter:title", "parsely-title", "sailthru:title")
_AUTHOR_KEYS = ("dc:creator", "dcterm:creator", "dcterms:creator", "author", "parsely-author",
                "sailthru:author", "byl", "article:author", "og:article:author", "dc:contributor",
                "citation_author")
_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "parsely-pub-date",
    "sailthru:date", "dc:date:issued", "dcterms:issued", "dcterm:issued",
    "citation_publication_date", "citation_date", "citation_online_date",
    "prism:publicationdate", "itemprop:datepublished", "article:published", "og:published_time",
    "published_time", "published-date", "publish-date", "publishdate", "publish_date",
    "pubdate", "publication_date", "date_published", "datepublished", "article_date_original",
    "original-publish-date", "dc:date", "dcterms:date", "dc:date:created", "dcterms:created",
    "dc:created", "date", "cxenseparse:recs:publishtime", "article:post_date",
)
_DESCRIPTION_KEYS = ("dc:description", "dcterm:description", "dcterms:description",
                     "og:description", "weibo:article:description", "weibo:webpage:description",
                     "description", "twitter:description", "sailthru:description")
_SITE_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title")
_IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
               "twitter:image:src", "itemprop:image", "thumbnail")
_LANG_KEYS = ("http-equiv:content-language", "content-language", "language", "dc:language",
              "dcterms:language", "og:locale", "itemprop:inlanguage")

_LANG_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?"
                       r"(?:[-_][A-Za-z0-9]{1,8})*$")


def extract_metadata(doc: lxml_html.HtmlElement, url: str | None = None) -> Metadata:
    """Read the metadata of a parsed page (the whole page, before cleaning; not modified)."""
    tags = collect(doc)
    facts = parse_scripts(tags.jsonld) if tags.jsonld else JsonLdFacts()
    base = _base_url(tags, url)
    page_url = _canonical(tags, base, url)
    lang = _language(tags, facts)
    site = _site_name(tags, facts)
    headings = _Headings(doc)
    clues = _SiteClues(doc, tags, facts, (page_url, url))
    title = _title(tags, facts, clues, headings)
    if title:
        title = _headline(title, clues, headings)
    marks = Marks(doc)
    return Metadata(
        title=title,
        byline=_byline(doc, tags, facts, title, marks),
        published=_published(marks, tags, facts, (page_url, url), lang, title),
        site_name=site or _site_from_title(tags.title, title) or clues.visible_brand()
        or _legal_site(facts),
        excerpt=clean_text(facts.description) or tags.first(*_DESCRIPTION_KEYS),
        lang=lang,
        url=page_url,
        image=_image(tags, facts, base),
    )


# --------------------------------------------------------------------------- title


class _Headings:
    """The page's h1 and h2 texts, read only if a title rule needs them."""

    def __init__(self, doc: lxml_html.HtmlElement) -> None:
        self._doc = doc
        self._h1s: list[str] | None = None
        self._h2s: list[str] = []

    def _read(self) -> None:
        self._h1s = []
        for el in self._doc.iter("h1", "h2"):
            text = " ".join(el.text_content().split()).rstrip("¶#🔗 ")  # permalink marks
            (self._h1s if el.tag == "h1" else self._h2s).append(text)

    @property
    def h1s(self) -> list[str]:
        if self._h1s is None:
            self._read()
        return self._h1s or []

    @property
    def h2s(self) -> list[str]:
        if self._h1s is None:
            self._read()
        return self._h2s


class _SiteClues:
    """What names the site, for recognising it in a title; the page is searched for its
    visible brand only when a title has a part to check."""

    def __init__(self, doc: lxml_html.HtmlElement, tags: PageTags, facts: JsonLdFacts,
                 urls: tuple[str | None, ...]) -> None:
        self.doc, self.tags, self.facts, self.urls = doc, tags, facts, urls
        self._stripped: tuple[str, str] | None = None

    def names(self) -> list[str | None]:
        """The names the page declares for its site."""
        tags, facts = self.tags, self.facts
        return [*tags.all("og:site_name"), facts.website, facts.publisher,
                *(plain_brand(n) for n in (facts.publisher,) if n),
                *(tags.first(k) for k in _SITE_KEYS)]

    def weak(self) -> list[str | None]:
        """Names that only hint at the site: its Twitter handle, and the author's name,
        which blogging platforms append ("… - John C. Welch")."""
        return [(self.tags.first("twitter:site") or "").lstrip("@"), *self.facts.authors,
                *self.tags.all("author")]

    def visible_brand(self) -> str | None:
        """The name the page's link home shows (its text or logo ``alt``), when it is the
        host's name or a part of the page's title: the brand a reader sees. Read only for
        a page that declares no site name."""
        labels = self.labels()
        site = SiteNames((), labels)
        parts = {fold(part) for _, part in split_title(self.tags.title or "")}
        for brand in brand_names(self.doc, next((u for u in self.urls if u), None)):
            for _, name in split_title(brand) or [(0, brand)]:  # "LimeSpace - IT": its name
                if site.by_host(name) or (fold(name) in parts and len(parts) > 1):
                    return name.strip()
        return None

    def labels(self) -> set[str]:
        return host_labels(*self.urls)

    def strip(self, title: str) -> str:
        """``title`` without the site's name at either end."""
        if not (SEPARATOR.search(title) or "(" in title or ": " in title
                or title.rstrip().endswith(("-", "|"))):
            return title
        if self._stripped is None or self._stripped[0] != title:
            self._stripped = (title, strip_site(title, self.names(), self.labels(),
                                                self.weak))
        return self._stripped[1]


def _similarity(a: str, b: str) -> float:
    """Share of *b*'s text made of words also in *a* (Readability's measure)."""
    words_a = set(re.findall(r"\w+", a.lower()))
    words_b = re.findall(r"\w+", b.lower())
    if not words_a or not words_b:
        return 0.0
    unique = [w for w in words_b if w not in words_a]
    return 1 - len(" ".join(unique)) / len(" ".join(words_b))


def _title(tags: PageTags, facts: JsonLdFacts, clues: _SiteClues,
           headings: _Headings) -> str | None:
    doc_title: str | None = None

    def from_document() -> str | None:
        nonlocal doc_title
        if doc_title is None and tags.title:
            raw = clues.strip(tags.title)
            doc_title = title_from_document(raw, headings.h1s, headings.h2s)
        return doc_title or None

    title = None
    if facts.name and facts.headline and facts.name != facts.headline:
        # Some sites put their own name in "name" and the headline in "headline".
        reference = from_document() or tags.first("og:title") or ""
        name_fits = _similarity(facts.name, reference) > 0.75
        headline_fits = _similarity(facts.headline, reference) > 0.75
        title = facts.headline if headline_fits and not name_fits else facts.name
    else:
        title = facts.name or facts.headline
    meta_title = tags.first(*_TITLE_KEYS)
    if title and meta_title and _truncated(title, meta_title):
        title = meta_title  # JSON-LD headlines are often cut to 110 characters for search
    if not title and meta_title and tags.title and _generic(meta_title, tags.title, headings):
        meta_title = None
    # Titles the publisher wrote for sharing are kept as written.
    title = title or meta_title or from_document()
    if not title:
        title = next((h for h in headings.h1s if h), None)
    return title


_TYPED_MARKS = "'\"-’‘‚“”„–—‐‑"
_QUOTES_DASHES = str.maketrans({"’": "'", "‘": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                                "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})


def _headline(title: str, clues: _SiteClues, headings: _Headings) -> str:
    """The title without the site's name; typed as the page's h1 shows it when they are
    the same words ("Editor's Letter" from og:title, "Editor’s Letter" on the page)."""
    title = clues.strip(title)
    if not any(mark in title for mark in _TYPED_MARKS):
        return title  # nothing a headline could type differently: the h1s need not be read
    plain = " ".join(title.translate(_QUOTES_DASHES).split())
    for h1 in headings.h1s:
        if h1 != title and " ".join(h1.translate(_QUOTES_DASHES).split()) == plain:
            return h1
    return title


def _generic(meta_title: str, raw_title: str, headings: _Headings) -> bool:
    """A sharing title unrelated to the headline both ``<title>`` and an h1 show.

    Some templates fill og:title with the site's slogan on every page; the page's
    own ``<title>`` repeated as a heading is then the better witness.
    """
    raw = " ".join(raw_title.split()).casefold()
    if _similarity(meta_title, raw_title) >= 0.5 or _similarity(raw_title, meta_title) >= 0.5:
        return False
    return any(h.casefold() == raw for h in headings.h1s)


def _truncated(short: str, full: str) -> bool:
    """*short* is *full* cut off mid-sentence (not *full* minus a "| Site" suffix)."""
    stem = short.rstrip(".… ")
    if len(stem) < 20 or len(stem) >= len(full) or not full.startswith(stem):
        return False
    return not _SUFFIX_START.match(full[len(stem):])


_SUFFIX_START = re.compile(r"\s*(?:[|\-–—·•:»/\\~]|::)\s")


# --------------------------------------------------------------------------- byline


def _byline(doc: lxml_html.HtmlElement, tags: PageTags, facts: JsonLdFacts,
            title: str | None, marks: Marks) -> str | None:
    if facts.authors:
        joined = join_names(facts.authors)
        if joined:
            return joined
    for key in _AUTHOR_KEYS:
        values = tags.all(key)
        if values:
            joined = join_names(values)
            if joined:
                return joined
    found = visible_byline(doc, title, marks) or join_names(facts.creators)
    if found:
        return found
    # twitter:creator is a @handle on most sites; a plain name is a name.
    creator = tags.first("twitter:creator")
    return clean_name(creator) if creator and not creator.startswith("@") else None


# --------------------------------------------------------------------------- date


def _published(marks: Marks, tags: PageTags, facts: JsonLdFacts,
               urls: tuple[str | None, ...], lang: str | None, title: str | None) -> str | None:
    month_first = True if (lang or "").lower() in ("en-us", "en-ph") else None
    for value in (facts.published, *(tags.all(k)[0] for k in _DATE_KEYS if tags.all(k))):
        found = parse_date(value, month_first=month_first)
        if found:
            return found
    parsely = tags.first("parsely-page")
    if parsely:
        try:
            found = parse_date(str(json.loads(parsely).get("pub_date", "")))
        except (ValueError, AttributeError):
            found = None
        if found:
            return found
    found = parse_date(facts.created, month_first=month_first)
    if found:
        return found
    for url in urls:
        found = date_from_url(url)
        if found:
            return found
    return _time_element(marks, month_first, title)


# Dates that are not the article's publication: updates, comments, citations, events.
_NOT_PUBLISHED = re.compile(
    r"updat|modif|lastmod|comment|edit|expir|related|recommend|event|access|retriev|"
    r"reference|citation|copyright|birth|death|popular|trending",
    re.I,
)
_MAX_DATE_CANDIDATES = 40
_TIMES = ElementsXPath("descendant::time | descendant::*[contains(@itemprop, 'datePublished')]")


def _date_mark(value: str) -> bool:
    lowered = value.lower()
    return ("date" in lowered or "publish" in lowered or "posted" in lowered
            or "timestamp" in lowered) and not _NOT_PUBLISHED.search(lowered)


def _marks(el: lxml_html.HtmlElement) -> str:
    """Class, id and itemprop of an element and its parent, which label what a date is."""
    parts = [el.get("class"), el.get("id"), el.get("itemprop")]
    parent = el.getparent()
    if parent is not None:
        parts += [parent.get("class"), parent.get("id"), parent.get("itemprop")]
    return " ".join(p for p in parts if p)


_UPDATE_WORD = re.compile(
    r"updat|modif|edited|aktualisiert|actualiz|mis à jour|bijgewerkt|aggiornat", re.I
)


def _label_before(el: lxml_html.HtmlElement) -> str:
    """The text just before *el* inside its parent ("Updated <time>...")."""
    parent = el.getparent()
    if parent is None:
        return ""
    previous = el.getprevious()
    text = (previous.tail if previous is not None else parent.text) or ""
    return text[-40:]


def _element_date(el: lxml_html.HtmlElement, month_first: bool | None) -> str | None:
    if _UPDATE_WORD.search(_label_before(el)):
        return None
    text = el.text_content()
    update = _UPDATE_WORD.search(text) if len(text) <= 160 else None
    if update:
        # "Dec. 6, 2024 / Updated Dec. 7, 2024": machine attributes often hold the update.
        return parse_date(text[: update.start()], month_first=month_first)
    value = el.get("datetime") or el.get("content") or el.get("title")
    found = parse_date(value, month_first=month_first) if value else None
    if found:
        return found
    return parse_date(text, month_first=month_first) if len(text) <= 120 else None


def _time_element(marks: Marks, month_first: bool | None, title: str | None) -> str | None:
    """A date the page shows: microdata, ``<time>``, an element classed as a date, or
    a short line just under the headline ("By Sam Roe · 12 March 2024").

    Marked publication dates win over plain ``<time>`` elements; anything labelled
    as an update, or sitting in comments or related stories, is skipped.
    """
    body = marks.body
    if body is None:
        return None
    fallback: str | None = None
    for el in _TIMES(body):
        labels = _marks(el)
        holder = el.getparent() if el.tag == "meta" else el  # microdata <meta> in the body
        if _NOT_PUBLISHED.search(labels) or holder is None or outside_article(holder):
            continue
        found = _element_date(el, month_first)
        if not found:
            continue
        lowered = labels.lower()
        if "datepublished" in lowered or "publish" in lowered or el.get("pubdate") is not None:
            return found
        fallback = fallback or found
    if fallback:
        return fallback
    for examined, el in enumerate(marks.elements(_date_mark)):
        if examined >= _MAX_DATE_CANDIDATES:
            break
        if _NOT_PUBLISHED.search(_marks(el)) or outside_article(el):
            continue
        found = _element_date(el, month_first)
        if found:
            return found
    headline = headline_element(body, title)
    if headline is None:
        return None
    for el in following(headline, _MAX_AFTER_HEADLINE):
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        text = el.text_content()
        if el.tag == "p" and len(text) > 120:
            break  # the story has started; dates in it are about other things
        if len(text) > 120 or len(text.split()) > 12 or _NOT_DATELINE.search(text):
            continue
        if _NOT_PUBLISHED.search(_marks(el)) or _labelled_cell(el) or outside_article(el):
            continue
        found = _element_date(el, month_first)
        if found:
            return found
    return None


def _labelled_cell(el: lxml_html.HtmlElement) -> bool:
    """In a table row with a header cell: a fact box ("Founded | 1998"), not a dateline."""
    row = next(el.iterancestors("tr"), None) if el.tag != "tr" else el
    return row is not None and row.find("th") is not None


_MAX_AFTER_HEADLINE = 60  # elements under the headline searched for a dateline
_NOT_DATELINE = re.compile(r"©|copyright|retrieved|accessed|abgerufen|consulté", re.I)


# --------------------------------------------------------------------------- site, language


def _site_name(tags: PageTags, facts: JsonLdFacts) -> str | None:
    """The brand the page gives itself; a publisher's legal name ("Tamedia AG") only
    when nothing else names the site (``_legal_site``)."""
    publisher = clean_text(facts.publisher)
    if publisher and is_legal_name(publisher):
        publisher = None
    return (tags.first("og:site_name") or publisher or clean_text(facts.website)
            or tags.first(*_SITE_KEYS))


def _legal_site(facts: JsonLdFacts) -> str | None:
    publisher = clean_text(facts.publisher)
    return plain_brand(publisher) if publisher else None


def _site_from_title(raw: str | None, title: str | None) -> str | None:
    """"Headline | Site" names the site when the headline part is the article title."""
    if not raw or not title:
        return None
    raw = " ".join(raw.split())
    parts = split_title(raw)
    if len(parts) < 2:
        return None
    head, tail = raw[: parts[-1][0]], parts[-1][1].strip()
    if not tail or len(tail.split()) > 5 or tail.casefold() in title.casefold():
        return None
    if head.casefold().startswith(title.casefold()) or _similarity(head, title) > 0.9:
        return tail
    return None


def normalize_lang(value: str | None) -> str | None:
    """``en_us`` -> ``en-US``, ``EN`` -> ``en``; None for values that are not language tags."""
    if not value:
        return None
    value = value.strip().split(",")[0].split(";")[0].strip()
    match = _LANG_TAG.match(value)
    if not match:
        return None
    parts = [match.group(1).lower()]
    if match.group(2):
        parts.append(match.group(2).title())
    if match.group(3):
        parts.append(match.group(3).upper())
    return "-".join(parts)


def _language(tags: PageTags, facts: JsonLdFacts) -> str | None:
    for value in (tags.lang, *(tags.first(k) for k in _LANG_KEYS), facts.lang):
        lang = normalize_lang(value)
        if lang:
            return lang
    return None


# --------------------------------------------------------------------------- URLs


def _web_url(value: str | None, base: str | None) -> str | None:
    """An absolute http(s) URL, or None (never a local file a page names)."""
    if not value:
        return None
    value = value.strip()
    try:
        absolute = urljoin(base, value) if base else value
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return absolute


def _base_url(tags: PageTags, url: str | None) -> str | None:
    if tags.base:
        return _web_url(tags.base, url) or url
    return url


def _canonical(tags: PageTags, base: str | None, url: str | None) -> str | None:
    given_path = urlsplit(url).path if url else ""
    for value in (*tags.links.get("canonical", ()), tags.first("og:url")):
        found = _web_url(value, base)
        if not found:
            continue
        # A canonical pointing at the home page of a deep URL is a site template bug.
        if urlsplit(found).path in ("", "/") and given_path not in ("", "/"):
            continue
        return found
    return url


def _image(tags: PageTags, facts: JsonLdFacts, base: str | None) -> str | None:
    for value in (*(tags.first(k) for k in _IMAGE_KEYS), facts.image,
                  *tags.links.get("image_src", ())):
        found = _web_url(value, base)
        if found:
            return found
    return None


__all__ = ["Metadata", "clean_name", "extract_metadata", "normalize_lang"]
