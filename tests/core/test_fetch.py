"""Reading pages over HTTP, from files and from pasted text, with every bad input we know of.

All HTTP goes to the loopback server from tests/httpserver.py; limits are short
so that timeouts are tested in a fraction of a second.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from helpers.httpserver import LoopbackServer, Request

from clipper.errors import (
    CancelledError,
    FetchError,
    FetchTimeout,
    HttpStatusError,
    NoArticleError,
    NotHtmlError,
    SourceError,
    TooLargeError,
)
from clipper.fetch import Limits, fetch, http_get
from clipper.models import Source

FAST = Limits(connect_timeout=2.0, read_timeout=0.5, deadline=10.0)
PAGE = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello</p></body></html>"
MB = 1024 * 1024


def url_source(server: LoopbackServer, path: str) -> Source:
    return Source("url", server.url(path))


def big_page(size: int) -> bytes:
    """A plausible page of ``size`` bytes: many paragraphs, not one huge run of a byte."""
    paragraph = b"<p>" + b"Clipper reads big pages without holding them twice. " * 20 + b"</p>\n"
    head = b"<!DOCTYPE html><html><head><meta charset=utf-8><title>Big</title></head><body>\n"
    body = head + paragraph * ((size - len(head)) // len(paragraph) + 1)
    return body[:size]


# --- Successful fetches ---------------------------------------------------------------------

def test_page_with_its_headers_and_a_browser_like_request(http_server: LoopbackServer) -> None:
    http_server.route("/a", PAGE, content_type="text/html; charset=ISO-8859-1",
                      headers={"X-Thing": "1"})
    page = fetch(url_source(http_server, "/a"), limits=FAST)
    assert page.body == PAGE
    assert page.url == http_server.url("/a")
    assert page.content_type == "text/html; charset=ISO-8859-1"
    assert page.charset == "ISO-8859-1"
    assert page.local_dir is None
    [request] = http_server.requests_to("/a")
    assert "Clipper/" in request.headers["user-agent"]
    assert request.headers["user-agent"].startswith("Mozilla/5.0")
    assert "text/html" in request.headers["accept"]
    assert "gzip" in request.headers["accept-encoding"]


def test_response_headers_are_lower_cased(http_server: LoopbackServer) -> None:
    http_server.route("/a", PAGE, headers={"X-Custom-Thing": "yes"})
    response = http_get(http_server.url("/a"), limits=FAST)
    assert response.status == 200
    assert response.headers["x-custom-thing"] == "yes"
    assert response.headers["content-type"] == "text/html; charset=utf-8"


def test_caller_headers_are_sent_and_override_defaults(http_server: LoopbackServer) -> None:
    http_server.route("/img", b"GIF89a....", content_type="image/gif")
    referer = http_server.url("/article.html")
    response = http_get(http_server.url("/img"), limits=FAST,
                        headers={"Referer": referer, "user-agent": "Test/1"})
    assert response.body == b"GIF89a...."  # http_get itself does not judge content types
    [request] = http_server.requests_to("/img")
    assert request.headers["referer"] == referer
    assert request.headers["user-agent"] == "Test/1"


@pytest.mark.parametrize("chunked", [False, True])
def test_gzip_page_is_decompressed(http_server: LoopbackServer, chunked: bool) -> None:
    body = big_page(300_000)
    http_server.route("/gz", body, gzip=True, chunked=chunked)
    page = fetch(url_source(http_server, "/gz"), limits=FAST)
    assert page.body == body


def test_three_redirects_then_ok_records_the_final_url(http_server: LoopbackServer) -> None:
    http_server.redirect("/one", "/two", status=301)
    http_server.redirect("/two", http_server.url("/three"), status=307)  # absolute
    http_server.redirect("/three", "final?x=1", status=308)  # relative to /three
    http_server.route("/final", PAGE)
    page = fetch(url_source(http_server, "/one"), limits=FAST)
    assert page.body == PAGE
    assert page.url == http_server.url("/final?x=1")
    assert [r.path for r in http_server.requests] == ["/one", "/two", "/three", "/final?x=1"]


def test_redirect_limit_is_the_configured_one(http_server: LoopbackServer) -> None:
    for n in range(3):
        http_server.redirect(f"/r{n}", f"/r{n + 1}")
    http_server.route("/r3", PAGE)
    assert fetch(url_source(http_server, "/r0"), limits=Limits(max_redirects=3)).body == PAGE
    with pytest.raises(FetchError, match="Too many redirects"):
        fetch(url_source(http_server, "/r0"), limits=Limits(max_redirects=2))


def test_redirect_to_another_host_drops_credentials(http_server: LoopbackServer) -> None:
    http_server.redirect("/from", f"http://localhost:{http_server.port}/to")
    http_server.route("/to", PAGE)
    response = http_get(http_server.url("/from"), limits=FAST,
                        headers={"Cookie": "session=secret", "Referer": "http://x.test/"})
    assert response.url == f"http://localhost:{http_server.port}/to"
    first, second = http_server.requests
    assert first.headers["cookie"] == "session=secret"
    assert "cookie" not in second.headers
    assert second.headers["referer"] == "http://x.test/"


def test_credentials_in_the_address_log_in_but_are_never_recorded(
        http_server: LoopbackServer) -> None:
    http_server.route("/private", PAGE)
    url = http_server.url("/private").replace("http://", "http://ann:p%40ss@")
    page = fetch(Source.from_argument(url), limits=FAST)
    assert page.url == http_server.url("/private")  # what a clip's source is made from
    assert http_server.requests[0].headers["authorization"] == "Basic YW5uOnBAc3M="  # ann:p@ss


def test_credentials_are_not_sent_to_another_port(http_server: LoopbackServer) -> None:
    with LoopbackServer() as other:
        other.route("/to", PAGE)
        http_server.redirect("/from", other.url("/to"))
        url = http_server.url("/from").replace("http://", "http://ann:pw@")
        assert fetch(Source.from_argument(url), limits=FAST).url == other.url("/to")
        assert "authorization" in http_server.requests[0].headers
        assert "authorization" not in other.requests[0].headers


def test_images_never_send_credentials_a_page_names(http_server: LoopbackServer) -> None:
    http_server.route("/img", PAGE)
    response = http_get(http_server.url("/img").replace("http://", "http://admin:admin@"),
                        limits=FAST)
    assert response.url == http_server.url("/img")
    assert "authorization" not in http_server.requests[0].headers


@pytest.mark.parametrize("location", ["http://[bad", "http://h:99999/"])
def test_redirect_to_a_malformed_address_is_a_clear_error(http_server: LoopbackServer,
                                                          location: str) -> None:
    http_server.redirect("/go", location)
    with pytest.raises(FetchError, match="redirected to an invalid address"):
        fetch(url_source(http_server, "/go"), limits=FAST)


@pytest.mark.parametrize("url", ["http://[::1", "https://[x]:99/"])
def test_http_get_of_a_malformed_address_is_a_source_error(url: str) -> None:
    with pytest.raises(SourceError, match="Not a valid web address"):
        http_get(url)


def test_delayed_answer_within_the_read_timeout(http_server: LoopbackServer) -> None:
    http_server.route("/late", PAGE, delay=0.2)
    assert fetch(url_source(http_server, "/late"), limits=Limits(read_timeout=5)).body == PAGE


def test_progress_is_reported_with_increasing_counts(http_server: LoopbackServer) -> None:
    body = big_page(20_000)
    http_server.trickle("/slow", body, chunk_size=1000, interval=0.02)
    calls: list[tuple[int, int | None]] = []
    caller = threading.current_thread()
    threads = set()

    def progress(stage: str, done: int, total: int | None) -> None:
        calls.append((done, total))
        threads.add(threading.current_thread())

    page = fetch(url_source(http_server, "/slow"), limits=FAST, progress=progress)
    assert page.body == body
    assert len(calls) >= 3
    counts = [done for done, _ in calls]
    assert counts == sorted(set(counts))  # strictly increasing
    assert calls[-1] == (len(body), len(body))
    assert threads == {caller}  # the window can update widgets straight from the callback


def test_progress_without_content_length_has_no_total(http_server: LoopbackServer) -> None:
    body = big_page(5000)
    http_server.trickle("/slow", body, chunk_size=1000, interval=0.02, send_length=False)
    calls: list[tuple[int, int | None]] = []
    fetch(url_source(http_server, "/slow"), limits=FAST,
          progress=lambda stage, done, total: calls.append((done, total)))
    assert calls[-1] == (len(body), None)


@pytest.mark.parametrize(("content_type", "body"), [
    ("application/xhtml+xml", b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">'
                              b"<body><p>x</p></body></html>"),
    ("text/plain; charset=utf-8", PAGE),
    ("application/octet-stream", PAGE),
    (None, PAGE),
    (None, b"\n\n  <div><p>A fragment without html or body.</p></div>"),
])
def test_pages_with_vague_content_types_are_accepted(http_server: LoopbackServer,
                                                     content_type: str | None,
                                                     body: bytes) -> None:
    http_server.route("/p", body, content_type=content_type)
    assert fetch(url_source(http_server, "/p"), limits=FAST).body == body


# --- Not a web page -------------------------------------------------------------------------

@pytest.mark.parametrize(("content_type", "body", "words"), [
    ("application/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"image \(PNG\)"),
    ("image/webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", r"image \(WEBP\)"),
    ("application/octet-stream", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
    ("image/jpeg", b"<html>mislabelled</html>", r"an image \(JPEG\)"),
    ("application/octet-stream", b"%PDF-1.4 binary", "a PDF document"),
    ("text/html", b"%PDF-1.4 mislabelled", "a PDF document"),
    ("application/zip", b"PK\x03\x04rest", "ZIP archive"),
    ("audio/mpeg", b"ID3\x03\x00rest", "audio"),
    ("text/plain", b"Just some notes, no markup at all.\n", "plain text"),
    ("application/json", b'{"a": 1}', "JSON"),
    ("application/rss+xml", b'<?xml version="1.0"?><rss version="2.0"></rss>', "RSS feed"),
    ("text/xml", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', "Atom feed"),
])
def test_content_that_is_not_a_page_is_refused(http_server: LoopbackServer, content_type: str,
                                               body: bytes, words: str) -> None:
    http_server.route("/thing", body, content_type=content_type)
    with pytest.raises(NotHtmlError, match=words) as caught:
        fetch(url_source(http_server, "/thing"), limits=FAST)
    assert caught.value.message.endswith("not a web page")
    assert http_server.url("/thing") in caught.value.message
    assert caught.value.hint


def test_huge_video_is_refused_from_its_headers_without_downloading(
        http_server: LoopbackServer) -> None:
    http_server.endless("/stream", chunk=b"\x00\x00\x00\x18ftypmp42" * 4096,
                        content_type="video/mp4")
    with pytest.raises(NotHtmlError, match="a video"):  # not TooLargeError nor a timeout
        fetch(url_source(http_server, "/stream"), limits=Limits(max_bytes=100 * MB, deadline=30))


def test_empty_page_is_no_article(http_server: LoopbackServer) -> None:
    http_server.route("/empty", b"")
    with pytest.raises(NoArticleError, match="empty"):
        fetch(url_source(http_server, "/empty"), limits=FAST)


# --- HTTP and network failures --------------------------------------------------------------

@pytest.mark.parametrize(("status", "phrase"), [(404, "404 Not Found"),
                                                (500, "500 Internal Server Error"),
                                                (403, "403 Forbidden")])
def test_error_status_is_a_clear_error(http_server: LoopbackServer, status: int,
                                       phrase: str) -> None:
    http_server.route("/x", b"<h1>error page</h1>", status=status)
    with pytest.raises(HttpStatusError) as caught:
        fetch(url_source(http_server, "/x"), limits=FAST)
    error = caught.value
    assert error.status == status
    assert error.url == http_server.url("/x")
    assert error.message == f"The server answered {phrase} for {http_server.url('/x')}"
    assert error.hint
    assert "\n" not in str(error)


def test_redirect_loop_is_a_clear_error(http_server: LoopbackServer) -> None:
    http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")
    with pytest.raises(FetchError, match=r"Too many redirects \(more than 10\)") as caught:
        fetch(url_source(http_server, "/a"), limits=FAST)
    assert "loop" in (caught.value.hint or "")
    assert len(http_server.requests) == 11


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x.html",
                                    "data:text/html,<p>hi</p>", "javascript:alert(1)"])
def test_redirect_to_another_scheme_is_refused(http_server: LoopbackServer, target: str) -> None:
    http_server.redirect("/go", target)
    scheme = target.split(":", 1)[0]
    with pytest.raises(FetchError, match=f"redirected to a {scheme}: address"):
        fetch(url_source(http_server, "/go"), limits=FAST)
    assert [r.path for r in http_server.requests] == ["/go"]


@pytest.mark.parametrize("url", ["ftp://example.com/a.html", "file:///etc/passwd"])
def test_http_get_refuses_other_schemes(url: str) -> None:
    with pytest.raises(SourceError, match="cannot open"):
        http_get(url)


def test_server_that_never_answers_times_out(http_server: LoopbackServer) -> None:
    http_server.silent("/hang")
    with pytest.raises(FetchTimeout, match=r"stopped answering for 0\.5 seconds"):
        fetch(url_source(http_server, "/hang"), limits=FAST)


def test_listening_socket_that_never_accepts_times_out() -> None:
    """The kernel completes the handshake, but no one ever reads the request."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        with pytest.raises(FetchTimeout):
            http_get(f"http://127.0.0.1:{port}/", limits=FAST)


