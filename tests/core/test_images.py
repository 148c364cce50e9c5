"""Images saved next to clips: fetched from a loopback server, checked, never fatal."""

from __future__ import annotations

import hashlib
import re
import struct
import threading
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers.hang_guard import assert_finishes
from helpers.httpserver import LoopbackServer, Request
from helpers.images import png

from clipper.errors import CancelledError
from clipper.fetch import Limits
from clipper.images.download import localize_images
from clipper.images.refs import best_image_url, find_image_refs, parse_srcset
from clipper.images.sniff import sanitize_svg, sniff
from clipper.library import read_clip, save_clip
from clipper.models import Clip


def gif(width: int, height: int) -> bytes:
    return (b"GIF89a" + struct.pack("<HH", width, height) + b"\x80\x00\x00"
            + b"\x00\x00\x00\xff\xff\xff" + b",\x00\x00\x00\x00" + struct.pack("<HH", width, height)
            + b"\x00\x02\x02D\x01\x00;")


def jpeg(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def name_of(data: bytes, ext: str) -> str:
    return hashlib.sha256(data).hexdigest()[:12] + ext


PHOTO = png(40, 20, 1)
WIDE = png(64, 32, 2)
LAZY = png(30, 30, 3)
JPEG = jpeg(800, 600)
PIXEL = gif(1, 1)
EVIL_SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" '
            b'onload="alert(1)"><script>alert(2)</script>'
            b'<a xlink:href="javascript:alert(3)"><rect width="5" height="5" onclick="x()"/></a>'
            b'<image href="https://tracker.example/p.png"/><circle r="4"/></svg>')


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "library"
    lib.mkdir()
    return lib


def serve_images(server: LoopbackServer) -> None:
    server.route("/img/photo.png", PHOTO, content_type="image/png")
    server.route("/img/photo-copy.png", PHOTO, content_type="image/png")
    server.route("/img/wide-1600.png", WIDE, content_type="image/png")
    server.route("/img/lazy.png", LAZY, content_type="image/png")
    server.route("/img/pic.jpg", JPEG, content_type="application/octet-stream")  # wrong type
    server.route("/img/pixel.gif", PIXEL, content_type="image/gif")
    server.route("/img/fake.png", "<html><body>Not found</body></html>",
                 content_type="image/png")
    server.route("/img/drawing.svg", EVIL_SVG, content_type="image/svg+xml")


def assets_files(library: Path) -> dict[str, bytes]:
    return {p.relative_to(library).as_posix(): p.read_bytes()
            for p in library.rglob("*") if p.is_file() and p.suffix != ".md"}


def linked(clip_path: Path) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)", clip_path.read_text(encoding="utf-8"))


