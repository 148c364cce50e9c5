"""The window's state and wording stay Qt-free, so they are tested (and reasoned about)
without a display; this folder's tests rely on it."""

from __future__ import annotations

import subprocess
import sys

QT_FREE = ["clipper.gui.session", "clipper.gui.messages", "clipper.gui.save_choices",
           "clipper.gui.mime", "clipper.gui.sanitize", "clipper.gui.source_tokens",
           "clipper.gui.jobs", "clipper.gui.import_jobs", "clipper.gui.import_state"]


def test_the_window_state_and_its_helpers_load_no_qt() -> None:
    code = ("import importlib, sys\n"
            f"for m in {QT_FREE!r}: importlib.import_module(m)\n"
            "print(','.join(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "", f"Qt loaded by {QT_FREE}: {out.stdout}"
