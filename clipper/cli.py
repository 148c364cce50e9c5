"""The ``clipper`` command: open the window, or extract/save/list without one.

Qt is imported only when the window is started, so ``clipper extract`` and
``clipper save`` run on machines without a display. Every failure ends with
exit status 1 and one line on stderr; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from clipper import APP_NAME, __version__
from clipper.errors import CancelledError, ClipperError
from clipper.models import OnDuplicate, SaveAction
from clipper.safetext import sanitize, sanitize_line

if TYPE_CHECKING:
    from clipper.library import SaveResult
    from clipper.library.site_rules import SiteRules
    from clipper.models import Source

PROG = "clipper"
COMMANDS = ("extract", "save", "list", "import", "reextract", "rules")

DESCRIPTION = f"""\
{APP_NAME} turns web pages into clean Markdown clips in your library folder.

  clipper                          open the window
  clipper PAGE...                  open the window with these pages (files or URLs);
                                   if Clipper is already running, they open in its window
  clipper extract PAGE [--json]    print the clean article as Markdown (or JSON)
  clipper save PAGE...             save clips into the library, print their paths
  clipper list [--search WORDS]    list the clips in the library
  clipper import FILE              import a reading list (Pocket, Instapaper, Omnivore,
                                   Wallabag, Raindrop.io, bookmarks, a list of URLs)
  clipper reextract CLIP...|--all  make clips again from their saved pages, offline
  clipper rules list|add|remove    site rules: what to keep or drop on a site

