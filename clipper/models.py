"""Plain data passed between the core steps and out to the CLI and the window.

Nothing here does I/O; the steps that fill these live in ``fetch``, ``decode``,
``extract``, ``library`` and ``pipeline``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from clipper.errors import SourceError
from clipper.fidelity import Note
from clipper.safetext import sanitize, sanitize_line

SourceKind = Literal["url", "file", "html"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".xht")

_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_BARE_HOST_RE = re.compile(
    r"^(localhost|[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}|\d+(\.\d+){3})(:\d+)?([/?#]\S*)?$")


@dataclass(frozen=True)
class Source:
    """What to clip: a web address, a saved page on disk, or HTML text (clipboard)."""

    kind: SourceKind
    value: str
    """The URL, the file path, or the HTML text itself."""
    url: str | None = None
    """For ``html``: the address the HTML came from, when the clipboard said."""

    @classmethod
    def from_argument(cls, text: str) -> Source:
        """Interpret what a person typed, pasted or passed on the command line."""
        arg = text.strip()
        if not arg:
            raise SourceError("Nothing to clip", "Give a web address or an HTML file.")
        if "\x00" in arg:  # no file name or address holds one; os calls would raise ValueError
            raise SourceError(f"Not a web address or a file name: {arg!r}")
        lowered = arg.lower()
        if lowered.startswith(("http://", "https://")):
            try:
                valid = bool(urlsplit(arg).hostname)
            except ValueError:  # "http://[::1"
                valid = False
            if not valid:
                raise SourceError(f"Not a valid web address: {arg}")
            return cls("url", arg)
        if lowered.startswith("file:"):
            return cls("file", file_url_to_path(arg))
        path = Path(arg).expanduser()
        if path.exists():
            return cls("file", str(path))
        if lowered.endswith(HTML_SUFFIXES) and "/" not in arg:
            return cls("file", str(path))  # "page.html": a file that is not there, not a host
        host = _BARE_HOST_RE.match(arg)
        if host:
            local = host.group(1) == "localhost" or host.group(1)[0].isdigit()
            return cls("url", ("http://" if local else "https://") + arg)
        if _SCHEME_RE.match(arg) and not re.match(r"^[A-Za-z]:[\\/]", arg):  # C:\ is a path
            scheme = arg.split(":", 1)[0]
            raise SourceError(
                f"Clipper cannot open {scheme}: addresses",
                "Use an http(s) address or an HTML file.",
            )
        if "/" in arg or "\\" in arg or lowered.endswith(HTML_SUFFIXES):
            return cls("file", str(path))
        raise SourceError(
            f"Not a web address or an existing file: {arg}",
            "Give an http(s) address or the path of a saved HTML page.",
        )

    @classmethod
    def from_html(cls, html: str, url: str | None = None) -> Source:
        return cls("html", html, url or None)

    def describe(self) -> str:
        """A short label for the status bar and error messages."""
        if self.kind == "html":
            return f"pasted HTML from {self.url}" if self.url else "pasted HTML"
        return self.value


def file_url_to_path(url: str) -> str:
    """``file:///x/a%20b.html`` -> ``/x/a b.html``; hosts other than localhost are refused."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise SourceError(f"Cannot open a file on another computer: {url}")
    path = unquote(parts.path)
    if "\x00" in path:
        raise SourceError(f"Not a valid file address: {url}")
    if re.match(r"^/[A-Za-z]:/", path):  # file:///C:/x on Windows
        path = path[1:]
    return path


@dataclass
class Page:
    """A page as read, before decoding."""

    body: bytes
    """The bytes read; ``pipeline.load`` empties it once they are decoded (``Loaded.html``)."""
    url: str | None
    """Final address after redirects; ``file://`` URL for a local file; None if unknown."""
    content_type: str | None = None
    charset: str | None = None
    """Charset declared by the HTTP header, if any."""
    local_dir: Path | None = None
    """Folder of a local file, whose own assets (``page_files/``) the clip may use."""
    last_modified: str | None = None
    """The server's ``Last-Modified``, kept with the page's snapshot."""
    loaded_at: str = field(
        default_factory=lambda: datetime.now().astimezone().isoformat(timespec="seconds"))


@dataclass(frozen=True)
class DroppedBlock:
    """A block of the page the extractor left out of the article, and why."""

    text: str
    """Its first 80 characters of text."""
    reason: str
    """Why, in plain words: "share buttons", "related links", "mostly links", "hidden"..."""
    selector: str | None = None
    """A CSS selector that finds exactly this block in the page (``extract(...,
    explain=True)``; None when not asked or when the block is the extractor's own)."""
    line: int | None = None
    """The line of the page's source it starts on."""
    end_line: int | None = None
    """The line its text ends on."""

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "reason": self.reason, "selector": self.selector}


@dataclass(frozen=True)
class PageRules:
    """The site rules for one page: CSS selectors a person chose for its site."""

    keep: tuple[str, ...] = ()
    """Blocks the article keeps whatever the extractor thinks of them."""
    drop: tuple[str, ...] = ()
    """Blocks left out."""
    article: tuple[str, ...] = ()
    """The article's container (the first selector that finds one wins)."""

    def __bool__(self) -> bool:
        return bool(self.keep or self.drop or self.article)

    def __len__(self) -> int:
        return len(self.keep) + len(self.drop) + len(self.article)


