"""An imported item as a clip: the page's article with what the service knew about it.

What carries over: the item's title when the page gives none, its tags (with favourite
and archived status as tags), the time it was saved to the service as ``created``, and
its highlights and notes as quotes after the article. A page that no longer loads can
still become a link-only clip (title, address, tags). The export file is as
untrusted as a page: its titles, tags and highlights go through the one sanitiser
(``clipper.safetext``), and highlights are escaped so they stay text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit

from clipper.importers.items import ImportItem, clean_tags
from clipper.markdown.escape import DOLLAR, clean_text, destination, escape, escape_line_start
from clipper.models import Article, Clip
from clipper.safetext import sanitize, sanitize_line

HIGHLIGHTS_HEADING = "## Highlights"
NOTE_HEADING = "## Note"


def _text(line: str) -> str:
    return escape_line_start(escape(clean_text(line), False, False)).replace(DOLLAR, "\\$")


def _paragraphs(text: str, prefix: str = "") -> list[str]:
    lines = [_text(line) if line.strip() else ""
             for line in sanitize(text).strip().splitlines()]
    return [f"{prefix}{line}".rstrip() for line in lines]


def extras_markdown(item: ImportItem) -> str:
    """The item's note and highlights as Markdown sections ("" when it has none)."""
    parts: list[str] = []
    if item.note.strip():
        parts += [NOTE_HEADING, "", *_paragraphs(item.note), ""]
    quotes = [q for q in item.quotes if q.text.strip() or q.note.strip()]
    if quotes:
        parts += [HIGHLIGHTS_HEADING, ""]
        for quote in quotes:
            if quote.text.strip():
                parts += [*_paragraphs(quote.text, "> "), ""]
            if quote.note.strip():
                parts += [*_paragraphs(quote.note), ""]
    return "\n".join(parts).strip()


def _with_extras(body: str, item: ImportItem) -> str:
    extra = extras_markdown(item)
    if not extra:
        return body
    return f"{body.rstrip()}\n\n{extra}\n" if body.strip() else extra + "\n"


def _tags(item: ImportItem, extra: list[str]) -> list[str]:
    return clean_tags([*extra, *item.all_tags()])


def _created(item: ImportItem) -> str:
    return item.added or datetime.now().astimezone().isoformat(timespec="seconds")


def item_title(item: ImportItem) -> str:
    """The title the service kept, if it is one: Pocket writes the address when it has none."""
    title = sanitize_line(item.title)
    return "" if title.lower().startswith(("http://", "https://")) else title


def clip_from_article(item: ImportItem, article: Article, extra_tags: list[str]) -> Clip:
    """The page's clip, with the item's title when the page has none."""
    clip = Clip.from_article(article, _tags(item, extra_tags))
    title = article.title or item_title(item) or "Untitled"
    return replace(clip, title=title, source=article.url or item.url, created=_created(item),
                   body=_with_extras(clip.body, item))


def link_clip(item: ImportItem, extra_tags: list[str]) -> Clip:
    """A clip of the link alone, for a page that no longer loads (``--keep-dead``)."""
    title = item_title(item) or urlsplit(item.url).hostname or item.url
    link = f"[{escape(clean_text(title), True, False).replace(DOLLAR, '$')}]" \
           f"({destination(item.url)})"
    return Clip(title=title, body=_with_extras(link + "\n", item), source=item.url,
                created=_created(item), tags=_tags(item, extra_tags))
