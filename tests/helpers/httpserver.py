"""A loopback HTTP server for tests: real sockets on 127.0.0.1, no internet.

Use the ``http_server`` fixture (tests/conftest.py), which starts a fresh server
on a free port and closes it after the test::

    def test_x(http_server):
        http_server.route("/a", body=b"<p>hi</p>")                  # 200, text/html; charset=utf-8
        http_server.route("/b", body="…", status=404, headers={"X-A": "1"}, content_type=None)
        http_server.route("/c", body=page, gzip=True)                # Content-Encoding: gzip
        http_server.route("/d", body=page, chunked=True)             # Transfer-Encoding: chunked
        http_server.route("/e", body=page, delay=1.0)                # answers after 1 s
        http_server.redirect("/old", "/a")                           # 302 (relative or absolute)
        http_server.gzip_bomb("/bomb", 1 << 30)                      # ~1 MB sent, 1 GB inflated
        http_server.endless("/forever")                              # never ends, no length
        http_server.silent("/hang")                                  # reads, never answers
        http_server.trickle("/slow", body, chunk_size=100, interval=0.05)
        http_server.route("/f", handler=my_handler)                  # my_handler(request)
        http_get(http_server.url("/a"))
        assert http_server.requests_to("/a")[0].headers["user-agent"]

A custom handler gets a :class:`Request` and answers with ``request.reply(...)``,
or ``request.start(...)`` then ``request.write(...)`` (False once the client is
gone), using ``request.wait(seconds)`` (False once the server is closing) to
sleep, so hanging handlers never delay the end of a test. Unknown paths get 404.
Every request received is recorded in ``server.requests`` (method, path with
query, lower-cased headers) before it is handled.

``LoopbackServer(tls=context)`` speaks HTTPS instead (tests build a self-signed
certificate; clients must then reject it or trust it explicitly).

Closing is fast and clean: it wakes waiting handlers, shuts down open client
sockets, and joins handler threads, so no ResourceWarning leaks into later tests.
"""

from __future__ import annotations

import contextlib
import functools
import gzip as gzip_module
import socket
import ssl
import sys
import threading
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Handler = Callable[["Request"], None]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    """Path and query as sent, e.g. ``/a?x=1``."""
    headers: dict[str, str] = field(default_factory=dict)
    """Lower-cased names."""


