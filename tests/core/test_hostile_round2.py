"""Issue #17: hostile pages and unlucky moments, round two, tried through the real CLI.

One test (or a few) per case of the issue, named ``test_caseNN_...``; each fails on the
code before the fix. The limits themselves are stated in the README ("Limits and safety").
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import signal
import subprocess
import sys
import textwrap
import tracemalloc
import unicodedata
import zlib
from pathlib import Path

import pytest
from lxml import etree

from clipper.cli import main
from tests.helpers.httpserver import Request

PNG_1x1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

PROSE = " ".join(
    f"Sentence {i} of a long article about rivers, mountains and the weather, with commas, "
    "clauses and enough words to be chosen as the main text of the page."
    for i in range(12)
)


def png(width: int, height: int, extra: bytes = b"") -> bytes:
    """A real PNG header of the given size (what sniffing reads), padded with ``extra``."""
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x06\x00\x00\x00"
    chunk = b"IHDR" + ihdr
    crc = zlib.crc32(chunk).to_bytes(4, "big")
    idat = zlib.compress(b"\x00" * (width * 4 + 1) * height)
    idat_chunk = b"IDAT" + idat
    return (
        b"\x89PNG\r\n\x1a\n"
        + len(ihdr).to_bytes(4, "big")
        + chunk
        + crc
        + len(idat).to_bytes(4, "big")
        + idat_chunk
        + zlib.crc32(idat_chunk).to_bytes(4, "big")
        + extra
        + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def page(body: str, title: str = "A hostile page", head: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"{head}</head><body><article><h1>{title}</h1><p>{PROSE}</p>{body}"
        f"<p>{PROSE}</p></article></body></html>"
    )


def jsonld(headline: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def write_page(folder: Path, html: str, name: str = "page.html") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(html, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def clips(library: Path) -> list[Path]:
    return sorted(library.rglob("*.md"))


# --- 1. a data: image of any size ---------------------------------------------------------------


def test_case01_large_data_image_is_never_inlined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import clipper.images.download as download

    monkeypatch.setattr(download, "MAX_IMAGE_BYTES", 4096)
    big = base64.b64encode(png(64, 64, b"\x00" * 20000)).decode()
    small = base64.b64encode(PNG_1x1 + b"").decode()
    html = page(
        f"<p><img src='data:image/png;base64,{big}' alt='big' width='640'></p>"
        f"<p><img src='data:image/png;base64,{small}' alt='small' width='300'></p>"
    )
    code, _out, err = run(
        capsys, "save", str(write_page(tmp_path / "site", html)), "--library", str(tmp_path / "lib")
    )
    assert code == 0
    [clip] = clips(tmp_path / "lib")
    text = clip.read_text(encoding="utf-8")
    assert "data:" not in text  # the big one dropped, the small one written to a file
    assert len(text) < 10_000
    assert len(err) < 1000  # no line on stderr carries the image either
    assert "data:image/png" in err  # but it says which one was dropped
    assert "image size limit" in err


def test_case01_data_image_within_the_cap_becomes_a_file_even_without_downloads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = base64.b64encode(png(40, 30, b"\x00" * 4000)).decode()  # not a lazy-load stub
    html = page(f"<p><img src='data:image/png;base64,{data}' alt='chart' width='400'></p>")
    code, _out, _err = run(
        capsys,
        "save",
        str(write_page(tmp_path / "site", html)),
        "--library",
        str(tmp_path / "lib"),
        "--no-images",
    )
    assert code == 0
    [clip] = clips(tmp_path / "lib")
    assert "data:" not in clip.read_text(encoding="utf-8")
    assert len(list((tmp_path / "lib").glob("*.assets/*.png"))) == 1


def test_case01_big_data_images_skip_the_extractor_and_come_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Over 256 KB a data: address is kept out of the extractor (which copies it on every
    read); within the cap it comes back as a file, over it it is left out at load."""
    import clipper.images.download as download

    monkeypatch.setattr(download, "MAX_IMAGE_BYTES", 1024 * 1024)
    within = base64.b64encode(png(300, 200, b"\x00" * 400_000)).decode()
    over = base64.b64encode(png(400, 300, b"\x01" * 1_500_000)).decode()
    html = page(
        f"<p><img src='data:image/png;base64,{within}' alt='kept chart' width='600'></p>"
        f"<p><img src='data:image/png;base64,{over}' alt='huge photo' width='800'></p>"
    )
    path = write_page(tmp_path / "site", html)
    code, out, err = run(capsys, "extract", str(path))
    assert code == 0, err
    assert "huge photo" in out
    assert out.count("data:image/png;base64,") == 1  # the one within the cap, as it was
    assert within in out
    assert "left out" in err
    assert len(err) < 1000
    code, out, err = run(capsys, "save", str(path), "--library", str(tmp_path / "lib"))
    assert code == 0, err
    [clip] = clips(tmp_path / "lib")
    text = clip.read_text(encoding="utf-8")
    assert "data:" not in text
    assert "huge photo" in text
    assert len(list((tmp_path / "lib").glob("*.assets/*.png"))) == 1
    assert "data:image/png,… (" in err


