"""``clipper reextract`` (issue 15): today's extractor on the pages a library kept, offline;
a clip edited by hand is left alone unless --force; nothing is replaced without a backup."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers.httpserver import LoopbackServer
from helpers.pages import article_page
from helpers.window import png_bytes

from clipper.cli import main
from clipper.library import Library, read_clip
from clipper.library.snapshots import body_hash
from clipper.reextract import Outcome, Rewriter, plan_clip

SUMMARY = re.compile(
    r"(\d+) clips?: (\d+) (?:changed|would change), (\d+) the same, "
    r"(\d+) skipped as edited, (\d+) without a snapshot"
)


def clipper(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in its own process (the test's private folders via the
    environment)."""
    return subprocess.run(
        [sys.executable, "-m", "clipper", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )


def summary(out: str) -> tuple[int, ...]:
    match = SUMMARY.search(out)
    assert match, out
    return tuple(int(g) for g in match.groups())


def set_body(path: Path, body: str, *, keep_hash: bool) -> None:
    """Write ``body`` into the clip; ``keep_hash``: as a hand edit (the recorded hash
    stays); else as an older extractor would have saved it (the hash follows)."""
    text = path.read_text(encoding="utf-8")
    old = read_clip(path).body
    text = text.replace(old, body)
    if not keep_hash:
        text = re.sub(r'body_hash: "[^"]*"', f'body_hash: "{body_hash(body)}"', text)
    path.write_text(text, encoding="utf-8")


def test_three_pages_re_extract_offline_edits_are_kept_force_backs_up_renames_follow(
    tmp_path: Path,
) -> None:
    library = tmp_path / "library"
    titles = ["Harbour pier repairs", "Ferry timetable changes", "Council budget meeting"]
    with LoopbackServer() as server:
        for i, title in enumerate(titles):
            page = article_page(title).replace(
                "</h1>", f"</h1><img src='/p{i}.png' width='400' height='300' alt='photo'>"
            )
            server.route(f"/{i}", body=page)
            server.route(f"/p{i}.png", body=png_bytes(40 + i), content_type="image/png")
        saved = clipper("save", *(server.url(f"/{i}") for i in range(3)), "--library", str(library))
        assert saved.returncode == 0, saved.stderr
    # The server is gone: nothing can be fetched from here on.
    paths = {title: library / f"{title}.md" for title in titles}
    assert all(p.is_file() for p in paths.values())
    assert len(list((library / ".clipper" / "pages").glob("*.html.gz"))) == 3
    pier, ferry, council = (paths[t] for t in titles)
    today = {t: read_clip(p).body for t, p in paths.items()}

    # The pier clip was made by an older extractor: a paragraph it missed.
    older = today[titles[0]].split("\n\n")
    set_body(pier, "\n\n".join(older[:-1]) + "\n", keep_hash=False)
    done = clipper("reextract", "--all", "--library", str(library))
    assert done.returncode == 0, done.stderr
    assert summary(done.stdout) == (3, 1, 2, 0, 0)
    assert read_clip(pier).body == today[titles[0]]  # made again from its page
    assert "](Harbour%20pier%20repairs.assets/" in read_clip(pier).body  # its stored image
    [backup] = (library / ".clipper-backups").glob("*-reextract/Harbour pier repairs.md")
    assert read_clip(backup).body == "\n\n".join(older[:-1]) + "\n"

    # A hand edit: left alone, said so.
    set_body(ferry, today[titles[1]] + "\nMy own note on this.\n", keep_hash=True)
    before = ferry.read_bytes()
    done = clipper("reextract", "--all", "--library", str(library))
    assert done.returncode == 0, done.stderr
    assert summary(done.stdout) == (3, 0, 2, 1, 0)
    assert re.search(r"^edited .*Ferry timetable changes\.md", done.stdout, re.M)
    assert "--force" in done.stderr
    assert ferry.read_bytes() == before

    # --force replaces it, keeping a backup with the hand edit.
    done = clipper("reextract", "--all", "--force", "--library", str(library))
    assert done.returncode == 0, done.stderr
    assert summary(done.stdout) == (3, 1, 2, 0, 0)
    assert "My own note" not in ferry.read_text(encoding="utf-8")
    backups = list((library / ".clipper-backups").glob("*-reextract/Ferry timetable changes.md"))
    assert [b.read_bytes() for b in backups] == [before]
    assert f"; the old clip is in {backups[0].parent}" in done.stdout

    # Renamed by another program (its images folder keeps its name): its page and its
    # images are still found.
    renamed = library / "Renamed by hand.md"
    os.rename(council, renamed)
    set_body(renamed, today[titles[2]].replace("pier", "PIER"), keep_hash=False)
    done = clipper("reextract", str(renamed), "--library", str(library))
    assert done.returncode == 0, done.stderr
    assert summary(done.stdout) == (1, 1, 0, 0, 0)
    assert read_clip(renamed).body == today[titles[2]]
    # Moved into a folder, away from its images: still its page (the images stay remote).
    (library / "Moved").mkdir()
    moved = library / "Moved" / "Renamed by hand.md"
    os.rename(renamed, moved)
    done = clipper("reextract", "--all", "--library", str(library))
    assert summary(done.stdout)[4] == 0  # none without a snapshot


def test_dry_run_writes_nothing_and_site_picks_clips(
    tmp_path: Path, http_server, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    http_server.route("/a", body=article_page("Only this site"))
    assert main(["save", http_server.url("/a"), "--library", str(library), "--no-images"]) == 0
    other = tmp_path / "other.html"
    other.write_text(
        article_page("A saved file").replace(
            "<head>", "<head><link rel='canonical' href='https://elsewhere.example/x'>"
        ),
        encoding="utf-8",
    )
    assert main(["save", str(other), "--library", str(library)]) == 0
    capsys.readouterr()
    [clip] = library.glob("Only this site.md")
    set_body(clip, "old text\n", keep_hash=False)
    before = {p: p.read_bytes() for p in library.glob("*.md")}
    assert main(["reextract", "--site", "127.0.0.1", "--dry-run", "--library", str(library)]) == 0
    out = capsys.readouterr().out
    assert summary(out) == (1, 1, 0, 0, 0)
    assert "would change" in out
    assert "nothing written" in out
    assert {p: p.read_bytes() for p in library.glob("*.md")} == before
    assert not (library / ".clipper-backups").exists()
    # the saved file re-extracts under its own address rules, offline
    assert main(["reextract", "--site", "elsewhere.example", "--library", str(library)]) == 0
    assert summary(capsys.readouterr().out) == (1, 0, 1, 0, 0)


def test_clips_without_a_page_are_counted_and_bad_input_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "Hand written.md").write_text(
        "---\ntitle: Mine\n---\n\nMy words.\n", encoding="utf-8"
    )
    (library / "Lost page.md").write_text(
        '---\ntitle: "Lost"\nsnapshot: "20240101-abcdef012345"\nbody_hash: "x"\n---\n\nText\n',
        encoding="utf-8",
    )
    assert main(["reextract", "--all", "--library", str(library)]) == 0
    out = capsys.readouterr().out
    assert summary(out) == (2, 0, 0, 0, 2)
    assert "its saved page is missing" in out
    assert main(["reextract", "--library", str(library)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--all" in err
    assert main(["reextract", str(tmp_path / "nothing.md"), "--library", str(library)]) == 1
    assert "No such file: " in capsys.readouterr().err


def test_a_clip_changed_meanwhile_is_not_overwritten(tmp_path: Path, http_server) -> None:
    library = tmp_path / "library"
    http_server.route("/a", body=article_page("Changing under us"))
    assert main(["save", http_server.url("/a"), "--library", str(library)]) == 0
    [clip] = library.glob("*.md")
    set_body(clip, "old\n", keep_hash=False)
    plan = plan_clip(clip, library)
    assert plan.outcome is Outcome.CHANGED
    clip.write_text(clip.read_text(encoding="utf-8") + "\nadded elsewhere\n", encoding="utf-8")
    with Library(library) as handle:
        assert not Rewriter(handle).write(plan)
    assert plan.outcome is Outcome.FAILED
    assert "added elsewhere" in clip.read_text(encoding="utf-8")


def test_the_callout_setting_writes_the_notes_at_the_end(tmp_path: Path, http_server) -> None:
    from clipper.settings import Settings, save_settings

    save_settings(Settings(notes_callout=True))
    library = tmp_path / "library"
    page = article_page("With a table").replace(
        "</article>",
        "<table><tr><th>Code</th><th>Says</th></tr>"
        "<tr><td><pre>a = 1\nb = 2</pre></td><td>x</td></tr>"
        "</table><p><img src='https://images.invalid/x.png' width='300' height='200'></p>"
        "</article>",
    )
    http_server.route("/t", body=page)
    assert main(["save", http_server.url("/t"), "--library", str(library)]) == 0
    [clip] = library.glob("*.md")
    body = read_clip(clip).body
    assert "> [!info]- What this clip leaves out" in body
    assert "> - A table is kept as HTML" in body
    assert "> - An image stays remote" in body
    meta = yaml.safe_load(clip.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["body_hash"] == body_hash(body)  # the callout is part of the saved body
    # re-extracted, it makes the same callout: nothing changes
    assert plan_clip(clip, library, notes_callout=True).outcome is Outcome.SAME


def test_images_stored_where_a_template_put_them_are_found_again(tmp_path: Path) -> None:
    from clipper.settings import Settings, save_settings

    save_settings(
        Settings(attachments="folder", attachment_folder="Attachments", folder="Clippings")
    )
    library = tmp_path / "library"
    page = article_page("Harbour pier repairs").replace(
        "</h1>", "</h1><img src='/p.png' width='400' height='300' alt='photo'>"
    )
    with LoopbackServer() as server:
        server.route("/a", body=page)
        server.route("/p.png", body=png_bytes(40), content_type="image/png")
        assert main(["save", server.url("/a"), "--library", str(library)]) == 0
    [clip] = (library / "Clippings").glob("*.md")
    today = read_clip(clip).body
    [stored] = (library / "Attachments" / clip.stem).iterdir()
    assert f"../Attachments/{clip.stem.replace(' ', '%20')}/{stored.name}" in today
    # renamed by another program (its images folder keeps its name), its body older
    renamed = clip.with_name("Renamed by hand.md")
    os.rename(clip, renamed)
    set_body(renamed, today.rstrip("\n").rsplit("\n\n", 1)[0] + "\n", keep_hash=False)
    plan = plan_clip(renamed, library)
    assert plan.outcome is Outcome.CHANGED
    assert plan.new_body == today  # the picture still the stored file, not the web address
