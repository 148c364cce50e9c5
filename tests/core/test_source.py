"""What a person types becomes a Source, or one clear SourceError (never another exception)."""

from __future__ import annotations

import pytest

from clipper.errors import SourceError
from clipper.fetch import fetch
from clipper.models import Source


@pytest.mark.parametrize("text", [
    "http://[::1",              # urlsplit raises ValueError
    "https://[not-an-ip]/x",
    "file:///tmp/a%00.html",    # os calls raise ValueError on a NUL
    "/tmp/a\x00.html",
    "page\x00.html",
])
def test_malformed_input_is_a_source_error(text: str) -> None:
    with pytest.raises(SourceError):
        fetch(Source.from_argument(text))


def test_ipv6_loopback_address_is_a_url() -> None:
    assert Source.from_argument("http://[::1]:8080/a") == Source("url", "http://[::1]:8080/a")


def test_file_source_made_elsewhere_with_a_nul_is_a_source_error() -> None:
    with pytest.raises(SourceError):
        fetch(Source("file", "/tmp/a\x00.html"))  # e.g. built by the window from a drop
