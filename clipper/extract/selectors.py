"""CSS selectors that find one block of a page, checked against the page itself.

Used for the blocks the extractor dropped (``explain=True``) and for the blocks a person
picks: the selector prefers what survives a site's next page — an id, then a stable class
name (not a generated ``css-1x2y3z``), alone or under the nearest element with an id — and
falls back to the ``nth-of-type`` path. Each candidate is run on the page (lxml +
cssselect) and used only when it selects exactly that element.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from cssselect import GenericTranslator, SelectorError
from lxml import etree
from lxml.html import HtmlElement

from clipper.extract.droplog import Entry
from clipper.extract.parse import parse_html
from clipper.models import DroppedBlock

__all__ = ["compile_selector", "locate", "select_all", "selector_for"]

_NAME = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
_GENERATED = re.compile(r"\d{3}|^(css|sc|jsx|emotion|svelte|tw|ng|v)-|[0-9a-f]{6}|__[a-z0-9]{5}")
_translator = GenericTranslator()
_FROM_ROOT = "descendant-or-self::html/"


@lru_cache(maxsize=1024)
def compile_selector(selector: str) -> etree.XPath:
    """The XPath a CSS selector means; raises ``ValueError`` with cssselect's reason."""
    try:
        path = _translator.css_to_xpath(selector)
        if path.startswith(_FROM_ROOT) and "|" not in path:
            # "html > body > …" starts at the page's root: no walk of the page to find it
            path = "self::html/" + path[len(_FROM_ROOT):]
        return etree.XPath(path)
    except SelectorError as exc:
        raise ValueError(f"not a CSS selector: {selector} ({exc})") from exc
    except etree.XPathError as exc:  # pragma: no cover - cssselect writes valid XPath
        raise ValueError(f"not a CSS selector: {selector} ({exc})") from exc


def select_all(root: etree._Element, selector: str) -> list[HtmlElement]:
    found = compile_selector(selector)(root)
    return [el for el in found if isinstance(el, etree._Element)] if isinstance(found, list) \
        else []


def _stable(name: str) -> bool:
    return bool(_NAME.match(name)) and not _GENERATED.search(name)


def _classes(el: HtmlElement) -> list[str]:
    return [c for c in (el.get("class") or "").split() if _stable(c)]


def _step(el: HtmlElement) -> str:
    """``tag`` or ``tag:nth-of-type(k)`` among its parent's children."""
    tag = str(el.tag)
    parent = el.getparent()
    if parent is None:
        return tag
    same = [c for c in parent if c.tag == el.tag]
    if len(same) == 1:
        return tag
    return f"{tag}:nth-of-type({same.index(el) + 1})"


def _id_anchor(el: HtmlElement) -> tuple[HtmlElement | None, list[str]]:
    """The nearest ancestor with a usable id and the path steps from it down to ``el``."""
    steps = [_step(el)]
    parent = el.getparent()
    while parent is not None:
        ident = parent.get("id")
        if ident and _stable(ident):
            return parent, steps
        steps.insert(0, _step(parent))
        parent = parent.getparent()
    return None, steps


def _candidates(el: HtmlElement) -> list[str]:
    out: list[str] = []
    ident = el.get("id")
    if ident and _stable(ident):
        out.append(f"#{ident}")
    tag = str(el.tag)
    classes = _classes(el)
    for name in classes[:3]:
        out.append(f"{tag}.{name}")
    if len(classes) >= 2:
        out.append(f"{tag}." + ".".join(classes[:3]))
    anchor, steps = _id_anchor(el)
    if anchor is not None:
        where = f"#{anchor.get('id')}"
        for name in classes[:2]:
            out.append(f"{where} {tag}.{name}")
        out.append(" > ".join([where, *steps]))
    else:
        out.append(" > ".join(steps))
    return out


def selector_for(el: HtmlElement, root: etree._Element) -> str | None:
    """The most stable selector that selects ``el`` and only it in ``root``'s page."""
    for selector in _candidates(el):
        try:
            found = select_all(root, selector)
        except ValueError:
            continue
        if len(found) == 1 and found[0] is el:
            return selector
    return None


