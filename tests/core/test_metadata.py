"""Article metadata from each kind of source a page may carry, on small pages."""

from __future__ import annotations

import json

import lxml.html
import pytest

from clipper.extract.metadata import Metadata, extract_metadata
from clipper.extract.metadata.byline import clean_name
from clipper.extract.metadata.fields import normalize_lang

URL = "https://news.example.com/world/story-123"


def meta(head: str = "", body: str = "", url: str | None = URL, lang: str = "") -> Metadata:
    attrs = f' lang="{lang}"' if lang else ""
    page = f"<!DOCTYPE html><html{attrs}><head>{head}</head><body>{body}</body></html>"
    return extract_metadata(lxml.html.document_fromstring(page), url)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --------------------------------------------------------------------------- JSON-LD


def test_jsonld_news_article() -> None:
    m = meta(ld({
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Mars rover finds water", "datePublished": "2021-07-16T09:00:00+02:00",
        "dateModified": "2021-07-18T10:00:00+02:00",
        "author": {"@type": "Person", "name": "Jane Doe"},
        "publisher": {"@type": "Organization", "name": "Daily Planet"},
        "description": "Water, on Mars.",
        "image": {"@type": "ImageObject", "url": "/img/rover.jpg"},
    }) + "<title>Something else | Daily Planet</title>")
    assert m.title == "Mars rover finds water"
    assert m.byline == "Jane Doe"
    assert m.published == "2021-07-16"  # published, not modified
    assert m.site_name == "Daily Planet"
    assert m.excerpt == "Water, on Mars."
    assert m.image == "https://news.example.com/img/rover.jpg"


def test_jsonld_graph_with_id_references() -> None:
    """Yoast-style @graph: the article points at its author and publisher by @id."""
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "@id": "https://ex.com/#org", "name": "Example Blog"},
        {"@type": "WebSite", "@id": "https://ex.com/#website", "name": "Example"},
        {"@type": "WebPage", "@id": "https://ex.com/p/#webpage", "name": "Page name"},
        {"@type": "Article", "headline": "Graph headline",
         "author": [{"@id": "https://ex.com/#/person/1"}, {"@id": "https://ex.com/#/person/2"}],
         "publisher": {"@id": "https://ex.com/#org"}, "datePublished": "2020-02-03T04:05:06Z"},
        {"@type": "Person", "@id": "https://ex.com/#/person/1", "name": "Ann Lee"},
        {"@type": "Person", "@id": "https://ex.com/#/person/2", "name": "Bo Kim"},
    ]}
    m = meta(ld(graph))
    assert (m.title, m.byline, m.published, m.site_name) == (
        "Graph headline", "Ann Lee, Bo Kim", "2020-02-03", "Example Blog")


def test_jsonld_array_author_strings_and_types_as_list() -> None:
    data = [
        {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []},
        {"@context": "https://schema.org", "@type": ["BlogPosting", "Article"],
         "headline": "Array item", "author": ["By Ann Lee", "Bo Kim", "Ann Lee"]},
    ]
    m = meta(ld(data))
    assert m.title == "Array item"
    assert m.byline == "Ann Lee, Bo Kim"  # "By" dropped, duplicates merged


def test_jsonld_name_or_headline_follows_the_page_title() -> None:
    """Some sites put the site name in "name" and the article title in "headline"."""
    data = {"@context": "https://schema.org", "@type": "NewsArticle",
            "name": "Aktuálně.cz", "headline": "West Ham threatens the giants"}
    m = meta(ld(data) + "<title>West Ham threatens the giants | Aktuálně.cz</title>")
    assert m.title == "West Ham threatens the giants"


def test_jsonld_truncated_headline_gives_way_to_full_sharing_title() -> None:
    full = "A very long headline that a search engine limit cut off in the middle of it"
    data = {"@context": "https://schema.org", "@type": "Article", "headline": full[:40] + "…"}
    m = meta(ld(data) + f'<meta property="og:title" content="{full}">')
    assert m.title == full


