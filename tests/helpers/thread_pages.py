"""Discussion pages as forum software, Q&A sites, link aggregators and social servers
write them (written for the tests, shortened): each with its page furniture, a sidebar,
per-post buttons and signatures that the clip must leave out."""

from __future__ import annotations

import json

SIDEBAR = "\n".join(
    f'<li><a href="/topic/{i}">Latest: {topic} question number {i}, asked this week</a></li>'
    for i, topic in enumerate(["compost", "slugs", "seed swaps", "greenhouses", "leaf mould",
                               "bees", "tools", "fruit cages"] * 2))

PHPBB_POSTS = (
    ("ottilie", "2026-03-04T10:12:00+00:00", "Wed Mar 04, 2026 10:12 am",
     "Our rain barrel overflows straight into the wildlife pond whenever it storms. The "
     "roof is tarred felt from the eighties. Is that water safe for the frogs, or should I "
     "divert the overflow into the hedge instead?", "My allotment diary: plot 14, est. 2019"),
    ("dunnock", "2026-03-04T11:40:00+00:00", "Wed Mar 04, 2026 11:40 am",
     "Old felt can leach bitumen for years, and the first flush after a dry spell carries "
     "most of it. A simple first-flush diverter on the downpipe keeps the worst out of the "
     "pond and costs less than a new liner.", "Gardening since before it was cool"),
    ("ottilie", "2026-03-05T08:03:00+00:00", "Thu Mar 05, 2026 8:03 am",
     "Thank you, the diverter is ordered. I will empty it after every storm and keep an "
     "eye on the frogspawn this spring.", "My allotment diary: plot 14, est. 2019"),
)


def phpbb_thread() -> str:
    posts = "\n".join(f"""
<div id="p{n}" class="post has-profile bg{2 - n % 2}">
<div class="inner">
<dl class="postprofile" id="profile{n}">
<dt class="has-profile-rank no-avatar"><a href="./memberlist.php?mode=viewprofile&amp;u={50 + n}"
 class="username">{who}</a></dt>
<dd class="profile-rank">Member</dd>
<dd class="profile-posts"><strong>Posts:</strong> {120 + n * 7}</dd>
<dd class="profile-joined"><strong>Joined:</strong> Tue Mar 05, 2019 9:12 pm</dd>
</dl>
<div class="postbody"><div id="post_content{n}">
<h3 class="first"><a href="#p{n}">Re: Rain barrel overflow into the pond?</a></h3>
<ul class="post-buttons">
<li><a href="./posting.php?mode=quote&amp;p={n}" title="Reply with quote" class="button">
<span>Quote</span></a></li></ul>
<p class="author"><a class="unread" href="./viewtopic.php?p={n}#p{n}" title="Post">
<span class="sr-only">Post</span></a> <span class="responsive-hide">by <strong>
<a href="./memberlist.php?mode=viewprofile&amp;u={50 + n}" class="username">{who}</a></strong>
 » </span><time datetime="{iso}">{shown}</time></p>
<div class="content">{text}</div>
<div id="sig{n}" class="signature">{sig}</div>
</div></div>
<div class="back2top"><a href="#top" class="top" title="Top">Top</a></div>
</div>
</div>
<hr class="divider">""" for n, (who, iso, shown, text, sig) in enumerate(PHPBB_POSTS, start=1))
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="en-gb">
<head><meta charset="utf-8"><title>Rain barrel overflow into the pond? - Garden Ponds Forum</title>
</head>
<body id="phpbb" class="nojs notouch section-viewtopic ltr">
<div id="wrap" class="wrap">
<div class="headerbar" role="banner"><h1>Garden Ponds Forum</h1>
<p>Everything about wildlife ponds</p></div>
<div class="navbar" role="navigation"><ul class="nav-breadcrumbs"><li>
<a href="./index.php">Board index</a> ‹ <a href="./viewforum.php?f=3">Wildlife</a></li></ul></div>
<div id="page-body" class="page-body" role="main">
<h2 class="topic-title"><a href="./viewtopic.php?t=412">Rain barrel overflow into the pond?</a></h2>
<div class="action-bar bar-top"><a href="./posting.php?mode=reply&amp;t=412" class="button">
Post Reply</a><div class="pagination">3 posts • Page <strong>1</strong> of <strong>1</strong>
</div></div>
{posts}
<div class="stat-block online-list"><h3>Who is online</h3>
<p>Users browsing this forum: No registered users and 4 guests</p></div>
</div>
<div id="page-footer" class="page-footer" role="contentinfo">
<p>Powered by phpBB® Forum Software © phpBB Limited</p>
<p>All times are UTC</p></div>
</div>
</body>
</html>
"""


XF_POSTS = (
    ("brambling", "2026-02-11T19:40:12+0100", "Feb 11, 2026",
     "My tomato seedlings are three weeks old and already twelve centimetres tall, thin as "
     "thread and leaning over. They sit twenty centimetres under a forty watt LED panel for "
     "sixteen hours a day. Should the light come closer, or is the room too warm?"),
    ("corncrake", "2026-02-11T21:05:40+0100", "Feb 11, 2026",
     "Closer, and cooler. At twenty centimetres a panel like that gives a fraction of what "
     "they want; bring it down to eight and drop the room to eighteen degrees at night. A "
     "fan on low for an hour a day thickens the stems too."),
    ("brambling", "2026-02-14T09:12:03+0100", "Feb 14, 2026",
     "Three days with the panel at eight centimetres and a fan, and the new growth is "
     "already sturdier. I buried the long stems up to the first leaves when potting on."),
)


QUOTE = """<blockquote class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote">
<div class="bbCodeBlock-title"><a href="/goto/post?id=40101" class="bbCodeBlock-sourceJump">
brambling said:</a></div><div class="bbCodeBlock-content"><div class="bbCodeBlock-expandContent">
Should the light come closer, or is the room too warm?</div>
<div class="bbCodeBlock-expandLink"><a role="button" tabindex="0">Click to expand...</a></div>
</div></blockquote>"""


def xenforo_thread() -> str:
    posts = "\n".join(f"""