def test_images_are_saved_next_to_the_clip(http_server: LoopbackServer, library: Path) -> None:
    serve_images(http_server)
    http_server.route("/img/huge.png", PHOTO + b"\x00" * (21 * 1024 * 1024),
                      content_type="image/png")
    u = http_server.url
    body = (
        f"Intro.\n\n![A photo](<{u('/img/photo.png')}> \"The title\")\n\n"
        f"Same photo elsewhere: ![again]({u('/img/photo-copy.png')})\n\n"
        f"![jpeg]({u('/img/pic.jpg')})\n\n"
        f"![]({u('/img/pixel.gif')})Tracking pixel gone.\n\n"
        f"![missing]({u('/img/missing.png')})\n\n"
        f"![fake]({u('/img/fake.png')})\n\n"
        f"![huge]({u('/img/huge.png')})\n\n"
        f"![svg]({u('/img/drawing.svg')})\n\n"
        f"[![linked]({u('/img/photo.png')})](https://example.com/full)\n\n"
        f"```\n![not an image]({u('/img/lazy.png')})\n```\n\n"
        f"Inline code `![nor this]({u('/img/lazy.png')})` stays.\n"
    )
    source = "https://news.example/story?id=7"
    result = save_clip(Clip(title="My (odd) title", body=body, source=source), library)

    assert result.images_saved == 4  # two URLs of one picture: one file
    assert sorted(result.images_failed) == sorted(
        [u("/img/missing.png"), u("/img/fake.png"), u("/img/huge.png")])
    assert "404" in result.image_errors[u("/img/missing.png")]
    assert "web page" in result.image_errors[u("/img/fake.png")]
    assert "limit" in result.image_errors[u("/img/huge.png")]
    assert "tracking pixel" in result.image_errors[u("/img/pixel.gif")]

    assets = library / "My (odd) title.assets"
    assert result.assets_dir == assets
    svg_name = next(p.name for p in assets.iterdir() if p.suffix == ".svg")
    assert sorted(p.name for p in assets.iterdir()) == sorted(
        [name_of(PHOTO, ".png"), name_of(JPEG, ".jpg"), svg_name])
    assert (assets / name_of(PHOTO, ".png")).read_bytes() == PHOTO
    svg = (assets / svg_name).read_bytes()
    assert b"<script" not in svg
    assert b"onload" not in svg
    assert b"onclick" not in svg
    assert b"javascript:" not in svg
    assert b"tracker.example" not in svg
    assert b"<circle" in svg

    text = result.path.read_text(encoding="utf-8")
    prefix = "My%20%28odd%29%20title.assets/"
    assert f'![A photo]({prefix}{name_of(PHOTO, ".png")} "The title")' in text
    assert f"![again]({prefix}{name_of(PHOTO, '.png')})" in text
    assert f"[![linked]({prefix}{name_of(PHOTO, '.png')})](https://example.com/full)" in text
    assert "pixel.gif" not in text
    assert "Tracking pixel gone." in text
    assert f"![missing]({u('/img/missing.png')})" in text  # failed: stays remote
    assert f"![not an image]({u('/img/lazy.png')})" in text
    assert f"`![nor this]({u('/img/lazy.png')})`" in text
    for link in linked(result.path):
        if not link.startswith("http"):
            assert (library / unquote(link)).is_file(), link
    assert not http_server.requests_to("/img/lazy.png")  # code is not fetched

    # Each image was fetched once, with the clip's site as Referer (its full address only
    # goes to its own host, as browsers do) and an image Accept.
    photo_requests = http_server.requests_to("/img/photo.png")
    assert len(photo_requests) == 1
    assert photo_requests[0].headers["referer"] == "https://news.example/"
    assert photo_requests[0].headers["accept"].startswith("image/")


def test_srcset_and_lazy_images_in_kept_html(http_server: LoopbackServer, library: Path) -> None:
    serve_images(http_server)
    u = http_server.url
    placeholder = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    body = (
        "| a | b |\n|---|---|\n"
        f'| <img src="{u("/img/small.png")}" srcset="{u("/img/small.png")} 400w, '
        f'{u("/img/wide-1600.png")} 1600w, {u("/img/print-5000.png")} 5000w" alt="wide"> '
        f'| <img src="{placeholder}" data-src="{u("/img/lazy.png")}" alt="lazy"> |\n'
        f'| <img src="{u("/img/pixel.gif")}" width="1" height="1"> | x |\n'
    )
    result = save_clip(Clip(title="Table", body=body, source="https://e.example/t"), library)
    assert result.images_saved == 2
    text = result.path.read_text(encoding="utf-8")
    assert f'<img src="Table.assets/{name_of(WIDE, ".png")}" alt="wide">' in text
    assert f'<img src="Table.assets/{name_of(LAZY, ".png")}" alt="lazy">' in text
    assert "pixel.gif" not in text
    assert not http_server.requests_to("/img/small.png")
    assert not http_server.requests_to("/img/print-5000.png")
    assert not http_server.requests_to("/img/pixel.gif")  # width=1 height=1: never fetched


def test_web_page_may_not_name_local_files(http_server: LoopbackServer, library: Path,
                                           tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(5, 5, 9))
    body = (
        f"![a](file://{secret})\n\n![b]({secret})\n\n![c](../secret.png)\n\n"
        "![d](file:///etc/passwd)\n\n![e](/etc/passwd)\n\n![f](../../../../etc/passwd)\n\n"
        "![g](C:\\Windows\\win.ini)\n\n![h](javascript:alert(1))\n"
    )
    result = save_clip(Clip(title="Sneaky", body=body, source=http_server.url("/page")),
                       library)
    text = result.path.read_text(encoding="utf-8")
    assert result.images_saved == 0
    assert result.assets_dir is None
    assert "secret" not in text
    assert "passwd" not in text
    assert "win.ini" not in text
    assert "javascript" not in text
    assert all(ch in text for ch in "abcdefgh")  # the alt text stays
    assert all("computer" in why or "fetch" in why for why in result.image_errors.values())
    assert {p.name for p in library.iterdir()} == {"Sneaky.md"}


