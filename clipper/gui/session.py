"""What the window shows, without Qt: the page, the clip and its edits, the queue, the notice.

Flows change it only through the named transitions below (``load_started``,
``page_shown``, ``edited``, ``saved``, ``failed``…); after each one the window reads it
back to set its title, labels, notice, progress and enabled actions. One object
decides all of them, so no path through the code can leave one stale. State and
transitions live here, drawing lives in the window, as Dangerzone's ``Document``
keeps ``mark_as_safe()`` apart from the widgets that show it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from clipper.models import Clip, SaveAction, Source

from .messages import COUNTED_STAGES, doubt_text, failed_images_text, stage_label
from .mime import display_name
from .save_choices import saved_verb

if TYPE_CHECKING:
    from clipper.fidelity import Note
    from clipper.pipeline import Loaded

Level = Literal["error", "warning", "info", "success"]
Activity = Literal["load", "save", "images", "queue"]
Command = Literal["save", "save_as", "copy_markdown", "toggle_markdown", "stop", "reload",
                  "next_queued", "load_images", "find", "reextract", "undo", "open_original",
                  "save_queued"]
"""The window's commands that are not always available (the rest always are)."""
TOGGLED: tuple[Command, ...] = ("save", "save_as", "copy_markdown", "toggle_markdown", "stop",
                                "reload", "next_queued", "load_images", "find", "reextract",
                                "undo", "open_original", "save_queued")


def parse_tags(text: str) -> list[str]:
    """Obsidian's rules: commas separate tags, a tag holds no spaces (the tags field turns
    them into ``-`` as they are typed, so this only ever finds them in pasted text) and
    its ``#`` is Obsidian's mark, not part of the name."""
    tags = [re.sub(r"\s+", "-", t.strip().lstrip("#").strip()) for t in text.split(",")]
    return list(dict.fromkeys(t for t in tags if t))


def tag_typing(text: str, cursor: int) -> tuple[str, int]:
    """The tags field as typed, with each space inside a tag made ``-`` (and the cursor
    kept on the same character): "air q" becomes "air-q" as the q is typed. Spaces
    around commas stay: they only lay the list out."""
    out: list[str] = []
    new_cursor = cursor
    for match in re.finditer(r"[^,]+|,", text):
        piece = match.group()
        if piece == ",":
            out.append(piece)
            continue
        start = match.start()
        inner = re.match(r"(\s*)(.*?)(\s*)$", piece, re.S)
        assert inner is not None
        lead, core, trail = inner.groups()
        fixed = re.sub(r"\s+", "-", core)
        if fixed != core and cursor > start + len(lead):
            # the cursor moves left by the spaces merged before it
            before = core[:max(0, cursor - start - len(lead))]
            new_cursor -= len(before) - len(re.sub(r"\s+", "-", before))
        out.append(lead + fixed + trail)
    return "".join(out), new_cursor


SAVE_OUTCOMES = ("No changes to save", "Not saved", "Saving stopped")
"""How the status line starts when a Ctrl+S wrote nothing (see ``Session.save_unneeded``)."""


@dataclass(frozen=True)
class Draft:
    """The form and the editor as they stand: compared with the baseline for "unsaved"."""

    title: str
    """As typed, trimmed; an empty title is asked for before saving (save_flow)."""
    author: str | None = None
    published: str | None = None
    site: str | None = None
    tags: tuple[str, ...] = ()
    body: str = ""
    source: str | None = None

    @classmethod
    def from_fields(cls, *, title: str, author: str, published: str, site: str, tags: str,
                    body: str, source: str = "") -> Draft:
        """What the form's fields say, read the way they are saved."""
        return cls(title.strip(), author.strip() or None, published.strip() or None,
                   site.strip() or None, tuple(parse_tags(tags)), body,
                   source.strip() or None)

    @classmethod
    def of(cls, clip: Clip) -> Draft:
        return cls.from_fields(title=clip.title, author=clip.author or "",
                               published=clip.published or "", site=clip.site or "",
                               tags=", ".join(clip.tags), body=clip.body,
                               source=clip.source or "")