<article class="message message--post js-post js-inlineModContainer" data-author="{who}"
 data-content="post-{40100 + n}" id="js-post-{40100 + n}">
<span class="u-anchorTarget" id="post-{40100 + n}"></span>
<div class="message-inner">
<div class="message-cell message-cell--user">
<section class="message-user">
<div class="message-avatar"><div class="message-avatar-wrapper">
<a href="/members/{who}.{80 + n}/" class="avatar avatar--m"><img src="/data/avatars/m/{n}.jpg"
 alt="{who}" width="96" height="96"></a></div></div>
<div class="message-userDetails">
<h4 class="message-name"><a href="/members/{who}.{80 + n}/" class="username"
 dir="auto">{who}</a></h4>
<h5 class="userTitle message-userTitle" dir="auto">Well-known member</h5></div>
<div class="message-userExtras"><dl class="pairs pairs--justified"><dt>Joined</dt>
<dd>Mar 2, 2021</dd></dl><dl class="pairs pairs--justified"><dt>Messages</dt><dd>1,204</dd></dl>
</div>
<span class="message-userArrow"></span>
</section>
</div>
<div class="message-cell message-cell--main">
<div class="message-main js-quickEditTarget">
<header class="message-attribution message-attribution--split">
<ul class="message-attribution-main listInline">
<li class="u-concealed"><a href="/threads/seedlings-leggy.5512/post-{40100 + n}" rel="nofollow">
<time class="u-dt" dir="auto" datetime="{iso}" title="{shown}">{shown}</time></a></li></ul>
<ul class="message-attribution-opposite message-attribution-opposite--list">
<li><a href="/threads/seedlings-leggy.5512/post-{40100 + n}">#{n}</a></li></ul>
</header>
<div class="message-content js-messageContent">
<div class="message-userContent lbContainer js-lbContainer">
<article class="message-body js-selectToQuote">
<div class="bbWrapper">{QUOTE if n == 2 else ""}{text}</div>
<div class="js-selectToQuoteEnd">&nbsp;</div></article></div>
<aside class="message-signature"><div class="bbWrapper">Zone 7b, clay soil, far too many
 tomatoes.</div></aside>
</div>
<footer class="message-footer"><div class="message-actionBar actionBar">
<div class="actionBar-set actionBar-set--external">
<a href="/posts/{40100 + n}/react?reaction_id=1" class="reaction actionBar-action">
<span class="reaction-text">Like</span></a>
<a href="/threads/seedlings-leggy.5512/reply?quote={40100 + n}" class="actionBar-action">Reply</a>
</div><div class="actionBar-set actionBar-set--internal">
<a href="/posts/{40100 + n}/report" class="actionBar-action">Report</a></div></div>
</footer>
</div>
</div>
</div>
</article>""" for n, (who, iso, shown, text) in enumerate(XF_POSTS, start=1))
    return f"""<!DOCTYPE html>
