"""A discussion read as one: every post in order, each led by its author and date.

Forum software, Q&A sites, comment pages and social posts all write a thread the same
way: sibling blocks, one per post, each holding an author (a profile link, ``itemprop=
author``, a ``username``/``author`` class, a microformats ``p-author``) and a time (a
``<time>``, ``itemprop=dateCreated``, a ``date``/``age`` class) beside the post's text.
That repeated pattern finds the posts (phpBB, vBulletin, XenForo, Discourse, Invision,
Simple Machines, Hacker News, Reddit, Mastodon) without a list of forum programs; a
post opening the thread in another block (a Q&A question, a link submission) is the
nearest author and time before the first post.

Each post becomes a line ``**author** · 2026-03-04 10:12`` followed by its text. A bold
line rather than a heading: Obsidian's outline and folding stay the posts' own headings,
a thread of fifty replies does not become fifty sections, and the line still reads as a
byline inside a nested quote, where a heading would not. Replies nested under a post (or
indented, as Hacker News does) are quoted one ``>`` per level. Signatures, the per-post
"quote / reply / like / report" bars and the author's profile card stay out. Answers to a
question come accepted first, then by votes when the page shows them.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from clipper.extract.metadata.byline import clean_name
from clipper.extract.patterns import HEADINGS
from clipper.extract.text import inner_text, text_length
from clipper.htmltree import ElementsXPath, NumberXPath

__all__ = ["DATE_TEXT", "Post", "Thread", "in_posts", "post_body", "read_thread", "time_text",
           "write_post"]

_TIME_XPATH = (
    ".//time | .//*[@itemprop='dateCreated' or @itemprop='datePublished']"
    " | .//*[@class][contains(@class, 'date') or contains(@class, 'time')"
    " or contains(concat(' ', @class, ' '), ' age ') or contains(@class, 'publish')"
    " or contains(@class, 'Date') or contains(@class, 'Time')"
    " or contains(@class, 'posted')]")
_AUTHOR_XPATH = (
    ".//*[@itemprop='author'] | .//*[@rel='author'] | .//a[@href][contains(@href, '/u/')"
    " or contains(@href, 'user') or contains(@href, 'member') or contains(@href, 'profile')"
    " or contains(@href, '/@')]"
    " | .//*[@class][contains(@class, 'author') or contains(@class, 'user')"
    " or contains(@class, 'poster') or contains(@class, 'nick') or contains(@class, 'creator')"
    " or contains(@class, 'ead') or contains(@class, 'yline') or contains(@class, 'ccount')"
    " or contains(@class, 'Author') or contains(@class, 'User')]")
"""What the marks are, said as XPath; ``_is_time_mark`` and ``_is_author_mark`` test the
same in a Python walk (tests/core/test_extract_twins.py holds them to it)."""
_TIME_CLASS = re.compile(r"date|time|(?<![^ ])age(?![^ ])|publish|Date|Time|posted")
_AUTHOR_CLASS = re.compile("author|user|poster|nick|creator|ead|yline|ccount|Author|User")
_AUTHOR_LINK = re.compile("/u/|user|member|profile|/@")


def _is_time_mark(el: HtmlElement) -> bool:
    """An element ``_TIME_XPATH`` finds (``(?<![^ ])age(?![^ ])``: its ``' age '`` test)."""
    if el.tag == "time" or el.get("itemprop") in ("dateCreated", "datePublished"):
        return True
    names = el.get("class")
    return names is not None and _TIME_CLASS.search(names) is not None


def _is_author_mark(el: HtmlElement) -> bool:
    """An element ``_AUTHOR_XPATH`` finds."""
    if el.get("itemprop") == "author" or el.get("rel") == "author":
        return True
    href = el.get("href") if el.tag == "a" else None
    if href is not None and _AUTHOR_LINK.search(href):
        return True
    names = el.get("class")
    return names is not None and _AUTHOR_CLASS.search(names) is not None


def _marked(root: HtmlElement, test: Callable[[HtmlElement], bool]) -> list[HtmlElement]:
    """The descendants of ``root`` passing ``test``, in document order: the XPaths above run
    as one walk in Python, twice as fast as libxml2 evaluating their unions of contains()."""
    return [el for el in root.iterdescendants(etree.Element) if test(el)]


def _has_marks(root: HtmlElement, test: Callable[[HtmlElement], bool], count: int) -> bool:
    """At least ``count`` descendants of ``root`` pass ``test``. The walk stops at the
    ``count``-th: on a page, a third of the time libxml2 takes to count all of
    ``_TIME_XPATH``'s union."""
    found = 0
    for el in root.iterdescendants(etree.Element):
        if test(el):
            found += 1
            if found >= count:
                return True
    return False