def test_case01_plain_text_of_a_huge_image_link_needs_little_memory() -> None:
    from clipper.library.text import plain_text

    body = (
        "Before.\n\n![a chart](data:image/png;base64," + "QUFB" * 500_000 + ")\n\nAfter "
        "[a link](https://example.com/" + "x" * 1_000_000 + ") end.\n"
    )
    tracemalloc.start()
    try:
        text = plain_text(body)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text == "Before.\n\na chart\n\nAfter a link end."
    assert peak < 8 * len(body)  # a few copies of the text, not state per character


# --- 2. a total deadline for a clip's images --------------------------------------------------


def test_case02_images_share_one_deadline_and_stay_remote(
    http_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import clipper.images.download as download

    monkeypatch.setattr(download, "IMAGES_DEADLINE", 1.5)
    data = png(20, 20)
    for i in range(6):
        http_server.trickle(
            f"/img{i}.png", data, chunk_size=1, interval=0.5, content_type="image/png"
        )
    images = "".join(f"<p><img src='/img{i}.png' width='200' alt='i{i}'></p>" for i in range(6))
    http_server.route("/story", body=page(images))
    code, _out, err = run(
        capsys, "save", http_server.url("/story"), "--library", str(tmp_path / "lib")
    )
    assert code == 0
    [clip] = clips(tmp_path / "lib")
    text = clip.read_text(encoding="utf-8")
    assert text.count(http_server.url("/img")) == 6  # all stayed remote, all still shown
    assert "6 image(s)" in err
    assert "1.5 s" in err  # says why: the images' deadline passed


def test_case02_deadline_reported_in_the_save_result(http_server, tmp_path: Path) -> None:
    from clipper.images.download import localize_images

    http_server.trickle(
        "/slow.png", png(8, 8), chunk_size=1, interval=0.5, content_type="image/png"
    )
    body = f"![x]({http_server.url('/slow.png')})\n"
    staging = tmp_path / "staging"
    staging.mkdir()
    result = localize_images(body, staging, deadline=0.5)
    assert result.failed == [http_server.url("/slow.png")]
    assert "0.5 s" in result.errors[http_server.url("/slow.png")]


# --- 3. a FIFO named by <img src> ---------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_case03_fifo_image_next_to_a_saved_page_does_not_hang(tmp_path: Path) -> None:
    site = tmp_path / "site"
    path = write_page(site, page("<p><img src='pic.png' width='300' alt='pic'></p>"))
    os.mkfifo(site / "pic.png")
    script = textwrap.dedent(f"""
        import sys
        from clipper.cli import main
        sys.exit(main(["save", {str(path)!r}, "--library", {str(tmp_path / "lib")!r}]))
    """)
    try:
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
        )
    except subprocess.TimeoutExpired:
        pytest.fail("clipper save hung on a FIFO named by <img src>")
    assert done.returncode == 0, done.stderr
    assert "pic.png" in done.stderr  # reported as an image that could not be had
    assert len(clips(tmp_path / "lib")) == 1


# --- 4. control characters in link and image addresses ---------------------------------------