<html lang="en-US" dir="LTR" class="has-no-js template-thread_view">
<head><meta charset="utf-8"><title>Seedlings leggy under LED | Grow Room Forums</title></head>
<body data-template="thread_view">
<div class="p-pageWrapper" id="top">
<header class="p-header"><div class="p-header-logo"><a href="/">Grow Room Forums</a></div></header>
<nav class="p-nav"><ul><li><a href="/forums/">Forums</a></li><li><a href="/whats-new/">What's
 new</a>
</li><li><a href="/members/">Members</a></li></ul></nav>
<div class="p-body"><div class="p-body-inner">
<div class="p-body-header">
<div class="p-title"><h1 class="p-title-value">Seedlings leggy under LED</h1></div>
<div class="p-description"><ul class="listInline listInline--bullet">
<li><span class="u-srOnly">Thread starter</span>
<a href="/members/brambling.81/" class="username u-concealed">brambling</a></li>
<li><span class="u-srOnly">Start date</span>
<a href="/threads/seedlings-leggy.5512/" class="u-concealed"><time class="u-dt"
 datetime="{XF_POSTS[0][1]}">Feb 11, 2026</time></a></li></ul></div>
</div>
<div class="p-body-main p-body-main--withSidebar">
<div class="p-body-content">
<div class="block block--messages"><div class="block-container">
<div class="block-body js-replyNewMessageContainer">
{posts}
</div></div></div>
</div>
<div class="p-body-sidebar"><div class="block"><h3 class="block-minorHeader">Latest threads</h3>
<ul>{SIDEBAR}</ul></div></div>
</div>
</div></div>
<footer class="p-footer"><p>Community platform by XenForo® © 2010-2026 XenForo Ltd.</p>
<ul><li><a href="/help/terms/">Terms and rules</a></li><li><a href="/help/privacy/">Privacy
 policy</a>
</li></ul></footer>
</div>
</body>
</html>
"""


DISCOURSE_POSTS = (
    ("wren", "Wren Ashdown", "2026-01-09T08:03:11Z", "January 9, 2026,  8:03am",
     "My rye starter smells of nail polish remover every morning, although it doubles "
     "within six hours of feeding. I keep it at room temperature and feed it once a day, "
     "one part starter to one part flour and water. Is it dying?", 3),
    ("pipit", "", "2026-01-09T09:47:52Z", "January 9, 2026,  9:47am",
     "That acetone smell means it is hungry, not dying. Once a day at room temperature is "
     "not enough for rye; feed it twice, or at one to five, and the smell goes within a "
     "few days.", 7),
    ("wren", "Wren Ashdown", "2026-01-12T18:20:05Z", "January 12, 2026,  6:20pm",
     "Twice a day at one to five did it: it smells of yoghurt and apples now, and the "
     "first loaf rose beautifully.", 2),
)


OPENING_ITEM = ('itemprop="mainEntity" itemscope'
                ' itemtype="http://schema.org/DiscussionForumPosting"')
REPLY_ITEM = 'itemprop="comment" itemscope itemtype="http://schema.org/Comment"'


def discourse_thread() -> str:
    ld = {
        "@context": "http://schema.org", "@type": "DiscussionForumPosting",
        "headline": "Sourdough starter smells of acetone",
        "author": {"@type": "Person", "name": "wren"},
        "datePublished": DISCOURSE_POSTS[0][2], "text": DISCOURSE_POSTS[0][4][:120],
        "comment": [{"@type": "Comment", "author": {"@type": "Person", "name": who},
                     "datePublished": iso, "text": text[:120]}
                    for who, _, iso, _, text, _ in DISCOURSE_POSTS[1:]],
    }
    posts = "\n".join(f"""
<div id="post_{n}" {OPENING_ITEM if n == 1 else REPLY_ITEM}
 class="topic-body crawler-post">