def test_local_saved_page_may_use_its_own_folder(library: Path, tmp_path: Path) -> None:
    page_dir = tmp_path / "saved"
    files = page_dir / "page_files"
    files.mkdir(parents=True)
    (files / "one.png").write_bytes(PHOTO)
    (files / "two pic.jpg").write_bytes(JPEG)
    (files / "not-image.png").write_text("<html>no</html>", encoding="utf-8")
    outside = tmp_path / "outside.png"
    outside.write_bytes(LAZY)
    (files / "link.png").symlink_to(outside)
    body = (
        f"![one]({(files / 'one.png').as_uri()})\n\n"
        "![two](page_files/two%20pic.jpg)\n\n"
        f"![out]({outside.as_uri()})\n\n"
        "![up](page_files/../../outside.png)\n\n"
        f"![link]({(files / 'link.png').as_uri()})\n\n"
        f"![bad]({(files / 'not-image.png').as_uri()})\n"
    )
    result = save_clip(Clip(title="Saved page", body=body), library, page_dir=page_dir)
    assets = library / "Saved page.assets"
    assert sorted(p.name for p in assets.iterdir()) == sorted(
        [name_of(PHOTO, ".png"), name_of(JPEG, ".jpg")])
    text = result.path.read_text(encoding="utf-8")
    assert f"![one](Saved%20page.assets/{name_of(PHOTO, '.png')})" in text
    assert f"![two](Saved%20page.assets/{name_of(JPEG, '.jpg')})" in text
    assert "outside" not in text
    assert "link.png" not in text  # never read, taken out
    # a local file that is not an image cannot stay "remote": it is taken out, with the reason
    assert "not-image" not in text
    assert result.images_failed == []
    assert "not an image" in result.image_errors[(files / "not-image.png").as_uri()]
    assert LAZY not in {p.read_bytes() for p in assets.iterdir()}


def test_download_off_keeps_remote_images_but_drops_local_ones(
        http_server: LoopbackServer, library: Path) -> None:
    serve_images(http_server)
    url = http_server.url("/img/photo.png")
    body = f"![p]({url})\n\n![x](file:///etc/passwd)\n"
    result = save_clip(Clip(title="No images", body=body, source="https://e.example/"),
                       library, download_images=False)
    text = result.path.read_text(encoding="utf-8")
    assert f"![p]({url})" in text
    assert "passwd" not in text
    assert result.images_saved == 0
    assert not http_server.requests
    assert {p.name for p in library.iterdir()} == {"No images.md"}


def test_inline_data_images_become_files(library: Path) -> None:
    import base64

    data_url = "data:image/png;base64," + base64.b64encode(PHOTO).decode()
    result = save_clip(Clip(title="Inline", body=f"![i]({data_url})\n"), library)
    assert result.images_saved == 1
    assert read_clip(result.path).body == f"![i](Inline.assets/{name_of(PHOTO, '.png')})\n"


def test_caps_per_image_and_per_clip(http_server: LoopbackServer, tmp_path: Path) -> None:
    big = png(200, 200, 5)
    http_server.route("/a.png", PHOTO, content_type="image/png")
    http_server.route("/big.png", big, content_type="image/png", chunked=True)  # no length
    http_server.route("/b.png", WIDE, content_type="image/png")
    body = "".join(f"![x]({http_server.url(p)})\n\n" for p in ("/a.png", "/big.png", "/b.png"))
    staging = tmp_path / "staging"
    staging.mkdir()
    result = localize_images(body, staging, limits=Limits(max_bytes=len(big) - 1),
                             total_cap=len(PHOTO) + len(WIDE) - 1, workers=1)
    assert result.outcomes[http_server.url("/big.png")].error
    saved = [u for u, o in result.outcomes.items() if o.file]
    over = [u for u, o in result.outcomes.items() if o.error and "total" in o.error]
    assert len(saved) == 1
    assert len(over) == 1  # a second image would pass the clip's total


