"""Driven from outside as a person would: a real X server (Xvfb), real keys (xdotool).

Skipped where Xvfb or xdotool are missing (``apt-get install xvfb xauth xdotool``);
``resources/screenshots/take.sh`` drives the same steps to take the README screenshots.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.pages import REFERENCE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")),
                       reason="needs Xvfb and xdotool"),
]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def display(tmp_path: Path) -> Iterator[dict[str, str]]:
    read_end, write_end = os.pipe()  # Xvfb picks a free display and writes its number here
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               "1280x800x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    assert number, "Xvfb did not start"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb",
           "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("CLIPPER_QUIT_AFTER_LOAD", None)
    # The app runs in its own process, out of reach of the offline guard in conftest: it must
    # not try the reference page's photo on devdiscourse.com.
    config = Path(env["CLIPPER_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text('{"download_images": false}', encoding="utf-8")
    deadline = time.monotonic() + 20
    while subprocess.run(["xdotool", "getmouselocation"], env=env, capture_output=True
                         ).returncode != 0:
        assert time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.1)
    yield env
    server.terminate()
    server.wait(timeout=10)


def xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def wait_for(predicate, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def start(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "clipper", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def focus_window(env: dict[str, str], title: str) -> str:
    window = xdotool(env, "search", "--sync", "--onlyvisible", "--name", title).split()[0]
    xdotool(env, "windowfocus", "--sync", window)
    return window


def clips(library: Path) -> list[Path]:
    return list(library.glob("*.md")) if library.exists() else []


def test_started_with_a_file_ctrl_s_saves_it(display: dict[str, str]) -> None:
    library = Path(display["CLIPPER_LIBRARY"])
    app = start(display, str(REFERENCE))
    try:
        focus_window(display, "^Russia says")
        xdotool(display, "key", "ctrl+s")
        wait_for(lambda: bool(clips(library)), "the clip file")
        assert "Lavrov was speaking" in clips(library)[0].read_text(encoding="utf-8")
        xdotool(display, "key", "ctrl+q")
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()


def test_started_empty_a_typed_url_and_ctrl_s_save_it(display: dict[str, str],
                                                       http_server) -> None:
    http_server.route("/world/russia-afghan", REFERENCE.read_bytes())
    library = Path(display["CLIPPER_LIBRARY"])
    app = start(display)
    try:
        window = focus_window(display, "^Clipper")
        xdotool(display, "type", "--delay", "2", http_server.url("/world/russia-afghan"))
        xdotool(display, "key", "Return")
        wait_for(lambda: xdotool(display, "getwindowname", window).startswith("Russia says"),
                 "the article in the window")
        xdotool(display, "key", "ctrl+s")
        wait_for(lambda: bool(clips(library)), "the clip file")
        text = clips(library)[0].read_text(encoding="utf-8")
        assert "I would like to confirm Russia's interest" in text
        assert "TRENDING" not in text
    finally:
        app.terminate()
        app.wait(timeout=30)


def test_a_hand_written_note_opened_and_saved_unedited_is_not_touched(
        display: dict[str, str]) -> None:
    """Ctrl+K, the note's words, Enter, Ctrl+S: the file keeps its bytes and its mtime;
    an edit typed after that (Ctrl+E, keys, Ctrl+S) changes only the body's end."""
    from helpers.notes import NOTES

    library = Path(display["CLIPPER_LIBRARY"])
    library.mkdir(parents=True, exist_ok=True)
    note = library / "Handwritten note from Obsidian.md"
    original = NOTES["obsidian-flow"].encode("utf-8")
    note.write_bytes(original)
    os.utime(note, (1_000_000_000, 1_000_000_000))
    app = start(display)
    try:
        window = focus_window(display, "^Clipper")
        xdotool(display, "key", "ctrl+k")
        xdotool(display, "type", "--delay", "2", "Handwritten")

        def opened() -> bool:
            # Enter opens the best match once the pane has listed it (a first start
            # indexes the folder first): pressed until the note is shown.
            xdotool(display, "key", "Return")
            time.sleep(0.5)
            return xdotool(display, "getwindowname", window).startswith("Handwritten")

        wait_for(opened, "the note in the window")
        xdotool(display, "key", "ctrl+s")
        xdotool(display, "key", "ctrl+e")  # to the Markdown editor, from the search field
        xdotool(display, "key", "ctrl+End")
        xdotool(display, "type", "--delay", "2", "Typed here.")
        # Keys are handled in order: once the edit is saved, the first Ctrl+S was handled.
        time.sleep(0.5)
        assert note.read_bytes() == original
        assert note.stat().st_mtime == 1_000_000_000
        xdotool(display, "key", "ctrl+s")
        wait_for(lambda: note.stat().st_mtime != 1_000_000_000, "the edit saved")
        assert note.read_bytes() == original + b"Typed here."
    finally:
        app.terminate()
        app.wait(timeout=30)
