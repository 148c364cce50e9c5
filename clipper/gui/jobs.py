"""What the window's background tasks do: plain functions calling the core, no Qt.

Each takes ``cancel`` and ``progress`` keywords (``clipper.progress``), which
``tasks.run_in_background`` passes, the rest bound with ``functools.partial``; each
imports the heavy core (lxml, extraction, the library) on first use so the window
shows before any of it is loaded. Every ``clipper.library.Library`` on a folder shares
its index database, so a save shows in the pane's list at once; an update or a delete
does when given a handle (``library=``), else with the pane's next sync.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from clipper.errors import CancelledError, ClipperError, LibraryError
from clipper.models import Article, Clip, OnDuplicate, SaveAction, Source
from clipper.progress import ProgressFn, check_cancel

if TYPE_CHECKING:
    from clipper.fidelity import Note
    from clipper.library import ClipSummary, Library, SaveResult
    from clipper.library.index import Facets, Sort
    from clipper.library.site_rules import SiteRules
    from clipper.library.snapshots import PageCopy
    from clipper.library.store import Trashed
    from clipper.library.templates import ClipTemplate
    from clipper.pipeline import Loaded

    from .sanitize import SafePage
    from .source_tokens import Span

IMAGE_LIMIT_BYTES = 8 * 1024 * 1024
MAX_PREVIEW_IMAGES = 60
PREVIEW_ACCEPT = "image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8"
"""What Qt can show (no AVIF plugin), so content negotiation does not pick AVIF."""


def load_page(source: Source, cancel: threading.Event, progress: ProgressFn,
              library: Path | None = None, use_rules: bool = True) -> Loaded:
    """Read and clean a page (the window shows the result side by side), with the site
    rules of ``library`` unless ``use_rules`` is False."""
    from clipper import pipeline

    rules, problem = site_rules(library) if use_rules else (None, None)
    loaded = pipeline.load(source, progress=progress, cancel=cancel, keep_page=True, rules=rules)
    loaded.rules_problem = problem
    return loaded


def site_rules(library: Path | None) -> tuple[SiteRules | None, str | None]:
    """The library's site rules, or why they cannot be read (the page loads without them)."""
    from clipper.library.site_rules import SiteRules, SiteRulesError

    if library is None or not library.is_dir():
        return None, None
    try:
        return SiteRules.load(library), None
    except SiteRulesError as exc:
        return None, str(exc)


def extract_again(loaded: Loaded, library: Path | None, use_rules: bool,
                  cancel: threading.Event, progress: ProgressFn) -> Loaded:
    """The page shown, cleaned again with or without the site rules (nothing is fetched)."""
    from dataclasses import replace

    from clipper import pipeline

    rules, problem = site_rules(library) if use_rules else (None, None)
    if problem:
        from clipper.library.site_rules import SiteRulesError

        raise SiteRulesError(problem)
    url = loaded.page.url
    article = pipeline.extract_page(loaded.html, url,
                                    rules=pipeline.page_rules(rules, loaded.html, url))
    check_cancel(cancel)
    return replace(loaded, article=article)


@dataclass
class Picked:
    """A block a person picked in the source, and the page cleaned again with the choice."""

    loaded: Loaded
    kind: str
    """``keep``, ``drop`` or ``article``."""
    selector: str
    text: str
    host: str | None
    """The site a rule would be remembered for (None: a page without an address)."""