_TIME_WORDS = frozenset(("date", "time", "timestamp", "age", "published", "posted", "datetime",
                         "relativetime", "timeago"))
_AUTHOR_WORDS = frozenset(("author", "user", "username", "poster", "nick", "nickname", "account",
                           "hnuser", "creator", "postauthor", "uname"))
_NAME_WORDS = frozenset(("author", "username", "hnuser", "creator", "postauthor", "uname", "name",
                         "published", "datetime", "timestamp"))
_HEAD_WORDS = frozenset(("head", "header", "byline", "postinfo", "posthead"))
_BYLINE_WORDS = frozenset(("author", "postauthor", "byline", "poster")) | _HEAD_WORDS
_AUTHOR_HREF = re.compile(r"(?:/u/|/users?/|/members?/|/profile|user\?id=|viewprofile|member\.php"
                          r"|/@)", re.I)
_PARTS = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_META_MAX = 80
"""An author or a time is a short label; a longer element holding the word is a container."""
DATE_TEXT = re.compile(
    r"(?:\d{1,2}[./] ?\d{1,2}[./] ?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.? [^\W\d_]{3,9}\.? \d{4}"
    r"|[^\W\d_]{3,9}\.? \d{1,2},? \d{4})(?:,? (?:um |at |à )?\d{1,2}:\d{2}(?: ?[ap]m)?)?", re.I)
_ISO = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?")
_BODY_WORDS = frozenset(("content", "body", "message", "text", "entry", "cooked", "richtext",
                         "commtext", "bbwrapper", "usertext", "md", "prose", "postbody",
                         "post", "comment", "msg", "status"))
_NOT_BODY_WORDS = frozenset(("user", "author", "profile", "sig", "signature", "avatar", "meta",
                             "info", "footer", "header", "attribution", "extra", "extras",
                             "action", "actions", "button", "buttons", "vote", "votes", "details",
                             "head", "foot", "menu", "toolbar", "reactions", "likes"))
_SIGNATURE_WORDS = frozenset(("signature", "sig", "signaturecontainer", "postsignature"))
_DROPPED_TAGS = ("nav", "aside", "menu", "footer", "header", "img", "picture", "figure")
"""Inside a post: furniture; pictures in posts are mostly avatars, smilies and badges."""
_ACTION_WORDS = frozenset((
    "reply", "replies", "quote", "quotes", "multiquote", "like", "likes", "liked", "unlike",
    "report", "share", "permalink", "embed", "save", "saved", "edit", "edited", "delete", "flag",
    "vote", "votes", "upvote", "downvote", "hide", "parent", "next", "prev", "context",
    "favorite", "favourite", "award", "comments", "comment", "point", "points", "more", "less",
    "link", "thanks", "thank", "helpful", "follow", "bookmark", "copy", "translate", "respond",
    "answer", "top", "antworten", "antwort", "zitieren", "zitat", "melden", "teilen",
    "bearbeiten", "löschen", "gefällt", "mir", "danke", "répondre", "citer", "signaler",
    "partager", "modifier", "aimer", "j'aime", "responder", "citar", "reportar", "compartir",
    "editar", "me", "gusta", "odpowiedz", "cytuj", "zgłoś", "udostępnij",
    # a long quote's unfolding link ("Click to expand...", "Zum Vergrößern anklicken...")
    "click", "to", "expand", "collapse", "show", "zum", "vergrößern", "anklicken",
    "aufklappen", "cliquez", "pour", "agrandir", "développer",
))
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_ACTION_MAX = 100
_INDENT_ATTRS = ("indent", "depth", "data-depth", "aria-level", "data-level")
_OPENER_BODY = 80
"""An opening block with less text than this besides its heading is only the thread's header."""
_VOTES = ElementsXPath(
    "descendant-or-self::*[@itemprop='upvoteCount'] | descendant-or-self::*"
    "[@data-score] | .//*[@class][contains(@class, 'vote-count') or contains(@class, 'score')]")


