"""Which clips a search finds, in what order: relevance while it is cheap, else newest first.

FTS5 ranks by computing bm25 for every match before sorting them, a few microseconds
each: a common word in a 100,000-clip library ("people", or "peo" while it is typed)
matches most clips and took half a second. Counting matches stops early and costs
little, so a query with more than ``RANK_LIMIT`` matches is not ranked: clips with the
words in their title, site or tags come first (ranked, if they are few enough), then
the others, newest first. With so many matches bm25 hardly orders them anyway: a word
in most clips has next to no weight.

"Newest" is the order of the ids, which the index gives in the files' age order
(``LibraryIndex.sync`` indexes the oldest first, and a changed clip gets a new id).
Every query joins the live clips: the text index keeps the words of changed and
removed clips until ``LibraryIndex.compact`` (``index``).

A word being typed is matched as a prefix. The text index has no index of prefixes
(it would make it larger than the library), so FTS5 merges the lists of every word
starting so: for three letters of a common word ("con") in a large library, a third
of a second. In a library of more than ``LARGE_LIBRARY`` clips, a word of three letters
being typed is therefore looked for at the start of the words of titles, sites and tags
(the ``labels`` table has an index of their first three letters), and from the fourth
letter in the text too.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from clipper.library.query import Query

__all__ = ["RANK_LIMIT", "matching_ids"]

RANK_LIMIT = 5000
"""Matches ranked by relevance; more are listed as the module says (bench/library)."""
LARGE_LIBRARY = 20_000
"""Clips from which a word being typed is looked for in the text from its fourth letter."""
SHORT_PREFIX = 3
Condition = tuple[str, tuple[object, ...]]
"""A WHERE condition on ``clips c`` and its values."""
NO_CONDITION: Condition = ("1", ())


@dataclass(frozen=True)
class _Search:
    """One FTS5 query on ``table``, perhaps limited to the rows of another (``within``)."""

    table: str
    expression: str
    within: tuple[str, str] | None = None
    """(table, expression) whose matches the results must be among."""
    condition: Condition = NO_CONDITION
    """A further condition on the clip (``clips c``): the search field's tags and sites."""

    def _sql(self, select: str, order: str = "") -> tuple[str, tuple[object, ...]]:
        where, values = self.condition
        sql = (f"SELECT {select} FROM {self.table} f JOIN clips c ON c.id = f.rowid "
               f"WHERE {self.table} MATCH ? AND {where}")
        args: tuple[object, ...] = (self.expression, *values)
        if self.within is not None:
            other, expression = self.within
            sql += f" AND f.rowid IN (SELECT rowid FROM {other} WHERE {other} MATCH ?)"
            args += (expression,)
        return sql + order, args

    def more_than(self, conn: sqlite3.Connection, n: int) -> bool:
        """Whether this matches more than ``n`` rows (it stops counting there)."""
        sql, args = self._sql("1", " LIMIT ?")
        return conn.execute(f"SELECT count(*) FROM ({sql})", (*args, n + 1)).fetchone()[0] > n

    def ids(self, conn: sqlite3.Connection, limit: int | None, ranked: bool) -> list[int]:
        sql, args = self._sql("f.rowid", f" ORDER BY {'f.rank' if ranked else 'f.rowid DESC'}"
                                         " LIMIT ?")
        return [cid for (cid,) in conn.execute(sql, (*args, -1 if limit is None else limit))]

    def in_labels(self) -> _Search:
        """The same in titles, sites and tags only (the ``labels`` table holds those)."""
        return replace(self, table="labels")


def matching_ids(conn: sqlite3.Connection, query: Query, limit: int | None,
                 condition: Condition = NO_CONDITION) -> list[int]:
    """Ids of the clips matching ``query`` (and ``condition``), in the order to show them
    (``limit`` at most)."""
    search = replace(_search(conn, query), condition=condition)
    if not search.more_than(conn, RANK_LIMIT):
        return search.ids(conn, limit, ranked=True)
    labels = search.in_labels()
    first = labels.ids(conn, limit, ranked=not labels.more_than(conn, RANK_LIMIT))
    if labels == search or (limit is not None and len(first) >= limit):
        return first
    seen = set(first)
    more = None if limit is None else limit + len(first)
    rest = [cid for cid in search.ids(conn, more, ranked=False) if cid not in seen]
    return first + rest[:None if limit is None else limit - len(first)]


def _search(conn: sqlite3.Connection, query: Query) -> _Search:
    typed = query.terms[-1]
    if not query.prefix or len(typed[-1]) > SHORT_PREFIX or conn.execute(
            "SELECT count(*) FROM clips").fetchone()[0] <= LARGE_LIBRARY:
        return _Search("fts", query.expression)
    prefix = Query((typed,), prefix=True).expression
    if len(query.terms) == 1:
        return _Search("labels", prefix)
    return _Search("fts", Query(query.terms[:-1], prefix=False).expression, ("labels", prefix))
