"""Attributes the page pre-pass leaves on elements for the Markdown writer to read.

The extractor finds math and footnotes on the whole page (before its cleaner throws
scripts and hidden elements away) but the writer turns them into ``$…$`` and ``[^n]``
much later: these names are the contract between the two, kept in a module that
imports nothing so either side can use them without the other.
"""

from __future__ import annotations

__all__ = ["FNDEF_ATTR", "FNREF_ATTR", "MATH_ATTR"]

MATH_ATTR = "data-clipper-math"
"""Placeholder for math: ``<span data-clipper-math="inline|display">TeX</span>``."""
FNREF_ATTR = "data-clipper-fnref"
"""On a footnote reference (a link, later a placeholder span): the note's label."""
FNDEF_ATTR = "data-clipper-fndef"
"""On the block holding a footnote's text: its label."""
