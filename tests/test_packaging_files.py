"""One app id and one version across pyproject, the package, .desktop, metainfo, icons and spec."""

from __future__ import annotations

import ast
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import clipper
from clipper import APP_ID, APP_NAME, DIST_NAME, __version__, desktop

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
HICOLOR = ROOT / "clipper" / "gui" / "assets" / "icons" / "hicolor"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
REVERSE_DNS = re.compile(r"\b(?:io|org|com|net)\.github\.[\w.-]+")


def _pyproject() -> str:
    return (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def test_the_package_version_is_the_one_version() -> None:
    """pyproject reads the version from clipper.__version__; the installed metadata must agree."""
    from importlib import metadata

    assert 'version = { attr = "clipper.__version__" }' in _pyproject()
    assert '"version"' in re.search(r"^dynamic = \[(.*)\]$", _pyproject(), re.MULTILINE).group(1)
    assert metadata.version(DIST_NAME) == __version__, "reinstall (pip install -e .)"
    assert re.search(rf'^name = "{re.escape(DIST_NAME)}"$', _pyproject(), re.MULTILINE)


def test_the_newest_release_entry_is_this_version() -> None:
    newest = desktop.RELEASES[0]
    assert newest.version == __version__, "add a Release for the new version in clipper/desktop.py"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.date)
    dates = [r.date for r in desktop.RELEASES]
    assert dates == sorted(dates, reverse=True), "releases are listed newest first"


def test_committed_linux_files_are_generated_from_the_package() -> None:
    for name, text in ((f"{APP_ID}.desktop", desktop.desktop_entry()),
                       (f"{APP_ID}.metainfo.xml", desktop.metainfo())):
        path = LINUX / name
        assert path.is_file(), f"missing {path}: run python packaging/linux/generate.py"
        assert path.read_text(encoding="utf-8") == text, \
            f"{path.name} is stale: run python packaging/linux/generate.py"
    assert sorted(p.name for p in LINUX.iterdir() if p.suffix != ".py") == sorted(
        [f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"])


def test_generate_check_agrees() -> None:
    out = subprocess.run([sys.executable, str(LINUX / "generate.py"), "--check"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_desktop_entry_uses_the_app_id_everywhere() -> None:
    entry = _entry(LINUX / f"{APP_ID}.desktop")
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "clipper %U"
    assert entry["TryExec"] == "clipper"
    # Qt uses the application name as the X11 window class: the launcher groups the window
    assert entry["StartupWMClass"] == APP_NAME
    assert entry["MimeType"] == "text/html;application/xhtml+xml;"
    assert entry["Categories"].endswith(";")
    assert entry["Keywords"].endswith(";")


def test_metainfo_uses_the_app_id_and_version() -> None:
    tree = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert tree.get("type") == "desktop-application"
    assert tree.findtext("id") == APP_ID
    assert tree.findtext("name") == APP_NAME
    assert tree.findtext("launchable") == f"{APP_ID}.desktop"
    assert tree.find("launchable").get("type") == "desktop-id"
    assert tree.findtext("icon") == APP_ID
    assert tree.find("content_rating").get("type").startswith("oars-")
    assert [b.text for b in tree.iterfind("provides/binary")] == ["clipper"]
    assert tree.find("releases/release").get("version") == __version__
    images = [i.text for i in tree.iterfind("screenshots/screenshot/image")]
    assert images
    assert all(i.startswith("https://") for i in images)
    # each screenshot is a file of this repository (the URLs point at the main branch)
    names = sorted(i.rsplit("/", 1)[1] for i in images)
    assert names == ["empty.png", "error.png", "loaded.png"]
    assert "/resources/screenshots/" in images[0]


def test_the_console_command_is_the_one_the_files_name() -> None:
    scripts = re.search(r"^\[project\.scripts\]\n(.*?)(?:\n\[|\Z)", _pyproject(), re.M | re.S)
    assert scripts
    assert re.search(r'^clipper = "clipper\.cli:main"$', scripts.group(1), re.M)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_every_icon_size_is_shipped_from_the_one_svg() -> None:
    for size in SIZES:
        png = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(png) == (size, size)
    svg = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == (ROOT / "resources" / "clipper.svg").read_bytes()
    ET.parse(svg)  # well-formed
    # the icons are package data, next to the installed code, not a path relative to the cwd
    assert (Path(clipper.__file__).parent / "gui" / "assets" / "icons" / "hicolor").is_dir()
    assert '"gui/assets/**/*"' in _pyproject()


def test_the_spec_takes_id_name_and_version_from_the_package() -> None:
    spec = (ROOT / "packaging" / "clipper.spec").read_text(encoding="utf-8")
    ast.parse(spec)  # a spec is Python
    assert "from clipper import APP_ID, APP_NAME, DIST_NAME, __version__" in spec
    assert not REVERSE_DNS.findall(spec), "the app id is repeated in the spec"
    assert not re.search(r"\b\d+\.\d+\.\d+\b", spec), "a version number is repeated in the spec"
    assert not re.search(r"['\"](?:/usr|/home|/tmp|/opt|[A-Z]:\\\\)", spec), \
        "the spec must not hold machine-specific paths"
    assert "copy_metadata(DIST_NAME)" in spec  # or clipper.__version__ breaks in the bundle


def test_no_other_app_id_is_spelled_out_anywhere() -> None:
    files = [*LINUX.iterdir(), ROOT / "packaging" / "clipper.spec", ROOT / "packaging" / "build.sh",
             *(ROOT / "clipper").rglob("*.py")]
    for path in files:
        if path.is_file():
            ids = set(REVERSE_DNS.findall(path.read_text(encoding="utf-8")))
            assert ids <= {APP_ID, f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"}, (path, ids)


@pytest.mark.parametrize("name", [f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"])
def test_the_validators_accept_the_committed_files(name: str) -> None:
    path = LINUX / name
    if name.endswith(".desktop"):
        tool = shutil.which("desktop-file-validate")
        command = [tool, str(path)]
        package = "desktop-file-utils"
    else:
        tool = shutil.which("appstreamcli")
        command = [tool, "validate", "--no-net", str(path)]
        package = "appstream"
    if tool is None:
        pytest.skip(f"the validator is not installed (apt-get install {package})")
    out = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    problems = [line for line in out.stdout.splitlines()
                if re.search(r": (warning|error): |^[EW]: ", line)]
    assert not problems, problems