def pick_block(loaded: Loaded, line: int, kind: str, library: Path | None, use_rules: bool,
               cancel: threading.Event, progress: ProgressFn, up: int = 0) -> Picked:
    """Find the block on ``line`` of the page's source (widened ``up`` levels), then clean
    the page again with the site rules and this choice (nothing is written: remembering it
    is asked after)."""
    from dataclasses import replace
    from urllib.parse import urlsplit

    from clipper import pipeline
    from clipper.extract.address import PageAddress
    from clipper.extract.selectors import block_at_line
    from clipper.models import PageRules

    found = block_at_line(loaded.html, line, up)
    if found is None:
        raise ClipperError(f"No block of the page starts at line {line}",
                           "Right-click the line where the block's tag opens.")
    selector, text = found
    check_cancel(cancel)
    rules, _problem = site_rules(library) if use_rules else (None, None)
    url = loaded.page.url
    page = pipeline.page_rules(rules, loaded.html, url) or PageRules()
    keep, drop, article = list(page.keep), list(page.drop), list(page.article)
    {"keep": keep, "drop": drop, "article": article}[kind].insert(0, selector)
    if kind == "drop" and selector in keep:
        keep.remove(selector)
    if kind == "keep" and selector in drop:
        drop.remove(selector)
    chosen = PageRules(tuple(keep), tuple(drop), tuple(article))
    cleaned = pipeline.extract_page(loaded.html, url, rules=chosen)
    web = PageAddress.of(loaded.html, url).web or loaded.article.url
    host = urlsplit(web).hostname if web and web.startswith(("http:", "https:")) else None
    return Picked(replace(loaded, article=cleaned), kind, selector, text, host)


def remember_rule(library: Path, host: str, kind: str, selector: str, note: str,
                  cancel: threading.Event, progress: ProgressFn) -> Path:
    """Add the rule to the library's file (read first: a broken file is never written)."""
    from clipper.library.site_rules import SiteRules
    from clipper.settings import ensure_library

    ensure_library(library)
    rules = SiteRules.load(library)
    rules.add(host, kind, selector, note)
    return rules.save(library)


@dataclass
class SourceVariant:
    """The source as the raw pane shows it (as written, or pretty-printed): its text, the
    colours per line, and the lines whose text reached the article."""

    text: str
    tokens: list[list[Span]]
    kept: list[tuple[int, int]]
    pretty: bool = False
    dropped: dict[int, str] | None = None
    """1-based line -> why the blocks starting there were dropped (the source as written)."""
    dropped_tint: dict[int, str] | None = None
    """Every line of those blocks, with the same words (their tint and tooltips)."""


@dataclass
class RawExtras:
    """What the raw pane needs beyond the text: colours, tints and a harmless rendering."""

    source: SourceVariant
    page: SafePage
    pretty: SourceVariant | None = None
    """Ready at once for a minified page, which is shown pretty-printed."""

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def tokens(self) -> list[list[Span]]:
        return self.source.tokens


def article_text(article: Article) -> str:
    """The text that reached the clip: its title and the article's words."""
    import lxml.html

    text = ""
    if article.html.strip():
        root = lxml.html.fromstring(article.html)
        text = " ".join(str(piece) for piece in root.itertext())
    return f"{article.title or ''} {text}"


def source_variant(html: str, article: Article, pretty: bool, cancel: threading.Event,
                   progress: ProgressFn) -> SourceVariant:
    """The source (``pretty``: pretty-printed) with its colours and kept lines."""
    from .source_text import kept_lines, pretty_html
    from .source_tokens import display_text, tokenize

    text, hint = article_text(article), article.kept_lines
    shown = pretty_html(html) if pretty else display_text(html)
    check_cancel(cancel)
    tokens = tokenize(shown)
    check_cancel(cancel)
    # the extractor's ranges count lines of the page as written
    kept = kept_lines(shown, text, () if pretty else hint, article.images)
    if pretty:  # pretty-printed lines are other lines: nothing to point at
        return SourceVariant(shown, tokens, kept, pretty)
    return SourceVariant(shown, tokens, kept, pretty, dropped_lines(article),
                         dropped_tint(article, kept))


def dropped_lines(article: Article) -> dict[int, str]:
    """Where each dropped block starts in the source, with its reason and first words (the
    Dropped menu: one entry per block)."""
    return _dropped_on(article, lambda first, _last: (first,))


