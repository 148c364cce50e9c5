"""A list standing between two parts of the article joins it.

Readability widens the chosen container with the siblings that score like article text
or are paragraphs of prose. A summary's list of points set between the
introduction and the body, as siblings of both, is neither, and was left on the page
though both of its neighbours joined. A page written for the purpose: a regional
planning report's web page, its parts set straight in the report's block.
"""

from __future__ import annotations

import lxml.html

from clipper.extract.between import with_blocks_between
from clipper.extract.select import gather_siblings
from clipper.markdown import element_to_markdown

INTRO = [
    "This report looks at how towns across the region can bring people back to live and "
    "work in their centres, after twenty years in which shops, offices and homes moved out.",
    "It was written for the regional assembly by a panel of planners, builders and council "
    "officers, who met eight times over the winter and visited eleven towns.",
]
POINTS = [
    "Explain why the renewal of town centres matters for the whole region",
    "Describe what such a renewal means for housing, transport and open space",
    "Show how towns of the region already put parts of it into practice",
    "Draw conclusions on good practice for councils and developers",
]
BODY = [
    "The region's towns grew quickly after the war, and most of the new homes were built on "
    "their edges, far from the stations, the schools and the old high streets.",
    "Since then, the centres have lost a third of their shops, and many of the upper floors "
    "above the shops that remain have stood empty for more than a decade.",
    "Where councils have turned those floors into flats, as in three of the towns we visited, "
    "the streets below have filled again in the evening, and new cafes have opened.",
    "We recommend that every council draw up a plan for its centre within two years, with "
    "targets for new homes, and that the assembly fund a small team to help them.",
]
MENU = " | ".join(f'<a href="/{w.lower()}/">{w}</a>' for w in (
    "Home", "Reports", "Events", "Contact"))


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


PAGE = f"""<div class="report">
<div id="intro">{_paragraphs(INTRO)}</div>
<h3>Summary</h3>
<ul>{"".join(f"<li>{p}</li>" for p in POINTS)}</ul>
<div id="body">{_paragraphs(BODY)}</div>
<ul><li>{MENU}</li></ul></div>"""


def test_the_summary_between_introduction_and_body_is_kept() -> None:
    report = lxml.html.fromstring(PAGE)
    intro, body = report.get_element_by_id("intro"), report.get_element_by_id("body")
    article = gather_siblings(body, {body: 27.0, intro: 15.0, report: 21.0}, None)
    markdown = element_to_markdown(article, None)
    for text in INTRO + BODY:
        assert text[:60] in markdown
    for point in POINTS:
        assert f"- {point}" in markdown  # still a list
    assert "Reports" not in markdown  # the menu after the body is not between two parts


def test_only_blocks_between_joined_siblings_and_not_menus_join() -> None:
    cell = lxml.html.fromstring(
        f"<div><ul><li>{POINTS[0]}</li></ul><div>{_paragraphs(INTRO)}</div>"
        f"<ul><li>{POINTS[1]}</li></ul><p>{MENU}</p><div>{MENU}</div>"
        f"<ul><li>{MENU}</li></ul><div>{_paragraphs(BODY)}</div>"
        f"<ul><li>{POINTS[2]}</li></ul></div>")
    siblings = list(cell)
    joined = [False, True, False, False, False, False, True, False]
    assert with_blocks_between(siblings, joined, None) == [
        False, True, True, False, False, False, True, False]
    assert with_blocks_between(siblings, [False] * 8, None) == [False] * 8