def test_endless_response_stops_at_the_size_cap(http_server: LoopbackServer) -> None:
    http_server.endless("/forever")
    with pytest.raises(TooLargeError, match="2 MB limit"):
        fetch(url_source(http_server, "/forever"), limits=Limits(max_bytes=2 * MB, deadline=30))


def test_endless_trickle_stops_at_the_deadline(http_server: LoopbackServer) -> None:
    http_server.trickle("/drip", b"<p>x</p>" * 100_000, chunk_size=10, interval=0.05)
    with pytest.raises(FetchTimeout, match=r"after 0\.8 seconds"):
        fetch(url_source(http_server, "/drip"), limits=Limits(read_timeout=5, deadline=0.8))


def test_declared_length_over_the_cap_is_refused_before_reading(
        http_server: LoopbackServer) -> None:
    http_server.route("/big", big_page(3 * MB))
    with pytest.raises(TooLargeError, match="1 MB limit"):
        fetch(url_source(http_server, "/big"), limits=Limits(max_bytes=1 * MB))


def test_gzip_bomb_stops_at_the_cap_with_bounded_memory(http_server: LoopbackServer) -> None:
    http_server.gzip_bomb("/bomb", 10 * 1024 * MB)  # ~10 MB on the wire, 10 GB inflated
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError, match="64 MB limit"):
            fetch(url_source(http_server, "/bomb"), limits=Limits(deadline=30))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 80 * MB  # the cap plus buffers, never the bomb


