"""Remove boilerplate inside the chosen article subtree.

Two layers. First Readability.js's ``_prepArticle``: footers, asides, share widgets,
form controls, negatively named headings, and the conditional cleaning of tables,
lists and divs whose numbers (link density, images per paragraph, inputs...) say
"navigation" or "widget" rather than "text". Then our precise boilerplate rules, in
the spirit of trafilatura: blocks named like share bars, related/recommended lists,
newsletter and cookie boxes, comments, author bios, ad slots, breadcrumbs, tag lists
and prev/next links go even when they sit inside the article element and even when
Readability's numbers would let them through, unless they hold a large part of the
article's text (a badly named wrapper is not boilerplate). Where names say nothing, the
words do: toolbars ("Share Tweet Email"), calls to comment, "Tags:" lines, pagers,
boxes headed "Related posts" / "Mehr zum Thema", teasers ending in "Weiterlesen", links to
share endpoints, and a label repeated slide after slide. A negative class word the whole
article wears (a page builder's "widget") is the template's vocabulary, not a verdict.
These rules were found on pages outside the Readability corpus (``bench/extraction``'s
held-out sets), and each is checked on both.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract import droplog
from clipper.extract.clean import FIELDS_ATTR
from clipper.extract.patterns import (
    ACTION_WORDS,
    AD_WORDS,
    AUTHOR_BOX,
    BOILERPLATE_JOINED,
    BOILERPLATE_STRONG,
    BOILERPLATE_WEAK,
    BOILERPLATE_WHOLE,
    CHROME_TEXT,
    COMMENT_PROMPT,
    DIV_TO_P_ELEMS,
    HEADINGS,
    LOADING_WORDS,
    NEGATIVE,
    READ_MORE_LINK,
    RELATED_HEADING,
    SHARE_ELEMENTS,
    SHARE_URL,
    TAXONOMY_LABEL,
    TEASER_START,
    VIDEOS,
    is_entry_meta,
    is_pager,
)
from clipper.extract.related import linked_items
from clipper.extract.score import Flags, class_weight, negative_words
from clipper.extract.short import MIN_ARTICLE_CHARS, is_whole_article
from clipper.extract.text import (
    class_and_id,
    inner_text,
    is_hash_link,
    link_density,
    text_length,
)
from clipper.htmltree import ElementsXPath, NumberXPath, class_matches
from clipper.markdown.callouts import is_callout
from clipper.markdown.marks import FNDEF_ATTR
from clipper.urls import site_host

_TEXTISH = frozenset(("span", "li", "td")) | DIV_TO_P_ELEMS
_EMBEDS = ("object", "embed", "iframe")
_SPLIT_NAME = re.compile(r"[^a-z]+")
_HASH_NAME = re.compile(r"[0-9a-f]*[0-9][a-f][0-9a-f]*")
"""A generated hex name ("e1ad", "3fa9c0"): letters after a digit are not a word ("ad"), where
"ad300" still names an ad slot."""


def _drop(el: HtmlElement, reason: str) -> None:
    if el.getparent() is not None:
        droplog.drop(el, reason)


def _has_ancestor(el: HtmlElement, tag: str, stop: HtmlElement | None = None) -> HtmlElement | None:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return parent
        parent = parent.getparent()
    return None


# --- Data tables -------------------------------------------------------------------------------


def is_data_table(table: HtmlElement) -> bool:
    """Readability's ``_markDataTables`` test: tabular data, not a layout grid."""
    if table.get("role") == "presentation" or table.get("datatable") == "0":
        return False
    if table.get("summary"):
        return True
    caption = table.find("caption")
    if caption is not None and len(caption):
        return True
    if next(table.iterdescendants("col", "colgroup", "tfoot", "thead", "th"), None) is not None:
        return True
    if next(table.iterdescendants("table"), None) is not None:
        return False
    rows, columns = _table_size(table)
    if rows == 1 or columns == 1:
        return False
    if rows >= 10 or columns > 4:
        return True
    return rows * columns > 10


