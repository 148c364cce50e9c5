"""Wiki articles (MediaWiki) without hatnotes and "citation needed" marks.

A small wiki page written for the purpose, in MediaWiki's markup.
"""

from __future__ import annotations

from clipper.extract import extract

P = ("<p>Penny is a villager who lives in Pelican Town. She lives with her mother Pam in "
     "the trailer just east of the town square, and she tutors the children.</p>")


def _page(generator: str = "MediaWiki 1.39.3") -> str:
    return f"""<html><head><title>Penny - Valley Wiki</title>
<meta name="generator" content="{generator}"></head><body>
<div id="content" class="mw-body"><h1 id="firstHeading">Penny</h1>
<div id="bodyContent"><div id="mw-content-text"><div class="wiki-text">
<div role="note" class="hatnote navigation-not-searchable">For the item, see
<a href="/Penny_(item)">Penny (item)</a>.</div>
<table class="infobox"><tbody><tr><th colspan="2">Penny</th></tr>
<tr><td>Birthday</td><td>Fall 2</td></tr><tr><td>Lives in</td><td>Pelican Town</td></tr>
</tbody></table>{P}{P}
<h2><span class="mw-headline" id="Schedule">Schedule</span></h2>{P}
<p>She likes poppies<sup class="noprint Inline-Template Template-Fact">[<i><a
href="/wiki/Help:Citation_needed"><span title="This claim needs references">citation
needed</span></a></i>]</sup> and melons.</p>{P}
</div></div></div></div></body></html>"""


URL = "https://valley.example/wiki/Penny"


def test_a_wiki_article_drops_its_hatnote_and_citation_needed_marks() -> None:
    md = extract(_page(), URL).markdown
    assert "For the item, see" not in md
    assert "citation" not in md
    assert "She likes poppies and melons." in md
    assert "| Birthday | Fall 2 |" in md  # the infobox stays, as a clean table


def test_the_same_classes_elsewhere_are_not_a_wikis() -> None:
    md = extract(_page(generator="WordPress 6.4"), URL).markdown
    assert "For the item, see" in md
