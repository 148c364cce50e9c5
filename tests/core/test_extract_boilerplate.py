"""General boilerplate rules found on pages outside the Readability corpus (held-out sets).

Each case is a small page written for the purpose: the template shape that fooled the
extractor, the article text that must stay and the chrome that must go.
"""

from __future__ import annotations

import lxml.html
import pytest

from clipper.errors import NoArticleError
from clipper.extract import extract
from clipper.extract.prune import prepare_article
from clipper.extract.score import Flags, score_paragraphs, top_candidates

SENTENCE = (
    "The council approved the new budget after a long debate about transport, housing and "
    "the future of the central library, which many residents had asked to keep open."
)
URL = "https://news.example/2024/05/budget-approved"


def body(n: int, tag: str = "p") -> str:
    return "".join(f"<{tag}>{i}. {SENTENCE}</{tag}>" for i in range(n))


def page(inner: str, title: str = "Budget approved") -> str:
    nav = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(10))
    return (f"<html><head><title>{title}</title></head><body><header><nav><ul>{nav}</ul>"
            f"</nav></header>{inner}<footer><p>© 2024 Example News</p></footer></body></html>")


def test_an_aside_that_wraps_the_whole_article_is_kept() -> None:
    # Some templates put the article inside <aside>; Readability drops every aside.
    root = lxml.html.fragment_fromstring(
        f"<div><aside class='content-direct'><article>{body(5)}</article></aside>"
        "<aside class='sidebar'><p>Most read: other things</p></aside></div>")
    prepare_article(root, Flags(), URL)
    text = root.text_content()
    assert text.count("The council approved") == 5
    assert "Most read" not in text


def test_page_builder_widget_wrappers_are_not_widgets() -> None:
    # Elementor: every block is "elementor-widget-…" > "elementor-widget-container" > text.
    blocks = "".join(
        "<div class='elementor-widget elementor-widget-text-editor'>"
        f"<div class='elementor-widget-container'><p>Widget {i}: {SENTENCE}</p>"
        "<p>Earcuff: Zoeca, Kreole: Stella Hoops</p></div></div>" for i in range(4))
    share = ("<div class='elementor-widget elementor-widget-share-buttons'>"
             "<div class='elementor-widget-container'><a href='/s'>Share on Facebook</a>"
             "</div></div>")
    md = extract(page(f"<article>{body(3)}<div class='elementor-section'>{blocks}{share}</div>"
                      "</article>"), URL).markdown
    assert md.count("The council approved") == 7
    assert md.count("Earcuff: Zoeca") == 4
    assert "Share on Facebook" not in md


def test_a_box_named_like_the_post_does_not_win_on_its_name() -> None:
    # "post-ratings" scores +50 on its class and id alone; the article has the words.
    doc = lxml.html.fromstring(
        "<html><body><div class='post-ratings' id='post-ratings-4783'>"
        "<p>Rated 4.5 of 5 by 120 readers</p></div>"
        f"<div class='wpb_wrapper'>{body(3)}</div></body></html>")
    flags = Flags()
    scores, candidates = score_paragraphs(list(doc.iter("p")), flags)
    best = top_candidates(scores, candidates, URL)[0]
    assert best.get("class") == "wpb_wrapper"


@pytest.mark.parametrize("chrome", [
    "<div class='entry-tools'><a href='/p'>Weiterempfehlen</a> <a href='/d'>Drucken</a></div>",
    "<div><a href='/s'>Share</a> <a href='/t'>Tweet</a> <a href='/e'>Email</a></div>",
    "<div><a href='/f'>Facebook</a> <a href='/t'>Twitter</a> <a href='/w'>WhatsApp</a></div>",
    "<h3>Kommentare schreiben</h3>",
    "<p>Leave a Reply</p>",
    "<p>Comments are closed.</p>",
    "<h2>Category: <a href='/c/blog'>Blog</a> <a href='/c/pop'>Popular</a></h2>",
    "<p>Tags: <a href='/t/a'>Bilt</a>, <a href='/t/b'>Cent</a>, <a href='/t/c'>Hamburg</a></p>",
    "<div class='pager'><span>&lt;&lt;</span><span>&lt;</span>"
    + "".join(f"<span>{i}</span>" for i in range(1, 15)) + "</div>",
    "<p>« Older | Newer »</p>",
    "<div>Lade weitere Inhalte ...</div>",
])
def test_toolbars_prompts_taxonomy_and_pagers_inside_the_article_go(chrome: str) -> None:
    html = page(f"<article>{body(3)}{chrome}{body(2)}</article>")
    md = extract(html, URL).markdown
    assert md.count("The council approved") == 5
    for word in ("Weiterempfehlen", "Drucken", "Tweet", "WhatsApp", "Kommentare",
                 "Leave a Reply", "closed", "Category", "Bilt", "Older", "Lade weitere",
                 "&lt;", "\\<"):
        assert word not in md, word
    assert "14" not in md


