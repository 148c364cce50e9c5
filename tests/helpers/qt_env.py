"""Importing this before PySide6 makes Qt run offscreen with a private runtime folder.

``QT_QPA_PLATFORM`` must be set before any QApplication exists: with no display and no
platform, Qt aborts the whole pytest process. The runtime folder is removed at exit, not
at the end of the session: Qt may use it until the QApplication is gone.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RUNTIME = tempfile.mkdtemp(prefix="clipper-xdg-")  # mkdtemp makes it 0700, as Qt wants
os.environ["XDG_RUNTIME_DIR"] = RUNTIME
atexit.register(shutil.rmtree, RUNTIME, ignore_errors=True)