<div class="crawler-post-meta">
<span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person">
<a itemprop="url" href="https://bread.example/u/{who}"><span itemprop="name">{who}</span></a>
{f"({real})" if real else ""}
</span>
<span class="crawler-post-infos">
<time itemprop="datePublished" datetime="{iso}" class="post-time">{shown}</time>
<span itemprop="position">{n}</span>
</span>
</div>
<div class="post" itemprop="text"><p>{text}</p></div>
<div itemprop="interactionStatistic" itemscope itemtype="http://schema.org/InteractionCounter">
<span class="post-likes">{likes} Likes</span></div>
</div>""" for n, (who, real, iso, shown, text, likes) in enumerate(DISCOURSE_POSTS, start=1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sourdough starter smells of acetone - Baking - Bread Club</title>
<script type="application/ld+json">{json.dumps(ld)}</script>
</head>
<body class="crawler">
<header><a href="/"><img src="/logo.png" alt="Bread Club"></a></header>
<div id="main-outlet" class="wrap" role="main">
<div id="topic-title"><h1><a href="/t/sourdough-starter-smells-of-acetone/2231">Sourdough starter
 smells of acetone</a></h1>
<div class="topic-category"><span class="category-name">Baking</span></div></div>
{posts}
<div role="navigation" itemscope itemtype="http://schema.org/SiteNavigationElement"
 class="topic-body crawler-post"><span itemprop="name"><b>
<a rel="next" itemprop="url" href="/t/sourdough-starter-smells-of-acetone/2231?page=2">next page
 →</a>
</b></span></div>
<div id="related-topics" class="more-topics__list" role="complementary">
<h3 id="related-topics-title">Related topics</h3><ul>{SIDEBAR}</ul></div>
</div>
<footer class="container wrap"><nav class="crawler-nav"><ul><li><a href="/">Home</a></li>
<li><a href="/categories">Categories</a></li><li><a href="/guidelines">Guidelines</a></li>
<li><a href="/tos">Terms of Service</a></li></ul></nav>
<p class="powered-by-link">Powered by Discourse, best viewed with JavaScript enabled</p></footer>
</body>
</html>
"""


QUESTION = ("My rye loaf comes out gummy in the middle every time, even though the crust is "
            "dark and it sounds hollow when tapped. I bake at 230 degrees for fifty minutes "
            "in a tin. What am I doing wrong?")
ANSWERS = (
    ("fieldfare", "2026-03-02T11:03:00Z", 3, False,
     "Check your oven with a thermometer. Mine was twenty degrees below the dial, and "
     "every rye loaf came out gummy until I found out."),
    ("kestrel", "2026-03-02T13:20:00Z", 4, True,
     "Nothing: rye is gummy when cut warm. Its starches are still setting, so wrap the "
     "loaf in a cloth and wait a full day before slicing. Twenty-four hours, not two."),
    ("siskin", "2026-03-03T08:45:00Z", 9, False,
     "Bake to an internal temperature of 98 degrees, not by time. A probe thermometer "
     "takes the guessing out of it, and the tin hides how the loaf is doing."),
)


AUTHOR_ITEM = ' itemprop="author" itemscope itemtype="https://schema.org/Person"'


def _se_signature(verb: str, who: str, iso: str, owner: bool) -> str:
    hidden_name = f'<span class="d-none" itemprop="name">{who}</span>'
    return f"""
<div class="post-signature{' owner' if owner else ''} flex--item">
<div class="user-info"><div class="user-action-time">{verb} <span title="{iso.replace('T', ' ')}"
 class="relativetime">{iso[5:10]}</span></div>
<div class="user-gravatar32"><a href="/users/4{len(who)}/{who}"><img src="/a/{who}.png"
 alt="{who}'s user avatar" width="32" height="32"></a></div>
<div class="user-details"{AUTHOR_ITEM if owner else ''}>
<a href="/users/4{len(who)}/{who}">{who}</a>{hidden_name if owner else ''}
<div class="-flair"><span class="reputation-score" title="reputation score">1,021</span></div>
</div></div></div>"""


def _se_post(body: str, score: int, signatures: str) -> str:
    return f"""
<div class="post-layout">
<div class="votecell post-layout--left"><div class="js-voting-container">
<button class="js-vote-up-btn" aria-label="Up vote">▲</button>
<div class="js-vote-count" itemprop="upvoteCount" data-value="{score}">{score}</div>
<button class="js-vote-down-btn" aria-label="Down vote">▼</button></div></div>
<div class="postcell post-layout--right">
<div class="s-prose js-post-body" itemprop="text"><p>{body}</p></div>
<div class="mt24"><div class="d-flex"><div class="js-post-menu"><div class="d-flex">
<div class="flex--item"><a href="/q/771" class="js-share-link">Share</a></div>
<div class="flex--item"><a href="/posts/771/edit">Edit</a></div>
<div class="flex--item"><a href="#" class="js-follow-post">Follow</a></div>
</div></div>
{signatures}
</div></div></div></div>"""


