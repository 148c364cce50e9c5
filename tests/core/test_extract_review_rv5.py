"""Guards from the review of this session's first batch (branches r5-rjs, s6-speed,
t4-traf). Each passes on main and fails once the reviewed commit is merged: a page a person
would clip that the new rule harms, written for the purpose.
"""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

import clipper.extract as extract_module
from clipper.errors import NoArticleError
from clipper.extract import extract

SENTENCE = ("The council met on Tuesday to discuss the harbour plan, which would rebuild the old "
            "stone wall and add a walkway for visitors along the water, paid for by port fees.")
URL = "https://www.townnews.example/2024/05/harbour-plan"


def body(n: int) -> str:
    return "".join(f"<p>{i}. {SENTENCE}</p>" for i in range(n))


def page(inner: str) -> str:
    nav = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8))
    return (f"<html><head><title>Harbour plan</title></head><body><nav><ul>{nav}</ul></nav>"
            f"<main><article><h1>Harbour plan</h1>{inner}</article></main>"
            "<footer><p>© 2024 Town News</p></footer></body></html>")


def test_a_source_link_named_next_generation_stays() -> None:
    """r5-rjs 7fd32f8: "next" + "-" is the start of a compound ("Next-generation …"), not a
    pager's "Next - <title>"; a list of the writer's sources must keep it."""
    sources = ("<p>Further reading on the methods we used:</p><ul>"
               "<li><a href='https://en.wikipedia.org/wiki/DNA_sequencing'>Next-generation "
               "sequencing</a></li><li><a href='https://en.wikipedia.org/wiki/Genome'>"
               "Whole-genome analysis</a></li></ul>")
    md = extract(page(f"{body(4)}{sources}{body(1)}"), URL).markdown
    assert "Whole-genome analysis" in md
    assert "Next-generation sequencing" in md


def test_popup_is_not_read_across_a_names_parts() -> None:
    """r5-rjs 37949a6: "popup" inside one word ("loginPopup") names a dialog; "kpop-updates"
    only spells it across two words (the parts are joined before the test)."""
    box = ("<div class='kpop-updates'><p>Inside the box: the mayor said the walkway opens in "
           "spring, and the stall owners along the quay will get a year without rent.</p></div>")
    md = extract(page(f"{body(4)}{box}{body(2)}"), URL).markdown
    assert "the stall owners along the quay" in md


def test_short_prose_sections_headed_explore_more_stay() -> None:
    """t4-traf 184d08a: "Mehr entdecken" / "Explore more" also head the writer's own last
    sections; a short one of prose (no links) is text, not a call to browse on."""
    sections = ("<section><h2>Mehr entdecken</h2><p>Wer den Hafen zu Fuß erkunden will, "
                "beginnt am besten am alten Zollhaus.</p></section>"
                "<section><h2>Explore more</h2><p>The walk ends at the lighthouse, open on "
                "Sundays.</p></section>")
    md = extract(page(f"{body(3)}{sections}{body(1)}"), URL).markdown
    assert "am alten Zollhaus" in md
    assert "ends at the lighthouse" in md


def test_related_stories_on_the_sites_own_subdomains_go() -> None:
    """t4-traf 8339093: links to "m." or "edition." of the page's own site are its own
    stories, not sources elsewhere: the related box still goes."""
    box = ("<h3>Related stories</h3><ul>"
           "<li><a href='https://m.townnews.example/2024/04/port-fees'>Port fees to rise in "
           "June</a></li><li><a href='https://edition.townnews.example/2024/03/walkway'>"
           "Walkway plan unveiled</a></li></ul>")
    md = extract(page(f"{body(5)}{box}"), URL).markdown
    assert md.count("The council met") == 5
    assert "Port fees to rise" not in md


def test_a_how_to_line_opened_by_header_image_stays() -> None:
    """t4-traf 38a94b9: "Header image:" opens a step of a how-to as well as a credit."""
    steps = ("<p>Header image: upload a wide picture under Appearance, then crop it.</p>"
             "<p>Colours: pick the harbour blue for links and buttons.</p>")
    md = extract(page(f"{body(3)}{steps}{body(2)}"), URL).markdown
    assert "pick the harbour blue" in md
    assert "Header image: upload a wide picture" in md


def test_a_long_extraction_leaves_other_threads_collector_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """s6-speed 8b0c634: the GUI thread's cyclic garbage is collected while a worker's
    extraction takes its time (a slow page, or overlapping clips that never all end):
    the collector is the process's, not the extractor's to switch off."""
    started, release = threading.Event(), threading.Event()

    def slow(html: str | bytes, url: str | None, rules: object) -> object:
        started.set()
        release.wait(10)
        raise NoArticleError("slow page")

    monkeypatch.setattr(extract_module, "_extract", slow)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            extract("<html><body><p>x</p></body></html>", URL)
        except NoArticleError:
            pass
        except BaseException as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert started.wait(10)

        class Node:
            pass

        cycle = Node()
        cycle.self = cycle  # type: ignore[attr-defined]
        alive = weakref.ref(cycle)
        del cycle
        # the GUI thread goes on allocating: the collector's own threshold must set it off
        junk = [[i] for i in range(20 * gc.get_threshold()[0])]
        del junk
        for _ in range(50):
            if alive() is None:
                break
            _ = [[i] for i in range(2 * gc.get_threshold()[0])]
        assert alive() is None, "cyclic garbage outlived the collector's threshold"
    finally:
        release.set()
        thread.join()
    assert not errors