def test_downloads_run_in_parallel_with_a_small_limit(http_server: LoopbackServer,
                                                       tmp_path: Path) -> None:
    active = 0
    peak = 0
    lock = threading.Lock()

    def slow(request: Request) -> None:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        request.wait(0.3)
        with lock:
            active -= 1
        request.reply(png(3, 3, int(request.path.strip("/").split(".")[0])),
                      content_type="image/png")

    for i in range(10):
        http_server.route(f"/{i}.png", handler=slow)
    body = "".join(f"![{i}]({http_server.url(f'/{i}.png')})\n" for i in range(10))
    staging = tmp_path / "s"
    staging.mkdir()
    seen: list[tuple[int, int | None]] = []
    result = localize_images(body, staging, progress=lambda stage, d, t: seen.append((d, t)))
    assert result.saved == 10
    assert 2 <= peak <= 4
    assert seen[0] == (0, 10)
    assert seen[-1] == (10, 10)


def test_cancel_during_downloads_writes_nothing(http_server: LoopbackServer,
                                                library: Path) -> None:
    cancel = threading.Event()
    http_server.route("/fast.png", PHOTO, content_type="image/png")
    http_server.silent("/hang.png")
    body = f"![a]({http_server.url('/fast.png')})\n![b]({http_server.url('/hang.png')})\n"

    def progress(stage: str, done: int, total: int | None) -> None:
        if done >= 1:
            cancel.set()  # the user presses Stop while an image still hangs

    with pytest.raises(CancelledError):
        save_clip(Clip(title="Cancelled", body=body), library, progress=progress, cancel=cancel)
    assert list(library.iterdir()) == []


# --- units: picking URLs and recognising bytes -------------------------------------------------

def test_parse_srcset_handles_commas_in_urls() -> None:
    value = ("https://cdn.example/w_400,h_300/a.jpg 400w, https://cdn.example/w_800,h_600/a.jpg "
             "800w,https://cdn.example/b.jpg 2x")
    assert parse_srcset(value) == [
        ("https://cdn.example/w_400,h_300/a.jpg", 400.0, None),
        ("https://cdn.example/w_800,h_600/a.jpg", 800.0, None),
        ("https://cdn.example/b.jpg", None, 2.0)]


@pytest.mark.parametrize(("attrs", "expected"), [
    ({"src": "a.jpg"}, "https://e.example/p/a.jpg"),
    ({"src": "a.jpg", "srcset": "a.jpg 1x, a2.jpg 2x, a3.jpg 3x"}, "https://e.example/p/a2.jpg"),
    ({"src": "s.jpg", "srcset": "s.jpg 300w, m.jpg 1200w, xl.jpg 6000w"},
     "https://e.example/p/m.jpg"),
    ({"src": "data:image/gif;base64,R0lGOD", "data-src": "/real.jpg"},
     "https://e.example/real.jpg"),
    ({"src": "/img/spacer.gif", "data-original": "big.jpg"}, "https://e.example/p/big.jpg"),
    ({"src": "x.jpg", "data-srcset": "y.jpg 500w, z.jpg 900w"}, "https://e.example/p/z.jpg"),
    ({"src": "data:image/gif;base64,R0lGOD"}, None),
    ({}, None),
])
def test_best_image_url(attrs: dict[str, str], expected: str | None) -> None:
    assert best_image_url(attrs, "https://e.example/p/page.html") == expected


def test_image_references_in_markdown() -> None:
    body = ("![a](<https://e.example/a b.png>) ![b](https://e.example/p(1).png 'T') "
            "\\![not](x.png) ![c]( https://e.example/c.png ) [![d](d.png)](https://l.example/)\n"
            '<img alt="e" src="https://e.example/e.png">\n```\n![z](z.png)\n```\n')
    refs = find_image_refs(body)
    assert [(r.kind, r.url, r.alt) for r in refs] == [
        ("markdown", "https://e.example/a b.png", "a"),
        ("markdown", "https://e.example/p(1).png", "b"),
        ("markdown", "https://e.example/c.png", "c"),
        ("markdown", "d.png", "d"),
        ("html", "https://e.example/e.png", "e")]


