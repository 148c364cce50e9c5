"""Settings: a JSON file that survives crashes, bad edits and failed writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clipper.settings import Settings, load_settings, resolve_library, save_settings


def test_round_trip_and_unknown_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(library="/x/lib", default_tags=["a", "b"], download_images=False),
                  path)
    assert load_settings(path) == Settings(library="/x/lib", default_tags=["a", "b"],
                                           download_images=False)
    path.write_text('{"library": 3, "download_images": "no", "default_tags": ["", "t"]}',
                    encoding="utf-8")
    assert load_settings(path) == Settings(default_tags=["t"])
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == Settings()


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(library="/old"), path)

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        save_settings(Settings(library="/new"), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
    assert load_settings(path).library == "/old"


def test_library_order_option_then_environment_then_setting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIPPER_LIBRARY", str(tmp_path / "env"))
    chosen = Settings(library=str(tmp_path / "setting"))
    assert resolve_library(tmp_path / "option", chosen) == tmp_path / "option"
    assert resolve_library(None, chosen) == tmp_path / "env"
    monkeypatch.delenv("CLIPPER_LIBRARY")
    assert resolve_library(None, chosen) == tmp_path / "setting"
