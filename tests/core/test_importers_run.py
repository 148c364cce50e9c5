"""The import use case against pages served on 127.0.0.1: what a clip carries over, what is
skipped, what fails, retries, politeness and cancel; and the scheduler on a fake clock."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers.httpserver import LoopbackServer, Request
from markdown_it import MarkdownIt

from clipper.importers.items import ImportItem, Quote
from clipper.importers.polite import HostScheduler, retry_after_seconds
from clipper.importers.report import report_csv, write_report
from clipper.importers.run import ImportOptions, ItemOutcome, Status, import_items
from clipper.library import Library, read_clip

FAST = {"delay": 0.0, "download_images": False}


def article(n: int, title: str | None = None) -> str:
    """A page whose text differs from every other number's (the library compares texts)."""
    words = " ".join(f"w{n}x{k}" for k in range(250))
    head = f"<title>{title}</title>" if title else ""
    heading = f"<h1>{title}</h1>" if title else ""
    return (f"<html><head>{head}</head><body><article>{heading}<p>{words}.</p>"
            f"<p>Second paragraph {n} with more words to read.</p></article></body></html>")


def run(items: list[ImportItem], library: Path, **options: object) -> list[ItemOutcome]:
    library.mkdir(exist_ok=True)
    with Library(library) as handle:
        report = import_items(items, handle, ImportOptions(**{**FAST, **options}))
    return sorted(report.outcomes, key=lambda o: o.item.url)


def clip_of(outcomes: list[ItemOutcome], status: Status = Status.SAVED):
    paths = [o.path for o in outcomes if o.status is status]
    assert len(paths) == 1, outcomes
    return read_clip(paths[0])


# -- what carries over -----------------------------------------------------------------------

