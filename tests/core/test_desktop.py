"""`clipper --install-desktop`: menu entry, metainfo and icons in a temporary XDG_DATA_HOME."""

from __future__ import annotations

import os
import shutil
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from clipper import APP_ID, __version__, cli, desktop
from clipper.errors import ClipperError

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def _entry(text: str) -> dict[str, str]:
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def _validate_desktop(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    out = subprocess.run([tool, str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    # hints are advice, warnings and errors are not acceptable
    problems = [line for line in out.stdout.splitlines() if ": hint: " not in line]
    assert not problems, problems


def _validate_metainfo(path: Path) -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (apt-get install appstream)")
    out = subprocess.run([tool, "validate", "--no-net", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def _fake_tool(bin_dir: Path, name: str, log: Path) -> None:
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / name
    script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_install_writes_entry_metainfo_and_every_icon(data_home: Path) -> None:
    written = desktop.install()

    entry_path = data_home / "applications" / f"{APP_ID}.desktop"
    metainfo_path = data_home / "metainfo" / f"{APP_ID}.metainfo.xml"
    icons = {size: data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
             for size in SIZES}
    svg = data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert sorted(written) == sorted([entry_path, metainfo_path, svg, *icons.values()])
    for size, path in icons.items():
        assert _png_size(path) == (size, size)
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")

    entry = _entry(entry_path.read_text(encoding="utf-8"))
    launcher, field_code = entry["Exec"].rsplit(" ", 1)
    assert field_code == "%U"
    assert os.path.isabs(launcher), launcher
    assert os.access(launcher, os.X_OK), launcher
    assert entry["TryExec"] == launcher
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"] == "text/html;application/xhtml+xml;"


def test_installed_files_pass_the_validators(data_home: Path) -> None:
    desktop.install()
    _validate_desktop(data_home / "applications" / f"{APP_ID}.desktop")
    _validate_metainfo(data_home / "metainfo" / f"{APP_ID}.metainfo.xml")


def test_the_installed_launcher_runs_this_clipper(data_home: Path) -> None:
    desktop.install()
    entry = _entry((data_home / "applications" / f"{APP_ID}.desktop").read_text("utf-8"))
    launcher = entry["Exec"].rsplit(" ", 1)[0]
    out = subprocess.run([launcher, "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"Clipper {__version__}"


def test_uninstall_removes_exactly_what_install_wrote(data_home: Path) -> None:
    # files of other applications in the same folders must survive
    other_entry = data_home / "applications" / "org.example.Other.desktop"
    other_icon = data_home / "icons" / "hicolor" / "48x48" / "apps" / "org.example.Other.png"
    for path in (other_entry, other_icon):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not ours")

    written = desktop.install()
    removed = desktop.uninstall()

    assert sorted(removed) == sorted(written)
    assert not any(path.exists() for path in written)
    assert other_entry.read_bytes() == b"not ours"
    assert other_icon.read_bytes() == b"not ours"
    assert desktop.uninstall() == []  # nothing left to remove: not an error


def test_install_twice_replaces_the_files(data_home: Path) -> None:
    first = desktop.install()
    entry = data_home / "applications" / f"{APP_ID}.desktop"
    entry.write_text("stale", encoding="utf-8")
    assert desktop.install() == first
    assert entry.read_text(encoding="utf-8").startswith("[Desktop Entry]")
    assert not list(entry.parent.glob(".*.tmp"))


def test_install_refreshes_the_menu_with_the_tools_that_exist(
        data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "calls.log"
    bin_dir = tmp_path / "bin"
    _fake_tool(bin_dir, "update-desktop-database", log)
    _fake_tool(bin_dir, "gtk-update-icon-cache", log)
    monkeypatch.setenv("PATH", str(bin_dir))

    desktop.install()
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls == [f"update-desktop-database -q {data_home / 'applications'}"]

    # an icon cache that exists must be refreshed, or it would hide the new icon
    (data_home / "icons" / "hicolor" / "icon-theme.cache").write_bytes(b"")
    log.unlink()
    desktop.uninstall()
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls == [f"update-desktop-database -q {data_home / 'applications'}",
                     f"gtk-update-icon-cache -q -t -f {data_home / 'icons' / 'hicolor'}"]


def test_install_works_without_any_desktop_tools(
        data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert len(desktop.install()) == 2 + len(SIZES) + 1
    assert len(desktop.uninstall()) == 2 + len(SIZES) + 1


def test_unwritable_data_home_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "share"))  # a folder below a file
    with pytest.raises(ClipperError, match=r"^Cannot write .*io\.github") as info:
        desktop.install()
    assert "\n" not in str(info.value)


def test_relative_xdg_data_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path
                                           ) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.data_home() == tmp_path / ".local" / "share"


def test_other_platforms_get_a_clear_error(monkeypatch: pytest.MonkeyPatch, data_home: Path
                                           ) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(ClipperError, match="only needed on Linux") as info:
        desktop.install()
    assert info.value.hint
    assert "packaging/README.md" in info.value.hint
    with pytest.raises(ClipperError):
        desktop.uninstall()
    assert not data_home.exists()


@pytest.mark.parametrize(("command", "expected"), [
    (["/usr/bin/clipper"], "/usr/bin/clipper %U"),
    (["/opt/my apps/clipper"], '"/opt/my apps/clipper" %U'),
    (["/home/a$b/100%/clip`per"], '"/home/a\\\\$b/100%%/clip\\\\`per" %U'),
    (["/venv/bin/python", "-m", "clipper"], "/venv/bin/python -m clipper %U"),
])
def test_exec_is_quoted_as_the_spec_requires(
        command: list[str], expected: str, tmp_path: Path) -> None:
    text = desktop.desktop_entry(command)
    assert _entry(text)["Exec"] == expected
    path = tmp_path / f"{APP_ID}.desktop"
    path.write_text(text, encoding="utf-8")
    _validate_desktop(path)


def test_launcher_of_a_bundle_is_the_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path
                                            ) -> None:
    exe = tmp_path / "Clipper" / "clipper"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert desktop.launcher_command() == [str(exe)]


def test_launcher_prefers_the_script_that_is_running(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    script = tmp_path / "bin" / "clipper"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script), "--install-desktop"])
    assert desktop.launcher_command() == [str(script)]


def test_launcher_falls_back_to_the_interpreter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path
                                                ) -> None:
    python = tmp_path / "python3"  # no clipper script beside it, none on PATH
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setattr(sys, "argv", ["-c"])
    monkeypatch.setenv("PATH", str(tmp_path))
    assert desktop.launcher_command() == [str(python), "-m", "clipper"]


def test_cli_prints_one_path_per_line(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--install-desktop"]) == 0
    installed = capsys.readouterr().out.splitlines()
    assert len(installed) == 2 + len(SIZES) + 1
    assert all(Path(line).is_file() for line in installed)

    assert cli.main(["--uninstall-desktop"]) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == sorted(installed)
    assert not any(Path(line).exists() for line in installed)
