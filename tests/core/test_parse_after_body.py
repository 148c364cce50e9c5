"""Content after a stray ``</body>`` is read as part of the page, as a browser shows it.

A small page written for the purpose: an old template closes its body after the banner,
and the page's own document (pasted into a table cell with its own ``<html>`` and
``<body>``) follows; libxml2 hangs that part beside the body, where no article is looked for.
"""

from __future__ import annotations

import lxml.html

from clipper.extract import extract
from clipper.extract.parse import adopt_after_body, parse_html

TEXT = [
    "Earth Line began in 1992 as a long distance service run by four volunteers from a "
    "rented office above a bakery, with one phone line and a fax machine that jammed.",
    "Every month the profits go to the conservation groups our customers choose, and the "
    "monthly newsletter tells them what each grant paid for, down to the last fence post.",
    "Switching takes one call: keep your number, keep your handset, and pay the same rates "
    "as before, with no contract and no charge to leave if you change your mind later.",
]

PAGE = """<html><head><title>Residential long distance | Earth Line</title></head>
<body><table><tr><td><a href="/">Earth Line</a> <a href="/business">Business</a></td></tr>
</table></body>
<table class="content"><tr><td>
<html><head><title>Residential long distance</title></head><body>
<h1>Residential long distance</h1>
<p>{0}</p><p>{1}</p><p>{2}</p>
</body></html>
</td></tr></table>
</html>
"""


def test_article_after_a_stray_body_end_is_kept() -> None:
    markdown = extract(PAGE.format(*TEXT), "https://earthline.example/residential").markdown
    positions = [markdown.find(t) for t in TEXT]
    assert -1 not in positions, markdown
    assert positions == sorted(positions)


def test_adopt_moves_what_follows_the_body_into_it() -> None:
    doc = parse_html(PAGE.format(*TEXT))
    assert [el.tag for el in doc] == ["head", "body"]
    body = doc.find("body")
    assert body is not None
    assert TEXT[1] in body.text_content()


def test_adopt_keeps_a_plain_page_as_it_is() -> None:
    doc = lxml.html.document_fromstring("<html><body><p>One</p><p>Two</p></body></html>")
    before = lxml.html.tostring(doc)
    adopt_after_body(doc)
    assert lxml.html.tostring(doc) == before
