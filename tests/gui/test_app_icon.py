"""The window icon comes from package data, whatever the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from clipper.gui.icons import app_icon


def test_every_size_is_in_the_icon_wherever_clipper_is_started(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing relative to the checkout can be found from here
    icon = app_icon()
    assert not icon.isNull()
    assert sorted(s.width() for s in icon.availableSizes()) == [16, 24, 32, 48, 64, 128, 256, 512]
    assert all(s.width() == s.height() for s in icon.availableSizes())
    # the 16 px icon is the grid-aligned PNG: its edges are whole pixels of solid colour
    small = icon.pixmap(16, 16).toImage()
    assert (small.width(), small.height()) == (16, 16)
    assert small.pixelColor(8, 14).name() == "#22314d"  # the page's bottom edge
    assert small.pixelColor(8, 14).alpha() == 255
    assert small.pixelColor(8, 8).name() == "#8193ad"  # a line of text
    assert small.pixelColor(0, 0).alpha() == 0  # transparent around the page