def test_jsonld_headline_not_replaced_by_title_with_site_suffix() -> None:
    data = {"@context": "https://schema.org", "@type": "Article", "headline": "Short headline here"}
    m = meta(ld(data) + '<meta property="og:title" content="Short headline here - BBC News">')
    assert m.title == "Short headline here"


def test_jsonld_tolerates_broken_json() -> None:
    broken = """<script type="application/ld+json">
    <!--//--><![CDATA[//><!--
    {"@context": "https://schema.org", "@type": "NewsArticle",
     "headline": "Line one
line two", "datePublished": "2019-05-06", "author": {"name": "Ann Lee"},}
    //--><!]]>
    </script>"""
    m = meta(broken)
    assert m.title == "Line one line two"
    assert m.published == "2019-05-06"
    assert m.byline == "Ann Lee"


def test_jsonld_salvages_fields_from_unparseable_json() -> None:
    hopeless = ('<script type="application/ld+json">{"@type": "NewsArticle", '
                '"headline": "Salvaged \\u0026 kept", "datePublished": "2018-01-02T00:00:00Z", '
                '"author": {{ oops </script>')
    m = meta(hopeless)
    assert m.title == "Salvaged & kept"
    assert m.published == "2018-01-02"


def test_jsonld_author_url_or_organisation() -> None:
    data = {"@context": "https://schema.org", "@type": "Article", "headline": "H",
            "author": [{"@type": "Organization", "name": "Reuters"},
                       "https://example.com/author/jane"]}
    assert meta(ld(data)).byline == "Reuters"


def test_jsonld_creator_account_name_is_only_a_fallback() -> None:
    data = {"@context": "http://schema.org", "@type": "NewsArticle", "headline": "H",
            "creator": "CC7567"}
    assert meta(ld(data), '<div class="byline">James Akinaka • 8h</div>').byline == (
        "James Akinaka")
    assert meta(ld(data)).byline == "CC7567"


def test_jsonld_nested_deeply_does_not_crash() -> None:
    deep = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    assert meta(deep + "<title>Plain title here</title>").title == "Plain title here"


# --------------------------------------------------------------------------- meta tags


def test_opengraph() -> None:
    m = meta(
        '<meta property="og:title" content="OG title">'
        '<meta property="og:site_name" content="The Site">'
        '<meta property="article:published_time" content="2015-04-30T07:19:58">'
        '<meta property="article:author" content="https://www.facebook.com/someone">'
        '<meta property="og:description" content="OG description">'
        '<meta property="og:locale" content="pt_BR">'
        '<meta property="og:image" content="//cdn.example.com/a.jpg">'
        "<title>Other | The Site</title>"
    )
    assert m.title == "OG title"
    assert m.site_name == "The Site"
    assert m.published == "2015-04-30"
    assert m.byline is None  # article:author was a profile URL, not a name
    assert m.excerpt == "OG description"
    assert m.lang == "pt-BR"
    assert m.image == "https://cdn.example.com/a.jpg"


def test_article_author_name_is_used() -> None:
    assert meta('<meta property="article:author" content="Laurie Oakes">').byline == (
        "Laurie Oakes")


def test_property_beats_name_and_dublin_core_beats_opengraph() -> None:
    m = meta(
        '<meta name="og:title" content="Open Graph name title">'
        '<meta name="DC.title" content="Dublin Core name title">'
        '<meta property="dc:title" content="Dublin Core property title">'
        '<meta property="og:title" content="Open Graph property title">'
        '<meta name="author" content="Meta name author">'
        '<meta property="dc:creator" content="Dublin Core property author">'
    )
    assert m.title == "Dublin Core property title"
    assert m.byline == "Dublin Core property author"


def test_space_separated_properties() -> None:
    m = meta('<meta property="x:title dc:title" content="Preferred title">'
             '<meta property="og:title twitter:title" content="A title">'
             '<meta property="dc:creator twitter:site_name" content="Creator Name">')
    assert (m.title, m.byline) == ("Preferred title", "Creator Name")


def test_dublin_core_and_several_authors() -> None:
    m = meta('<meta name="DC.Creator" content="Kooman, F.">'
             '<meta name="DC.Creator" content="Jong, Michiel de">'
             '<meta name="DC.Date.Issued" content="2014-12-15">')
    assert m.byline == "Kooman, F.; Jong, Michiel de"  # names with commas: "; " between
    assert m.published == "2014-12-15"


