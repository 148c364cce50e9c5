"""Snapshots: each clip's page as it was loaded, kept compressed inside the library.

A clip is only as good as the extractor that made it, and the page it came from
changes or disappears. So a save also keeps the page (the decoded HTML, its final
address, the time, the content type and Last-Modified) in
``<library>/.clipper/pages/<id>.html.gz``: hidden, so it stays out of a vault's notes,
and inside the library, so it syncs with it. The clip names it in its front matter by
a random id (``snapshot: "20261207-3f9a1c2b7d10"``), never by the clip's file name, so a
clip renamed or moved by another program still finds its page. Beside the id the clip
records a hash of the body as saved (``body_hash``): a later hand edit shows as a
different hash, and re-extraction leaves that clip alone.

Each file is gzip of one HTML comment line holding the metadata as JSON, then the page.
A snapshot is written once (in the save's staging folder, published with a link just
before its clip) and never changed after. Moving a clip to the trash moves its
snapshot too; when the clip comes back (from the trash, or the backups folder when
there was no trash), the first look for its snapshot brings that back as well.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from clipper.errors import LibraryError
from clipper.models import Clip, SourceKind
from clipper.urls import without_credentials

__all__ = [
    "HASH_KEY",
    "SNAPSHOT_KEY",
    "PageCopy",
    "Snapshot",
    "SnapshotMissing",
    "SnapshotTooLarge",
    "body_edited",
    "body_hash",
    "locate",
    "read_snapshot",
    "snapshot_id",
    "total_size",
]

CLIPPER_DIR = ".clipper"
PAGES_DIR = "pages"
SUFFIX = ".html.gz"
SNAPSHOT_KEY = "snapshot"
HASH_KEY = "body_hash"
MAX_COMPRESSED_BYTES = 16 * 1024 * 1024
"""A page whose snapshot would take more is not kept (the save says so): a 64 MB page of
inline pictures must not double the library's size. The Readability corpus' pages take
22 KB at the median, 107 KB at the 95th percentile (bench/snapshots)."""
MAX_PAGE_BYTES = 64 * 1024 * 1024 + 65536
"""What a snapshot may unpack to: the page size limit of a fetch, and its header line."""
_ID = re.compile(r"\d{8}-[0-9a-f]{12}")
_HEADER = "<!-- clipper-snapshot "
_CHUNK = 1 << 20
_HEADER_LIMIT = 1 << 20
"""The first line (the metadata, with where each image went) is read up to this."""
LEVEL = 6
"""gzip's default: on the Readability corpus level 9 saves 1 % more for 1.7 times the time,
level 1 takes 17 % more room (bench/snapshots)."""


class SnapshotTooLarge(Exception):
    """The compressed page would exceed ``MAX_COMPRESSED_BYTES``."""


class SnapshotMissing(LibraryError):
    """The clip names a snapshot that is nowhere (not in the library, the trash or the
    backups)."""


@dataclass
class PageCopy:
    """The page behind a clip, as loaded: what a save keeps as its snapshot."""

    html: str
    url: str | None
    """The final web address (after redirects), or the address a saved page came from;
    None when unknown. Never a path on this computer, never ``user:password@``."""
    kind: SourceKind
    """``url``, ``file`` (a saved page read from disk) or ``html`` (pasted)."""
    loaded_at: str
    content_type: str | None = None
    last_modified: str | None = None


@dataclass
class Snapshot:
    """A snapshot read back."""

    id: str
    html: str
    url: str | None
    kind: SourceKind
    loaded_at: str | None = None
    content_type: str | None = None
    last_modified: str | None = None
    images: dict[str, str] = field(default_factory=dict)
    """Image address (as the article named it) -> file name in the clip's assets folder, for
    the images the save stored: re-extraction points the new article at them."""
    path: Path | None = None

    LOCAL_STAND_IN = "file:///clipper-snapshot/page.html"
    """What a saved page is re-extracted under: a ``file:`` address, so the saved-page rules
    apply (its own pictures keep their relative paths) without naming the reader's disk."""

    @property
    def extract_url(self) -> str | None:
        return self.LOCAL_STAND_IN if self.kind == "file" else self.url

    def copy(self) -> PageCopy:
        """The page as it was given to the save, to keep again (a clip saved anew)."""
        return PageCopy(
            self.html,
            self.url,
            self.kind,
            self.loaded_at or "",
            self.content_type,
            self.last_modified,
        )


def image_key(url: str) -> str:
    """How an image is named in the snapshot: its address; a ``data:`` one by a hash."""
    if url.startswith("data:"):
        return "data:sha256:" + hashlib.sha256(url.encode("utf-8", "replace")).hexdigest()
    return url


