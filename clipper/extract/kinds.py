"""What kind of page this is, from its structured data, its address and its markup.

A discussion thread's posts are the content, though templates name them like the
comments under an article ("comment", "reply", "message"): the extractor must know when
it is reading a thread before it lets such parts be the clip.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from clipper.extract.metadata.jsonld import ld_json_scripts

__all__ = ["declares_discussion", "is_thread"]

_THREAD_TYPES = re.compile(r'"@type"\s*:\s*\[?\s*"(?:DiscussionForumPosting|QAPage|Question)"')
_THREAD_WORDS = re.compile(
    r"(?:^|[^a-z])(?:forums?|threads?|topics?|discussions?|showthread|viewtopic|boards?)"
    r"(?:[^a-z]|$)")


def is_thread(doc: HtmlElement, url: str | None) -> bool:
    """A forum or Q&A thread: said by its JSON-LD type, its address or its body's name.

    ``doc``: the parsed page, scripts still in it.
    """
    for script in ld_json_scripts(doc):
        if _THREAD_TYPES.search(script.text or ""):
            return True
    if url and _THREAD_WORDS.search(urlsplit(url).path.lower()):
        return True
    body = doc.find("body")
    if body is None:
        return False
    name = f"{body.get('class') or ''} {body.get('id') or ''}".lower()
    return bool(_THREAD_WORDS.search(name))


_DISCUSSION = re.compile(r"(?:DiscussionForumPosting|QAPage|SocialMediaPosting)")
_DISCUSSION_TYPE = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:DiscussionForumPosting|QAPage|SocialMediaPosting)"')
"""The page's own type, not a word in its text (a news article's JSON-LD may name its comments)."""


def declares_discussion(doc: HtmlElement) -> bool:
    """The page's structured data says it is a discussion: a forum thread, a Q&A page or a
    social post, in JSON-LD or in microdata on its root (Q&A sites mark ``<html>``)."""
    for script in doc.iter("script"):
        if script.get("type") == "application/ld+json" and \
                _DISCUSSION_TYPE.search(script.text or ""):
            return True
    body = doc.find("body")
    return any(_DISCUSSION.search(el.get("itemtype") or "")
               for el in (doc, body) if el is not None)
