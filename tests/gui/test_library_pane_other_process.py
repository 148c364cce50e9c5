"""Clips ``clipper save`` writes while the window is open (another process, the same
library and index) show up in the pane by themselves, with the count and the Tags and Sites
lists: in the library folder and in a folder a template makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.pages import distinct_page
from helpers.window import TIMEOUT

from clipper.library import render_clip
from clipper.models import Clip


@pytest.mark.parametrize("folder", ["", "Clippings/{site}"])
def test_a_clip_saved_by_the_cli_shows_up_in_the_open_window(
        qtbot, window_factory, http_server, folder: str) -> None:
    library = Path(os.environ["CLIPPER_LIBRARY"])
    library.mkdir(parents=True, exist_ok=True)
    (library / "bread.md").write_text(render_clip(Clip(
        title="Sourdough at home", body="Feed the starter twice a day.\n",
        created="2024-02-01T10:00:00+00:00", site="Kitchen Notes", tags=["food"])),
        encoding="utf-8")
    config = Path(os.environ["CLIPPER_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"version": 2, "folder": folder}),
                                          encoding="utf-8")
    window = window_factory()
    pane = window.library_pane
    qtbot.waitUntil(lambda: pane.is_ready() and pane.facets is not None
                    and pane.titles() == ["Sourdough at home"], timeout=TIMEOUT)
    http_server.route("/pier", distinct_page("Harbour pier repairs"))
    proc = subprocess.run([sys.executable, "-m", "clipper", "save", http_server.url("/pier"),
                           "--tags", "harbour", "--no-images"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    saved = Path(proc.stdout.strip())
    assert saved.parent == (library / "Clippings" / "127.0.0.1" if folder else library)
    qtbot.waitUntil(lambda: pane.titles() == ["Harbour pier repairs", "Sourdough at home"],
                    timeout=TIMEOUT)
    facets = pane.browse.facets
    qtbot.waitUntil(lambda: ("harbour", "1") in facets.rows("tag"), timeout=TIMEOUT)
    assert ("127.0.0.1", "1") in facets.rows("site")
    assert pane.count.text().startswith("2 clips")
