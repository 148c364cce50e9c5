"""Pages the tests load: the reference page, and small realistic article pages made on the
spot."""

from __future__ import annotations

import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
REFERENCE = DATA / "devdiscourse-russia-afghan.html"

_SENTENCES = [
    "The council met on Tuesday evening to discuss the new budget for the harbour district.",
    "Several residents asked why the ferry timetable had changed without any public notice.",
    "Officials said the repairs to the old pier would take at least another eighteen months.",
    "A local historian pointed out that the pier was first built in 1887 by a fishing guild.",
    "Shop owners along the quay reported fewer visitors since the main road was closed.",
    "The mayor promised a written answer to every question raised during the meeting.",
    "Engineers have found that the wooden piles are in better shape than first feared.",
    "A petition asking for a temporary footbridge has gathered more than two thousand names.",
    "The next public session is planned for early spring, once the survey has been published.",
]


def article_page(title: str, paragraphs: int = 8) -> str:
    """A small but realistic article page (distinct sentences, some boilerplate around it)."""
    body = "".join(
        f"<p>{title} — part {i + 1}. " + " ".join(_SENTENCES[(i + k) % len(_SENTENCES)]
                                                  for k in range(3)) + "</p>"
        for i in range(paragraphs))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            "<footer>Copyright 2024 The Harbour Gazette</footer></body></html>")

def distinct_page(title: str) -> str:
    """An article page whose text shares no sentences with another title's (no duplicate)."""
    rng = random.Random(title)
    words = ["harbour", "ferry", "council", "pier", "budget", "engineer", "survey", "tide",
             "quay", "mayor", "petition", "timber", "storm", "visitor", "market", "bridge"]
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(words) for _ in range(40)).capitalize() + ".</p>"
        for _ in range(6))
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{paragraphs}</article></body></html>")
