"""The ``clipper`` command as a person or a script uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from clipper.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
REFERENCE = DATA / "devdiscourse-russia-afghan.html"
EXPECT = json.loads((DATA / "devdiscourse-russia-afghan.expect.json").read_text(encoding="utf-8"))


def _split_clip(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def _check_reference_clip(text: str) -> None:
    meta, body = _split_clip(text)
    assert meta["title"] == EXPECT["title"]
    assert meta["author"] == EXPECT["byline"]
    assert meta["site"] == EXPECT["site_name"]
    assert str(meta["published"])[:10] == EXPECT["published"]
    assert meta["source"] == EXPECT["url"]
    assert meta["tags"] == ["clippings"]
    assert body.lstrip().startswith(f"# {EXPECT['title']}\n")
    for sentence in EXPECT["must_contain"]:
        assert sentence in body
    for junk in EXPECT["must_not_contain"]:
        assert junk not in body


def test_save_reference_page_writes_one_clip(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "x"
    assert main(["save", str(REFERENCE), "--library", str(library)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    clips = sorted(library.glob("*.md"))
    assert len(clips) == 1
    assert out == [str(clips[0])]
    _check_reference_clip(clips[0].read_text(encoding="utf-8"))


def test_tags_given_follow_obsidians_rules(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "x"
    assert main(["save", str(REFERENCE), "--library", str(library),
                 "--tags", "air quality, #India/Delhi,,air quality"]) == 0
    [clip] = library.glob("*.md")
    meta, _ = _split_clip(clip.read_text(encoding="utf-8"))
    assert meta["tags"] == ["air-quality", "India/Delhi"]
    # the same keys in every clip; issue 15 adds the saved page's id and the body's hash
    assert list(meta) == ["title", "source", "author", "published", "created", "site",
                          "description", "lang", "tags", "snapshot", "body_hash"]


def test_save_reference_page_over_http(http_server, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    http_server.route("/news/russia.html", body=REFERENCE.read_bytes(),
                      headers={"Content-Type": "text/html; charset=utf-8"})
    library = tmp_path / "lib"
    assert main(["save", http_server.url("/news/russia.html"), "--library", str(library)]) == 0
    [clip] = library.glob("*.md")
    _check_reference_clip(clip.read_text(encoding="utf-8"))
    assert capsys.readouterr().out.strip() == str(clip)


def test_saving_twice_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "lib"
    assert main(["save", str(REFERENCE), "--library", str(library)]) == 0
    first = capsys.readouterr().out.strip()
    before = Path(first).read_bytes()
    assert main(["save", str(REFERENCE), "--library", str(library)]) == 0
    captured = capsys.readouterr()
    second = captured.out.strip()
    assert first != second
    assert Path(first).read_bytes() == before
    assert len(list(library.glob("*.md"))) == 2
    assert "new version" in captured.err


def test_library_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "from-env"
    monkeypatch.setenv("CLIPPER_LIBRARY", str(library))
    assert main(["save", str(REFERENCE)]) == 0
    assert capsys.readouterr().out.strip().startswith(str(library))


def test_extract_prints_markdown_with_front_matter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(REFERENCE)]) == 0
    _check_reference_clip(capsys.readouterr().out)


def test_extract_json_has_all_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(REFERENCE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("markdown", "title", "byline", "published", "site_name", "excerpt", "lang", "url"):
        assert key in data
    assert data["title"] == EXPECT["title"]
    assert data["lang"] == EXPECT["lang"]
    assert data["published"][:10] == EXPECT["published"]
    assert data["confidence"] == 1.0  # a news article that fills its page
    assert data["confidence_reason"] == ""
    assert data["teaser"] is False  # no paywall prompt after it


def test_extract_html_from_stdin(monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(REFERENCE.read_text(encoding="utf-8")))
    assert main(["extract", "-", "--json", "--url", "https://example.org/a"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert EXPECT["must_contain"][0] in data["markdown"]


class _Stdin:
    """Standard input as a terminal or a pipe gives it: text on top of bytes."""

    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)

    def read(self, *args: object) -> str:
        raise AssertionError("the page must be read as bytes")


def test_stdin_is_decoded_like_a_file(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """No declared charset: the bytes decide (windows-1251 here), not the terminal's UTF-8."""
    words = "Это длинная статья о погоде в Москве и о том, что будет завтра. " * 12
    page = f"<html><head><title>Погода</title></head><body><p>{words}</p></body></html>"
    monkeypatch.setattr(sys, "stdin", _Stdin(page.encode("cp1251")))
    assert main(["extract", "-", "--url", "example.org/weather"]) == 0
    meta, body = _split_clip(capsys.readouterr().out)
    assert (meta["title"], meta["source"]) == ("Погода", "https://example.org/weather")
    assert "статья о погоде" in body


