"""Real pages: the project's reference page and vendored Readability.js corpus pages.

Each page lists sentences the clip must keep (from the start, the middle and the end of
the article) and page furniture it must drop, asserted on the Markdown.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clipper.extract import extract

DATA = Path(__file__).resolve().parent.parent / "data"
VENDORED = DATA / "readability"
CORPUS_URL = "http://fakehost/test/page.html"


def test_reference_page() -> None:
    expect = json.loads((DATA / "devdiscourse-russia-afghan.expect.json").read_text("utf-8"))
    html = (DATA / "devdiscourse-russia-afghan.html").read_bytes()
    a = extract(html, expect["url"])
    for sentence in expect["must_contain"]:
        assert sentence in a.markdown
    for chrome in expect["must_not_contain"]:
        assert chrome not in a.markdown, chrome
    assert a.title == expect["title"]
    assert a.byline == expect["byline"]
    assert a.site_name == expect["site_name"]
    assert a.published == expect["published"]
    assert a.lang == expect["lang"]
    assert a.kept_lines
    assert a.excerpt


GOLDEN: dict[str, tuple[list[str], list[str]]] = {
    "social-buttons": (
        ["Lorem ipsum dolor sit amet, consectetur adipisicing elit"],
        ["Like this:", "Loading...", "Share this:"],
    ),
    "remove-aria-hidden": (
        ["Ut enim ad minim veniam, quis nostrud exercitation ullamco"],
        ["Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua. Ut enim"],  # the aria-hidden copy
    ),
    "replace-brs": (
        ["Lorem ipsum", "proident, sunt in culpa qui officia deserunt mollit anim id est laborum."],
        [],
    ),
    "keep-tabular-data": (
        ["This week was the time to close and finish all the things that will go to 0.17",
         "As always, let us know what you think on our"],
        ["Starter Page", "Press and Youtube", "Copyright © 2015 - 2019 Wube Software",
         "Terms of Service"],
    ),
    "v8-blog": (
        ["Emscripten has always focused first and foremost on compiling to the Web",
         "emcc -O3 add.c -o add.wasm"],
        ["Show navigation", "Retweet this article!", "Edit this page on GitHub"],
    ),
    "medium-2": (
        ["You either are a “literally” abuser or know of one.",
         "Matthew Inman of “The Oatmeal” wrote a comic about literally."],
        ["Sign in / Sign up", "Ready to publish?", "4 min read"],
    ),
    "ars-1": (
        ["Two-year-old bug exposes thousands of servers to crippling attack.",
         "Ars is asking Mojang for comment and will update this post if company officials"],
        ["Skip to main content", "Advertise with Ars", "Staff Directory",
         "Sign up or login to join the discussions!", "reader comments"],
    ),
    "herald-sun-1": (
        ["A new Bill would require telecommunications service providers to store",
         # the end of the text; the columnist's one-line bio after it goes with the
         # template's furniture (clipper.extract.edges)
         "Memories of the grief Conroy brought down on his head would undoubtedly make"],
        ["Breaking News", "Barefoot Investor", "Login with Facebook", "Horoscopes"],
    ),
    "lemonde-1": (
        ["Les députés ont, sans surprise, adopté à une large majorité",
         "La loi prévoit également une forme de protection pour les agents"],
        ["S'abonner au Monde", "Boutique Le Monde", "Annonces immo", "Suivre le Monde sur Twitter"],
    ),
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_corpus_page(name: str) -> None:
    folder = VENDORED / name
    html = (folder / "source.html").read_text(encoding="utf-8")
    expected = json.loads((folder / "expected-metadata.json").read_text("utf-8"))
    a = extract(html, CORPUS_URL)
    keep, drop = GOLDEN[name]
    for text in keep:
        assert text in a.markdown, text
    for text in drop:
        assert text not in a.markdown, text
    assert a.title
    assert expected["title"]  # the metadata tests check the values
    headings = [line.lstrip("#").strip() for line in a.markdown.splitlines()
                if line.startswith("#")]
    assert a.title not in headings  # the clip writes "# Title" itself
