"""Clipper: turn a web page into a clean Markdown clip in a local library.

The core (everything outside ``clipper.gui``) never imports Qt, so the CLI,
the benchmarks and the tests run without a display.
"""

from __future__ import annotations

APP_NAME = "Clipper"
APP_ID = "io.github.articleclipper.Clipper"
ORG_NAME = "articleclipper"
ORG_DOMAIN = "articleclipper.github.io"
DIST_NAME = "article-clipper"

# The one version: pyproject.toml reads it from here (importlib.metadata would cost start-up
# time, bench/startup/README.md).
__version__ = "0.1.0"

__all__ = ["APP_ID", "APP_NAME", "DIST_NAME", "ORG_DOMAIN", "ORG_NAME", "__version__"]
