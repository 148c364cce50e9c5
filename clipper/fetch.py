"""Read the bytes of a page: over HTTP(S) with hard limits, from a local file, or as pasted text.

A page is untrusted input, so every download is bounded: a connect timeout, a
limit on silence between bytes, an overall deadline, a redirect count, and a
size cap applied both to the bytes on the wire and to what they decompress to
(so a gzip bomb stops at the cap instead of filling memory).

Each request runs in a short-lived worker thread while the calling thread
waits in small slices. That is what lets cancel and the deadline act within a
fraction of a second in every phase (DNS, connect, waiting for headers, a
trickling body): a blocking socket read cannot be interrupted from its own
thread, and a timed-out socket file cannot be read again, so "short socket
timeouts in a loop" does not work with http.client. On cancel the caller
shuts the socket down, which wakes the worker so it cleans up and exits.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import queue
import socket
import ssl
import stat
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.client import HTTPException, IncompleteRead, RemoteDisconnected
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.util import make_headers, parse_url

from clipper import __version__
from clipper.decode import charset_param, describe_content_type, describe_non_html
from clipper.errors import (
    ClipperError,
    FetchError,
    FetchTimeout,
    HttpStatusError,
    NoArticleError,
    NotHtmlError,
    SourceError,
    TooLargeError,
)
from clipper.models import HTML_SUFFIXES, Page, Source
from clipper.progress import ProgressFn, check_cancel
from clipper.urls import without_credentials

"""(bytes received so far, total if known)."""


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    """Longest silence allowed between two bytes."""
    deadline: float = 60.0
    """The whole request: redirects, headers and body."""
    max_redirects: int = 10
    max_bytes: int = 64 * 1024 * 1024
    """Body cap, both as sent and after decompression."""


DEFAULT_LIMITS = Limits()


@dataclass
class Response:
    url: str
    """Final URL after redirects."""
    status: int
    headers: dict[str, str]
    """Lower-cased names; repeated headers joined with ", "."""
    body: bytes
    """Decompressed."""


USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    f"Chrome/126.0 Safari/537.36 Clipper/{__version__}"
)
"""Browser-like, because some sites serve robots a different page, but honest about who asks."""
DEFAULT_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "gzip, deflate",  # what _Inflater reads, and tells complete from cut
}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
SLICE = 0.1
"""How often the waiting thread looks at cancel and the deadline."""
FILE_CHUNK = 1024 * 1024
_WINDOW = 256 * 1024
"""Most bytes one decompression step may produce."""
_CREDENTIAL_HEADERS = ("authorization", "cookie", "proxy-authorization")


def http_get(url: str, *, limits: Limits = DEFAULT_LIMITS,
             headers: Mapping[str, str] | None = None, progress: ProgressFn | None = None,
             cancel: threading.Event | None = None) -> Response:
    """GET an http(s) URL within ``limits``, following redirects; 4xx/5xx raise HttpStatusError.

    ``headers`` are added to (and override) the defaults, e.g. a ``Referer`` for images.
    ``progress("fetching", done, total)`` is called in the calling thread with bytes as
    sent on the wire.
    """
    return _Transfer(url, limits, headers, None).run(progress, cancel)


def fetch(source: Source, *, limits: Limits = DEFAULT_LIMITS, progress: ProgressFn | None = None,
          cancel: threading.Event | None = None) -> Page:
    """Read what a Source names; anything that is not a web page is refused with NotHtmlError."""
    check_cancel(cancel)
    if source.kind == "url":
        return _fetch_url(source.value, limits, progress, cancel)
    if source.kind == "file":
        return _read_file(Path(source.value), limits, progress, cancel)
    if not source.value.strip():
        raise NoArticleError("The HTML to clip is empty")
    body = source.value.encode("utf-8", errors="replace")
    if progress:
        progress("fetching", len(body), len(body))
    return Page(body=body, url=source.url, content_type="text/html", charset="utf-8")


# --- URLs ------------------------------------------------------------------------------------

def _fetch_url(url: str, limits: Limits, progress: ProgressFn | None,
               cancel: threading.Event | None) -> Page:
    def refuse_early(final_url: str, headers: dict[str, str]) -> None:
        # Do not download a 300 MB video just to find out it is not a page.
        description = describe_content_type(headers.get("content-type"))
        if description:
            raise _not_html(final_url, description)

    # user:password@ in the address the person typed is sent as Basic auth, as curl does
    # (never for images: a page must not make Clipper log in somewhere); it is never
    # recorded, so it cannot end up in a clip's front matter.
    response = _Transfer(url, limits, _basic_auth(url), refuse_early).run(progress, cancel)
    content_type = response.headers.get("content-type")
    description = describe_non_html(response.body, content_type)
    if description:
        raise _not_html(response.url, description)
    if not response.body or response.body.isspace():  # (strip() would copy a big page)
        raise NoArticleError(f"The page at {response.url} is empty")
    return Page(body=response.body, url=response.url, content_type=content_type,
                charset=charset_param(content_type),
                last_modified=response.headers.get("last-modified"))


def _not_html(where: str, description: str) -> NotHtmlError:
    return NotHtmlError(f"{where} is {description}, not a web page",
                        "Clipper clips web pages (HTML); open this with another application.")


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, or certifi's where the system offers none.

    Python from python.org on macOS, and bundled apps on Windows and macOS, often
    see an empty system store; certifi (a dependency there) fills the gap.
    """
    context = ssl.create_default_context()
    if not context.cert_store_stats().get("x509_ca"):
        try:
            import certifi
        except ImportError:
            return context
        context.load_verify_locations(cafile=certifi.where())
    return context