def _score(el: HtmlElement, entry: Entry) -> int:
    score = 0
    if entry.ident and el.get("id") == entry.ident:
        score += 4
    if entry.cls and el.get("class") == entry.cls:
        score += 2
    if el.tag == entry.tag:
        score += 1
    if entry.text:
        text = " ".join(el.text_content().split())
        if text.startswith(entry.text[:40]):
            score += 3
    return score


def _find(by_line: dict[int | None, list[HtmlElement]], entry: Entry) -> HtmlElement | None:
    """The element of the freshly parsed page that ``entry`` was recorded from."""
    best, best_score = None, 0
    for el in by_line.get(entry.line, ()):
        score = _score(el, entry)
        if score > best_score:
            best, best_score = el, score
    named = bool(entry.ident or entry.cls)
    if best is None or best_score < (3 if named or entry.text else 1):
        return None
    return best


def locate(html: str | bytes, entries: list[Entry]) -> list[DroppedBlock]:
    """The dropped blocks with a selector each, found in a fresh parse of the page
    (a block the extractor itself made — paragraphs from ``<br>`` runs — has none)."""
    if not entries:
        return []
    doc = parse_html(html)
    by_line: dict[int | None, list[HtmlElement]] = defaultdict(list)
    for el in doc.iter():
        if isinstance(el.tag, str):
            by_line[el.sourceline].append(el)
    out = []
    for entry in entries:
        el = _find(by_line, entry) if entry.line is not None else None
        selector = selector_for(el, doc) if el is not None else None
        out.append(DroppedBlock(entry.text, entry.reason, selector, entry.line,
                                entry.end))
    return out


_BLOCKS = frozenset((
    "div", "p", "section", "article", "aside", "nav", "header", "footer", "main", "ul", "ol",
    "li", "dl", "table", "figure", "blockquote", "form", "pre", "h1", "h2", "h3", "h4", "h5",
    "h6", "details",
))


def block_at_line(html: str | bytes, line: int, up: int = 0) -> tuple[str, str] | None:
    """The block a person points at on ``line`` of the page's source: (its checked
    selector, its first words). The outermost block starting on that line, else the last
    block started before it, or the block ``up`` levels around it (widened); None when
    there is none or no selector finds only it."""
    doc = parse_html(html)
    el = _pointed(doc, line)
    if el is None:
        return None
    el = _widened(el, up)
    selector = selector_for(el, doc)
    if selector is None:
        return None
    text = " ".join(el.text_content().split())[:80]
    return selector, text


def block_spans(html: str | bytes, line: int) -> list[tuple[int, int]]:
    """The source lines (first, last) of the block pointed at on ``line`` and of each
    block around it up to the body's children, innermost first: what widening picks."""
    return block_spans_in(parse_html(html), line)


def block_spans_in(doc: HtmlElement, line: int) -> list[tuple[int, int]]:
    """``block_spans`` on a page parsed once (``parse_html``) for many clicks."""
    el = _pointed(doc, line)
    spans: list[tuple[int, int]] = []
    while el is not None:
        spans.append(_span(el))
        wider = _widened(el, 1)
        el = wider if wider is not el else None
    return spans


def _pointed(doc: HtmlElement, line: int) -> HtmlElement | None:
    body = doc.find("body")
    root = body if body is not None else doc
    starting: HtmlElement | None = None
    before: HtmlElement | None = None
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS or el.sourceline is None:
            continue
        if el.sourceline == line:
            starting = el
            break
        if el.sourceline > line:
            break
        before = el
    return starting if starting is not None else before


def _widened(el: HtmlElement, up: int) -> HtmlElement:
    """The element ``up`` levels around ``el``, never the body or above."""
    for _ in range(up):
        parent = el.getparent()
        if parent is None or parent.tag in ("body", "html") or parent.getparent() is None:
            break
        el = parent
    return el


def _span(el: HtmlElement) -> tuple[int, int]:
    """The source lines an element's start and its last text fall on."""
    start = el.sourceline or 1
    end = start
    for node in el.iter():
        line = node.sourceline or start
        if node is not el and node.tail and line > end:
            end = line  # later text of el's own follows its children on their lines
        end = max(end, line + (node.text or "").count("\n"))
    return start, end