def qa_page() -> str:
    answers = "\n".join(f"""
<a name="{790 + n}"></a>
<div id="answer-{790 + n}" class="answer
 js-answer{' accepted-answer js-accepted-answer' if ok else ''}"
 data-answerid="{790 + n}" data-score="{score}"
 itemprop="{'acceptedAnswer' if ok else 'suggestedAnswer'}" itemscope
 itemtype="https://schema.org/Answer">
{_se_post(text, score, _se_signature("answered", who, iso, True))}
</div>""" for n, (who, iso, score, ok, text) in enumerate(ANSWERS))
    question_signatures = (_se_signature("edited", "moorhen", "2026-03-02T10:00:00Z", False)
                           + _se_signature("asked", "hollis", "2026-03-02T09:15:31Z", True))
    return f"""<!DOCTYPE html>
<html itemscope itemtype="https://schema.org/QAPage" class="html__responsive" lang="en">
<head><meta charset="utf-8"><title>baking - Why is my rye loaf gummy inside? - Seasoned
 Advice</title>
</head>
<body class="question-page unified-theme">
<header class="s-topbar"><a href="/" class="s-topbar--logo">Seasoned Advice</a>
<ol class="s-topbar--content"><li><a href="/questions">Questions</a></li><li><a
 href="/tags">Tags</a>
</li></ol></header>
<div class="container"><div id="left-sidebar"><nav role="navigation"><ol><li><a
 href="/">Home</a></li>
<li><a href="/questions">Questions</a></li><li><a href="/users">Users</a></li></ol></nav></div>
<div id="content">
<div id="question-header"><h1 itemprop="name"><a
 href="/questions/771/why-is-my-rye-loaf-gummy-inside"
 class="question-hyperlink">Why is my rye loaf gummy inside?</a></h1></div>
<div id="mainbar" role="main">
<div class="question js-question" data-questionid="771" data-score="14" id="question"
 itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
{_se_post(QUESTION, 14, question_signatures)}
</div>
<div id="answers">
<div id="answers-header"><h2 class="mb0" data-answercount="3">3 Answers</h2>
<div>Sorted by: <span>Highest score (default)</span></div></div>
{answers}
</div>
</div>
<div id="sidebar"><div class="s-sidebarwidget"><h4>Linked</h4><ul>{SIDEBAR}</ul></div></div>
</div></div>
<footer id="footer"><p>Site design / logo © 2026 Stack Exchange Inc; user contributions licensed
 under CC BY-SA</p></footer>
</body>
</html>
"""


STORY_TEXT = ("I wrote this after a summer of checking the harbour master's tables against "
              "a pencil and a sheet of harmonic constants. Happy to answer questions about "
              "the arithmetic, which is less scary than it looks.")
HN_COMMENTS = (
    ("quillon", "2026-03-01T08:02:00", 0,
     "The part about the shallow-water constituents is the best explanation I have read. "
     "Most write-ups stop at M2 and S2 and wave their hands at the rest."),
    ("tarn", "2026-03-01T08:30:00", 1,
     "Agreed, though the compound tides only matter in estuaries. On an open coast the "
     "eight main constituents get you within ten centimetres."),
    ("quillon", "2026-03-01T09:12:00", 2,
     "Ten centimetres is a lot when you are crossing a bar in a small boat, though."),
    ("heddle", "2026-03-01T10:47:00", 0,
     "My grandfather did these by hand for the lifeboat station, with a printed table of "
     "the astronomical arguments for each year. I still have his notebooks."),
)