def test_single_words_in_sentences_and_photo_credits_stay() -> None:
    html = page("<article>"
                f"<p>She posted the photo to <a href='https://facebook.com/x'>Facebook</a>, "
                f"where it was shared widely. {SENTENCE}</p>"
                "<figure><img src='/a.jpg' alt='Crowd'><figcaption>Facebook</figcaption></figure>"
                f"<p>Send an <a href='mailto:x@example.com'>email</a> to the desk. {SENTENCE}</p>"
                f"{body(2)}</article>")
    md = extract(html, URL).markdown
    assert "posted the photo to [Facebook](https://facebook.com/x), where" in md
    assert "Send an [email](mailto:x@example.com) to the desk" in md
    assert "![Crowd](https://news.example/a.jpg)" in md


@pytest.mark.parametrize("heading", ["Ähnliche Beiträge", "Related posts", "Mehr zum Thema",
                                     "Weiterführender Link", "You may also like"])
def test_a_box_headed_related_goes_with_its_links(heading: str) -> None:
    links = "".join(f"<li><a href='/other-{i}'>Another story number {i} about the city</a></li>"
                    for i in range(5))
    html = page(f"<article>{body(4)}<section><h2>{heading}</h2><ul>{links}</ul></section>"
                "</article>")
    md = extract(html, URL).markdown
    assert md.count("The council approved") == 4
    assert heading not in md
    assert "Another story number" not in md


def test_a_related_section_with_teaser_headings_goes() -> None:
    teasers = "".join(f"<li><h3><a href='/t{i}'>Teaser headline {i}</a></h3>"
                      f"<img src='/t{i}.jpg'></li>" for i in range(4))
    html = page(f"<article>{body(4)}<section class='related-posts'><ul>{teasers}</ul>"
                "</section></article>")
    md = extract(html, URL).markdown
    assert md.count("The council approved") == 4
    assert "Teaser headline" not in md


@pytest.mark.parametrize("heading", ["More Asia stories", "Related articles"])
def test_a_list_of_linked_headlines_with_teaser_lines_goes_under_its_heading(
        heading: str) -> None:
    # Each item's line of teaser text keeps the box's link share under one half; that
    # every item opens with its linked headline still says it is a list of other stories.
    items = "".join(
        f"<li><h3><a href='/world-{i}'>Warships sent to track missiles {i}</a></h3>"
        f"<p>The navy deploys two ships with missile-defence systems, reports say, after a "
        f"missile was moved to the coast {i}.</p></li>" for i in range(3))
    root = lxml.html.fragment_fromstring(
        f"<div class='story'><div class='story-body'>{body(5)}</div>"
        f"<div class='top-index'><h2><a href='/world'>{heading}</a></h2>"
        f"<p><a href='/world/rss.xml'>RSS</a></p><ul>{items}</ul></div></div>")
    prepare_article(root, Flags(), URL)
    text = root.text_content()
    assert text.count("The council approved") == 5
    assert "Warships sent" not in text
    assert "missile-defence" not in text


def test_a_list_of_links_inside_sentences_stays_under_a_related_heading() -> None:
    items = "".join(f"<li>The committee met on day {i} and, as <a href='/m{i}'>the minutes "
                    f"show</a>, it agreed on the plan for the new library.</li>"
                    for i in range(4))
    html = page(f"<article>{body(4)}<section><h2>More council stories</h2><ul>{items}</ul>"
                "</section></article>")
    md = extract(html, URL).markdown
    assert md.count("The committee met on day") == 4


