"""What a reader of the Markdown would miss compared with the page: short fidelity notes.

A clip is plain Markdown, and some things a page shows cannot be plain Markdown: a table
with merged cells stays HTML, an embedded video becomes a link, a map or a form is left
out, a formula is TeX, an image that could not be saved stays on the web, and a paywalled
page gives only its teaser. People should know that without comparing the clip with the
page, so the steps that make those decisions say so here, each in one line
(``note("table", "html")``), and ``extract`` hands the notes out with the article.

The steps run deep inside the extractor and the Markdown writer, which take no context
object, so the notes are collected in a context variable that ``collecting()`` sets for
one extraction (each thread has its own): a step called outside an extraction (the
writer converting a pasted fragment, a benchmark) notes nothing and costs one lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

__all__ = ["Note", "callout", "collecting", "embed_seen", "note", "quote_seen"]


@dataclass(frozen=True)
class Note:
    """One thing the clip leaves out or changes, said for a person."""

    kind: str
    """``table``, ``video``, ``audio``, ``map``, ``post``, ``form``, ``embed``, ``math``,
    ``images`` or ``teaser``."""
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


class _Element(Protocol):
    """What is read of an lxml element (the stubs type its attributes loosely)."""

    @property
    def tag(self) -> Any: ...
    @property
    def sourceline(self) -> Any: ...
    def get(self, key: str) -> Any: ...


@dataclass
class _Collector:
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    hosts: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    embeds: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)
    """(source line, address) -> (whole address, outcome) of embeds met while cleaning the
    whole page: only those inside the article's lines are the clip's, so ``finish`` tells
    the kind and the host of those alone (most of a page's frames are ads, far from it)."""

    def add(self, kind: str, outcome: str, host: str = "") -> None:
        key = (kind, outcome)
        self.counts[key] = self.counts.get(key, 0) + 1
        if host and host not in self.hosts.setdefault(key, []):
            self.hosts[key].append(host)


_current: ContextVar[_Collector | None] = ContextVar("clipper_fidelity", default=None)


@contextmanager
def collecting() -> Iterator[_Collector]:
    """Collect the notes of one extraction (``finish`` turns them into ``Note``s)."""
    collector = _Collector()
    token = _current.set(collector)
    try:
        yield collector
    finally:
        _current.reset(token)


def note(kind: str, outcome: str, host: str = "") -> None:
    """A step decided something a reader of the Markdown should know (see ``_TEXTS``)."""
    collector = _current.get()
    if collector is not None:
        collector.add(kind, outcome, host)


# -- embeds ------------------------------------------------------------------------------------

_EMBED_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "video",
        re.compile(
            r"youtube|youtu\.be|vimeo|dailymotion|twitch|bilibili|wistia|jwplayer"
            r"|brightcove|vidyard|loom\.com|ted\.com|tiktok\.com/embed|emp\.bbc"
            r"|\.(?:mp4|webm|mov|m4v)\b",
            re.I,
        ),
    ),
    (
        "audio",
        re.compile(
            r"soundcloud|spotify|bandcamp|podcasts?\.|anchor\.fm|buzzsprout"
            r"|simplecast|megaphone|libsyn|audioboom|mixcloud|deezer",
            re.I,
        ),
    ),
    (
        "map",
        re.compile(
            r"google\.[a-z.]+/maps|maps\.google|openstreetmap|mapbox|arcgis"
            r"|bing\.com/maps|umap|here\.com",
            re.I,
        ),
    ),
    (
        "post",
        re.compile(
            r"twitter\.com|platform\.x\.com|//x\.com|instagram|facebook\.com/plugins"
            r"|threads\.net|bsky|mastodon|reddit(media)?\.com|linkedin\.com/embed",
            re.I,
        ),
    ),
    (
        "form",
        re.compile(
            r"docs\.google\.com/forms|forms\.gle|typeform|jotform|airtable"
            r"|surveymonkey|tally\.so|forms\.office|formstack",
            re.I,
        ),
    ),
)
_NOT_CONTENT = re.compile(
    r"doubleclick|googlesyndication|googletagmanager|adservice|adnxs"
    r"|amazon-adsystem|taboola|outbrain|criteo|pubmatic|rubicon"
    r"|facebook\.com/tr|about:blank|javascript:",
    re.I,
)
_HOST = re.compile(r"[^a-z0-9.-]")


_ABSOLUTE = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def _host(src: str) -> str:
    """The site an embed comes from ("" for the page's own: a relative address)."""
    if not _ABSOLUTE.match(src):
        return ""
    try:
        host = (urlsplit(src).hostname or "").lower()
    except ValueError:
        return ""
    return _HOST.sub("", host).removeprefix("www.")[:60]  # a name, never page text


