"""Short articles whose clip could run into the page around them.

A post of a few sentences is shorter than the widgets beside it. Small pages written
for the purpose: a photo blog's one-paragraph post with the "About me" box in a left
sidebar that comes first in the source, a hockey blog's two-paragraph post whose
looser retry takes the wrapper with the sidebar's blogrolls and tag lines, a deals
post whose links weigh as much as its text, and a news brief between two carousels of
teasers whose summaries read as prose.
"""

from __future__ import annotations

from clipper.extract import extract

PHOTO_POST = ("No matter how long I look at this, I still cannot believe it is a drawing in "
              "graphite on plain paper. Every reflection on the glass was done by hand, and "
              "the artist says the bottle alone took three weeks of evenings. More of her "
              "work is on her own site, with a video of the drawing taking shape.")

ABOUT = ("I started this blog in 2008 to share the things that people make in their sheds, "
         "garages and kitchens: furniture, prints, guitars, quilts and the odd robot. Makers "
         "of all kinds are welcome here, and so are their questions, their failures and their "
         "half-finished projects. I post most days, usually in the early morning before work, "
         "and I answer every email, even if it sometimes takes a week or two. If you have made "
         "something you are proud of, send me a photo and a few lines about how you did it, "
         "and it may well turn up here. Thanks for dropping by, and happy making!")

LEFT_SIDEBAR_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not a photograph | Shed Makers</title></head>
<body><div id="outer">
<div id="header"><h1><a href="/">Shed Makers</a></h1></div>
<div id="left-sidebar"><div class="widget profile"><h2>About me</h2>
<p>{ABOUT}</p><p><a href="/profile">View my complete profile</a></p></div>
<div class="widget archive"><h2>Archive</h2><ul><li><a href="/2024/11">November</a></li>
<li><a href="/2024/10">October</a></li></ul></div></div>
<div id="main"><div class="post"><h3 class="post-title">Not a photograph</h3>
<div class="post-body"><p>{PHOTO_POST}</p></div>
<p class="post-footer">Posted by Paul at 9:14 AM</p></div></div>
<div id="footer"><p>Shed Makers, since 2008.</p></div>
</div></body></html>
"""


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_short_post_is_kept_over_a_profile_box_in_a_left_sidebar() -> None:
    """The profile box comes first in the source, but it sits in the sidebar: the retry
    that finds it has not found the article."""
    markdown = extract(LEFT_SIDEBAR_PAGE, "https://shedmakers.example/2024/11/drawing").markdown
    assert PHOTO_POST in _flat(markdown), markdown
    assert "started this blog" not in markdown


POST = ("Here is a quick idea on the no-trade clause. Rather than dropping it altogether, "
        "limit any no-trade clause to five years, or two thirds of the contract, whichever "
        "is shorter. It could also shorten contracts without any new rule about their length.")
POST2 = "Just a thought, before the owners and the players meet again next week."
BLOGS = ["Off the Post", "Blue Line Notes", "Crease Talk", "The Fourth Line", "Icing Call",
         "Zamboni Hours", "Top Shelf", "Five Hole", "Two Minutes", "Power Play Daily"]

ABOUT_BLOG = ("Rink Notes is one fan's notes on the league since 2006: the trades, the "
              "contracts and the draft, written on the train home from the rink. I have "
              "followed the Avalanche since they came to Denver, and I still have the ticket "
              "stub from the first game they played there.")


def _blog_page(about: str = "") -> str:
    roll = "".join(f'<li><a href="https://{b.lower().replace(" ", "")}.example/">{b}</a></li>'
                   for b in BLOGS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>No trade idea | Rink Notes</title></head>
<body><div id="page"><div id="header"><a href="/">Rink Notes</a></div>
<div id="content-wrap">
<div class="post"><h2>No trade idea</h2><p class="date">July 18, 2024 by James</p>
<div class="entry"><p>{POST}</p><p>{POST2}</p></div></div>
<div class="sidebar">{f"<h4>About</h4><p>{about}</p>" if about else ""}
<div class="widget"><p>Topics: trades, contracts, draft, goalies, coaches, rinks, refs.</p></div>
<div class="widget"><p>Teams: Avs, Wild, Jets, Stars, Blues, Preds, Hawks, Coyotes.</p></div>
<div class="widget"><p>Podcasts: Monday, Wednesday, Friday, Sunday, and after trades.</p></div>
<h4>The Rink Podcast</h4>
<p><a href="https://podcast.example/">Hockey talk, without the entitlement.</a></p>
<h4>Hockey blogs</h4><ul>{roll}</ul>
<h4>Blogroll</h4><ul>{roll}</ul>
<h4>Archives</h4>
<ul><li><a href="/2024/07">July 2024</a></li><li><a href="/2024/06">June 2024</a></li></ul>
</div></div>
<div id="footer"><p>Rink Notes, since 2006.</p></div>
</div></body></html>
"""