@dataclass
class Thread:
    """The clip of a thread and its opener (the clip's byline)."""

    article: HtmlElement
    byline: str | None


@dataclass
class Post:
    element: HtmlElement
    author: str = ""
    date: str = ""
    depth: int = 0
    accepted: bool = False
    votes: int | None = None
    body: HtmlElement | None = None
    replies: list[Post] = field(default_factory=list)
    marks: set[HtmlElement] = field(default_factory=set)


def _tokens(el: HtmlElement) -> set[str]:
    names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
    return set(_PARTS.split(_CAMEL.sub("-", names).lower())) - {""}


def _short(el: HtmlElement) -> bool:
    return text_length(el) <= _META_MAX


def _times(candidates: list[HtmlElement], authors: list[HtmlElement]) -> list[HtmlElement]:
    """Time marks among the ``candidates`` (``_is_time_mark``); an author line that also
    says the date ("von lupa am 26/10/13, 03:48") is one too."""
    found = [el for el in authors if _tokens(el) & _BYLINE_WORDS
             and DATE_TEXT.search(inner_text(el))]
    for el in candidates:
        marked = el.tag == "time" or el.get("itemprop") in ("dateCreated", "datePublished")
        if (marked or _tokens(el) & _TIME_WORDS) and _short(el) and time_text(el):
            found.append(el)
    return found


def _authors(candidates: list[HtmlElement]) -> list[HtmlElement]:
    """Author marks among the ``candidates`` (``_is_author_mark``)."""
    found = []
    for el in candidates:
        structured = el.get("itemprop") == "author" or "author" in (el.get("rel") or "")
        words = _tokens(el)
        named = structured or bool(words & _AUTHOR_WORDS) or (
            el.tag == "a" and _AUTHOR_HREF.search(el.get("href") or ""))
        if not named and words & _HEAD_WORDS:
            # a post's head saying who and when in one line ("macbacchi, 28.09.19 12:44")
            match = DATE_TEXT.search(inner_text(el)) if _short(el) else None
            named = bool(match and match.start() > 1)
        if not named or text_length(el) > _META_MAX:
            continue
        name = _name(el)
        if name and not _ISO.search(name) and next(el.iter("time"), None) is None:
            found.append(el)  # (not a permalink on the date)
    return found


_NAMES = ElementsXPath(".//*[@itemprop='name' or contains(@class, 'p-name')]")


_GLUED_HANDLE = re.compile(r"(?<=[^\s@])@(?=[\w.-]+@[\w-]+\.\w)")
"""A fediverse handle ('@ada@social.example') glued to the display name before it: the
two are inline spans the page's CSS sets apart, with no space between them."""


def _name(el: HtmlElement) -> str:
    return _GLUED_HANDLE.sub(" @", _name_text(el))


def _name_text(el: HtmlElement) -> str:
    named = _NAMES(el)
    if named:
        return inner_text(named[0])
    links = [a for a in el.iter("a", "strong", "b") if inner_text(a)]
    if links:
        return inner_text(links[0])
    text = inner_text(el)
    match = DATE_TEXT.search(text)
    if match and match.start() > 1 and _tokens(el) & _HEAD_WORDS:
        return text[:match.start()].strip(" ,;:|·-–—")  # the name before the date
    return text


def time_text(el: HtmlElement) -> str:
    for part in el.iter():  # "asked <span title='2026-03-02 09:15:31Z'>Mar 2</span>"
        for attr in ("datetime", "content", "title", "value"):
            match = _ISO.search(part.get(attr) or "")
            if match:
                day, clock = match.groups()
                return f"{day} {clock}" if clock else day
    text = " ".join(" ".join(el.itertext()).split())  # "<span>28.09.19</span><span>12:44"
    match = DATE_TEXT.search(text)
    return match.group() if match and len(text) > len(match.group()) + 2 else text


def _signature(el: HtmlElement) -> tuple[str, str]:
    """Posts are siblings of one tag sharing their first class (digits aside: SMF's
    ``windowbg``/``windowbg2``)."""
    first = (el.get("class") or "").split()
    return str(el.tag), re.sub(r"\d+$", "", first[0]) if first else ""


