"""Markdown reduced to the words a person reads, for search and for duplicate fingerprints.

Indexing raw Markdown would make every clip match "https" or "png" and fill
search snippets with link syntax, so URLs, image links and markup go first.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*$", re.M)
# Every repeat below starts on a character the others cannot, and no scan runs past the
# next "[", "(" or "<" it cannot use: a body full of unclosed "![](" or "<a" then costs
# linear time (the earlier patterns backtracked for minutes on a few kilobytes). Written
# "normal* (special normal*)*": a run of plain characters is one single-character repeat,
# which the regex engine walks without saving state per character (an alternation
# repeated per character did: a 64 MB data: image link took 10 GB).
_LABEL = r"\[([^\[\]\\\n]*(?:\\.[^\[\]\\\n]*)*)\]"
_DESTINATION = r"\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)"
_IMAGE = re.compile("!" + _LABEL + _DESTINATION)
_LINK = re.compile(_LABEL + _DESTINATION)
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:\s+\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>", re.I)
_BARE_URL = re.compile(r"https?://\S+", re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_LINE_MARKS = re.compile(r"^[ \t]{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|\|)", re.M)
# Where a line mark could start: the multi-line "^" above is tried at every character,
# these search for the newline first (much faster; bench/library/README.md), so most texts
# skip it.
_MARK_AT_START = re.compile(r"[ \t]{0,3}[#>*+\-|\d]")
_MARK_AFTER_NEWLINE = re.compile(r"\n[ \t]{0,3}[#>*+\-|\d]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_BLANKS = re.compile(r"\n\s*\n+")


def _may_have_line_marks(text: str) -> bool:
    return bool(_MARK_AT_START.match(text) or _MARK_AFTER_NEWLINE.search(text))


def _has_control_chars(text: str) -> bool:
    # isprintable() is a fast scan that only fails on rarer characters (controls among them)
    return not text.replace("\n", " ").isprintable() and bool(_CONTROL_CHARS.search(text))


def plain_text(markdown: str) -> str:
    """Readable text of a clip body: link text kept, URLs, images and markup dropped.

    Indexing a library runs this on every clip, so each step first checks (with a fast
    substring search) that its pattern can match at all; the result is the same.
    """
    text = markdown
    if "```" in text or "~~~" in text:
        text = _FENCE.sub("", text)
    if "![" in text:
        text = _IMAGE.sub(lambda m: m.group(1), text)
    if "](" in text:
        text = _LINK.sub(lambda m: m.group(1), text)
    if "]:" in text:
        text = _REF_DEF.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub("", text)
    if "://" in text:
        text = _BARE_URL.sub("", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    for _ in range(2):  # "> - item" has two line marks
        if _may_have_line_marks(text):
            text = _LINE_MARKS.sub("", text)
    # Emphasis, code and table marks and control characters go: str.replace is far faster
    # than a regex character class, which is kept for the rare control characters.
    text = text.replace("\t", " ")
    for mark in "*`|":
        if mark in text:
            text = text.replace(mark, "")
    if _has_control_chars(text):
        text = _CONTROL_CHARS.sub("", text)
    text = text.replace("__", "").replace("~~", "")
    while "  " in text:  # runs of spaces to one (halved each round)
        text = text.replace("  ", " ")
    return _BLANKS.sub("\n\n", text).strip()
