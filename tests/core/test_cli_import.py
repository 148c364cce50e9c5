"""``clipper import`` as a person runs it: the issue's acceptance run, black-box (a separate
process, pages on 127.0.0.1), and the command's messages."""

from __future__ import annotations

import csv
import socket
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from helpers.httpserver import LoopbackServer

from clipper.cli import main
from clipper.library import read_clip

GOOD = 26
START = 1_700_000_000


def _page(n: int) -> str:
    words = " ".join(f"v{n}y{k}" for k in range(200))
    return (f"<html><head><title>Story number {n}</title></head><body><article>"
            f"<h1>Story number {n}</h1><p>{words}.</p></article></body></html>")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pocket_export(server: LoopbackServer, folder: Path) -> tuple[Path, list[str]]:
    """30 rows: 26 pages, 3 dead (404, 410, nothing listening), 1 listed twice."""
    rows = ["title,url,time_added,tags,status"]
    for n in range(GOOD):
        server.route(f"/story/{n}", _page(n))
        status = "archive" if n % 5 == 0 else "unread"
        rows.append(f"Saved title {n},{server.url(f'/story/{n}')},{START + n * 3600},"
                    f"t{n}|group{n % 3},{status}")
    server.route("/removed", "<h1>Gone</h1>", status=410)
    dead = [server.url("/missing"), server.url("/removed"),
            f"http://127.0.0.1:{_closed_port()}/nobody-home"]
    rows += [f"Dead {n},{url},{START},dead,unread" for n, url in enumerate(dead)]
    rows.insert(8, f"Again,{server.url('/story/3')}?utm_source=pocket_saves,{START},,unread")
    export = folder / "part_000000.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert len(rows) == 31  # the header and 30 items
    return export, dead


