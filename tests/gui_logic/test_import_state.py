"""What the import dialog says, without a window: counts, rate and time left, the outcome."""

from __future__ import annotations

from clipper.gui.import_state import ImportState
from clipper.importers.items import ImportItem
from clipper.importers.run import ItemOutcome, Status


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def running(total: int = 10) -> tuple[ImportState, Clock]:
    clock = Clock()
    state = ImportState(clock=clock)
    state.reading("part_000000.csv", dry_run=False)
    state.read("Pocket", total)
    return state, clock


def done(state: ImportState, status: Status, url: str = "https://a.example/x",
         reason: str = "") -> None:
    state.item_done(ItemOutcome(ImportItem(url), status, reason))


def test_reading_says_so() -> None:
    state = ImportState()
    state.reading("part_000000.csv", dry_run=False)
    assert (state.title(), state.counts()) == ("Reading part_000000.csv…", "Reading the export…")


def test_counts_then_a_rate_and_time_left() -> None:
    state, clock = running()
    done(state, Status.SAVED)
    first = state.counts()
    for _ in range(3):
        done(state, Status.SAVED)
    clock.now = 2.0
    assert (first, state.counts()) == ("1 of 10", "4 of 10 · 2.0 pages/s · about 3 s left")


def test_the_title_names_the_file_and_the_service() -> None:
    state, _clock = running()
    assert state.title() == "Importing part_000000.csv (Pocket)"


def test_the_current_page_by_title_else_address() -> None:
    state, _clock = running()
    state.page_started("", "https://a.example/x")
    by_address = state.current_text()
    state.page_started("A  title", "https://a.example/y")
    assert (by_address, state.current_text()) == ("Now: https://a.example/x", "Now: A title")


def test_failures_so_far() -> None:
    state, _clock = running()
    done(state, Status.FAILED, reason="404")
    done(state, Status.FAILED, reason="410")
    assert state.failures_text() == "2 failures so far"


def test_stopped_says_how_to_continue() -> None:
    state, _clock = running(5)
    done(state, Status.SAVED)
    done(state, Status.IN_LIBRARY)
    state.stopping()
    stopping = state.counts()
    state.ended(cancelled=True)
    assert (stopping, state.title(), state.summary()) == (
        "2 of 5 · stopping after the pages under way…",
        "Import of part_000000.csv (Pocket) stopped",
        "Stopped with 3 of 5 left: 1 new clip, 1 already in the library; "
        "import again to continue.")


def test_finished_summary_and_no_failures() -> None:
    state, _clock = running(2)
    done(state, Status.SAVED)
    done(state, Status.LINK_ONLY)
    state.ended(cancelled=False)
    assert (state.summary(), state.failures_text(), state.saved) == (
        "1 new clip, 1 kept as links.", "No failures", 2)


def test_a_failure_does_not_repeat_its_address() -> None:
    state, _clock = running()
    done(state, Status.FAILED, "https://a.example/x",
         "The server answered 404 Not Found for https://a.example/x. Check the address.")
    assert state.failures[0].reason == "The server answered 404 Not Found. Check the address."