def hn_item() -> str:
    rows = "\n".join(f"""
<tr class="athing comtr" id="{4101 + n}"><td><table border="0"><tr>
<td class="ind" indent="{depth}"><img src="s.gif" height="1" width="{depth * 40}"></td>
<td valign="top" class="votelinks"><center><a id="up_{4101 + n}"
 href="vote?id={4101 + n}&amp;how=up">
<div class="votearrow" title="upvote"></div></a></center></td>
<td class="default"><div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">
<a href="user?id={who}" class="hnuser">{who}</a> <span class="age" title="{iso} 1772352120">
<a href="item?id={4101 + n}">{4 - n} hours ago</a></span> <span id="unv_{4101 + n}"></span>
<span class="navs"> | <a href="#{4102 + n}" class="clicky">next</a>
<a class="togg clicky" href="javascript:void(0)">[–]</a></span></span></div><br>
<div class="comment"><div class="commtext c00">{text}</div>
<div class="reply"><p><font size="1"><u><a
 href="reply?id={4101 + n}&amp;goto=item%3Fid%3D4100">reply</a>
</u></font></p></div></div></td></tr></table></td></tr>""" for n, (who, iso, depth, text)
        in enumerate(HN_COMMENTS))
    return f"""<html lang="en" op="item"><head><meta name="referrer" content="origin">
<title>Computing tide tables by hand | Hacker News</title></head><body><center>
<table id="hnmain" border="0" cellpadding="0" cellspacing="0" width="85%" bgcolor="#f6f6ef">
<tr><td bgcolor="#ff6600"><table border="0" cellpadding="0" cellspacing="0" width="100%"><tr>
<td><a href="https://news.example/"><img src="y18.svg" width="18" height="18"></a></td>
<td><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b>
<a href="newest">new</a> | <a href="front">past</a> | <a href="newcomments">comments</a> |
<a href="ask">ask</a> | <a href="show">show</a> | <a href="jobs">jobs</a> | <a
 href="submit">submit</a>
</span></td><td style="text-align:right;padding-right:4px;"><span class="pagetop">
<a href="login?goto=item%3Fid%3D4100">login</a></span></td></tr></table></td></tr>
<tr id="bigbox"><td>
<table class="fatitem" border="0">
<tr class="athing submission" id="4100"><td align="right" valign="top" class="title">
<span class="rank"></span></td><td valign="top" class="votelinks"><center>
<a id="up_4100" href="vote?id=4100&amp;how=up"><div class="votearrow" title="upvote"></div></a>
</center></td><td class="title"><span class="titleline">
<a href="https://tidewater.example/blog/tide-tables">Computing tide tables by hand</a>
<span class="sitebit comhead"> (<a href="from?site=tidewater.example"><span class="sitestr">
tidewater.example</span></a>)</span></span></td></tr>
<tr><td colspan="2"></td><td class="subtext"><span class="subline">
<span class="score" id="score_4100">212 points</span> by
<a href="user?id=marlinspike" class="hnuser">marlinspike</a>
<span class="age" title="2026-03-01T07:30:00 1772350200"><a href="item?id=4100">5 hours
 ago</a></span>
<span id="unv_4100"></span> | <a href="hide?id=4100&amp;goto=item%3Fid%3D4100">hide</a> |
<a href="item?id=4100">4&nbsp;comments</a></span></td></tr>
<tr><td colspan="2"></td><td><div class="toptext">{STORY_TEXT}</div></td></tr>
</table><br><br>
<table border="0" class="comment-tree">
{rows}
</table>
<br><br></td></tr>
<tr><td><img src="s.gif" height="10" width="0"><table width="100%" cellspacing="0" cellpadding="1">
<tr><td bgcolor="#ff6600"></td></tr></table><br><center><span class="yclinks">
<a href="newsguidelines.html">Guidelines</a> | <a href="newsfaq.html">FAQ</a> |
<a href="lists">Lists</a> | <a href="security.html">Security</a> | <a href="/legal">Legal</a>
</span></center></td></tr>
</table></center></body></html>
"""


REDDIT_POST = ("I baked my first loaf with nothing but rye flour, water, salt and a starter. "
               "The crust is lovely but the crumb is dense and gummy near the bottom. Recipe "
               "and bake times below; what should I change first?")
# (author, minutes after the post, depth, text)
REDDIT_COMMENTS = (
    ("crumbshot", 40, 0, "Rye needs a much longer bake than wheat at a lower temperature. "
     "Try two hours at 200 and let it rest for a day before you cut it."),
    ("fennel_and_rye", 65, 1, "A whole day? I cut it after an hour, which explains a lot. "
     "Will try that this weekend."),
    ("crumbshot", 80, 2, "Yes, a whole day. The crumb sets as it cools, so patience is "
     "most of the recipe with rye."),
    ("levain_larry", 95, 0, "Your hydration looks high for a first loaf too. Take it down "
     "to eighty percent and it will be much easier to handle."),
)