# -- ids and hashes ------------------------------------------------------------------------------


def new_id() -> str:
    return f"{datetime.now():%Y%m%d}-{secrets.token_hex(6)}"


def snapshot_id(clip: Clip) -> str | None:
    """The snapshot id a clip names, if it names a well-formed one (the front matter is
    anybody's text: nothing else ever becomes part of a path)."""
    value = clip.extra.get(SNAPSHOT_KEY)
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


def body_hash(body: str) -> str:
    """What a clip's body is compared by: line ends and the blank lines around it do not
    count (editors change those without anyone editing)."""
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:16]


def body_edited(clip: Clip) -> bool:
    """Whether the body differs from the one saved with the snapshot (no hash: it does)."""
    recorded = clip.extra.get(HASH_KEY)
    return not isinstance(recorded, str) or recorded != body_hash(clip.body)


# -- where they are -------------------------------------------------------------------------------


def pages_dir(library: Path, create: bool = False) -> Path:
    """``<library>/.clipper/pages``; ``LibraryError`` when it is (or leads through) a link
    out of the library: no page is written or read through one."""
    root = library.resolve()
    folder = library
    for name in (CLIPPER_DIR, PAGES_DIR):
        folder = folder / name
        if create:
            try:
                folder.mkdir(exist_ok=True)
            except OSError as exc:
                raise LibraryError(f"Cannot create {folder}: {exc.strerror or exc}") from exc
        if folder.is_symlink() or (folder.exists() and not folder.resolve().is_relative_to(root)):
            raise LibraryError(
                f"{folder} is a link out of the library; Clipper keeps no page through it",
                "Remove the link: Clipper then makes the folder.",
            )
    return folder


def path_of(library: Path, ident: str) -> Path:
    if not _ID.fullmatch(ident):
        raise LibraryError(f"Not a snapshot id: {ident!r}")
    return library / CLIPPER_DIR / PAGES_DIR / f"{ident}{SUFFIX}"


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def locate(library: Path, ident: str) -> Path | None:
    """The snapshot's file, brought back from the trash or the backups folder when its clip
    came back from there without it; None when it is nowhere."""
    path = path_of(library, ident)
    try:
        pages_dir(library)
    except LibraryError:
        return None
    if _regular(path):
        return path
    from clipper.library.trash import find_deleted, take_back

    found = find_deleted(path, library)
    if found is None:
        return None
    try:
        pages_dir(library, create=True)
        take_back(found, path)
    except (OSError, LibraryError):
        return None
    return path if _regular(path) else None


def total_size(library: Path) -> tuple[int, int]:
    """(snapshots, bytes) in the library: what Settings reports."""
    count = size = 0
    try:
        entries = list(os.scandir(library / CLIPPER_DIR / PAGES_DIR))
    except OSError:
        return 0, 0
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False):
                count += 1
                size += entry.stat(follow_symlinks=False).st_size
    return count, size


def page_addresses(library: Path) -> Iterator[tuple[str, str]]:
    """``(id, address)`` of each kept page loaded from the web, from its first line only:
    a reading list names the address a page was loaded from, while its clip's ``source`` is
    the page's own (canonical) address, so an import asks here too."""
    try:
        folder = pages_dir(library)
        entries = list(os.scandir(folder))
    except (OSError, LibraryError):
        return
    for entry in entries:
        ident = entry.name.removesuffix(SUFFIX)
        if not entry.name.endswith(SUFFIX) or not _ID.fullmatch(ident):
            continue
        try:
            with _open(Path(entry.path)) as raw, gzip.GzipFile(fileobj=raw, mode="rb") as packed:
                line = packed.readline(_HEADER_LIMIT).decode("utf-8", "replace")
            if not line.startswith(_HEADER):
                continue
            meta = json.loads(line[len(_HEADER):].strip().removesuffix("-->"))
        except (OSError, EOFError, zlib.error, ValueError):
            continue
        if isinstance(meta, dict) and meta.get("kind") == "url" \
                and isinstance(meta.get("url"), str):
            yield ident, meta["url"]


# -- writing --------------------------------------------------------------------------------------