def embed_seen(el: _Element, as_link: bool) -> None:
    """An ``<iframe>``, ``<embed>`` or ``<object>`` met while cleaning the page: turned into a
    link (``as_link``) or dropped. Kept for ``finish``, which knows the article's lines."""
    collector = _current.get()
    if collector is None or not el.sourceline:
        return
    src = (el.get("src") or el.get("data") or el.get("data-src") or "").strip()
    if not src or _NOT_CONTENT.search(src):
        return
    width, height = (el.get("width") or "").strip(), (el.get("height") or "").strip()
    if width in ("0", "1") or height in ("0", "1"):
        return  # a tracking frame
    collector.embeds[(el.sourceline, src[:300])] = (src, "link" if as_link else "dropped")


def _embed_kind(src: str) -> str:
    """What an embed is ("video", "map"...), told from its whole address (the kind may show
    only past the 300 characters kept in the key); only for the clip's embeds (``finish``)."""
    return next((name for name, pattern in _EMBED_KINDS if pattern.search(src)), "embed")


_QUOTED_POSTS = frozenset(
    (
        "twitter-tweet",
        "instagram-media",
        "tiktok-embed",
        "bluesky-embed",
        "mastodon-embed",
        "threads-post",
        "reddit-card",
        "fb-xfbml-parse",
        "text-post-media",
    )
)


def quote_seen(el: _Element) -> None:
    """A ``<blockquote>`` kept as a quote: an embedded post whose script is gone reads as
    its text only (no picture, no thread)."""
    if _current.get() is None:
        return
    if any(c in _QUOTED_POSTS for c in (el.get("class") or "").lower().split()):
        note("post", "text")


def media_dropped(el: _Element) -> None:
    """A ``<video>`` or ``<audio>`` element of the article, which Markdown cannot hold."""
    if _current.get() is None or not isinstance(el.tag, str):
        return
    note("video" if el.tag == "video" else "audio", "dropped")


# -- the notes ---------------------------------------------------------------------------------

_TEXTS: dict[tuple[str, str], tuple[str, str]] = {
    ("table", "html"): (
        "A table is kept as HTML: a Markdown table cannot hold the code blocks in its cells.",
        "{n} tables are kept as HTML: a Markdown table cannot hold the code blocks in their cells.",
    ),
    ("table", "rows"): (
        "A table's cells spanning several rows are repeated in each row when short, else left"
        " blank below their first row.",
        "{n} tables have cells spanning several rows repeated in each row when short, else left"
        " blank below their first row.",
    ),
    ("table", "split"): (
        "A table's cells spanning several columns are split into empty cells.",
        "{n} tables have cells spanning several columns split into empty cells.",
    ),
    ("video", "link"): (
        "An embedded video is kept as a ▶ link{hosts}.",
        "{n} embedded videos are kept as ▶ links{hosts}.",
    ),
    ("video", "dropped"): ("A video is left out{hosts}.", "{n} videos are left out{hosts}."),
    ("audio", "link"): ("An audio player is a link{hosts}.", "{n} audio players are links{hosts}."),
    ("audio", "dropped"): (
        "An audio player is left out{hosts}.",
        "{n} audio players are left out{hosts}.",
    ),
    ("map", "dropped"): (
        "An embedded map is left out{hosts}.",
        "{n} embedded maps are left out{hosts}.",
    ),
    ("post", "dropped"): (
        "An embedded post is left out{hosts}.",
        "{n} embedded posts are left out{hosts}.",
    ),
    ("post", "text"): (
        "An embedded post (X, Instagram…) is kept as its text only.",
        "{n} embedded posts (X, Instagram…) are kept as their text only.",
    ),
    ("form", "dropped"): (
        "An embedded form is left out{hosts}.",
        "{n} embedded forms are left out{hosts}.",
    ),
    ("embed", "link"): (
        "Embedded content is a link{hosts}.",
        "{n} embedded frames are links{hosts}.",
    ),
    ("embed", "dropped"): (
        "Embedded content is left out{hosts}.",
        "{n} embedded frames are left out{hosts}.",
    ),
    ("math", "tex"): (
        "A formula is kept as TeX ($…$): Obsidian shows it as math, other apps as code.",
        "{n} formulas are kept as TeX ($…$): Obsidian shows them as math, other apps as code.",
    ),
    ("math", "text"): ("A formula is kept as plain text.", "{n} formulas are kept as plain text."),
    ("images", "remote"): (
        "An image stays remote: it is loaded from the web when the clip is read.",
        "{n} images stay remote: they are loaded from the web when the clip is read.",
    ),
    ("images", "dropped"): (
        "An image is left out: it is larger than the image size limit.",
        "{n} images are left out: they are larger than the image size limit.",
    ),
    ("teaser", "cut"): (
        "The page looks cut short (a teaser or a paywall): the clip may hold only the start "
        "of the article.",
        "The page looks cut short (a teaser or a paywall): the clip may hold only the start "
        "of the article.",
    ),
}


def text_for(kind: str, outcome: str, count: int, hosts: Sequence[str] = ()) -> str:
    one, many = _TEXTS[(kind, outcome)]
    shown = ""
    if hosts:
        shown = " (from " + ", ".join(hosts[:3]) + (", …" if len(hosts) > 3 else "") + ")"
    return (one if count == 1 else many).format(n=count, hosts=shown)