def dropped_tint(article: Article, kept: Iterable[tuple[int, int]]) -> dict[int, str]:
    """Every source line of each dropped block, with its reason and first words (the tint
    and its tooltips), but for lines it shares with the article (kept) other than its first."""
    shared = {n for a, b in kept for n in range(a, b + 1)}
    return _dropped_on(article, lambda first, last: [
        n for n in range(first, last + 1) if n == first or n not in shared])


def _dropped_on(article: Article, lines_of: Callable[[int, int], Iterable[int]]
                ) -> dict[int, str]:
    lines: dict[int, list[str]] = {}
    for block in article.dropped:
        if block.line is None:
            continue
        words = f": {block.text[:60]}" if block.text else ""
        for n in lines_of(block.line, max(block.line, block.end_line or block.line)):
            lines.setdefault(n, []).append(f"Dropped ({block.reason}){words}")
    return {line: "\n".join(texts) for line, texts in lines.items()}


def prepare_raw_view(html: str, base_url: str | None, local_dir: Path | None,
                     article: Article, cancel: threading.Event,
                     progress: ProgressFn) -> RawExtras:
    from .sanitize import sanitize
    from .source_text import looks_minified

    plain = source_variant(html, article, False, cancel=cancel, progress=progress)
    check_cancel(cancel)
    pretty = source_variant(html, article, True, cancel=cancel, progress=progress) \
        if looks_minified(html) else None
    check_cancel(cancel)
    return RawExtras(plain, sanitize(html, base_url, local_dir, lines=True), pretty)


@dataclass
class SaveOutcome:
    action: SaveAction
    """``CREATED``, ``NEW_VERSION`` or ``REPLACED``: a new clip file; ``UPDATED``: edits
    written back. Nothing written: ``UNCHANGED``, the file already holds the edits;
    ``SKIPPED``, the same article is in the library (the
    window asks what to do); ``CHANGED``, another program changed, moved or deleted the
    file since it was read (the window asks before overwriting it)."""
    path: Path | None = None
    duplicate_of: Path | None = None
    result: SaveResult | None = None
    saved: OpenedClip | None = None
    """The clip as written (images now relative to its assets folder), read back."""
    missing: bool = False
    """``changed``: the file is gone (moved or deleted), not just edited."""


@dataclass
class SavedPage:
    """A clip's page as it was loaded (its snapshot), ready for the source and page views."""

    loaded: Loaded
    """The page, its article extracted again (for the tints of the source)."""
    images: dict[str, bytes]
    """The page's images the clip stored, by their address: shown without a fetch."""


@dataclass
class OpenedClip:
    """A clip file read back, with the images of its assets folder for the preview."""

    clip: Clip
    images: dict[str, bytes]
    """Keyed by the relative path the Markdown uses (``Title.assets/1a2b.png``)."""
    page: SavedPage | None = None
    """Its page, when it was kept with it and is in ``library``."""
    page_problem: str | None = None
    """Why a page the clip names could not be shown (missing, damaged)."""


def open_clip(path: Path, library: Path | None = None) -> OpenedClip:
    from clipper.library import read_clip
    from clipper.library.snapshots import snapshot_id

    clip = read_clip(path)
    opened = OpenedClip(clip, clip_images(path, clip.body))
    ident = snapshot_id(clip)
    if ident is not None and library is not None:
        try:
            opened.page = saved_page(library, ident, path, clip.body)
        except LibraryError as exc:
            opened.page_problem = str(exc)
    return opened


