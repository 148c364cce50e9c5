"""Audit of issue 10 item 1 on a forum thread written the way Discourse serves it (its
crawler view, with schema.org microdata): a reply quoting the opener holds the quote in an
``<aside class="quote">`` around a ``<blockquote>``. Asides in posts are furniture, but
this one is part of what the reply says."""

from __future__ import annotations

from clipper.extract import extract

URL = "https://forum.example/t/sourdough-starter-smells-like-nail-polish-remover/4411"


def _post(n: int, user: str, when: str, text: str) -> str:
    comment = '' if n == 1 else ' itemprop="comment" itemscope itemtype="http://schema.org/Comment"'
    return (
        f'<div id="post_{n}"{comment} class="topic-body crawler-post"><div class="crawler-post-'
        'meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/'
        f'Person"><a itemprop="url" href="https://forum.example/u/{user}"><span itemprop="name">'
        f'{user}</span></a></span><span class="crawler-post-infos"><time itemprop="datePublished"'
        f' datetime="{when}" class="post-time">{when}</time><meta itemprop="position" '
        f'content="{n}"></span></div><div class="post" itemprop="text">{text}</div></div>')


PAGE = (
    '<html><head><title>Sourdough starter smells like nail polish remover - Baking - Loaf '
    'Forum</title></head><body class="crawler"><header><a href="/">Loaf Forum</a></header>'
    '<div id="main-outlet" role="main"><div id="topic-title"><h1>Sourdough starter smells '
    'like nail polish remover</h1></div><div itemscope itemtype="http://schema.org/'
    'DiscussionForumPosting">'
    + _post(1, "breadnerd", "2024-05-02T07:10:00Z",
            "<p>My starter is three weeks old. It doubled nicely in the first two weeks, but "
            "since a few days it smells sharply of acetone and barely rises.</p><p>Is it dead, "
            "or can I save it?</p>")
    + _post(2, "maria_b", "2024-05-02T08:30:00Z",
            '<aside class="quote no-group" data-username="breadnerd" data-post="1"><div '
            'class="title"><div class="quote-controls"></div><img alt="" width="24" '
            'src="/user_avatar/breadnerd/48/1_2.png" class="avatar"> breadnerd:</div>'
            "<blockquote><p>since a few days it smells sharply of acetone</p></blockquote>"
            "</aside><p>That smell means it is hungry, not dead. Feed it twice a day for a "
            "week and keep it somewhere warm. The smell goes away once the yeast catches "
            "up.</p>")
    + _post(3, "breadnerd", "2024-05-05T18:02:00Z",
            "<p>Twice a day did it. Baked my first loaf today and it rose well. Thanks!</p>")
    + '</div></div><footer><p>Powered by Discourse, best viewed with JavaScript enabled</p>'
    '</footer></body></html>')


def test_a_quote_in_an_aside_stays_in_the_reply() -> None:
    md = extract(PAGE, URL).markdown
    assert "breadnerd:\n\n> since a few days it smells sharply of acetone\n\n" \
           "That smell means it is hungry" in md