def test_parsely_and_sailthru() -> None:
    m = meta('<meta name="parsely-title" content="Parsely title">'
             '<meta name="parsely-author" content="Jane Doe">'
             '<meta name="parsely-pub-date" content="2024-04-20T04:20:00.000Z">')
    assert (m.title, m.byline, m.published) == ("Parsely title", "Jane Doe", "2024-04-20")
    m = meta('<meta name="sailthru.author" content="Sam Roe">'
             '<meta name="sailthru.date" content="Tue, 03 Mar 2020 10:00:00 -0500">')
    assert (m.byline, m.published) == ("Sam Roe", "2020-03-03")


def test_parsely_page_json() -> None:
    page = json.dumps({"title": "T", "pub_date": "2013-09-11T14:00:00Z"})
    assert meta(f"<meta name='parsely-page' content='{page}'>").published == "2013-09-11"


def test_twitter_card_title_and_creator() -> None:
    m = meta('<meta name="twitter:title" content="Card title">'
             '<meta name="twitter:creator" content="@handle">')
    assert m.title == "Card title"
    assert m.byline is None  # a @handle is an account, not a name
    assert meta('<meta name="twitter:creator" content="Sleyca">').byline == "Sleyca"


def test_meta_content_entities_and_whitespace() -> None:
    m = meta('<meta property="og:title" content="  Tom &amp;amp; Jerry\n  return ">'
             '<meta name="description" content="Say &amp;quot;hi&amp;quot;&amp;nbsp;">')
    assert m.title == "Tom & Jerry return"
    assert m.excerpt == 'Say "hi"'


def test_byl_meta_drops_by() -> None:
    assert meta('<meta name="byl" content="By JEFFREY GETTLEMAN">').byline == (
        "JEFFREY GETTLEMAN")


# --------------------------------------------------------------------------- microdata, bylines


def test_microdata_author_name_and_date() -> None:
    body = """<h1>Headline</h1><p class="meta">
      <span itemprop="author" itemscope itemtype="http://schema.org/Person">
        <span itemprop="name">Nicolas Perriault</span> —</span>
      <time datetime="2013-09-29" itemprop="datePublished">Sept 29</time> — in Code</p>"""
    m = meta(body=body, url="http://fakehost/test/page.html")
    assert m.byline == "Nicolas Perriault"
    assert m.published == "2013-09-29"


@pytest.mark.parametrize(
    ("byline_html", "expected"),
    [
        ('<div class="byline">By Jane Doe</div>', "Jane Doe"),
        ('<p class="byline">By\n\t\t<a href="/x">Scott Cunningham</a></p>', "Scott Cunningham"),
        ('<div class="author">Par Sébastien Farcis</div>', "Sébastien Farcis"),
        ('<div class="byline">Von Max Mustermann</div>', "Max Mustermann"),
        ('<div class="byline">Written by Rob Ewaschuk<br>Edited by Betsy Beyer</div>',
         "Rob Ewaschuk"),
        ('<div class="byline">By GILLIAN MOHNEY<br> March 11, 2015 3:46 PM</div>',
         "GILLIAN MOHNEY"),
        ('<p class="byline"><span>by</span> <a href="/author/lnolan/">Lucas Nolan</a>'
         '<span>22 Dec 2016</span><a href="#c">651</a></p>', "Lucas Nolan"),
        ('<div class="byline">Laura June Topolsky<span>July 10, 2015</span></div>',
         "Laura June Topolsky"),
        ('<div class="byline">By Jane Doe | Updated 3:45 PM</div>', "Jane Doe"),
        ('<div class="byline">By Jane Doe, Senior Staff Writer, Metro Desk</div>', "Jane Doe"),
        ('<div class="author_fmt">By <a rel="author" href="/b">Brenda  Goodman, MA</a>'
         "<br>WebMD Health News</div>", "Brenda Goodman, MA"),
        ('<div class="byline">By <span class="name">Stella Kim</span> and '
         '<a href="/author/jennifer-jett">Jennifer Jett</a></div>',
         "Stella Kim and Jennifer Jett"),
        ('<div class="byline">Ahiza Garcia <a href="https://twitter.com/x">@ahiza_garcia</a>'
         "</div>", "Ahiza Garcia"),
        ('<div class="byline">Bradley M. Kuhn (http://ebb.org/bkuhn/)</div>', "Bradley M. Kuhn"),
        ('<span class="by-author">作者：肖春芳</span>', "肖春芳"),
    ],
)
def test_visible_byline(byline_html: str, expected: str) -> None:
    assert meta(body=f"<h1>Headline</h1>{byline_html}<p>Story text.</p>").byline == expected


