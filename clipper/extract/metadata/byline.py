"""Author names, from structured fields or from the byline a reader sees.

A clip's ``author`` should be names only: "By", "Updated 3:45 PM", job titles,
profile URLs and "Follow" buttons are page furniture, not authorship. Visible
bylines are found the way Readability.js finds them (``rel=author``,
``itemprop=author``, class or id saying byline/author, first visible one in
document order) and then cleaned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import html as lxml_html

from clipper.extract.metadata.dates import MONTH_PATTERN
from clipper.extract.metadata.dom import (
    SKIP_TAGS,
    Marks,
    following,
    headline_element,
    hidden,
    outside_article,
)

MAX_BYLINE_CHARS = 100

# "By", "Written by", "Par", "Von"...: words that introduce the names.
_LEAD = re.compile(
    r"^(?:(?:written|posted|published|reported|words|text|story|compiled|created)\s+)?"
    r"(?:by|par|por|von|door|av|af|przez|di)\s*[:：]?\s+"
    r"|^(?:authors?|autor(?:in|es|a)?|auteur(?:e|s)?|autore|byline|writer|written by|"
    r"posted by|by|作者|记者|記者|文|撰文|저자|기자)\s*[:：]\s*",
    re.I,
)
# Lead words that are also common name particles: strip only when clearly a lead.
_PARTICLE_LEADS = {"von", "di", "av", "af"}
# Where names stop: a date, a time, "Updated", a separator.
_STOP = re.compile(
    r"\s*(?:"
    r"\s[|•·—–]\s|\s-\s|[|•·]"
    r"|\b(?:updated|published|posted|last\s+updated|modified|aktualisiert|"
    r"actualizado|publicado|publié|mis\s+à\s+jour|veröffentlicht)\b"
    rf"|\b(?:{MONTH_PATTERN})\.?\s+\d"
    rf"|(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:{MONTH_PATTERN})\b"
    r"|(?<!\d)\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?!\d)|(?<!\d)\d{1,2}:\d\d"
    r"|(?<!\d)(?:19|20)\d\d(?!\d)"
    r"|\b\d+\s*(?:min|minutes?|h|hours?|days?)\b"
    r")",
    re.I,
)
_TRAILING_JUNK = re.compile(
    r"(?:[\s,;:|/•·—–-]+|\s+(?:on|at|le|am|el|il|em|the|in|and|&|\|))+$", re.I
)
_URL_IN_PARENS = re.compile(r"\s*[(<\[]\s*(?:https?://|www\.|mailto:)[^)>\]]*[)>\]]")
_HANDLE = re.compile(r"(?<!\S)@\w+")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net)\b|/|@\w+\.\w", re.I)
_ROLE = re.compile(
    r"^(?:(?:senior|chief|staff|contributing|associate|managing|deputy|executive|special|"
    r"political|foreign|business|sports?|science|health|tech(?:nology)?|news|guest|"
    r"freelance|national|editor[- ]at[- ]large)\s+)*"
    r"(?:reporter|writer|editor|correspondent|contributor|columnist|journalist|"
    r"producer|analyst|critic|photographer|staff)s?\b",
    re.I,
)
# Text of buttons and labels that sit in author boxes.
_UI_WORDS = {
    "follow", "subscribe", "share", "comments", "comment", "login", "profile",
    "newsletter", "posts", "view", "bio", "contact", "email", "unfollow", "sign",
}
_LABELS = {"author", "authors", "by", "admin", "administrator", "written by", "posted by",
           "unknown", "anonymous", "null", "none", "undefined", "monday", "tuesday",
           "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"}


def clean_name(text: str | None) -> str | None:
    """A name (or names) from a byline or an author field, or None if it is not one."""
    if not text:
        return None
    value = " ".join(text.split())
    value = _URL_IN_PARENS.sub("", value)
    value = _HANDLE.sub("", value).strip() or value  # "Jane Doe @janedoe"
    for _ in range(2):
        lead = _LEAD.match(value)
        if not lead:
            break
        rest = value[lead.end():]
        word = lead.group(0).split()[0].rstrip(":：").lower()
        if word in _PARTICLE_LEADS and (lead.group(0)[0].isupper() and len(rest.split()) < 2):
            break
        value = rest
    stop = _STOP.search(value)
    if stop:
        value = value[: stop.start()]
    # "Jane Doe, Senior Reporter, Desk": the name ends where the job title starts.
    parts = [p.strip() for p in value.split(",")]
    for index, part in enumerate(parts[1:], start=1):
        if _ROLE.match(part):
            value = ", ".join(parts[:index])
            break
    value = _TRAILING_JUNK.sub("", value).strip(" ,;:-–—|")
    if not value or len(value) > MAX_BYLINE_CHARS:
        return None
    if not value[0].isalpha() and value[0] not in "(\"'“«":
        return None  # also "@handle": an account, not a name
    lowered = value.lower()
    if lowered in _LABELS or _URLISH.search(value):
        return None
    if _UI_WORDS.intersection(re.findall(r"\w+", lowered)):
        return None
    if len(value.split()) > 12:  # a sentence, not a byline
        return None
    return value


def join_names(names: Iterable[str | None]) -> str | None:
    """Several authors as one byline: "A, B", or "A; B" when a name has a comma itself."""
    seen: list[str] = []
    for name in names:
        cleaned = clean_name(name)
        if cleaned and cleaned.casefold() not in (s.casefold() for s in seen):
            seen.append(cleaned)
    if not seen:
        return None
    return ("; " if any("," in name for name in seen) else ", ").join(seen)


_HINT = re.compile(r"byline|author|writtenby", re.I)
# Class and id words that contain "author" without being about one.
_NOT_HINT = re.compile(r"authori[sz]|authorit|co-?authoring", re.I)
# Profile links: the names in a byline, without the "By" and dates around them.
_PROFILE_HREF = re.compile(
    r"/(?:authors?|writers?|people|person|profiles?|bio|staff|contributors?|journalists?|"
    r"columnists?|reporters?|team|by|user|users|members?|auteurs?|autor(?:es|en)?|autore)"
    r"(?:/|\.|\?|-|$)",
    re.I,
)


def _maybe_byline(value: str) -> bool:
    # "uthor" and "yline" cover author/Author and byline/Byline/ByLine.
    return "uthor" in value or "yline" in value


_LINE_BREAKS = frozenset({"br", "p", "div", "li", "time", "ul", "ol", "dd", "dt", "h1", "h2",
                          "h3", "h4", "h5", "h6", "section", "header", "footer", "figure"})


def _append(parts: list[str], text: str) -> None:
    # Text of adjacent elements glued letter to letter ("Topolsky" + "July 10") is
    # two words on screen, kept apart by CSS margins.
    if parts and parts[-1][-1:].isalnum() and text[:1].isalnum():
        parts.append(" ")
    parts.append(text)


def _collect(node: lxml_html.HtmlElement, parts: list[str], depth: int) -> None:
    if node.tag in _LINE_BREAKS:
        parts.append("\n")
    if node.text:
        _append(parts, node.text)
    if depth < 12:
        for child in node:
            if isinstance(child.tag, str) and child.tag not in SKIP_TAGS and not hidden(child):
                _collect(child, parts, depth + 1)
            if child.tail:
                _append(parts, child.tail)
    if node.tag in _LINE_BREAKS:
        parts.append("\n")


def _lines(el: lxml_html.HtmlElement) -> list[str]:
    """The element's text as a reader sees it, one entry per visual line."""
    parts: list[str] = []
    _collect(el, parts, 0)
    text = "".join(parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    # Re-join names split over lines: "By\nJane Doe", "Jane Doe\nand\nJohn Roe".
    joined: list[str] = []
    for line in lines:
        if joined and (
            _LEAD.fullmatch(joined[-1] + " ") or re.fullmatch(r"by|par|von|por", joined[-1], re.I)
            or re.search(r"(?:,|\band|&|\bund|\bet|\by)$", joined[-1])
            or re.match(r"(?:and|&|und|et|y)\b", line)
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _marked_names(el: lxml_html.HtmlElement) -> str | None:
    """``itemprop=name`` inside the byline: the most precise names a page marks."""
    names = [
        node.get("content") or node.text_content()
        for node in el.iterdescendants()
        if "name" in (node.get("itemprop") or "").split()
    ]
    return join_names(names) if names else None


def _profile_names(el: lxml_html.HtmlElement) -> list[str]:
    """Names of the author profile links inside a byline ("By <a>A</a> and <a>B</a>")."""
    links = [el] if el.tag == "a" else list(el.iter("a"))
    names = (
        clean_name(a.text_content()) for a in links
        if "author" in (a.get("rel") or "").lower().split()
        or _PROFILE_HREF.search(a.get("href") or "")
    )
    return [n for n in names if n]


def byline_of(el: lxml_html.HtmlElement) -> str | None:
    """Names in a byline element: marked names, else its first line that names every
    linked author, else the linked authors."""
    named = _marked_names(el)
    if named:
        return named
    linked = _profile_names(el)
    for line in _lines(el)[:3]:
        name = clean_name(line)
        if name and all(n.casefold() in name.casefold() for n in linked):
            return name
    return join_names(linked) if linked else None


def visible_byline(doc: lxml_html.HtmlElement, title: str | None = None,
                   marks: Marks | None = None) -> str | None:
    """The first visible byline in document order, cleaned to names.

    Elements marked as bylines (rel/itemprop/class/id) come first; a line of
    text starting "By" just after the headline is the fallback for pages that
    mark nothing.
    """
    marks = marks or Marks(doc)
    body = marks.body
    if body is None:
        return None
    examined = 0
    for el in marks.elements(_maybe_byline):
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
            continue
        own = f"{el.get('class') or ''} {el.get('id') or ''}"
        if (
            el.get("rel") != "author" and "author" not in (el.get("itemprop") or "")
            and not _HINT.search(_NOT_HINT.sub("", own))
        ):
            continue
        examined += 1
        if examined > _MAX_CANDIDATES:
            break
        if outside_article(el, own_marks_ok=True):
            continue
        text = el.text_content()
        if not text.strip() or len(" ".join(text.split())) >= 2 * MAX_BYLINE_CHARS:
            continue
        name = byline_of(el)
        if name:
            return name
    headline = headline_element(body, title)
    return _by_line(headline) if headline is not None else None


_MAX_CANDIDATES = 40  # bylines sit near the top; past this it's citations and teasers
_MAX_AFTER_HEADLINE = 150  # elements looked at after the headline for a "By" line


# Text that starts a byline ("By Jane", "// By Jane") or ends just before a linked
# name ("By <a>Jane</a>"). Capitalised only: "by" inside prose is not one.
_BY_START = re.compile(r"^[\s/|•·—–-]*(?:By|BY|Par|Von|Por)(?:\s*:\s*|\s+)(?=$|[^\W\d_])")


def _starts_byline(text: str | None) -> bool:
    if not text:
        return False
    match = _BY_START.match(text)
    if not match:
        return False
    rest = text[match.end():]
    return not rest or rest[0].isupper()  # a name follows, or a linked name does


def _by_line(headline: lxml_html.HtmlElement) -> str | None:
    for el in following(headline, _MAX_AFTER_HEADLINE):
        if not isinstance(el.tag, str):
            continue
        if _starts_byline(el.text):
            holder = el
        elif _starts_byline(el.tail):
            holder = el.getparent()
        else:
            continue
        if holder is None or holder.tag in SKIP_TAGS or outside_article(holder):
            continue
        if len(holder.text_content()) > 2 * MAX_BYLINE_CHARS:
            continue
        for line in _lines(holder)[:3]:
            start = re.search(r"(?:^|\s|/)(?:By|BY|Par|Von|Por)\b", line)
            if not start:
                continue
            name = clean_name(line[start.start():].lstrip(" /|•·—–-"))
            if name:
                return name
    return None
