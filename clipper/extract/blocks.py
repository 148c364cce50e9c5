"""Blocks of text classified as article or boilerplate in any language (jusText's method).

jusText (Pomikálek 2011) cuts a page into blocks at block-level tags and judges each by
its length, the share of its words that are the language's stop words ("der", "und",
"the", "of", "w", "się"...) and the share of its characters that sit in links; then short
and borderline blocks take the verdict of their neighbours, and a heading close above
good text is good. Prose has many stop words in every language; menus, buttons, labels,
bylines and link lists have few. The stop lists (about 100 languages) and the two
classification passes are the ``justext`` package's own; the blocks are cut here from
Clipper's already cleaned tree, so each block knows the element that holds its text.
"""

from __future__ import annotations

import pkgutil
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from lxml import etree
from lxml.html import HtmlElement

__all__ = ["Block", "classify_blocks", "page_blocks", "stoplist_for"]

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
PARAGRAPH_TAGS = frozenset((
    "body", "blockquote", "caption", "center", "col", "colgroup", "dd", "div", "dl", "dt",
    "fieldset", "form", "legend", "optgroup", "option", "p", "pre", "table", "td",
    "textarea", "tfoot", "th", "thead", "tr", "ul", "li", *_HEADINGS,
))
"""The tags that start a new block: ``justext.core.PARAGRAPH_TAGS`` (not imported here: the
package is imported only when a page is judged, keeping it out of the app's start-up)."""

# ISO 639-1 codes of the languages jusText has a stop list for.
_LANGUAGES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian",
    "ast": "Asturian", "az": "Azerbaijani", "eu": "Basque", "be": "Belarusian",
    "bn": "Bengali", "bs": "Bosnian", "br": "Breton", "bg": "Bulgarian", "ca": "Catalan",
    "ceb": "Cebuano", "cv": "Chuvash", "hr": "Croatian", "cs": "Czech", "da": "Danish",
    "nl": "Dutch", "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek",
    "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew", "iw": "Hebrew", "hi": "Hindi",
    "hu": "Hungarian", "is": "Icelandic", "io": "Ido", "ig": "Igbo", "id": "Indonesian",
    "ga": "Irish", "it": "Italian", "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh",
    "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian",
    "lt": "Lithuanian", "lb": "Luxembourgish", "mk": "Macedonian", "ms": "Malay",
    "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "ne": "Nepali",
    "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
    "oc": "Occitan", "fa": "Persian", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua",
    "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sh": "Serbo_Croatian",
    "sk": "Slovak", "sl": "Slovenian", "es": "Spanish", "su": "Sundanese", "sw": "Swahili",
    "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish",
    "tk": "Turkmen", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "vo": "Volapuk", "wa": "Walloon", "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
}
_GUESSED = (
    "English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch", "Polish",
    "Russian", "Ukrainian", "Czech", "Slovak", "Swedish", "Danish", "Norwegian_Bokmal",
    "Finnish", "Hungarian", "Romanian", "Turkish", "Greek", "Croatian", "Catalan",
    "Indonesian", "Vietnamese",
)
"""Languages a page that does not declare one is tested against."""
_SAMPLE_WORDS = 400
"""Words of the page read to guess its language when it does not say."""


@dataclass(eq=False)
class Block:
    """One run of text between block-level tags, shaped as jusText's ``Paragraph``."""

    element: HtmlElement
    """The element whose own text (or whose children's inline text) the block is."""
    dom_path: str
    """jusText reads only whether "select" is in it: "select" inside a ``<select>``, else
    empty (the whole dotted path of tags cost a join per block)."""
    heading: bool = False
    text_nodes: list[str] = field(default_factory=list)
    chars_count_in_links: int = 0
    cf_class: str = ""
    class_type: str = ""
    _text: str | None = None

    @property
    def is_heading(self) -> bool:
        return self.heading

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join("".join(self.text_nodes).split())
        return self._text

    def __len__(self) -> int:
        return len(self.text)

    @property
    def good(self) -> bool:
        return self.class_type == "good"

    def stopwords_density(self, stopwords: frozenset[str]) -> float:
        words = self.text.split()
        if not words:
            return 0.0
        return sum(map(stopwords.__contains__, map(str.lower, words))) / len(words)

    def links_density(self) -> float:
        length = len(self.text)
        return self.chars_count_in_links / length if length else 0.0


class _Cutter:
    """Cuts the tree into blocks in document order (one C-level walk of the tree)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.selects = 0
        self.links = 0
        self.headings = 0
        self.current: Block | None = None

    def start(self, el: HtmlElement) -> None:
        self.current = Block(el, "select" if self.selects else "", heading=self.headings > 0)

    def close(self) -> None:
        block = self.current
        if block is not None and block.text_nodes and block.text:
            self.blocks.append(block)
        self.current = None

    def add(self, text: str | None, holder: HtmlElement, in_link: bool) -> None:
        if not text:
            return
        if self.current is None:
            if text.isspace():
                return
            self.start(holder)
        assert self.current is not None
        self.current.text_nodes.append(text)
        if in_link:
            self.current.chars_count_in_links += len(" ".join(text.split()))


def page_blocks(root: HtmlElement, skip: frozenset[HtmlElement] = frozenset()) -> list[Block]:
    """The blocks of text under ``root``, in order, without the subtrees in ``skip``."""
    cut = _Cutter()
    parents: list[HtmlElement] = []
    skipping: HtmlElement | None = None
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if skipping is not None or (skip and event == "start" and el in skip):
            if skipping is None:
                skipping = el
            elif event == "end" and el is skipping:
                skipping = None
                if parents:
                    cut.add(el.tail, parents[-1], cut.links > 0)
            continue
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end" and parents and el.tail:
                cut.add(el.tail, parents[-1], cut.links > 0)
            continue
        if event == "start":
            cut.selects += "select" in tag
            if tag in PARAGRAPH_TAGS:
                cut.close()
                cut.headings += tag in _HEADINGS
                cut.start(el)
            else:
                cut.headings += tag in _HEADINGS
            cut.links += tag == "a"
            text = el.text
            if text:  # most elements hold none: no call
                cut.add(text, el, cut.links > 0)
            parents.append(el)
            continue
        parents.pop()
        cut.selects -= "select" in tag
        cut.links -= tag == "a"
        cut.headings -= tag in _HEADINGS
        if tag in PARAGRAPH_TAGS:
            cut.close()
        tail = el.tail
        if tail and el is not root and parents:
            cut.add(tail, parents[-1], cut.links > 0)
    cut.close()
    return cut.blocks


@cache
def _stoplist(name: str) -> frozenset[str]:
    """jusText's stop list, read in one piece (its own reader decodes word by word)."""
    data = pkgutil.get_data("justext", f"stoplists/{name}.txt")
    if data is None:
        return frozenset()
    return frozenset(data.decode("utf-8").lower().split())