def saved_page(library: Path, ident: str, path: Path, body: str) -> SavedPage:
    """The snapshot ``ident`` as a page beside its clip at ``path`` (whose Markdown is
    ``body``); ``LibraryError`` when it cannot be read."""
    from clipper.errors import NoArticleError
    from clipper.library.snapshots import read_snapshot
    from clipper.models import Page
    from clipper.pipeline import Loaded, extract_page
    from clipper.reextract import stored_images_folder

    snapshot = read_snapshot(library, ident)
    try:
        article = extract_page(snapshot.html, snapshot.extract_url)
    except NoArticleError:
        article = Article(markdown="", url=snapshot.url)
    page = Page(body=b"", url=snapshot.url, content_type=snapshot.content_type,
                last_modified=snapshot.last_modified,
                loaded_at=snapshot.loaded_at or "")
    source = Source("url", snapshot.url) if snapshot.kind == "url" and snapshot.url \
        else Source.from_html(snapshot.html, snapshot.url)
    loaded = Loaded(source=source, page=page, html=snapshot.html, article=article,
                    copy_of=snapshot.copy())
    folder = stored_images_folder(path, body, library, snapshot.images.values())
    images: dict[str, bytes] = {}
    for url, name in snapshot.images.items():
        if url.startswith("data:") or len(images) >= MAX_PREVIEW_IMAGES:
            continue
        file = folder / name
        try:
            if file.is_file() and not file.is_symlink() \
                    and file.stat().st_size <= IMAGE_LIMIT_BYTES:
                images[url] = file.read_bytes()
        except OSError:
            continue
    return SavedPage(loaded, images)


def clip_images(path: Path, body: str) -> dict[str, bytes]:
    """The images ``body`` links into its own images folder, by their decoded link.

    Saved links are percent-encoded (``My%20title.assets/ab12.png``); the preview looks
    images up by the decoded path, so that is the key. Only files inside the clip's
    assets folder are read, whatever the Markdown names.
    """
    from clipper.images.refs import find_image_refs
    from clipper.library.attachments import images_dir_of

    assets = images_dir_of(path, body)  # Title.assets, or the template's folder for it
    if assets is None:
        return {}
    try:
        root = assets.resolve()
    except OSError:
        return {}
    images: dict[str, bytes] = {}
    for ref in find_image_refs(body):
        link = ref.url.strip().strip("<>")
        if not link or ":" in link.split("/", 1)[0] or link.startswith(("/", "#")):
            continue  # web, data: and absolute links are not the clip's own files
        name = unquote(link.split("#", 1)[0].split("?", 1)[0])
        if name in images:
            continue
        try:
            file = (path.parent / name).resolve()
            if file.parent != root or not file.is_file() \
                    or file.stat().st_size > IMAGE_LIMIT_BYTES:
                continue
            images[name] = file.read_bytes()
        except OSError:
            continue
        if len(images) >= MAX_PREVIEW_IMAGES:
            break
    return images


def save_to_library(clip: Clip, library: Library | Path, *, on_duplicate: OnDuplicate,
                    download_images: bool, page_dir: Path | None,
                    cancel: threading.Event, progress: ProgressFn,
                    page: PageCopy | None = None, notes: list[Note] | None = None,
                    template: ClipTemplate | None = None) -> SaveOutcome:
    """Save a new clip (with its page as a snapshot, and the notes as a callout, when
    given); with ``OnDuplicate.SKIP`` nothing is written if the library has it.
    ``template``: Settings ▸ Templates (where it goes, its name, its front matter)."""
    from clipper import pipeline
    from clipper.settings import ensure_library

    folder = library if isinstance(library, Path) else library.folder
    ensure_library(folder)
    result = pipeline.save(clip, library, on_duplicate=on_duplicate,
                           download_images=download_images, page_dir=page_dir,
                           page=page, notes=notes, progress=progress, cancel=cancel,
                           template=template)
    if result.action is SaveAction.SKIPPED:
        return SaveOutcome(result.action, duplicate_of=result.duplicate_of or result.path,
                           result=result)
    return SaveOutcome(result.action, path=result.path, duplicate_of=result.duplicate_of,
                       result=result, saved=_read_back(result.path))