def test_a_gallery_title_repeated_on_every_slide_is_kept_once() -> None:
    slides = "".join("<div class='slide-title'>Weather threatens holiday plans</div>"
                     for _ in range(14))
    html = page(f"<article>{body(3)}<div class='gallery'>{slides}</div>{body(2)}</article>")
    md = extract(html, URL).markdown
    assert md.count("Weather threatens holiday plans") == 1
    assert md.count("The council approved") == 5


def test_repeated_sentences_and_links_are_not_labels() -> None:
    chorus = "<p>And we sing it again and again.</p>" * 3
    links = "<p><a href='/a'>link</a></p><p><a href='/b'>link</a></p><p><a href='/c'>link</a></p>"
    md = extract(page(f"<article>{body(3)}{chorus}{links}</article>"), URL).markdown
    assert md.count("And we sing it again and again.") == 3
    assert md.count("[link]") == 3


@pytest.mark.parametrize("html", [
    "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    "<html><body><a href='/'>Home</a></body></html>",
    "<html><body><ul><li><a href='/'>Home</a></li><li><a href='/a'>About</a></li></ul>"
    "</body></html>",
    "<html><body><p><a href='/x'>One</a> | <a href='/y'>Two</a></p></body></html>",
])
def test_a_page_of_links_only_has_no_article(html: str) -> None:
    with pytest.raises(NoArticleError, match="No article text found"):
        extract(html, "file:///home/me/saved.html")


def test_a_short_text_with_a_link_is_still_an_article() -> None:
    a = extract("<html><body><p>Short <a href='/t'>text</a> here.</p></body></html>",
                "https://e.example/x")
    assert a.markdown == "Short [text](https://e.example/t) here.\n"


def test_a_teaser_card_dropped_into_the_text_goes() -> None:
    card = ("<figure class='teaserable'><a href='/wirtschaft/ice-im-s-bahn-takt'>"
            "<img src='/t.jpg' alt='ICE'><figcaption><p>Neues Bahn-Konzept</p>"
            "<h3>ICE im S-Bahn-Takt</h3></figcaption></a></figure>")
    heading_link = "<h2><a href='/product'>The product we tested</a></h2>"
    md = extract(page(f"<article>{body(3)}{card}{heading_link}{body(2)}</article>"),
                 URL).markdown
    assert "ICE im S-Bahn-Takt" not in md
    assert "Neues Bahn-Konzept" not in md
    assert "## [The product we tested](https://news.example/product)" in md
    assert md.count("The council approved") == 5


def test_a_short_posts_meta_footer_goes_though_it_holds_more_text_than_the_post() -> None:
    # A podcast post of two sentences; its <footer class="entry-meta"> (categories, tags,
    # permalink and the author's bio) is longer than the post: still the post's meta, not a
    # template's odd wrapper around the article.
    bio = ("Lecturer at the Harbour Academy. Trained as an electrical engineer, with a focus "
           "on digital signal processing. I care about learning organisations, knowledge "
           "management, new work and lifelong learning; member of several societies.")
    post = (
        "<div id='content'><article class='post type-post hentry'>"
        "<header class='entry-header'><h1 class='entry-title'>Episode 39: live from the "
        "camp</h1></header><div class='entry-content'><p>We recorded this episode live at the "
        "Knowledge Camp in Berlin, with two guests who tell what they took home from it.</p>"
        "<p>Download: <a href='/ep39.mp3'>mp3</a></p></div>"
        "<footer class='entry-meta'>This entry was posted in <a href='/c/podcast'>Podcast</a>"
        " and tagged <a href='/t/berlin'>berlin</a>, <a href='/t/camp'>camp</a> by "
        "<a href='/author/sam'>Sam Doe</a>. Bookmark the <a href='/ep39'>permalink</a>."
        f"<div class='author-info'><h2>About Sam Doe</h2><p>{bio}</p></div></footer>"
        "</article></div>")
    md = extract(page(post, "Episode 39: live from the camp"), URL).markdown
    assert "with two guests who tell" in md
    assert "This entry was posted in" not in md
    assert "Harbour Academy" not in md


