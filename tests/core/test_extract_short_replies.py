"""A post of a few lines (under 250 characters) stays when the looser retry finds a longer
reply under it, or a block in the sidebar.

Below 500 characters the selection is retried with Readability's switches off; the
comment thread and the sidebar, struck out by their names under the strict rules, are
then candidates, and one long reply or a text widget is longer than a quotation post of
two sentences. A block the page names as a comment thread after the post (and not
holding it), or as its sidebar, is not the post. Small pages written for the purpose: a
quotation post on a blog of a few lines, with one long reply under it, or a long text
widget beside it.
"""

from __future__ import annotations

import lxml.html

from clipper.extract import extract
from clipper.extract.attempts import kept_attempt

POST = ("From a letter by the harbour master, 1911: the tide waits for no one, least of all "
        "a skipper who stops in the Anchor for one more pint before the evening ebb.")

REPLY = ("My grandmother kept a diary every day from 1908 until 1952, and there are "
         "pages and pages on her brothers' boats: what they caught, what it fetched at market, "
         "when they went out, when they came home late and soaked to the skin. She wrote "
         "it small, with a pencil, so it is hard going, but I have typed up the years up to "
         "1914 so far and would gladly send those to anyone interested. There are also "
         "photographs: her wedding on the quay, my great-uncle Will mending nets on the "
         "steps, and a crowd watching the lifeboat go out during the great storm of 1913, "
         "with every face turned toward the sea. Would you like copies? I could scan them "
         "at the library next week, if you send me an email address, and I will write up "
         "what she says about that storm too, since it takes up three whole pages.")

WIDGET = ("This blog collects lines from the letters, logbooks and diaries kept in the "
          "county archive about the harbour and the people who worked it: skippers and "
          "harbour masters, net menders, coal heavers and the women who ran the fish market. "
          "A new line goes up most weeks, with a note on where it came from and how to find "
          "the letter yourself. The archive reading room is open on Tuesdays and Thursdays, "
          "and the staff there are always happy to help you find a box. If you have a family "
          "letter or a logbook of your own that you would like to see here, write to the "
          "address on the contact page, and I will copy it and send it back within the week.")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The tide waits | Harbour lines</title></head>
<body><div id="page"><div id="content">
<div class="post hentry"><h2 class="entry-title">The tide waits</h2>
<div class="entry-content"><p>{post}</p></div>
<p class="meta">Posted on March 3, 2012</p></div>
{comments}
</div>
<div id="sidebar"><div class="widget text"><h3>About this blog</h3>
<div class="widget-content"><p>{widget}</p></div></div></div>
</div></body></html>
"""

THREAD = """<div id="comments"><h3>3 replies</h3><dl class="commentlist">
<dt class="comment-author">Mary Penrose</dt>
<dd class="comment"><div class="comment-body"><p>Lovely. Is there a picture of the Anchor?</p>
</div></dd>
<dt class="comment-author">Jean Tregarthen</dt>
<dd class="comment"><div class="comment-body"><p>{reply}</p></div></dd>
<dt class="comment-author">Harbour lines</dt>
<dd class="comment"><div class="comment-body"><p>Thank you, Jean: I will look again.</p>
</div></dd></dl></div>"""

URL = "https://harbourlines.example/2012/03/the-tide-waits"


def _clip(comments: str, widget: str) -> str:
    html = PAGE.format(post=POST, comments=comments, widget=widget)
    return " ".join(extract(html, URL).markdown.split())


def test_a_two_sentence_post_is_kept_over_a_long_reply_under_it() -> None:
    """The retry found the long reply alone: it sits in the comment thread after the post."""
    page = lxml.html.fromstring(PAGE.format(post=POST, comments=THREAD.format(reply=REPLY),
                                            widget="Lines from the harbour archive."))
    post = lxml.html.fromstring(f"<div><p>{POST}</p></div>")
    reply = lxml.html.fromstring(f"<div><p>{REPLY}</p></div>")
    assert len(POST) < 250 < len(REPLY)
    attempts = [(len(POST), 0, post), (len(POST), -1, post), (len(REPLY), -2, reply)]
    assert kept_attempt(attempts, True, page)[2] is post
    # the same reply on a page that does not name its thread is another block, longer
    unnamed = lxml.html.fromstring(f"<div><p>{POST}</p><div><p>{REPLY}</p></div></div>")
    assert kept_attempt(attempts, True, unnamed)[2] is reply
    # a thread above the post is no reply to it
    above = lxml.html.fromstring(
        f'<div><div class="comments"><p>{REPLY}</p></div><p>{POST}</p></div>')
    assert kept_attempt(attempts, True, above)[2] is reply
    # a menu above a forum's posts (named as comments) is no post of a few lines
    topics = "".join(f'<li><a href="/forum/{i}">Topic number {i}</a></li>' for i in range(12))
    menu = lxml.html.fromstring(f"<div><ul>{topics}</ul></div>")
    forum = lxml.html.fromstring(
        f'<div><ul>{topics}</ul><div class="comments"><p>{REPLY}</p></div></div>')
    links = len(menu.text_content())
    assert links > 100
    menu_first = [(links, 0, menu), (len(REPLY), -1, reply)]
    assert kept_attempt(menu_first, True, forum)[2] is reply


def test_a_two_sentence_post_is_kept_over_a_long_text_widget_beside_it() -> None:
    clip = _clip("", WIDGET)
    assert "the tide waits for no one" in clip, clip
    assert "reading room" not in clip