def _read_back(path: Path) -> OpenedClip | None:
    """The saved file, so further edits start from what is on disk; None if unreadable."""
    try:
        return open_clip(path)
    except (LibraryError, OSError):
        return None


def update_in_library(clip: Clip, library: Library | None = None, *, force: bool = False,
                      cancel: threading.Event, progress: ProgressFn) -> SaveOutcome:
    """Write edits back to the file the clip came from (it was saved or opened before);
    ``force`` overwrites what another program changed there since."""
    from clipper.errors import ClipChangedError
    from clipper.library.store import write_edits

    try:
        written = write_edits(clip, library, force=force)
    except ClipChangedError as exc:
        changed = Path(exc.path)
        return SaveOutcome(SaveAction.CHANGED, path=changed, missing=not changed.exists())
    path = Path(clip.path)  # type: ignore[arg-type]
    return SaveOutcome(SaveAction.UPDATED if written else SaveAction.UNCHANGED, path=path)


def read_from_library(path: Path, cancel: threading.Event, progress: ProgressFn,
                      library: Path | None = None) -> OpenedClip:
    """The clip, and its page when ``library`` keeps it (brought back from the trash if it
    went there with the clip)."""
    return open_clip(path, library)


def write_markdown_file(clip: Clip, path: Path, cancel: threading.Event,
                        progress: ProgressFn, template: ClipTemplate | None = None) -> Path:
    """Save as: the clip (front matter + Markdown) to a file a person chose, atomically; a
    new clip as the template says, one from the library as it is written."""
    from clipper.library import export_clip

    return export_clip(clip, path, template)


def fetch_images(urls: list[str], referer: str | None, local_dir: Path | None,
                 cancel: threading.Event, progress: ProgressFn) -> dict[str, bytes]:
    """Bytes of the images a person asked to see; failures are simply left out.

    The Referer follows the core's rule for saved images (``images.download.referer_for``):
    the page's address for its own site, only its origin for other hosts.
    """
    from clipper.errors import ClipperError
    from clipper.fetch import Limits, http_get
    from clipper.images.download import referer_for

    from .sanitize import image_allowed

    limits = Limits(connect_timeout=5, read_timeout=10, deadline=20, max_bytes=IMAGE_LIMIT_BYTES)
    wanted = [u for u in dict.fromkeys(urls)
              if image_allowed(u, local_dir) or _beside_page(u, local_dir)][:MAX_PREVIEW_IMAGES]
    out: dict[str, bytes] = {}
    for done, url in enumerate(wanted):
        check_cancel(cancel)
        progress("images", done, len(wanted))
        try:
            beside = _beside_page(url, local_dir)
            if beside is not None:
                # A saved page's own picture, named in the article by its path relative to
                # the page; the preview asks for it by that path, decoded.
                if beside.stat().st_size <= IMAGE_LIMIT_BYTES:
                    out[unquote(url)] = beside.read_bytes()
            elif url.lower().startswith("file:"):
                from clipper.models import file_url_to_path

                path = Path(file_url_to_path(url))
                if path.stat().st_size <= IMAGE_LIMIT_BYTES:
                    out[url] = path.read_bytes()
            else:
                headers = {"Accept": PREVIEW_ACCEPT}
                sent = referer_for(referer, url) if referer else ""
                if sent:
                    headers["Referer"] = sent
                out[url] = http_get(url, limits=limits, headers=headers, cancel=cancel).body
        except CancelledError:
            raise
        except (ClipperError, OSError):
            continue
    progress("images", len(wanted), len(wanted))
    return out


def _beside_page(url: str, local_dir: Path | None) -> Path | None:
    """The file a relative image address names inside a saved page's folder, if any."""
    if local_dir is None or not url or url.startswith(("/", "\\")) or ":" in url.split("/")[0]:
        return None
    try:
        path = (local_dir / unquote(url.split("#")[0].split("?")[0])).resolve()
        root = local_dir.resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return path if path != root and path.is_relative_to(root) and path.is_file() else None