def _same_kind(root: HtmlElement, sign: tuple[str, str]) -> list[HtmlElement]:
    """The elements inside ``root`` of signature ``sign`` (found by lxml in C)."""
    tag, first = sign
    if not first or "'" in first or not re.fullmatch(r"[\w:-]+", tag):
        found = root.iterdescendants(tag)
    else:
        found = root.xpath(f"descendant::{tag}[starts-with(normalize-space(@class), '{first}')]")
    return [el for el in found if _signature(el) == sign]


def _members(marks: list[HtmlElement], stop: HtmlElement) -> dict[tuple, set[HtmlElement]]:
    """For every ancestor of the marks below ``stop``: (its parent, its signature) -> the
    ancestors of that kind holding a mark."""
    groups: dict[tuple, set[HtmlElement]] = {}
    for mark in marks:
        el = mark
        while el is not None and el is not stop:
            parent = el.getparent()
            if parent is None:
                break
            sign = _signature(el)
            groups.setdefault((parent, sign), set()).add(el)
            groups.setdefault((None, sign), set()).add(el)
            el = parent
    return groups


def _level(el: HtmlElement) -> int:
    return sum(1 for _ in el.iterancestors())


_OWN_TIMES = 2
"""A post says when it was written, and maybe when it was edited; a block with more
times is a page's part holding several stories."""


def _postlike(members: list[HtmlElement], times: list[HtmlElement]) -> bool:
    """Each member is one post: no page heading in it, and (replies aside) one or two
    times."""
    if any(next(member.iter("h1"), None) is not None for member in members):
        return False
    sign = _signature(members[0])
    known = set(times)
    for member in members:
        inside = [el for el in _marked(member, _is_time_mark) if el in known]
        if len(inside) <= _OWN_TIMES:
            continue
        replies = set(_same_kind(member, sign))
        if len(_outer_times(_own(inside, member, replies))) > _OWN_TIMES:
            return False
    return True


def _outer_times(marks: list[HtmlElement]) -> list[HtmlElement]:
    inner: set[HtmlElement] = set()
    for mark in marks:
        inner.update(el for el in mark.iterdescendants() if el in marks)
    return [m for m in marks if m not in inner]


_LISTS = frozenset(("teaser", "teasers", "related", "promo", "recommended", "recommendations",
                    "widget", "sidebar", "popular", "latest", "trending", "headlines"))


def _elsewhere(href: str, page_url: str | None) -> bool:
    return not href.startswith("#") and (page_url is None or not href.startswith(page_url + "#"))


def _teasers(members: list[HtmlElement], page_url: str | None) -> bool:
    """A list of articles, not posts: named so, or most members lead with a heading
    linking elsewhere."""
    holder = members[0].getparent()
    if _tokens(members[0]) & _LISTS or (holder is not None and _tokens(holder) & _LISTS):
        return True
    linked = 0
    for member in members:
        for heading in member.iter("h1", "h2", "h3", "h4", "h5", "h6"):
            if any(_elsewhere(a.get("href") or "#", page_url) and not _AUTHOR_HREF.search(
                    a.get("href") or "") and not _tokens(a) & _AUTHOR_WORDS
                   for a in heading.iter("a")):
                linked += 1
                break
    return linked * 2 > len(members)


def _marks(page: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement]] | None:
    """Every time and author mark on the page, when there are two of each. One walk of the
    page applies both tests: on a page with fewer than two authors the time test runs for
    nothing, but a second walk would cost more (5 % less time in total on the corpus pages)."""
    author_marks: list[HtmlElement] = []
    time_marks: list[HtmlElement] = []
    for el in page.iterdescendants(etree.Element):
        if _is_author_mark(el):
            author_marks.append(el)
        if _is_time_mark(el):
            time_marks.append(el)
    authors = _authors(author_marks)
    if len(authors) < 2:
        return None
    times = _times(time_marks, authors)
    if len(times) < 2:
        return None
    return times, authors


_UNNAMED_POSTS = frozenset(("article", "li", "section"))
_CANDIDATES = 4
"""Groups of posts tried, most posts first (a sidebar of latest posts may outnumber them)."""