def _reddit_tagline(who: str, minutes: int) -> str:
    iso = f"2026-03-01T{7 + (30 + minutes) // 60:02d}:{(30 + minutes) % 60:02d}:00+00:00"
    return (f'<a href="https://www.reddit.example/user/{who}" class="author may-blank">{who}</a>'
            '<span class="userattrs"></span> '
            '<span class="score unvoted" title="12">12 points</span> '
            f'<time title="{iso}" datetime="{iso}" class="live-timestamp">'
            f'{minutes} minutes ago</time>')


def _reddit_comment(index: int) -> str:
    who, minutes, depth, text = REDDIT_COMMENTS[index]
    children = []
    for later in range(index + 1, len(REDDIT_COMMENTS)):
        if REDDIT_COMMENTS[later][2] <= depth:
            break
        if REDDIT_COMMENTS[later][2] == depth + 1:
            children.append(_reddit_comment(later))
    return f"""
<div class=" thing id-t1_c{index} noncollapsed comment" data-author="{who}" data-type="comment"
 id="thing_t1_c{index}">
<div class="midcol unvoted"><div class="arrow up" role="button" aria-label="upvote"></div>
<div class="arrow down" role="button" aria-label="downvote"></div></div>
<div class="entry unvoted">
<p class="tagline"><a href="javascript:void(0)"
 class="expand">[–]</a>{_reddit_tagline(who, minutes)}</p>
<form action="#" class="usertext warn-on-unload"><div class="usertext-body may-blank-within
 md-container">
<div class="md"><p>{text}</p></div></div></form>
<ul class="flat-list buttons"><li class="first"><a href="/r/Breadit/comments/9zq1/_/c{index}/"
 class="bylink">permalink</a></li><li><a href="javascript:void(0)">embed</a></li>
<li><a href="#">save</a></li><li><a href="javascript:void(0)">report</a></li>
<li class="reply-button"><a href="javascript:void(0)">reply</a></li></ul>
</div>
<div class="child"><div class="sitetable listing">{"".join(children)}</div></div>
</div>"""


def reddit_thread() -> str:
    top = "".join(_reddit_comment(i) for i, c in enumerate(REDDIT_COMMENTS) if c[2] == 0)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>My first 100% rye loaf — why is the crumb gummy? : Breadit</title></head>
<body class="listing-page comments-page">
<div id="header" role="banner"><a href="/" id="header-img">reddit.example</a>
<span class="pagename"><a href="/r/Breadit/">Breadit</a></span></div>
<div class="side"><div class="spacer"><div class="titlebox"><h1><a
 href="/r/Breadit/">Breadit</a></h1>
<p>A community for bakers of bread, from first loaf to
 fortieth.</p><ul>{SIDEBAR}</ul></div></div></div>
<div class="content" role="main">
<div class="sitetable linklisting" id="siteTable">
<div class=" thing id-t3_9zq1 self link" data-author="fennel_and_rye" data-type="link"
 id="thing_t3_9zq1">
<div class="midcol unvoted"><div class="arrow up" role="button" aria-label="upvote"></div>
<div class="score unvoted" title="187">187</div></div>
<div class="entry unvoted"><div class="top-matter"><p class="title"><a class="title may-blank"
 href="/r/Breadit/comments/9zq1/my_first_100_rye_loaf/">My first 100% rye loaf — why is the crumb
 gummy?</a></p>
<p class="tagline">submitted <time title="Sun Mar 1 07:30:00 2026 UTC"
 datetime="2026-03-01T07:30:00+00:00"
 class="live-timestamp">5 hours ago</time> by <a
 href="https://www.reddit.example/user/fennel_and_rye"
 class="author may-blank">fennel_and_rye</a> to <a href="/r/Breadit/"
 class="subreddit">r/Breadit</a></p>
<ul class="flat-list buttons"><li class="first"><a href="#" class="bylink comments">4
 comments</a></li>
<li class="share"><a href="javascript:void(0)">share</a></li><li><a href="#">save</a></li>
<li><a href="#">hide</a></li><li><a href="javascript:void(0)">report</a></li></ul></div>
<div class="expando"><form action="#" class="usertext warn-on-unload">
<div class="usertext-body may-blank-within md-container"><div
 class="md"><p>{REDDIT_POST}</p></div></div>