@pytest.mark.parametrize(
    "byline_html",
    [
        '<div class="byline" style="display: none">By Hidden Person</div>',
        '<div class="byline" hidden>By Hidden Person</div>',
        '<div id="authorization">Sign In | Sign Up</div>',
        '<div class="author-box"><a href="/follow">Follow Author</a></div>',
        '<div class="byline">Last Updated: January 7, 2025</div>',
        '<div class="byline">Sunday, Feb 1, 2015 11:57 AM</div>',
        '<ol class="comments"><li><span class="comment-author">Troll42</span> Great!</li></ol>',
        '<aside class="related-stories"><span class="byline">By Other Writer</span></aside>',
        '<nav><span class="byline">By Menu Writer</span></nav>',
        '<div class="author">https://example.com/people/jane</div>',
    ],
)
def test_not_a_byline(byline_html: str) -> None:
    assert meta(body=f"<h1>Headline</h1>{byline_html}<p>Story text.</p>").byline is None


def test_comment_author_after_real_byline_is_not_used_and_first_byline_wins() -> None:
    body = ('<h1>Headline</h1><span class="byline"><a rel="author" href="/w/r">'
            "Richard (R.J.) Eskow</a></span><p>Text.</p>"
            '<div id="comments"><span class="comment-author">Troll42</span></div>')
    assert meta(body=body).byline == "Richard (R.J.) Eskow"


def test_unmarked_by_line_after_the_headline() -> None:
    body = ("<header><h1>Facebook Is Tracking Me</h1><p>By "
            '<a href="/bio/daniel">Daniel Kahn Gillmor</a>, Senior Staff Technologist, '
            "ACLU Speech, Privacy, and Technology Project</p></header><p>Story.</p>")
    assert meta(body=body, head="<title>Facebook Is Tracking Me</title>").byline == (
        "Daniel Kahn Gillmor")
    dropbox = "<h1>Designing a task framework</h1><span>// By Arun Sai Krishnan • Nov 11</span>"
    assert meta(body=dropbox).byline == "Arun Sai Krishnan"


def test_prose_is_not_a_byline() -> None:
    body = ("<h1>Headline</h1><ul><li><a>Por qué Jerusalén está</a></li></ul>"
            "<p>The law was passed by Congress. By then it was late.</p>")
    assert meta(body=body).byline is None


def test_structured_author_wins_over_visible_byline() -> None:
    m = meta('<meta name="author" content="Meta Author">',
             '<div class="byline">By Someone Else</div>')
    assert m.byline == "Meta Author"


# --------------------------------------------------------------------------- dates


def test_published_not_modified() -> None:
    m = meta('<meta property="article:modified_time" content="2022-01-01T00:00:00Z">'
             '<meta property="article:published_time" content="2021-12-31T23:00:00-05:00">')
    assert m.published == "2021-12-31"


def test_date_from_canonical_url() -> None:
    m = meta('<link rel="canonical" href="https://blog.example.com/2019/04/28/slug/">')
    assert m.published == "2019-04-28"
    assert meta(url="https://blog.example.com/2018/03/07/slug").published == "2018-03-07"


def test_date_from_time_element_skips_updates_and_related() -> None:
    body = """<h1>Headline</h1>
      <aside class="related-content"><time datetime="2014-07-17">Jul 17, 2014</time></aside>
      <p class="meta"><span class="updated">Updated <time datetime="2019-04-30">Apr 30</time>
      </span></p>
      <p><time datetime="2019-04-28T06:01:07-07:00">April 28, 2019</time></p>
      <p>Story.</p>"""
    assert meta(body=body).published == "2019-04-28"