def _groups(page: HtmlElement, times: list[HtmlElement], authors: list[HtmlElement],
            ) -> list[tuple[list[HtmlElement], bool]]:
    """Candidate threads, best first: (top-level posts in document order, flat) where
    ``flat`` says each post sits inside the one before (unclosed tags)."""
    with_time = _members(times, page)
    with_author = _members(authors, page)
    groups: list[tuple[int, int, set[HtmlElement]]] = []
    for key, timed in with_time.items():
        both = timed & with_author.get(key, set())
        if len(both) < 2 or not (key[1][1] or key[1][0] in _UNNAMED_POSTS or "-" in key[1][0]):
            continue  # unnamed blocks of a layout are no posts (custom elements may be)
        if key[0] is not None:
            groups.append((len(both), _level(next(iter(both))), both))
        elif sum(1 for el in both if not _inside(el, both)) == 1:
            groups.append((len(both), -1, both))  # a chain: level -1 marks it
    # replies nest inside their parents' blocks: a group of replies is read with them
    top = [g for g in groups if g[1] < 0 or not any(
        h is not g and h[1] >= 0 and _signature(next(iter(h[2])))
        == _signature(next(iter(g[2]))) and _inside(next(iter(g[2])), h[2]) for h in groups)]
    # the most posts; of as many, the innermost (a page's wrappers hold an author and a
    # time each too)
    top.sort(key=lambda g: (g[0], g[1]), reverse=True)
    found = []
    for _count, level, members in top[:_CANDIDATES]:
        if level < 0:
            found.append((sorted(members, key=_level), True))
            continue
        posts = list(members)
        order = {el: i for i, el in enumerate(posts[0].getparent())}
        posts.sort(key=lambda el: order[el])
        found.append((posts, False))
    return found


def _inside(el: HtmlElement, roots: set[HtmlElement]) -> bool:
    return any(a in roots for a in el.iterancestors())


def _own(marks: list[HtmlElement], post: HtmlElement, nested: set[HtmlElement]
         ) -> list[HtmlElement]:
    """The marks of ``post`` itself, not of the replies nested in it."""
    own = []
    for mark in marks:
        for anc in mark.iterancestors():
            if anc in nested:
                break
            if anc is post:
                own.append(mark)
                break
    return own


def _rank(mark: HtmlElement, prop: tuple[str, ...]) -> int:
    """The owner's card first (Q&A pages show an editor's card before it); then structured
    data (``itemprop``); then a mark named for a name ("username", not "profile")."""
    chain = [mark, *mark.iterancestors()][:6]
    if any("owner" in _tokens(a) for a in chain):
        return 0
    if any(a.get("itemprop") in prop for a in chain):
        return 1
    return 2 if _tokens(mark) & _NAME_WORDS or mark.tag == "time" else 3


def _prefer(marks: list[HtmlElement], prop: tuple[str, ...]) -> HtmlElement | None:
    """The post's author or time of its ``marks``. Of times inside one another, the outer
    one ("Yesterday <span class=time>23:08</span>")."""
    if prop[0] == "author":
        return min(marks, key=lambda m: _rank(m, prop), default=None)
    return min(_outer_times(marks), key=lambda m: _rank(m, prop), default=None)


def _depth(post: HtmlElement) -> int:
    for attr in _INDENT_ATTRS:
        found = post.xpath(f"descendant-or-self::*[@{attr}][1]/@{attr}")
        if found and str(found[0]).strip().isdigit():
            return int(str(found[0]).strip())
    return 0


def _votes(post: HtmlElement, nested: set[HtmlElement]) -> int | None:
    for el in _VOTES(post):
        if _inside(el, nested) and el is not post:
            continue
        raw = el.get("data-score") or el.get("data-value") or el.get("content") or inner_text(el)
        match = re.search(r"-?\d+", raw or "")
        if match:
            return int(match.group())
    return None


def _accepted(post: HtmlElement, nested: set[HtmlElement]) -> bool:
    """The post is the accepted answer (a mark inside a reply nested in it is the reply's)."""
    if post.get("itemprop") == "acceptedAnswer":
        return True
    if "accepted" in _tokens(post):
        return True
    return any(not _inside(el, nested) for el in post.xpath(
        ".//*[contains(@aria-label, 'ccepted') or contains(@title, 'ccepted')"
        " or @itemprop='acceptedAnswer']"))


