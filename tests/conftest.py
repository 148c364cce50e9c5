"""Fixtures every test may use: a loopback HTTP server, private user folders, no internet.

Every test gets its own config, cache and library folders (through the
``CLIPPER_*`` environment variables), so no test ever reads or writes the real ones.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.httpserver import LoopbackServer


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("CLIPPER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("CLIPPER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("CLIPPER_LIBRARY", str(home / "library"))
    return home


LOOPBACK = ("127.0.0.1", "localhost", "::1", b"127.0.0.1", b"localhost", b"::1")


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the internet, even on a machine that has it: a page's absolute image
    addresses (the reference page's photo is on devdiscourse.com) fail as if offline."""
    real = socket.getaddrinfo

    def loopback_only(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host not in LOOPBACK:
            raise socket.gaierror(socket.EAI_NONAME, f"tests stay offline: {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)


@pytest.fixture
def http_server() -> Iterator[LoopbackServer]:
    """A fresh server on 127.0.0.1; see tests/helpers/httpserver.py for its API."""
    with LoopbackServer() as server:
        yield server
