"""The use cases, end to end: load a page into an article, save an article as a clip.

The CLI and the window load and save through these two functions (the window
from a background task), so both behave the same and both honour cancel and
progress; editing, listing and deleting clips go to ``clipper.library`` directly.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from clipper import fidelity
from clipper.decode import decode_html
from clipper.errors import NoArticleError
from clipper.extract import extract
from clipper.extract.address import PageAddress, is_local, web_address
from clipper.fetch import Limits, fetch
from clipper.images.inline import Lifted, lift_inline_images
from clipper.library import Library, SaveResult, save_clip
from clipper.library.site_rules import SiteRules
from clipper.library.snapshots import PageCopy
from clipper.library.templates import ClipTemplate
from clipper.models import Article, Clip, OnDuplicate, Page, PageRules, Source
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
    copy_of: PageCopy | None = None
    """The snapshot this page was read back from (a clip opened from the library)."""
    rules_problem: str | None = None
    """Why the library's site rules could not be applied (their file is broken)."""

    def page_copy(self) -> PageCopy:
        """The page as loaded, for its clip's snapshot: its web address, never a path on
        this computer (a saved page keeps the address it was saved from)."""
        if self.copy_of is not None:
            return self.copy_of
        page, article = self.page, self.article
        if is_local(page.url):
            return PageCopy(self.html, web_address(article.url), "file", page.loaded_at,
                            page.content_type, page.last_modified)
        url = page.url if self.source.kind == "url" else \
            web_address(self.source.url) or web_address(article.url)
        return PageCopy(self.html, url, self.source.kind, page.loaded_at, page.content_type,
                        page.last_modified)


def load(source: Source, *, limits: Limits | None = None, progress: ProgressFn | None = None,
         cancel: threading.Event | None = None, keep_page: bool = False,
         rules: SiteRules | None = None, explain: bool = False) -> Loaded:
    """Fetch or read the source, decode it and extract the article.

    ``keep_page``: a page that loaded but holds no article text is returned anyway, with
    an empty article and ``no_article`` saying why (the window still shows the page);
    otherwise that raises ``NoArticleError``. ``rules``: the library's site rules (those
    for the page's address apply); ``explain``: dropped blocks get checked CSS selectors.
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
        article = _extract_lean(lean, lifted, page.url, page_rules(rules, lean, page.url),
                                explain)
    except NoArticleError as exc:
        if not keep_page:
            raise
        check_cancel(cancel)
        return Loaded(source=source, page=page, html=html,
                      article=Article(markdown="", title=_page_title(html), url=page.url),
                      no_article=str(exc), notes=lifted.notes)
    del lean
    check_cancel(cancel)
    return Loaded(source=source, page=page, html=html, article=article, notes=lifted.notes)


def extract_page(html: str, url: str | None, *, rules: PageRules | None = None,
                 explain: bool = False) -> Article:
    """The article of a decoded page as ``load`` makes it (a page's snapshot, re-extracted)."""
    lean, lifted = lift_inline_images(html)
    return _extract_lean(lean, lifted, url, rules, explain)


def page_rules(rules: SiteRules | None, html: str, url: str | None) -> PageRules | None:
    """The rules for the address the page stands for (a saved page: where it came from)."""
    if rules is None or not rules.rules:
        return None
    return rules.for_url(PageAddress.of(html, url).web)


def _extract_lean(lean: str, lifted: Lifted, url: str | None, rules: PageRules | None = None,
                  explain: bool = False) -> Article:
    # the keywords only when used: ``extract(html, url=...)`` stays the one plain call
    article = extract(lean, url=url, rules=rules, explain=explain) if rules or explain else \
        extract(lean, url=url)
    if lifted.urls or lifted.too_large:  # big inline images back, or left out
        article.markdown = lifted.restore_markdown(article.markdown)
        article.html = lifted.restore(article.html)
        article.images = lifted.restore_all(article.images)
    if lifted.too_large:
        article.notes.append(fidelity.Note("images", fidelity.text_for(
            "images", "dropped", len(lifted.too_large))))
    return article


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
         page: PageCopy | None = None, notes: list[fidelity.Note] | None = None,
         progress: ProgressFn | None = None,
         cancel: threading.Event | None = None,
         template: ClipTemplate | None = None) -> SaveResult:
    """Save a clip into the library (images downloaded next to it unless turned off), where
    and as ``template`` says (Settings ▸ Templates; None: Clipper's own layout), with
    ``page`` as its snapshot and ``notes`` as a callout at its end when given."""
    return save_clip(clip, library, on_duplicate=on_duplicate, download_images=download_images,
                     page_dir=page_dir, page=page, notes=notes, progress=progress,
                     cancel=cancel, template=template)
