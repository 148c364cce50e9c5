"""Review RV10 of the audit's span-timed threads: an event page whose event is set in the
same markup as the 'more events' listed under it (a date span and a '19:30' time span per
event, an organiser link) is no discussion. Its short clip must stay the event, not
become a thread of the event and every other event on the programme."""

from __future__ import annotations

from clipper.extract import extract

URL = "https://blueroom.example/events/jazz-night-1"


def _event(day: int, body: str) -> str:
    return (
        f'<div class="event"><h3>Jazz night {day}</h3><span class="event-date">2024-04-{day:02d}'
        '</span> <span class="event-time">19:30</span> <a class="organizer" href="/user/blueroom">'
        f'Blue Room</a><div class="event-body">{body}</div></div>')


PAGE = (
    '<html><head><title>Jazz night: Lena Berg Quartet - Blue Room</title></head><body><header>'
    '<nav><a href="/">Home</a> <a href="/events">Events</a></nav></header><main>'
    + _event(11, "<p>The Lena Berg Quartet plays standards and a few of Berg's own tunes. "
                 "Doors open at 18:30, the first set starts at 19:30, the second at 21:00.</p>"
                 "<p>Tickets 15 at the door, members free.</p>")
    + '<section class="more"><h2>More events</h2>'
    + "".join(_event(day, f"<p>Another evening of music at the Blue Room, guests on the {day}th."
                          "</p>") for day in range(12, 16))
    + '</section></main></body></html>')


def test_an_event_page_with_more_events_is_no_thread() -> None:
    md = extract(PAGE, URL).markdown
    assert "Tickets 15 at the door" in md
    assert "Another evening of music" not in md
    assert "**Blue Room**" not in md


def _listed(day: int, body: str) -> str:
    return (
        f'<div class="event"><h3>Night {day}</h3><span class="event-date">2024-04-{day:02d}</span>'
        f' <a class="organizer" href="/user/org{day}">Organiser {day}</a><div class="event-body">'
        f'{body}</div></div>')


LISTING = (
    '<html><head><title>Jazz night - Blue Room</title></head><body><main>'
    + _listed(11, "<p>The Lena Berg Quartet plays standards and a few of Berg's own tunes. "
                  "Doors open at 18:30, the first set starts at 19:30.</p><p>Tickets 15 at the "
                  "door, members free.</p>")
    + '<section class="more"><h2>More events</h2>'
    + "".join(_listed(day, f"<p>Another evening of music, guests on the {day}th.</p>")
              for day in range(12, 16))
    + '</section></main></body></html>')


def test_dated_events_by_other_organisers_are_no_thread() -> None:
    """Dates written as ISO text (no title, no 'ago') under other organisers' names."""
    md = extract(LISTING, URL).markdown
    assert "Tickets 15 at the door" in md
    assert "Another evening of music" not in md