def _is_body(el: HtmlElement) -> bool:
    words = _tokens(el)
    if el.get("itemprop") in ("text", "articleBody") or "e-content" in (el.get("class") or ""):
        return True
    return bool(words & _BODY_WORDS) and not words & _NOT_BODY_WORDS


def post_body(post: HtmlElement, marks: set[HtmlElement], nested: set[HtmlElement]) -> HtmlElement:
    """A copy of the post's text: its marked body when it has one, else the post without
    its author and time blocks; replies, signatures and button bars left out."""
    holding = set(marks)
    for mark in list(marks) + list(nested):
        holding.update(mark.iterancestors())
    candidates = []
    for el in post.xpath(".//*[@class or @id or @itemprop]"):
        if el in holding or not _is_body(el):
            continue
        if not _inside(el, nested) and not _inside(el, marks) and el not in nested:
            candidates.append(el)
    source = max(candidates, key=lambda el: len(inner_text(el)), default=None)
    root = source if source is not None else post
    body = copy.deepcopy(root)
    body.tail = None
    index = dict(zip(root.iter(), body.iter(), strict=True))
    doomed = [] if source is not None else [_meta_block(mark, post) for mark in marks]
    for el in doomed + list(nested):
        if el in index and index[el].getparent() is not None:
            index[el].drop_tree()
    _drop_furniture(body)
    _unwrap_layout(body)
    return body


def _unwrap_layout(body: HtmlElement) -> None:
    """Tables that lay a post out (no header cells; cells spanning columns or holding
    tables) become plain blocks: a Markdown table of them would be noise."""
    for table in list(body.iter("table")):
        if table.find(".//th") is not None:
            continue
        if table.find(".//td[@colspan]") is None and table.find(".//table") is None \
                and table is not body:
            continue
        for el in table.iter("table", "tbody", "thead", "tfoot", "tr", "td"):
            el.tag = "div"
            for attr in ("colspan", "rowspan", "width", "border", "cellpadding"):
                el.attrib.pop(attr, None)


def _meta_block(mark: HtmlElement, post: HtmlElement) -> HtmlElement:
    """The author's card or the date line around ``mark``: climbed while no sibling holds
    a block of text (the post's body)."""
    block = mark
    while True:
        parent = block.getparent()
        if parent is None or parent is post:
            return block
        for sibling in parent:
            if sibling is block or not isinstance(sibling.tag, str):
                continue
            if sibling.tag in ("div", "p", "blockquote", "pre", "ul", "ol", "table", "article",
                               "section") and inner_text(sibling) and not (
                    _tokens(sibling) & _NOT_BODY_WORDS):
                return block
        if len(inner_text(parent)) > 3 * _META_MAX:
            return block
        block = parent


def _drop_furniture(body: HtmlElement) -> None:
    doomed = [el for el in body.iter(*_DROPPED_TAGS) if el is not body and not _quoting(el)]
    for el in body.iter():
        if not isinstance(el.tag, str) or el is body:
            continue
        if _tokens(el) & _SIGNATURE_WORDS or _is_action_bar(el):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None and not any(a in doomed for a in el.iterancestors()):
            el.drop_tree()


def _quoting(el: HtmlElement) -> bool:
    """An ``<aside>`` holding a ``<blockquote>`` is the post quoting another (Discourse
    writes its quotes so: ``aside.quote``, naming the quoted post), part of what the post
    says; a pull-quote or a link preview's aside holding one is not."""
    if el.tag != "aside" or next(el.iter("blockquote"), None) is None:
        return False
    return "quote" in (el.get("class") or "").lower().split() or "data-post" in el.attrib


def _is_action_bar(el: HtmlElement) -> bool:
    """A bar of per-post buttons: every word of it is a button's ("Quote Reply Like")."""
    if el.tag not in ("div", "ul", "ol", "li", "p", "span", "section", "footer", "font", "a",
                      "form"):
        return False
    text = inner_text(el)
    if not text or len(text) > _ACTION_MAX:
        return False
    words = _WORD.findall(text.lower())
    if len(set(words)) < 2 and next(el.iter("a", "button", "form", "input"), None) is None:
        return False  # one word that is not a control: a reply saying "Thanks!"
    return bool(words) and all(w in _ACTION_WORDS for w in words) and (
        el.tag != "a" or el.getparent() is None or inner_text(el.getparent()) == text)