@pytest.mark.parametrize(
    "bad",
    ["&#x1;x:y", "&#xFFFE;", "&#xFFFF;", "http://a.example/&#x1;b", "&#x1b;[2Jhttp://a.example/"],
)
def test_case04_control_characters_in_addresses(
    tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    html = page(
        f"<p>See <a href='{bad}'>this link</a> and "
        f"<img src='{bad}' alt='one'> <img srcset='{bad} 2x, http://b.example/i.png 1x'"
        f" alt='two'> <a href='https://ok.example/'>a good one</a>.</p>"
    )
    code, _out, err = run(
        capsys,
        "save",
        str(write_page(tmp_path / "site", html)),
        "--library",
        str(tmp_path / "lib"),
        "--no-images",
    )
    assert code == 0, err
    [clip] = clips(tmp_path / "lib")
    text = clip.read_text(encoding="utf-8")
    assert "this link" in text
    assert "[a good one](https://ok.example/)" in text
    assert not any(unicodedata.category(ch) == "Cc" for ch in text.replace("\n", ""))


# --- 5. a lone surrogate in a JSON-LD headline --------------------------------------------------


def test_case05_lone_surrogate_in_jsonld_headline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headline = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Evil \\ud800 title"}</script>'
    )
    path = write_page(tmp_path / "site", page("", title="Evil title", head=headline))
    code, out, err = run(capsys, "save", str(path), "--library", str(tmp_path / "lib"))
    assert code == 0, err
    [clip] = clips(tmp_path / "lib")
    text = clip.read_text(encoding="utf-8")  # valid UTF-8
    assert "Evil" in clip.name
    code, out, err = run(capsys, "extract", str(path))
    assert code == 0, err
    out.encode("utf-8")
    assert "# Evil" in out
    assert "# Evil" in text


# --- 6. a batch keeps going ------------------------------------------------------------------


def test_case06_a_batch_tries_every_page_and_reports_each_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import clipper.pipeline as pipeline

    real = pipeline.extract

    def fragile(html: str, url: str | None = None):  # type: ignore[no-untyped-def]
        if "BOOM" in html:
            raise RuntimeError("a bug the page found")
        return real(html, url=url)

    monkeypatch.setattr(pipeline, "extract", fragile)
    site = tmp_path / "site"
    good = write_page(site, page("", title="Good one"), "good.html")
    bad = write_page(site, page("<p>BOOM</p>", title="Bad one"), "bad.html")
    missing = site / "missing.html"
    good2 = write_page(site, page("", title="Good two"), "good2.html")
    code, out, err = run(
        capsys,
        "save",
        str(good),
        str(bad),
        str(missing),
        str(good2),
        "--library",
        str(tmp_path / "lib"),
    )
    assert code == 1
    assert [Path(p).name for p in out.splitlines()] == ["Good one.md", "Good two.md"]
    lines = [line for line in err.splitlines() if line.startswith("clipper: error:")]
    assert len(lines) == 2
    assert str(bad) in lines[0]
    assert "RuntimeError" in lines[0]
    assert str(missing) in lines[1]


# --- 7. a killed save leaves nothing behind ---------------------------------------------------

KILL_AT_CLIP = """
import os, signal, sys
from pathlib import Path
from clipper.cli import main

real_link, real_rename, real_replace = os.link, os.rename, os.replace

def deadly(real):
    def call(src, dst, *args, **kwargs):
        if str(dst).endswith(".md") and Path(dst).parent == Path(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst, *args, **kwargs)
    return call

os.link, os.rename, os.replace = deadly(real_link), deadly(real_rename), deadly(real_replace)
sys.exit(main(["save", sys.argv[1], "--library", sys.argv[2]]))
"""


def test_case07_killed_save_is_cleaned_up_on_next_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    images = "".join(f"<p><img src='p{i}.png' width='300' alt='p{i}'></p>" for i in range(5))
    for i in range(5):
        (site / f"p{i}.png").parent.mkdir(parents=True, exist_ok=True)
        (site / f"p{i}.png").write_bytes(png(10 + i, 10))
    path = write_page(site, page(images, title="Forty pictures"))
    library = tmp_path / "lib"
    library.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", KILL_AT_CLIP, str(path), str(library)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL
    assert not list(library.glob("*.md"))
    # Next start: `clipper list` opens the library, the leftovers go, the name is free.
    code, out, err = run(capsys, "list", "--library", str(library))
    assert code == 0, err
    assert [p.name for p in library.iterdir() if not p.name.startswith(".clipper-backups")] == []
    code, out, err = run(capsys, "save", str(path), "--library", str(library))
    assert code == 0, err
    assert Path(out.strip()).name == "Forty pictures.md"
    assert len(list((library / "Forty pictures.assets").iterdir())) == 5


