"""Site rules: a person's corrections to the extractor, per site, in the library folder.

``.clipper/site-rules.yaml`` maps a host (``example.com``, which also covers
``www.example.com``) or a host pattern (``*.example.com``: the domain and every
sub-domain) to lists of CSS selectors::

    example.com:
      drop:
        - selector: .share-bar
          date: 2026-12-07
          note: share buttons inside the text
      keep:
        - selector: "#fact-box"
          date: 2026-12-07
      article:
        - selector: main .story-body
          date: 2026-12-07

``article`` chooses the article's container, ``drop`` removes blocks, ``keep`` forces a
block in. A selector may also be written alone (``- .share-bar``). The file is read
strictly: broken YAML, an unknown key or a selector CSS does not know is an error naming
the line, and a file that could not be read is never written over (``add``/``remove``
read it first). Writes are atomic; the file is plain text, so it syncs with the library.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from cssselect import GenericTranslator, SelectorError

from clipper.errors import ClipperError
from clipper.library.atomic import describe_os_error, replace_file
from clipper.models import PageRules

__all__ = ["KINDS", "RULES_FILE", "Rule", "SiteRules", "SiteRulesError", "check_selector",
           "normal_host", "rules_path"]

RULES_FILE = Path(".clipper") / "site-rules.yaml"
KINDS = ("keep", "drop", "article")
_ITEM_KEYS = frozenset(("selector", "date", "note"))
_HEADER = (
    "# Clipper site rules: per host (example.com also covers www.example.com) or pattern\n"
    "# (*.example.com), CSS selectors to keep, drop, or take as the article.\n"
    "# Written by `clipper rules` and Settings; you may edit it by hand.\n"
)
_translator = GenericTranslator()


class SiteRulesError(ClipperError):
    """The site rules file cannot be read or written, or a rule is not valid."""


@dataclass(frozen=True)
class Rule:
    host: str
    """A host (``example.com``) or a pattern (``*.example.com``), lower case."""
    kind: str
    """``keep``, ``drop`` or ``article``."""
    selector: str
    date: str = ""
    """When the rule was made (``YYYY-MM-DD``)."""
    note: str = ""
    line: int = 0
    """Where it stands in the file (1-based; 0 when not read from a file)."""

    def matches(self, host: str) -> bool:
        return _host_matches(self.host, host)


def rules_path(library: Path) -> Path:
    return Path(library) / RULES_FILE


def check_selector(selector: str) -> str:
    """``selector`` stripped, or ``ValueError`` saying why CSS cannot read it."""
    text = selector.strip()
    if not text:
        raise ValueError("an empty selector")
    try:
        _translator.css_to_xpath(text)
    except SelectorError as exc:
        raise ValueError(f"{text!r} is not a CSS selector ({exc})") from exc
    return text


def normal_host(value: str) -> str:
    """A host or pattern as rules store it: lower case, no scheme, path or ``www.``;
    an address given instead of a host stands for its host."""
    text = value.strip().lower()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    text = text.split("/")[0].rstrip(".")
    if text.startswith("www."):
        text = text[4:]
    if not text or any(c.isspace() for c in text) or text.count("*") > 1 or (
            "*" in text and not text.startswith("*.")):
        raise SiteRulesError(f"Not a host or host pattern: {value!r}",
                             "Write it as example.com or *.example.com.")
    return text


def _host_matches(pattern: str, host: str) -> bool:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if pattern.startswith("*."):
        return host == pattern[2:] or fnmatch.fnmatchcase(host, pattern)
    return host == pattern


@dataclass
class SiteRules:
    """The rules of one library (empty when it has no rules file)."""

    rules: list[Rule] = field(default_factory=list)

    @classmethod
    def load(cls, library: Path) -> SiteRules:
        path = rules_path(library)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as exc:
            raise SiteRulesError(f"The site rules file {path} cannot be read: {exc}") from exc
        return cls(parse_rules(text, path))

    def for_url(self, url: str | None) -> PageRules | None:
        """The rules for the page at ``url`` (None when there are none)."""
        host = urlsplit(url).hostname if url else None
        if not host or not self.rules:
            return None
        found: dict[str, list[str]] = {kind: [] for kind in KINDS}
        for rule in self.rules:
            if rule.matches(host) and rule.selector not in found[rule.kind]:
                found[rule.kind].append(rule.selector)
        rules = PageRules(tuple(found["keep"]), tuple(found["drop"]), tuple(found["article"]))
        return rules or None

    def hosts(self) -> list[str]:
        return list(dict.fromkeys(rule.host for rule in self.rules))

    def add(self, host: str, kind: str, selector: str, note: str = "",
            date: str | None = None) -> Rule:
        """Add a rule (a rule already there is returned as it is)."""
        if kind not in KINDS:
            raise SiteRulesError(f"Unknown kind of rule: {kind}", "Use keep, drop or article.")
        host = normal_host(host)
        try:
            selector = check_selector(selector)
        except ValueError as exc:
            raise SiteRulesError(f"The selector cannot be used: {exc}") from exc
        for rule in self.rules:
            if (rule.host, rule.kind, rule.selector) == (host, kind, selector):
                return rule
        rule = Rule(host, kind, selector, date or dt.date.today().isoformat(),
                    " ".join(note.split()))
        self.rules.append(rule)
        return rule

    def remove(self, host: str, selector: str | None = None) -> list[Rule]:
        """Remove the rules of ``host`` (only those with ``selector`` when given)."""
        host = normal_host(host)
        gone = [r for r in self.rules if r.host == host and (
            selector is None or r.selector == selector.strip())]
        self.rules = [r for r in self.rules if r not in gone]
        return gone

    def save(self, library: Path) -> Path:
        path = rules_path(library)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise describe_os_error(exc, path.parent) from exc
        replace_file(path, dump_rules(self.rules).encode("utf-8"))
        return path


def dump_rules(rules: list[Rule]) -> str:
    data: dict[str, dict[str, list[dict[str, str]]]] = {}
    for rule in rules:
        item = {"selector": rule.selector, "date": rule.date}
        if rule.note:
            item["note"] = rule.note
        data.setdefault(rule.host, {}).setdefault(rule.kind, []).append(item)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=100) if data else ""
    return _HEADER + body


# -- reading, strictly, with line numbers --------------------------------------------------------


def _fail(path: Path | None, node: yaml.Node | None, message: str) -> SiteRulesError:
    where = f"{path}" if path else "site rules"
    if node is not None:
        where += f", line {node.start_mark.line + 1}"
    return SiteRulesError(f"{where}: {message}",
                          "Fix the file or remove the rule; it was not changed.")


def parse_rules(text: str, path: Path | None = None) -> list[Rule]:
    """The rules written in ``text``; ``SiteRulesError`` naming the line when it is wrong."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SiteRulesError(f"{path or 'site rules'}{line}: not valid YAML ({problem})",
                             "Fix the file; it was not changed.") from exc
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        raise _fail(path, root, "the file must map hosts to their rules")
    rules: list[Rule] = []
    for key, value in root.value:
        host = _scalar(path, key, "a host")
        try:
            host = normal_host(host)
        except SiteRulesError as exc:
            raise _fail(path, key, exc.message) from exc
        rules.extend(_host_rules(path, host, value))
    return rules


