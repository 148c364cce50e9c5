"""Downloading a clip's images next to it, so the clip survives link rot.

Images are fetched in parallel (a few at a time, with a Referer, a per-image and
a total size cap and the fetch module's timeouts), checked by their bytes, and
stored under short stable names (content hash + real extension). Nothing here
can fail a clip: an image that cannot be had keeps its remote URL and is
reported. A page read from the web may not name local files: ``file://``,
absolute and relative paths are never read and are taken out of the clip; only a
saved page opened from disk (``page_dir``) may use images from its own folder, and
those are copied into the clip's assets or taken out: a clip never keeps a path to
the reader's disk.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import stat
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal
from urllib.parse import quote, unquote, unquote_to_bytes, urlsplit

from clipper.errors import CancelledError, ClipperError
from clipper.fetch import Limits, http_get
from clipper.images.refs import ImageRef, find_image_refs, rewrite_images
from clipper.images.sniff import sanitize_svg, sniff
from clipper.models import file_url_to_path
from clipper.progress import ProgressFn, check_cancel

MAX_IMAGE_BYTES = 20 * 1024 * 1024
"""One image, downloaded, copied or decoded from a ``data:`` URL."""
MAX_TOTAL_BYTES = 200 * 1024 * 1024
IMAGES_DEADLINE = 45.0
"""Seconds for all of one clip's images together: what is not in by then stays remote, so
a hundred images trickling in one byte at a time cannot hold a save for minutes."""
WORKERS = 4
IMAGE_LIMITS = Limits(connect_timeout=10.0, read_timeout=15.0, deadline=45.0, max_redirects=5,
                      max_bytes=MAX_IMAGE_BYTES)
IMAGE_ACCEPT = "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5"
HASH_CHARS = 12
"""Hex digits of SHA-256 in a file name: short to read, 48 bits never collide in one clip."""



@dataclass
class ImageOutcome:
    url: str
    file: str | None = None
    """Name of the file in the assets folder, when saved."""
    error: str | None = None
    """Why the image stays remote (or was taken out)."""
    drop: bool = False
    """Take the image out of the clip: a tracking pixel, or a local file a web page named."""


@dataclass
class LocalImages:
    """The images of one clip body, fetched into a staging folder."""

    body: str
    refs: list[ImageRef]
    outcomes: dict[str, ImageOutcome] = field(default_factory=dict)
    staged: dict[str, Path] = field(default_factory=dict)
    """File name -> staged file, moved into ``<clip>.assets/`` by the library."""
    timed_out: float | None = None
    """The deadline in seconds, when it passed before every image was in."""

    @property
    def saved(self) -> int:
        return sum(1 for o in self.outcomes.values() if o.file)

    def _in_page_order(self) -> list[tuple[str, ImageOutcome]]:
        """Downloads finish in any order; reports list images as the article shows them."""
        order = {url: i for i, url in enumerate(dict.fromkeys(ref.url for ref in self.refs))}
        return sorted(self.outcomes.items(), key=lambda item: order.get(item[0], len(order)))

    @property
    def failed(self) -> list[str]:
        """URLs kept remote because they could not be downloaded."""
        return [url for url, o in self._in_page_order() if o.error and not o.drop]

    @property
    def remote(self) -> list[str]:
        """Web images the clip keeps on the web: failed, or not fetched (downloads off)."""
        return [url for url in dict.fromkeys(ref.url for ref in self.refs)
                if _kind(url) == "web"
                and not ((o := self.outcomes.get(url)) is not None and (o.file or o.drop))]

    @property
    def errors(self) -> dict[str, str]:
        """Every URL that was not saved, with the reason (failed and taken out)."""
        return {url: o.error for url, o in self._in_page_order() if o.error}

    def body_for(self, assets_dir: str) -> str:
        """The body with saved images pointing into ``assets_dir``, a folder name or a
        relative path with ``/`` (each part URL-encoded here)."""
        prefix = "/".join(quote(part, safe="") for part in assets_dir.split("/")) + "/"

        def decide(ref: ImageRef) -> str | Literal[False] | None:
            outcome = self.outcomes.get(ref.url)
            if outcome is None:
                return False
            if outcome.drop:
                return None
            if outcome.file:
                return prefix + quote(outcome.file)
            return False

        return rewrite_images(self.body, self.refs, decide)


_SCHEME = re.compile(r"[\x00-\x20]*([A-Za-z][A-Za-z0-9+.-]*):")


def _kind(url: str) -> str:
    m = _SCHEME.match(url)  # not urlsplit: it raises on "http://[x", which may be in a body
    scheme = m.group(1).lower() if m else ""
    if scheme in ("http", "https"):
        return "web"
    if scheme == "data":
        return "data"
    if scheme == "file" or not scheme or (len(scheme) == 1 and url[1:3] in (":\\", ":/")):
        return "local"  # file://, /abs, C:\x, ../rel, rel
    return "other"


def referer_for(page: str, image: str) -> str:
    """The page's address for its own images, only its origin for other hosts: what
    browsers send by default, so the article's full address (and any token in it) does
    not go to every image host."""
    try:
        a, b = urlsplit(page), urlsplit(image)
        if (a.scheme.lower(), a.hostname, a.port) == (b.scheme.lower(), b.hostname, b.port):
            return page
        return f"{a.scheme}://{a.netloc.rpartition('@')[2]}/"
    except ValueError:  # a malformed address: no Referer is better than a wrong one
        return ""


def _local_file(url: str, page_dir: Path) -> Path | None:
    """The file a local page's image names, if it lies inside the page's folder."""
    try:
        raw = file_url_to_path(url) if url.lower().startswith("file:") \
            else unquote(url.split("#")[0].split("?")[0])
    except ClipperError:
        return None
    if "\x00" in raw:  # "a%00.png": no such file, and os calls raise ValueError
        return None
    path = Path(raw)
    if not path.is_absolute():
        path = page_dir / path
    root = page_dir.resolve()
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return None
    if resolved == root or not resolved.is_relative_to(root):
        return None
    return resolved


def _decode_data_url(url: str, cap: int) -> bytes | None:
    """The bytes of a ``data:`` URL; ``_TooLarge`` before any copy when they cannot fit."""
    comma = url.find(",")
    if comma == -1:
        return None
    base64_coded = url[:comma].lower().endswith(";base64")
    chars = len(url) - comma - 1
    if (chars * 3 // 4 if base64_coded else chars // 3) > cap:
        raise _TooLarge()  # even the smallest reading of it is over the cap
    payload = url[comma + 1:]
    try:
        if base64_coded:
            data = base64.b64decode(payload + "=" * (-len(payload) % 4), validate=False)
        else:
            data = unquote_to_bytes(payload)
    except ValueError:
        return None
    if len(data) > cap:
        raise _TooLarge()
    return data


class _TooLarge(Exception):
    pass


def _read_capped(path: Path, cap: int) -> bytes:
    """A local image's bytes; only a regular file is opened (a FIFO would block the open,
    a device never end), and O_NONBLOCK keeps a FIFO swapped in meanwhile from blocking."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise ClipperError("not a regular file")
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ClipperError("not a regular file")
        if info.st_size > cap:
            raise ClipperError(f"larger than the {cap // (1024 * 1024)} MB image limit")
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise ClipperError(f"larger than the {cap // (1024 * 1024)} MB image limit")
    return data