def test_short_post_is_kept_without_the_blogrolls_a_looser_retry_adds() -> None:
    """Without class names the wrapper around the post and the sidebar wins; it holds the
    post, but what it adds is link lists and short lines, not prose: the post stays alone."""
    markdown = extract(_blog_page(), "https://rinknotes.example/2024/07/no-trade").markdown
    assert POST in _flat(markdown), markdown
    assert POST2 in markdown
    assert "Blogroll" not in markdown
    assert "Zamboni" not in markdown
    assert "Podcasts:" not in markdown


def test_an_about_blurb_in_the_sidebar_is_no_prose_the_post_adds() -> None:
    """The wrapper holds a blurb of prose too, but in the part the strict rules struck out
    by its name (the sidebar): it is not the article's."""
    markdown = extract(_blog_page(ABOUT_BLOG), "https://rinknotes.example/2024/07/no-trade").markdown
    assert POST in _flat(markdown), markdown
    assert "ticket stub" not in markdown
    assert "Blogroll" not in markdown


LINES = ["Today we launched something big, serious and sober.",
         "Yesterday we launched something small, silly and loud.",
         "I am very grateful to work with such thoughtful, talented and hardworking people, "
         "and for such a fine balance of the important and the silly.",
         "Back to the allotment tomorrow."]

TRACKBACK = ('<div class="trackbacks"><h3>TrackBack</h3><p>TrackBack URL for this entry: '
             "https://www.blogs.example/services/trackback/6a00d8341c6b5453ef017d3cc47a41970c</p>"
             "<p>Listed below are links to weblogs that reference this post:</p></div>")


def test_a_post_of_short_lines_is_measured_by_its_whole_text() -> None:
    """Most lines of the post are too short for prose by jusText's measures; what the looser
    retry adds (the TrackBack box) is weighed against the whole post, not against its one
    long line."""
    html = _blog_page().replace(f"<p>{POST}</p><p>{POST2}</p>",
                                "".join(f"<p>{line}</p>" for line in LINES))
    html = html.replace('<div class="sidebar">', TRACKBACK + '<div class="sidebar">')
    markdown = extract(html, "https://rinknotes.example/2024/07/good-days").markdown
    assert LINES[2] in _flat(markdown), markdown
    assert "TrackBack" not in markdown


DEAL = ("For the first time the new 35-100mm lens is in stock in the US, at "
        '<a href="https://shop.example/lens">Norman Camera on Amazon (click here)</a>. Only two '
        "are left, and the next delivery is not expected before December. In Germany it has "
        'been in stock for days at '
        '<a href="https://technik.example/lens">Technik Direkt</a>.')
DEAL2 = ('P.S.: a long list of E-PM2 bodies is sold by <a href="https://cameta.example/">Cameta '
         'on Amazon</a> and on <a href="https://ebay.example/epm2">eBay (here)</a>.')
DISCLAIMER = ("Disclaimer: this site has no affiliation with any of the makers of the cameras it "
              "writes about. Please visit their own websites for the official word. Every "
              "trademark and brand belongs to its owner. You may not copy more than twenty words "
              "of any post, and you have to name the source with a working link when you do; "
              "pictures may be used only when you have asked first and been told yes.")

def _deal_page() -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Lens in stock | Lens Rumours</title></head>
<body><div id="header"><a href="/">Lens Rumours</a></div>
<div id="container"><div class="post">
<p class="date">October 30, 2024 Posted in <a href="/c/deals">deals</a></p>
<div class="padder"><h1>Lens in stock</h1><p>{DEAL}</p><p>{DEAL2}</p></div>
</div></div>
<div id="sidebar"><div class="widget"><p>{DISCLAIMER}</p></div></div>
</body></html>
"""


def test_a_short_post_heavy_with_links_is_not_cleaned_away_whole() -> None:
    """Every sentence of the deal links to a shop: the container holding the whole post is
    "mostly links" by Readability's numbers. Dropped, it would leave the date line, and the
    retry would take the sidebar's disclaimer."""
    markdown = extract(_deal_page(), "https://lensrumours.example/2024/10/lens-in-stock").markdown
    assert "is in stock in the US" in markdown, markdown
    assert "Cameta on Amazon" in markdown
    assert "Disclaimer" not in markdown


