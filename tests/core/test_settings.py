"""Settings: a JSON file that survives crashes, bad edits and failed writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clipper.settings import (
    Settings,
    default_front_matter,
    description,
    load_settings,
    resolve_library,
    save_settings,
    upgrade,
)


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


def test_a_version_1_file_is_upgraded_to_what_it_did(tmp_path: Path) -> None:
    """Templates and the theme came with version 2: a file of version 1 gets what version 1
    did written down (an upgrade, not a reset), its own values kept."""
    path = tmp_path / "settings.json"
    path.write_text('{"library": "/lib", "default_tags": ["web"], "download_images": false, '
                    '"version": 1}', encoding="utf-8")
    settings = load_settings(path)
    assert (settings.library, settings.default_tags, settings.download_images) == (
        "/lib", ["web"], False)
    assert (settings.theme, settings.file_name, settings.folder, settings.attachments,
            settings.heading) == ("system", "{title}", "", "beside", True)
    assert settings.front_matter == default_front_matter()
    from clipper.library.templates import DEFAULT_TEMPLATE, ClipTemplate

    assert ClipTemplate.from_settings(settings) == DEFAULT_TEMPLATE
    assert upgrade({"version": 1})["front_matter"] == default_front_matter()
    save_settings(settings, path)
    assert '"version": 2' in path.read_text(encoding="utf-8")
    assert load_settings(path) == settings


def test_new_settings_keep_their_choices_and_fall_back_when_broken(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    chosen = Settings(theme="dark", file_name="{site} - {title}", folder="Clippings/{site}",
                      attachments="folder", attachment_folder="Files", heading=False,
                      front_matter=[{"name": "url", "value": "{url}", "type": "text"}])
    save_settings(chosen, path)
    assert load_settings(path) == chosen
    path.write_text('{"version": 2, "theme": "purple", "attachments": "cloud", '
                    '"front_matter": [{"name": 1}], "heading": "no"}', encoding="utf-8")
    assert load_settings(path) == Settings()


def test_every_setting_is_described_for_the_dialog() -> None:
    from dataclasses import fields

    for f in fields(Settings):
        if f.name != "version":
            assert len(description(f.name)) > 30, f.name