class _Budget:
    """Total bytes saved for one clip, shared by the download threads."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.used = 0
        self.lock = threading.Lock()

    def take(self, size: int) -> bool:
        with self.lock:
            if self.used + size > self.cap:
                return False
            self.used += size
            return True


def localize_images(body: str, staging: Path | None, *, referer: str | None = None,  # noqa: C901 -- the worker closures share one deadline, budget and stop event; the count is theirs
                    page_dir: Path | None = None, download: bool = True,
                    progress: ProgressFn | None = None,
                    cancel: threading.Event | None = None,
                    limits: Limits | None = None, total_cap: int | None = None,
                    deadline: float | None = None, workers: int = WORKERS) -> LocalImages:
    """Find the body's images, fetch what may be fetched into ``staging``, decide the rest.

    ``deadline`` (default ``IMAGES_DEADLINE``) bounds the whole: images not in by then
    stay remote, with the reason. A ``data:`` image is always written to a file (it needs
    no download) or, when it cannot be (over a cap, not an image), left out with a note:
    never kept inline, where one can be megabytes of text. With ``download=False``
    nothing is fetched, but local files a web page names are still taken out. Raises
    ``CancelledError`` when ``cancel`` is set.
    """
    limits = limits or replace(IMAGE_LIMITS, max_bytes=MAX_IMAGE_BYTES)
    total_cap = MAX_TOTAL_BYTES if total_cap is None else total_cap
    deadline = IMAGES_DEADLINE if deadline is None else deadline
    refs = find_image_refs(body)
    result = LocalImages(body=body, refs=refs)
    todo: dict[str, None] = {}  # in order, each URL once
    for ref in refs:
        if ref.url in result.outcomes or ref.url in todo:
            continue
        kind = _kind(ref.url)
        if ref.tiny and kind != "local":
            result.outcomes[ref.url] = ImageOutcome(ref.url, drop=True,
                                                    error="tracking pixel (1×1)")
        elif kind == "other":
            result.outcomes[ref.url] = ImageOutcome(
                ref.url, drop=True, error="not an image address Clipper can fetch")
        elif kind == "local" and (page_dir is None or _local_file(ref.url, page_dir) is None):
            why = ("a web page may not name files on this computer" if page_dir is None
                   else "outside the saved page's folder")
            result.outcomes[ref.url] = ImageOutcome(ref.url, drop=True, error=why)
        elif kind == "local" and not (download and staging is not None):
            # A path on this computer means nothing in the library: copied, or taken out.
            result.outcomes[ref.url] = ImageOutcome(
                ref.url, drop=True, error="a saved page's own image is kept only when "
                "images are downloaded")
        elif staging is not None and (download or kind == "data"):
            todo[ref.url] = None
        elif kind == "data":
            result.outcomes[ref.url] = ImageOutcome(ref.url, drop=True,
                                                    error="a data: image with nowhere to go")
    if not todo:
        return result

    budget = _Budget(total_cap)
    ends = time.monotonic() + deadline
    stop = threading.Event()
    """Set when the deadline passes (or on cancel): every download in flight gives up."""
    late = f"the {deadline:g} s for this clip's images ran out"

    def one(url: str) -> ImageOutcome:
        kind = _kind(url)
        outcome = fetch_one(url, kind)
        if outcome.error and kind == "local":
            outcome.drop = True  # never a path on this computer in the clip
        if kind == "data" and not outcome.file:  # never inline: left out, with the reason
            outcome.drop = True
        return outcome

    def fetch_one(url: str, kind: str) -> ImageOutcome:
        if stop.is_set():
            return ImageOutcome(url, error=late)
        try:
            if kind == "data":
                try:
                    data = _decode_data_url(url, limits.max_bytes)
                except _TooLarge:
                    return ImageOutcome(url, error="larger than the "
                                        f"{_megabytes(limits.max_bytes)} image size limit")
                if data is None:
                    return ImageOutcome(url, error="unreadable data: URL")
            elif kind == "local":
                assert page_dir is not None
                local = _local_file(url, page_dir)
                if local is None:
                    return ImageOutcome(url, drop=True, error="outside the saved page's folder")
                data = _read_capped(local, limits.max_bytes)
            else:
                headers = {"Accept": IMAGE_ACCEPT}
                sent = referer_for(referer, url) if referer and _kind(referer) == "web" else ""
                if sent:
                    headers["Referer"] = sent
                left = ends - time.monotonic()
                if left <= 0:
                    return ImageOutcome(url, error=late)
                data = http_get(url, limits=replace(limits, deadline=min(limits.deadline, left)),
                                headers=headers, cancel=stop).body
            return _store(url, data, staging, budget)  # type: ignore[arg-type]
        except CancelledError:
            if cancel is not None and cancel.is_set():
                raise
            return ImageOutcome(url, error=late)
        except ClipperError as exc:
            if time.monotonic() >= ends:
                return ImageOutcome(url, error=late)
            return ImageOutcome(url, error=str(exc).rstrip("."))
        except OSError as exc:
            return ImageOutcome(url, error=exc.strerror or str(exc))

    done = 0
    if progress:
        progress("images", 0, len(todo))
    workers = max(1, min(workers, len(todo)))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clipper-image")
    queued = iter(todo)
    try:
        # Only a few futures at a time: wait() costs time in the number it watches, and a
        # page may hold thousands of images.
        pending: dict[Future[ImageOutcome], str] = {}
        while True:
            while len(pending) < 2 * workers and (waiting := next(queued, None)) is not None:
                pending[pool.submit(one, waiting)] = waiting
            if not pending:
                break
            finished, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            if cancel is not None and cancel.is_set():
                stop.set()
                check_cancel(cancel)
            if time.monotonic() >= ends:
                stop.set()  # in-flight downloads end within a fraction of a second
            for future in finished:
                url = pending.pop(future)
                outcome = future.result()
                result.outcomes[url] = outcome
                if outcome.file and staging is not None:
                    result.staged[outcome.file] = staging / outcome.file
                done += 1
                if progress:
                    progress("images", done, len(todo))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if any(o.error == late for o in result.outcomes.values()):
        result.timed_out = deadline
    return result


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"


def _store(url: str, data: bytes, staging: Path, budget: _Budget) -> ImageOutcome:
    info = sniff(data)
    if info is None:
        looks = data[:512].lstrip().lower()
        what = "a web page" if looks.startswith((b"<!doctype html", b"<html")) else "not an image"
        return ImageOutcome(url, error=f"the server sent {what}, not an image")
    if info.is_tracking_pixel:
        return ImageOutcome(url, drop=True, error="tracking pixel (1×1)")
    if info.kind == "svg":
        cleaned = sanitize_svg(data)
        if cleaned is None:
            return ImageOutcome(url, error="broken SVG")
        data = cleaned
    if not budget.take(len(data)):
        return ImageOutcome(url, error=f"over the {budget.cap // (1024 * 1024)} MB total "
                                       "for one clip's images")
    name = hashlib.sha256(data).hexdigest()[:HASH_CHARS] + info.extension
    target = staging / name
    if not target.exists():  # the same picture under two URLs is stored once
        tmp = staging / f".{name}.{threading.get_ident()}.part"
        tmp.write_bytes(data)
        os.replace(tmp, target)
    return ImageOutcome(url, file=name)