def _table_size(table: HtmlElement) -> tuple[int, int]:
    rows = columns = 0
    for tr in table.iter("tr"):
        span = tr.get("rowspan") or "1"
        rows += int(span) if span.isdigit() else 1
        width = 0
        for cell in tr:
            if cell.tag == "td":
                colspan = cell.get("colspan") or "1"
                width += int(colspan) if colspan.isdigit() else 1
        columns = max(columns, width)
    return rows, columns


def mark_data_tables(root: HtmlElement) -> set[HtmlElement]:
    return {t for t in root.iter("table") if is_data_table(t)}


# --- Readability's conditional cleaning --------------------------------------------------------


_COUNT = {tag: NumberXPath(f"count(.//{tag})") for tag in ("p", "img", "li")}
_COUNT["input"] = NumberXPath(f"sum(descendant-or-self::*/@{FIELDS_ATTR})")
"""The form fields were stripped with the junk tags; their parents kept the count."""


class _Context:
    """What one cleaning pass needs to know about the article, computed once.

    Text lengths are cached (and forgotten up the ancestor chain when an element goes),
    so measuring every container of a deeply nested page stays linear-ish instead of
    re-reading each subtree's text for every ancestor.
    """

    def __init__(self, root: HtmlElement, flags: Flags, page_url: str | None,
                 vocabulary: frozenset[str] | None = None) -> None:
        self.flags = flags
        self.page_url = page_url
        self.data_tables = mark_data_tables(root)
        self.protected: set[HtmlElement] = set()  # inside a data table or code
        for holder in [*self.data_tables, *root.iter("code")]:
            self.protected.update(holder.iterdescendants())
        self.in_figure: set[HtmlElement] = set()
        for figure in root.iter("figure"):
            self.in_figure.update(figure.iterdescendants())
        self._lengths: dict[HtmlElement, int] = {}
        self.vocabulary = template_vocabulary(root) if vocabulary is None else vocabulary
        self._root, self._floor = root, -1
        """At least the root's text length (-1: not measured): a removal takes at most its
        own characters and a space from it, so a long article stays long unmeasured."""

    def may_be_short(self, root: HtmlElement) -> bool:
        """``root``'s text may be shorter than ``MIN_ARTICLE_CHARS`` (or is another root):
        only then can ``is_whole_article`` find a whole article in it."""
        if root is not self._root:
            return True
        if self._floor < 0:
            self._floor = self.length(root)
        return self._floor < MIN_ARTICLE_CHARS

    def length(self, el: HtmlElement) -> int:
        n = self._lengths.get(el)
        if n is None:
            n = self._lengths[el] = text_length(el)
        return n

    def density(self, el: HtmlElement, tags: tuple[str, ...]) -> float:
        total = self.length(el)
        if not total:
            return 0.0
        return sum(self.length(d) for d in el.iterdescendants(*tags)) / total

    def remove(self, el: HtmlElement, reason: str) -> None:
        if droplog.protected(el):
            return
        if self._floor >= 0:
            self._floor -= len(el.text_content()) + 1
        parent = el.getparent()
        while parent is not None:
            self._lengths.pop(parent, None)
            parent = parent.getparent()
        droplog.drop(el, reason)


_NEVER_VOCABULARY = frozenset(("comment", "com-", "hidden"))


def template_vocabulary(root: HtmlElement) -> frozenset[str]:
    """Negative words of the class names that most of the article's text wears.

    A page builder names every block of the text "elementor-widget…": a class word that
    several blocks wear, with most of the article under them, does not mark one of them
    as a sidebar widget. Ids are names, not vocabulary. Never vocabulary: comment words
    (a long thread can outweigh its article) and "hidden" (it says a block is not shown,
    whatever else the template names with it: "field--label-hidden").
    """
    worn_by = class_matches(root, _NEGATIVE_WORD)  # few elements on most pages
    if len(worn_by) < 3:
        return frozenset()
    total = text_length(root)
    chars: dict[str, int] = {}
    blocks: dict[str, int] = {}
    outer: dict[str, set[HtmlElement]] = {}
    for el in worn_by:  # document order: an outer block comes before the blocks inside it
        for word in negative_words((el.get("class") or "").lower()) - _NEVER_VOCABULARY:
            blocks[word] = blocks.get(word, 0) + 1
            seen = outer.setdefault(word, set())
            if not any(a in seen for a in el.iterancestors()):
                seen.add(el)
                chars[word] = chars.get(word, 0) + text_length(el)
    return frozenset(w for w, n in chars.items() if n > 0.5 * total and blocks[w] >= 3)