def test_time_element_whose_text_says_updated() -> None:
    body = ('<h1>H</h1><div class="article-date"><time datetime="2024-12-07T12:43:39Z">'
            "Dec. 6, 2024, 10:00 PM UTC / Updated Dec. 7, 2024, 12:43 PM UTC</time></div>")
    assert meta(body=body).published == "2024-12-06"


def test_date_from_element_classed_as_published() -> None:
    body = ('<h1>Headline</h1><dl><dt>Published:</dt><dd class="published">2017-08-15</dd>'
            '</dl><span class="reference-accessdate">Retrieved 2016-05-01</span>')
    assert meta(body=body).published == "2017-08-15"
    hatom = '<h1>H</h1><abbr class="published" title="2010-02-03T10:00:00Z">Feb 3</abbr>'
    assert meta(body=hatom).published == "2010-02-03"


def test_no_date_is_better_than_a_wrong_one() -> None:
    body = ('<h1>Headline</h1><p>Story about 2021 events.</p>'
            '<footer class="copyright">© 2024 Example</footer>'
            '<span class="reference-accessdate">Retrieved 2016-05-01</span>')
    assert meta(body=body, url="https://ex.com/story").published is None


def test_dateline_under_the_headline() -> None:
    body = ("<header><h1>Storm hits coast</h1><p class='article-meta'>By "
            "<a href='/profile/sam-roe'>Sam Roe</a> and <a href='/profile/kim-lee'>Kim Lee</a>"
            " &middot; 12 March 2024</p></header><p>Text.</p><section class='comments'>"
            "<span class='comment-author'>Bob</span> <time datetime='2024-03-13'>x</time>"
            "</section>")
    m = meta(body=body, head="<title>Storm hits coast | Gazette</title>")
    assert (m.byline, m.published) == ("Sam Roe and Kim Lee", "2024-03-12")


def test_dates_in_fact_boxes_and_story_text_are_not_publication() -> None:
    infobox = ("<h1>Mozilla</h1><table class='infobox'><tr><th>Founded</th>"
               "<td>February 28, 1998</td></tr></table>")
    assert meta(body=infobox).published is None
    story = ("<h1>Headline</h1><p>" + "A long first paragraph of the story. " * 5 + "</p>"
             "<p>On July 4, 2021 it rained.</p>")
    assert meta(body=story).published is None


def test_us_numeric_date_uses_the_page_language() -> None:
    assert meta('<meta name="date" content="03/04/2021">', lang="en-US").published == (
        "2021-03-04")
    assert meta('<meta name="date" content="03/04/2021">', lang="fr").published is None


# --------------------------------------------------------------------------- title


def test_title_strips_known_site_name() -> None:
    m = meta('<title>Obama admits gun laws frustrate him - BBC News</title>'
             '<meta property="og:site_name" content="BBC News">')
    assert m.title == "Obama admits gun laws frustrate him"


def test_one_word_headline_shown_as_heading() -> None:
    m = meta("<title>Installation — Sphinx documentation</title>", "<h1>Installation</h1>")
    assert m.title == "Installation"
    logo = meta("<title>Outside the web: standalone binaries · V8</title>", "<h1>V8</h1>")
    assert logo.title != "V8"
    section = meta("<title>Blog | Why we moved to Postgres</title>",
                   "<h1>Blog</h1><h2>Why we moved to Postgres</h2>")
    assert section.title == "Why we moved to Postgres"


def test_one_word_logo_heading_is_not_the_headline_of_a_long_title() -> None:
    # "Site » Headline" with the site's logo as <h1>: the logo is not the headline.
    m = meta("<title>Internet-Law &raquo; Verstößt der Ausschluss von Pseudonymen bei "
             "Google+ gegen deutsches Recht?</title>",
             '<h1 id="header"><a href="/">Internet-Law</a></h1><h2>17.7.11</h2>')
    assert m.title == "Verstößt der Ausschluss von Pseudonymen bei Google+ gegen deutsches Recht?"
    wiki = meta("<title>Mozilla - Wikipedia</title>", "<h1>Mozilla</h1>")
    assert wiki.title == "Mozilla"


