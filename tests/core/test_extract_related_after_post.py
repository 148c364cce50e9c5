"""A "Related posts" heading inside the post's own box, after the post: the heading and its
links go, the post stays (the whole box went as "related links", and a short post with it,
leaving no article). A box that a "Related" heading opens still goes whole."""

from __future__ import annotations

from clipper.extract import extract

POST = ("We finally planted the three apple trees along the north fence this weekend, two "
        "Cox and one Bramley, and staked them against the wind before the frost came in.")
RELATED = ("<h4>Related posts:</h4><ul>"
           + "".join(f"<li><a href='/2009/0{i}/post-{i}/'>Garden notes from the orchard, "
                     f"part {i}</a></li>" for i in range(1, 10)) + "</ul>")
URL = "https://orchardblog.example/2009/10/apple-trees/"


def _page(entry: str) -> str:
    side = "".join(f"<li><a href='/cat/{i}'>Category {i}</a></li>" for i in range(12))
    return ("<html><head><title>Apple trees planted | Orchard blog</title></head><body>"
            "<div id='header'><a href='/'>Orchard blog</a></div>"
            "<div id='content'><div class='post'><h2>Apple trees planted</h2>"
            f"<div class='entry-content'>{entry}</div></div></div>"
            f"<div id='sidebar'><ul>{side}</ul></div></body></html>")


def test_a_related_list_closing_a_short_post_goes_and_the_post_stays() -> None:
    md = extract(_page(f"<p>{POST}</p>{RELATED}"), URL).markdown
    assert "We finally planted the three apple trees" in md
    assert "Related posts" not in md
    assert "Garden notes, part 3" not in md


def test_a_box_a_related_heading_opens_goes_whole() -> None:
    body = "".join(f"<p>{i}. {POST}</p>" for i in range(4))
    html = _page(f"{body}<div class='more'>{RELATED}<p>More in the archive.</p></div>")
    md = extract(html, URL).markdown
    assert md.count("We finally planted") == 4
    assert "Garden notes" not in md
    assert "More in the archive" not in md