def finish(
    collector: _Collector, html: str | bytes, markdown: str, kept_lines: Sequence[tuple[int, int]]
) -> list[Note]:
    """The notes of one extraction: counted, embeds only within the article's lines, and
    whether the page looks cut short."""
    counts = dict(collector.counts)
    hosts = {key: list(value) for key, value in collector.hosts.items()}
    if kept_lines:
        first, last = kept_lines[0][0], kept_lines[-1][1]
        for (line, _prefix), (src, outcome) in collector.embeds.items():
            if first <= line <= last:
                key = (_embed_kind(src), outcome)
                host = _host(src)
                counts[key] = counts.get(key, 0) + 1
                if host and host not in hosts.setdefault(key, []):
                    hosts[key].append(host)
    if looks_cut_short(html, markdown):
        counts[("teaser", "cut")] = 1
    order = {key: i for i, key in enumerate(_TEXTS)}
    return [
        Note(kind, text_for(kind, outcome, n, hosts.get((kind, outcome), ())))
        for (kind, outcome), n in sorted(counts.items(), key=lambda kv: order[kv[0]])
        if (kind, outcome) in _TEXTS
    ]


def remote_images(count: int) -> Note | None:
    """The note for images a save left on the web (failed, or downloads turned off)."""
    return Note("images", text_for("images", "remote", count)) if count else None


# -- a page that looks cut short ------------------------------------------------------------

_NOT_FREE = re.compile(
    r"[\"']isaccessibleforfree[\"']\s*:\s*[\"']?false"
    r"|itemprop=[\"']?isaccessibleforfree[\"']?\s+content=[\"']?false"
)
_PAYWALL_CLASSES = (
    "paywall",
    "regwall",
    "subscriber-only",
    "premium-content",
    "article-locked",
    "locked-content",
    "meteredcontent",
    "piano-offer",
    "tp-modal",
)
"""Class names and ids of paywall boxes (only inside a tag: scripts name them too)."""
_PAYWALL_PROMPTS = (
    "subscribe to continue reading",
    "subscribe now to continue reading",
    "subscribe to keep reading",
    "already a subscriber?",
    "available to subscribers",
    "is for subscribers",
    "for subscribers only",
    "jetzt weiterlesen mit",
    "jetzt abonnieren",
    "abonnez-vous pour lire",
)
"""Looked for as plain text in the lower-cased page: substring searches are a hundred times
cheaper than a regular expression over the whole page."""
_ATTRIBUTE = re.compile(r"<[a-z][^<>]*\b(?:class|id)\s*=\s*[\"']?[^<>]*$")


def _in_a_tag(page: str, mark: str) -> bool:
    """``mark`` occurs in the class or id of a tag (its first few occurrences looked at)."""
    start = page.find(mark)
    for _ in range(20):
        if start < 0:
            return False
        if _ATTRIBUTE.search(page, max(0, start - 300), start):
            return True
        start = page.find(mark, start + len(mark))
    return False


_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*(?:\[[^\]\n]*\]\([^)\n]*\))?\s*$")
SHORT_CHARS = 2500
"""A teaser is short (its Markdown, in characters: words would miss Chinese and cost a
split): a paywalled page's full article is not flagged for its banner."""


def looks_cut_short(html: str | bytes, markdown: str) -> bool:
    """The page says it is not free, or shows a paywall around a short article, or the
    short article stops on an ellipsis."""
    if len(markdown) >= 3 * SHORT_CHARS:
        return False
    text = html.decode("latin-1") if isinstance(html, bytes) else html
    at = text.find("sAccessibleForFree")  # schema.org's spelling; no copy of the page
    for _ in range(5):
        if at < 0:
            break
        if _NOT_FREE.search(text[max(0, at - 12) : at + 80].lower()):
            return True
        at = text.find("sAccessibleForFree", at + 1)
    if len(markdown) >= SHORT_CHARS:
        return False
    page = text.lower()
    return (
        any(mark in page for mark in _PAYWALL_PROMPTS)
        or any(_in_a_tag(page, mark) for mark in _PAYWALL_CLASSES)
        or bool(_ELLIPSIS_END.search(markdown))
    )


# -- the callout -------------------------------------------------------------------------------

CALLOUT_TITLE = "What this clip leaves out"


def callout(notes: Sequence[Note]) -> str:
    """The notes as an Obsidian callout, folded (``[!info]-``), to end a clip's body."""
    if not notes:
        return ""
    lines = [f"> [!info]- {CALLOUT_TITLE}"] + [f"> - {n.text}" for n in notes]
    return "\n".join(lines) + "\n"


def end_with(body: str, box: str) -> str:
    """``body`` followed by ``box`` (a callout) after one blank line."""
    return body.rstrip("\n") + "\n\n" + box if body.strip() else box