class Request(BaseHTTPRequestHandler):
    """One request being answered; handlers use the helpers below."""

    protocol_version = "HTTP/1.1"
    timeout = 5  # a client that connects and says nothing cannot pin a thread for long
    server: _Server

    @property
    def stopping(self) -> bool:
        return self.server.owner.stopping.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep; False if the server is closing (then return from the handler)."""
        return not self.server.owner.stopping.wait(seconds)

    def start(self, status: int = 200, headers: dict[str, str] | None = None, *,
              content_type: str | None = "text/html; charset=utf-8",
              length: int | None = None) -> None:
        """Send the status line and headers; the body follows with ``write``."""
        self.send_response(status)
        sent = {name.lower() for name in headers or {}}
        if content_type and "content-type" not in sent:
            self.send_header("Content-Type", content_type)
        if length is not None and "content-length" not in sent:
            self.send_header("Content-Length", str(length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def write(self, data: bytes) -> bool:
        """Send body bytes; False once the client has gone away."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:  # broken pipe, reset, timeout, or the server shutting us down
            return False
        return True

    def reply(self, body: bytes | str = b"", status: int = 200,
              headers: dict[str, str] | None = None, *,
              content_type: str | None = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.start(status, headers, content_type=content_type, length=len(data))
        if self.command != "HEAD":
            self.write(data)

    # http.server plumbing -------------------------------------------------------------------

    def _dispatch(self) -> None:
        owner = self.server.owner
        headers = {name.lower(): value for name, value in self.headers.items()}
        with owner.lock:
            owner.requests.append(RecordedRequest(self.command, self.path, headers))
        handler = owner.handler_for(self.path)
        if handler is None:
            self.reply(b"<h1>Not Found</h1>", status=404)
        else:
            handler(self)

    do_GET = do_HEAD = do_POST = _dispatch

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: test output is for test failures."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # close() joins with a timeout itself
    owner: LoopbackServer

    def process_request(self, request: socket.socket,  # type: ignore[override]
                        client_address: object) -> None:
        thread = threading.Thread(target=self.process_request_thread,
                                  args=(request, client_address), daemon=True)
        with self.owner.lock:
            self.owner.threads.append(thread)
            self.owner.connections.append(request)
        thread.start()

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up mid-answer is what many tests do on purpose."""
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            self.owner.errors.append(error)  # surfaced by close()


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 and a free port; see the module docstring."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        """``tls``: a server-side context to speak HTTPS (e.g. with a self-signed certificate)."""
        self.lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        self.errors: list[BaseException | None] = []
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []
        self.connections: list[socket.socket] = []
        self._routes: dict[str, Handler] = {}
        self._httpd = _Server(("127.0.0.1", 0), Request)
        self._httpd.owner = self
        if tls is not None:  # the handshake happens in the handler thread, on first read
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True,
                                                 do_handshake_on_connect=False)
        self.scheme = "https" if tls is not None else "http"
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def __enter__(self) -> LoopbackServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """Requests whose path (without the query) is ``path``."""
        with self.lock:
            return [r for r in self.requests if urlsplit(r.path).path == path]

    def handler_for(self, path: str) -> Handler | None:
        return self._routes.get(path) or self._routes.get(urlsplit(path).path)

    # Routes --------------------------------------------------------------------------------

    def route(self, path: str, body: bytes | str = b"", *, status: int = 200,
              headers: dict[str, str] | None = None,
              content_type: str | None = "text/html; charset=utf-8",
              gzip: bool = False, chunked: bool = False, delay: float = 0.0,
              handler: Handler | None = None) -> None:
        """Answer ``path`` with a fixed response, or with ``handler(request)``."""
        if handler is not None:
            self._routes[path] = handler
            return
        data = body.encode("utf-8") if isinstance(body, str) else body
        extra = dict(headers or {})
        if gzip:
            data = gzip_module.compress(data)
            extra["Content-Encoding"] = "gzip"

        def answer(request: Request) -> None:
            if delay and not request.wait(delay):
                return
            if not chunked:
                request.reply(data, status, extra, content_type=content_type)
                return
            request.start(status, {**extra, "Transfer-Encoding": "chunked"},
                          content_type=content_type)
            for start in range(0, len(data), 16 * 1024):
                piece = data[start:start + 16 * 1024]
                if not request.write(b"%x\r\n%s\r\n" % (len(piece), piece)):
                    return
            request.write(b"0\r\n\r\n")

        self._routes[path] = answer

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.route(path, b"", status=status, headers={"Location": location}, content_type=None)

    def gzip_bomb(self, path: str, inflated_size: int, *,
                  content_type: str = "text/html; charset=utf-8") -> None:
        """A small gzip body that inflates to ``inflated_size`` bytes (spaces)."""
        data = _gzip_of_spaces(inflated_size)
        self.route(path, data, headers={"Content-Encoding": "gzip"}, content_type=content_type)

    def endless(self, path: str, chunk: bytes = b"<p>" + b"endless " * 1000 + b"</p>\n", *,
                content_type: str = "text/html; charset=utf-8") -> None:
        """A body without length that never ends (until the client hangs up)."""

        def answer(request: Request) -> None:
            request.start(200, content_type=content_type)
            while not request.stopping and request.write(chunk):
                pass

        self._routes[path] = answer

    def silent(self, path: str) -> None:
        """Read the request, then never answer (until the server closes)."""

        def answer(request: Request) -> None:
            request.wait(3600)

        self._routes[path] = answer

    def trickle(self, path: str, body: bytes, *, chunk_size: int = 1024, interval: float = 0.05,
                content_type: str = "text/html; charset=utf-8", send_length: bool = True) -> None:
        """Send ``body`` in small pieces with pauses: a slow download."""

        def answer(request: Request) -> None:
            request.start(200, content_type=content_type,
                          length=len(body) if send_length else None)
            for piece in _pieces(body, chunk_size):
                if not request.write(piece) or not request.wait(interval):
                    return

        self._routes[path] = answer

    # Shutdown ------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop fast even with handlers that hang; raise if a handler crashed."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)
        with self.lock:
            connections, threads = list(self.connections), list(self.threads)
        for conn in connections:  # wakes handlers blocked on a client that went quiet
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(5)
        errors = [e for e in self.errors if e is not None]
        if errors:
            raise AssertionError(f"a test server handler failed: {errors[0]!r}") from errors[0]


def _pieces(data: bytes, size: int) -> Iterable[bytes]:
    return (data[i:i + size] for i in range(0, len(data), size))


def _gzip_of_spaces(size: int) -> bytes:
    """Gzip members of 16 MB of spaces, concatenated (valid gzip): a 10 GB bomb is 10 MB."""
    member = 16 * 1024 * 1024
    whole, rest = divmod(size, member)
    return _gzip_member(member) * whole + (_gzip_member(rest) if rest else b"")


@functools.lru_cache(maxsize=8)
def _gzip_member(size: int) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1024 * 1024)
    parts = [compressor.compress(block[: min(len(block), size - start)])
             for start in range(0, size, len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)