def _header(meta: dict[str, Any]) -> str:
    # "<", ">" and "&" escaped: the JSON can never end the comment it sits in.
    text = json.dumps(meta, ensure_ascii=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"{_HEADER}{text} -->\n"


def write_staged(page: PageCopy, images: dict[str, str], folder: Path, ident: str) -> Path:
    """Write the snapshot into ``folder`` (a save's staging folder); its path.

    ``SnapshotTooLarge`` when it would take more than ``MAX_COMPRESSED_BYTES`` (nothing is
    left behind); ``OSError`` when it cannot be written.
    """
    meta = {
        "clipper_snapshot": 1,
        "id": ident,
        "kind": page.kind,
        "url": without_credentials(page.url) if page.url else None,
        "loaded_at": page.loaded_at,
        "content_type": page.content_type,
        "last_modified": page.last_modified,
        "images": images,
    }
    target = folder / f"{ident}{SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    raw = os.fdopen(os.open(target, flags, 0o666), "wb")
    try:
        with (
            raw,
            gzip.GzipFile(
                filename="", mode="wb", fileobj=raw, compresslevel=LEVEL, mtime=0
            ) as packed,
        ):
            packed.write(_header(meta).encode("utf-8"))
            html = page.html
            for start in range(0, len(html), _CHUNK):  # a 60 MB page is not encoded at once
                packed.write(html[start : start + _CHUNK].encode("utf-8", "replace"))
                if raw.tell() > MAX_COMPRESSED_BYTES:
                    raise SnapshotTooLarge()
            packed.flush()
            raw.flush()
            os.fsync(raw.fileno())
        if target.stat().st_size > MAX_COMPRESSED_BYTES:
            raise SnapshotTooLarge()
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    return target


def publish(staged: Path, library: Path, ident: str) -> Path:
    """Put a staged snapshot in place (never over an existing file); its path."""
    pages = pages_dir(library, create=True)
    target = pages / f"{ident}{SUFFIX}"
    try:
        os.link(staged, target)
    except FileExistsError:
        raise LibraryError(f"A snapshot {target.name} exists already") from None
    except OSError:
        if os.path.lexists(target):
            raise LibraryError(f"A snapshot {target.name} exists already") from None
        shutil.copyfile(staged, target)  # no hard links on this disk (FAT, some shares)
    return target


def unpublish(path: Path) -> None:
    """Take back a snapshot whose clip did not appear (and the folders made for it, when
    nothing else is in them)."""
    if _regular(path) and _ID.fullmatch(path.name.removesuffix(SUFFIX)):
        with contextlib.suppress(OSError):
            os.unlink(path)
        with contextlib.suppress(OSError):
            path.parent.rmdir()
            path.parent.parent.rmdir()


# -- reading --------------------------------------------------------------------------------------


def _open(path: Path) -> IO[bytes]:
    """The file, never through a symlink, only if it is a regular file."""
    flags = (
        os.O_RDONLY
        | getattr(os, "O_BINARY", 0)
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
    )
    handle = os.fdopen(os.open(path, flags), "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise OSError(f"{path.name} is not a regular file")
    return handle


def _chunks(packed: gzip.GzipFile) -> Iterator[bytes]:
    total = 0
    while chunk := packed.read(_CHUNK):
        total += len(chunk)
        if total > MAX_PAGE_BYTES:
            raise LibraryError("The snapshot unpacks to more than a page may hold; it is not read")
        yield chunk


def read_snapshot(library: Path, ident: str) -> Snapshot:
    """The snapshot ``ident`` of ``library`` (brought back from the trash if need be);
    ``LibraryError`` when it is missing, damaged or not what Clipper writes."""
    path = locate(library, ident)
    if path is None:
        raise SnapshotMissing(
            f"The page this clip was saved with ({ident}) is not in the library",
            "It may have been deleted; the clip itself is fine.",
        )
    try:
        with _open(path) as raw, gzip.GzipFile(fileobj=raw, mode="rb") as packed:
            data = b"".join(_chunks(packed))
    except (OSError, EOFError, zlib.error) as exc:
        raise LibraryError(
            f"The saved page {path.name} cannot be read: {getattr(exc, 'strerror', None) or exc}"
        ) from exc
    text = data.decode("utf-8", "replace")
    del data
    meta: dict[str, Any] = {}
    if text.startswith(_HEADER):
        line, _, text = text.partition("\n")
        with contextlib.suppress(ValueError):
            loaded = json.loads(line[len(_HEADER) :].removesuffix(" -->"))
            meta = loaded if isinstance(loaded, dict) else {}
    kind: SourceKind = meta["kind"] if meta.get("kind") in ("url", "file", "html") else "html"
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    images = meta.get("images")
    if not isinstance(images, dict):
        images = {}
    return Snapshot(
        id=ident,
        html=text,
        url=url,
        kind=kind,
        loaded_at=_text(meta.get("loaded_at")),
        content_type=_text(meta.get("content_type")),
        last_modified=_text(meta.get("last_modified")),
        images={
            str(k): str(v)
            for k, v in images.items()
            if isinstance(v, str) and "/" not in v and "\\" not in v and not v.startswith(".")
        },
        path=path,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