def test_small_gzip_bomb_with_a_small_cap(http_server: LoopbackServer) -> None:
    http_server.gzip_bomb("/bomb", 200 * MB)
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError, match="1 MB limit"):
            http_get(http_server.url("/bomb"), limits=Limits(max_bytes=1 * MB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MB


def test_corrupt_gzip_is_a_clear_error(http_server: LoopbackServer) -> None:
    http_server.route("/bad", b"\x1f\x8b\x08\x00garbage that is not deflate" * 10,
                      headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="corrupt compressed page"):
        fetch(url_source(http_server, "/bad"), limits=FAST)


def test_connection_cut_mid_body_is_a_clear_error(http_server: LoopbackServer) -> None:
    def cut(request: Request) -> None:
        request.start(200, length=10_000)
        request.write(b"<html><body><p>only the beginning")

    http_server.route("/cut", handler=cut)
    with pytest.raises(FetchError, match="broke off"):
        fetch(url_source(http_server, "/cut"), limits=FAST)


def test_server_speaking_something_else_is_a_clear_error(http_server: LoopbackServer) -> None:
    def garbage(request: Request) -> None:
        request.wfile.write(b"SSH-2.0-OpenSSH_9.2\r\n\r\n")
        request.close_connection = True

    http_server.route("/ssh", handler=garbage)
    with pytest.raises(FetchError, match="not HTTP"):
        fetch(url_source(http_server, "/ssh"), limits=FAST)


def test_unknown_host_is_a_clear_error() -> None:
    # The .invalid TLD never resolves (RFC 2606), so this fails locally without internet.
    with pytest.raises(FetchError) as caught:
        fetch(Source("url", "http://example.invalid/page.html"), limits=FAST)
    assert str(caught.value) == ("Could not find the server example.invalid. "
                                 "Check the address, or your internet connection.")


def test_refused_connection_is_a_clear_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="refused the connection"):
        fetch(Source("url", f"http://127.0.0.1:{port}/"), limits=FAST)


def test_tls_to_a_plain_http_server_is_a_clear_error(http_server: LoopbackServer) -> None:
    http_server.route("/", PAGE)
    with pytest.raises(FetchError, match=r"secure connection to 127\.0\.0\.1 failed"):
        http_get(f"https://127.0.0.1:{http_server.port}/", limits=FAST)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_untrusted_certificate_is_a_clear_error(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with LoopbackServer(tls=context) as server:
        server.route("/", PAGE)
        with pytest.raises(FetchError, match="certificate") as caught:
            http_get(server.url("/"), limits=FAST)
        assert caught.value.message.startswith("The secure connection to 127.0.0.1 failed")
        assert server.requests == []  # nothing was sent over the untrusted connection


# --- Cancel ---------------------------------------------------------------------------------

def _cancel_after(seconds: float) -> threading.Event:
    event = threading.Event()
    timer = threading.Timer(seconds, event.set)
    timer.daemon = True
    timer.start()
    return event


PATIENT = Limits(read_timeout=30, deadline=60)  # cancel must not wait for these


def test_cancel_during_a_slow_download(http_server: LoopbackServer) -> None:
    http_server.trickle("/slow", big_page(200_000), chunk_size=100, interval=0.05)
    calls: list[int] = []
    started = time.monotonic()
    with pytest.raises(CancelledError):
        fetch(url_source(http_server, "/slow"), limits=PATIENT, cancel=_cancel_after(0.3),
              progress=lambda stage, done, total: calls.append(done))
    assert time.monotonic() - started < 10  # generous: only proves it did not run to the end
    assert calls  # it was downloading when cancelled


def test_cancel_while_the_server_is_silent(http_server: LoopbackServer) -> None:
    http_server.silent("/hang")
    started = time.monotonic()
    with pytest.raises(CancelledError):
        fetch(url_source(http_server, "/hang"), limits=PATIENT, cancel=_cancel_after(0.3))
    assert time.monotonic() - started < 10  # far below the 30 s read timeout


def test_cancel_before_start_sends_nothing(http_server: LoopbackServer) -> None:
    http_server.route("/a", PAGE)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(CancelledError):
        fetch(url_source(http_server, "/a"), cancel=cancel)
    assert http_server.requests == []


# --- Big pages ------------------------------------------------------------------------------

def test_40_mb_page_over_http_with_bounded_memory(http_server: LoopbackServer) -> None:
    body = big_page(40 * MB)
    http_server.route("/big", body)
    tracemalloc.start()
    try:
        page = fetch(url_source(http_server, "/big"), limits=Limits(deadline=120))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(page.body) == len(body)
    assert page.body == body
    assert peak < 52 * MB  # the page once, plus growth slack: never a second full copy


def test_40_mb_gzip_page_over_http(http_server: LoopbackServer) -> None:
    body = big_page(40 * MB)
    http_server.route("/big", gzip.compress(body, 1), headers={"Content-Encoding": "gzip"})
    page = fetch(url_source(http_server, "/big"), limits=Limits(deadline=120))
    assert page.body == body


def test_40_mb_file_with_bounded_memory(tmp_path: Path) -> None:
    body = big_page(40 * MB)
    path = tmp_path / "big.html"
    path.write_bytes(body)
    del body
    tracemalloc.start()
    try:
        page = fetch(Source("file", str(path)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(page.body) == 40 * MB
    assert peak < 52 * MB


# --- Files ----------------------------------------------------------------------------------

def test_file_is_read_with_its_location(tmp_path: Path) -> None:
    path = tmp_path / "saved page.html"
    path.write_bytes(PAGE)
    calls: list[tuple[int, int | None]] = []
    page = fetch(Source.from_argument(path.as_uri()),
                 progress=lambda stage, done, total: calls.append((done, total)))
    assert page.body == PAGE
    assert page.url == path.as_uri()
    assert page.url.startswith("file:///")
    assert "saved%20page.html" in page.url
    assert page.local_dir == tmp_path
    assert page.content_type == "text/html"
    assert page.charset is None
    assert calls == [(len(PAGE), len(PAGE))]


def test_relative_file_path_becomes_absolute(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "p.html").write_bytes(PAGE)
    monkeypatch.chdir(tmp_path)
    page = fetch(Source("file", "p.html"))
    assert page.url == (tmp_path / "p.html").as_uri()


def test_utf16_file_with_nul_bytes_is_still_a_page(tmp_path: Path) -> None:
    path = tmp_path / "wide.html"
    path.write_bytes(b"\xff\xfe" + PAGE.decode().encode("utf-16-le"))
    assert fetch(Source("file", str(path))).body.startswith(b"\xff\xfe<\x00")


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file_is_no_article(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(content)
    with pytest.raises(NoArticleError, match="empty"):
        fetch(Source("file", str(path)))


@pytest.mark.parametrize(("content", "words"), [
    (bytes(range(256)) * 8, "a binary file"),
    (b"%PDF-1.5\n%\xb5\xed\xae\xfb\n3 0 obj", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    (gzip.compress(PAGE), "gzip-compressed"),
])
def test_binary_file_named_html_is_refused(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    with pytest.raises(NotHtmlError, match=words) as caught:
        fetch(Source("file", str(path)))
    assert caught.value.message == f"page.html is {caught.value.message.split(' is ', 1)[1]}"


@pytest.mark.parametrize("name", ["passwd", "notes.txt", "README.md", "tool.py"])
def test_a_text_file_that_is_not_a_page_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("root:x:0:0:root:/root:/bin/bash\nSome words, not a page.\n")
    with pytest.raises(NotHtmlError, match=f"{name} is a plain text file, not a web page"):
        fetch(Source("file", str(path)))


@pytest.mark.parametrize("name", ["page", "saved.txt", "article.HTM"])
def test_html_in_a_file_of_any_name_is_a_page(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(PAGE)
    assert fetch(Source("file", str(path))).body == PAGE


def test_text_in_a_file_named_as_a_page_is_read_as_one(tmp_path: Path) -> None:
    path = tmp_path / "plain.html"
    path.write_bytes(b"Just a few words someone saved with an .html name.")
    assert fetch(Source("file", str(path))).body.startswith(b"Just a few")


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="No such file"):
        fetch(Source("file", str(tmp_path / "nope.html")))


def test_folder_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="is a folder"):
        fetch(Source("file", str(tmp_path)))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="not a regular file"):
        fetch(Source("file", str(fifo)))


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a non-root user")
def test_unreadable_file_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.html"
    path.write_bytes(PAGE)
    path.chmod(0)
    try:
        with pytest.raises(SourceError, match="permission denied"):
            fetch(Source("file", str(path)))
    finally:
        path.chmod(0o600)


def test_read_error_is_a_source_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(PAGE)

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)  # the same as chmod 0, also when run as root
    with pytest.raises(SourceError, match="permission denied"):
        fetch(Source("file", str(path)))


def test_file_over_the_cap_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(big_page(2 * MB))
    with pytest.raises(TooLargeError, match="1 MB limit"):
        fetch(Source("file", str(path)), limits=Limits(max_bytes=MB))


def test_file_read_honours_cancel(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(big_page(3 * MB))
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int | None) -> None:
        cancel.set()  # cancel after the first megabyte

    with pytest.raises(CancelledError):
        fetch(Source("file", str(path)), progress=progress, cancel=cancel)


# --- Pasted HTML ----------------------------------------------------------------------------

def test_pasted_html_becomes_a_utf8_page() -> None:
    page = fetch(Source.from_html("<p>Ünïcödé ✓</p>", url="https://example.org/a"))
    assert page.body == "<p>Ünïcödé ✓</p>".encode()
    assert page.charset == "utf-8"
    assert page.url == "https://example.org/a"


def test_pasted_html_that_is_empty_is_no_article() -> None:
    with pytest.raises(NoArticleError):
        fetch(Source.from_html("   \n"))
