"""A small learned block classifier: how likely each of the article's blocks is the page's
furniture rather than the writer's text (issue 10, item 2).

The blocks are the ones jusText reads (``blocks.page_blocks``), with its verdicts; each is
described by a handful of general features (length, words, link share, stop-word share,
sentence end, digits, capitals, tag, depth, place in the article, its neighbours, the
structure around it) and by the words of its own and its ancestors' ``class``/``id``
attributes hashed into a few hundred buckets, so that general words ("share", "related",
"caption") are weighed by what the tuning pages showed, not by a hand list. The model is a
small ensemble of gradient-boosted trees trained offline on the tuning parts of every corpus set
(``bench/train_blocks.py`` rebuilds ``data/blocks_model.json``); here it is a walk of its trees
for each edge block, in pure Python.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.blocks import Block
from clipper.extract.text import inner_text
from clipper.htmltree import inside
from clipper.urls import site_host, web_host

__all__ = ["BlockModel", "block_features", "edge_page", "load_model", "trim_learned"]

BUCKETS = 256
"""Hash buckets for the class/id words."""
ANCESTORS = 4
"""Levels of ancestors (below the article) whose class/id words count."""
MODEL_FILE = "blocks_model.json"
_WORD = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[^\w\s]")
_ENDS = (".", "!", "?", "…", ".\"", ".”", "!\"", "?\"", ".)", "“", "”", "»", "«")
_TAGS = ("p", "div", "li", "h", "td", "th", "span", "a", "dd", "dt", "blockquote", "pre",
         "figcaption", "section", "article")
_CONTEXTS = (("list", frozenset(("ul", "ol", "li", "dl"))),
             ("heading", frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))),
             ("figure", frozenset(("figure", "figcaption", "picture"))),
             ("aside", frozenset(("aside",))),
             ("quote", frozenset(("blockquote", "q"))),
             ("table", frozenset(("table", "tr", "td", "th"))),
             ("navlike", frozenset(("nav", "footer", "header", "form", "button", "menu"))),
             ("small", frozenset(("small", "time", "address", "cite"))),
             ("strong", frozenset(("strong", "b", "em", "i"))))
_CLASSES = ("good", "bad", "short", "neargood")


def _tag_name(tag: str) -> str:
    return "h" if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else tag


def _attribute_words(el: HtmlElement, article: HtmlElement) -> set[str]:
    """The words of ``class`` and ``id`` of ``el`` and its nearest ancestors in ``article``."""
    words: set[str] = set()
    node: HtmlElement | None = el
    for _ in range(ANCESTORS):
        if node is None or node is article:
            break
        for value in (node.get("class"), node.get("id")):
            if value:
                words.update(_WORD.findall(_CAMEL.sub(" ", value).lower()))
        node = node.getparent()
    return words


def _bucket(word: str) -> str:
    return f"w{zlib.crc32(word.encode('utf-8')) % BUCKETS}"


def _context(el: HtmlElement, article: HtmlElement) -> tuple[set[str], int]:
    """The kinds of structure ``el`` stands in (itself included) and its depth in
    ``article``."""
    kinds: set[str] = set()
    depth = 0
    node: HtmlElement | None = el
    while node is not None and node is not article:
        tag = node.tag if isinstance(node.tag, str) else ""
        for name, tags in _CONTEXTS:
            if tag in tags:
                kinds.add(name)
        depth += 1
        node = node.getparent()
    return kinds, depth


def _own_features(block: Block, stop: frozenset[str]) -> dict[str, float]:
    text = block.text
    words = text.split()
    n = len(words) or 1
    chars = len(text) or 1
    caps = sum(1 for w in words if w[:1].isupper())
    f: dict[str, float] = {
        "len": math.log1p(len(text)),
        "words": math.log1p(len(words)),
        "link": block.links_density(),
        "stop": block.stopwords_density(stop) if stop else 0.0,
        "nostop": 0.0 if stop else 1.0,
        "end": 1.0 if text.endswith(_ENDS) else 0.0,
        "colon": 1.0 if text.endswith(":") else 0.0,
        "digits": len(_DIGIT.findall(text)) / chars,
        "punct": len(_PUNCT.findall(text)) / chars,
        "caps": caps / n,
        "commas": math.log1p(text.count(",")),
        "copy": 1.0 if "\xa9" in text or "|" in text else 0.0,
        "heading": 1.0 if block.heading else 0.0,
        f"cf_{block.cf_class or 'none'}": 1.0,
        f"ct_{block.class_type or 'none'}": 1.0,
    }
    return f


def _neighbour(prefix: str, block: Block | None) -> dict[str, float]:
    if block is None:
        return {f"{prefix}_none": 1.0}
    return {f"{prefix}_len": math.log1p(len(block.text)),
            f"{prefix}_link": block.links_density(),
            f"{prefix}_good": 1.0 if block.good else 0.0}


class _Page:
    """What the features of one block need to know of all the others."""

    def __init__(self, blocks: list[Block], stop: frozenset[str], article: HtmlElement) -> None:
        self.blocks, self.stop, self.article = blocks, stop, article
        self.lengths = [len(b.text) for b in blocks]
        self.total = sum(self.lengths) or 1
        self.starts: list[int] = []
        before = 0
        for length in self.lengths:
            self.starts.append(before)
            before += length
        good = [i for i, b in enumerate(blocks) if b.good]
        self.first_good, self.last_good = (good[0], good[-1]) if good else (len(blocks), -1)

    def features(self, i: int) -> dict[str, float]:
        blocks, n = self.blocks, len(self.blocks)
        block = blocks[i]
        f = _own_features(block, self.stop)
        el = block.element
        tag = _tag_name(el.tag) if isinstance(el.tag, str) else ""
        f[f"tag_{tag if tag in _TAGS else 'other'}"] = 1.0
        kinds, depth = _context(el, self.article)
        for kind in kinds:
            f[f"in_{kind}"] = 1.0
        f["depth"] = min(depth, 12) / 12
        f["pos"] = i / max(n - 1, 1)
        f["before"] = self.starts[i] / self.total
        f["after"] = (self.total - self.starts[i] - self.lengths[i]) / self.total
        f["first"] = 1.0 if i == 0 else 0.0
        f["last"] = 1.0 if i == n - 1 else 0.0
        f["pre_good"] = 1.0 if i < self.first_good else 0.0
        f["post_good"] = 1.0 if i > self.last_good else 0.0
        f["nblocks"] = math.log1p(n)
        f.update(_neighbour("prev", blocks[i - 1] if i else None))
        f.update(_neighbour("next", blocks[i + 1] if i + 1 < n else None))
        for word in _attribute_words(el, self.article):
            f[_bucket(word)] = 1.0
        return f


def block_features(blocks: list[Block], stop: frozenset[str],
                   article: HtmlElement) -> list[dict[str, float]]:
    """One sparse feature map per block (after ``classify_blocks`` set their verdicts)."""
    page = _Page(blocks, stop, article)
    return [page.features(i) for i in range(len(blocks))]


class BlockModel:
    """Gradient-boosted regression trees over sparse named features: p(furniture).

    Each tree is a list of nodes: ``[feature, threshold, left, right]`` (go left when the
    feature's value, 0 when absent, is at most the threshold) or ``[value]`` (a leaf, its
    share of the log-odds already scaled by the learning rate)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.bias = float(data["bias"])
        self.features: list[str] = list(data["features"])
        self.trees: list[list[list[float]]] = data["trees"]
        self.threshold = float(data.get("threshold", 0.9))
        # the walk's form of the trees: ``(feature, threshold, left, right)`` with integer
        # indices and ``(value,)`` leaves, so a step converts nothing
        self._walk: list[list[tuple[Any, ...]]] = [
            [(int(n[0]), n[1], int(n[2]), int(n[3])) if len(n) > 1 else (n[0],) for n in nodes]
            for nodes in self.trees]

    def probability(self, features: dict[str, float]) -> float:
        values = [features.get(name, 0.0) for name in self.features]
        z = self.bias
        for nodes in self._walk:
            node = nodes[0]
            while len(node) > 1:
                feature, threshold, left, right = node
                node = nodes[left if values[feature] <= threshold else right]
            z += node[0]
        if z < -35:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_model() -> BlockModel | None:
    """The shipped model, or None when the package holds none."""
    try:
        data = resources.files("clipper.extract").joinpath("data").joinpath(MODEL_FILE)
        raw = data.read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return BlockModel(json.loads(raw))


