"""Loading, as one flow: a page typed, dropped, opened, pasted, queued or reloaded is read
and cleaned in the background, then shown beside its source.

It owns the load task and the follow-up that colours the source and renders the page
safely, asks before unsaved edits are replaced, and reports to the session.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

from clipper.errors import CancelledError, ClipperError
from clipper.models import Clip, Source

from . import jobs, tasks
from .drops import mime_formats
from .messages import error_text, skipped_text, worth_retrying
from .mime import Dropped, source_from_clipboard
from .session import Session
from .source_tokens import display_text

if TYPE_CHECKING:
    from clipper.pipeline import Loaded

    from .tasks import Task
    from .widgets.article_editor import ArticleEditor
    from .widgets.raw_view import RawView


def starting_tags(settings: Any) -> list[str]:
    """The Tags field of a new page: Settings' default tags and the template's fixed ones
    (imported lazily: the template code is not needed to start the window)."""
    from clipper.library.templates import starting_tags as from_settings

    return from_settings(settings)


def downloads_folder() -> str:
    """Where a first Open File starts: saved pages land in Downloads (not the library)."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


class Confirm(Protocol):
    """Ask about unsaved edits before ``doing``; then ``proceed`` (now or once saved), or
    ``cancelled`` (``SaveFlow.confirm_discard``)."""

    def __call__(self, doing: str, proceed: Callable[[], None],
                 cancelled: Callable[[], None] | None = None) -> None: ...


