"""Pages whose root a browser reads past: a self-closed ``<html … />`` (a template that
pasted an image tag into it) and documents glued after the first ``</html>`` (a site that
includes whole pages into one). libxml2 returned an empty page or only the first document;
a browser shows all of it, so the clip does too, with the source's line numbers kept."""

from __future__ import annotations

from clipper.extract import extract
from clipper.extract.parse import parse_html

STORY = (
    "The county council agreed on Monday to rebuild the old river bridge, after engineers "
    "found that its piers had been weakened by three winters of floods and heavy lorries."
)
URL = "https://valleynews.example/news/bridge"


def _story(n: int) -> str:
    return "".join(f"<p>{i + 1}. {STORY}</p>" for i in range(n))


def test_a_self_closed_html_tag_does_not_end_the_page() -> None:
    page = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xlogo.png" alt="Valley News" width="145" />\n'
            "<table><tr><td><a href='/'>Home</a></td></tr></table>\n"
            f"<div class='story'><h1>Bridge to be rebuilt</h1>{_story(4)}</div>\n"
            "</body>\n</html>\n")
    md = extract(page, URL).markdown
    assert md.count("The county council agreed") == 4


def test_documents_glued_after_the_first_end_are_read_with_it() -> None:
    first = ("<html>\n<head><title>Valley News</title></head>\n<body>\n"
             "<div id='weather'>Temperature: 25°</div>\n</body>\n</html>\n")
    second = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n'
              "<html>\n<head><meta charset='utf-8'></head>\n<body>\n"
              f"<div class='story'><h1>Bridge to be rebuilt</h1>{_story(4)}</div>\n"
              "</body>\n</html>\n")
    page = first + "<script>var x = 1;</script>\n" + second
    md = extract(page, URL).markdown
    assert md.count("The county council agreed") == 4
    doc = parse_html(page)
    story = doc.xpath("//div[@class='story']")[0]
    assert story.sourceline == page[:page.index("<div class='story'>")].count("\n") + 1


def test_one_document_is_read_as_before() -> None:
    page = (f"<html><head><title>Bridge</title></head><body><article><h1>Bridge to be "
            f"rebuilt</h1>{_story(3)}</article></body></html>\n<!-- served in 12 ms -->\n")
    md = extract(page, URL).markdown
    assert md.count("The county council agreed") == 3