def test_a_saved_clip_has_the_items_tags_after_the_given_ones(http_server: LoopbackServer,
                                                                tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    item = ImportItem(http_server.url("/a"), "Item Title", tags=["x", "y z"], favorite=True,
                      archived=True)
    clip = clip_of(run([item], tmp_path / "lib", tags=["clippings"]))
    assert clip.tags == ["clippings", "x", "y-z", "favorite", "archived"]


def test_the_time_added_is_created(http_server: LoopbackServer, tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    item = ImportItem(http_server.url("/a"), added="2020-01-02T03:04:05+00:00")
    assert clip_of(run([item], tmp_path / "lib")).created == "2020-01-02T03:04:05+00:00"


def test_the_pages_title_wins(http_server: LoopbackServer, tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    clip = clip_of(run([ImportItem(http_server.url("/a"), "Item Title")], tmp_path / "lib"))
    assert clip.title == "Page Title"


def test_the_items_title_when_the_page_has_none(http_server: LoopbackServer,
                                                tmp_path: Path) -> None:
    http_server.route("/a", article(1))
    clip = clip_of(run([ImportItem(http_server.url("/a"), "Item Title")], tmp_path / "lib"))
    assert clip.title == "Item Title"


def test_an_address_given_as_the_title_is_no_title(http_server: LoopbackServer,
                                                   tmp_path: Path) -> None:
    item = ImportItem(http_server.url("/gone"), http_server.url("/gone"))
    clip = clip_of(run([item], tmp_path / "lib", keep_dead=True), Status.LINK_ONLY)
    assert clip.title == "127.0.0.1"


def test_highlights_and_notes_are_quotes_after_the_article(http_server: LoopbackServer,
                                                           tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    item = ImportItem(http_server.url("/a"), quotes=[Quote("first line\nsecond line", "my note")])
    body = clip_of(run([item], tmp_path / "lib")).body
    assert body.endswith("## Highlights\n\n> first line\n> second line\n\nmy note\n")


def test_highlight_text_stays_text(http_server: LoopbackServer, tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    item = ImportItem(http_server.url("/a"),
                      quotes=[Quote("![x](http://evil.example/p.png) <script>a</script>")])
    body = clip_of(run([item], tmp_path / "lib")).body
    html = MarkdownIt().render(body.rpartition("## Highlights")[2])
    assert html == ("<blockquote>\n<p>![x](http://evil.example/p.png) "
                    "&lt;script&gt;a&lt;/script&gt;</p>\n</blockquote>\n")


# -- skipping, failing, keeping dead links ----------------------------------------------------

def test_a_dead_page_fails_with_its_reason(http_server: LoopbackServer, tmp_path: Path) -> None:
    outcome = run([ImportItem(http_server.url("/gone"))], tmp_path / "lib")[0]
    assert (outcome.status, "404" in outcome.reason) == (Status.FAILED, True)


def test_keep_dead_saves_a_link_only_clip(http_server: LoopbackServer, tmp_path: Path) -> None:
    item = ImportItem(http_server.url("/gone"), "Gone Page", tags=["t"])
    clip = clip_of(run([item], tmp_path / "lib", keep_dead=True), Status.LINK_ONLY)
    assert (clip.title, clip.source, clip.tags, clip.body) == (
        "Gone Page", http_server.url("/gone"), ["clippings", "t"],
        f"[Gone Page]({http_server.url('/gone')})\n")


def test_keep_dead_does_not_keep_a_page_that_may_come_back(http_server: LoopbackServer,
                                                            tmp_path: Path) -> None:
    http_server.route("/busy", "<p>later</p>", status=502)
    outcome = run([ImportItem(http_server.url("/busy"))], tmp_path / "lib", keep_dead=True)[0]
    assert outcome.status is Status.FAILED


def test_wallabags_stored_copy_is_clipped_when_the_page_is_gone(http_server: LoopbackServer,
                                                                tmp_path: Path) -> None:
    stored = article(7, "Stored Title")
    outcome = run([ImportItem(http_server.url("/gone"), stored_html=stored)],
                  tmp_path / "lib")[0]
    clip = read_clip(outcome.path)
    assert (outcome.status, clip.title, "w7x3" in clip.body) == (
        Status.SAVED, "Stored Title", True)


def test_an_address_listed_twice_is_imported_once_with_both_tags(
        http_server: LoopbackServer, tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    items = [ImportItem(http_server.url("/a"), tags=["one"]),
             ImportItem(http_server.url("/a?utm_source=twitter"), tags=["two"])]
    outcomes = run(items, tmp_path / "lib", tags=[])
    assert ([o.status for o in outcomes], clip_of(outcomes).tags) == (
        [Status.SAVED, Status.DUPLICATE], ["one", "two"])


def test_a_rerun_fetches_nothing_and_adds_nothing(http_server: LoopbackServer,
                                                  tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    run([ImportItem(http_server.url("/a"))], tmp_path / "lib")
    outcome = run([ImportItem(http_server.url("/a?fbclid=123"))], tmp_path / "lib")[0]
    assert (outcome.status, len(http_server.requests_to("/a")),
            len(list((tmp_path / "lib").glob("*.md")))) == (Status.IN_LIBRARY, 1, 1)


def test_the_same_article_at_another_address_is_not_saved_twice(
        http_server: LoopbackServer, tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    http_server.route("/b", article(1, "Page Title"))
    outcomes = run([ImportItem(http_server.url("/a"))], tmp_path / "lib")
    outcomes = run([ImportItem(http_server.url("/b"))], tmp_path / "lib")
    assert outcomes[0].status is Status.IN_LIBRARY


@pytest.mark.parametrize("address", ["file:///etc/passwd", "/etc/passwd", "javascript:x()",
                                     "not a link"])
def test_what_is_not_a_web_address_fails_without_being_read(tmp_path: Path,
                                                            address: str) -> None:
    outcome = run([ImportItem(address)], tmp_path / "lib")[0]
    assert (outcome.status, outcome.reason) == (Status.FAILED, "not a web address")


def test_dry_run_fetches_and_writes_nothing(http_server: LoopbackServer, tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    outcome = run([ImportItem(http_server.url("/a"))], tmp_path / "lib", dry_run=True)[0]
    assert (outcome.status, http_server.requests, list((tmp_path / "lib").iterdir())) == (
        Status.WOULD_IMPORT, [], [])


# -- politeness --------------------------------------------------------------------------------

def test_429_with_retry_after_is_tried_again(http_server: LoopbackServer, tmp_path: Path) -> None:
    answers = iter([429, 503, 200])

    def flaky(request: Request) -> None:
        status = next(answers)
        if status == 200:
            request.reply(article(3, "Finally"))
        else:
            request.reply("slow down", status, {"Retry-After": "0"})

    http_server.route("/flaky", handler=flaky)
    outcome = run([ImportItem(http_server.url("/flaky"))], tmp_path / "lib")[0]
    assert (outcome.status, len(http_server.requests_to("/flaky"))) == (Status.SAVED, 3)


def test_retries_end(http_server: LoopbackServer, tmp_path: Path) -> None:
    http_server.route("/busy", "no", status=429, headers={"Retry-After": "0"})
    outcome = run([ImportItem(http_server.url("/busy"))], tmp_path / "lib", retries=2)[0]
    assert (outcome.status, len(http_server.requests_to("/busy"))) == (Status.FAILED, 3)


def test_a_retry_after_longer_than_the_longest_wait_fails_at_once(
        http_server: LoopbackServer, tmp_path: Path) -> None:
    http_server.route("/busy", "no", status=503, headers={"Retry-After": "86400"})
    outcome = run([ImportItem(http_server.url("/busy"))], tmp_path / "lib")[0]
    assert (outcome.status, len(http_server.requests_to("/busy"))) == (Status.FAILED, 1)


def test_at_most_two_requests_at_a_time_to_one_site(http_server: LoopbackServer,
                                                    tmp_path: Path) -> None:
    lock = threading.Lock()
    running = [0]
    most = [0]

    def counted(request: Request) -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        request.wait(0.3)
        with lock:
            running[0] -= 1
        number = int(request.path.rsplit("/", 1)[1])
        request.reply(article(number, f"Page {number}"))

    for n in range(8):
        http_server.route(f"/p/{n}", handler=counted)
    outcomes = run([ImportItem(http_server.url(f"/p/{n}")) for n in range(8)], tmp_path / "lib",
                   jobs=8)
    assert ([o.status for o in outcomes], most[0]) == ([Status.SAVED] * 8, 2)


def test_cancel_stops_and_a_rerun_continues(http_server: LoopbackServer, tmp_path: Path) -> None:
    cancel = threading.Event()

    def slow(request: Request) -> None:
        number = int(request.path.rsplit("/", 1)[1])
        if number == 2:
            cancel.set()
        request.reply(article(number, f"Page {number}"))

    for n in range(6):
        http_server.route(f"/p/{n}", handler=slow)
    items = [ImportItem(http_server.url(f"/p/{n}")) for n in range(6)]
    (tmp_path / "lib").mkdir()
    with Library(tmp_path / "lib") as handle:
        first = import_items(items, handle, ImportOptions(jobs=1, **FAST), cancel=cancel)
    second = run([ImportItem(item.url) for item in items], tmp_path / "lib")
    assert (first.cancelled, first.count(Status.SAVED) < 6,
            sum(o.status is Status.SAVED for o in second),
            len(list((tmp_path / "lib").glob("*.md")))) == (
        True, True, 6 - first.count(Status.SAVED), 6)


# -- the report -----------------------------------------------------------------------------

def test_the_report_lists_failures_and_links_with_reasons(http_server: LoopbackServer,
                                                          tmp_path: Path) -> None:
    http_server.route("/a", article(1, "Page Title"))
    (tmp_path / "lib").mkdir()
    items = [ImportItem(http_server.url("/a")), ImportItem("=cmd|' /C calc'!A0", where="line 3")]
    with Library(tmp_path / "lib") as handle:
        report = import_items(items, handle, ImportOptions(**FAST))
    lines = report_csv(report).splitlines()
    assert lines == ["status,url,title,reason,where",
                     "failed,=cmd|' /C calc'!A0,,not a web address,line 3"]


def test_the_report_never_replaces_a_file(tmp_path: Path) -> None:
    from clipper.importers.run import ImportReport

    report = ImportReport(1, [ItemOutcome(ImportItem("x"), Status.FAILED, "not a web address")])
    target = tmp_path / "report.csv"
    target.write_text("mine")
    written = write_report(report, target)
    assert (written.name, target.read_text()) == ("report (2).csv", "mine")


# -- the scheduler, on a fake clock --------------------------------------------------------------

class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_scheduler_gives_a_host_two_at_a_time() -> None:
    scheduler = HostScheduler(["a1", "a2", "a3", "b1"], lambda s: s[0], per_host=2, delay=0,
                              clock=Clock())
    taken = [scheduler.take(), scheduler.take(), scheduler.take()]
    assert taken == ["a1", "b1", "a2"]


def test_the_scheduler_waits_for_a_free_slot() -> None:
    scheduler = HostScheduler(["a1", "a2", "a3"], lambda s: s[0], per_host=2, delay=0,
                              clock=Clock())
    scheduler.take()
    scheduler.take()
    stop = threading.Event()
    timer = threading.Timer(0.3, stop.set)
    timer.start()
    try:
        blocked = scheduler.take(stop)
    finally:
        timer.cancel()
    scheduler.done("a1")
    assert (blocked, scheduler.take()) == (None, "a3")


def test_the_scheduler_spaces_requests_to_a_host() -> None:
    clock = Clock()
    scheduler = HostScheduler(["a1", "a2"], lambda s: s[0], per_host=2, delay=1.0, clock=clock)
    scheduler.take()
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    early = scheduler.take(stop)
    clock.now += 1.0
    assert (early, scheduler.take()) == (None, "a2")


def test_a_retry_pauses_the_whole_host_but_not_others() -> None:
    clock = Clock()
    scheduler = HostScheduler(["a1", "a2", "b1"], lambda s: s[0], per_host=2, delay=0,
                              clock=clock)
    first = scheduler.take()
    scheduler.retry(first, 30)
    other = scheduler.take()
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    paused = scheduler.take(stop)
    clock.now += 30
    assert (other, paused, scheduler.take(), scheduler.take()) == ("b1", None, "a1", "a2")


def test_the_scheduler_ends_when_everything_is_done() -> None:
    scheduler = HostScheduler(["a1"], lambda s: s[0], clock=Clock())
    item = scheduler.take()
    scheduler.done(item)
    assert scheduler.take() is None


def test_retry_after_in_seconds_and_as_a_date() -> None:
    now = datetime(2025, 7, 1, 12, 0, tzinfo=timezone.utc)
    later = (now + timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert (retry_after_seconds("120", now), retry_after_seconds(later, now),
            retry_after_seconds("soon", now), retry_after_seconds(None, now)) == (
        120.0, 90.0, None, None)


# -- saves side by side ---------------------------------------------------------------------

def _png(width: int, height: int) -> bytes:
    """A grey picture (large enough not to count as a tracking pixel)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_pages_images_are_fetched_side_by_side(http_server: LoopbackServer,
                                               tmp_path: Path) -> None:
    """A save fetching its images does not hold the other pages back: two image requests
    are under way at the same moment (each waits for the other)."""
    both = threading.Barrier(2, timeout=10)
    png = _png(40, 30)

    def image(request: Request) -> None:
        try:
            both.wait()
        except threading.BrokenBarrierError:
            request.reply(b"", 500)
            return
        request.reply(png, content_type="image/png")

    for n in (1, 2):
        http_server.route(f"/img{n}.png", handler=image)
        http_server.route(f"/p/{n}", article(n, f"Page {n}").replace(
            "</article>", f'<img src="/img{n}.png" alt="picture {n}"></article>'))
    outcomes = run([ImportItem(http_server.url(f"/p/{n}")) for n in (1, 2)], tmp_path / "lib",
                   jobs=2, download_images=True)
    assets = sorted(p.name for p in (tmp_path / "lib").glob("*.assets"))
    assert ([o.status for o in outcomes], assets) == (
        [Status.SAVED, Status.SAVED], ["Page 1.assets", "Page 2.assets"])


def test_the_same_article_at_two_addresses_at_once_is_saved_once(
        http_server: LoopbackServer, tmp_path: Path) -> None:
    both = threading.Barrier(2, timeout=10)

    def same(request: Request) -> None:
        both.wait()  # both pages are fetched at the same moment, so both reach saving
        request.reply(article(5, "One Story"))

    http_server.route("/a", handler=same)
    http_server.route("/b", handler=same)
    outcomes = run([ImportItem(http_server.url("/a")), ImportItem(http_server.url("/b"))],
                   tmp_path / "lib", jobs=2)
    assert (sorted(o.status.value for o in outcomes),
            len(list((tmp_path / "lib").glob("*.md")))) == (["in-library", "saved"], 1)


def test_export_text_goes_through_the_one_sanitiser(http_server: LoopbackServer,
                                                    tmp_path: Path) -> None:
    http_server.route("/a", article(1))
    item = ImportItem(http_server.url("/a"), "Evil\x1b[2J title\u202e", tags=["a\x07b"],
                      quotes=[Quote("quoted\x1b]0;pwned\x07 text")])
    clip = clip_of(run([item], tmp_path / "lib", tags=[]))
    assert (clip.title, clip.tags, clip.body.endswith("> quoted text\n")) == (
        "Evil title", ["ab"], True)