CONSENT_BOX = (
    "<div class='css-4kx-Box'><div class='css-9fa-Text'>External content</div>"
    "<div class='css-2bd-Text'>To protect your personal data, we blocked the automatic "
    "loading of content from social.example. If you want to see content from this provider "
    "here, please agree to the terms below. You can withdraw your consent at any time.</div>"
    "<div class='css-1ab-Flex'><div><input type='checkbox' id='agree'></div>"
    "<div><label for='agree'>I agree that this content is shown to me and that my personal "
    "data is passed on to the operator of the portal it comes from.</label></div></div>"
    "<button class='css-77-Button' disabled>Agree and load content</button></div>")


def test_a_consent_placeholder_built_from_divs_goes_with_its_notice() -> None:
    # a form without the <form> tag: its checkbox and button are junk and go at once, its
    # notice and label stayed as prose in the middle of the article
    post = f"<main><article>{body(3)}{CONSENT_BOX}{body(3)}</article></main>"
    md = extract(page(post), URL).markdown
    assert md.count("The council approved") == 6
    assert "External content" not in md
    assert "we blocked the automatic" not in md
    assert "I agree that this content" not in md


def test_a_paragraph_with_a_checkbox_list_in_the_article_stays() -> None:
    # a checklist the writer made has fields but no button: not a form
    items = "".join(f"<li><input type='checkbox'> Pack item {i} for the trip</li>"
                    for i in range(5))
    post = f"<main><article>{body(4)}<ul>{items}</ul>{body(2)}</article></main>"
    md = extract(page(post), URL).markdown
    assert "Pack item 3 for the trip" in md


def test_a_recipes_ingredients_to_tick_off_beside_a_shopping_list_button_stay() -> None:
    # recipe plugins put a checkbox in each ingredient's list item and an "add to shopping
    # list" button under the list: the smallest box holding a field and a button is the
    # ingredients' block, short, but the article's
    method = ("Heat the oven to 180 degrees and butter a round tin; the cake rises best when "
              "the butter and the eggs are at room temperature, so take them out early.")
    items = "".join(
        f"<li class='recipe-ingredient'><span class='tick'><input type='checkbox'></span> "
        f"{item}</li>" for item in ("135 g butter", "150 g sugar", "3 eggs", "250 g flour",
                                   "1 tsp baking powder", "4 apples"))
    post = (f"<main><article><h1>Apple cake</h1><p>{method}</p>"
            f"<div class='recipe-ingredients'><h2>Ingredients</h2><ul>{items}</ul>"
            "<button type='button'>Add to shopping list</button></div><h2>Method</h2>"
            f"{''.join(f'<p>Step {i}. {method}</p>' for i in range(4))}</article></main>")
    md = extract(page(post, "Apple cake"), "https://recipes.example/apple-cake").markdown
    assert "- 250 g flour" in md
    assert "- 4 apples" in md
    assert "Add to shopping list" not in md


@pytest.mark.parametrize(("headline_inside", "last"), [
    (False, "<p>Passengers with season tickets need not do anything.</p>"),  # 3 paragraphs
    (True, ""),  # 2 paragraphs, the headline in the post's box
])
def test_a_short_post_with_a_picture_toggle_and_a_share_button_is_no_form(
        headline_inside: bool, last: str) -> None:
    # a CSS-only lightbox: a checkbox toggles the picture's zoom; the post's share button
    # is in its <article> too, so the smallest box holding a field and a button is the
    # whole short post, which went as a form and left the comments as the clip
    headline = "<h1>Ferry timetable changes</h1>"
    post = (
        "<p>From Monday the morning ferry to the island leaves at 6:40 instead of 6:15, the "
        "harbour office said on Friday.</p>"
        "<input type='checkbox' id='zoom' class='lightbox-toggle'><label for='zoom'>"
        "<img src='/ferry.jpg' alt='The ferry'></label><p>The later start gives the crew the "
        f"rest the new rules require; the evening boat is unchanged.</p>{last}")
    comment = ("I have taken this ferry for twenty years and the morning boat has always been "
               "late anyway, so I doubt anybody will notice the change this time. ")
    comments = "".join(f"<div class='comment'><p>{comment * 2}</p></div>" for _ in range(6))
    html = page(f"<main>{'' if headline_inside else headline}<article class='post'>"
                f"{headline if headline_inside else ''}{post}"
                "<div class='actions'><button class='share'>Share</button></div></article>"
                f"<section id='comments'><h2>Comments</h2>{comments}</section></main>",
                "Ferry timetable changes")
    md = extract(html, "https://news.example/ferry").markdown
    assert "leaves at 6:40 instead of 6:15" in md
    assert "The later start gives the crew" in md
    assert "Share" not in md


