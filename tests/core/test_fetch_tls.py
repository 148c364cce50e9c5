"""Trusted certificates come from the system, or from certifi where the system has none."""

from __future__ import annotations

import ssl

import pytest

from clipper import fetch


def test_an_empty_system_store_falls_back_to_certifi(monkeypatch: pytest.MonkeyPatch) -> None:
    certifi = pytest.importorskip("certifi")
    empty = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # no CA loaded, like python.org on macOS
    monkeypatch.setattr(fetch.ssl, "create_default_context", lambda: empty)
    fetch.tls_context.cache_clear()
    try:
        context = fetch.tls_context()
        assert context.cert_store_stats()["x509_ca"] > 0
        assert certifi.where()
    finally:
        fetch.tls_context.cache_clear()


def test_the_system_store_is_used_when_it_has_certificates() -> None:
    fetch.tls_context.cache_clear()
    context = fetch.tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
