"""A thread laid out as a table: one row (or a run of rows) per post.

Older forum software (phpBB 2's subSilver, phpBB 3's subsilver2, vBulletin 3) and many
self-made boards write a thread as one table, often under a header row "Author |
Message": a post is a row holding the author's cell (a name, then "Joined:", "Posts:")
beside the message cell, whose head says when it was posted; rows of profile buttons
and spacers follow until the next post. Their names and dates wear no classes the
sibling-block reader (``threads``) knows, so the rows are read by that pattern: a short
cell leading with a name beside a cell saying a date, repeated. Each post is then
written as the sibling-block reader writes it (``**author** · date``, then its text).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract.metadata.byline import clean_name
from clipper.extract.text import inner_text, text_length
from clipper.extract.threads import (
    DATE_TEXT,
    Post,
    Thread,
    in_posts,
    post_body,
    time_text,
    write_post,
)
from clipper.markdown.tables import table_rows

__all__ = ["read_table_thread"]

_NAME_MAX = 40
"""A name: a few words."""
_CARD_MAX = 300
"""An author's cell: the name, a rank, "Joined:", "Posts:", a place."""
_HEAD_MAX = 200
"""The date is said at the head of a cell (not a date quoted in the post's text)."""
_MIN_POSTS = 2
_LOOK = 40
"""Elements looked at for the date: those at a cell's head."""
_DATE = re.compile(rf"{DATE_TEXT.pattern}|\d{{1,2}}-\d{{1,2}}-\d{{4}}", re.I)
"""A date as ``threads`` reads one, or vBulletin's "03-02-2004"."""


def _name(cell: HtmlElement) -> str:
    """The name an author's cell leads with: its first bold or linked words."""
    text = inner_text(cell)
    if not text or len(text) > _CARD_MAX:
        return ""
    for el in cell.iter("b", "strong", "a", "span"):
        name = inner_text(el)
        if name:
            return name if len(name) <= _NAME_MAX and text.startswith(name) else ""
    return ""


def _dated(cell: HtmlElement) -> HtmlElement | None:
    """The shortest element at the head of ``cell`` saying a date ("Posted: Tue Mar 02,
    2004 9:15 am  Post subject: …")."""
    if _DATE.search(inner_text(cell)[:_HEAD_MAX]) is None:
        return None
    found = None
    for seen, el in enumerate(cell.iter()):
        if seen > _LOOK:
            break
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        text = inner_text(el)
        match = _DATE.search(text[:_HEAD_MAX])
        if match is None:
            continue
        if el is not cell and len(text) <= _HEAD_MAX:
            return el
        found = found if found is not None else el
    return found


def _cells(row: HtmlElement | None) -> list[HtmlElement]:
    return [] if row is None else [c for c in row if c.tag in ("td", "th")]


def _start(row: HtmlElement, above: HtmlElement | None,
           ) -> tuple[int, str, HtmlElement] | None:
    """A row opening a post: (its author cell's column, the name, the date's element).
    The date is in the message cell's head, or in the row ``above`` (vBulletin 3's
    "03-02-2004, 09:15 AM | #1" bar)."""
    cells = _cells(row)
    if len(cells) < 2 or any(c.tag == "th" for c in cells):
        return None
    for column in (0, len(cells) - 1):
        name = _name(cells[column])
        if not name:
            continue
        longer = [c for c in cells if c is not cells[column]
                  and text_length(c) > text_length(cells[column])]
        if not longer:
            continue
        head = _cells(above) if above is not None and text_length(above) <= _HEAD_MAX else []
        for other in longer + head:
            dated = _dated(other)
            if dated is not None:
                return column, name, dated
    return None


def _posts(table: HtmlElement) -> list[Post]:
    """The posts of ``table``, when its rows repeat the pattern (or it holds one post);
    else none."""
    rows, _caption = table_rows(table)
    starts = [(i, s) for i, row in enumerate(rows)
              if (s := _start(row, rows[i - 1] if i else None)) is not None]
    if len({s[0] for _, s in starts}) != 1:
        return []
    posts = []
    for i, (column, name, dated) in starts:
        row = rows[i]
        cells = _cells(row)
        message = max((c for j, c in enumerate(cells) if j != column), key=text_length)
        post = Post(row, name, time_text(dated))
        post.body = post_body(message, {dated}, set())
        posts.append(post)
    return posts


def read_table_thread(page: HtmlElement, article: HtmlElement,
                      declared: bool) -> Thread | None:
    """The thread on ``page`` laid out as a table whose posts hold the first pass's
    ``article`` (most of its text); else None."""
    singles: list[Post] = []  # a table per post (vBulletin 3), in document order
    for table in page.iter("table"):
        if len(table) < _MIN_POSTS and all(len(c) < _MIN_POSTS for c in table):
            continue
        posts = _posts(table)
        if len(posts) == 1 and not any(p.element in table.iterancestors() for p in singles):
            singles.extend(posts)
        if len(posts) >= _MIN_POSTS and _holds(posts, article, declared):
            return _thread(posts)
    singles = _siblings(singles)
    if len(singles) >= _MIN_POSTS and _holds(singles, article, declared):
        return _thread(singles)
    return None


def _siblings(posts: list[Post]) -> list[Post]:
    """The most one-post tables of one kind (tag and class) side by side: children, or
    children's children (vBulletin's ``<div id="edit…">`` around each), of one block."""
    groups: dict[tuple, list[Post]] = {}
    for post in posts:
        table = next(post.element.iterancestors("table"))
        kind = (table.get("class") or "").split()[:1]
        for holder in list(table.iterancestors())[:2]:
            groups.setdefault((holder, *kind), []).append(post)
    return max(groups.values(), key=len, default=[])


def _holds(posts: list[Post], article: HtmlElement, declared: bool) -> bool:
    text = " ".join(inner_text(p.body) for p in posts if p.body is not None)
    return in_posts(article, text, "", declared)


def _thread(posts: list[Post]) -> Thread:
    out = posts[0].element.makeelement("div", {})
    for post in posts:
        write_post(post, out, 0)
    return Thread(out, clean_name(posts[0].author))
