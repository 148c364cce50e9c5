"""Re-extraction: today's extractor on the pages a library kept, offline.

A clip saved with its page (``library.snapshots``) can be made again from that page
whenever the extractor gets better: ``clipper reextract`` and the window's Re-extract
run the same steps as a save (extraction, the one sanitiser, images pointed at the files
the save stored, the fidelity callout when it is on) on the snapshot instead of the web.
Nothing is fetched: an image the save did not store stays a web link.

A person's work is never lost to it. A clip whose body was edited since it was saved
(its ``body_hash`` no longer matches) is left alone unless ``force``. Only the article
changes: the body, and its ``body_hash`` line, spliced into the note as the window's edits
are (``note_edit``). The front matter is the person's (or their template's): no key is
added, none is filled or changed. An empty ``author:`` may be one the extractor found
nothing for or one the person emptied, and the file cannot tell which, so neither is
filled; a key the template leaves out stays out. A clip whose article comes out the same
(line ends and blank lines around it aside, as ``body_hash`` counts them) is "same" and
not written. Every clip rewritten is first copied into one
``.clipper-backups/<time>-reextract/`` folder per run, under its path in the library.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Literal
from urllib.parse import quote, unquote, urlsplit

from clipper import fidelity
from clipper.errors import ClipChangedError, ClipperError, LibraryError, NoArticleError
from clipper.library import Library
from clipper.library.atomic import create_new
from clipper.library.filenames import assets_dir_for
from clipper.library.frontmatter import parse_clip
from clipper.library.site_rules import SiteRules, SiteRulesError
from clipper.library.snapshots import (
    HASH_KEY,
    Snapshot,
    SnapshotMissing,
    body_edited,
    body_hash,
    image_key,
    read_snapshot,
    snapshot_id,
)
from clipper.library.walk import CLIP_SUFFIX, iter_clip_files
from clipper.models import Article, Clip
from clipper.progress import ProgressFn, check_cancel
from clipper.safetext import sanitize

__all__ = [
    "Outcome",
    "Plan",
    "Rewriter",
    "Summary",
    "apply_plans",
    "plan_clip",
    "reextract",
    "select_clips",
]


class Outcome(str, Enum):
    CHANGED = "changed"
    SAME = "same"
    EDITED = "edited"
    """Edited by hand since it was saved: left alone (``force`` replaces it)."""
    NO_SNAPSHOT = "no snapshot"
    FAILED = "failed"


@dataclass
class Plan:
    """What re-extracting one clip would do (nothing is written until ``apply_plans``)."""

    path: Path
    outcome: Outcome
    title: str = ""
    old_body: str = ""
    new_body: str = ""
    new_text: str = ""
    """The whole file after re-extraction (front matter spliced, as the window edits)."""
    clip: Clip | None = None
    """The clip to write: the file's, with the new body and hash."""
    reason: str = ""
    """Why it failed or has no snapshot, in words."""
    notes: list[fidelity.Note] = field(default_factory=list)
    replaced: bool = False
    """Written (by ``apply_plans``)."""

    @property
    def writable(self) -> bool:
        """Something new to write: changed, or (forced) edited with a different body."""
        return self.clip is not None and self.outcome in (Outcome.CHANGED, Outcome.EDITED)


@dataclass
class Summary:
    plans: list[Plan]
    backup: Path | None = None
    dry_run: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for p in self.plans if p.outcome is outcome)

    def line(self) -> str:
        """``4 clips: 2 changed, 1 the same, 1 skipped as edited, 0 without a snapshot``."""
        n = len(self.plans)
        changed = self.count(Outcome.CHANGED)
        parts = [
            f"{changed} {'would change' if self.dry_run else 'changed'}",
            f"{self.count(Outcome.SAME)} the same",
            f"{self.count(Outcome.EDITED)} skipped as edited",
            f"{self.count(Outcome.NO_SNAPSHOT)} without a snapshot",
        ]
        failed = self.count(Outcome.FAILED)
        if failed:
            parts.append(f"{failed} failed")
        text = f"{n} clip{'s' if n != 1 else ''}: " + ", ".join(parts)
        if self.dry_run:
            text += " (dry run: nothing written)"
        elif self.backup is not None:
            text += f"; the old {'clip is' if changed == 1 else 'clips are'} in {self.backup}"
        return text


# -- which clips ---------------------------------------------------------------------------------


def _host_matches(url: str | None, host: str) -> bool:
    try:
        found = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return False
    want = host.lower().strip().removeprefix("www.")
    found = found.lower().removeprefix("www.")
    return bool(want) and (found == want or found.endswith("." + want))


def select_clips(
    library: Path, clips: Sequence[Path] = (), every: bool = False, site: str | None = None
) -> list[Path]:
    """The clips to re-extract: those named, or all of the library (``every``, or a
    ``site`` alone), only those whose source is on ``site`` (or a sub-domain) if given."""
    paths = list(clips)
    if every or (site and not paths):
        paths = sorted(library / rel for rel, _ in iter_clip_files(library))
    if site:
        kept = []
        for path in paths:
            try:
                source = parse_clip(path.read_text(encoding="utf-8", errors="replace")).source
            except (OSError, LibraryError):
                continue
            if _host_matches(source, site):
                kept.append(path)
        paths = kept
    return paths