PAGE is an http(s) address, a saved .html/.htm/.xhtml file or a file:// URL;
for extract and save, - reads HTML from standard input.
"""

EPILOG = """\
The library folder is, in this order: --library DIR, the CLIPPER_LIBRARY
environment variable, the folder chosen in Settings, or Documents/Clipper.
Run 'clipper COMMAND --help' for the options of a command.
"""


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line and exit status 1, like every other failure."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", metavar="DIR",
                        help="library folder (overrides CLIPPER_LIBRARY and the setting)")


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")


def _window_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", metavar="PAGE", help="pages to open in the window")
    _library_option(parser)
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="print the version and exit")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_true",
                         help="add Clipper to this user's application menu and 'Open with' (Linux)")
    desktop.add_argument("--uninstall-desktop", action="store_true",
                         help="remove what --install-desktop added")
    _common_options(parser)
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="print the clean article of a page",
                       description="Print the clean article of PAGE as Markdown with front matter.")
    p.add_argument("page", metavar="PAGE")
    p.add_argument("--json", action="store_true", help="print a JSON object with all fields")
    p.add_argument("--url", help="the address the page came from (for PAGE '-')")
    _rules_options(p)
    _common_options(p)

    p = sub.add_parser("save", help="save pages as clips into the library",
                       description="Save each PAGE as a clip in the library; "
                                   "print each saved path.")
    p.add_argument("pages", nargs="+", metavar="PAGE")
    _library_option(p)
    p.add_argument("--url", help="the address the page came from (for PAGE '-')")
    p.add_argument("--tags", help="comma-separated tags (default: from Settings, 'clippings')")
    p.add_argument("--on-duplicate", choices=[c.value for c in OnDuplicate], default="new",
                   help="when the article is already in the library: save a new version (default), "
                        "skip it, or replace it (the old clip is kept as a backup)")
    p.add_argument("--no-images", action="store_true",
                   help="keep images as links instead of downloading them next to the clip")
    p.add_argument("--no-rules", action="store_true",
                   help="do not apply the library's site rules")
    _common_options(p)

    p = sub.add_parser("list", help="list clips in the library, newest first",
                       description="List the clips in the library, newest first.")
    _library_option(p)
    p.add_argument("--search", metavar="WORDS", help="only clips matching these words")
    p.add_argument("--limit", type=_count, default=None, help="at most this many clips")
    _common_options(p)

    from clipper import import_command
    from clipper.importers.formats import FORMATS

    import_command.add_parser(sub, FORMATS)
    from clipper import rules_command

    common = argparse.ArgumentParser(add_help=False)
    _library_option(common)
    _common_options(common)
    rules_command.add_parser(sub, [common])

    p = sub.add_parser(
        "reextract", help="make clips again from their saved pages, offline",
        description="Run today's extractor on the pages saved with the clips (nothing is "
                    "fetched) and rewrite the clips whose article changed; each is copied "
                    "to .clipper-backups/ first. A clip whose body was edited since it was "
                    "saved is left alone unless --force.")
    p.add_argument("clips", nargs="*", metavar="CLIP", help="clip files (.md)")
    p.add_argument("--all", action="store_true", help="every clip of the library")
    p.add_argument("--site", metavar="HOST",
                   help="only clips from this site (and its sub-domains)")
    p.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    p.add_argument("--force", action="store_true",
                   help="replace clips edited since they were saved too (backups are kept)")
    _library_option(p)
    _common_options(p)
    return parser


def _rules_options(parser: argparse.ArgumentParser) -> None:
    _library_option(parser)
    parser.add_argument("--no-rules", action="store_true",
                        help="do not apply the library's site rules (.clipper/site-rules.yaml)")


def _library_rules(args: argparse.Namespace) -> SiteRules | None:
    from clipper import rules_command
    from clipper.settings import load_settings, resolve_library

    if args.no_rules:
        return None
    folder = resolve_library(args.library, load_settings())
    return rules_command.load_rules(folder if folder.is_dir() else None, False)


def _applied_note(applied: list[str]) -> str:
    from clipper import rules_command

    return rules_command.applied_note(applied)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"not a number of clips: {text}")
    return value


def _source(page: str, url: str | None) -> Source:
    from clipper.errors import SourceError
    from clipper.models import Source

    if url is not None:  # it becomes the clip's source: a web address, nothing else
        given = Source.from_argument(url)
        if given.kind != "url":
            raise SourceError(f"--url must be a web address, not {url}")
        url = given.value
    if page == "-":
        return Source.from_html(_read_stdin(), url)
    return Source.from_argument(page)


def _read_stdin() -> str:
    """Standard input as a page: bytes, so its encoding is found as for a file, with the same
    size cap and the same refusal of things that are not pages."""
    from clipper.decode import decode_html, describe_non_html
    from clipper.errors import NotHtmlError, TooLargeError
    from clipper.fetch import DEFAULT_LIMITS

    cap = DEFAULT_LIMITS.max_bytes
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(cap + 1) if stream is not None else \
        sys.stdin.read(cap + 1).encode("utf-8", "replace")
    if len(data) > cap:
        raise TooLargeError(f"The standard input is larger than the {cap // (1024 * 1024)} MB "
                            "limit", "Save the page to a file and open that instead.")
    what = describe_non_html(data)
    if what:
        raise NotHtmlError(f"The standard input is {what}, not a web page")
    return decode_html(data)


def _tags(value: str | None) -> list[str]:
    from clipper.library.templates import starting_tags
    from clipper.settings import load_settings

    if value is None:
        return starting_tags(load_settings())
    # Obsidian's rules, as the window's tags field: commas separate, no spaces inside a tag
    tags = ("-".join(t.strip().lstrip("#").split()) for t in value.split(","))
    return list(dict.fromkeys(t for t in tags if t))


def _cmd_extract(args: argparse.Namespace) -> int:
    from clipper.library.templates import ClipTemplate
    from clipper.models import Clip
    from clipper.pipeline import load
    from clipper.settings import load_settings

    loaded = load(_source(args.page, args.url), rules=_library_rules(args), explain=args.json)
    for note in loaded.notes:
        _note(note)
    article = loaded.article
    if article.site_rules:
        _note(_applied_note(article.site_rules))
    if args.json:
        data = article.as_dict()
        data["final_url"] = loaded.page.url
        json.dump(_sanitized(data), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        template = ClipTemplate.from_settings(load_settings())
        sys.stdout.write(sanitize(template.render(Clip.from_article(article, _tags(None)))))
    return 0


def _sanitized(value: object) -> object:
    """Page text in any JSON value, through the one sanitiser."""
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, list):
        return [_sanitized(v) for v in value]
    if isinstance(value, dict):
        return {k: _sanitized(v) for k, v in value.items()}
    return value


def _cmd_save(args: argparse.Namespace) -> int:
    from clipper.library import Library
    from clipper.library.templates import ClipTemplate
    from clipper.models import Clip
    from clipper.pipeline import load, save
    from clipper.settings import ensure_library, load_settings, resolve_library

    settings = load_settings()
    library = Library(ensure_library(resolve_library(args.library, settings)))
    tags = _tags(args.tags)
    rules = _library_rules(args)
    failures = 0
    with library:
        for page in args.pages:
            # One page's failure, whatever it is, is reported on its line and the batch
            # goes on; only an interrupt stops it.
            try:
                loaded = load(_source(page, args.url), rules=rules)
                for note in loaded.notes:
                    _note(note)
                if loaded.article.site_rules:
                    _note(_applied_note(loaded.article.site_rules))
                clip = Clip.from_article(loaded.article, tags)
                result = save(clip, library, on_duplicate=args.on_duplicate,
                              download_images=settings.download_images and not args.no_images,
                              page_dir=loaded.page.local_dir,
                              page=loaded.page_copy() if settings.keep_pages else None,
                              notes=loaded.article.notes if settings.notes_callout else None,
                              template=ClipTemplate.from_settings(settings))
            except CancelledError:
                raise
            except ClipperError as exc:
                failures += 1
                _error(f"{_shown(page)}: {exc}")
                continue
            except Exception as exc:  # a bug a page found: still one line, then the next page
                failures += 1
                if args.debug:
                    traceback.print_exc()
                _error(f"{_shown(page)}: unexpected {type(exc).__name__}: {exc} "
                       "(run again with --debug and report it)")
                continue
            _out(str(result.path))
            _report_save(result)
    return 1 if failures else 0


def _shown(page: str) -> str:
    """A page argument as messages show it: never with the ``user:password@`` it may hold."""
    from clipper.urls import without_credentials

    return without_credentials(page)


def _report_save(result: SaveResult) -> None:
    from clipper.urls import short_url

    if result.action is SaveAction.SKIPPED:
        _note(f"already in the library, skipped: {result.path}")
    elif result.action is SaveAction.NEW_VERSION and result.duplicate_of:
        _note(f"saved as a new version of {result.duplicate_of}")
    elif result.action is SaveAction.REPLACED:
        where = f"; the old clip is kept at {result.backup}" if result.backup else ""
        _note(f"replaced {result.duplicate_of or result.path}{where}")
    if result.images_failed:
        failed = result.images_failed
        urls = ", ".join(short_url(u) for u in failed[:3]) + (" …" if len(failed) > 3 else "")
        why = f" ({result.images_note})" if result.images_note else ""
        _note(f"{len(failed)} image(s) could not be downloaded and stay remote{why}: {urls}")
    if result.snapshot_note:
        _note(f"the page is not kept with the clip: {result.snapshot_note}")
    # inline pictures and a saved page's own files cannot stay remote: they are taken out
    dropped = [u for u in result.image_errors if not u.lower().startswith(("http:", "https:"))
               and u not in result.images_failed]
    for url in dropped[:3]:
        _note(f"image {short_url(url)} left out: {result.image_errors[url]}")


def _cmd_list(args: argparse.Namespace) -> int:
    from clipper.library import Library, list_clips
    from clipper.settings import resolve_library

    library = resolve_library(args.library)
    if not library.is_dir():
        if os.path.lexists(library):
            raise ClipperError(f"The library path {library} is not a folder",
                               "Choose another folder in Settings or with --library.")
        _note(f"the library {library} does not exist yet: no clips")
        return 0
    with Library(library) as handle:
        clips = list_clips(handle, search=args.search, limit=args.limit)
    for item in clips:  # what other programs wrote there too: sanitised like page text
        date = sanitize_line(item.created or "")[:10]
        site = f"  ({sanitize_line(item.site)})" if item.site else ""
        _out(f"{date:10}  {sanitize_line(item.title)}{site}\n"
             f"            {sanitize_line(str(item.path))}")
    return 0


_OUTCOME_WORDS = {"changed": "changed", "same": "same", "edited": "edited",
                  "no snapshot": "no page", "failed": "failed"}


def _cmd_reextract(args: argparse.Namespace) -> int:
    from pathlib import Path

    from clipper.library import Library
    from clipper.reextract import Outcome, Plan, reextract, select_clips
    from clipper.settings import load_settings, resolve_library

    settings = load_settings()
    folder = resolve_library(args.library, settings)
    if not folder.is_dir():
        raise ClipperError(f"The library folder {folder} does not exist",
                           "Give it with --library, or save a clip first.")
    if not (args.clips or args.all or args.site):
        raise ClipperError("Say which clips to re-extract: CLIP files, --all or --site HOST")
    named = []
    for clip in args.clips:
        path = Path(clip)
        if not path.exists() and (folder / clip).exists():
            path = folder / clip  # a path inside the library
        if not path.exists():
            raise ClipperError(f"No such file: {clip}")
        named.append(path.absolute())

    def report(plan: Plan) -> None:
        word = _OUTCOME_WORDS[plan.outcome.value]
        if plan.outcome is Outcome.CHANGED and args.dry_run:
            word = "would change"
        why = f" ({plan.reason})" if plan.reason and plan.outcome is not Outcome.FAILED else ""
        if plan.outcome is Outcome.FAILED:
            _error(f"{plan.path}: {plan.reason}")
        else:
            _out(f"{word:12} {plan.path}{why}")

    with Library(folder) as library:
        paths = select_clips(folder, named, args.all, args.site)
        summary = reextract(paths, library, force=args.force, dry_run=args.dry_run,
                            notes_callout=settings.notes_callout, report=report)
    _out(summary.line())
    if summary.count(Outcome.EDITED) and not args.force:
        _note("clips edited since they were saved were left alone; --force replaces them "
              "(a backup of each is kept)")
    return 1 if summary.count(Outcome.FAILED) else 0


def _cmd_rules(args: argparse.Namespace) -> int:
    from clipper import rules_command

    return rules_command.run(args, _out)


def _cmd_import(args: argparse.Namespace) -> int:
    from clipper import import_command

    return import_command.run(args)


def _run_window(args: argparse.Namespace) -> int:
    if args.install_desktop or args.uninstall_desktop:
        from clipper import desktop

        paths = desktop.install() if args.install_desktop else desktop.uninstall()
        for path in paths:
            print(path)
        return 0
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        raise ClipperError("No display to open the window on",
                           "Use 'clipper extract' or 'clipper save' here, or set DISPLAY.")
    try:
        from clipper.gui.app import run
    except ImportError as exc:
        raise ClipperError(
            f"The window cannot start: {exc}",
            "Reinstall Clipper with its Qt dependency (PySide6-Essentials).") from exc
    return run(list(args.pages), args.library)


def _out(text: str) -> None:
    """A line on standard output; page text never reaches a terminal unsanitised."""
    print(sanitize(text), flush=True)


def _error(message: str) -> None:
    print(f"{PROG}: error: {sanitize_line(message)}", file=sys.stderr, flush=True)


def _note(message: str) -> None:
    print(f"{PROG}: {sanitize_line(message)}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        args = _command_parser().parse_args(argv)
        handler = {"extract": _cmd_extract, "save": _cmd_save, "list": _cmd_list,
                   "import": _cmd_import, "reextract": _cmd_reextract,
                   "rules": _cmd_rules}[args.command]
    else:
        args = _window_parser().parse_args(argv)
        handler = _run_window
        mistyped = _mistyped_command(args.pages)
        if mistyped:
            _error(mistyped)
            return 1
    try:
        return handler(args)
    except CancelledError:
        return 130
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except ClipperError as exc:
        if args.debug:
            traceback.print_exc()
        _error(str(exc))
        return 1
    except BrokenPipeError:  # `clipper list | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: still one line, the traceback on request
        if args.debug:
            traceback.print_exc()
        _error(f"unexpected {type(exc).__name__}: {exc} (run again with --debug and report it)")
        return 1


def _mistyped_command(pages: Sequence[str]) -> str | None:
    """``clipper lsit`` means ``list``, not a page to open: a first word close to a command
    that names no file is answered here rather than as a load error in a window."""
    if not pages:
        return None
    word = pages[0]
    if not word.isalpha() or os.path.exists(word):
        return None
    close = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.6)
    if not close:
        return None
    return f"unknown command {word!r} (did you mean {close[0]!r}? see clipper --help)"


def gui_main() -> int:
    """Entry point of the GUI launcher (no console window on Windows)."""
    return main()


if __name__ == "__main__":
    sys.exit(main())

