"""Audit of issue 10 item 1 on a link aggregator's item page written the way Hacker News
serves it: the story in ``table.fatitem``, the comments as rows of a table, each time a
``span.age`` whose title holds the timestamp and whose text says '2 hours ago', and no
``<time>`` on the page. With few comments the first pass keeps one of them; the page must
still be read as a thread (the story and every comment), its time marks counted though
they are no ``<time>`` elements."""

from __future__ import annotations

from clipper.extract import extract

URL = "https://news.ycombinator.com/item?id=38112"


def _comment(cid: int, user: str, indent: int, when: str, ago: str, text: str) -> str:
    return (
        f'<tr class="athing comtr" id="{cid}"><td><table border="0"><tr><td class="ind" '
        f'indent="{indent}"><img src="s.gif" height="1" width="{indent * 40}"></td><td '
        f'valign="top" class="votelinks"><center><a id="up_{cid}" href="vote?id={cid}&amp;'
        'how=up"><div class="votearrow" title="upvote"></div></a></center></td><td '
        'class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span '
        f'class="comhead"><a href="user?id={user}" class="hnuser">{user}</a> <span class="age"'
        f' title="{when} 1709290000"><a href="item?id={cid}">{ago}</a></span> <span '
        'class="navs"> | <a href="#" class="clicky">next</a></span></span></div><br><div '
        f'class="comment"><div class="commtext c00">{text}</div><div class="reply"><p><font '
        f'size="1"><u><a href="reply?id={cid}">reply</a></u></font></p></div></div></td></tr>'
        '</table></td></tr>')


PAGE = (
    '<html lang="en" op="item"><head><title>Ask HN: How do you back up a home server? | '
    'Hacker News</title></head><body><center><table id="hnmain" width="85%"><tr><td '
    'bgcolor="#ff6600"><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a>'
    '</b> <a href="newest">new</a> | <a href="ask">ask</a></span></td></tr><tr id="bigbox">'
    '<td><table class="fatitem" border="0"><tr class="athing submission" id="38112"><td '
    'class="title"><span class="titleline"><a href="item?id=38112">Ask HN: How do you back '
    'up a home server?</a></span></td></tr><tr><td class="subtext"><span class="subline">'
    '<span class="score">64 points</span> by <a href="user?id=tern" class="hnuser">tern</a> '
    '<span class="age" title="2024-03-01T08:00:00 1709280000"><a href="item?id=38112">5 '
    'hours ago</a></span> | <a href="item?id=38112">3&nbsp;comments</a></span></td></tr><tr>'
    '<td><div class="toptext">I run a small server at home with photos and documents on '
    'it. What do you use to back it up off site, and how often do you test a restore?</div>'
    '</td></tr></table><br><table border="0" class="comment-tree">'
    + _comment(38113, "quill", 0, "2024-03-01T09:10:00", "4 hours ago",
               "Restic to a cheap object store, every night. I restore one random folder "
               "each month; the first time I did, I found the exclude list was wrong.")
    + _comment(38114, "tern", 1, "2024-03-01T09:40:00", "3 hours ago",
               "A monthly restore test is a good habit. Do you encrypt on the client?")
    + _comment(38115, "oriel", 0, "2024-03-01T11:25:00", "1 hour ago",
               "A second disk at a friend's house, synced weekly over a VPN. Cheap and it "
               "survives a fire.")
    + '</table></td></tr><tr><td><center><span class="yclinks"><a href="newsguidelines.html">'
    'Guidelines</a> | <a href="newsfaq.html">FAQ</a></span></center></td></tr></table>'
    '</center></body></html>')


def test_a_thread_timed_by_spans_is_read_whole() -> None:
    md = extract(PAGE, URL).markdown
    assert "how often do you test a restore?" in md
    assert "the exclude list was wrong" in md
    assert "Do you encrypt on the client?" in md
    assert "survives a fire" in md
    assert md.index("test a restore") < md.index("exclude list") < md.index("survives a fire")
    assert "**oriel**" in md