MAX_SHARE = 0.4
"""The learned trim takes at most this share of the clip's text from each edge."""
_KEPT = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "figure", "figcaption"))
"""Never cut by the model: headings, code, tables, pictures and their captions."""
_MEDIA = ("img", "picture", "video", "audio", "table", "iframe", "pre", "math", "svg")


def trim_learned(article: HtmlElement, blocks: list[Block], stop: frozenset[str],
                 closing: Callable[[Block, frozenset[str]], bool],
                 page_url: str | None = None) -> None:
    """Cut from each edge of ``article`` the whole blocks the model calls furniture with at
    least its threshold's probability, stopping at the first it does not (``blocks``: the
    article's, as jusText judged them before the edge rules cut some; ``closing``: the edge
    rules' reading of a writer's closing sentence, which ends the tail). A block linking to
    another site ends the cut too: the writer's sources and further reading (a wiki's
    external links), which the model, trained mostly on a site's own link lists, calls
    furniture."""
    model = load_model()
    if model is None:
        return
    page = edge_page(article, blocks, stop)
    if page is None:
        return
    budget = MAX_SHARE * page.total
    n = len(page.blocks)
    host = site_host(page_url)
    _cut(page, range(n - 1, -1, -1), model, budget, "after the article's text (learned)",
         lambda block: closing(block, stop) or _elsewhere(block, host))
    _cut(page, range(n), model, budget, "before the article's text (learned)",
         lambda block: _elsewhere(block, host))


