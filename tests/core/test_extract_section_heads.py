"""A section heading set in a block of its own stays; a widget's title left alone goes.

Readability drops a block with no image and no text in paragraphs, spans, list items or
cells ("no useful content"), and a block holding only a heading is such a block: notes
from a talk lost every section heading that a template wrapped in a div with an anchor.
A block that holds only a heading and stands right before the text it heads is the
article's; one left alone once its links went (a "Featured content" box) still goes."""

from __future__ import annotations

from clipper.extract import extract

_SECTIONS = [
    ("supporting", "Supporting the application in production",
     ["Developers are often called in to resolve problems in production",
      "Problems are difficult to recreate outside production",
      "Support work has to be balanced with new development"]),
    ("addressing", "Addressing performance issues early",
     ["Problems are often detected only after deployment",
      "Bottlenecks are hard to isolate across many distributed layers",
      "Developers get vague reports such as the application is slow"]),
]


def _page(widget: bool) -> str:
    parts = []
    for anchor, heading, items in _SECTIONS:
        lis = "".join(f"<li>{item}</li>" for item in items)
        parts.append(f'<div class="sect"><a name="{anchor}"></a><h3>{heading}</h3></div>'
                     f"<ul>{lis}</ul>")
    box = ('<div class="box"><h3>Featured content</h3>'
           + "".join(f'<div class="item"><div><a href="/{slug}">More</a></div>'
                     f'<div><a href="/{slug}">{title}</a></div></div>'
                     for slug, title in (("events", "Find more developer events near you"),
                                         ("tutorials", "Complete tutorials on monitoring")))
           + "</div>"
           if widget else "")
    return f"""<html><head><title>Managing applications in production</title></head><body>
<div id="nav"><a href="/">Home</a> <a href="/talks">Talks</a></div>
<div id="content"><h1>Managing applications in production</h1>
<p>These are the notes from a talk given at a developer day this spring, on what happens to
an application once it leaves the developer's hands, and how to keep it fast and healthy.</p>
{parts[0]}
<p>If you are a developer, you face a number of challenges every day. There is a constant
need to keep up with new technology, pressure to deliver ahead of schedule, and a wish to
build architectures that are robust and scale well when the traffic grows.</p>
{box}
{parts[1]}
<p>With a very simple application it might not be hard to find the problem. But most use web
services, queues, servlets and other distributed parts, and when a support request says the
application is slow, finding where the time goes can take many hours of work.</p>
</div>
<div id="foot"><p>Developer Resource Central</p></div>
</body></html>"""


def test_section_headings_in_their_own_blocks_stay() -> None:
    md = extract(_page(False), url="https://dev.example/talks/production").markdown
    assert "### Supporting the application in production" in md
    assert "### Addressing performance issues early" in md
    assert "Bottlenecks are hard to isolate" in md


def test_a_widget_title_left_alone_goes() -> None:
    md = extract(_page(True), url="https://dev.example/talks/production").markdown
    assert "### Addressing performance issues early" in md
    assert "Featured content" not in md
