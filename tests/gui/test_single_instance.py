"""One Clipper per user: a second start hands its pages to the first and exits."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from clipper.gui import automation, single_instance
from clipper.gui.single_instance import SingleInstance, absolute_pages, socket_name

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "devdiscourse-russia-afghan.html"
pytestmark = pytest.mark.skipif(sys.platform == "win32",
                                reason="the tests talk to the socket as a Unix socket file")


@pytest.fixture
def name() -> str:
    """A socket path no other test (or real Clipper) uses, short enough for sun_path."""
    return str(Path(tempfile.gettempdir()) / f"clipper-test-{uuid.uuid4().hex[:12]}.sock")


@pytest.fixture
def server(qtbot, name: str) -> Iterator[SingleInstance]:
    instance = SingleInstance(name)
    instance.listen()
    assert instance.is_listening()
    yield instance
    instance.close()


# The other end of each conversation is plain Python in a thread: a Qt socket in a second
# thread would deadlock, since PySide keeps the GIL while Qt blocks.

def _frame(body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + body


def _read_frame(conn: socket.socket) -> bytes:
    data = b""
    while len(data) < 4 or len(data) < 4 + int.from_bytes(data[:4], "big"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def _send(name: str, *chunks: bytes, pause: float = 0.0) -> dict[str, bytes]:
    """Connect, send the chunks (pausing between them), read until the server closes."""
    result: dict[str, bytes] = {}

    def run() -> None:
        with socket.socket(socket.AF_UNIX) as conn:
            conn.settimeout(20)
            conn.connect(name)
            for chunk in chunks:
                conn.sendall(chunk)
                time.sleep(pause)
            reply = b""
            while chunk := conn.recv(65536):
                reply += chunk
            result["reply"] = reply

    threading.Thread(target=run, daemon=True).start()
    return result


def _serve_once(name: str, reply: bytes | None) -> dict[str, object]:
    """A stand-in for a running Clipper: takes one message, answers ``reply`` (None: never)."""
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(name)
    listener.listen(1)
    listener.settimeout(20)
    result: dict[str, object] = {}

    def run() -> None:
        with listener, listener.accept()[0] as conn:
            conn.settimeout(20)
            result["message"] = single_instance.decode(bytearray(_read_frame(conn)))
            if reply is not None:
                conn.sendall(reply)
            else:
                conn.recv(1)  # hold the line until the client gives up
            result["done"] = True
        os.unlink(name)

    threading.Thread(target=run, daemon=True).start()
    return result


def _received(instance: SingleInstance) -> list[list[str]]:
    got: list[list[str]] = []
    instance.pagesReceived.connect(got.append)
    return got


OK = single_instance.encode({"ok": True})


def _pages(*pages: str) -> bytes:
    return single_instance.encode({"pages": list(pages)})


# ---- the running instance (server) -------------------------------------------------------------

def test_the_running_instance_takes_pages_and_confirms(qtbot, server: SingleInstance) -> None:
    got = _received(server)
    result = _send(server.name, _pages("/srv/page.html", "https://example.org/a?b=1"))
    qtbot.waitUntil(lambda: "reply" in result, timeout=10_000)
    assert result["reply"] == OK
    assert got == [["/srv/page.html", "https://example.org/a?b=1"]]


def test_a_start_without_pages_only_raises_the_window(qtbot, server: SingleInstance) -> None:
    got = _received(server)
    result = _send(server.name, _pages())
    qtbot.waitUntil(lambda: "reply" in result, timeout=10_000)
    assert result["reply"] == OK
    assert got == [[]]


def test_several_clients_one_after_another(qtbot, server: SingleInstance) -> None:
    got = _received(server)
    for i in range(3):
        result = _send(server.name, _pages(f"https://example.org/{i}"))
        qtbot.waitUntil(lambda r=result: "reply" in r, timeout=10_000)
        assert result["reply"] == OK
    assert got == [[f"https://example.org/{i}"] for i in range(3)]


def test_a_message_split_across_reads_is_reassembled(qtbot, server: SingleInstance) -> None:
    got = _received(server)
    data = _pages("https://example.org/slow")
    result = _send(server.name, data[:2], data[2:9], data[9:], pause=0.05)
    qtbot.waitUntil(lambda: "reply" in result, timeout=10_000)
    assert result["reply"] == OK
    assert got == [["https://example.org/slow"]]


@pytest.mark.parametrize("garbage", [
    b"\xff\xff\xff\xff",  # a length far beyond the limit
    _frame(b"{nope"),  # not JSON
    _frame(b"\xff\xfe{}"),  # not UTF-8
    _frame(b"[]"),  # JSON, not an object
    _frame(b'{"pages": [1]}'),  # not a list of strings
    _frame(b'{"files": []}'),  # no pages at all
])
def test_garbage_is_dropped_and_the_server_keeps_working(
        qtbot, server: SingleInstance, garbage: bytes) -> None:
    got = _received(server)
    rogue = _send(server.name, garbage)
    qtbot.waitUntil(lambda: "reply" in rogue, timeout=10_000)
    assert rogue["reply"] == b""  # hung up on, nothing opened
    assert got == []

    result = _send(server.name, _pages("https://example.org/ok"))
    qtbot.waitUntil(lambda: "reply" in result, timeout=10_000)
    assert got == [["https://example.org/ok"]]


def test_closing_with_a_client_half_way_is_clean(qtbot, name: str) -> None:
    instance = SingleInstance(name)
    instance.listen()
    got = _received(instance)
    data = _pages("https://example.org/late")
    result = _send(name, data[:5])  # then nothing more: the client waits for an answer
    qtbot.wait(100)
    instance.close()
    qtbot.waitUntil(lambda: "reply" in result, timeout=10_000)
    assert result["reply"] == b""
    assert got == []
    assert not Path(name).exists()
    del instance
    qtbot.wait(50)  # the deferred deletions run without touching Python objects


def test_a_stale_socket_from_a_crash_does_not_block_start_up(qtbot, name: str) -> None:
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(name)  # a socket file with nobody behind it, as a killed instance leaves
    dead.close()
    assert Path(name).exists()
    assert SingleInstance(name).try_forward(["https://example.org/"]) is False

    instance = SingleInstance(name)
    instance.listen()
    try:
        assert instance.is_listening()
        got = _received(instance)
        result = _send(name, _pages("https://example.org/after-crash"))
        qtbot.waitUntil(lambda: "reply" in result, timeout=10_000)
        assert got == [["https://example.org/after-crash"]]
    finally:
        instance.close()
    assert not Path(name).exists()  # closing cleans up after itself


def test_a_live_instance_is_never_taken_over(qtbot, server: SingleInstance) -> None:
    late = SingleInstance(server.name)
    late.listen()  # started at the same moment as the first: runs on without listening
    assert not late.is_listening()
    got = _received(server)
    result = _send(server.name, _pages("https://example.org/x"))
    qtbot.waitUntil(lambda: "reply" in result, timeout=10_000)
    assert got == [["https://example.org/x"]]


def test_received_pages_are_reported_when_asked(
        qtbot, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "report.jsonl"
    monkeypatch.setenv("CLIPPER_TEST_REPORT", str(report))
    instance = SingleInstance(name)
    instance.listen()
    try:
        result = _send(name, _pages("https://example.org/r"))
        qtbot.waitUntil(lambda: "reply" in result, timeout=10_000)
    finally:
        instance.close()
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert lines == [{"event": "received", "pages": ["https://example.org/r"]}]


# ---- a second start (client) -------------------------------------------------------------------

def test_nobody_listening_means_start_normally(qtbot, name: str) -> None:
    assert SingleInstance(name).try_forward(["https://example.org/"]) is False


def test_forwarding_sends_absolute_paths_and_needs_the_answer(
        qtbot, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "saved page.html").write_text("<title>x</title>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    running = _serve_once(name, OK)
    assert SingleInstance(name).try_forward(["saved page.html", "https://example.org/a"]) is True
    assert running["message"] == {
        "pages": [str(tmp_path / "saved page.html"), "https://example.org/a"]}


@pytest.mark.parametrize("reply", [b"", _frame(b"{nope"), single_instance.encode({"ok": False}),
                                   None])
def test_no_confirmation_means_start_normally(
        qtbot, name: str, reply: bytes | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(single_instance, "REPLY_TIMEOUT_MS", 300)  # for the silent one
    running = _serve_once(name, reply)
    assert SingleInstance(name).try_forward(["https://example.org/"]) is False
    qtbot.waitUntil(lambda: "done" in running, timeout=10_000)


def test_forwarding_between_two_processes(qtbot, server: SingleInstance, tmp_path: Path) -> None:
    got = _received(server)
    code = ("import sys; from clipper.gui.single_instance import SingleInstance; "
            "sys.exit(0 if SingleInstance(sys.argv[1]).try_forward(sys.argv[2:]) else 3)")
    log = tmp_path / "client.log"
    with log.open("w", encoding="utf-8") as stderr:
        client = subprocess.Popen([sys.executable, "-c", code, server.name, "page.html"],
                                  cwd=tmp_path, stderr=stderr)
        qtbot.waitUntil(lambda: client.poll() is not None, timeout=60_000)
    assert client.returncode == 0, log.read_text(encoding="utf-8")
    assert got == [[str(tmp_path / "page.html")]]


def test_the_socket_is_per_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIPPER_CONFIG_DIR", str(tmp_path / "a"))
    first = socket_name()
    assert socket_name() == first
    monkeypatch.setenv("CLIPPER_CONFIG_DIR", str(tmp_path / "b"))
    assert socket_name() != first


def test_the_socket_lives_in_the_private_runtime_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="clipper-run-"))  # short: pytest's paths may be long
    try:
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
        assert Path(socket_name()).parent == runtime
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime / ("x" * 120)))
        assert "/" not in socket_name()  # too long for sun_path: a name in Qt's temp folder
        monkeypatch.delenv("XDG_RUNTIME_DIR")
        assert "/" not in socket_name()
    finally:
        runtime.rmdir()


def test_files_are_made_absolute_before_they_leave_the_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.htm").write_text("x", encoding="utf-8")
    assert absolute_pages(["here.htm", "missing.html", "sub/dir/x.html", "example.com/a",
                           "http://127.0.0.1:8000/p", "file:///srv/page.html", "mailto:a@b"]) == [
        str(tmp_path / "here.htm"),
        str(tmp_path / "missing.html"),
        str(tmp_path / "sub" / "dir" / "x.html"),
        "https://example.com/a",
        "http://127.0.0.1:8000/p",
        "/srv/page.html",
        "mailto:a@b",  # not clippable: the window says so, in its own words
    ]


class _FakeWindow(QObject):
    page_loaded = Signal()
    load_failed = Signal(str)

    def windowTitle(self) -> str:
        return "An article [*]— Clipper"


def test_quit_after_load_ends_with_the_load_status(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    exits: list[int] = []
    monkeypatch.setattr(automation.QApplication, "exit", staticmethod(exits.append))
    monkeypatch.setenv("CLIPPER_QUIT_AFTER_LOAD", "1")
    window = _FakeWindow()
    automation.attach(window, pages=["page.html"])
    qtbot.wait(50)
    assert exits == []  # not before the page is shown
    window.page_loaded.emit()
    qtbot.waitUntil(lambda: exits == [0], timeout=5000)

    other = _FakeWindow()
    automation.attach(other, pages=["page.html"])
    other.load_failed.emit("Not found")
    qtbot.waitUntil(lambda: exits == [0, 1], timeout=5000)

    empty = _FakeWindow()
    automation.attach(empty, pages=[])  # nothing to load: quit once the window is up
    qtbot.waitUntil(lambda: exits == [0, 1, 0], timeout=5000)


def test_switches_off_means_nothing_is_connected(
        qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLIPPER_QUIT_AFTER_LOAD", raising=False)
    monkeypatch.delenv("CLIPPER_TEST_REPORT", raising=False)
    exits: list[int] = []
    monkeypatch.setattr(automation.QApplication, "exit", staticmethod(exits.append))
    window = _FakeWindow()
    automation.attach(window, pages=[])
    window.page_loaded.emit()
    window.load_failed.emit("Not found")
    qtbot.wait(50)
    assert exits == []
    assert not list(tmp_path.iterdir())


def test_the_report_names_what_the_window_shows(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: SingleInstance) -> None:
    report = tmp_path / "report.jsonl"
    monkeypatch.setenv("CLIPPER_TEST_REPORT", str(report))
    window = _FakeWindow()
    automation.attach(window, server)
    window.page_loaded.emit()
    window.load_failed.emit("Not found.")
    assert [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()] == [
        {"event": "listening", "name": server.name},
        {"event": "loaded", "title": "An article — Clipper", "args": []},
        {"event": "failed", "args": ["Not found."]},
    ]


# ---- two real processes ------------------------------------------------------------------------

def _events(report: Path) -> list[dict]:
    if not report.exists():
        return []
    return [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()
            if line.endswith("}")]


def _wait_for(predicate, what: str, process: subprocess.Popen, log: Path,
              deadline_s: float = 90) -> None:
    """Poll until ``predicate()``; a generous deadline: the machine may be busy (no timing test)."""
    end = time.monotonic() + deadline_s
    while not predicate():
        if process.poll() is not None:
            output = log.read_text(encoding="utf-8", errors="replace")
            pytest.fail(f"the first Clipper exited ({process.returncode}) before {what}:\n{output}")
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.1)


def test_a_second_start_opens_its_file_in_the_first_window(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    report = tmp_path / "report.jsonl"
    env = {**os.environ,
           "QT_QPA_PLATFORM": "offscreen",
           "XDG_RUNTIME_DIR": str(runtime),
           "CLIPPER_CONFIG_DIR": str(tmp_path / "config"),
           "CLIPPER_CACHE_DIR": str(tmp_path / "cache"),
           "CLIPPER_LIBRARY": str(tmp_path / "library"),
           "CLIPPER_TEST_REPORT": str(report)}
    env.pop("CLIPPER_QUIT_AFTER_LOAD", None)
    marker = f"second-{uuid.uuid4().hex[:8]}"
    second_page = tmp_path / "elsewhere" / f"{marker}.html"
    second_page.parent.mkdir()
    paragraph = ("The second instance handed this page to the first window, which loaded it "
                 "as if the file had been dropped on it. ") * 6
    second_page.write_text(
        f"<html><head><title>{marker} arrives</title></head><body><article>"
        f"<h1>{marker} arrives</h1>" + f"<p>{paragraph}</p>" * 4 + "</article></body></html>",
        encoding="utf-8")

    log = tmp_path / "first.log"
    with log.open("w", encoding="utf-8") as output:
        first = subprocess.Popen([sys.executable, "-m", "clipper", str(REFERENCE)], env=env,
                                 stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_for(lambda: any(e["event"] == "loaded" for e in _events(report)),
                  "it showed the reference page", first, log)
        assert any(e["event"] == "listening" for e in _events(report))

        # relative path, other working directory: as a file manager or a shell would start it
        second = subprocess.run([sys.executable, "-m", "clipper", second_page.name],
                                cwd=second_page.parent, env=env, capture_output=True, text=True,
                                timeout=120)
        assert second.returncode == 0, second.stderr
        assert second.stdout == ""

        def arrived() -> bool:
            events = _events(report)
            return any(e["event"] == "loaded" and marker in e["title"] for e in events)

        _wait_for(arrived, "the second page was shown in the first window", first, log)
        events = _events(report)
        assert {"event": "received", "pages": [str(second_page)]} in events
        assert first.poll() is None  # the first window is still running
        assert not any(e["event"] == "failed" for e in events), events
    finally:
        first.terminate()
        try:
            first.wait(timeout=30)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait()
