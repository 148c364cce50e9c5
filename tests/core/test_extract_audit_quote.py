"""Audit of issue 10 items 1 and 5 on a forum thread written the way phpBB builds it: a
reply quoting the opener starts its ``<blockquote>`` with ``<cite>rosa_k wrote: <a>↑</a>
</cite>`` run straight into the quoted words (phpBB's style shows the cite as a line of its
own). Inline, the emphasis cannot close before a word and came out as raw ``<em>``."""

from __future__ import annotations

from clipper.extract import extract

URL = "https://forum.cycling.example/viewtopic.php?t=812"


def _post(pid: int, user: str, uid: int, when: str, content: str) -> str:
    return (
        f'<div id="p{pid}" class="post has-profile bg2"><div class="inner">'
        f'<dl class="postprofile"><dt><a href="./memberlist.php?mode=viewprofile&amp;u={uid}" '
        f'class="username">{user}</a></dt><dd class="profile-posts"><strong>Posts:</strong> '
        f'212</dd></dl><div class="postbody"><div id="post_content{pid}"><h3><a href="#p{pid}">'
        'Re: Rear brake squeals after pad change</a></h3><ul class="post-buttons"><li><a '
        f'href="./posting.php?mode=quote&amp;p={pid}" title="Reply with quote" class="button">'
        '<span>Quote</span></a></li></ul><p class="author"><span class="responsive-hide">by '
        f'<strong><a href="./memberlist.php?mode=viewprofile&amp;u={uid}" class="username">'
        f'{user}</a></strong> » </span><time datetime="{when}">{when}</time></p>'
        f'<div class="content">{content}</div></div></div></div></div><hr class="divider">')


PAGE = (
    '<html><head><title>Rear brake squeals after pad change - Cycling Forum</title></head>'
    '<body id="phpbb"><div id="page-header"><h1>Cycling Forum</h1><ul class="nav-main">'
    '<li><a href="/faq">FAQ</a></li><li><a href="./ucp.php?mode=login">Login</a></li></ul>'
    '</div><div id="page-body" role="main"><h2 class="topic-title">Rear brake squeals after '
    'pad change</h2>'
    + _post(4101, "rosa_k", 55, "2024-02-10T18:20:00+00:00",
            "I changed the pads on my rear disc brake last week and since then it squeals "
            "loudly every time I brake, even at low speed.<br><br>I cleaned the rotor with "
            "alcohol and bedded the pads in. Anything else I should try before buying a new "
            "rotor?")
    + _post(4102, "old_wrench", 9, "2024-02-10T19:02:00+00:00",
            '<blockquote><div><cite>rosa_k wrote: <a href="./viewtopic.php?p=4101#p4101">↑'
            "</a></cite>Anything else I should try before buying a new rotor?</div>"
            "</blockquote>Check the caliper alignment first. Loosen the two mounting bolts, "
            "squeeze the lever hard, and tighten them again while you hold it.")
    + _post(4103, "rosa_k", 55, "2024-02-11T08:40:00+00:00",
            "That was it. The caliper had moved a millimetre when I pushed the pistons back. "
            "Quiet as a mouse now, thanks!")
    + '</div><div id="page-footer"><div class="copyright">Powered by phpBB® Forum Software '
    '© phpBB Limited</div></div></body></html>')


def test_a_quotes_attribution_is_its_own_line_not_raw_html() -> None:
    md = extract(PAGE, URL).markdown
    assert "<em>" not in md
    assert "<cite>" not in md
    assert "> *rosa_k wrote: [↑](https://forum.cycling.example/viewtopic.php?p=4101#p4101)*\n" \
           ">\n> Anything else I should try before buying a new rotor?" in md


def test_a_cite_naming_a_work_stays_in_its_sentence() -> None:
    """Only an attribution (a colon, or words glued to it) gets a line: a title opening the
    quoted sentence is part of it."""
    quote = ("<blockquote><p><cite>Hamlet</cite> is the play most quoted in this town's "
             "council meetings, and nobody can say why.</p></blockquote>")
    page = PAGE.replace("Check the caliper", quote + "Check the caliper")
    md = extract(page, URL).markdown
    assert "> *Hamlet* is the play most quoted" in md
