"""The learned block classifier (clipper.extract.learned): the shipped model loads, the
features of a page's blocks are general and the same on every run, and at the article's
end a run of blocks the model calls furniture (a list of tag links after the last
paragraph, which no hand rule cuts: the edge rules never cut a list) leaves the clip.

A small page written for the purpose: a town newspaper's report on its harbour library.
"""

from __future__ import annotations

import json
from importlib import resources

import lxml.html
import pytest

import clipper.extract as extract_module
from clipper.extract import edges, extract, learned
from clipper.extract.blocks import classify_blocks, page_blocks

PARAGRAPHS = [
    "The council voted on Tuesday evening to keep the harbour library open for another five "
    "years, after a petition signed by more than two thousand residents was handed in at the "
    "town hall, and after two hours of debate in which almost every member spoke.",
    "The building, a former customs house, needs a new roof and better heating, and the "
    "repairs will be paid for partly from the harbour fund and partly by a grant from the "
    "county that was promised last spring but has not yet been paid.",
    "Librarians said that visits had risen every year since the reading room was opened in "
    "the evenings, especially among students who have no quiet place to work at home, and "
    "among older readers who come for the newspapers and the warm room.",
    "A public meeting about the plans will be held in the library itself next month, and "
    "residents are invited to bring their suggestions for the new opening hours, which the "
    "council hopes to agree before the summer holidays begin.",
]
TAGS = ("<p>Tags:</p><ul><li><a href=\"/tag/council\">Council</a></li>"
        "<li><a href=\"/tag/library\">Library</a></li>"
        "<li><a href=\"/tag/harbour\">Harbour</a></li></ul>")
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour library stays open</title></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Harbour library stays open</h1>
{paragraphs}
{tail}
</article></main>
<footer><p>Harbour Gazette</p></footer></body></html>
"""
URL = "https://gazette.example/news/library"


def _page(tail: str = TAGS) -> str:
    return PAGE.format(paragraphs="\n".join(f"<p>{p}</p>" for p in PARAGRAPHS), tail=tail)


def _article() -> lxml.html.HtmlElement:
    return lxml.html.fromstring(_page()).find(".//article")


def test_the_shipped_model_loads_with_its_threshold() -> None:
    model = learned.load_model()
    assert model is not None
    data = json.loads(resources.files("clipper.extract").joinpath("data")
                      .joinpath(learned.MODEL_FILE).read_text("utf-8"))
    assert len(model.trees) == len(data["trees"]) > 10
    assert 0.5 <= model.threshold < 1
    assert all(name in model.features for tree in data["trees"][:1]
               for node in tree if len(node) > 1 for name in [data["features"][node[0]]])


def test_block_features_are_general_and_the_same_on_every_run() -> None:
    article = _article()
    blocks = page_blocks(article)
    stop = classify_blocks(blocks, "en")
    first = learned.block_features(blocks, stop, article)
    again = learned.block_features(blocks, classify_blocks(page_blocks(article), "en"), article)
    assert first == again
    texts = [b.text for b in blocks]
    prose = first[texts.index(PARAGRAPHS[1])]
    tag = first[texts.index("Library")]
    assert prose["stop"] > 0.3
    assert prose["link"] == 0
    assert prose["end"] == 1
    assert tag["link"] == 1
    assert tag["in_list"] == 1
    assert tag["post_good"] == 1
    assert prose["pos"] < tag["pos"]
    assert tag["after"] < prose["after"]
    model = learned.load_model()
    assert model is not None
    assert model.probability(prose) < 0.1
    assert model.probability(tag) >= model.threshold
    assert [model.probability(f) for f in first] == [model.probability(f) for f in again]


def test_a_hashed_class_word_reaches_a_bucket() -> None:
    el = lxml.html.fromstring(
        '<article class="story"><div class="postTags"><p id="x">Council</p></div></article>')
    words = learned._attribute_words(el.find(".//p"), el)
    assert words == {"post", "tags", "x"}  # the article's own class is not the block's
    assert learned._bucket("tags") == learned._bucket("tags")
    assert learned._bucket("tags").startswith("w")


def test_a_tag_list_after_the_last_paragraph_leaves_the_clip() -> None:
    md = extract(_page(), URL).markdown
    for paragraph in PARAGRAPHS:
        assert paragraph[:60] in md
    assert "tag/library" not in md
    assert "Council](" not in md


def test_without_the_model_the_tag_list_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    """The behaviour is the model's: with only the hand rules the list stays."""
    rules_only = edges.trim_edges

    def trim(article: lxml.html.HtmlElement, lang: str | None, *, skip: bool = False,
             page_url: str | None = None) -> None:
        rules_only(article, lang, skip=skip, learned=False, page_url=page_url)

    monkeypatch.setattr(extract_module, "trim_edges", trim)
    md = extract(_page(), URL).markdown
    assert "tag/library" in md


def test_a_closing_list_of_the_writer_stays() -> None:
    """A list of steps with prose words is the writer's, not furniture."""
    steps = ("<ul><li>Bring a written suggestion for the opening hours to the meeting, "
             "signed with your name and street.</li>"
             "<li>Ask at the desk for the form if you cannot come on the evening itself.</li></ul>")
    md = extract(_page(steps), URL).markdown
    assert "Bring a written suggestion" in md
    assert "Ask at the desk" in md


def test_a_closing_list_of_links_to_other_sites_stays() -> None:
    """The writer's further reading on other sites is no tag list: the cut ends there."""
    sources = ("<p>Sources:</p><ul><li><a href=\"https://county.example/grants\">County</a></li>"
               "<li><a href=\"https://archive.example/customs-house\">Archive</a></li>"
               "<li><a href=\"https://libraries.example/report\">Report</a></li></ul>")
    md = extract(_page(TAGS.replace("/tag/", "https://county.example/tag/")), URL).markdown
    assert "county.example/tag/library" in md
    md = extract(_page(sources), URL).markdown
    assert "archive.example/customs-house" in md