class _Aborted(Exception):
    """The caller gave up (cancel or deadline); the worker just cleans up."""


class _Transfer:
    """One GET with its redirects, run by a worker thread and watched by the caller."""

    def __init__(self, url: str, limits: Limits, headers: Mapping[str, str] | None,
                 check: Callable[[str, dict[str, str]], None] | None) -> None:
        self.url = self.start_url = without_credentials(url)
        self.limits = limits
        self.headers = dict(DEFAULT_HEADERS)
        for name, value in (headers or {}).items():
            for known in [k for k in self.headers if k.lower() == name.lower()]:
                del self.headers[known]
            self.headers[name] = value
        self.check = check
        self.events: queue.SimpleQueue[tuple[str, object]] = queue.SimpleQueue()
        self.aborted = threading.Event()
        self.lock = threading.Lock()
        self.sock: socket.socket | None = None

    # Caller side --------------------------------------------------------------------------

    def run(self, progress: ProgressFn | None, cancel: threading.Event | None) -> Response:
        _check_scheme(self.url, None)
        check_cancel(cancel)
        deadline = time.monotonic() + self.limits.deadline
        worker = threading.Thread(target=self._work, name="clipper-http", daemon=True)
        worker.start()
        finished = False
        try:
            while True:
                check_cancel(cancel)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise FetchTimeout(
                        f"Gave up on {self.url} after {self.limits.deadline:g} seconds",
                        "The server is too slow right now; try again later.")
                pending: tuple[int, int | None] | None = None
                try:
                    kind, payload = self.events.get(timeout=min(SLICE, remaining))
                    while kind == "progress":
                        pending = payload  # type: ignore[assignment]
                        kind, payload = self.events.get_nowait()
                except queue.Empty:
                    kind, payload = "", None
                if pending is not None and progress is not None:
                    progress("fetching", *pending)
                if kind == "done":
                    finished = True
                    assert isinstance(payload, Response)
                    return payload
                if kind == "error":
                    finished = True
                    assert isinstance(payload, BaseException)
                    raise payload
        finally:
            if not finished:
                self._abort()
                worker.join(0.25)

    def _abort(self) -> None:
        self.aborted.set()
        with self.lock:
            if self.sock is not None:
                # The base-class call also works on an SSLSocket, without touching TLS state.
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(self.sock, socket.SHUT_RDWR)

    # Worker side --------------------------------------------------------------------------

    def _work(self) -> None:
        """Never raises: the outcome goes to the caller, or nowhere once the caller has left."""
        try:
            self.events.put(("done", self._get()))
        except _Aborted:
            pass
        except ClipperError as exc:
            self.events.put(("error", exc))
        except (HTTPError, OSError, HTTPException) as exc:
            error = _translate(exc, self.url, self.limits)
            error.__cause__ = exc
            self.events.put(("error", error))
        except Exception as exc:  # a bug: let the caller see it as it is
            self.events.put(("error", exc))

    def _get(self) -> Response:
        url, headers = self.url, dict(self.headers)
        for _hop in range(self.limits.max_redirects + 1):
            response, location = self._once(url, headers)
            if response is not None:
                return response
            assert location is not None
            try:
                target = urljoin(url, location)
            except ValueError:  # "http://[x"
                raise FetchError(f"{url} redirected to an invalid address: {location}") from None
            _check_scheme(target, url)
            target = without_credentials(target)
            if _origin(target) != _origin(url):  # another host, port or scheme: no secrets
                headers = {k: v for k, v in headers.items()
                           if k.lower() not in _CREDENTIAL_HEADERS}
            self.url = url = target
        raise FetchError(
            f"Too many redirects (more than {self.limits.max_redirects}) from {self.start_url}",
            "The site is probably redirecting in a loop; try it in a browser.")

    def _once(self, url: str, headers: dict[str, str]) -> tuple[Response | None, str | None]:
        """One request: the response, or (None, location) for a redirect."""
        parsed = parse_url(url)
        host = (parsed.host or "").strip("[]")
        if parsed.scheme == "https":
            conn: HTTPConnection = HTTPSConnection(host, parsed.port,
                                                   timeout=self.limits.connect_timeout,
                                                   ssl_context=tls_context())
        else:
            conn = HTTPConnection(host, parsed.port, timeout=self.limits.connect_timeout)
        resp = None
        try:
            if self.aborted.is_set():
                raise _Aborted()
            conn.connect()
            with self.lock:
                self.sock = conn.sock
            if self.aborted.is_set():
                raise _Aborted()
            conn.timeout = self.limits.read_timeout  # from now on: silence between bytes
            conn.request("GET", parsed.request_uri, headers=headers,
                         preload_content=False, decode_content=False)
            resp = conn.getresponse()
            names = {k.lower(): v for k, v in resp.headers.itermerged()}
            location = names.get("location")
            if resp.status in REDIRECT_STATUSES and location:
                return None, location
            if resp.status >= 400:
                raise _status_error(resp.status, resp.reason, url, names.get("retry-after"))
            if self.check is not None:
                self.check(url, names)
            body = self._read_body(resp, names)
            return Response(url=url, status=resp.status, headers=names, body=body), None
        except Exception:
            if self.aborted.is_set():  # the caller shut the socket: whatever broke, it was us
                raise _Aborted() from None
            raise
        finally:
            with self.lock:
                self.sock = None
            if resp is not None:
                resp.close()
            conn.close()

    def _read_body(self, resp: urllib3.BaseHTTPResponse, headers: dict[str, str]) -> bytes:
        cap = self.limits.max_bytes
        try:
            total: int | None = int(headers["content-length"])
        except (KeyError, ValueError):
            total = None
        if total is not None and total > cap:
            raise _too_large(cap, self.url)
        inflater = _Inflater(headers.get("content-encoding", ""), self.url)
        body = io.BytesIO()  # getvalue() hands over its buffer: no second copy of a big page
        raw = 0
        while True:
            if self.aborted.is_set():
                raise _Aborted()
            chunk = resp.read1(CHUNK)  # whatever has arrived: live progress
            if not chunk:
                break
            raw += len(chunk)
            if raw > cap:
                raise _too_large(cap, self.url)
            for piece in inflater.feed(chunk):
                body.write(piece)
                if body.tell() > cap:
                    raise _too_large(cap, self.url)
            self.events.put(("progress", (raw, total)))
        inflater.finish()
        return body.getvalue()