STORY = [
    "The payments business has laid off 325 employees, and is ending contracts with another "
    "120 contractors, as it reshapes the way it builds its products.",
    "The company expects a fourth-quarter charge of $15 million for the cuts, which fall mostly "
    "on its product and technology teams in San Jose and in Austin.",
    "Executives said earlier this month that they planned to streamline the business, but did "
    "not say at the time whether that would mean layoffs.",
    "The payments unit posted 23% growth in revenue for the third quarter, to nearly $1.4 "
    "billion, its fastest growth in two years.",
]
TEASERS = [
    ("A tablet that works hard", "Features of the new tablet make it better than others for "
     "the traditional tasks of an office, from spreadsheets to long letters, our reviewer writes."),
    ("Two music players grow up", "Our reviewer looks at the two new versions of the pocket "
     "music player and finds that the smaller one is now the one to buy for most people."),
    ("The new operating system", "A radical overhaul of the venerable operating system, with "
     "tiles instead of windows, is a bold bet that will confuse many of its faithful users."),
    ("Phones for the holidays", "Which of the new phones is worth it this winter? We tried "
     "the five that matter and tell you which one we would pick with our own money."),
    ("A camera in every pocket", "The cameras in phones are now good enough for most of the "
     "pictures that most of us take, and the makers of compact cameras are feeling it."),
    ("Streaming wars", "The video services are spending more than ever on their own shows, "
     "and the bill for it will land on the people who pay for more than one of them."),
    ("Chips get smaller", "The next generation of chips will be made at a scale that the "
     "industry thought impossible only a few years ago, and the first ones ship in spring."),
    ("The quiet keyboard", "A keyboard that makes almost no sound is the best thing we have "
     "typed on this year, and it costs less than the loud ones that gamers seem to love."),
]
KINDS = ("News", "Analysis", "Columns", "Data", "Blogs", "Letters", "Events", "Archive",
         "Graphics", "Newsletters")
MENU = ["World", "Business", "Markets", "Technology", "Personal Finance", "Life and Culture",
        "Opinion", "Careers", "Real Estate", "Small Business", "Video", "Photos", "Podcasts"]

GADGETS = ["tablet", "phone", "laptop", "camera", "watch", "speaker", "router", "e-reader",
           "console", "headset", "monitor", "keyboard"]


def _teasers() -> list[tuple[str, str]]:
    extra = [(f"The {g} we would buy", f"We spent a month with the new {g} from each of the "
              f"big makers, and one of them is clearly better than the rest for the price it "
              f"asks; here is which, and why the others are not far behind it.")
             for g in GADGETS]
    return TEASERS + extra


def _ledger_page() -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    items = [f'<li><a href="/tech/{i}"><b>{t}</b></a> <span class="dek">{s}</span></li>'
             for i, (t, s) in enumerate(_teasers())]
    half = len(items) // 2
    top, more = "".join(items[:half]), "".join(items[half:])
    menu = "".join(f'<li><a href="/{m.lower().replace(" ", "-")}/{k}">{m} {k}</a></li>'
                   for m in MENU for k in KINDS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Payments unit lays off 325</title></head>
<body><div class="masthead-links"><ul>{menu}</ul></div>
<div class="page"><div class="col-main"><ul class="top-stories">{top}</ul>
<p class="section"><a href="/technology">Technology</a></p>
<h1>Payments unit lays off 325</h1>
<div class="story-body">{story}</div>
</div><div class="col-right"><ul class="carousel">{more}</ul>
</div></div>
<footer><p>Copyright 2024 The Daily Ledger. All rights reserved.</p></footer>
</body></html>
"""


def test_a_brief_between_carousels_is_not_swapped_for_the_wrapper_around_them() -> None:
    """The teasers hold most of the page's prose, so the guard's whole-page pass takes the
    wrapper of both carousels; it holds the whole brief the first pass found, which stays."""
    markdown = extract(_ledger_page(), "https://ledger.example/tech/payments-layoffs").markdown
    assert markdown.startswith(STORY[0]), markdown[:300]
    assert STORY[-1] in markdown
    assert "reviewer" not in markdown
    assert "we would buy" not in markdown