def test_sharing_title_is_kept_as_the_publisher_wrote_it_without_the_site() -> None:
    """og:title is chosen for sharing and kept, but a clip's title is the headline: the
    site's name goes (issue 10), the colon kicker stays."""
    m = meta('<meta property="og:title" content="Shovel Knight review: rewrite history | Polygon">'
             '<meta property="og:site_name" content="Polygon">'
             "<title>Shovel Knight review | Games | Polygon</title>", "")
    assert m.title == "Shovel Knight review: rewrite history"
    assert m.site_name == "Polygon"


def test_heading_permalink_marks_are_ignored() -> None:
    m = meta("<title>Evolve: Shared Mutable History — evolve extension for Mercurial</title>",
             '<h1>Evolve: Shared Mutable History<a class="headerlink" href="#x">¶</a></h1>')
    assert m.title == "Evolve: Shared Mutable History"


def test_title_matching_a_heading_wins() -> None:
    m = meta("<title>Get your Frontend JavaScript Code Covered | Code | Nicolas</title>",
             "<h1>Hi, I'm Nicolas</h1><h2>Get your Frontend JavaScript Code Covered</h2>")
    assert m.title == "Get your Frontend JavaScript Code Covered"


def test_title_keeps_a_colon_headline_that_a_heading_shows() -> None:
    m = meta("<title>This is a long title with a colon: Hello there</title>",
             "<h1>This is a long title with a colon: Hello there</h1>")
    assert m.title == "This is a long title with a colon: Hello there"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Lorem ipsum dolor sit amet - My website", "Lorem ipsum dolor sit amet"),
        ("Lorem ipsum dolor sit amet – My website", "Lorem ipsum dolor sit amet"),
        ("Short | Site", "Short | Site"),  # too little left: keep all
        ("Installation — Sphinx documentation", "Installation — Sphinx documentation"),
        ("Daring Fireball: Colophon", "Daring Fireball: Colophon"),
    ],
)
def test_title_separators(raw: str, expected: str) -> None:
    assert meta(f"<title>{raw}</title>").title == expected


def test_generic_sharing_title_loses_to_the_headline() -> None:
    m = meta('<meta property="og:title" content="Yahoo News - Latest News &amp; Headlines">'
             "<title>Russia: Space ship breaks up over Siberia</title>",
             "<h1>Russia: Space ship breaks up over Siberia</h1>")
    assert m.title == "Russia: Space ship breaks up over Siberia"


def test_title_from_h1_when_the_page_has_no_title() -> None:
    assert meta(body="<h1>  Only a heading  </h1>").title == "Only a heading"
    assert meta(body="<p>Nothing</p>").title is None


def test_svg_title_is_not_the_page_title() -> None:
    m = meta(body='<svg><title>icon</title></svg><h1>The real headline</h1>')
    assert m.title == "The real headline"


# --------------------------------------------------------------------------- site, lang, urls


def test_site_name_sources() -> None:
    assert meta('<meta name="application-name" content="App Site">').site_name == "App Site"
    assert meta("<title>An article about many things | Example News</title>").site_name == (
        "Example News")
    assert meta("<title>Daring Fireball: Colophon</title>").site_name is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("en", "en"), ("EN", "en"), ("en-us", "en-US"), ("en_US", "en-US"), ("pt-br", "pt-BR"),
     ("zh-hant-tw", "zh-Hant-TW"), ("es-419", "es-419"), ("en-US, fr", "en-US"),
     ("", None), ("english please", None), ("12", None), (None, None)],
)
def test_normalize_lang(raw: str | None, expected: str | None) -> None:
    assert normalize_lang(raw) == expected


def test_lang_sources_in_order() -> None:
    assert meta(lang="de-de").lang == "de-DE"
    assert meta('<meta http-equiv="Content-Language" content="fr">').lang == "fr"
    assert meta('<meta property="og:locale" content="en_GB">').lang == "en-GB"
    assert meta().lang is None


