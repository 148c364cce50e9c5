"""Clipper: turn a web page into a clean Markdown clip in a local library.

The core (everything outside ``clipper.gui``) never imports Qt, so the CLI,
the benchmarks and the tests run without a display.
"""

from __future__ import annotations

from importlib import metadata

APP_NAME = "Clipper"
APP_ID = "io.github.articleclipper.Clipper"
ORG_NAME = "articleclipper"
ORG_DOMAIN = "articleclipper.github.io"
DIST_NAME = "article-clipper"

try:
    __version__ = metadata.version(DIST_NAME)
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["APP_ID", "APP_NAME", "DIST_NAME", "ORG_DOMAIN", "ORG_NAME", "__version__"]