@dataclass
class Article:
    """What ``clipper.extract.extract`` returns."""

    markdown: str
    """The article body as Markdown, without front matter and without the title heading."""
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    """ISO date ``YYYY-MM-DD`` (the bench compares the day only)."""
    site_name: str | None = None
    excerpt: str | None = None
    lang: str | None = None
    url: str | None = None
    """Canonical URL when the page gives one, else the URL it was read from."""
    html: str = ""
    """The cleaned article HTML that ``markdown`` was made from."""
    images: list[str] = field(default_factory=list)
    """Absolute image URLs referenced by ``markdown``, in order."""
    kept_lines: list[tuple[int, int]] = field(default_factory=list)
    """1-based inclusive line ranges of the source HTML that made it into the article."""
    notes: list[Note] = field(default_factory=list)
    """What a reader of the Markdown misses compared with the page (``clipper.fidelity``)."""
    dropped: list[DroppedBlock] = field(default_factory=list)
    """The blocks of the page left out, in the order they were dropped, with the reason."""
    site_rules: list[str] = field(default_factory=list)
    """The site rules that applied to the page ("drop .share-bar"), none when turned off."""
    confidence: float = 1.0
    """How sure the extractor is that this is the page's article, 0..1 (``extract.guard``)."""
    confidence_reason: str = ""
    """Why the confidence is low, in a few words ("" when confident)."""
    teaser_reason: str = ""
    """Why the clip may be only the start of the article (a teaser before a paywall or a
    sign-in), in a few words; "" when nothing says so (``extract.teaser``)."""

    @property
    def unsure(self) -> bool:
        """The extractor doubts this is the page's article: the guard gives a reason only
        when its confidence is low (``extract.guard``)."""
        return bool(self.confidence_reason)

    @property
    def teaser(self) -> bool:
        """The page looks like a teaser: the clip may be cut short."""
        return bool(self.teaser_reason)

    @property
    def word_count(self) -> int:
        return len(re.findall(r"\w+", self.markdown))

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "byline": self.byline,
            "published": self.published,
            "site_name": self.site_name,
            "excerpt": self.excerpt,
            "lang": self.lang,
            "url": self.url,
            "word_count": self.word_count,
            "images": list(self.images),
            "markdown": self.markdown,
            "html": self.html,
            "notes": [n.as_dict() for n in self.notes],
            "dropped": [d.as_dict() for d in self.dropped],
            "site_rules": list(self.site_rules),
            "confidence": self.confidence,
            "confidence_reason": self.confidence_reason,
            "teaser": self.teaser,
            "teaser_reason": self.teaser_reason,
        }


@dataclass
class Clip:
    """A clip as it is (or will be) stored: front matter fields plus the Markdown body.

    ``body`` is the article Markdown without the ``# Title`` heading; the heading
    is written from ``title`` so that editing the title changes both.
    """

    title: str
    body: str
    source: str | None = None
    author: str | None = None
    published: str | None = None
    created: str | None = None
    site: str | None = None
    description: str | None = None
    lang: str | None = None
    tags: list[str] = field(default_factory=lambda: ["clippings"])
    path: Path | None = None
    """Where the clip lives in the library, once saved or opened."""
    extra: dict[str, object] = field(default_factory=dict)
    """Front matter keys Clipper does not know, kept so that re-saving loses nothing."""
    key_names: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Fields read from a key of another name (``{"source": "url"}``): edits go back there."""
    read_digest: str | None = field(default=None, compare=False, repr=False)
    """SHA-256 of the file as ``read_clip`` found it, so that ``update_clip`` can tell
    whether another program has changed the file since."""

    @classmethod
    def from_article(cls, article: Article, tags: list[str] | None = None) -> Clip:
        """A clip of a page's article: its text goes through the one sanitiser here, so
        what the window shows is what the file will hold."""

        def line(value: str | None) -> str | None:
            return (sanitize_line(value) or None) if value else value

        return cls(
            title=line(article.title) or "Untitled",
            body=sanitize(article.markdown),
            source=line(article.url),
            author=line(article.byline),
            published=line(article.published),
            site=line(article.site_name),
            description=line(article.excerpt),
            lang=line(article.lang),
            tags=list(tags) if tags is not None else ["clippings"],
            # ``created`` is set by the first save (library.store): a page read now and
            # saved an hour later was clipped then.
        )


class OnDuplicate(str, Enum):
    """What a save does when the library already holds the same article (same address
    or similar text): the CLI's ``--on-duplicate``, the window's duplicate question."""

    NEW = "new"
    """Save another clip beside it (a new version)."""
    SKIP = "skip"
    """Write nothing; the result names the clip already there (the window then asks)."""
    REPLACE = "replace"
    """Move the old clip and its images to the backups folder and write under its name."""


class SaveAction(str, Enum):
    """What a save did, or why it wrote nothing: one word for the CLI, the pipeline and
    the window. The values are what ``clipper save`` has always reported."""

    CREATED = "created"
    """A new clip; nothing like it was in the library."""
    NEW_VERSION = "new-version"
    """A new clip beside the same article already there (``OnDuplicate.NEW``)."""
    REPLACED = "replaced"
    """The same article's clip went to the backups; this one took its name."""
    SKIPPED = "skipped"
    """The same article is there and ``OnDuplicate.SKIP`` said to write nothing."""
    UPDATED = "updated"
    """Edits written back to the clip's own file."""
    UNCHANGED = "unchanged"
    """Nothing written: the clip's own file already holds every edit (it stays untouched)."""
    CHANGED = "changed"
    """Nothing written: the clip's file was changed, moved or deleted by another program
    since it was read (``update_clip`` raises ``ClipChangedError``; the window asks)."""
