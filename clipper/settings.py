"""User settings, declared once and stored as JSON in the platformdirs config folder.

Each setting is declared once below: its name, type, default and the description the
Settings dialog shows under it. The file carries a ``version``; a file written by an older
Clipper is brought up to date by the upgrade steps (``_UPGRADES``), which write down what
that version did, so an upgrade never changes how Clipper behaves for someone who did not
ask. Broken files and values fall back to defaults instead of failing.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from clipper import APP_NAME
from clipper.errors import LibraryError

SETTINGS_VERSION = 2
CONFIG_ENV = "CLIPPER_CONFIG_DIR"
CACHE_ENV = "CLIPPER_CACHE_DIR"
LIBRARY_ENV = "CLIPPER_LIBRARY"

THEMES = ("system", "light", "dark")
ATTACHMENTS = ("beside", "subfolder", "folder")
FRONT_MATTER_TYPES = ("text", "list")


def default_front_matter() -> list[dict[str, str]]:
    """The keys every clip has had: title, source, author, published, created, site,
    description, lang, tags (``clipper.library.templates.DEFAULT_PROPERTIES``)."""
    keys = ("title", "source", "author", "published", "created", "site", "description",
            "lang", "tags")
    return [{"name": key, "value": "{url}" if key == "source" else "{" + key + "}",
             "type": "list" if key == "tags" else "text"} for key in keys]


def _about(description: str, choices: tuple[str, ...] = ()) -> dict[str, Any]:
    """A setting's description (shown under it in Settings) and its allowed values."""
    return {"description": description, "choices": choices}


@dataclass
class Settings:
    library: str = field(default="", metadata=_about(
        "The folder your clips are saved in. Empty: Clipper in your Documents folder."))
    default_tags: list[str] = field(default_factory=lambda: ["clippings"], metadata=_about(
        "The tags a new clip starts with; you can change them in the Tags field before "
        "saving."))
    download_images: bool = field(default=True, metadata=_about(
        "Save the article's images next to the clip so they survive link rot."))
    theme: str = field(default="system", metadata=_about(
        "Light or dark window and article. System follows your desktop's colour scheme as "
        "it changes.", THEMES))
    file_name: str = field(default="{title}", metadata=_about(
        "How a new clip's file is named, e.g. {published} {title} or {site} - {title}. "
        "Characters no file system takes are replaced."))
    folder: str = field(default="", metadata=_about(
        "The folder inside the library a new clip goes to, e.g. Clippings/{site} or "
        "{created:%Y}/{created:%m}. Empty: the library folder itself."))
    attachments: str = field(default="beside", metadata=_about(
        "Where a new clip's images go: in Title.assets next to it, in a subfolder of its "
        "folder, or in one folder of the library.", ATTACHMENTS))
    attachment_folder: str = field(default="attachments", metadata=_about(
        "The images' folder for the last two choices; each clip's images get a folder of "
        "their own inside it."))
    heading: bool = field(default=True, metadata=_about(
        "Start a new clip's text with its title as a # heading (Obsidian shows the title "
        "above a note anyway)."))
    front_matter: list[dict[str, str]] = field(default_factory=default_front_matter,
                                               metadata=_about(
        "The properties a new clip gets: each key's name, its value ({title}, {url}, "
        "{author}, {published}, {created}, {site}, fixed text, or both), and whether it is "
        "a list. Notes already in the library are never rewritten to follow it."))
    keep_pages: bool = field(default=True, metadata=_about(
        "Compressed, in the library's hidden .clipper/pages folder (it syncs with the "
        "library): a clip opened later shows its page again, and Re-extract makes it anew."))
    notes_callout: bool = field(default=False, metadata=_about(
        "A folded callout at the end of each new clip: what a reader of it misses (a table "
        "kept as HTML, a video kept as a link, a map left out…)."))
    version: int = SETTINGS_VERSION


def description(name: str) -> str:
    """What the Settings dialog says under a setting: declared with it, above."""
    return next(str(f.metadata.get("description", "")) for f in fields(Settings)
                if f.name == name)


