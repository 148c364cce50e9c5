"""Blocks standing between two parts of the article join it.

Readability widens the chosen container with its siblings that score like article text
or are paragraphs of prose; a list, a quotation or a table beside them is neither, and
stays on the page even when it stands between two parts that join: a summary's points
between the introduction and the body, a list of steps between two paragraphs. Such a
block, set between two joined siblings and not a list of links (a menu between two
columns), is the article's too.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from clipper.extract.text import link_density, text_length

__all__ = ["BETWEEN_TAGS", "with_blocks_between"]

BETWEEN_TAGS = frozenset(("ul", "ol", "dl", "blockquote", "pre", "table", "figure"))
"""Not a subheading: Readability leaves a heading that is a sibling of the parts out."""
MAX_LINKS = 0.5
"""A block with this share of its text in links or more is a menu, not the article's."""


def with_blocks_between(siblings: list[HtmlElement], joined: list[bool],
                        page_url: str | None) -> list[bool]:
    """``joined`` (one flag per sibling) with the blocks of ``BETWEEN_TAGS`` that stand
    between two joined siblings, with text and mostly not links, joined too."""
    out = list(joined)
    first = next((i for i, j in enumerate(joined) if j), None)
    last = max((i for i, j in enumerate(joined) if j), default=None)
    if first is None or last is None:
        return out
    for i in range(first + 1, last):
        el = siblings[i]
        if joined[i] or el.tag not in BETWEEN_TAGS:
            continue
        length = text_length(el)
        if length and link_density(el, page_url, length) < MAX_LINKS:
            out[i] = True
    return out