def _scalar(path: Path | None, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _fail(path, node, f"expected {what} here")
    return str(node.value)


def _host_rules(path: Path | None, host: str, node: yaml.Node) -> list[Rule]:
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return []
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"the rules of {host} must be keep:, drop: or article: lists")
    out: list[Rule] = []
    for key, value in node.value:
        kind = _scalar(path, key, "keep, drop or article")
        if kind not in KINDS:
            raise _fail(path, key, f"unknown kind of rule {kind!r} (keep, drop or article)")
        if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
            continue
        if not isinstance(value, yaml.SequenceNode):
            raise _fail(path, value, f"{kind}: must be a list of selectors")
        out.extend(_rule(path, host, kind, item) for item in value.value)
    return out


def _rule(path: Path | None, host: str, kind: str, node: yaml.Node) -> Rule:
    fields: dict[str, str] = {}
    if isinstance(node, yaml.ScalarNode):
        fields["selector"] = str(node.value)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = _scalar(path, key, "selector, date or note")
            if name not in _ITEM_KEYS:
                raise _fail(path, key, f"unknown key {name!r} (selector, date or note)")
            fields[name] = _scalar(path, value, f"the rule's {name}")
    else:
        raise _fail(path, node, "a rule is a selector, or selector:, date: and note:")
    if "selector" not in fields:
        raise _fail(path, node, "this rule has no selector")
    try:
        selector = check_selector(fields["selector"])
    except ValueError as exc:
        raise _fail(path, node, f"the selector cannot be used: {exc}") from exc
    return replace(Rule(host, kind, selector, fields.get("date", ""), fields.get("note", "")),
                   line=node.start_mark.line + 1)