def test_canonical_url() -> None:
    m = meta('<base href="https://news.example.com/world/">'
             '<link rel="canonical" href="story-123?x=1">')
    assert m.url == "https://news.example.com/world/story-123?x=1"
    assert meta('<meta property="og:url" content="https://ex.com/a">').url == "https://ex.com/a"
    assert meta().url == URL


@pytest.mark.parametrize(
    "bad",
    ["file:///etc/passwd", "javascript:alert(1)", "/", "https://news.example.com/"],
)
def test_unsafe_or_homepage_canonical_is_ignored(bad: str) -> None:
    assert meta(f'<link rel="canonical" href="{bad}">').url == URL


def test_local_file_urls_never_come_out() -> None:
    m = meta('<base href="file:///home/user/">'
             '<meta property="og:image" content="secret.png">'
             '<link rel="canonical" href="notes.html">', url=None)
    assert m.url is None
    assert m.image is None


def test_image_sources() -> None:
    assert meta('<meta name="twitter:image" content="https://ex.com/t.png">').image == (
        "https://ex.com/t.png")
    assert meta('<link rel="image_src" href="/i.png">').image == "https://news.example.com/i.png"


# --------------------------------------------------------------------------- robustness


def test_document_is_not_modified() -> None:
    page = ('<html><head><title>T - S</title><meta name="author" content="A"></head><body>'
            '<h1>T</h1><div class="byline">By X</div><time datetime="2020-01-01">x</time>'
            "</body></html>")
    doc = lxml.html.document_fromstring(page)
    before = lxml.html.tostring(doc)
    extract_metadata(doc, URL)
    assert lxml.html.tostring(doc) == before


def test_empty_and_headless_pages() -> None:
    doc = lxml.html.document_fromstring("<p>just text</p>")
    m = extract_metadata(doc)
    assert m == Metadata(title=None, byline=None, published=None, site_name=None,
                         excerpt=None, lang=None, url=None, image=None)


def test_very_deep_nesting() -> None:
    depth = 5000
    page = ("<html><head><title>Deep page title here</title></head><body><h1>Deep</h1>"
            + "<div>" * depth + '<span class="byline">By Deep Writer</span>'
            + "<time datetime='2020-05-05'>x</time>" + "</div>" * depth + "</body></html>")
    doc = lxml.html.document_fromstring(page, parser=lxml.html.HTMLParser(huge_tree=True))
    m = extract_metadata(doc)
    assert m.title == "Deep page title here"
    assert m.byline in ("Deep Writer", None)  # found, or given up on safely


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  By   Jane Doe ", "Jane Doe"),
        ("by: Jane Doe", "Jane Doe"),
        ("Author: Jane Doe", "Jane Doe"),
        ("Von Trier", "Von Trier"),  # a surname, not "Von" = "by"
        ("Mark Di Stefano", "Mark Di Stefano"),
        ("Jane Doe, Staff Writer", "Jane Doe"),
        ("Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("https://example.com/author/jane", None),
        ("jane@example.com", None),
        ("admin", None),
        ("Follow", None),
        ("@janedoe", None),
        ("x" * 150, None),
        ("", None),
    ],
)
def test_clean_name(raw: str, expected: str | None) -> None:
    assert clean_name(raw) == expected


RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"


@pytest.mark.parametrize("head", [
    f"<title>{RLO}gpj.exe{PDF}</title>",
    f"<meta property='og:title' content='{RLO}gpj.exe{PDF}'>",
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "'
    f'{RLO}gpj.exe{PDF}", "author": {{"name": "Ann {LRI}Lee{PDI}"}}}}</script>',
])
def test_bidi_controls_are_taken_out_of_titles_and_names(head: str) -> None:
    """An override makes a title display as other text (and a file name seem another)."""
    found = meta(head + f"<meta name='author' content='Ann {LRI}Lee{PDI}'>"
                 f"<meta property='og:site_name' content='{RLO}Daily{PDF}'>")
    assert found.title == "gpj.exe"
    assert found.byline == "Ann Lee"
    assert found.site_name == "Daily"


def test_right_to_left_text_itself_is_kept() -> None:
    assert meta("<title>مرحبا بالعالم</title>").title == "مرحبا بالعالم"