def _read_post(element: HtmlElement, times: list[HtmlElement], authors: list[HtmlElement],
               signature: tuple[str, str], depth: int, flat: bool,
               timed: set[HtmlElement]) -> Post:
    """A post and its replies; ``timed``: the elements holding a time."""
    nested = {el for el in _same_kind(element, signature) if el in timed}
    # only the outermost replies: theirs are read by their own reading
    outer = {el for el in nested if not _inside(el, nested)}
    own_times = _own(times, element, outer)
    own_authors = _own(authors, element, outer)
    author = _prefer(own_authors, ("author",))
    time = _prefer(own_times, ("dateCreated", "datePublished"))
    post = Post(element, _name(author) if author is not None else "",
                 time_text(time) if time is not None else "",
                 0 if flat else depth or _depth(element))
    post.accepted = _accepted(element, outer)
    post.votes = _votes(element, outer)
    marks = set(own_times) | set(own_authors)
    post.body = post_body(element, marks, outer)
    order = {el: i for i, el in enumerate(element.iter())}
    for reply in [] if flat else sorted(outer, key=lambda el: order[el]):
        post.replies.append(_read_post(reply, times, authors, signature, post.depth + 1,
                                       False, timed))
    return post


def _opener(page: HtmlElement, first: HtmlElement, posts: set[HtmlElement],
            times: list[HtmlElement], authors: list[HtmlElement]) -> Post | None:
    """The post opening the thread outside the posts' blocks: the last time before the
    first post with an author beside it."""
    known = set(times)
    before = []
    for el in page.iter():
        if el is first:
            break
        if el in known and not _inside(el, posts):
            before.append(el)
    for time in reversed(before):
        block = time
        for anc in time.iterancestors():
            if any(p in posts for p in anc.iterdescendants()) or anc is page:
                break
            block = anc
        own_authors = [a for a in authors if block in a.iterancestors()]
        if not own_authors:
            continue
        own_times = [t for t in times if block in t.iterancestors()]
        author = _prefer(own_authors, ("author",))
        when = _prefer(own_times, ("dateCreated", "datePublished"))
        post = Post(block, _name(author) if author is not None else "",
                     time_text(when) if when is not None else "")
        post.marks = set(own_times) | set(own_authors)  # its body is read if it is kept
        return post
    return None


def _prose(body: HtmlElement) -> int:
    """Characters of text outside headings."""
    headings = sum(text_length(h) for h in body.iter(*HEADINGS))
    return text_length(body) - headings


def _is_answer(el: HtmlElement) -> bool:
    return el.get("itemprop") in ("acceptedAnswer", "suggestedAnswer") or "answer" in _tokens(el)


def _heading_line(post: Post, parent: HtmlElement) -> HtmlElement | None:
    if not post.author and not post.date:
        return None
    line = parent.makeelement("p", {})
    parts = []
    if post.author:
        strong = line.makeelement("strong", {})
        strong.text = post.author
        line.append(strong)
    if post.date:
        parts.append(post.date)
    if post.accepted:
        parts.append("accepted answer")
    rest = " · ".join(parts)
    if post.author:
        line[0].tail = f" · {rest}" if rest else None
    else:
        line.text = rest
    return line


def write_post(post: Post, out: HtmlElement, depth: int) -> None:
    holder = out
    for _ in range(depth):
        quote = holder.makeelement("blockquote", {})
        holder.append(quote)
        holder = quote
    line = _heading_line(post, holder)
    if line is not None:
        holder.append(line)
    if post.body is not None:
        holder.append(post.body)
    for reply in post.replies:
        write_post(reply, out, reply.depth)


def _ordered(posts: list[Post]) -> list[Post]:
    """Answers: the accepted one first, then by votes when every answer shows them."""
    if not any(p.accepted for p in posts) and any(p.votes is None for p in posts):
        return posts
    by_votes = all(p.votes is not None for p in posts)
    return sorted(posts, key=lambda p: (not p.accepted, -(p.votes or 0) if by_votes else 0))