# -- one clip --------------------------------------------------------------------------------------


def _assets_prefix(path: Path, old_body: str, library: Path, names: Iterable[str] = ()) -> str:
    """How the clip's Markdown names its images folder: the folder of a link to one of the
    files its snapshot stored (``names``), wherever a template put it and even when another
    program renamed the clip but not the folder; else a ``.assets`` folder it links into;
    else ``Title.assets``. Only a folder inside ``library`` counts."""
    from clipper.images.refs import find_image_refs

    wanted, fallback = set(names), None
    root = library.resolve()
    for ref in find_image_refs(old_body):
        link = ref.url.strip().strip("<>")
        head, _, file = link.rpartition("/")
        if not head or urlsplit(link).scheme or link.startswith(("/", "\\")):
            continue
        folder = path.parent / unquote(head)
        try:
            inside = folder.is_dir() and folder.resolve().is_relative_to(root)
        except (OSError, ValueError):
            inside = False
        if not inside:
            continue
        if unquote(file) in wanted:
            return head + "/"
        if fallback is None and unquote(head).endswith(".assets") and "/" not in unquote(head):
            fallback = head + "/"
    return fallback or quote(assets_dir_for(path).name, safe="") + "/"


def stored_images_folder(path: Path, body: str, library: Path, names: Iterable[str] = ()) -> Path:
    """The images folder of the clip at ``path`` whose Markdown is ``body``: where the
    images its snapshot names (``names``) were stored."""
    return path.parent / unquote(_assets_prefix(path, body, library, names).rstrip("/"))


def _with_stored_images(
    body: str, snapshot: Snapshot, path: Path, old_body: str, library: Path
) -> tuple[str, int]:
    """The new body with images pointing at the files the save stored; and how many stay
    remote (offline: nothing is fetched). The same decisions as a save's image step."""
    from clipper.images.download import localize_images
    from clipper.images.refs import ImageRef, rewrite_images

    decided = localize_images(body, None, download=False)  # drops only: pixels, local paths
    names = snapshot.images.values()
    prefix = _assets_prefix(path, old_body, library, names)
    folder = path.parent / unquote(prefix.rstrip("/"))
    stored = {url: name for url, name in snapshot.images.items() if (folder / name).is_file()}

    def decide(ref: ImageRef) -> str | Literal[False] | None:
        name = stored.get(image_key(ref.url))
        if name is not None:
            return prefix + quote(name)
        outcome = decided.outcomes.get(ref.url)
        if outcome is not None and outcome.drop:
            return None
        if ref.url.startswith("data:"):
            return None  # a save never keeps one inline
        return False

    new = rewrite_images(body, decided.refs, decide)
    remote = len({url for url in decided.remote if image_key(url) not in stored})
    return new, remote


def extract_snapshot(snapshot: Snapshot, library: Path | None = None) -> Article:
    """Today's extractor on a snapshot, as ``clipper save`` runs it on a page.

    Issue #14's site rules (``.clipper/site-rules.yaml`` of ``library``) apply here, when
    they exist: the one place every re-extraction (CLI and window) goes through.
    """
    from clipper.pipeline import extract_page, page_rules

    rules = _site_rules(library) if library is not None else None
    if rules is None or not rules.rules:
        return extract_page(snapshot.html, snapshot.extract_url)
    return extract_page(snapshot.html, snapshot.extract_url,
                        rules=page_rules(rules, snapshot.html, snapshot.extract_url))