def _clipper(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clipper", "import", *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def acceptance(http_server: LoopbackServer, tmp_path: Path):
    export, dead = _pocket_export(http_server, tmp_path)
    library = tmp_path / "library"
    args = [str(export), "--library", str(library), "--tags", "imported", "--delay", "0.02"]
    first = _clipper(*args)
    return http_server, export, dead, library, args, first


def _clips(library: Path) -> dict[str, Path]:
    return {read_clip(p).source: p for p in library.glob("*.md")}


def test_26_new_clips_and_exit_status_1(acceptance) -> None:
    _server, _export, _dead, library, _args, first = acceptance
    assert (first.returncode, len(_clips(library))) == (1, GOOD), first.stderr


def test_each_clip_has_its_tags_and_created(acceptance) -> None:
    server, _export, _dead, library, _args, _first = acceptance
    clips = _clips(library)
    found = {}
    expected = {}
    for n in range(GOOD):
        clip = read_clip(clips[server.url(f"/story/{n}")])
        found[n] = (clip.title, clip.tags, clip.created)
        tags = ["imported", f"t{n}", f"group{n % 3}"] + (["archived"] if n % 5 == 0 else [])
        when = datetime.fromtimestamp(START + n * 3600, timezone.utc).isoformat()
        expected[n] = (f"Story number {n}", tags, when)
    assert found == expected


def test_the_report_names_the_3_failures(acceptance) -> None:
    _server, export, dead, _library, _args, first = acceptance
    reports = list(export.parent.glob("part_000000-failed-*.csv"))
    assert len(reports) == 1, first.stderr
    with reports[0].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted((r["status"], r["url"]) for r in rows) == sorted(("failed", u) for u in dead)


def test_the_summary_counts_and_names_the_report(acceptance) -> None:
    _server, _export, _dead, _library, _args, first = acceptance
    last = first.stderr.strip().splitlines()
    assert ("26 new clips, 1 listed twice, 3 failed" in last[-2],
            "part_000000-failed-" in last[-1]) == (True, True), first.stderr


def test_a_rerun_adds_nothing_and_fetches_no_saved_page(acceptance) -> None:
    server, _export, _dead, library, args, _first = acceptance
    before = len(server.requests)
    again = _clipper(*args)
    fetched = {r.path for r in server.requests[before:]}
    assert (again.returncode, len(_clips(library)), fetched) == (
        1, GOOD, {"/missing", "/removed"}), again.stderr


def test_keep_dead_adds_3_link_only_clips(acceptance) -> None:
    _server, _export, dead, library, args, _first = acceptance
    kept = _clipper(*args, "--keep-dead")
    clips = _clips(library)
    links = {url: read_clip(clips[url]) for url in dead if url in clips}
    assert (kept.returncode, len(clips), sorted(links)) == (0, GOOD + 3, sorted(dead)), \
        kept.stderr
    assert all(clip.tags == ["imported", "dead"] for clip in links.values())


# -- messages ------------------------------------------------------------------------------------

def test_plain_lines_when_not_on_a_terminal(http_server: LoopbackServer, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("/a", _page(1))
    export = tmp_path / "list.txt"
    export.write_text(http_server.url("/a") + "\n")
    status = main(["import", str(export), "--library", str(tmp_path / "lib")])
    lines = capsys.readouterr().err.splitlines()
    assert (status, lines[1]) == (0, "clipper: [1/1] saved: Story number 1")


def test_dry_run_says_what_it_would_do(http_server: LoopbackServer, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "list.txt"
    export.write_text(http_server.url("/a") + "\n")
    status = main(["import", str(export), "--library", str(tmp_path / "lib"), "--dry-run"])
    err = capsys.readouterr().err
    assert (status, "clipper: 1 to import (" in err, http_server.requests,
            (tmp_path / "lib").exists()) == (0, True, [], False)


def test_a_file_that_is_no_export_is_one_line_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "notes.txt"
    export.write_text("milk\neggs\n")
    status = main(["import", str(export), "--library", str(tmp_path / "lib")])
    err = capsys.readouterr().err
    assert (status, err.count("\n"), err.startswith("clipper: error: Clipper cannot tell")) == (
        1, 1, True)


def test_a_page_title_cannot_write_escape_sequences(http_server: LoopbackServer, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("/a", _page(1).replace("Story number 1", "Evil\x1b]0;pwned\x07 title"))
    export = tmp_path / "list.txt"
    export.write_text(http_server.url("/a") + "\n")
    main(["import", str(export), "--library", str(tmp_path / "lib")])
    assert "\x1b" not in capsys.readouterr().err


def test_bad_option_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["import", "x.csv", "--jobs", "0"])
    assert (stopped.value.code, "not a number from 1 to 64" in capsys.readouterr().err) == (
        1, True)


def test_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import io

    from clipper.import_command import _Lines
    from clipper.importers.items import ImportItem
    from clipper.importers.run import ItemOutcome, Status

    stream = io.StringIO()
    lines = _Lines(stream, 3, bar=True)
    for status in (Status.SAVED, Status.FAILED, Status.SAVED):
        lines.event(ItemOutcome(ImportItem("https://a.example/x"), status, "gone"))
    lines.close()
    text = stream.getvalue()
    assert ("3/3" in text, "clipper: failed: https://a.example/x: gone" in text) == (True, True)


def test_ctrl_c_stops_says_how_to_continue_and_exits_130(http_server: LoopbackServer,
                                                         tmp_path: Path) -> None:
    import signal
    import time

    from helpers.httpserver import Request

    def slow(request: Request) -> None:
        request.wait(0.3)
        request.reply(_page(int(request.path.rsplit("/", 1)[1])))

    for n in range(30):
        http_server.route(f"/slow/{n}", handler=slow)
    export = tmp_path / "list.txt"
    export.write_text("".join(http_server.url(f"/slow/{n}") + "\n" for n in range(30)))
    library = tmp_path / "lib"
    proc = subprocess.Popen([sys.executable, "-m", "clipper", "import", str(export),
                             "--library", str(library), "--jobs", "1"],
                            stderr=subprocess.PIPE, text=True,
                            # a shell's background job ignores Ctrl+C, and children inherit it
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not list(library.glob("*.md")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    saved = len(list(library.glob("*.md")))
    assert (proc.returncode, 1 <= saved < 30, "import again to continue" in err) == (
        130, True, True), err


def test_dry_run_skips_a_page_saved_before_under_its_canonical_address(
        http_server: LoopbackServer, tmp_path: Path) -> None:
    """The clip's source is the page's canonical address, not the one the list names: the
    real run knows it from the page kept with the clip, and so does the dry run."""
    page = _page(7).replace("<head>", "<head><link rel='canonical' "
                            "href='https://news.example/2024/story-seven'>", 1)
    http_server.route("/heise.html", page)
    library = tmp_path / "lib"
    saved = subprocess.run([sys.executable, "-m", "clipper", "save", "--library", str(library),
                            http_server.url("/heise.html")],
                           capture_output=True, text=True, timeout=300)
    assert saved.returncode == 0, saved.stderr
    assert read_clip(Path(saved.stdout.strip())).source == \
        "https://news.example/2024/story-seven"
    export = tmp_path / "part_000000.csv"
    export.write_text("title,url,time_added,tags,status\n"
                      f"Already have,{http_server.url('/heise.html')},{START},,unread\n",
                      encoding="utf-8")
    fetched = len(http_server.requests)
    dry = _clipper(str(export), "--library", str(library), "--dry-run")
    real = _clipper(str(export), "--library", str(library))
    assert "1 already in the library" in dry.stderr, dry.stderr
    assert "to import" not in dry.stderr
    assert "1 already in the library" in real.stderr, real.stderr
    assert len(http_server.requests) == fetched  # neither fetched the page again
    assert len(list(library.glob("*.md"))) == 1
