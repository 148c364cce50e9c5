"""The only exceptions the core raises.

Every error carries a one-line ``message`` a person can act on and an optional
``hint`` saying what to do; the CLI prints ``str(error)`` on one line and the
window shows it in a message bar, so no caller ever needs a traceback.
"""

from __future__ import annotations


class ClipperError(Exception):
    """Base class: something the user should be told about in plain words."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = self.message.rstrip(".")
        return f"{text}. {self.hint}" if self.hint else f"{text}."


class SourceError(ClipperError):
    """The thing to clip cannot be read: bad URL, missing or unreadable file."""


class ImportFileError(SourceError):
    """A reading-list export cannot be read: not the format it should be, or broken."""


class FetchError(ClipperError):
    """The network failed: DNS, TLS, refused connection, redirect loop."""


class FetchTimeout(FetchError):
    """The server did not answer, or not completely, in time."""


class HttpStatusError(FetchError):
    """The server answered with a 4xx or 5xx status."""

    def __init__(self, status: int, url: str, message: str, hint: str | None = None,
                 retry_after: str | None = None) -> None:
        super().__init__(message, hint)
        self.status = status
        self.url = url
        self.retry_after = retry_after
        """The ``Retry-After`` header of a 429 or 503 answer, as sent."""


class TooLargeError(FetchError):
    """The page is bigger than the size cap (as sent or after decompression)."""


class NotHtmlError(ClipperError):
    """The content is not a web page (PDF, image, binary file...)."""


class CancelledError(ClipperError):
    """The user cancelled the operation; callers usually show nothing."""

    def __init__(self, message: str = "Cancelled", hint: str | None = None) -> None:
        super().__init__(message, hint)


class NoArticleError(ClipperError):
    """The page holds no readable article text."""


class LibraryError(ClipperError):
    """The library folder cannot be written, or a clip cannot be read back."""


class ClipChangedError(LibraryError):
    """The clip's file changed on disk (another editor, a sync tool) since it was read;
    nothing was written, so the caller can ask before overwriting."""

    def __init__(self, path: str, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.path = path