def test_case07_opening_a_library_keeps_a_save_in_progress(tmp_path: Path) -> None:
    """Another Clipper's staging folder, still in use, is not swept by this one's start."""
    from clipper.library import Library
    from clipper.library.staging import Staging

    library = tmp_path / "lib"
    library.mkdir()
    with Staging(library) as busy:
        (busy.folder / "image.png").write_bytes(b"x")
        with Library(library) as handle:
            handle.index()
        assert (busy.folder / "image.png").exists()
    assert not busy.folder.exists()


# --- 8. a truncated compressed body --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_case08_truncated_compressed_body_is_an_error(
    http_server, tmp_path: Path, encoding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = page("<p>" + "tail of the article " * 2000 + "</p>").encode()
    packed = gzip.compress(whole) if encoding == "gzip" else zlib.compress(whole)
    half = packed[: len(packed) // 2]

    def cut_off(request: Request) -> None:
        request.start(200, {"Content-Encoding": encoding})  # no length: ends when it closes
        request.write(half)

    http_server.route("/cut", handler=cut_off)
    code, _out, err = run(
        capsys, "save", http_server.url("/cut"), "--library", str(tmp_path / "lib")
    )
    assert code == 1
    assert "broke off" in err
    assert not (tmp_path / "lib").exists() or not clips(tmp_path / "lib")


def test_case08_complete_compressed_bodies_still_read(http_server) -> None:
    from clipper.fetch import http_get

    whole = page("<p>done</p>").encode()
    http_server.route(
        "/two-members",
        body=gzip.compress(whole[:100]) + gzip.compress(whole[100:]),
        headers={"Content-Encoding": "gzip"},
    )
    http_server.route(
        "/raw-deflate", body=zlib.compress(whole)[2:-4], headers={"Content-Encoding": "deflate"}
    )
    assert http_get(http_server.url("/two-members")).body == whole
    assert http_get(http_server.url("/raw-deflate")).body == whole


# --- 9. a backups folder that is a link out of the library ---------------------------------------


def test_case09_backups_never_go_through_a_symlink(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    library = tmp_path / "lib"
    path = write_page(tmp_path / "site", page("", title="Replace me"))
    assert run(capsys, "save", str(path), "--library", str(library))[0] == 0
    (library / ".clipper-backups").symlink_to(outside, target_is_directory=True)
    code, _out, err = run(
        capsys, "save", str(path), "--library", str(library), "--on-duplicate", "replace"
    )
    assert list(outside.iterdir()) == []
    assert (library / "Replace me.md").is_file()
    assert code == 1
    assert "backups" in err


# --- 10. a symlink named like the clip ---------------------------------------------------------


def test_case10_name_taken_by_a_symlink_moves_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("not yours\n", encoding="utf-8")
    library = tmp_path / "lib"
    library.mkdir()
    (library / "Link bait.md").symlink_to(outside)
    (library / "Link bait (2).assets").symlink_to(tmp_path, target_is_directory=True)
    code, out, err = run(
        capsys,
        "save",
        str(write_page(tmp_path / "site", page("", title="Link bait"))),
        "--library",
        str(library),
    )
    assert code == 0, err
    assert Path(out.strip()).name == "Link bait (3).md"
    assert outside.read_text(encoding="utf-8") == "not yours\n"


# --- 11. control characters reach no heading -------------------------------------------------


def test_case11_control_characters_in_jsonld_headline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = jsonld("Nul\u0000 bell\u0007 esc\u001b[31m red\u009b2J end")
    path = write_page(tmp_path / "site", page("", title="Plain", head=head))
    code, _out, err = run(capsys, "save", str(path), "--library", str(tmp_path / "lib"))
    assert code == 0, err
    [clip] = clips(tmp_path / "lib")
    text = clip.read_text(encoding="utf-8")
    assert not any(unicodedata.category(ch) == "Cc" for ch in text.replace("\n", ""))
    assert "\n# Nul bell esc red end\n" in text
    assert 'title: "Nul bell esc red end"' in text


# --- 12. terminal escapes never reach the terminal ---------------------------------------------


def test_case12_title_escapes_do_not_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "Clear &#27;[2J screen &#27;]0;owned&#7; now &#x9b;31m"
    library = tmp_path / "lib"
    path = write_page(tmp_path / "site", page("", title=title))
    assert run(capsys, "save", str(path), "--library", str(library))[0] == 0
    # A clip written by another program, with escapes in its front matter.
    (library / "other.md").write_text(
        '---\ntitle: "Evil \\e[2J \\e]0;x\\a \\u009b1m"\n---\n\n# Evil\n\nText.\n', encoding="utf-8"
    )
    for argv in (["list"], ["list", "--search", "screen"], ["list", "--search", "evil"]):
        code, out, err = run(capsys, *argv, "--library", str(library))
        assert code == 0, err
        assert out.strip()
        assert not any(unicodedata.category(ch) == "Cc" for ch in out.replace("\n", "")), out
        assert not any(unicodedata.category(ch) == "Cc" for ch in err.replace("\n", "")), err


# --- 13. only well-known link schemes stay links ------------------------------------------------

BAD_SCHEMES = [
    "ms-msdt:/id PCWDiagnostic",
    "search-ms:query=x",
    "ms-officecmd:{}",
    "shell:startup",
    "smb://attacker.example/share",
    "obsidian://open?vault=x",
    "file:///etc/passwd",
    "vbscript:msgbox",
    "steam://run/1",
    "x-unknown:payload",
]
GOOD_LINKS = [
    "https://a.example/x",
    "http://b.example/",
    "mailto:me@example.com",
    "ftp://files.example/f.txt",
    "tel:+15551234",
]


def test_case13_only_allowed_link_schemes_stay_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # each link inside a sentence: a bare list of links would go as boilerplate
    said = "about the river crossing and the weather, as the ferry log records it"
    links = "".join(f"<li>Read <a href='{url}'>bad {i}</a> {said}.</li>"
                    for i, url in enumerate(BAD_SCHEMES))
    links += "".join(f"<li>Read <a href='{url}'>good {i}</a> {said}.</li>"
                     for i, url in enumerate(GOOD_LINKS))
    cards = (
        "<a href='ms-msdt:/id x'><p>A card paragraph long enough.</p></a>"
        "<p><code><a href='shell:startup'>run_this</a></code></p>"
        "<p><img src='ms-msdt:/id y' alt='bad image'><a href='#sec'>to a section</a></p>"
    )
    html = page(f"<ul>{links}</ul>{cards}<h2 id='sec'>Section</h2>")
    code, out, err = run(capsys, "extract", str(write_page(tmp_path / "site", html)))
    assert code == 0, err
    out = out.split("\n---\n", 1)[1]  # the body (the front matter names the page's file)
    for i, url in enumerate(GOOD_LINKS):
        assert f"[good {i}]({url})" in out
    for i in range(len(BAD_SCHEMES)):
        assert f"bad {i}" in out
    for scheme in (
        "ms-msdt",
        "search-ms",
        "ms-officecmd",
        "shell:",
        "smb:",
        "obsidian:",
        "file:",
        "vbscript:",
        "steam:",
        "x-unknown:",
    ):
        assert scheme not in out
    assert "A card paragraph long enough." in out
    assert "run_this" in out
    assert "[to a section](#sec)" in out


def test_case13_the_writer_keeps_only_allowed_schemes() -> None:
    from lxml import html as lxml_html

    from clipper.markdown.writer import element_to_markdown

    root = lxml_html.fromstring(
        "<div><p><a href='ms-msdt:x'>one</a> <a href='HTTPS://ok.example/'>two</a> "
        "<img src='search-ms:y' alt='three'> <img src='https://ok.example/i.png' alt='four'>"
        "</p></div>"
    )
    md = element_to_markdown(root)
    assert md == "one [two](HTTPS://ok.example/) three ![four](https://ok.example/i.png)\n"


# --- 14. an SVG with an external DTD and entities ---------------------------------------------


def test_case14_svg_with_external_dtd_saves_as_valid_xml(
    http_server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    svg = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"' + http_server.url("/svg11.dtd").encode() + b'" [\n'
        b'  <!ENTITY brand "ACME">\n  <!ENTITY ext SYSTEM "'
        + http_server.url("/secret").encode()
        + b'">\n]>\n<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">'
        b'<text x="10" y="20">&brand; &ext; &undeclared;</text><rect width="300" height="200"/>'
        b"</svg>"
    )
    http_server.route("/logo.svg", body=svg, content_type="image/svg+xml")
    http_server.route("/story", body=page("<p><img src='/logo.svg' width='300' alt='logo'></p>"))
    code, _out, err = run(
        capsys, "save", http_server.url("/story"), "--library", str(tmp_path / "lib")
    )
    assert code == 0, err
    saved = list((tmp_path / "lib").glob("*.assets/*.svg"))
    assert len(saved) == 1
    strict = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.fromstring(saved[0].read_bytes(), strict)  # valid XML, entities and all
    assert "&" not in saved[0].read_text(encoding="utf-8")
    assert tree.tag.endswith("svg")
    assert http_server.requests_to("/svg11.dtd") == []
    assert http_server.requests_to("/secret") == []


# --- 15. names unique whatever their case and Unicode form -------------------------------------


def test_case15_names_unique_case_insensitively(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib"
    names = []
    for i, title in enumerate(
        [
            "Quarterly Report",
            "QUARTERLY REPORT",
            "quarterly report",
            "Caf\u00e9 notes",
            "Cafe\u0301 notes",
            "CAF\u00c9 NOTES",
        ]
    ):
        path = write_page(
            tmp_path / f"site{i}", page(f"<p>Different text {i} {'x' * i}.</p>", title=title)
        )
        code, out, err = run(capsys, "save", str(path), "--library", str(library))
        assert code == 0, err
        names.append(Path(out.strip()).name)
    assert names == [
        "Quarterly Report.md",
        "QUARTERLY REPORT (2).md",
        "quarterly report (3).md",
        "Café notes.md",
        "Café notes (2).md",
        "CAFÉ NOTES (3).md",
    ]


# --- and: no credentials echoed ---------------------------------------------------------------


def test_save_never_echoes_credentials(
    http_server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    address = http_server.url("/missing").replace("http://", "http://reader:s3cr3t@")
    code, _out, err = run(capsys, "save", address, "--library", str(tmp_path / "lib"))
    assert code == 1
    assert "404" in err
    assert "s3cr3t" not in err
    assert "reader" not in err


def test_case07_sweep_keeps_the_images_of_a_clip_that_was_published(tmp_path: Path) -> None:
    """Killed after the clip appeared (before its staging folder went): nothing is undone."""
    from clipper.library import Library
    from clipper.library.staging import Staging

    library = tmp_path / "lib"
    library.mkdir()
    staging = Staging(library).open()
    assets = library / "Done.assets"
    assets.mkdir()
    (assets / "abc.png").write_bytes(b"png")
    staging.record(library / "Done.md", assets, ["abc.png"])
    (library / "Done.md").write_text("# Done\n", encoding="utf-8")
    staging._lock.close()  # type: ignore[union-attr]  # as a killed process's would be
    with Library(library) as handle:
        handle.start()
    assert (assets / "abc.png").exists()
    assert not staging.folder.exists()


def test_case07_sweep_leaves_files_it_did_not_write(tmp_path: Path) -> None:
    """An .assets folder that holds more than the record names is not removed."""
    from clipper.library import Library
    from clipper.library.staging import Staging

    library = tmp_path / "lib"
    library.mkdir()
    staging = Staging(library).open()
    assets = library / "Half.assets"
    assets.mkdir()
    (assets / "abc.png").write_bytes(b"png")
    (assets / "mine.txt").write_text("someone's note", encoding="utf-8")
    staging.record(library / "Half.md", assets, ["abc.png", "../../escape.md"])
    staging._lock.close()  # type: ignore[union-attr]
    with Library(library) as handle:
        handle.start()
    assert sorted(p.name for p in assets.iterdir()) == ["mine.txt"]
    assert not staging.folder.exists()


@pytest.mark.parametrize("href", ["http://[x/a", "//[::1/x", "http://]x/", "https://a]b.example/"])
@pytest.mark.parametrize("url", ["https://news.example/a/b", "http://[bad/x", None])
def test_an_address_no_browser_could_open_is_no_link_and_no_crash(href, url):
    from clipper.extract import extract

    line = "The council met on Monday and voted on the harbour plan at length. "
    body = "<p>" + line * 8 + "</p>"
    page = (f'<html><head><link rel=canonical href="{href}"></head><body><article><h1>Harbour</h1>'
            f'{body}<p>Read also: <a href="{href}">Another long story about the harbour</a></p>'
            f'{body}<p><a class="btn" href="{href}">Jump</a></p></article></body></html>')
    article = extract(page, url)
    assert "The council met on Monday" in article.markdown
    assert href not in article.markdown
