"""What the window says in words: errors, progress stages, skipped files, images left remote.

Kept apart from the widgets (no Qt here) so that the session can decide what is shown
and tests can read the wording without a window.
"""

from __future__ import annotations

import logging

from clipper.errors import ClipperError
from clipper.models import Article, Source

from .mime import display_name

log = logging.getLogger(__name__)

_STAGES = {"fetching": "Downloading", "decoding": "Reading", "extracting": "Cleaning",
           "saving": "Saving", "images": "Saving images", "queued": "Saving queued pages"}
COUNTED_STAGES = ("fetching", "images", "queued")
"""Stages whose total is known: the others show a busy bar, not a fraction."""


def error_text(error: BaseException, doing: str) -> str:
    """A ClipperError already says what happened and what to do; anything else is a bug,
    logged with its traceback and named in the window rather than swallowed."""
    if isinstance(error, ClipperError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return (f"Could not finish {doing}: {error.strerror}{where}. Check that the disk has "
                "room and the folder can be written, then try again.")
    log.error("unexpected error while %s", doing, exc_info=error)
    return (f"Unexpected error while {doing}: {error.__class__.__name__}: {error}. "
            f"{BUG_HINT}")


BUG_HINT = "Try again; if it happens again, please report it (the details are on the terminal)."


def worth_retrying(error: BaseException) -> bool:
    """Whether "Try Again" could give another result: a network or server trouble, not a
    PDF, a picture, a missing file or a page that is too large (those stay what they are)."""
    from clipper.errors import FetchError, HttpStatusError, TooLargeError

    if isinstance(error, HttpStatusError):
        return error.status >= 500 or error.status in (408, 425, 429)
    if isinstance(error, TooLargeError):
        return False
    if isinstance(error, FetchError):
        return True
    return not isinstance(error, ClipperError)  # a bug may not happen twice


def human_bytes(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def stage_label(stage: str, done: int, total: int | None) -> str:
    """``Downloading 12 KB of 80 KB…``: a background task's progress, as the status bar says it."""
    label = _STAGES.get(stage, stage.capitalize())
    if stage == "fetching" and done:
        label += f" {human_bytes(done)}" + (f" of {human_bytes(total)}" if total else "")
    elif stage in ("images", "queued") and total:
        label += f" {done} of {total}"
    return label + "…"


def skipped_text(skipped: list[str]) -> str:
    """Dropped files that are not web pages, named (the first three)."""
    names = ", ".join(skipped[:3]) + (" …" if len(skipped) > 3 else "")
    return f"Skipped {names}: Clipper opens web pages (.html, .htm, .xhtml) and web addresses."


def failed_images_text(failed: list[str]) -> str:
    """Which images stayed remote, by short names (all addresses are in the tooltip)."""
    names = [display_name(Source("url", url)) for url in failed[:3]]
    listed = ", ".join(names) + (", …" if len(failed) > 3 else "")
    if len(failed) == 1:
        return f"An image could not be downloaded ({listed}); the clip keeps its web address."
    return (f"{len(failed)} images could not be downloaded ({listed}); the clip keeps their "
            "web addresses.")


def queue_report_text(saved: int, skipped: int, failed: list[tuple[str, str]]
                      ) -> tuple[str, str, str]:
    """(text, level, details) of the notice after Save All Queued."""

    def pages(n: int) -> str:
        return f"{n} queued page{'s' if n != 1 else ''}"

    names = ", ".join(name for name, _why in failed[:3]) + (" …" if len(failed) > 3 else "")
    if saved:
        parts = [f"Saved {pages(saved)} to the library"]
        if skipped:
            parts.append(f"{skipped} {'was' if skipped == 1 else 'were'} already there")
    elif skipped:
        parts = [f"{'The' if not failed else ''} {pages(skipped)} "
                 f"{'was' if skipped == 1 else 'were'} already in the library; nothing new "
                 "was saved".strip()]
    else:
        parts = ["No queued page could be saved"]
    if failed:
        parts.append(f"{len(failed)} could not be saved: {names} (point here for why)")
    details = "\n".join(f"{name}: {why}" for name, why in failed)
    return "; ".join(parts) + ".", "warning" if failed else "success", details


def doubt_text(article: Article) -> tuple[str, bool] | None:
    """What the window says when the extractor is unsure of the article, or the page looks
    like a teaser: (text, whether "Choose the Article…" is offered); None when sure."""
    from clipper.extract.guard import LITTLE_TEXT

    if not article.markdown:
        return None
    # little text before a paywall prompt: the teaser says why, not the doubt
    if article.unsure and not (article.teaser and article.confidence_reason == LITTLE_TEXT):
        text = (f"Clipper is not sure this is the article ({article.confidence_reason}). "
                "Choose the article: click its block in the Page or Source view.")
        if article.teaser:
            text += f" The clip may also be cut short: {article.teaser_reason}."
        return text, True
    if article.teaser:
        return (f"The clip may be cut short: {article.teaser_reason} (a teaser before a "
                "paywall or a sign-in?). Signed in, in a browser, save the whole page and "
                "open it here."), False
    return None
