"""What a person types in the search field, made safe for FTS5, and snippets of the matches.

Input is never FTS syntax: quotes, ``AND``, ``-``, ``*``, ``:`` or brackets are words
or nothing, so no input can make a query fail. The last word is a prefix while it
is being typed (no space after it yet) once it has three letters; shorter
prefixes match most of a large library and only cost time.

Snippets are cut in Python (``make_snippet``; the text comes from the clip files,
``snippets``): a regex built from the query (``Query.pattern``) finds the words as
written. Where the tokenizer matched more loosely, accents taken off ("jokull" finding
"jökull") or a word glued to CJK text ("大阪Osaka"), ``Query.loose_pattern`` searches
the text with its accents taken off letter by letter (``fold``), which keeps every offset.

Chinese, Japanese and Korean are written without spaces between words (Korean attaches
particles to them), and FTS5's unicode61 tokenizer makes a whole run of such characters
one token, so no word inside it could be found. The index therefore gets each Han, kana
or Hangul character as a token of its own (``index_text``), and a query's CJK run becomes
a phrase of its characters: 東京 is "東 京", which finds 東京都 but not 京東. (Python's
sqlite3 cannot register a tokenizer that would do this inside SQLite.) The characters are
set apart with an invisible control character that the tokenizer takes for a separator, so
the stored text gives back the original exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from clipper.library.folding import fold_for_index, fold_query, folded_regex, unfold

MIN_PREFIX = 3
SNIPPET_BEFORE = 60
SNIPPET_AFTER = 160

CJK = ("\u1100-\u11ff\u3005-\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
       "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uffdc"
       "\U0001b000-\U0001b2ff\U00020000-\U0003ffff")
"""Hangul Jamo and syllables, 々〆〇, kana (full and half width), Han (with the extensions
and compatibility ideographs): a regex character class body."""
SEPARATOR = "\x1f"
"""Put around CJK characters in the indexed text: a control character, so unicode61 splits
there, and one no text keeps (``index_text`` turns any into a space), so removing it
restores the text."""

_QUERY_TERM = re.compile(r'"([^"]*)"?|([^\s"]+)')
_TOKEN = re.compile(r"[^\W_]+")
_PIECE = re.compile(f"[{CJK}]|[^\\W_{CJK}]+")
# Not ``[...]+``: a pattern that starts with a plain class searches twice as fast.
_CJK_RUN = re.compile(f"[{CJK}][{CJK}]*")
# Where a CJK character may start in UTF-8 (lead bytes E1, E3-F0), and a run of such characters.
_MAYBE_CJK = bytes(1 if b == 0xE1 or 0xE3 <= b <= 0xF0 else 0 for b in range(256))
_MAYBE_CJK_RUN = re.compile(
    rb"(?:[\xe1\xe3-\xef][\x80-\xbf][\x80-\xbf]|\xf0[\x80-\xbf][\x80-\xbf][\x80-\xbf])+")


def _spread(run: re.Match[str]) -> str:
    return SEPARATOR + SEPARATOR.join(run.group()) + SEPARATOR


def index_text(text: str) -> str:
    """``text`` as given to FTS5: each CJK character a token of its own.

    A regex over the whole text cost ~25 ns a character, a fifth of the time it takes to
    read and digest a clip; here C finds the places a CJK character may start (one pass
    over the UTF-8, then ``find``), and only those runs go through the regex: ~6 ns a
    character for English with some CJK words, ~1 ns without any.
    """
    if text.isascii():
        return text
    if SEPARATOR in text:
        text = text.replace(SEPARATOR, " ")
    text = fold_for_index(text)
    data = text.encode("utf-8", "surrogatepass")
    mask = data.translate(_MAYBE_CJK)
    start = mask.find(1)
    pieces: list[bytes] = []
    done = 0
    while start != -1:
        end = _MAYBE_CJK_RUN.match(data, start).end()  # type: ignore[union-attr]
        run = data[start:end].decode("utf-8", "surrogatepass")
        spread = _CJK_RUN.sub(_spread, run)
        if spread != run:  # not emoji, Vietnamese or the like
            pieces += (data[done:start], spread.encode("utf-8", "surrogatepass"))
            done = end
        start = mask.find(1, end)
    if not pieces:
        return text
    pieces.append(data[done:])
    return b"".join(pieces).decode("utf-8", "surrogatepass")


def stored_text(indexed: str) -> str:
    """The original text back from ``index_text``'s."""
    return unfold(indexed.replace(SEPARATOR, ""))


def _is_cjk(token: str) -> bool:
    return _CJK_RUN.match(token) is not None


