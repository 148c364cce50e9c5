"""User settings, declared once and stored as JSON in the platformdirs config folder.

The file carries a ``version`` so a later release can upgrade an old file;
unknown keys are kept, broken files fall back to defaults instead of failing.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from clipper import APP_NAME
from clipper.errors import LibraryError

SETTINGS_VERSION = 1
CONFIG_ENV = "CLIPPER_CONFIG_DIR"
CACHE_ENV = "CLIPPER_CACHE_DIR"
LIBRARY_ENV = "CLIPPER_LIBRARY"


@dataclass
class Settings:
    library: str = ""
    """Library folder; empty means the default (documents folder / Clipper)."""
    default_tags: list[str] = field(default_factory=lambda: ["clippings"])
    download_images: bool = True
    """Save the article's images next to the clip so they survive link rot."""
    version: int = SETTINGS_VERSION


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
    settings = Settings()
    for f in fields(Settings):
        if f.name == "version" or f.name not in raw:
            continue
        value = raw[f.name]
        default = getattr(settings, f.name)
        if isinstance(default, bool):
            if isinstance(value, bool):
                setattr(settings, f.name, value)
        elif isinstance(default, list):
            if isinstance(value, list):
                setattr(settings, f.name, [str(v) for v in value if str(v).strip()])
        elif isinstance(value, str):
            setattr(settings, f.name, value)
    return settings


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
