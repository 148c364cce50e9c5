"""What one extraction carries from step to step, and from one attempt to the next."""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

__all__ = ["ExtractionContext"]


@dataclass
class ExtractionContext:
    """The addresses a page is read under and what the selection walk learns on the way.

    One per ``extract`` call; a thin result is retried with looser rules on a fresh copy
    of the page, and the context says which facts outlive an attempt.
    """

    base_url: str | None
    """What relative links resolve against: ``<base href>``, else the page's address."""
    page_url: str | None
    """The address the page was read from, as given (an article may be labelled with it)."""
    lead_urls: frozenset[str]
    """The URLs by which the page's images show its declared lead photo."""
    byline: str | None = None
    """A visible byline the walk took out of the text; found once, kept across attempts."""
    headline_parent: HtmlElement | None = None
    """Where the headline the walk removed stood (the article starts there); per attempt,
    because it is an element of that attempt's copy of the page."""

    rival: bool = False
    """The last attempt saw a second article scored close to the one it chose."""
    named: bool = False
    """The article was the one the page's address names among several (not a guess)."""

    def start_attempt(self) -> None:
        """Forget what belongs to the previous attempt's copy of the page."""
        self.headline_parent = None