def test_image_with_quotes_in_its_title_is_found() -> None:
    """The Markdown writer escapes quotes in titles; the closing quote is the unescaped one."""
    body = '![a](https://e.example/a.png "He said \\"hi\\"") and ![b](b.png (x \\) y))'
    assert [r.url for r in find_image_refs(body)] == ["https://e.example/a.png", "b.png"]


HOSTILE_TEXT = [
    ("![", 100_000),                    # unclosed alt text, each scanned to the end
    ("![](", 100_000),                  # unclosed destinations
    ('\\<img "', 50_000),               # text that looks like unclosed tags
    ('<img a="x', 50_000),
]


def test_scanning_for_images_is_linear_on_hostile_text() -> None:
    """Minutes to an hour each with the scanner this replaced; milliseconds now."""
    assert_finishes("from clipper.images.refs import find_image_refs",
                    [f"find_image_refs({unit!r} * {count})" for unit, count in HOSTILE_TEXT])


def test_rewriting_many_images_is_linear(tmp_path: Path) -> None:
    """Each image once copied the whole body: hours for this one, a second now."""
    import base64

    pixel = "data:image/png;base64," + base64.b64encode(png(2, 2)).decode()
    link = f"](x.assets/{name_of(png(2, 2), '.png')})"
    setup = ("from pathlib import Path\nfrom clipper.images.download import localize_images\n"
             f"body = ''.join(f'Paragraph {{i}}.\\n\\n![p{{i}}]({pixel})\\n\\n' "
             "for i in range(60_000))\n"
             f"images = localize_images(body, Path({str(tmp_path)!r}))")
    assert_finishes(setup, [f"assert images.body_for('x.assets').count({link!r}) == 60_000"])


def test_many_downloads_watch_only_a_few_futures_at_a_time(
        http_server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import clipper.images.download

    http_server.route("/p.png", PHOTO, content_type="image/png")
    watched: list[int] = []
    real_wait = clipper.images.download.wait

    def counting_wait(futures, **kw):  # type: ignore[no-untyped-def]
        watched.append(len(futures))
        return real_wait(futures, **kw)

    monkeypatch.setattr(clipper.images.download, "wait", counting_wait)
    body = "".join(f"![i]({http_server.url('/p.png')}?n={i})\n\n" for i in range(60))
    images = localize_images(body, tmp_path, workers=3)
    assert images.saved == 60
    assert len(http_server.requests) == 60
    assert max(watched) <= 6  # not all 60 at once: wait() costs time in what it watches


def test_local_image_name_with_a_nul_is_dropped_not_a_crash(library: Path,
                                                            tmp_path: Path) -> None:
    page_dir = tmp_path / "saved"
    page_dir.mkdir()
    body = f"![a](page_files/a%00.png)\n\n![b]({page_dir.as_uri()}/b%00.png)\n"
    result = save_clip(Clip(title="Nul", body=body), library, page_dir=page_dir)
    assert result.images_saved == 0
    assert "%00" not in result.path.read_text(encoding="utf-8")


def test_malformed_image_address_stays_remote_not_a_crash(library: Path) -> None:
    body = "![a](http://[bad/a.png)\n\n![b](https://[::1]:99999/b.png)\n"
    result = save_clip(Clip(title="Bad address", body=body, source="http://[x/"), library)
    assert sorted(result.images_failed) == ["http://[bad/a.png", "https://[::1]:99999/b.png"]
    assert result.path.read_text(encoding="utf-8").endswith(body)


@pytest.mark.parametrize(("image", "sent"), [
    ("https://news.example/img/a.png", "https://news.example/story?id=7"),
    ("https://cdn.example/a.png", "https://news.example/"),
    ("http://news.example/a.png", "https://news.example/"),     # another scheme
    ("https://news.example:8443/a.png", "https://news.example/"),
    ("https://[bad/a.png", ""),
])
def test_full_page_address_goes_only_to_its_own_host(image: str, sent: str) -> None:
    from clipper.images.download import referer_for

    assert referer_for("https://news.example/story?id=7", image) == sent


@pytest.mark.parametrize("svg", [
    b"<style>rect { fill: \\75 rl(https://evil.test/a.png) }</style>",   # CSS escape of url(
    b"<style>@im<!-- split -->port 'https://evil.test/a.css';</style>",   # comment split
    b'<style>rect { background: image-set("https://evil.test/a.png" 1x) }</style>',
    b'<rect fill="url(https://evil.test/paint.svg#p)" width="5" height="5"/>',
    b'<rect filter="url(https://evil.test/f.svg#f)" width="5" height="5"/>',
])
def test_sanitized_svg_loads_nothing_from_elsewhere(svg: bytes) -> None:
    cleaned = sanitize_svg(b'<svg xmlns="http://www.w3.org/2000/svg">' + svg + b"</svg>")
    assert cleaned is not None
    assert b"evil.test" not in cleaned


@pytest.mark.parametrize(("data", "kind", "size"), [
    (png(3, 2), "png", (3, 2)),
    (jpeg(640, 480), "jpeg", (640, 480)),
    (gif(1, 1), "gif", (1, 1)),
    (b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\x1f\x00\x00\x0f\x00\x00",
     "webp", (32, 16)),
    (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf", "avif", (None, None)),
    (b"BM" + b"\x00" * 12 + struct.pack("<Iii", 40, 4, -3) + b"\x00" * 30, "bmp", (4, 3)),
    (b"\x00\x00\x01\x00\x01\x00\x10\x10" + b"\x00" * 20, "ico", (16, 16)),
    (b'<?xml version="1.0"?>\n<!-- c --><svg xmlns="http://www.w3.org/2000/svg"/>', "svg",
     (None, None)),
])
def test_sniff_recognises_images(data: bytes, kind: str, size: tuple) -> None:
    info = sniff(data)
    assert info is not None
    assert info.kind == kind
    assert (info.width, info.height) == size


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html><html><body>404</body></html>", b"", b"%PDF-1.7", b"just text",
    b"<html><svg></svg></html>", b"\x00\x00\x00\x1cftypisom",
])
def test_sniff_rejects_what_is_not_an_image(data: bytes) -> None:
    assert sniff(data) is None


