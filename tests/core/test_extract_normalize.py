"""The whole-page pre-pass: images, links, math and footnote marks."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html
import pytest

from clipper.extract.normalize import normalize_document
from clipper.images.srcset import parse_srcset
from clipper.markdown.marks import FNDEF_ATTR, FNREF_ATTR, MATH_ATTR
from clipper.urls import absolute_url

PAGE = "https://news.example.com/2024/story.html"


def normalized(html: str, base: str | None = PAGE) -> lxml.html.HtmlElement:
    doc = lxml.html.document_fromstring(html)
    normalize_document(doc, base)
    return doc


def srcs(doc: lxml.html.HtmlElement) -> list[str | None]:
    return [img.get("src") for img in doc.iter("img")]


# --------------------------------------------------------------------------- srcset


def test_srcset_urls_may_contain_commas() -> None:
    value = ("https://cdn.x/c_fill,w_80/a.jpg 80w, https://cdn.x/c_fit,w_800/a.jpg 800w,"
             "https://cdn.x/plain.jpg")
    assert parse_srcset(value) == [("https://cdn.x/c_fill,w_80/a.jpg", 80.0, "w"),
                                   ("https://cdn.x/c_fit,w_800/a.jpg", 800.0, "w"),
                                   ("https://cdn.x/plain.jpg", 1.0, "x")]
    assert parse_srcset("a.jpg 1x,b.jpg 2.5x") == [("a.jpg", 1.0, "x"), ("b.jpg", 2.5, "x")]
    assert parse_srcset("") == []
    assert parse_srcset(" , ") == []


@pytest.mark.parametrize(("attrs", "expected"), [
    ('src="s.jpg" srcset="m.jpg 800w, l.jpg 1600w, xl.jpg 3000w"', "l.jpg"),
    ('src="s.jpg" srcset="xl.jpg 3000w, xxl.jpg 5000w"', "xl.jpg"),
    ('src="s.jpg" srcset="a.jpg 1x, b.jpg 2x"', "b.jpg"),
    ('src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" '
     'data-src="real.jpg"', "real.jpg"),
    ('src="/img/blank.gif" data-original="orig.png"', "orig.png"),
    ('src="lazy-placeholder.png" data-lazy-src="lazy.webp"', "lazy.webp"),
    ('data-srcset="p.jpg 320w, q.jpg 640w"', "q.jpg"),
    ('src="t.jpg" data-medium-file="m.jpg" data-large-file="big.jpg"', "big.jpg"),
    ('data-url="/photos/u.jpg"', "/photos/u.jpg"),
    ('src="plain.jpg"', "plain.jpg"),
])
def test_best_image_url(attrs: str, expected: str) -> None:
    doc = normalized(f'<p><img {attrs} alt="A" title="T"></p>')
    img = doc.find(".//img")
    assert img is not None
    assert img.get("src") == urljoin(PAGE, expected)
    assert img.get("alt") == "A"
    assert img.get("title") == "T"
    assert not [a for a in img.attrib if "srcset" in a or a.startswith("data-")]


def test_picture_sources_pick_the_large_variant() -> None:
    doc = normalized("""<picture>
        <source media="(max-width: 600px)" srcset="/s.webp 600w">
        <source type="image/webp" srcset="/l.webp 1600w, /xl.webp 2400w">
        <source type="image/jxl" srcset="/huge.jxl 1900w">
        <img src="/fallback.jpg" alt="pic"></picture>""")
    assert srcs(doc) == ["https://news.example.com/l.webp"]
    assert doc.find(".//source") is None


def test_placeholders_without_a_real_url_are_dropped() -> None:
    doc = normalized('<p>x<img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEAL'
                     'AAAAAABAAEAAAICTAEAOw==" alt="stub">y<img src="/spacer.gif"></p>')
    assert srcs(doc) == []
    assert doc.find(".//p").text_content() == "xy"


@pytest.mark.parametrize("img", [
    '<img src="/img/lazy.png" alt="Lazy the cat">',
    '<img data-src="/img/lazy.png" alt="Lazy the cat">',
    '<img src="/img/loading.gif" alt="A loading bar">',
    '<img src="/img/lazyload-hero.jpg" alt="Hero">',
])
def test_images_named_like_placeholders_are_real_when_alone(img: str) -> None:
    # Only clear spacers are stand-ins by name; "lazy.png" alone is the picture itself.
    doc = normalized(f"<p>{img}</p>")
    assert len(srcs(doc)) == 1


def test_lazy_named_placeholder_gives_way_to_the_real_url() -> None:
    doc = normalized('<p><img src="/img/lazy.png" data-src="/img/photo.jpg" alt="P">'
                     '<img src="/img/loading.gif" srcset="/img/a.jpg 400w, /img/b.jpg 900w">'
                     '<img src="/img/blank.gif"><img src="/spacer.gif" width="600"></p>')
    assert srcs(doc) == ["https://news.example.com/img/photo.jpg",
                         "https://news.example.com/img/b.jpg"]


def test_density_candidates_stop_at_2x() -> None:
    doc = normalized('<p><img src="a.jpg" srcset="a.jpg 1x, a2.jpg 2x, a3.jpg 3x">'
                     '<img src="b.jpg" srcset="b3.jpg 3x, b4.jpg 4x"></p>')
    assert srcs(doc) == [urljoin(PAGE, "a2.jpg"), urljoin(PAGE, "b3.jpg")]


def test_large_inline_data_image_is_kept() -> None:
    data = "data:image/png;base64," + "A" * 4000
    assert srcs(normalized(f'<p><img src="{data}" alt="chart"></p>')) == [data]


@pytest.mark.parametrize("img", [
    '<img src="/a.gif" width="1" height="1">',
    '<img src="/a.png" width="0">',
    '<img src="/a.png" style="width:1px;height:1px">',
    '<img src="https://www.example.com/pixel?id=3">',
    '<img src="https://example.com/t/beacon.gif">',
    '<img src="https://example.com/open?utm_source=mail&utm_medium=x">',
    '<img src="https://sb.scorecardresearch.com/p?c1=2">',
    '<img src="https://www.google-analytics.com/collect?v=1">',
])
def test_tracking_pixels_are_removed(img: str) -> None:
    assert srcs(normalized(f"<p>{img}text</p>")) == []


def test_real_images_that_look_small_or_tracked_are_kept() -> None:
    doc = normalized('<p><img src="/hero.jpg" width="570" height="0">'
                     '<img src="https://cdn.example.com/tracking/photo.jpg?w=800"></p>')
    assert srcs(doc) == ["https://news.example.com/hero.jpg",
                         "https://cdn.example.com/tracking/photo.jpg?w=800"]


def test_noscript_fallback_replaces_a_placeholder() -> None:
    doc = normalized('<figure><img class="lazy" src="/placeholder.png" alt="Cat">'
                     '<noscript><img src="/cat.jpg" alt="Cat"></noscript></figure>')
    assert srcs(doc) == ["https://news.example.com/cat.jpg"]
    assert doc.find(".//noscript") is None


def test_noscript_duplicate_of_a_real_image_is_dropped() -> None:
    doc = normalized('<p><img data-src="/real.jpg" src="/blank.gif" alt="x">'
                     '<noscript><img src="/real.jpg" alt="x"></noscript></p>')
    assert srcs(doc) == ["https://news.example.com/real.jpg"]


def test_noscript_trackers_are_not_promoted() -> None:
    doc = normalized('<body><noscript><img src="https://sa.example.com/s?name=page&x=1">'
                     '</noscript><noscript><img src="/only.jpg" alt="Only"></noscript></body>')
    assert srcs(doc) == ["https://news.example.com/only.jpg"]


def test_every_kept_image_has_one_absolute_src() -> None:
    doc = normalized('<base href="https://cdn.example.org/a/"><p><img src="i.png">'
                     '<img srcset="//img.example.net/x.jpg 2x"><amp-img src="amp.jpg" alt="amp">'
                     "</amp-img></p>")
    assert srcs(doc) == ["https://cdn.example.org/a/i.png", "https://img.example.net/x.jpg",
                         "https://cdn.example.org/a/amp.jpg"]


# --------------------------------------------------------------------------- links


def test_links_become_absolute_and_base_href_wins() -> None:
    doc = normalized('<base href="/docs/"><a href="guide.html">g</a><a href="//o.org/x">o</a>'
                     '<a href="mailto:a@b.c">m</a>')
    assert [a.get("href") for a in doc.iter("a")] == [
        "https://news.example.com/docs/guide.html", "https://o.org/x", "mailto:a@b.c"]


def test_script_empty_and_hash_links_are_unwrapped_keeping_text() -> None:
    doc = normalized('<p>a <a href="javascript:go()">one</a> <a href=" ">two</a> '
                     '<a href="#"><b>three</b></a> <a href="#!/route">four</a></p>')
    p = doc.find(".//p")
    assert p is not None
    assert p.find(".//a") is None
    assert p.text_content() == "a one two three four"
    assert p.find("b") is not None


def test_same_page_links_stay_fragments_for_footnotes() -> None:
    doc = normalized(f'<a href="#fn1">1</a><a href="{PAGE}#fn2">2</a>'
                     '<a href="other.html#x">3</a>')
    assert [a.get("href") for a in doc.iter("a")] == [
        "#fn1", "#fn2", "https://news.example.com/2024/other.html#x"]


def test_local_files_are_never_referenced_from_a_web_page() -> None:
    assert absolute_url("file:///etc/passwd", PAGE) is None
    assert absolute_url("/x", "file:///home/me/page.html") == "file:///x"
    assert absolute_url("javascript:alert(1)", PAGE) is None
    assert absolute_url("  https://a.b/c\n", None) == "https://a.b/c"
    doc = normalized('<p><a href="file:///etc/passwd">pw</a></p>')
    assert doc.find(".//a") is None


def test_media_urls_become_absolute() -> None:
    doc = normalized('<video src="v.mp4"></video><iframe src="/embed/1"></iframe>')
    assert doc.find(".//video").get("src") == "https://news.example.com/2024/v.mp4"
    assert doc.find(".//iframe").get("src") == "https://news.example.com/embed/1"


# --------------------------------------------------------------------------- math


def math_spans(doc: lxml.html.HtmlElement) -> list[tuple[str | None, str | None]]:
    return [(s.get(MATH_ATTR), s.text) for s in doc.iter("span") if s.get(MATH_ATTR)]


def test_mathjax_scripts_become_placeholders_and_renderings_go() -> None:
    doc = normalized('<p><span class="MathJax_Preview">x</span><span class="MathJax">x</span>'
                     '<script type="math/tex">x^2</script></p><div class="MathJax_Display">'
                     'y</div><script type="math/tex; mode=display">y</script>')
    assert math_spans(doc) == [("inline", "x^2"), ("display", "y")]
    assert doc.find(".//script") is None
    assert "MathJax" not in lxml.html.tostring(doc, encoding="unicode")


def test_mathjax_common_html_drawings_go_whatever_the_case_of_their_class() -> None:
    # MathJax 2's CommonHTML output ("MJXc-…") and a lower-case "mathjax" class
    doc = normalized('<p>Let <span class="mjx-chtml MJXc-display"><span class="mjx-math">'
                     'x</span></span><script type="math/tex">x_1</script> and '
                     '<nobr class="mathjax-nobr">y</nobr><script type="math/tex">y_2</script>'
                     ' hold.</p>')
    assert math_spans(doc) == [("inline", "x_1"), ("inline", "y_2")]
    text = lxml.html.tostring(doc, encoding="unicode")
    assert "mjx" not in text.lower()
    assert "mathjax" not in text.lower()
    assert "Let" in text
    assert "hold." in text


def test_katex_keeps_its_tex_annotation() -> None:
    doc = normalized('<p><span class="katex-display"><span class="katex">'
                     '<span class="katex-mathml">'
                     '<math><semantics><mi>a</mi><annotation encoding="application/x-tex">a+1'
                     '</annotation></semantics></math></span><span class="katex-html">a+1</span>'
                     "</span></span></p>")
    assert math_spans(doc) == [("display", "a+1")]
    assert doc.find(".//math") is None


def test_wikipedia_math_leaves_its_hidden_wrapper_and_fallback_image() -> None:
    doc = normalized('<p><span class="mwe-math-element"><span style="display: none;">'
                     '<math alttext="{\\displaystyle x^2}"><semantics><mi>x</mi><annotation '
                     'encoding="application/x-tex">{\\displaystyle x^2}</annotation></semantics>'
                     '</math></span><img src="/m.svg" class="mwe-math-fallback-image-inline" '
                     'alt="{\\displaystyle x^2}"></span> is it</p>')
    assert math_spans(doc) == [("inline", "x^2")]
    assert doc.find(".//img") is None


def test_math_fallback_image_alone_becomes_tex() -> None:
    doc = normalized('<p><img class="tex-math" src="/f.png" alt="\\alpha + \\beta"></p>')
    assert math_spans(doc) == [("inline", "\\alpha + \\beta")]


def test_mathml_without_tex_is_converted() -> None:
    doc = normalized('<p><math display="block"><mfrac><mn>1</mn><mi>x</mi></mfrac></math></p>')
    assert math_spans(doc) == [("display", "\\frac{1}{x}")]


# --------------------------------------------------------------------------- structure


def test_void_elements_parsed_as_containers_are_repaired() -> None:
    doc = normalized("<p>a<wbr>b <b>c</b></p><video><source src=x.mp4>fallback</video>")
    p = doc.find(".//p")
    assert p is not None
    assert p.find("wbr") is not None
    assert len(p.find("wbr")) == 0
    assert p.text_content() == "ab c"
    assert p.find("b") is not None
    assert doc.find(".//video").text_content() == "fallback"


def test_footnotes_are_marked_for_the_extractor() -> None:
    doc = normalized('<p>x<sup><a href="#fn1">1</a></sup></p><ol class="footnotes">'
                     '<li id="fn1">Note <a href="#fnref1">↩</a></li></ol>')
    a = doc.find(".//sup/a")
    li = doc.find(".//li")
    assert a is not None
    assert a.get(FNREF_ATTR) == "1"
    assert li is not None
    assert li.get(FNDEF_ATTR) == "1"


def test_normalize_is_idempotent() -> None:
    html = ('<p><img src="/blank.gif" data-src="/a.jpg" alt="a"><a href="rel">r</a>'
            '<script type="math/tex">z</script><sup><a href="#n1">1</a></sup></p>'
            '<ol><li id="n1">note</li></ol>')
    once = normalized(html)
    first = lxml.html.tostring(once)
    normalize_document(once, PAGE)
    assert lxml.html.tostring(once) == first


def test_blurred_preview_next_to_the_real_image_is_dropped() -> None:
    doc = normalized('<figure><div><div><img src="https://cdn.x/max/60/1*abc.png?q=20" '
                     'width="1894" height="970"></div><img width="1894" height="970">'
                     '<noscript><img src="https://cdn.x/max/3788/1*abc.png"></noscript></div>'
                     "<figcaption>Leak</figcaption></figure>")
    assert srcs(doc) == ["https://cdn.x/max/3788/1*abc.png"]


def test_same_file_name_in_different_figures_is_kept() -> None:
    doc = normalized('<figure><img src="/a/1/image.jpg"></figure>'
                     '<figure><img src="/a/2/image.jpg"></figure><p><img src="/x/photo.jpg">'
                     '<img src="/x/photo.jpg"></p>')
    assert srcs(doc) == ["https://news.example.com/a/1/image.jpg",
                         "https://news.example.com/a/2/image.jpg",
                         "https://news.example.com/x/photo.jpg"]


@pytest.mark.parametrize("attrs", [
    'src="s.jpg" srcset="m.jpg 800w, l.jpg 1600w, xl.jpg 2400w"',
    'src="s.jpg" srcset="a.jpg 1x, b.jpg 2x, c.jpg 3x"',
    'src="/img/lazy.png"',
    'src="/img/blank.gif" data-original="orig.png"',
    'src="t.jpg" data-medium-file="m.jpg" data-large-file="big.jpg"',
])
def test_kept_html_images_and_the_extractor_pick_the_same_file(attrs: str) -> None:
    # One rule: the library re-reads <img> kept in clips (tables) with the extractor's choice.
    from clipper.images.refs import best_image_url, tag_attributes

    img = f"<img {attrs}>"
    doc = normalized(f"<p>{img}</p>")
    assert best_image_url(tag_attributes(img), PAGE) == srcs(doc)[0]
