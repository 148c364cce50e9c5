"""``clipper rules``: list, add and remove the library's site rules (``library.site_rules``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clipper.errors import ClipperError
from clipper.library.site_rules import SiteRules, SiteRulesError, rules_path

__all__ = ["add_parser", "applied_note", "load_rules", "run"]


def add_parser(sub: argparse._SubParsersAction[Any],
               common: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "rules", help="list, add or remove site rules (what to keep or drop on a site)",
        description="Site rules correct the extractor for every page of a site: CSS selectors "
                    "of blocks to keep, to drop, or of the article itself. They live in "
                    ".clipper/site-rules.yaml in the library folder.")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", parents=common, help="list the rules",
                                 description="List the site rules of the library.")
    listing.add_argument("host", nargs="?", metavar="HOST", help="only the rules for this host")
    add = actions.add_parser("add", parents=common, help="add a rule",
                             description="Add a rule for HOST (example.com or *.example.com).")
    add.add_argument("host", metavar="HOST")
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--keep", metavar="SELECTOR", help="keep the blocks it selects")
    kind.add_argument("--drop", metavar="SELECTOR", help="drop the blocks it selects")
    kind.add_argument("--article", metavar="SELECTOR", help="the article is the block it selects")
    add.add_argument("--note", default="", help="why (kept with the rule)")
    remove = actions.add_parser("remove", parents=common, help="remove rules",
                                description="Remove the rules of HOST, or only those with "
                                            "SELECTOR.")
    remove.add_argument("host", metavar="HOST")
    remove.add_argument("selector", nargs="?", metavar="SELECTOR")


def load_rules(library: Path | None, off: bool) -> SiteRules | None:
    """The library's rules for ``extract``/``save`` (None with ``--no-rules``)."""
    if off or library is None:
        return None
    try:
        return SiteRules.load(library)
    except SiteRulesError as exc:
        raise SiteRulesError(exc.message, "Fix the file, or run with --no-rules.") from exc


def applied_note(applied: list[str]) -> str:
    count = len(applied)
    which = "; ".join(applied[:3]) + (" …" if count > 3 else "")
    return (f"{count} site rule{'s' if count != 1 else ''} applied ({which}); "
            "--no-rules turns them off")


def _folder(args: argparse.Namespace, create: bool) -> Path:
    from clipper.settings import ensure_library, load_settings, resolve_library

    folder = resolve_library(args.library, load_settings())
    return ensure_library(folder) if create else folder


def run(args: argparse.Namespace, say: Callable[[str], None]) -> int:
    """Run ``clipper rules ACTION``; ``say`` prints a line (sanitised: rules are text from a
    file anyone may have written)."""
    folder = _folder(args, create=args.action == "add")
    rules = SiteRules.load(folder) if folder.is_dir() else SiteRules()
    if args.action == "list":
        return _list(rules, args.host, say, rules_path(folder))
    if args.action == "add":
        kind = "keep" if args.keep is not None else "drop" if args.drop is not None else "article"
        selector = args.keep or args.drop or args.article or ""
        rule = rules.add(args.host, kind, selector, args.note)
        path = rules.save(folder)
        say(f"{rule.host}  {rule.kind}  {rule.selector}  -> {path}")
        return 0
    gone = rules.remove(args.host, args.selector)
    if not gone:
        what = f" with {args.selector}" if args.selector else ""
        raise ClipperError(f"No rule for {args.host}{what}", "See them with: clipper rules list")
    rules.save(folder)
    for rule in gone:
        say(f"removed {rule.host}  {rule.kind}  {rule.selector}")
    return 0


def _list(rules: SiteRules, host: str | None, say: Callable[[str], None], path: Path) -> int:
    from clipper.library.site_rules import normal_host

    wanted = normal_host(host) if host else None
    shown = [r for r in rules.rules if wanted is None or r.host == wanted]
    for rule in shown:
        extra = ", ".join(x for x in (rule.date, rule.note) if x)
        say(f"{rule.host:24}  {rule.kind:7}  {rule.selector}" + (f"  ({extra})" if extra else ""))
    if not shown:
        say("no site rules" + (f" for {wanted}" if wanted else "")
            + f" (they would be in {path})")
    return 0
