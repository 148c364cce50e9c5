"""Fixtures every test may use: a loopback HTTP server, and private user folders.

Every test gets its own config, cache and library folders (through the
``CLIPPER_*`` environment variables), so no test ever reads or writes the real ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from httpserver import LoopbackServer


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("CLIPPER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("CLIPPER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("CLIPPER_LIBRARY", str(home / "library"))
    return home


@pytest.fixture
def http_server() -> Iterator[LoopbackServer]:
    """A fresh server on 127.0.0.1; see tests/httpserver.py for its API."""
    with LoopbackServer() as server:
        yield server