def _from_version_1(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had no templates and no theme: what it did, written down."""
    raw.setdefault("theme", "system")
    raw.setdefault("file_name", "{title}")
    raw.setdefault("folder", "")
    raw.setdefault("attachments", "beside")
    raw.setdefault("attachment_folder", "attachments")
    raw.setdefault("heading", True)
    raw.setdefault("front_matter", default_front_matter())
    return raw


_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_version_1}
"""``version -> step``: each step turns a file of that version into one of the next."""


def upgrade(raw: dict[str, Any]) -> dict[str, Any]:
    """The settings of an older file as this version reads them (a file without a version
    is version 1, the first one written)."""
    version = raw.get("version", 1)
    version = version if isinstance(version, int) and version >= 1 else 1
    while version < SETTINGS_VERSION:
        raw = _UPGRADES[version](dict(raw))
        version += 1
    return raw


def config_dir() -> Path:
    """Where settings live; ``CLIPPER_CONFIG_DIR`` wins so tests never touch the real one."""
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else platformdirs.user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Where rebuildable caches (the search index) live."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else platformdirs.user_cache_path(APP_NAME, appauthor=False)


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing or unreadable file gives the defaults."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    raw = upgrade(raw)
    settings = Settings()
    for f in fields(Settings):
        if f.name == "version" or f.name not in raw:
            continue
        value = raw[f.name]
        default = getattr(settings, f.name)
        choices = f.metadata.get("choices") or ()
        if f.name == "front_matter":
            if _valid_front_matter(value):
                setattr(settings, f.name, [dict(item) for item in value])
        elif isinstance(default, bool):
            if isinstance(value, bool):
                setattr(settings, f.name, value)
        elif isinstance(default, list):
            if isinstance(value, list):
                setattr(settings, f.name, [str(v) for v in value if str(v).strip()])
        elif isinstance(value, str) and (not choices or value in choices):
            setattr(settings, f.name, value)
    return settings


def _valid_front_matter(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict) and isinstance(item.get("name"), str)
        and isinstance(item.get("value"), str) and item.get("type") in FRONT_MATTER_TYPES
        for item in value)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically so a crash never leaves half a file; ``OSError`` on failure,
    with no temporary file left behind."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(settings)
    data["version"] = SETTINGS_VERSION
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def default_library() -> Path:
    return platformdirs.user_documents_path() / APP_NAME


def resolve_library(cli_value: str | os.PathLike[str] | None = None,
                    settings: Settings | None = None) -> Path:
    """The library: ``--library``, then ``CLIPPER_LIBRARY``, then the setting, then the default."""
    for candidate in (cli_value, os.environ.get(LIBRARY_ENV),
                      (settings or load_settings()).library):
        if candidate:
            return Path(candidate).expanduser().absolute()
    return default_library()


def library_problem(path: Path) -> str | None:
    """Why ``path`` cannot be the library folder, in words (None: it can). A folder that
    does not exist yet is fine when it can be created where it would go."""
    path = path.expanduser()
    if path.exists():
        if not path.is_dir():
            return f"{path} is a file, not a folder. Choose a folder for your clips."
        if not os.access(path, os.W_OK | os.X_OK):
            return f"Clipper cannot write in {path}. Choose a folder you can write in."
        return None
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return f"{parent} is a file, so {path} cannot be created. Choose another folder."
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{path} does not exist and cannot be created in {parent}. Choose another folder."
    return None


def ensure_library(path: Path) -> Path:
    """Create the library folder if needed; a clear error when that is impossible."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        pass  # a file (or a link to one) has that name: said just below
    except OSError as exc:
        raise LibraryError(
            f"Cannot create the library folder {path}: {exc.strerror or exc}",
            "Choose another folder in Settings or with --library.",
        ) from exc
    if not path.is_dir():
        raise LibraryError(f"The library path {path} is not a folder",
                           "Choose another folder in Settings or with --library.")
    return path