@cache
def _word_languages() -> dict[str, tuple[str, ...]]:
    """The stop words of the widely written languages and the languages each belongs to.

    Built once, when a page does not say its language; the other lists are read only when
    a page declares one of them.
    """
    index: dict[str, list[str]] = {}
    for name in _GUESSED:
        for word in _stoplist(name):
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}


def _guess_language(words: Iterable[str]) -> str | None:
    index = _word_languages()
    hits: Counter[str] = Counter()
    for i, word in enumerate(words):
        if i >= _SAMPLE_WORDS:
            break
        for name in index.get(word.lower(), ()):
            hits[name] += 1
    best = hits.most_common(1)
    return best[0][0] if best else None


_LANG_CODE = re.compile(r"[a-z]{2,3}")


def stoplist_for(lang: str | None, blocks: list[Block]) -> frozenset[str]:
    """The stop words of the page's declared language, else of the language its words show."""
    match = _LANG_CODE.match((lang or "").strip().lower())
    name = _LANGUAGES.get(match.group(0)) if match else None
    if name is None:
        name = _guess_language(w for b in blocks if len(b) > 40 for w in b.text.split())
    return _stoplist(name) if name else frozenset()


def classify_blocks(blocks: list[Block], lang: str | None) -> frozenset[str]:
    """Set ``class_type`` ("good" or "bad") on every block, as jusText does; the stop
    words used."""
    if not blocks:
        return frozenset()
    from justext.core import classify_paragraphs  # type: ignore[import-untyped]

    stoplist = stoplist_for(lang, blocks)
    classify_paragraphs(blocks, stoplist)
    revise_classes(blocks)
    return stoplist


_GOOD_OR_BAD = frozenset(("good", "bad"))
MAX_HEADING_DISTANCE = 200
"""``justext.core.MAX_HEADING_DISTANCE_DEFAULT``."""


def revise_classes(blocks: list[Block]) -> None:
    """``justext.core.revise_paragraph_classification``, the same verdicts in linear time.

    jusText looks up each short block's nearest good or bad neighbours by walking over the
    short ones between, which is quadratic in a long run of short blocks (a menu, a list
    of links); here the nearest neighbours are found once for every block.
    """
    n = len(blocks)
    for block in blocks:  # jusText's "good headings" pass reads the classes it has not
        block.class_type = block.cf_class  # copied yet (empty), so it only copies them
    classes = [b.class_type for b in blocks]
    prev_gb, prev_gbn = _nearest(classes, range(n))
    next_gb, next_gbn = _nearest(classes, range(n - 1, -1, -1))
    new: dict[int, str] = {}
    for i, cls in enumerate(classes):
        if cls != "short":
            continue
        prev, nxt = prev_gb[i], next_gb[i]
        if prev == nxt:
            new[i] = prev
        elif (prev == "bad" and prev_gbn[i] == "neargood") or (
                nxt == "bad" and next_gbn[i] == "neargood"):
            new[i] = "good"
        else:
            new[i] = "bad"
    for i, cls in new.items():
        blocks[i].class_type = classes[i] = cls
    after = [""] * n  # the nearest good or bad block after each, neargood ones passed over
    seen = "bad"
    for i in range(n - 1, -1, -1):
        after[i] = seen
        if classes[i] in _GOOD_OR_BAD:
            seen = classes[i]
    before = "bad"
    for i, block in enumerate(blocks):
        if block.class_type == "neargood":
            block.class_type = "bad" if (before, after[i]) == ("bad", "bad") else "good"
        before = block.class_type if block.class_type in _GOOD_OR_BAD else before
    for i, block in enumerate(blocks):
        if not (block.heading and block.class_type == "bad" and block.cf_class != "bad"):
            continue
        j, distance = i + 1, 0
        while j < n and distance <= MAX_HEADING_DISTANCE:
            if blocks[j].class_type == "good":
                block.class_type = "good"
                break
            distance += len(blocks[j].text)
            j += 1


def _nearest(classes: list[str], order: range) -> tuple[list[str], list[str]]:
    """For each index, walking ``order``: the class of the nearest good or bad block
    before it (short and neargood passed over), and of the nearest good, bad or neargood
    one (short passed over); "bad" at the edge, as jusText's ``_get_neighbour``."""
    gb, gbn = [""] * len(classes), [""] * len(classes)
    last_gb = last_gbn = "bad"
    for i in order:
        gb[i], gbn[i] = last_gb, last_gbn
        cls = classes[i]
        if cls in _GOOD_OR_BAD:
            last_gb = last_gbn = cls
        elif cls == "neargood":
            last_gbn = cls
    return gb, gbn