class _Inflater:
    """A compressed body (``Content-Encoding`` gzip or deflate) decompressed as it arrives,
    never past the size cap (a gzip bomb stops there), and checked to be complete: a gzip
    or deflate stream cut off before its end is a broken download, like a body shorter
    than its Content-Length, not a shorter page."""

    def __init__(self, encoding: str, url: str) -> None:
        codings = [c.strip().lower() for c in encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        for coding in codings:
            if coding not in ("gzip", "x-gzip", "deflate"):
                raise FetchError(f"The server {urlsplit(url).hostname or url} sent the page "
                                 f"compressed as {coding!r}, which Clipper did not ask for",
                                 "Try again later, or save the page from your browser.")
        self.codings = list(reversed(codings))  # the last one applied is undone first
        self.streams: list[zlib._Decompress | None] = [None] * len(self.codings)
        self.url = url

    def _new(self, coding: str, first: bytes) -> zlib._Decompress:
        if coding == "deflate":  # zlib-wrapped as the standard says, or raw as some send
            looks_zlib = len(first) >= 2 and first[0] & 0x0F == 8 and \
                int.from_bytes(first[:2], "big") % 31 == 0
            return zlib.decompressobj(zlib.MAX_WBITS if looks_zlib else -zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def _step(self, i: int, data: bytes) -> Iterator[bytes]:
        """Decompressed pieces of at most ``_WINDOW`` bytes: a bomb never inflates in one go."""
        while data:
            stream = self.streams[i]
            if stream is None:
                stream = self.streams[i] = self._new(self.codings[i], data)
            elif stream.eof:
                if self.codings[i] == "deflate" or not data.startswith(b"\x1f\x8b"):
                    return  # bytes after the end: ignored, as browsers do
                stream = self.streams[i] = self._new(self.codings[i], data)  # next member
            try:
                piece = stream.decompress(data, _WINDOW)
            except zlib.error:
                raise FetchError(f"The server {urlsplit(self.url).hostname or self.url} sent a "
                                 "corrupt compressed page", "Try again later.") from None
            if piece:
                yield piece
            data = stream.unconsumed_tail or (stream.unused_data if stream.eof else b"")

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decompressed pieces of the next bytes received."""
        pieces: Iterator[bytes] = iter((data,))
        for i in range(len(self.codings)):
            pieces = self._chain(i, pieces)
        return pieces

    def _chain(self, i: int, pieces: Iterator[bytes]) -> Iterator[bytes]:
        for piece in pieces:
            yield from self._step(i, piece)

    def finish(self) -> None:
        if any(stream is not None and not stream.eof for stream in self.streams):
            raise FetchError(f"The connection to {urlsplit(self.url).hostname or self.url} "
                             "broke off before the page was complete (its compressed data "
                             "stops half-way)", "Try again.")


def _origin(url: str) -> tuple[str, str, int | None]:
    parsed = parse_url(url)
    return (parsed.scheme or "", (parsed.host or "").lower(), parsed.port)


def _basic_auth(url: str) -> dict[str, str] | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None  # refused with a clear message by _check_scheme
    if parts.username is None:
        return None
    user, password = unquote(parts.username), unquote(parts.password or "")
    return make_headers(basic_auth=f"{user}:{password}")


def _check_scheme(url: str, came_from: str | None) -> None:
    try:
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https") and parse_url(url).host:
            return
    except ValueError:  # "http://[::1", a port over 65535 (LocationParseError is one too)
        scheme = "http"
    if scheme in ("http", "https"):
        raise (FetchError(f"{came_from} redirected to an invalid address: {url}")
               if came_from else SourceError(f"Not a valid web address: {url}"))
    if came_from:
        raise FetchError(f"{came_from} redirected to a {scheme}: address, which Clipper refuses",
                         "Only http and https pages can be clipped.")
    raise SourceError(f"Clipper cannot open {scheme}: addresses",
                      "Use an http(s) address or an HTML file.")


def _status_error(status: int, reason: str | None, url: str,
                  retry_after: str | None = None) -> HttpStatusError:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = reason or "an error"
    if status in (401, 403, 407):
        hint = ("The page needs a login or refuses automated readers; save it from your "
                "browser and open the file instead.")
    elif status in (404, 410):
        hint = "Check the address."
    elif status == 429:
        hint = "The site asks to slow down; try again later."
    elif status >= 500:
        hint = "The site has a problem; try again later."
    else:
        hint = None
    return HttpStatusError(status, url, f"The server answered {status} {phrase} for {url}", hint,
                           retry_after=retry_after)


def _too_large(cap: int, where: str) -> TooLargeError:
    return TooLargeError(f"{where} is larger than the {_megabytes(cap)} limit",
                         "Save the page from your browser and open the file instead.")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"


def _translate(exc: Exception, url: str, limits: Limits) -> ClipperError:
    """Library and socket errors, in words a person can act on."""
    host = urlsplit(url).hostname or url
    if isinstance(exc, NameResolutionError):
        return FetchError(f"Could not find the server {host}",
                          "Check the address, or your internet connection.")
    if isinstance(exc, NewConnectionError):  # (a ConnectTimeoutError subclass: test it first)
        if isinstance(exc.__cause__, ConnectionRefusedError):
            return FetchError(f"The server {host} refused the connection",
                              "Check the address and port, or try again later.")
        return FetchError(f"Could not connect to {host} ({_reason(exc)})",
                          "Check your internet connection.")
    if isinstance(exc, ConnectTimeoutError):
        return FetchTimeout(
            f"Could not connect to {host} within {limits.connect_timeout:g} seconds",
            "Check your internet connection, or try again later.")
    if isinstance(exc, (ReadTimeoutError, TimeoutError)):
        return FetchTimeout(
            f"The server {host} stopped answering for {limits.read_timeout:g} seconds",
            "The site is too slow right now; try again later.")
    if isinstance(exc, ssl.SSLCertVerificationError) or (
            isinstance(exc.__context__, ssl.SSLCertVerificationError)):
        error = exc if isinstance(exc, ssl.SSLError) else exc.__context__
        reason = getattr(error, "verify_message", None) or "certificate not trusted"
        return FetchError(f"The secure connection to {host} failed: {reason}",
                          "The site's certificate is invalid, or this computer's certificates "
                          "are out of date.")
    if isinstance(exc, (ssl.SSLError, urllib3.exceptions.SSLError)):
        return FetchError(f"The secure connection to {host} failed ({_reason(exc)})",
                          "The site's HTTPS setup may be broken; try again later.")
    if isinstance(exc, DecodeError):
        return FetchError(f"The server {host} sent a corrupt compressed page", "Try again later.")
    inner = (exc.__cause__ or exc.__context__) if isinstance(exc, ProtocolError) else exc
    if isinstance(inner, HTTPException) and not isinstance(inner, (IncompleteRead,
                                                                   RemoteDisconnected)):
        return FetchError(f"The server {host} answered with something that is not HTTP",
                          "Check the address and port.")
    if isinstance(exc, (ProtocolError, ConnectionError, HTTPException)):
        return FetchError(f"The connection to {host} broke off before the page was complete",
                          "Try again.")
    if isinstance(exc, (HTTPError, OSError)):
        return FetchError(f"Could not read {url} ({_reason(exc)})")
    return FetchError(f"Could not read {url} ({type(exc).__name__}: {exc})")


def _reason(exc: BaseException) -> str:
    inner = exc.__cause__ or exc.__context__ or exc
    text = getattr(inner, "strerror", None) or getattr(inner, "reason", None) or str(inner)
    return str(text).splitlines()[0][:200] if text else type(inner).__name__


# --- Files -----------------------------------------------------------------------------------

def _read_file(path: Path, limits: Limits, progress: ProgressFn | None,  # noqa: C901 -- one guard per way a local path can lie (missing, folder, FIFO, device, text, too big); split, the order of the checks would hide
               cancel: threading.Event | None) -> Page:
    path = Path(os.path.abspath(path.expanduser()))
    if "\x00" in str(path):  # os calls would raise ValueError
        raise SourceError(f"Not a valid file name: {str(path)!r}")
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(f"No such file: {path}", "Check the path.") from None
    except OSError as exc:
        raise SourceError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"{path} is a folder, not a page", "Choose an HTML file inside it.")
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        raise SourceError(f"{path} is not a regular file", "Choose a saved HTML page.")
    if info.st_size > limits.max_bytes:
        raise _too_large(limits.max_bytes, str(path))
    if info.st_size == 0:
        raise NoArticleError(f"{path} is empty")
    # A file named as a page is read as one; any other (notes.txt, /etc/passwd, a script)
    # must look like HTML, or its text would come out as an "Untitled" article.
    label = None if path.suffix.lower() in HTML_SUFFIXES else "text/plain"
    body = io.BytesIO()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(FILE_CHUNK):
                check_cancel(cancel)
                if body.tell() == 0:  # refuse a PDF or a picture before reading all of it
                    description = describe_non_html(chunk, label)
                    if description:
                        raise _not_html(path.name, description)
                body.write(chunk)
                if body.tell() > limits.max_bytes:  # the file grew while being read
                    raise _too_large(limits.max_bytes, str(path))
                if progress:
                    progress("fetching", body.tell(), info.st_size)
    except PermissionError:
        raise SourceError(f"Cannot read {path}: permission denied",
                          "Check the file's permissions.") from None
    except OSError as exc:
        raise SourceError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    data = body.getvalue()
    if not data or data.isspace():
        raise NoArticleError(f"{path} is empty")
    suffix = path.suffix.lower()
    content_type = "application/xhtml+xml" if suffix in (".xhtml", ".xht") else "text/html"
    return Page(body=data, url=path.as_uri(), content_type=content_type, local_dir=path.parent)
