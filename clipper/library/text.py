"""Markdown reduced to the words a person reads, for search and for duplicate fingerprints.

Indexing raw Markdown would make every clip match "https" or "png" and fill
search snippets with link syntax, so URLs, image links and markup go first.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*$", re.M)
# Every repeat below starts on a character the others cannot, and no scan runs past the
# next "[", "(" or "<" it cannot use: a body full of unclosed "![](" or "<a" then costs
# linear time (the earlier patterns backtracked for minutes on a few kilobytes).
_LABEL = r"\[((?:[^\[\]\\\n]|\\.)*)\]"
_DESTINATION = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_IMAGE = re.compile("!" + _LABEL + _DESTINATION)
_LINK = re.compile(_LABEL + _DESTINATION)
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:\s+\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>", re.I)
_BARE_URL = re.compile(r"https?://\S+", re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_LINE_MARKS = re.compile(r"^[ \t]{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|\|)", re.M)
# Emphasis, code and table marks and control characters (a character class is far faster
# than str.translate with a table, or than an alternation).
_DROP_CHARS = re.compile(r"[*`|\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_SPACES = re.compile(r" {2,}")
_BLANKS = re.compile(r"\n\s*\n+")


def plain_text(markdown: str) -> str:
    """Readable text of a clip body: link text kept, URLs, images and markup dropped."""
    text = _FENCE.sub("", markdown)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _REF_DEF.sub("", text)
    text = _AUTOLINK.sub("", text)
    if "://" in text:
        text = _BARE_URL.sub("", text)
    text = _TAG.sub(" ", text)
    for _ in range(2):  # "> - item" has two line marks
        text = _LINE_MARKS.sub("", text)
    text = _DROP_CHARS.sub("", text.replace("\t", " ")).replace("__", "").replace("~~", "")
    text = _SPACES.sub(" ", text)
    return _BLANKS.sub("\n\n", text).strip()