class LoadFlow(QObject):
    shown = Signal()
    """A page (or clip) is shown and ready to save."""
    failed = Signal(str)
    leaving_page = Signal()
    """Another page is on its way (or none will be behind the clip): its images are not."""

    def __init__(self, session: Session, parent: QWidget, *, confirm: Confirm,
                 raw_view: RawView, article: ArticleEditor, address: QLineEdit,
                 default_tags: Callable[[], list[str]],
                 library: Callable[[], Path] | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._confirm = confirm
        self._raw_view = raw_view
        self._article = article
        self._address = address
        self._default_tags = default_tags
        self._library = library
        self._rules_off = False
        """Site rules turned off for the page shown (the next page has them again)."""
        article.rules.switched.connect(self.use_rules)
        from .pick_flow import PickFlow

        self.picker = PickFlow(session, parent, raw_view=raw_view, confirm=confirm,
                               library=library, rules_off=lambda: self._rules_off,
                               show=self._show)
        self.task: Task[Any] | None = None
        """The running load, if any."""
        self._raw_task: Task[Any] | None = None
        self._raw_pending: Callable[[], None] | None = None
        self._variants: dict[bool, jobs.SourceVariant] = {}
        """The current page's source as written (False) and pretty-printed (True)."""
        self._stored: dict[str, bytes] = {}
        """Images of a clip's kept page that the clip stored: shown in the Page tab at once."""
        raw_view.pretty_toggled.connect(self.show_pretty)
        self.last_open_dir = ""

    # -- what to load ------------------------------------------------------------------------

    def open_arguments(self, arguments: list[str]) -> None:
        """Pages from the command line (or a second instance): the first loads, the rest queue."""
        dropped = Dropped()
        problems = []
        for argument in arguments:
            try:
                dropped.sources.append(Source.from_argument(argument))
            except ClipperError as exc:
                problems.append(str(exc))
        self.open_sources(dropped)
        if problems:
            self._session.failed(" ".join(problems))

    def load_argument(self, text: str) -> None:
        """What was typed in the address field, Enter pressed."""
        try:
            source = Source.from_argument(text)
        except ClipperError as exc:
            self._session.failed(str(exc))
            return
        self.load_source(source)

    def load_source(self, source: Source) -> None:
        self._confirm("loading another page", partial(self.start, source))

    def open_sources(self, dropped: Dropped) -> None:
        """Dropped or given together: the first loads, the rest wait in the queue."""

        def say_skipped() -> None:
            if dropped.skipped:
                self._session.informed(skipped_text(dropped.skipped), "warning")

        if not dropped.sources:
            say_skipped()
            return
        first, rest = dropped.sources[0], dropped.sources[1:]

        def go() -> None:
            self._session.queue_first(rest)
            self.start(first)
            say_skipped()

        self._confirm("loading another page", go)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._parent, "Open a Saved Web Page", self.last_open_dir or downloads_folder(),
            "Web pages (*.html *.htm *.xhtml *.shtml);;All files (*)")
        if path:
            self.last_open_dir = str(Path(path).parent)
            self.load_source(Source("file", path))

    def paste(self) -> None:
        """Ctrl+V outside a text field: a copied address loads, copied HTML is clipped."""
        mime = QApplication.clipboard().mimeData()
        source = source_from_clipboard(mime_formats(mime)) if mime is not None else None
        if source is None:
            self._session.informed("The clipboard holds no web address or HTML to clip.")
            return
        self.load_source(source)

    def load_next_queued(self) -> None:
        if not self._session.queue:
            return

        def go() -> None:
            source = self._session.next_queued()
            if source is not None:
                self.start(source)

        self._confirm("loading the next page", go)

    def reload(self) -> None:
        if self._session.source is not None:
            self.load_source(self._session.source)

    def source_set(self, url: str) -> None:
        """The Source field of pasted HTML was given an address: the HTML is read again
        against it, so its relative links and images point somewhere."""
        loaded = self._session.loaded
        if loaded is None or loaded.source.kind != "html" or url == loaded.source.url \
                or not url.lower().startswith(("http://", "https://")):
            return
        source = Source.from_html(loaded.source.value, url)
        if self._session.only_source_edited():
            self.start(source)
        else:
            self._confirm("reading the pasted HTML again with this address",
                          partial(self.start, source))

    # -- the load ----------------------------------------------------------------------------

    def start(self, source: Source) -> None:
        """Load ``source`` now (whatever is running is dropped)."""
        self._cancel_all()
        self._session.load_started(source)
        self._rules_off = False
        library = self._library() if self._library is not None else None
        self.task = tasks.run_in_background(
            partial(jobs.load_page, source, library=library), on_done=self._on_loaded,
            on_error=partial(self._on_failed, source),
            on_progress=partial(self._session.progressed, "load"), name="load")

    def _cancel_all(self) -> None:
        for task in (self.task, self._raw_task):
            if task is not None:
                task.cancel()
        self.task = self._raw_task = None
        self.leaving_page.emit()

    def stop(self) -> bool:
        """Esc; True if a load was running."""
        running = self.task is not None and self.task.running
        if self.task is not None:
            self.task.cancel()
        self.task = None
        return running

    def raw_view_ready(self) -> bool:
        """The source colours and the page rendering have arrived (they follow the article)."""
        return self._raw_pending is None and (self._raw_task is None
                                              or not self._raw_task.running)

    def use_rules(self, on: bool) -> None:
        """The rules bar's button: the page shown, cleaned again with or without the site
        rules (asked first when the article was edited)."""
        loaded = self._session.loaded
        if loaded is None or self.task is not None:
            return

        def go() -> None:
            library = self._library() if self._library is not None else None
            self._session.load_started(loaded.source)
            self.task = tasks.run_in_background(
                partial(jobs.extract_again, loaded, library, on),
                on_done=partial(self._on_extracted_again, not on),
                on_error=partial(self._on_failed, loaded.source), name="extract again")

        what = "applying the site rules" if on else "showing the page without its site rules"
        self._confirm(what, go)

    def _on_extracted_again(self, off: bool, loaded: Loaded) -> None:
        self.task = None
        self._session.load_ended()
        self._rules_off = off
        self._show(loaded)

    def _on_failed(self, source: Source, error: BaseException) -> None:
        self.task = None
        if isinstance(error, CancelledError):
            self._session.load_cancelled()
            return
        text = error_text(error, "loading the page")
        self._session.load_failed(source, text, retry=worth_retrying(error))
        self.failed.emit(text)

    def _on_loaded(self, loaded: Loaded) -> None:
        self.task = None
        if not self._session.edited_while_loading():
            self._show(loaded)
            return
        # Edited while the page loaded: the question asked before loading did not cover it.
        self._session.load_ended()

        def show() -> None:
            if not self._session.is_loading:  # unless another page is on its way by now
                self._show(loaded)

        self._confirm("showing the page just loaded", show, self._session.page_declined)

    def _show(self, loaded: Loaded) -> None:
        article = loaded.article
        clip = Clip.from_article(article, tags=list(self._default_tags()))
        if not clip.source and loaded.source.kind == "html":
            clip.source = loaded.source.url
        if not clip.source and loaded.page.url and loaded.page.url.startswith("http"):
            clip.source = loaded.page.url
        self._session.page_shown(loaded, clip)
        if loaded.rules_problem:
            self._session.informed(f"Site rules not applied: {loaded.rules_problem}",
                                   "warning")
        if loaded.no_article:
            self._session.informed(
                f"{loaded.no_article} The page loaded: its source is on the left. Type or "
                "paste what you want to keep in the Markdown tab, or open one of its links.",
                "warning")
        self._show_views(loaded)
        if QApplication.focusWidget() in (self._address, None):
            # as in a browser: Enter leaves the address; Ctrl+V now loads the next page
            self._article.focus_view()
        self.shown.emit()

    def show_saved_page(self, saved: jobs.SavedPage) -> None:
        """A clip's page as it was loaded (its snapshot), beside the clip opened from the
        library: its source tinted, its rendering with the images the clip stored."""
        self._cancel_all()
        self._session.page_kept(saved.loaded)
        self._show_views(saved.loaded, saved.images)

    def _show_views(self, loaded: Loaded, stored: dict[str, bytes] | None = None) -> None:
        # Tinted once the background work has found which lines' text is in the article.
        generation = self._raw_view.show_source(display_text(loaded.html), [])
        self._article.notes.set_notes(loaded.article.notes)
        self._article.rules.show_rules(loaded.article.site_rules, self._rules_off)
        kept = loaded.copy_of
        self._raw_view.set_saved_copy(kept.loaded_at if kept is not None else None)
        self._variants = {}
        self._stored = stored or {}
        if self._raw_task is not None:
            self._raw_task.cancel()
        self._raw_task = None
        # Colours and the page rendering come next, once the article has been painted:
        # started now, the worker's Python would compete for the GIL with that paint.
        self._raw_pending = partial(self._start_raw_view, loaded, generation)
        QTimer.singleShot(0, self, self._run_raw_pending)

    def _run_raw_pending(self) -> None:
        pending, self._raw_pending = self._raw_pending, None
        if pending is not None:
            pending()

    def _start_raw_view(self, loaded: Loaded, generation: int) -> None:
        if loaded is not self._session.loaded:
            return  # another page came meanwhile
        self._raw_task = tasks.run_in_background(
            partial(jobs.prepare_raw_view, loaded.html, loaded.page.url, loaded.page.local_dir,
                    loaded.article),
            on_done=partial(self._on_raw_ready, generation), on_error=self._on_raw_failed,
            name="raw view")

    def _on_raw_ready(self, generation: int, extras: jobs.RawExtras) -> None:
        self._raw_task = None
        self._variants = {False: extras.source}
        if extras.pretty is not None:
            self._variants[True] = extras.pretty
        self._raw_view.show_variant(generation, extras.pretty or extras.source)
        self._session.page_prepared(extras.page.images)
        self._raw_view.set_page_html(generation, extras.page.html,
                                     bool(self._session.image_urls()))
        if self._stored:
            from .widgets.safe_browser import image_from_bytes

            self._raw_view.page.add_images(
                {url: image for url, data in self._stored.items()
                 if (image := image_from_bytes(data)) is not None})

    def show_pretty(self, pretty: bool) -> None:
        """The Pretty toggle: the source pretty-printed or as written (made once, then kept)."""
        loaded, generation = self._session.loaded, self._raw_view.generation()
        if loaded is None:
            return
        if pretty in self._variants:
            self._raw_view.show_variant(generation, self._variants[pretty])
            return

        def ready(variant: jobs.SourceVariant) -> None:
            if loaded is self._session.loaded:
                self._variants[pretty] = variant
                self._raw_view.show_variant(generation, variant)

        self._raw_task = tasks.run_in_background(
            partial(jobs.source_variant, loaded.html, loaded.article, pretty),
            on_done=ready, on_error=self._on_raw_failed, name="pretty source")

    def _on_raw_failed(self, error: BaseException) -> None:
        self._raw_task = None
        if not isinstance(error, CancelledError):
            self._session.informed(
                error_text(error, "preparing the page's source and rendering") + " The "
                "article is not affected; the Source and Page tabs may show less.", "warning")

    def forget_page(self, source: str | None) -> None:
        """No page behind what is shown: F5 loads the clip's address again, if it has one."""
        self._cancel_all()
        self._raw_pending = None
        web = source if source and source.lower().startswith(("http://", "https://")) else None
        self._session.page_forgotten(web)
        self._article.notes.set_notes([])
        self._article.rules.show_rules([], False)
        self._raw_view.set_saved_copy(None)
        self._raw_view.clear("This clip was opened from your library; its web page is not "
                             "loaded." + (" Reload (F5) fetches it again." if web else ""))