</form></div>
</div></div>
</div>
<div class="commentarea">
<div class="panestack-title"><span class="title">all 4 comments</span></div>
<div class="sitetable nestedlisting" id="siteTable_t3_9zq1">{top}</div>
</div>
</div>
<div class="footer-parent"><div class="footer"><p>Use of this site constitutes acceptance of our
 User Agreement and Privacy Policy.</p></div></div>
</body></html>
"""


TOOT = ("Spring tide this morning, and the godwits came in with it: three hundred at least on "
        "the saltmarsh edge, a few already in their brick-red breeding colours. #birding")
TOOT_REPLIES = (
    ("Plover", "plover@other.example", "2026-03-01T08:02:00.000Z",
     "Lovely! Were they bar-tailed or black-tailed? The red ones here are all bar-tailed."),
    ("Kittiwake", "kitti@social.example", "2026-03-01T08:40:00.000Z",
     "Bar-tailed, I think: the bills were slightly upturned. I will go back at the next "
     "high tide with the scope."),
)


def mastodon_post() -> str:
    ld = {"@context": "https://schema.org", "@type": "SocialMediaPosting",
          "author": {"@type": "Person", "name": "Tern Halloway"},
          "datePublished": "2026-03-01T07:30:00Z", "articleBody": TOOT}
    replies = "\n".join(f"""
<div class="entry h-cite u-comment">
<div class="status">
<div class="status__info"><a class="status__relative-time u-url u-uid"
 href="https://social.example/@tern/1101/{n}"><time class="time-ago" datetime="{iso}"
 title="{iso[:10]}">{iso[:10]}</time></a>
<a class="status__display-name u-url" href="https://{acct.split('@')[1]}/@{acct.split('@')[0]}">
<div class="status__avatar"><img class="u-photo account__avatar" src="/avatars/{n}.png"
 alt=""></div>
<span class="display-name"><bdi><strong class="display-name__html p-name
 emojify">{name}</strong></bdi>
<span class="display-name__account">@{acct}</span></span></a></div>
<div class="status__content emojify"><div class="e-content" lang="en"><p>{text}</p></div></div>
<div class="status__action-bar"><a class="status__action-bar-button" href="/interact/{n}">Reply</a>
<a class="status__action-bar-button" href="/interact/{n}?type=reblog">Boost</a>
<a class="status__action-bar-button" href="/interact/{n}?type=favourite">Favourite</a></div>
</div>
</div>""" for n, (name, acct, iso, text) in enumerate(TOOT_REPLIES, start=1))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Tern Halloway: "Spring tide this morning, and the godwits…" - Social Example</title>
<script type="application/ld+json">{json.dumps(ld)}</script></head>
<body class="with-modals">
<div class="public-layout">
<div class="container"><nav class="header"><a class="brand" href="/">Social Example</a>
<a class="nav-link" href="/explore">Explore</a><a class="nav-link" href="/about">About</a>
<a class="nav-button" href="/auth/sign_in">Log in</a></nav></div>
<div class="container"><div class="grid">
<div class="column-0"><div class="activity-stream activity-stream--headless">
<div class="entry entry-center h-entry">
<div class="detailed-status detailed-status--flex">
<div class="p-author h-card">
<a class="detailed-status__display-name u-url" href="https://social.example/@tern">
<div class="detailed-status__display-avatar"><img alt="" class="account__avatar u-photo"
 src="/avatars/tern.png"></div><span class="display-name"><bdi>
<strong class="display-name__html p-name emojify">Tern Halloway</strong></bdi>
<span class="display-name__account">@tern@social.example</span></span></a></div>
<div class="status__content emojify"><div class="e-content" lang="en"><p>{TOOT}</p></div></div>
<div class="detailed-status__meta"><data class="dt-published"
 value="2026-03-01T07:30:00+00:00"></data>
<a class="detailed-status__datetime u-url u-uid" href="https://social.example/@tern/1101">
<time class="formatted" datetime="2026-03-01T07:30:00.000Z" title="Mar 1, 2026">Mar 1,
 2026</time></a>
· <span class="detailed-status__link"><span class="detailed-status__reblogs">12</span> boosts</span>
· <span class="detailed-status__link"><span class="detailed-status__favorites">48</span> favourites
</span></div>
</div>
</div>
{replies}
</div></div>
<div class="column-1"><div class="public-account-bio"><p>Birds, tides and the occasional
 lighthouse. Posting from the east coast since 2019.</p></div></div>
</div></div>
</div>
</body></html>
"""