@pytest.mark.parametrize(("data", "expected"), [
    (b"%PDF-1.7\n" + bytes(range(256)) * 8, "The standard input is a PDF document"),
    (bytes(range(256)) * 64, "The standard input is a binary file"),
])
def test_stdin_that_is_not_a_page_is_refused(data: bytes, expected: str,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    assert main(["extract", "-"]) == 1
    assert expected in capsys.readouterr().err


def test_endless_stdin_stops_at_the_size_cap(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    class Endless:
        def read(self, size: int = -1) -> bytes:
            assert size > 0, "read everything from an endless stream"
            return b"<p>" + b"x" * (size - 3)

    stdin = _Stdin(b"")
    stdin.buffer = Endless()  # type: ignore[assignment]
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["extract", "-"]) == 1
    assert "larger than the 64 MB limit" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "http://[::1"])
def test_url_option_must_be_a_web_address(url: str, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(REFERENCE.read_bytes()))
    assert main(["extract", "-", "--url", url]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "unexpected" not in err


def test_list_shows_saved_clips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "lib"
    assert main(["save", str(REFERENCE), "--library", str(library)]) == 0
    capsys.readouterr()
    assert main(["list", "--library", str(library)]) == 0
    assert EXPECT["title"] in capsys.readouterr().out
    assert main(["list", "--library", str(library), "--search", "Lavrov Tashkent"]) == 0
    assert EXPECT["title"] in capsys.readouterr().out
    assert main(["list", "--library", str(library), "--search", "zebrafish"]) == 0
    assert EXPECT["title"] not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["extract", "/no/such/page.html"], "/no/such/page.html"),
        (["extract", "javascript:alert(1)"], "javascript"),
        (["extract", "hello world"], "hello world"),
        (["save"], "PAGE"),
        (["--no-such-flag"], "--no-such-flag"),
        (["list", "--limit", "-1"], "not a number of clips: -1"),
        (["list", "--library", __file__], "is not a folder"),
        (["save", str(REFERENCE), "--library", __file__], "is not a folder"),
        (["save", str(REFERENCE), "--library", os.devnull], "is not a folder"),
        (["lsit"], "unknown command 'lsit' (did you mean 'list'?"),
        (["safe", "page.html"], "did you mean 'save'?"),
        (["Extrac", "page.html"], "did you mean 'extract'?"),
    ],
)
def test_errors_are_one_line_and_exit_1(argv: list[str], expected: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(argv) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert expected in err
    assert "Traceback" not in err


def _run(argv: list[str]) -> int | str | None:
    """main() as the shell sees it: argparse usage errors exit through SystemExit."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def test_bad_page_among_good_ones_still_saves_the_rest(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    library = tmp_path / "lib"
    # --no-images: the reference's lead photo, which cannot be fetched offline, adds a note
    assert main(["save", str(empty), str(REFERENCE), "--library", str(library),
                 "--no-images"]) == 1
    captured = capsys.readouterr()
    assert len(list(library.glob("*.md"))) == 1
    assert "empty" in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_real_process_exit_status_and_no_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "page.html"
    binary.write_bytes(bytes(range(256)) * 64)
    env = dict(os.environ, CLIPPER_LIBRARY=str(tmp_path / "lib"))
    proc = subprocess.run([sys.executable, "-m", "clipper", "save", str(binary)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "lib").exists() or not any((tmp_path / "lib").iterdir())


def test_window_without_display_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is Linux-only")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 1
    assert "display" in capsys.readouterr().err.lower()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import clipper

    assert _run(["--version"]) == 0
    assert clipper.__version__ in capsys.readouterr().out


def test_a_file_named_like_a_command_is_still_a_page(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from clipper import cli

    opened: list[list[str]] = []
    monkeypatch.setattr(cli, "_run_window", lambda args: opened.append(args.pages) or 0)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lsit").write_bytes(REFERENCE.read_bytes())
    assert cli.main(["lsit"]) == 0
    assert cli.main(["news"]) == 0  # not close to a command: the window explains what it is
    assert opened == [["lsit"], ["news"]]
