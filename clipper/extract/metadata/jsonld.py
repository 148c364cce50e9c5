"""Schema.org JSON-LD: the most deliberate metadata a page carries, when it parses.

Publishers write JSON-LD for search engines, so it usually names the real
headline, authors and publication date; but it comes as single objects, arrays,
``@graph`` lists with ``@id`` references, and often slightly broken JSON. This
module finds the node describing the article and reads it leniently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from clipper.extract.metadata.tags import clean_text

# Schema.org types that describe "the article on this page" (Article and its subtypes,
# postings, reports). Matched on the type name without a schema.org prefix.
_ARTICLE_TYPE = re.compile(r"^(?:\w*Article|Report|\w*Posting|APIReference)$")
# Other "one main thing on this page" types, used when no article node is present.
_CONTENT_TYPE = re.compile(r"^(?:Recipe|HowTo|Review|PodcastEpisode|Episode)$")
_PAGE_TYPE = re.compile(r"^\w*WebPage$|^(?:ProfilePage|AboutPage|CollectionPage)$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
# Last-resort field readers for JSON-LD that does not parse at all.
_RAW_FIELDS = {
    key: re.compile(rf'"{key}"\s*:\s*"((?:[^"\\]|\\.){{1,500}})"')
    for key in ("headline", "datePublished", "dateCreated")
}

MAX_SCRIPT_CHARS = 2_000_000


@dataclass
class JsonLdFacts:
    """What the article node (and its page and site nodes) say, as plain strings."""

    name: str | None = None
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    creators: list[str] = field(default_factory=list)
    """``creator`` names: often an account name, so weaker than ``author``."""
    published: str | None = None
    created: str | None = None
    description: str | None = None
    publisher: str | None = None
    website: str | None = None
    image: str | None = None
    lang: str | None = None


def ld_json_scripts(doc: HtmlElement) -> list[HtmlElement]:
    """The page's ``<script type="application/ld+json">`` elements, in order (a walk over
    the scripts only, in C: an XPath over the page cost four times as much)."""
    return [s for s in doc.iter("script") if s.get("type") == "application/ld+json"]


def parse_scripts(texts: list[str]) -> JsonLdFacts:
    """Read the JSON-LD script bodies of a page (in document order) into facts."""
    nodes: list[dict[str, Any]] = []
    broken: list[str] = []
    for text in texts:
        data = _loads(text)
        if data is None:
            broken.append(text)
            continue
        nodes.extend(_walk(data))
    facts = _facts(nodes)
    if broken and not (facts.headline or facts.name) and not facts.published:
        _salvage(broken, facts)
    return facts


def typed_nodes(texts: list[str], type_name: str) -> list[dict[str, Any]]:
    """The objects of one schema.org type in the page's JSON-LD script bodies, in order."""
    found: list[dict[str, Any]] = []
    for text in texts:
        data = _loads(text)
        if data is not None:
            found.extend(n for n in _walk(data) if type_name in _types(n))
    return found


def _loads(text: str) -> Any:
    if len(text) > MAX_SCRIPT_CHARS:
        return None
    try:
        return json.loads(text, strict=False)  # strict=False: raw newlines inside strings
    except RecursionError:
        return None
    except ValueError:
        pass
    body = _unwrap(text)
    if not body:
        return None
    for attempt in (body, _TRAILING_COMMA.sub(r"\1", body)):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            pass
    # Several objects one after another, or junk after the first one.
    decoder = json.JSONDecoder(strict=False)
    found: list[Any] = []
    index = 0
    while index < len(body):
        start = body.find("{", index)
        if start < 0:
            break
        try:
            obj, index = decoder.raw_decode(body, start)
        except (ValueError, RecursionError):
            break
        found.append(obj)
    return found or None


_WRAPPERS = re.compile(r"<!\[CDATA\[|\]\]>|<!--|-->")


def _unwrap(text: str) -> str:
    """The JSON inside comment and CDATA wrappers old CMSs put around script bodies."""
    text = _WRAPPERS.sub(" ", text)
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    if not starts:
        return ""
    end = max(text.rfind("}"), text.rfind("]"))
    return text[min(starts): end + 1] if end > min(starts) else ""


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every typed object in document order, descending into arrays and ``@graph``."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)) and not isinstance(data.get("itemListElement"), list):
            yield from _walk(main, depth + 1)


def _types(node: dict[str, Any]) -> list[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [v.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)]


def _text(value: Any) -> str | None:
    """A string value, or the first of a list, or ``@value`` of a typed literal."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):
        value = value.get("@value")
    if isinstance(value, str):
        return clean_text(value)
    return None


def _facts(nodes: list[dict[str, Any]]) -> JsonLdFacts:
    facts = JsonLdFacts()
    if not nodes:
        return facts
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    article = next((n for n in nodes if any(_ARTICLE_TYPE.match(t) for t in _types(n))), None)
    if article is None:
        article = next((n for n in nodes if any(_CONTENT_TYPE.match(t) for t in _types(n))), None)
    page = next((n for n in nodes if any(_PAGE_TYPE.match(t) for t in _types(n))), None)
    site = next((n for n in nodes if "WebSite" in _types(n)), None)
    if site is not None:
        facts.website = _text(site.get("name"))
    if article is not None:
        # A WebPage's "name" is usually the <title>, site name included: only an
        # article node's name or headline is trusted as the headline.
        facts.name = _text(article.get("name"))
        facts.headline = _text(article.get("headline"))
        facts.authors = _authors(article.get("author"), by_id)
        facts.creators = _authors(article.get("creator"), by_id)
        publisher = _resolve(article.get("publisher"), by_id)
        if isinstance(publisher, list):
            publisher = next((p for p in publisher if isinstance(p, dict)), None)
        facts.publisher = _text(publisher.get("name")) if isinstance(publisher, dict) else None
    for node in (article, page):  # the article's own values first, its page's second
        if node is None:
            continue
        facts.published = facts.published or _text(node.get("datePublished"))
        facts.created = facts.created or _text(node.get("dateCreated"))
        facts.description = facts.description or _text(node.get("description"))
        facts.lang = facts.lang or _text(node.get("inLanguage"))
        facts.image = facts.image or _image(node.get("image") or node.get("thumbnailUrl"), by_id)
    return facts


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """Follow an ``{"@id": ...}`` reference into the page's ``@graph``."""
    ref = value.get("@id") if isinstance(value, dict) else None
    if isinstance(ref, str) and len(value) <= 2 and "name" not in value:
        return by_id.get(ref, value)
    return value


def _authors(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        item = _resolve(item, by_id)
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name and name not in names:
            names.append(name)
    return names


def _image(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    value = _resolve(value, by_id)
    if isinstance(value, dict):
        return _text(value.get("url") or value.get("contentUrl"))
    return _text(value)


def _salvage(texts: list[str], facts: JsonLdFacts) -> None:
    """Pull the headline and dates out of JSON-LD too broken to parse."""
    for text in texts:
        if not re.search(r"Article|Posting", text):
            continue
        for key, pattern in _RAW_FIELDS.items():
            match = pattern.search(text)
            if not match:
                continue
            try:
                value = json.loads(f'"{match.group(1)}"', strict=False)
            except ValueError:
                value = match.group(1)
            value = " ".join(value.split()) or None
            if key == "headline":
                facts.headline = facts.headline or value
            elif key == "datePublished":
                facts.published = facts.published or value
            else:
                facts.created = facts.created or value