def _site_rules(library: Path) -> SiteRules | None:
    """The library's rules, read again only when their file changed (a run re-extracts
    many clips); a broken file raises ``SiteRulesError`` naming the line."""
    from clipper.library.site_rules import rules_path

    try:
        stat = rules_path(library).stat()
    except OSError:
        return None
    return _read_rules(library, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_rules(library: Path, _mtime: int, _size: int) -> SiteRules:
    from clipper.library.site_rules import SiteRules

    return SiteRules.load(library)


def plan_clip(
    path: Path, library: Path, *, force: bool = False, notes_callout: bool = False
) -> Plan:
    """What re-extracting the clip at ``path`` would write; writes nothing."""
    path = Path(path)
    if not path.exists():
        return Plan(path, Outcome.FAILED, reason="no such file")
    if path.suffix.lower() != CLIP_SUFFIX or not path.is_file():
        return Plan(path, Outcome.FAILED, reason="not a clip file")
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError as exc:
        return Plan(path, Outcome.FAILED, reason=exc.strerror or str(exc))
    except UnicodeDecodeError:
        return Plan(path, Outcome.FAILED, reason="not UTF-8 text")
    try:
        clip = parse_clip(text, path)
    except LibraryError as exc:
        return Plan(path, Outcome.FAILED, reason=str(exc))
    from clipper.library.frontmatter import digest
    from clipper.library.note_edit import edit_note

    clip.read_digest = digest(data)
    plan = Plan(path, Outcome.NO_SNAPSHOT, title=clip.title, old_body=clip.body)
    ident = snapshot_id(clip)
    if ident is None:
        plan.reason = "saved without its page"
        return plan
    try:
        snapshot = read_snapshot(library, ident)
    except SnapshotMissing:
        plan.reason = "its saved page is missing"
        return plan
    except LibraryError as exc:
        plan.outcome, plan.reason = Outcome.FAILED, str(exc)
        return plan
    try:
        article = extract_snapshot(snapshot, library)
    except (NoArticleError, SiteRulesError) as exc:
        plan.outcome, plan.reason = Outcome.FAILED, str(exc)
        return plan
    body, remote = _with_stored_images(
        sanitize(article.markdown), snapshot, path, clip.body, library
    )
    notes = list(article.notes)
    note = fidelity.remote_images(remote)
    if note is not None:
        notes.append(note)
    if notes_callout:
        box = fidelity.callout(notes)
        if box:
            body = fidelity.end_with(body, box)
    extra = dict(clip.extra)
    extra[HASH_KEY] = body_hash(body)
    new = replace(clip, body=body, extra=extra)
    new_text = edit_note(text, new, clip)
    edited = body_edited(clip)
    plan.notes = notes
    plan.new_body, plan.new_text = body, new_text
    if new_text == text or extra[HASH_KEY] == body_hash(clip.body):
        plan.outcome = Outcome.SAME  # the same article: nothing to show, nothing written
    else:
        plan.outcome = Outcome.EDITED if edited and not force else Outcome.CHANGED
        plan.clip = new
    if edited and plan.outcome is Outcome.EDITED:
        plan.reason = "edited since it was saved"
    return plan


# -- writing ---------------------------------------------------------------------------------------


class Rewriter:
    """Writes re-extracted clips, each copied first into one backups folder (made when the
    first clip is written)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.folder: Path | None = None
        """The backups folder, once a clip was copied into it."""

    def write(self, plan: Plan, include_edited: bool = False) -> bool:
        """Write ``plan`` if it changes its clip (an edited clip only with
        ``include_edited``); False when not written (a failure is in ``plan.reason``). A
        clip changed by another program since it was planned is not written."""
        from clipper.library.store import write_edits
        from clipper.library.trash import backup_folder

        if plan.clip is None or not (
            plan.outcome is Outcome.CHANGED or (include_edited and plan.outcome is Outcome.EDITED)
        ):
            return False
        try:
            if self.folder is None:
                self.folder = backup_folder(self.library.folder, "reextract")
            try:
                copy = self.folder / plan.path.absolute().relative_to(self.library.folder)
            except ValueError:
                copy = self.folder / plan.path.name  # named outside the library: kept flat
            copy.parent.mkdir(parents=True, exist_ok=True)
            create_new(copy, plan.path.read_bytes())
            write_edits(plan.clip, self.library)
        except ClipChangedError:
            plan.outcome, plan.reason = Outcome.FAILED, "changed by another program meanwhile"
            return False
        except (OSError, ClipperError) as exc:
            plan.outcome = Outcome.FAILED
            plan.reason = str(exc) if isinstance(exc, ClipperError) else exc.strerror or str(exc)
            return False
        plan.outcome = Outcome.CHANGED  # an edited clip too: replaced, as asked
        plan.replaced = True
        return True


def apply_plans(
    plans: Iterable[Plan],
    library: Library,
    *,
    include_edited: bool = False,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Path | None:
    """Write the plans that change their clip; the backups folder (None: nothing copied)."""
    todo = [p for p in plans if p.writable]
    writer = Rewriter(library)
    for done, plan in enumerate(todo):
        check_cancel(cancel)
        if progress:
            progress("reextracting", done, len(todo))
        writer.write(plan, include_edited)
    if progress:
        progress("reextracting", len(todo), len(todo))
    return writer.folder


def reextract(
    paths: Sequence[Path],
    library: Library,
    *,
    force: bool = False,
    dry_run: bool = False,
    notes_callout: bool = False,
    report: Callable[[Plan], None] | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Summary:
    """Re-extract each clip and (unless ``dry_run``) write it when it changed, one clip at a
    time; ``report`` hears of each as it is done."""
    writer = Rewriter(library)
    plans = []
    for done, path in enumerate(paths):
        check_cancel(cancel)
        if progress:
            progress("reextracting", done, len(paths))
        plan = plan_clip(path, library.folder, force=force, notes_callout=notes_callout)
        if not dry_run:
            writer.write(plan)
        plans.append(plan)
        if report is not None:
            report(plan)
    if progress:
        progress("reextracting", len(paths), len(paths))
    return Summary(plans, backup=writer.folder, dry_run=dry_run)