def test_content_tabs_switched_by_radio_buttons_with_copy_buttons_on_their_code_stay() -> None:
    # a documentation theme's content tabs: one radio button per tab, each tab's code block
    # with a copy button; the smallest box holding a field and a button is the tab set
    def code(command: str) -> str:
        return ("<div class='tabbed-block'><div class='highlight'><pre><span></span><button "
                f"class='md-clipboard' title='Copy to clipboard'></button><code>{command}"
                "</code></pre></div></div>")

    tabs = ("<div class='tabbed-set' data-tabs='1:2'>"
            "<input checked id='__tabbed_1_1' name='__tabbed_1' type='radio'>"
            "<input id='__tabbed_1_2' name='__tabbed_1' type='radio'><div class='tabbed-labels'>"
            "<label for='__tabbed_1_1'>pip</label><label for='__tabbed_1_2'>conda</label></div>"
            f"<div class='tabbed-content'>{code('pip install rivet-config')}"
            f"{code('conda install -c forge rivet-config')}</div></div>")
    post = (f"<main><article class='md-typeset'><h1>Installation</h1>{body(2)}"
            f"<h2>Install the package</h2><p>Install it with the tool you use:</p>{tabs}"
            f"<h2>Configure</h2>{body(2)}</article></main>")
    md = extract(page(post, "Installation"), "https://docs.example/install/").markdown
    assert "pip install rivet-config" in md
    assert "conda install -c forge rivet-config" in md
    assert "Copy to clipboard" not in md


@pytest.mark.parametrize("label", [
    "← <strong>Previous</strong>: Chasing quick fixes to sustainability",
    "Next post: Chasing quick fixes to sustainability »",
    "« Older: Chasing quick fixes to sustainability",
])
def test_a_link_to_the_previous_or_next_post_goes(label: str) -> None:
    # A blog's post navigation under the text: one link to another post, named by its place.
    nav = ("<div id='prevlink'><a class='previous' href='/blog/2019/05/fixes.html'>"
           f"{label}</a></div>")
    md = extract(page(f"<div class='post'>{body(4)}{nav}</div>"), URL).markdown
    assert md.count("The council approved") == 4
    assert "Chasing quick fixes" not in md


def test_a_sentence_that_starts_with_next_stays() -> None:
    # "Next:" opening the writer's own sentence, its link one word of it, is not a pager.
    line = ("<p>Next: the council will <a href='/vote'>vote</a> on the library's opening hours "
            "in June, after a consultation with residents.</p>")
    md = extract(page(f"<div class='post'>{body(4)}{line}</div>"), URL).markdown
    assert "Next: the council will" in md



def test_a_popup_named_in_one_word_goes() -> None:
    # A short results page is read again with looser rules, which keep what Readability
    # calls unlikely; dialogs the stylesheet hides, named "SSpopup" or "loginPopup", still go:
    # "popup" inside a longer name says it as "popup" alone does.
    popups = ("<div class='SSpopup'><p>Sorry! You must be logged in to use this feature, but "
              "login is unavailable while we perform maintenance.</p></div>"
              "<div id='loginPopup'><p>Sign in to save this search and get alerts.</p></div>")
    rows = "".join(f"<tr><td><a href='/job/{i}'>Data entry clerk {i}</a></td>"
                   f"<td>Lancaster, PA</td><td>{i} days ago</td></tr>" for i in range(6))
    html = page(f"<div class='results'>{popups}<h1>Data entry jobs</h1><p>23 jobs found within "
                f"25 miles of Lancaster, Pennsylvania.</p><table>{rows}</table></div>",
                title="Data entry jobs")
    md = extract(html, URL).markdown
    assert "23 jobs found" in md
    assert "Data entry clerk 5" in md
    assert "logged in" not in md
    assert "Sign in to save" not in md