_NEGATIVE_WORD = re.compile("|".join(re.escape(w) for w in NEGATIVE if w not in _NEVER_VOCABULARY))
_HEADING_TAGS = tuple(sorted(HEADINGS))
_TEXTISH_TAGS = tuple(sorted(_TEXTISH))


def _wrapper_weight(node: HtmlElement, flags: Flags,
                   vocabulary: frozenset[str] = frozenset()) -> int:
    """The class weight, but a lone wrapper that repeats its parent's name weighs as it.

    Page builders wrap every block twice ("elementor-widget elementor-widget-text-editor"
    > "elementor-widget-container" > paragraphs): the inner name says only "widget", which
    the outer one says too, next to what the block is ("text").
    """
    weight = class_weight(node, flags, vocabulary)
    if weight >= 0 or not flags.weight_classes:
        return weight
    parent = node.getparent()
    if parent is None or len(parent) != 1 or (parent.text or "").strip() or (
            node.tail or "").strip():
        return weight
    own = negative_words(class_and_id(node).lower())
    if own and own <= negative_words(class_and_id(parent).lower()):
        return class_weight(parent, flags, vocabulary)
    return weight


def _should_remove(node: HtmlElement, tag: str, ctx: _Context) -> bool:
    """Readability.js ``_cleanConditionally``'s verdict for one element."""
    length = ctx.length(node)
    is_list = tag in ("ul", "ol")
    if not is_list and length:
        list_len = sum(ctx.length(lst) for lst in node.iterdescendants("ul", "ol"))
        is_list = list_len / length > 0.9
    if tag == "table" and node in ctx.data_tables:
        return False
    if node in ctx.protected:
        return False
    if any(t in ctx.data_tables for t in node.iterdescendants("table")):
        return False
    weight = _wrapper_weight(node, ctx.flags, ctx.vocabulary)
    if weight < 0:
        return True
    if node.text_content().count(",") >= 10:
        return False
    p = int(_COUNT["p"](node))
    img = int(_COUNT["img"](node))
    li = int(_COUNT["li"](node)) - 100
    inputs = int(_COUNT["input"](node))
    heading_density = ctx.density(node, _HEADING_TAGS)
    embeds = 0
    for embed in node.iterdescendants(*_EMBEDS):
        if any(VIDEOS.search(v) for v in embed.attrib.values()):
            return False
        embeds += 1
    if length <= 40:  # "Advertisement", "Loading…": only short texts can be these words
        text = inner_text(node)
        if AD_WORDS.match(text) or LOADING_WORDS.match(text):
            return True
    density = link_density(node, ctx.page_url, length)
    textish = ctx.density(node, _TEXTISH_TAGS)
    in_figure = node in ctx.in_figure
    remove = (
        (not in_figure and img > 1 and p / img < 0.5)
        or (not is_list and li > p)
        or (inputs > p // 3)
        or (
            not is_list
            and not in_figure
            and heading_density < 0.9
            and length < 25
            and (img == 0 or img > 2)
            and density > 0
        )
        or (not is_list and weight < 25 and density > 0.2)
        or (weight >= 25 and density > 0.5)
        or ((embeds == 1 and length < 75) or embeds > 1)
        or (img == 0 and textish == 0 and not (
            heading_density >= 0.9 and _heads_section(node, ctx)))
    )
    if is_list and remove:
        # Keep simple lists of images (galleries).
        for child in node:
            if len(child) > 1:
                return remove
        if img == int(_COUNT["li"](node)):
            return False
    return remove


def _heads_section(node: HtmlElement, ctx: _Context) -> bool:
    """``node`` stands right before a block with text that is not all headings nor mostly
    links: it is a section's heading set in a block of its own, not a widget's title left
    alone once its links went (blocks after it in the page were judged first) nor one over
    a list of links that a later step drops."""
    after = node.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    if after is None or (node.tail or "").strip():
        return False
    length = text_length(after)
    return (length > 0 and sum(text_length(h) for h in after.iter(*_HEADING_TAGS)) < length
            and link_density(after, ctx.page_url, length) <= 0.5)


def clean_conditionally(root: HtmlElement, tag: str, ctx: _Context) -> None:
    if not ctx.flags.clean_conditionally:
        return
    # Innermost first (reverse document order), as Readability walks its node list backwards.
    for node in reversed(list(root.iter(tag))):
        if node is root or node.getparent() is None or (
                ctx.may_be_short(root) and is_whole_article(node, root, ctx.length)):
            continue
        if _should_remove(node, tag, ctx) and not holds_notes(node):
            ctx.remove(node, _conditional_reason(node, tag, ctx))


def _conditional_reason(node: HtmlElement, tag: str, ctx: _Context) -> str:
    """In plain words, why Readability's numbers took ``node`` for a widget."""
    if tag in ("form", "fieldset") or next(node.iter("input", "select", "textarea"), None) \
            is not None:
        return "form"
    if _wrapper_weight(node, ctx.flags, ctx.vocabulary) < 0:
        return droplog.name_reason(class_and_id(node))
    if link_density(node, ctx.page_url, ctx.length(node)) > 0.2:
        return "mostly links"
    if int(_COUNT["img"](node)) > 1:
        return "mostly pictures"
    if next(node.iterdescendants(*_EMBEDS), None) is not None:
        return "embedded media"
    return "too little text"


def holds_notes(node: HtmlElement) -> bool:
    """A footnote, or a list of them: short blocks full of links back, but the article's."""
    if node.get(FNDEF_ATTR) is not None:
        return True
    notes = _NOTES_IN(node)
    return bool(notes) and sum(text_length(n) for n in notes) >= 0.8 * text_length(node)


def clean_tags(root: HtmlElement, tags: tuple[str, ...]) -> None:
    """Remove every element with these tags (video embeds excepted).

    An ``<aside>`` or ``<footer>`` holding most of the article's text is a template's
    odd wrapper around the article, not a sidebar: it stays; not a footer named as the
    post's meta ("entry-meta"), which outweighs a post of two lines with its tags and the
    author's bio.
    """
    total = 0
    for node in list(root.iter(*tags)):
        if node.getparent() is None:
            continue
        if node.tag in _EMBEDS and any(VIDEOS.search(v) for v in node.attrib.values()):
            continue
        if node.tag in _WRAPPER_SUSPECTS and not is_entry_meta(node.get("class"), node.get("id")):
            total = total or text_length(root)
            if text_length(node) > 0.5 * total:
                continue
            if node.tag == "aside" and keeps_aside(node):
                continue
        _drop(node, _TAG_REASONS.get(node.tag, "form"))


_TAG_REASONS = {"footer": "page footer", "aside": "sidebar", "object": "embedded media",
                "embed": "embedded media", "iframe": "embedded frame", "link": "empty"}


_WRAPPER_SUSPECTS = frozenset(("aside", "footer"))
_NOTES_IN = ElementsXPath(f"descendant-or-self::*[@{FNDEF_ATTR}]")


def keeps_aside(node: HtmlElement) -> bool:
    """An ``<aside>`` that is a callout box or holds footnotes is the article's, not a
    sidebar (docutils' and Starlight's admonitions, notes set beside the text)."""
    return is_callout(node) or bool(_NOTES_IN(node))


_SHARE_NAMED = ElementsXPath("(./*//*/@class | ./*//*/@id)"  # attribute steps: fast
                             "[contains(translate(., 'SHARE', 'share'), 'share')]/..")
"""The elements below the top level whose class or id says "share" in any case."""


def clean_share_elements(root: HtmlElement, threshold: int = 500) -> None:
    """Small blocks named "share" below the top level go (Readability's share-button rule)."""
    for node in _SHARE_NAMED(root):
        if node.getparent() is None:
            continue
        match = class_and_id(node).lower()
        if "share" in match and SHARE_ELEMENTS.search(match) and (
            len(node.text_content()) < threshold
        ):
            _drop(node, "share buttons")


def clean_headers(root: HtmlElement, flags: Flags) -> None:
    for node in list(root.iter("h1", "h2")):
        if class_weight(node, flags) < 0:
            _drop(node, droplog.name_reason(class_and_id(node)))


def remove_empty_paragraphs(root: HtmlElement) -> None:
    for p in list(root.iter("p")):
        if next(p.iter("img", "embed", "object", "iframe", "picture", "video"), None) is not None:
            continue
        if not p.text_content().strip():
            _drop(p, "empty")


def remove_br_before_paragraph(root: HtmlElement) -> None:
    for br in list(root.iter("br")):
        if (br.tail or "").strip():
            continue
        nxt = br.getnext()
        if nxt is not None and nxt.tag == "p":
            _drop(br, "empty")


def unwrap_single_cell_tables(root: HtmlElement) -> None:
    """A one-cell table is layout: keep its content as a paragraph or a div."""
    for table in list(root.iter("table")):
        body = table
        if len(table) == 1 and table[0].tag == "tbody":
            body = table[0]
        if len(body) != 1 or body[0].tag != "tr":
            continue
        row = body[0]
        if len(row) != 1 or row[0].tag not in ("td", "th"):
            continue
        cell = row[0]
        inline = all(c.tag not in DIV_TO_P_ELEMS for c in cell.iter() if c is not cell)
        cell.tag = "p" if inline else "div"
        cell.attrib.clear()
        cell.tail = table.tail
        parent = table.getparent()
        if parent is not None:
            parent.replace(table, cell)


# --- Our boilerplate rules ---------------------------------------------------------------------


def boilerplate_strength(el: HtmlElement) -> int:
    """2 when the class/id names chrome whatever it holds, 1 when chrome if link-heavy or small."""
    strength = 1 if el.tag == "nav" else 0
    for value in (el.get("class"), el.get("id")):
        if not value:
            continue
        for token in value.lower().split():
            if _HASH_NAME.fullmatch(token):
                continue
            parts = [p for p in _SPLIT_NAME.split(token) if p]
            joined = "".join(parts)
            # "popup" inside one word ("SSpopup", "loginPopup") as Readability's substring
            # test reads it, but not spelt across two ("kpop-updates")
            if any(p in BOILERPLATE_STRONG or "popup" in p for p in parts) \
                    or AUTHOR_BOX.search(joined):
                return 2
            if (
                any(p in BOILERPLATE_WEAK for p in parts)
                or joined in BOILERPLATE_WHOLE
                or BOILERPLATE_JOINED.search(joined)
            ):
                strength = 1
    return strength


SMALL_BOX_CHARS = 200
"""A weakly named block shorter than this is a widget, not a section of the text."""
PROSE_BEFORE = 100
"""Characters of text before a "Related" heading in its box that make the box a post."""

_CONTENT_TAGS = ("figure", "picture", "table", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5",
                 "h6")
"""Never removed for a weak name alone ("fig--has-shares" is a figure with a share button)."""


_IN_CODE = ElementsXPath(".//pre//* | .//code//*")
"""The elements inside code blocks and inline code."""
_NAMED_OR_NAV = ElementsXPath("(.//*/@class | .//*/@id)/.. | .//nav")


def prune_boilerplate(root: HtmlElement, page_url: str | None) -> None:
    """Drop chrome-named blocks unless they hold a large part of the article text."""
    total = text_length(root) or 1
    known: dict[tuple[bool, str | None, str | None], int] = {}  # blocks repeat their names
    # a highlighter's names in code ("token comment", "hljs-comment") are the code's, not chrome
    in_code = set(_IN_CODE(root))
    for node in _NAMED_OR_NAV(root):
        if node.getparent() is None or node in in_code:
            continue
        names = (node.tag == "nav", node.get("class"), node.get("id"))
        strength = known.get(names)
        if strength is None:
            strength = known[names] = boilerplate_strength(node)
        if not strength:
            continue
        length = text_length(node)
        if length >= 0.25 * total:
            continue
        if strength == 1 and (
            node.tag in _CONTENT_TAGS or next(node.iter(*_CONTENT_TAGS), None) is not None
        ) and link_density(node, page_url, length) <= 0.5:
            continue  # a figure with a share button; a list of linked teasers still goes
        meta = strength == 1 and is_entry_meta(node.get("class"), node.get("id"))
        if node.tag == "p" and length >= SMALL_BOX_CHARS and not meta:
            continue  # a real paragraph, whatever its class says (paywalled text is text)
        if strength == 2 or meta or length < SMALL_BOX_CHARS or (
            link_density(node, page_url, length) > 0.3
        ):
            _drop(node, droplog.name_reason(class_and_id(node)) if node.tag != "nav"
                  or node.get("class") or node.get("id") else "navigation")


_TEXT_BLOCKS = ("p", "div", "li", "span", "h2", "h3", "h4", "h5", "h6", "aside", "section",
                "figcaption", "strong", "b", "em", "i", "small", "a")


def drop_teaser_cards(root: HtmlElement) -> None:
    """A link wrapped around a heading is a card pointing to another story.

    Inside a text, headings are not links' children; "<a href=other><figure>…<h3>Other
    story</h3></a>" is a teaser the template dropped into the article.
    """
    for a in list(root.iter("a")):
        href = a.get("href") or ""
        if not href or href.startswith("#") or a.getparent() is None:
            continue
        if next(a.iterdescendants(*_CARD_HEADINGS), None) is not None:
            _drop(a, "teaser for another story")


_CARD_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def drop_read_more_teasers(root: HtmlElement, page_url: str | None) -> None:
    """A short block that ends in "Read more" linking elsewhere is another story's teaser.

    The writer's own text does not end a paragraph with "Weiterlesen"; a template's
    "interesting articles" card does, after its heading and photo were cut as chrome.
    """
    total = 0
    for a in list(root.iter("a")):
        if a.getparent() is None:
            continue
        href = a.get("href") or ""
        label = inner_text(a)
        if not href or href.startswith("#") or is_hash_link(href, page_url) or (
                page_url and href.partition("#")[0] == page_url.partition("#")[0]):
            continue
        if not label or not READ_MORE_LINK.match(label):
            continue
        block = a.getparent()
        while block is not None and block is not root and block.tag not in _TEASER_BLOCKS:
            block = block.getparent()
        if block is None or block is root:
            continue
        text = inner_text(block)
        if not (len(label) + 20 < len(text) <= 400) or not _ends_with(text, label):
            continue
        total = total or text_length(root)
        if len(text) < 0.5 * total:
            _drop(block, "teaser for another story")


_TEASER_BLOCKS = frozenset(("p", "div", "li", "section", "article"))


def drop_share_and_home_links(root: HtmlElement, page_url: str | None) -> None:
    """Share buttons ("Pin it" → pinterest.com/pin/create) and the site's logo link home.

    Both are links whatever their class says: a share address posts this page elsewhere,
    and a picture-only link to the site's front page ahead of the text is the masthead's
    logo, not an illustration.
    """
    home = site_host(page_url)
    for a in list(root.iter("a")):
        if a.getparent() is None:
            continue
        href = (a.get("href") or "").strip()
        if SHARE_URL.match(href) or (
                # a picture without text first: few links hold one, each address costs a parse
                home and next(a.iter("img", "svg", "picture"), None) is not None
                and not inner_text(a) and site_host(href) == home
                and urlsplit(href).path in ("", "/") and not _TEXT_BEFORE(a)):
            _drop(a, "share buttons" if SHARE_URL.match(href) else "site logo")


_TEXT_BEFORE = etree.XPath("boolean(preceding::text()[normalize-space()])")


def _ends_with(text: str, label: str) -> bool:
    return text.rstrip(" .…»›→>)]").endswith(label.rstrip(" .…»›→>)]"))


_SMALL = ElementsXPath("descendant::*[string-length(normalize-space(.)) <= 200]")
"""The elements under the root of 200 characters or less (whitespace collapsed); the tags
are told apart in Python (a chain of ``self::p or self::div…`` costs more than the
measuring)."""
_TEXT_BLOCK_TAGS = frozenset(_TEXT_BLOCKS)


def prune_chrome_text(root: HtmlElement, page_url: str | None) -> None:
    """Drop small blocks whose words are page furniture.

    Ad labels, caption toggles, toolbars ("Share Tweet Email"), calls to comment,
    taxonomy lines ("Tags: a, b"), teasers ("Read more: <link>"), and boxes headed
    "Related posts" / "Mehr zum Thema" with the link list under the heading.
    """
    # measured up front, in C: a block still in the tree when its turn comes has lost none
    # of its text (drops take a block before its descendants, or the blocks after it)
    for node in _SMALL(root):
        if node.tag not in _TEXT_BLOCK_TAGS or node.getparent() is None:
            continue
        text = inner_text(node)
        if not text:
            continue
        chrome = _is_chrome_text(node, text, page_url)
        related = not chrome and len(text) <= 60 and bool(RELATED_HEADING.match(text))
        if (chrome or related) and _in_source(node):
            continue  # "print(1)", "Read more" in a code block are code, not page furniture
        if chrome:
            _drop(node, _chrome_reason(node, text, page_url))
        elif related:
            if not _inline(node):
                _drop_related_box(root, node, page_url)
            elif _leads_link_list(node, page_url):
                _drop(node.getparent(), "related links")  # "<p><b>Related</b><br><a>…</a>…</p>"


def _chrome_reason(node: HtmlElement, text: str, page_url: str | None) -> str:
    """Which kind of page furniture ``_is_chrome_text`` recognised, in plain words."""
    if TAXONOMY_LABEL.match(text):
        return "tags"
    if COMMENT_PROMPT.match(text):
        return "comments"
    if is_pager(text):
        return "page links"
    if TEASER_START.match(text):
        return "teaser for another story"
    if ACTION_WORDS.match(text):
        return "share buttons"
    return "page furniture (its words)"


def _is_chrome_text(node: HtmlElement, text: str, page_url: str | None) -> bool:
    short = len(text) <= 120
    chrome = short and bool(
        CHROME_TEXT.match(text) or ACTION_WORDS.match(text) or COMMENT_PROMPT.match(text))
    pager = short and is_pager(text)
    teaser = short and bool(TEASER_START.match(text))
    taxonomy = bool(TAXONOMY_LABEL.match(text))
    if not (chrome or pager or teaser or taxonomy):
        return False  # the words first: the tests of the tree below cost more
    if _inline(node):
        return False  # "send an <a>email</a>", "posted to <a>Facebook</a>"
    if next(node.iter(*_MEDIA_TAGS), None) is not None:
        return False  # photos credited "Facebook", "Twitter": a gallery, not a share bar
    if chrome or (pager and not _in_code(node)) or (
            teaser and link_density(node, page_url, len(text)) > 0.4):
        return True
    return taxonomy and (
        link_density(node, page_url, len(text)) > 0.3 or len(text.split()) <= 10)


_INLINE = frozenset(("span", "strong", "b", "em", "i", "small", "a"))
_MEDIA_TAGS = ("img", "picture", "video", "figure", "table", "pre")


def _in_source(node: HtmlElement) -> bool:
    return any(a.tag in ("pre", "code") for a in node.iterancestors())


def _in_code(node: HtmlElement) -> bool:
    return any(a.tag in ("pre", "code", "table") for a in node.iterancestors())


def _inline(node: HtmlElement) -> bool:
    """Inside running text ("see also <a>...</a>"), where the words are the sentence's."""
    parent = node.getparent()
    return node.tag in _INLINE and parent is not None and (
        len(inner_text(parent)) > len(inner_text(node)) + 3)


def _leads_link_list(label: HtmlElement, page_url: str | None) -> bool:
    """An inline label that opens a block of links: a related box in one paragraph."""
    block = label.getparent()
    if block is None or block.tag not in ("p", "div", "li") or block[0] is not label or (
            block.text or "").strip():
        return False
    length = text_length(block)
    rest = length - len(inner_text(label))
    return rest > 0 and link_density(block, page_url, length) * length >= 0.7 * rest


def _drop_related_box(root: HtmlElement, heading: HtmlElement, page_url: str | None) -> None:
    """A "Related posts" heading: drop it with the link list it heads (or its whole box)."""
    box = heading.getparent()
    while box is not None and box is not root and len(box) == 1:
        heading, box = box, box.getparent()  # climb out of lone wrappers (<div><h3>..)
    if box is None:
        return
    if box is not root and not _prose_before(heading, page_url):
        rest = len(inner_text(box)) - len(inner_text(heading))
        if rest <= 0 or link_density(box, page_url) > 0.5 or rest < SMALL_BOX_CHARS \
                or linked_items(box, rest):
            _drop(box, "related links")
            return
    following = heading.getnext()
    _drop(heading, "related links")
    while following is not None:
        nxt = following.getnext()
        text = inner_text(following)
        if not text or link_density(following, page_url, len(text)) <= 0.5:
            break
        _drop(following, "related links")
        following = nxt


def _prose_before(heading: HtmlElement, page_url: str | None) -> bool:
    """Text of the writer's stands before ``heading`` in its box: the heading closes a post
    (a short post, then "Related posts:"), it does not head a box of links."""
    before = [el for el in heading.itersiblings(preceding=True) if isinstance(el.tag, str)]
    text = sum(len(inner_text(el)) for el in before)
    if text < PROSE_BEFORE:
        return False
    linked = sum(link_density(el, page_url) * len(inner_text(el)) for el in before)
    return linked <= 0.5 * text


def drop_repeated_labels(root: HtmlElement, times: int = 3) -> None:
    """A short label repeated by siblings in a row is a template's, not the writer's.

    A gallery repeats its title once per slide ("Weather threatens holiday plans" ×14);
    from a run of three on, the first stays. Sentences (a repeated chorus line) and
    labels apart from each other are left alone.
    """
    for parent in list(root.iter()):
        if not isinstance(parent.tag, str) or len(parent) < times:
            continue
        run: list[HtmlElement] = []
        last = None
        for child in list(parent):
            label = _label(child)
            if label is not None and label == last:
                run.append(child)
                continue
            if len(run) >= times:
                for node in run[1:]:
                    _drop(node, "repeated label")
            run, last = ([child], label) if label is not None else ([], None)
        if len(run) >= times:
            for node in run[1:]:
                _drop(node, "repeated label")


_SENTENCE_END = (".", "!", "?", "…", ":", ";", '"', "”", "»")
_LABEL_BLOCKS = frozenset(("div", "p", "h2", "h3", "h4", "h5", "h6", "li", "section"))


def _label(el: HtmlElement) -> str | None:
    """The text of a short plain block (no links, no media), or None."""
    if el.tag not in _LABEL_BLOCKS or text_length(el) > 80:
        return None
    if next(el.iter("a", *_MEDIA_TAGS), None) is not None:
        return None
    text = inner_text(el)
    return text if text and not text.endswith(_SENTENCE_END) else None


# --- The whole pass ----------------------------------------------------------------------------


_STYLED = ElementsXPath("descendant-or-self::*[@style or @*[starts-with(local-name(), 'on')]]")
"""The elements with an inline style or an event handler (``onclick``) to take away."""


def prepare_article(root: HtmlElement, flags: Flags, page_url: str | None) -> None:
    """Readability's ``_prepArticle`` followed by our boilerplate rules."""
    for el in _STYLED(root):  # the few elements with such attributes, found in C
        for attr in [a for a in el.attrib if a == "style" or a.startswith("on")]:
            del el.attrib[attr]
    prune_boilerplate(root, page_url)
    drop_read_more_teasers(root, page_url)  # before "Read more" links go as chrome words
    drop_share_and_home_links(root, page_url)
    prune_chrome_text(root, page_url)
    drop_teaser_cards(root)
    ctx = _Context(root, flags, page_url)
    clean_conditionally(root, "form", ctx)
    clean_conditionally(root, "fieldset", ctx)
    clean_tags(root, ("object", "embed", "footer", "link", "aside"))
    clean_share_elements(root)
    clean_tags(root, ("iframe", "input", "textarea", "select", "button"))
    clean_headers(root, flags)
    ctx = _Context(root, flags, page_url, ctx.vocabulary)  # the tags cleaned changed the text
    clean_conditionally(root, "table", ctx)
    clean_conditionally(root, "ul", ctx)
    clean_conditionally(root, "div", ctx)
    for h1 in root.iter("h1"):
        h1.tag = "h2"
    remove_empty_paragraphs(root)
    remove_br_before_paragraph(root)
    unwrap_single_cell_tables(root)
    drop_repeated_labels(root)
