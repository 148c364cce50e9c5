"""Window size, splitter position and last folders, kept between runs.

Stored with QSettings as an ini file inside the Clipper config folder (not the
platform's registry or ~/.config/<org>), so ``CLIPPER_CONFIG_DIR`` isolates
tests and portable setups the same way it does for ``settings.json``.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from clipper.settings import config_dir

FILE_NAME = "window.ini"


def window_settings() -> QSettings:
    return QSettings(str(config_dir() / FILE_NAME), QSettings.Format.IniFormat)


def read_bytes(store: QSettings, key: str) -> QByteArray | None:
    value = store.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def read_text(store: QSettings, key: str) -> str:
    value = store.value(key)
    return value if isinstance(value, str) else ""