# -- the library pane ---------------------------------------------------------------------------

PAGE_SIZE = 300
"""Clips listed per page: a screenful and more, read from the index without the wait that
listing all of a large library takes (bench/library/README.md)."""
SEARCH_LIMIT = 200
WATCHED_FILES = 2000
"""Newest clip files watched for in-place edits; folders are always watched. inotify
watches are shared by every program of the user (8192 on older systems), so a huge
library is not watched file by file; the rest is caught up when the window is activated."""


@dataclass
class Listing:
    """A page of the library list, or search results."""

    clips: list[ClipSummary]
    query: str
    offset: int = 0
    total: int | None = None
    """Clips in the library (listing) when known."""
    indexed: bool = True
    """False: no search index in this Python (no FTS5); the files were read instead."""
    sort: str = "created"


def has_words(query: str) -> bool:
    """Whether the search field holds words to search for (not only ``tag:``/``site:``):
    words give the best matches, filters alone a list in the chosen order."""
    if ":" not in query:
        return bool(query.strip())
    from clipper.library.query import split_filters

    return bool(split_filters(query)[1].strip())


def list_library(holder: Library, query: str, offset: int, limit: int,
                 cancel: threading.Event, progress: ProgressFn,
                 sort: Sort = "created") -> Listing:
    """Clips in ``sort`` order (``query`` empty, or only ``tag:``/``site:`` filters), or the
    best matches, with snippets, from the index."""
    from clipper.library import list_clips
    from clipper.library.index import IndexUnavailable
    from clipper.library.query import split_filters

    try:
        index = holder.index()
    except IndexUnavailable:
        clips = list_clips(holder, query or None)  # reads the files
        return Listing(clips[offset:offset + limit], query, offset, len(clips), indexed=False,
                       sort=sort)
    check_cancel(cancel)
    if has_words(query):
        return Listing(index.search(query, limit), query, sort=sort)
    filters, _words = split_filters(query)
    return Listing(index.recent(limit, offset, sort, filters), query, offset,
                   index.count(filters), sort=sort)


def library_facets(holder: Library, cancel: threading.Event,
                   progress: ProgressFn) -> Facets | None:
    """The library's tags and sites with their counts (None without a search index)."""
    from clipper.library.index import IndexUnavailable

    try:
        index = holder.index()
    except IndexUnavailable:
        return None
    check_cancel(cancel)
    return index.facets()


@dataclass
class SyncReport:
    """What a sync of the pane's index found, and what to watch for the next change."""

    changed: bool
    folders: list[Path]
    files: list[Path]
    """The newest clip files (``WATCHED_FILES`` at most)."""


def sync_library(holder: Library, full: bool = True, edited: tuple[Path, ...] = (), *,
                 cancel: threading.Event, progress: ProgressFn) -> SyncReport:
    """Bring the index in line with the folder (files changed behind Clipper's back), then
    clear what changed clips left in it if that has grown (``LibraryIndex.compact``).

    ``full``: check every file's stat (at start, and back from another program); else the
    files' names and inodes, and the ``edited`` ones (a watcher saw them written in place).
    """
    from clipper.library.index import IndexUnavailable

    folders = holder.folders()
    try:
        index = holder.index()
    except IndexUnavailable:  # listing reads the files each time: always "changed"
        return SyncReport(True, folders, [])
    changes = index.sync(progress=progress, cancel=cancel, stat=full, files=edited)
    index.compact(progress=progress, cancel=cancel)
    files = index.newest_paths(WATCHED_FILES)
    elsewhere = index.written_elsewhere()  # asked each time: it compares with the last call
    return SyncReport(bool(changes) or elsewhere, folders, files)


def delete_from_library(path: Path, library: Library | None = None, *,
                        cancel: threading.Event, progress: ProgressFn) -> Trashed:
    """Move a clip (and its images) to the system trash; the library's index forgets it.
    What it returns is what Undo puts back."""
    from clipper.library import delete_clip

    return delete_clip(path, library)