def _elsewhere(block: Block, host: str | None) -> bool:
    """``block`` links to a page of another site than ``host`` (the page's own)."""
    if host is None:
        return False
    return any(web_host(a.get("href") or "") not in (None, host)
               for a in block.element.iter("a"))


def edge_page(article: HtmlElement, blocks: list[Block], stop: frozenset[str]) -> _Page | None:
    """The blocks still in ``article`` (the edge rules cut only before the first good block
    and after the last), or None when there is no prose to keep."""
    good = [i for i, b in enumerate(blocks) if b.good]
    if not good:
        return None
    first, last = good[0], good[-1]
    kept = [b for i, b in enumerate(blocks)
            if first <= i <= last or b.element is article or inside(b.element, article)]
    return _Page(kept, stop, article) if len(kept) >= 3 else None


def _cut(page: _Page, order: range, model: BlockModel, budget: float, reason: str,
         kept: Callable[[Block], bool]) -> None:
    """Cut the blocks in ``order`` while the model says furniture; a ``kept`` one ends it."""
    cut = 0
    for i in order:
        block = page.blocks[i]
        if block.element is not page.article and not inside(block.element, page.article):
            return  # cut from the other edge
        if kept(block) or model.probability(page.features(i)) < model.threshold:
            return
        el = _removable(block, page.article)
        cut += len(block)
        if el is None or cut > budget:
            return
        droplog.drop(el, reason)


def _removable(block: Block, article: HtmlElement) -> HtmlElement | None:
    """The element holding ``block`` and nothing else, outside the kept structure."""
    el = block.element
    if el is article or el.getparent() is None or inner_text(el) != block.text:
        return None
    node: HtmlElement | None = el
    while node is not None and node is not article:
        if node.tag in _KEPT:
            return None
        node = node.getparent()
    if next(el.iter(*_MEDIA), None) is not None:
        return None
    return el