def test_sanitize_svg_rejects_broken_or_foreign_xml() -> None:
    assert sanitize_svg(b"<svg><unclosed></svg>") is None
    assert sanitize_svg(b"<html/>") is None
    entity = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
              b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>')
    cleaned = sanitize_svg(entity)
    assert cleaned is None or b"root:" not in cleaned


def test_page_to_clip_with_images_end_to_end(http_server: LoopbackServer, library: Path) -> None:
    """Through the real pipeline: the extractor picks srcset/lazy URLs, the library fetches."""
    from clipper.models import Source
    from clipper.pipeline import load

    serve_images(http_server)
    http_server.route("/img/late.png", LAZY, content_type="image/png")
    para = "<p>" + "The river wound through the valley, carrying silt downstream. " * 8 + "</p>"
    stub = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    page = (
        "<!doctype html><html><head><title>River story</title></head><body><article>"
        f"<h1>River story</h1>{para}"
        '<figure><img src="/img/small.png" srcset="/img/small.png 400w, '
        '/img/wide-1600.png 1600w" alt="wide"><figcaption>Wide</figcaption></figure>'
        f'{para}<p><img src="{stub}" data-src="/img/late.png" alt="late"></p>{para}'
        '<img src="/img/pixel.gif" width="1" height="1">'
        f'<p><img src="file:///etc/passwd" alt="evil"></p>{para}</article></body></html>'
    )
    http_server.route("/story", page)
    loaded = load(Source.from_argument(http_server.url("/story")))
    result = save_clip(Clip.from_article(loaded.article), library,
                       page_dir=loaded.page.local_dir)
    assets = library / "River story.assets"
    assert {p.read_bytes() for p in assets.iterdir()} == {WIDE, LAZY}
    text = result.path.read_text(encoding="utf-8")
    assert "passwd" not in text
    assert "127.0.0.1" not in text.split("---")[2].replace(http_server.url("/story"), "")
    assert not http_server.requests_to("/img/small.png")
    assert http_server.requests_to("/img/wide-1600.png")[0].headers["referer"] == \
        http_server.url("/story")