@dataclass(frozen=True)
class Query:
    terms: tuple[tuple[str, ...], ...]
    """Words and quoted phrases, in order; every term must match."""
    prefix: bool
    """The last word is still being typed: match it as a prefix."""

    @property
    def expression(self) -> str:
        """The FTS5 MATCH expression: each term a quoted string (quotes inside are impossible:
        terms hold only letters and digits); a phrase matches its tokens consecutively."""
        parts = ['"' + " ".join(words) + '"' for words in self.terms]
        if self.prefix:
            parts[-1] += "*"
        return " ".join(parts)

    def pattern(self) -> re.Pattern[str]:
        """A regex finding the query's words in the original text, for highlighting.

        Words are found whole; a CJK run as it is written (東京 inside 東京都), glued to
        its neighbours in the term ("iPhone版"), as the index matches it. Word edges are
        ``\\w``: a class that leaves CJK out takes longer to compile than a search takes,
        so a word glued to CJK text ("東京Tokyo") is left to ``loose_pattern``.
        """
        return self._pattern("\\w", self.terms)

    def loose_pattern(self) -> re.Pattern[str]:
        """``pattern`` for text through ``fold`` (the query's words folded too), whose word
        edges let CJK text touch a word (all of U+3000 and above counts as CJK here: the
        exact class takes milliseconds to compile)."""
        return self._pattern("[^\\W\u1100-\u11ff\u3000-\U0010ffff]",
                             tuple(tuple(map(fold, term)) for term in self.terms))

    def _pattern(self, letter: str, terms: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
        found: dict[str, int] = {}  # regex -> length of the text it stands for
        typed = None
        for t, term in enumerate(terms):
            chunks: list[list[str]] = []
            for i, token in enumerate(term):
                if i and (_is_cjk(token) or _is_cjk(term[i - 1])):
                    chunks[-1].append(token)
                else:
                    chunks.append([token])
            for c, chunk in enumerate(chunks):
                prefix = self.prefix and t == len(terms) - 1 and c == len(chunks) - 1
                # The word edge is checked after the first token has matched (a fixed-width
                # lookbehind): checked first, at every position, it is slower.
                first = folded_regex(chunk[0])
                if _is_cjk(chunk[0]):
                    regex = first
                elif first == re.escape(chunk[0]):
                    regex = f"{first}(?<!{letter}{first})"
                else:  # alternatives of different lengths: no fixed-width lookbehind
                    regex = f"(?<!{letter}){first}"
                regex += "".join("[\\W_]*" + folded_regex(token) for token in chunk[1:])
                if prefix:
                    regex += f"{letter}*"
                    typed = regex
                elif not _is_cjk(chunk[-1]):
                    regex += f"(?!{letter})"
                found[regex] = sum(map(len, chunk))
        alternatives = sorted(found, key=lambda r: (r == typed, found[r]), reverse=True)
        return re.compile("|".join(alternatives), re.I)


def parse_query(text: str) -> Query | None:
    terms: list[tuple[str, ...]] = []
    last_is_phrase = False
    for m in _QUERY_TERM.finditer(text):
        phrase = m.group(1) is not None
        # A word with CJK in it is a phrase of its pieces: 東京タワー is "東 京 タ ワ ー".
        words = [_PIECE.findall(fold_query(w))
                 for w in _TOKEN.findall(m.group(1) if phrase else m.group(2))]
        if not words:
            continue
        if phrase:
            terms.append(tuple(piece for word in words for piece in word))
        else:
            terms.extend(tuple(word) for word in words)
        last_is_phrase = phrase
    if not terms:
        return None
    last = terms[-1][-1]
    typing = not text[-1:].isspace() and not last_is_phrase and not _is_cjk(last)
    return Query(tuple(terms), typing and len(last) >= MIN_PREFIX)


@dataclass(frozen=True)
class Filters:
    """``tag:`` and ``site:`` in the search field: only clips with all these tags (a tag
    also finds its nested tags, ``tag:India`` finds ``India/Delhi``, as Obsidian does) and
    from one of these sites."""

    tags: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.tags or self.sites)


_FILTER = re.compile(r'(?<!\S)(tag|site):(?:"([^"]*)"?|(\S*))', re.I)


def split_filters(text: str) -> tuple[Filters, str]:
    """``tag:x site:"The Site" words`` -> the filters, and the words to search for."""
    tags: list[str] = []
    sites: list[str] = []

    def take(match: re.Match[str]) -> str:
        value = (match.group(2) if match.group(2) is not None else match.group(3)).strip()
        if match.group(1).lower() == "tag":
            value = value.lstrip("#")
            if value:
                tags.append(value)
        elif value:
            sites.append(value)
        return " "

    rest = _FILTER.sub(take, text) if ":" in text else text
    return Filters(tuple(dict.fromkeys(tags)), tuple(dict.fromkeys(sites))), rest


def filter_text(kind: str, value: str) -> str:
    """How a filter is typed in the search field (quoted when the value has a space)."""
    return f'{kind}:"{value}"' if any(c.isspace() or c == '"' for c in value) \
        else f"{kind}:{value}"


def match_expression(text: str) -> str | None:
    """User text -> a safe FTS5 query (None when there is nothing to search for)."""
    query = parse_query(text)
    return query.expression if query else None


_FOLDED: dict[int, str] = {}
"""Code point -> the letter without its accents (itself when it has none), as found."""


def _fold_char(char: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return bare if len(bare) == 1 else char


def fold(text: str) -> str:
    """``text`` with the accents taken off letter by letter (ö -> o): the same length, so a
    match in it is at the same place in ``text``. Close to the tokenizer's
    ``remove_diacritics``, for highlighting what it matched."""
    if text.isascii():
        return text
    changed = {}
    for char in set(text):
        code = ord(char)
        if code >= 0x80:
            if code not in _FOLDED:
                _FOLDED[code] = _fold_char(char)
            if _FOLDED[code] != char:
                changed[code] = _FOLDED[code]
    return text.translate(changed) if changed else text


def make_snippet(body: str, pattern: re.Pattern[str], *, folded: bool = False,
                 more_before: bool = False, more_after: bool = False,
                 ) -> tuple[str, list[tuple[int, int]]] | None:
    """Text around the first match with the matches' spans; None if nothing matches.

    ``folded``: ``pattern`` is looked for in ``fold(body)``; ``more_before``/``more_after``:
    ``body`` is a piece of a longer text, so its ends are marked as cuts too.
    """
    haystack = fold(body) if folded else body
    first = pattern.search(haystack)
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
    lead = "…" if start or more_before else ""
    spans = [(m.start() + len(lead), m.end() + len(lead))
             for m in pattern.finditer(haystack[start:end])]
    text = lead + window + ("…" if end < len(body) or more_after else "")
    # One line: newlines become spaces, which keeps every offset.
    return text.replace("\n", " "), spans
