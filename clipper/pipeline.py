"""The use cases, end to end: load a page into an article, save an article as a clip.

The CLI and the window load and save through these two functions (the window
from a background task), so both behave the same and both honour cancel and
progress; editing, listing and deleting clips go to ``clipper.library`` directly.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from clipper.decode import decode_html
from clipper.errors import NoArticleError
from clipper.extract import extract
from clipper.fetch import Limits, fetch
from clipper.images.inline import lift_inline_images
from clipper.library import Library, SaveResult, save_clip
from clipper.models import Article, Clip, OnDuplicate, Page, Source
from clipper.progress import ProgressFn, check_cancel


@dataclass
class Loaded:
    """A page read and cleaned: everything the window shows side by side."""

    source: Source
    page: Page
    html: str
    """The decoded page source (what the raw view shows; kept_lines refer to it)."""
    article: Article
    notes: list[str] = field(default_factory=list)
    """What the article lost on the way, for the person: images left out (over the cap)."""
    no_article: str | None = None
    """Why ``article`` is empty: the page loaded but holds no article (a list of links, a
    directory listing). Only with ``load(..., keep_page=True)``."""


def load(source: Source, *, limits: Limits | None = None, progress: ProgressFn | None = None,
         cancel: threading.Event | None = None, keep_page: bool = False) -> Loaded:
    """Fetch or read the source, decode it and extract the article.

    ``keep_page``: a page that loaded but holds no article text is returned anyway, with
    an empty article and ``no_article`` saying why (the window still shows the page);
    otherwise that raises ``NoArticleError``.
    """
    page = fetch(source, limits=limits or Limits(), progress=progress, cancel=cancel)
    check_cancel(cancel)
    if progress:
        progress("decoding", 0, None)
    html = source.value if source.kind == "html" else decode_html(page.body, page.charset)
    page.body = b""  # decoded into ``html``: a 60 MB page is not held twice
    check_cancel(cancel)
    if progress:
        progress("extracting", 0, None)
    lean, lifted = lift_inline_images(html)
    try:
        article = extract(lean, url=page.url)
    except NoArticleError as exc:
        if not keep_page:
            raise
        check_cancel(cancel)
        return Loaded(source=source, page=page, html=html,
                      article=Article(markdown="", title=_page_title(html), url=page.url),
                      no_article=str(exc), notes=lifted.notes)
    del lean
    if lifted.urls or lifted.too_large:  # big inline images back, or left out
        article.markdown = lifted.restore_markdown(article.markdown)
        article.html = lifted.restore(article.html)
        article.images = lifted.restore_all(article.images)
    check_cancel(cancel)
    return Loaded(source=source, page=page, html=html, article=article, notes=lifted.notes)


def _page_title(html: str) -> str | None:
    """The ``<title>`` of a page without an article (the extractor's title needs one)."""
    import html as entities
    import re

    match = re.search(r"<title[^>]*>(.*?)</title", html, re.I | re.S)
    title = " ".join(entities.unescape(match.group(1)).split()) if match else ""
    return title or None


def save(clip: Clip, library: Library | Path, *,
         on_duplicate: OnDuplicate | str = OnDuplicate.NEW,
         download_images: bool = True, page_dir: Path | None = None,
         progress: ProgressFn | None = None,
         cancel: threading.Event | None = None) -> SaveResult:
    """Save a clip into the library (images downloaded next to it unless turned off)."""
    return save_clip(clip, library, on_duplicate=on_duplicate, download_images=download_images,
                     page_dir=page_dir, progress=progress, cancel=cancel)
