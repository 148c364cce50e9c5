"""A blog post with its replies in the same column, each reply's text named "commentbody".

Readability's class words weigh "comment" against "body": a reply's text named
"commentbody" (or "comment-content", "comment_text") is neither an unlikely candidate nor a
negative block, so the replies under a post laid out in one table cell or one column stay
in the clip, and a long thread outweighs the post. The second word names a part of the
comment: the block is a comment's. A page written for the purpose: a security blog's post
in a layout table's content cell, followed by five readers' replies.
"""

from __future__ import annotations

import lxml.html

from clipper.extract import extract
from clipper.extract.score import Flags, class_weight, comment_part

POST = [
    "A group of researchers found that dozens of payment libraries accept any certificate "
    "when they connect to their servers, because the code that should check it was never "
    "switched on.",
    "The flaw is not in the protocol: it is in how developers call it. The libraries offer "
    "the right options, but the defaults and the documentation lead people to turn them off "
    "while testing, and nobody turns them on again.",
    "The paper closes with advice for developers, for library authors and for the people "
    "who review code, and it is worth reading in full if you ship anything that talks to a "
    "server.",
]

REPLIES = [
    "This is exactly what happens when the test settings end up in production, and nobody "
    "notices because everything keeps working as before, until it does not.",
    "I would like to know how many programs they had to look at before finding these, "
    "because the share matters more than the count for judging how bad this is.",
    "Providing a test server with a wrong certificate would help a lot, since then the "
    "developers could see the failure for themselves before their users do.",
    "The real problem is that the safe option is the harder one to use, and people under "
    "deadline pressure will always take the path that makes the error go away.",
    "We found the same thing in an audit last year, in three of the five apps we looked at, "
    "and in every case the fix was a single line that someone had commented out.",
]


def _reply(n: int, text: str) -> str:
    return (f'<hr class="comment-separator"><div class="commentbody by-reader{n}">'
            f'<div id="c9710{n}"><p>{text}</p></div>'
            f'<p class="commentcredit">Posted by: Reader {n} at November 8, 2012 7:{n}2 AM'
            f"</p></div>")


PAGE = f"""<html><head><title>Certificate checks switched off</title></head><body>
<table class="main"><tr><td class="leftcell"><a href="/blog/">Blog</a> <a href="/books/">Books</a>
<a href="/about/">About</a></td>
<td class="contentcell"><h2 class="title">Certificate checks switched off</h2>
<div class="entry">{"".join(f"<p>{p}</p>" for p in POST)}</div>
<p class="entry-footer">Posted on November 8, 2012 at 6:57 AM</p>
<h3>Comments</h3>{"".join(_reply(n, t) for n, t in enumerate(REPLIES, 1))}
</td></tr></table></body></html>"""


def test_the_replies_named_commentbody_are_left_out_of_the_post() -> None:
    article = extract(PAGE, "https://blog.example.org/2012/11/certificate-checks.html")
    for paragraph in POST:
        assert paragraph[:60] in article.markdown
    for reply in REPLIES:
        assert reply[:50] not in article.markdown


def test_a_comment_part_weighs_as_a_comment_and_an_article_body_still_counts() -> None:
    assert comment_part("commentbody by-reader1") == "comment by-reader1"
    assert comment_part("comment-content") == "comment"
    div = lxml.html.fromstring('<div class="comment-body">x</div>')
    assert class_weight(div, Flags()) == -25
    div = lxml.html.fromstring('<div class="article-body comments-open">x</div>')
    assert class_weight(div, Flags()) == 0  # the article's body, with a comment count
