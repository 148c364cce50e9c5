"""Audit of issue 10 item 2 on a Mastodon post page: the detailed post's author link holds
the display name and the account as inline spans with no space between them (the page's
CSS shows them apart). The author line must not read 'Jun Park@jun@toot.example'."""

from __future__ import annotations

from clipper.extract import extract

URL = "https://toot.example/@jun/112233"


def _reply(sid: int, name: str, user: str, host: str, when: str, text: str) -> str:
    return (
        f'<div class="status__wrapper" data-id="{sid}"><div class="status"><a class="status__'
        f'display-name" href="https://{host}/@{user}"><strong class="display-name__html">{name}'
        f'</strong> <span class="display-name__account">@{user}@{host}</span></a><a class="'
        f'status__relative-time" href="https://{host}/@{user}/{sid}"><time datetime="{when}">'
        f'{when[:10]}</time></a><div class="status__content"><div class="status__content__text">'
        f'<p>{text}</p></div></div><div class="status__action-bar"><button aria-label="Reply">'
        'Reply</button><button aria-label="Boost">Boost</button></div></div></div>')


PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Jun Park: "The '
    'night train to Vienna is back…" - toot.example</title><meta property="og:title" '
    'content="Jun Park (@jun@toot.example)"><script type="application/ld+json">{"@context":'
    '"https://schema.org","@type":"SocialMediaPosting","author":{"@type":"Person","name":'
    '"Jun Park","url":"https://toot.example/@jun"},"datePublished":"2024-02-11T19:05:00Z"}'
    '</script></head><body><div class="columns-area"><div '
    'class="column" role="region" aria-label="Post"><div class="detailed-status__wrapper">'
    '<div class="detailed-status" data-id="112233"><a class="detailed-status__display-name" '
    'href="https://toot.example/@jun"><span class="display-name"><bdi><strong class="display-'
    'name__html">Jun Park</strong></bdi><span class="display-name__account">@jun@toot.example'
    '</span></span></a><div class="status__content"><div class="status__content__text" '
    'lang="en"><p>The night train to Vienna is back on the timetable from March. Sleeper '
    'cabins for four, a small breakfast, and you arrive before the shops open.</p><p>Booking '
    'opens six weeks ahead; the couchettes sell out first.</p></div></div><div class="'
    'detailed-status__meta"><a class="detailed-status__datetime" href="https://toot.example/'
    '@jun/112233"><time datetime="2024-02-11T19:05:00Z">Feb 11, 2024, 19:05</time></a> · '
    '<span>58 boosts</span></div></div></div>'
    + _reply(112240, "Rosa M", "rosa", "rail.example", "2024-02-11T19:30:00Z",
             "Is there a bike space on it? That is what kept me off the old one for years.")
    + _reply(112251, "Jun Park", "jun", "toot.example", "2024-02-11T19:48:00Z",
             "Yes, six bike hooks in the last car. They have to be booked with the ticket.")
    + '</div></div></body></html>')


def test_a_display_name_and_its_account_are_apart() -> None:
    md = extract(PAGE, URL).markdown
    assert "Jun Park@jun" not in md
    assert md.startswith("**Jun Park @jun@toot.example**")
    assert "the couchettes sell out first" in md
    assert "**Rosa M @rosa@rail.example**" in md
