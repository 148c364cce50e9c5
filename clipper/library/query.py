"""What a person types in the search field, made safe for FTS5, and snippets of the matches.

Input is never FTS syntax: quotes, ``AND``, ``-``, ``*``, ``:`` or brackets are words
or nothing, so no input can make a query fail. The last word is a prefix while it
is being typed (no space after it yet) once it has three letters; shorter
prefixes match most of a large library and only cost time.

Snippets are cut in Python from the stored text: SQLite's ``snippet()`` re-tokenises
and scores every window of every result, which took longer than the search itself
on a 10,000-clip library. SQLite's is still used when a match is not found here
(e.g. diacritics folded by the tokenizer: "jokull" finding "jökull").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_PREFIX = 3
SNIPPET_BEFORE = 60
SNIPPET_AFTER = 160

_QUERY_TERM = re.compile(r'"([^"]*)"?|([^\s"]+)')
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Query:
    terms: tuple[tuple[str, ...], ...]
    """Words and quoted phrases, in order; every term must match."""
    prefix: bool
    """The last word is still being typed: match it as a prefix."""

    @property
    def expression(self) -> str:
        """The FTS5 MATCH expression: each term a quoted string (quotes inside are impossible:
        terms hold only letters and digits)."""
        parts = ['"' + " ".join(words) + '"' for words in self.terms]
        if self.prefix:
            parts[-1] += "*"
        return " ".join(parts)

    def pattern(self) -> re.Pattern[str]:
        """A regex finding the query's words in text, for highlighting."""
        words = sorted({w for term in self.terms for w in term}, key=len, reverse=True)
        alternatives = [re.escape(w) for w in words]
        if self.prefix:
            last = re.escape(self.terms[-1][-1])
            alternatives = [f"{last}\\w*", *[a for a in alternatives if a != last]]
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)


def parse_query(text: str) -> Query | None:
    terms: list[tuple[str, ...]] = []
    last_is_phrase = False
    for m in _QUERY_TERM.finditer(text):
        phrase = m.group(1) is not None
        words = _TOKEN.findall(m.group(1) if phrase else m.group(2))
        if not words:
            continue
        if phrase:
            terms.append(tuple(words))
        else:
            terms.extend((w,) for w in words)
        last_is_phrase = phrase
    if not terms:
        return None
    typing = not text[-1:].isspace() and not last_is_phrase
    return Query(tuple(terms), typing and len(terms[-1][-1]) >= MIN_PREFIX)


def match_expression(text: str) -> str | None:
    """User text -> a safe FTS5 query (None when there is nothing to search for)."""
    query = parse_query(text)
    return query.expression if query else None


def make_snippet(body: str, pattern: re.Pattern[str]) -> tuple[str, list[tuple[int, int]]] | None:
    """Text around the first match with the matches' spans; None if nothing matches."""
    first = pattern.search(body)
    if first is None:
        return None
    start = max(0, first.start() - SNIPPET_BEFORE)
    if start:
        space = body.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    end = min(len(body), first.end() + SNIPPET_AFTER)
    if end < len(body):
        space = body.rfind(" ", first.end(), end)
        end = space if space != -1 else end
    window = body[start:end]
    lead = "…" if start else ""
    spans = [(m.start() + len(lead), m.end() + len(lead)) for m in pattern.finditer(window)]
    text = lead + window + ("…" if end < len(body) else "")
    # One line: newlines become spaces, which keeps every offset.
    return text.replace("\n", " "), spans
