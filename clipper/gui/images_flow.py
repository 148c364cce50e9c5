"""The page's images, fetched only when asked ("Load Images"): until then nothing remote loads.

It owns the fetch task and hands the pictures to both views of the page (the safe
rendering and the article preview).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from clipper.errors import CancelledError

from . import jobs, tasks
from .messages import error_text
from .session import Session
from .widgets.safe_browser import SafeBrowser, image_from_bytes

if TYPE_CHECKING:
    from .tasks import Task


class ImagesFlow(QObject):
    def __init__(self, session: Session, parent: QObject, *, views: tuple[SafeBrowser, ...]
                 ) -> None:
        super().__init__(parent)
        self._session = session
        self._views = views
        self._task: Task[Any] | None = None

    def load_images(self) -> None:
        session = self._session
        urls = session.image_urls()
        if not urls or session.loaded is None:
            return
        self.stop()
        page = session.loaded.page
        referer = page.url if page.url and page.url.startswith("http") else None
        session.images_started()
        self._task = tasks.run_in_background(
            partial(jobs.fetch_images, urls, referer, page.local_dir),
            on_done=self._on_images, on_error=self._on_failed,
            on_progress=partial(session.progressed, "images"), name="images")

    def _on_images(self, blobs: dict[str, bytes]) -> None:
        self._task = None
        images = {url: img for url, data in blobs.items()
                  if (img := image_from_bytes(data)) is not None}
        for view in self._views:
            view.add_images(images)
        self._session.images_loaded(len(images))

    def _on_failed(self, error: BaseException) -> None:
        self._task = None
        cancelled = isinstance(error, CancelledError)
        self._session.images_failed(None if cancelled else error_text(error, "loading images"))

    def stop(self) -> bool:
        """Stop a fetch (Esc, or another page); True if one was running."""
        running = self._task is not None and self._task.running
        if self._task is not None:
            self._task.cancel()
        self._task = None
        return running