_BLOCKS = ("p", "li", "pre", "blockquote", "td", "dd", "h2", "h3", "h4")
_COUNT_TIMES = NumberXPath("count(.//time)")
_PAGE_TIMES = 3
"""A page with this many ``<time>`` elements may be a discussion whatever its clip shows."""
_SHORT_OPENER = 1200
"""An opening block longer than this is an article: its comments do not make it a thread."""
COVERED = 0.5
"""The first pass's clip must have this share of its text inside the posts."""
_PROBE = 60


def in_posts(article: HtmlElement, posts: str, elsewhere: str, declared: bool) -> bool:
    """The first pass's clip lies in the thread: COVERED of its paragraphs' text is in
    ``posts`` and not in ``elsewhere`` (an article above them, which comments quote);
    any of it when the page ``declared`` itself a discussion."""
    total = covered = 0
    for block in article.iter(*_BLOCKS):
        if any(True for _ in block.iterdescendants(*_BLOCKS)):
            continue  # its parts are counted
        text = inner_text(block)
        total += len(text)
        if text and _found(text, posts) and not (elsewhere and _found(text, elsewhere)):
            covered += len(text)
    if not total:
        return False
    return covered >= COVERED * total or (declared and covered > 0)


def _found(text: str, within: str) -> bool:
    return text[:_PROBE] in within or text[-_PROBE:] in within


def _thread_text(elements: list[HtmlElement], opener: Post | None,
                 declared: bool) -> tuple[str, str]:
    """The text of the posts, and of the opening post when it is written as one of them
    (a link aggregator's submission, a social post) and a post's length; else that is an
    article with comments under it, returned second. A declared thread's whole holder."""
    holder = elements[0].getparent()
    if declared and holder is not None and holder.getparent() is not None:
        return inner_text(holder.getparent()), ""
    text = " ".join(inner_text(el) for el in elements)
    if opener is None:
        return text, ""
    block = inner_text(opener.element)
    sign = _signature(elements[0])
    if len(block) < _SHORT_OPENER and (_signature(opener.element) == sign or _same_kind(
            opener.element, sign)):
        return f"{block} {text}", ""
    return text, block


def read_thread(page: HtmlElement, article: HtmlElement, declared: bool, named: bool,
                page_url: str | None = None) -> Thread | None:
    """The thread on ``page`` (the cleaned page) when it is one and the first pass's
    ``article`` lies in it (or the page ``declared`` itself a discussion in its structured
    data and the article touches it); else None. ``named``: the page's address or body
    names it a thread (``kinds.is_thread``); else the article must show two times for
    the page to be read (a cheap test first: most pages are no thread; time marks and some
    more, no test of class tokens)."""
    if not (declared or named) and _COUNT_TIMES(page) < _PAGE_TIMES and \
            not _has_marks(article, _is_time_mark, 2):
        return None
    marks = _marks(page)
    if marks is None:
        return None
    times, authors = marks
    for elements, flat in _groups(page, times, authors):
        if not _postlike(elements, times) or _teasers(elements, page_url):
            continue
        opener = _opener(page, elements[0], set(elements), times, authors)
        if in_posts(article, *_thread_text(elements, opener, declared), declared):
            return _thread(elements, flat, opener, times, authors)
    return None


def _thread(elements: list[HtmlElement], flat: bool, opener: Post | None,
            times: list[HtmlElement], authors: list[HtmlElement]) -> Thread:
    signature = _signature(elements[0])
    timed = set()
    for time in times:
        timed.update(time.iterancestors())
    posts = [_read_post(el, times, authors, signature, 0, flat, timed) for el in elements]
    base = min((p.depth for p in posts), default=0)
    for p in posts:
        p.depth -= base
    if opener is not None:
        opener.body = post_body(opener.element, opener.marks, set())
    if opener is not None and opener.body is not None and \
            opener.author == posts[0].author and _prose(opener.body) < _OPENER_BODY:
        opener = None  # a header naming the first post's author: that post opens
    first = opener or posts[0]
    if any(p.accepted or _is_answer(p.element) for p in posts):
        # the answers are reordered, never the question opening a thread above them
        keep = 0 if opener is not None or _is_answer(posts[0].element) else 1
        posts = posts[:keep] + _ordered(posts[keep:])
    out = elements[0].makeelement("div", {})
    if opener is not None:
        write_post(opener, out, 0)
    for post in posts:
        write_post(post, out, post.depth)
    return Thread(out, clean_name(first.author))