@dataclass(frozen=True)
class Progress:
    label: str
    done: int = 0
    total: int | None = None
    """None: a busy bar, not a fraction."""
    stoppable: bool = True


@dataclass(frozen=True)
class Notice:
    """The message strip above the panes (errors stay until dismissed or replaced)."""

    text: str
    level: Level = "error"
    details: str = ""
    """Shown on hover, e.g. every address of a list that ``text`` shortens."""
    retry: Source | None = None
    """Offered as "Try Again": load this again."""
    undo: object | None = None
    """Offered as "Undo": what a Move to Trash moved (``library.store.Trashed``)."""
    pick: bool = False
    """Offered as "Choose the Article…": the extractor is unsure (the pick mode)."""
    doubt: bool = False
    """About the article shown (unsure, a teaser): gone when another is shown."""


@dataclass(frozen=True)
class FileNote:
    """The status bar's file: ``Saved to x.md``, ``Updated x.md``, ``Opened x.md``…"""

    verb: str
    path: Path


class Session:
    """The one state of the main window; see the module docstring."""

    def __init__(self) -> None:
        self.loaded: Loaded | None = None
        """The page behind the clip (None for a clip opened from the library)."""
        self.clip: Clip | None = None
        """The clip as loaded, opened or saved: the draft's edits go on top of it."""
        self.clip_images: dict[str, bytes] = {}
        """The clip's own images (its assets folder), by the link its Markdown uses."""
        self.saved_path: Path | None = None
        """Where Ctrl+S writes back; None: Ctrl+S adds a new clip to the library."""
        self.draft: Draft | None = None
        self.baseline: Draft | None = None
        """The draft when the clip was shown or saved: any difference is unsaved."""
        self.agreed: Draft | None = None
        """The draft when the running load started (saved, or discarded by choice): edits
        made after that are asked about before the new page replaces them."""
        self.content_revision = 0
        """Counts replacements of the clip, so the window refills the form only then."""
        self.page_images: list[str] = []
        """Images of the page's safe rendering (known once it is prepared)."""
        self.source: Source | None = None
        """What F5 loads again."""
        self.address = ""
        self.address_revision = 0
        """Counts settings of the address, so a typed address is replaced only then."""
        self.queue: list[Source] = []
        self.notice: Notice | None = None
        self.status = "Ready"
        self.file_note: FileNote | None = None
        self.busy: dict[Activity, Progress] = {}
        """Running work; the one updated last is what the status bar shows."""
        self.last_trashed: tuple[object, str] | None = None
        """What the last Move to Trash moved, and the clip's title: what Ctrl+Z puts back."""
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        """``listener()`` runs after every transition."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # -- what is shown -----------------------------------------------------------------------

    @property
    def has_clip(self) -> bool:
        return self.clip is not None

    @property
    def is_dirty(self) -> bool:
        """Edits made since the clip was loaded, opened or saved."""
        return self.baseline is not None and self.draft != self.baseline

    @property
    def is_loading(self) -> bool:
        return "load" in self.busy

    @property
    def is_saving(self) -> bool:
        return "save" in self.busy

    @property
    def is_fetching_images(self) -> bool:
        return "images" in self.busy

    @property
    def progress(self) -> Progress | None:
        return next(reversed(self.busy.values()), None)

    @property
    def title(self) -> str:
        """The title as typed ("" when nothing is shown)."""
        return self.draft.title if self.clip is not None and self.draft is not None else ""

    def edited_while_loading(self) -> bool:
        """Edits made after the running load was agreed to: the new page must ask first."""
        return self.is_dirty and self.draft != self.agreed

    def only_source_edited(self) -> bool:
        """The Source field is the one edit: reading the page again with it loses nothing."""
        d, base = self.draft, self.baseline
        return d is not None and base is not None and \
            dataclasses.replace(d, source=base.source) == base

    def unchanged_since(self, snapshot: Draft) -> bool:
        return self.draft == snapshot

    def current_clip(self) -> Clip:
        """The clip as shown: what was edited in the form and the editor on top of the clip.

        Only fields the person changed are taken from the draft; the others stay exactly
        as the clip holds them (the form trims and splits what it shows), so a note saved
        back changes only where it was edited.
        """
        if self.clip is None or self.draft is None:
            from clipper.errors import ClipperError

            raise ClipperError("Nothing to save yet", "Load a page first.")
        d, base = self.draft, self.baseline or self.draft
        changes: dict[str, object] = {"path": self.saved_path}
        if d.title != base.title:
            changes["title"] = d.title or "Untitled"
        for name in ("author", "published", "site", "body", "source"):
            if getattr(d, name) != getattr(base, name):
                changes[name] = getattr(d, name)
        if d.tags != base.tags:
            changes["tags"] = list(d.tags)
        return dataclasses.replace(self.clip, **changes)  # type: ignore[arg-type]

    def original_address(self) -> str | None:
        """The web address the clip shown came from (Open Original in Browser), if any."""
        address = self.draft.source if self.draft is not None else None
        address = address or (self.clip.source if self.clip is not None else None)
        return address if address and address.lower().startswith(("http://", "https://")) \
            else None

    def word_count(self) -> int | None:
        if self.clip is None or self.draft is None:
            return None
        return len(re.findall(r"\w+", self.draft.body))

    @property
    def notes(self) -> list[Note]:
        """What the Markdown of the page shown leaves out (``clipper.fidelity``)."""
        return list(self.loaded.article.notes) if self.loaded is not None else []

    @property
    def has_saved_page(self) -> bool:
        """The clip shown is in the library and names the page it was saved with (the key
        is ``library.snapshots.SNAPSHOT_KEY``, not imported: it loads gzip at start-up)."""
        return self.saved_path is not None and self.clip is not None \
            and bool(self.clip.extra.get("snapshot"))

    def image_urls(self) -> list[str]:
        """Images the page and the article show, each once: what "Load Images" fetches."""
        article = self.loaded.article.images if self.loaded is not None else []
        return list(dict.fromkeys([*self.page_images, *article]))

    def images_folder(self) -> Path | None:
        """Where the relative image links of what is shown point: the folder of the clip
        file it was read from (its ``.assets``), else that of a saved page opened from disk.
        Without it, saving elsewhere would take those images out of the clip."""
        if self.clip is not None and self.clip.path is not None:
            return Path(self.clip.path).parent
        return self.loaded.page.local_dir if self.loaded is not None else None

    # -- editing -----------------------------------------------------------------------------

    def edited(self, draft: Draft) -> None:
        self.draft = draft
        self._changed()

    def shown_as(self, draft: Draft) -> None:
        """The window filled the form and editor from ``clip``; this is how they read back
        (an editor may normalise line breaks): the baseline is what is really shown.
        Called while the window draws, so it tells no listener."""
        self.draft = self.baseline = draft

    def discard_edits(self) -> None:
        """The person chose to lose the edits: the clip as last shown or saved comes back."""
        if self.baseline is not None and self.draft != self.baseline:
            self.draft = self.baseline
            self.content_revision += 1
            self._changed()

    def _clear_problems(self) -> None:
        """Errors and warnings are about what was shown: another clip makes them stale."""
        if self.notice is not None and self.notice.level in ("error", "warning"):
            self.notice = None

    def _show(self, clip: Clip, path: Path | None, images: dict[str, bytes]) -> None:
        self.clip = clip
        self.clip_images = images
        self.saved_path = path
        self.draft = self.baseline = Draft.of(clip)
        self.content_revision += 1
        self.file_note = FileNote("Opened", path) if path is not None else None

    # -- loading -----------------------------------------------------------------------------

    def _set_address(self, text: str) -> None:
        self.address = text
        self.address_revision += 1

    def load_started(self, source: Source) -> None:
        self.source = source
        self.agreed = self.draft if self.baseline is not None else None
        # Pasted HTML has no address of its own: the old one would name another page.
        self._set_address(source.value if source.kind != "html" else source.url or "")
        self._clear_problems()
        self.status = ""  # not "Stopped" while the next page downloads
        self.busy.pop("images", None)  # a new page: the old one's images are not wanted
        self._busy("load", Progress(f"Loading {display_name(source)}…"))
        self._changed()

    def _busy(self, activity: Activity, progress: Progress) -> None:
        self.busy.pop(activity, None)
        self.busy[activity] = progress  # last updated, so shown

    def progressed(self, activity: Activity, stage: str, done: int, total: int | None) -> None:
        if activity not in self.busy:
            return  # finished or stopped meanwhile
        shown_total = total if stage in COUNTED_STAGES else None
        self._busy(activity, Progress(stage_label(stage, done, total), done, shown_total,
                                      self.busy[activity].stoppable))
        self._changed()

    def load_ended(self) -> None:
        """The load's work is over (its result may still wait for a question)."""
        self.busy.pop("load", None)
        self._changed()

    def load_failed(self, source: Source, text: str, retry: bool = True) -> None:
        """``retry``: "Try Again" is offered (not for what a new try cannot change)."""
        self.busy.pop("load", None)
        self.notice = Notice(text, "error", retry=source if retry else None)
        self.status = f"Could not load {display_name(source)}"
        self._changed()

    def load_cancelled(self) -> None:
        self.busy.pop("load", None)
        self.status = "Stopped loading"
        self._changed()

    def page_shown(self, loaded: Loaded, clip: Clip) -> None:
        """A page was read and cleaned: its clip replaces what was shown."""
        self.busy.pop("load", None)
        self.loaded = loaded
        self.page_images = []
        self._show(clip, None, {})
        # Short (the title is in the window's title): at 1280 px both messages fit whole.
        self.status = f"Loaded from {display_name(loaded.source)}"
        if loaded.notes:  # what the article lost on the way (an image over the size cap)
            self.status += f" — {loaded.notes[0]}"
        doubt = doubt_text(loaded.article)
        if doubt is not None:
            self.notice = Notice(doubt[0], "warning", pick=doubt[1], doubt=True)
        elif self.notice is not None and self.notice.doubt:
            self.notice = None  # about the page as it was before a correction
        self._changed()

    def page_declined(self) -> None:
        self.status = "Kept your edits; the page just loaded is not shown"
        self._changed()

    def page_prepared(self, page_images: list[str]) -> None:
        """The page's safe rendering is ready, with the images it shows."""
        self.page_images = list(page_images)
        self._changed()

    def page_forgotten(self, web_address: str | None) -> None:
        """No page behind what is shown: F5 loads ``web_address`` again, if there is one."""
        self.busy.pop("load", None)
        self.busy.pop("images", None)
        self.loaded = None
        self.page_images = []
        self.source = Source("url", web_address) if web_address else None
        self._set_address(web_address or "")
        self._changed()

    def page_kept(self, loaded: Loaded) -> None:
        """The page a clip was saved with (its snapshot) is shown beside it; F5 loads the
        page from the web again."""
        self.busy.pop("load", None)
        self.busy.pop("images", None)
        self.loaded = loaded
        self.page_images = []
        web = loaded.source.value if loaded.source.kind == "url" else None
        self.source = Source("url", web) if web else None
        self._set_address(web or "")
        self._changed()

    def clip_opened(self, clip: Clip, path: Path, images: dict[str, bytes]) -> None:
        """A clip file from the library: Ctrl+S now writes back to it."""
        self._show(clip, path, images)
        self._clear_problems()
        self.status = "Opened from the library"
        self._changed()

    def stopped(self) -> None:
        """Esc: everything running was stopped."""
        self.busy.clear()
        self.status = "Stopped"
        self._changed()

    # -- the queue ---------------------------------------------------------------------------

    def queue_first(self, sources: list[Source]) -> None:
        """Pages to load next, ahead of those already waiting."""
        self.queue[:0] = sources
        self._changed()

    def next_queued(self) -> Source | None:
        if not self.queue:
            return None
        source = self.queue.pop(0)
        self._changed()
        return source

    # -- saving ------------------------------------------------------------------------------

    def save_started(self, stoppable: bool = True) -> None:
        self._busy("save", Progress("Saving…", stoppable=stoppable))
        self._changed()

    def save_ended(self) -> None:
        """The save's work is over; what it did follows (or a question about it)."""
        self.busy.pop("save", None)
        self._changed()

    def saved(self, path: Path, action: SaveAction, snapshot: Draft,
              written: tuple[Clip, dict[str, bytes]] | None = None,
              failed_images: Sequence[str] = (), clip: Clip | None = None) -> None:
        """``snapshot`` (``clip``) was written to ``path``; ``written`` is the file read back
        (images now point into its assets folder), shown unless the person typed on
        meanwhile."""
        self.busy.pop("save", None)
        self.saved_path = path
        if clip is not None:
            self.clip = dataclasses.replace(clip, path=path)
        if self.baseline is not None:
            self.baseline = snapshot
        if written is not None and self.draft == snapshot:
            self._show(written[0], path, written[1])
        self.file_note = FileNote(saved_verb(action), path)
        self._forget_save_outcome()
        if failed_images:
            self.notice = Notice(failed_images_text(list(failed_images)), "warning",
                                 details="\n".join(failed_images))
        elif self.notice is not None and self.notice.level == "error":
            self.notice = None
        self._changed()

    def saved_as(self, path: Path, snapshot: Draft) -> None:
        """Written to a file of the person's choosing (not the library)."""
        self.busy.pop("save", None)
        self.file_note = FileNote("Saved as", path)
        self._forget_save_outcome()
        if self.baseline is not None:
            self.baseline = snapshot
        self._changed()

    def save_unneeded(self, path: Path, snapshot: Draft | None = None) -> None:
        """Ctrl+S with nothing edited: the file already holds what is shown, left alone."""
        self.busy.pop("save", None)
        if snapshot is not None and self.baseline is not None:
            self.baseline = snapshot
        self.status = f"No changes to save: {path.name} already holds what is shown"
        self._changed()

    def _forget_save_outcome(self) -> None:
        """A save wrote the file: the line must not still say an earlier Ctrl+S wrote
        nothing ("No changes to save…") beside "Updated x.md"."""
        if self.status.startswith(SAVE_OUTCOMES):
            self.status = ""

    def _not_saved(self) -> None:
        """The file note must not say "Updated x.md" beside "Not saved": the edits shown are
        not in the file (it holds what was saved before)."""
        if self.file_note is not None and self.is_dirty:
            self.file_note = FileNote("Not saved to", self.file_note.path)

    def save_declined(self) -> None:
        self.status = "Not saved"
        self._not_saved()
        self._changed()

    def save_failed(self, text: str) -> None:
        self.busy.pop("save", None)
        self.notice = Notice(text)
        self.status = "Not saved"
        self._not_saved()
        self._changed()

    def save_cancelled(self) -> None:
        self.busy.pop("save", None)
        self.status = "Saving stopped; nothing was written"
        self._changed()

    def trashed(self, path: Path | list[Path], title: str, undo: object | None = None) -> None:
        """A clip (or several: ``path`` a list, ``title`` "3 clips") was moved to the trash
        from the library pane; ``undo`` puts it (them all) back."""
        paths = path if isinstance(path, list) else [path]
        named = f"“{title}”" if len(paths) == 1 else title
        if self.saved_path is not None and any(
                self.saved_path.absolute() == p.absolute() for p in paths):
            # Shown but gone from the library: Ctrl+S saves it again as a new clip.
            self.saved_path = None
            self.file_note = None
            shown = named if len(paths) == 1 else f"The clip shown and {len(paths) - 1} more"
            self.notice = Notice(f"{shown} {'was' if len(paths) == 1 else 'were'} moved to the "
                                 "trash; Ctrl+S saves what is shown as a new clip.", "info",
                                 undo=undo)
        elif undo is not None:
            self.notice = Notice(f"Moved {named} to the trash.", "info", undo=undo)
        self.last_trashed = (undo, title) if undo is not None else None
        self.status = f"Moved {named} to the trash"
        self._changed()

    def restored(self, path: Path | list[Path], title: str) -> None:
        """Undo: the clip (or clips) last moved to the trash are back where they were."""
        paths = path if isinstance(path, list) else [path]
        self.last_trashed = None
        if self.notice is not None and self.notice.undo is not None:
            self.notice = None
        for back in paths:
            if self.clip is not None and self.clip.path is not None \
                    and self.saved_path is None \
                    and Path(self.clip.path).absolute() == back.absolute():
                self.saved_path = back  # shown and back: Ctrl+S writes to it again
                self.file_note = FileNote("Opened", back)
        named = f"“{title}”" if len(paths) == 1 else title
        self.status = f"Put {named} back from the trash"
        self._changed()

    def clip_moved(self, old: Path, new: Path, clip: Clip, images: dict[str, bytes]) -> None:
        """A clip was renamed or moved; if it is the one shown, Ctrl+S follows it there."""
        if self.saved_path is not None and self.saved_path.absolute() == old.absolute():
            self._show(clip, new, images)
            self.file_note = FileNote("Moved to", new)
        self.status = f"Moved {old.name} to {new}" if old.parent != new.parent \
            else f"Renamed {old.name} to {new.name}"
        self._changed()

    # -- saving every queued page ------------------------------------------------------------

    def queue_saving_started(self) -> list[Source]:
        """Save All Queued: the queue is taken to be saved in the background."""
        taken, self.queue = list(self.queue), []
        self._busy("queue", Progress(f"Saving {len(taken)} queued pages…", 0, len(taken)))
        self._changed()
        return taken

    def queue_saving_ended(self, text: str, level: Level, details: str = "") -> None:
        self.busy.pop("queue", None)
        self.notice = Notice(text, level, details)
        self.status = text.split(";")[0]
        self._changed()

    # -- images ------------------------------------------------------------------------------

    def images_started(self) -> None:
        self._busy("images", Progress("Loading images…"))
        self._changed()

    def images_loaded(self, count: int) -> None:
        self.busy.pop("images", None)
        self.status = f"Loaded {count} of {len(self.image_urls())} images"
        self._changed()

    def images_failed(self, text: str | None) -> None:
        """``text`` None: stopped, nothing to say."""
        self.busy.pop("images", None)
        if text is not None:
            self.notice = Notice(text)
        self._changed()

    # -- what the window says ----------------------------------------------------------------

    def failed(self, text: str, retry: Source | None = None) -> None:
        self.notice = Notice(text, "error", retry=retry)
        self._changed()

    def informed(self, text: str, level: Level = "info", details: str = "") -> None:
        self.notice = Notice(text, level, details)
        self._changed()

    def dismissed(self) -> None:
        if self.notice is not None:
            self.notice = None
            self._changed()

    def said(self, status: str) -> None:
        """A one-line report in the status bar (what just happened)."""
        self.status = status
        self._changed()


def enabled_commands(session: Session) -> frozenset[Command]:
    """Which of the window's commands can run now: the one rule, for menus and buttons."""
    clip = session.has_clip
    saving = session.is_saving
    # A page with no article gives an empty clip: nothing to save until something is typed.
    empty = session.loaded is not None and session.loaded.no_article is not None \
        and session.draft is not None and not session.draft.body.strip()
    rules: dict[Command, bool] = {
        "save": clip and not saving and not empty,
        "save_as": clip and not saving,
        "copy_markdown": clip,
        "toggle_markdown": clip,
        "stop": session.is_loading or saving or session.is_fetching_images
        or "queue" in session.busy,
        "reload": session.source is not None,
        "next_queued": bool(session.queue),
        "load_images": clip and bool(session.image_urls()),
        "find": clip,
        "reextract": session.has_saved_page and not saving,
        "undo": session.last_trashed is not None,
        "open_original": clip and session.original_address() is not None,
        "save_queued": bool(session.queue) and "queue" not in session.busy,
    }
    return frozenset(command for command, on in rules.items() if on)