@dataclass
class TrashedMany:
    """Clips moved to the trash together (Del on a selection): what Undo puts back, and
    why the rest stayed if one could not be moved."""

    trashed: list[tuple[Path, Trashed]]
    error: str | None = None


def delete_many_from_library(paths: list[Path], library: Library | None = None, *,
                             cancel: threading.Event, progress: ProgressFn) -> TrashedMany:
    """Move each clip to the trash; the first that cannot be moved stops the rest (those
    already moved can be put back with Undo)."""
    from clipper.library import delete_clip

    done = TrashedMany([])
    for path in paths:
        try:
            done.trashed.append((path, delete_clip(path, library)))
        except ClipperError as exc:
            done.error = str(exc)
            break
    return done


def restore_to_library(trashed: Trashed, library: Library | None = None, *,
                       cancel: threading.Event, progress: ProgressFn) -> Path:
    """Undo a Move to Trash: the clip and its images back where they were."""
    from clipper.library.store import restore_clip

    return restore_clip(trashed, library)


def restore_many_to_library(many: TrashedMany, library: Library | None = None, *,
                            cancel: threading.Event, progress: ProgressFn) -> list[Path]:
    """Undo a Move to Trash of several clips: each back where it was."""
    from clipper.library.store import restore_clip

    return [restore_clip(trashed, library) for _path, trashed in many.trashed]


def move_in_library(path: Path, name: str, folder: Path, library: Library | Path, *,
                    cancel: threading.Event, progress: ProgressFn) -> OpenedClip:
    """Rename or move a clip (its images and links along); the clip read from its new place."""
    from clipper.library.move import move_clip

    return open_clip(move_clip(path, name, folder, library))


# -- Save All Queued ----------------------------------------------------------------------------


@dataclass
class QueueReport:
    """What became of each queued page."""

    saved: list[Path]
    skipped: list[Path]
    """Already in the library (the clip that holds them)."""
    failed: list[tuple[str, str]]
    """(the page, why) for each that could not be loaded or saved."""


def save_sources(sources: list[Source], library: Library | Path, *, tags: list[str],
                 download_images: bool, template: ClipTemplate | None,
                 cancel: threading.Event, progress: ProgressFn) -> QueueReport:
    """Load and save each page as Ctrl+S would, one after the other; a page the library
    already has is skipped (a batch cannot ask), one that fails is reported and the rest go on.
    """
    from clipper import pipeline
    from clipper.errors import ClipperError
    from clipper.settings import ensure_library

    from .mime import display_name

    folder = library if isinstance(library, Path) else library.folder
    ensure_library(folder)
    rules, _problem = site_rules(folder)  # a broken file: the queue saves without them
    report = QueueReport([], [], [])
    for done, source in enumerate(sources):
        check_cancel(cancel)
        progress("queued", done, len(sources))
        try:
            loaded = pipeline.load(source, cancel=cancel, rules=rules)
            clip = Clip.from_article(loaded.article, tags=list(tags))
            if not clip.source and source.kind == "html":
                clip.source = source.url
            if not clip.source and loaded.page.url and loaded.page.url.startswith("http"):
                clip.source = loaded.page.url
            result = pipeline.save(clip, library, on_duplicate=OnDuplicate.SKIP,
                                   download_images=download_images,
                                   page_dir=loaded.page.local_dir, cancel=cancel,
                                   template=template)
        except CancelledError:
            raise
        except ClipperError as exc:
            report.failed.append((display_name(source), str(exc)))
            continue
        except OSError as exc:
            report.failed.append((display_name(source), exc.strerror or str(exc)))
            continue
        (report.skipped if result.action is SaveAction.SKIPPED else report.saved).append(
            result.path)
    progress("queued", len(sources), len(sources))
    return report
