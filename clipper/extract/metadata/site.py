"""The site's name as people say it, and headlines without it.

Pages name their site in many places: ``og:site_name``, JSON-LD ``WebSite`` and
``publisher``, ``application-name``, the logo and "home" link a reader sees, and the
host itself. Titles written for tabs and search results carry it as a suffix or prefix
("Penny - Stardew Valley Wiki", "… | Chefkoch", "Diario HOY | …"), sometimes with a
date ("… | DW | 23.05.2011"). A part of the title is the site when it matches one of
those names or the host's own label; what is left is the headline. A colon is never a
site separator unless what stands before it is the site: "Nutzerbasierte Abrechnung:
Musik-Stars fordern …" is one headline.

The publisher in JSON-LD is often the company's legal name ("Tamedia AG", "Wikimedia
Foundation, Inc.", "Georg GmbH & Co. KG"), not the brand readers know; it is used only
when the page offers no brand, and then without its legal form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from lxml import html as lxml_html

from clipper.extract.metadata.title import SEPARATOR, split_title

__all__ = ["SiteNames", "brand_names", "fold", "host_labels", "is_legal_name", "plain_brand",
           "strip_site"]

_LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:AG|GmbH(?:\s*&\s*Co\.?\s*(?:KG|OHG)(?:aA)?)?|gGmbH|mbH|Inc\.?|Incorporated|LLC"
    r"|L\.L\.C\.|LLP|Ltd\.?|Limited|plc|PLC|Corp\.?|Corporation|S\.\s?A\.?|SA|S\.A\.S\.?|SAS"
    r"|SARL|S\.à r\.l\.|SE|KG|KGaA|OHG|UG(?:\s*\(haftungsbeschränkt\))?|e\.\s?V\.?"
    r"|S\.p\.A\.|SpA|S\.r\.l\.|Srl|B\.V\.|BV|N\.V\.|NV|Oy|Oyj|AB|A/S|AS|ASA|ApS"
    r"|Pty\.?\s+Ltd\.?|Co\.,?\s+Ltd\.?|sp\.\s*z\s*o\.\s*o\.|S\.L\.|SL|s\.r\.o\.|a\.s\."
    r"|GesmbH|Ges\.m\.b\.H\.))+\s*$"
    r"|^C\.\s?A\.\s+",
)
"""Company legal forms, at the end of a name (or Venezuela's "C.A." in front)."""

_FOLD = re.compile(r"[\W_]+")
_DATE_PART = re.compile(
    r"^\s*(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{4})\s*$"
)
_SECOND_LEVEL = frozenset(("co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go",
                           "gv", "gob", "nic", "ltd", "plc", "sch", "int"))
_PARENTHESIS = re.compile(r"\s*\(([^()]{2,60})\)\s*$")
_MAX_SITE_WORDS = 6
MAX_BRANDS = 6


def fold(text: str) -> str:
    """Letters and digits only, case-folded, without accents: "Stardew Valley Wiki" ~
    "stardewvalleywiki", "Nestlé Marktplatz" ~ "nestle-marktplatz"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return _FOLD.sub("", "".join(c for c in text if not unicodedata.combining(c)))


def is_legal_name(name: str) -> bool:
    """"Tamedia AG", "Wikimedia Foundation, Inc.": a company's registered name."""
    return bool(_LEGAL_FORM.search(name))


def plain_brand(name: str) -> str:
    """The name without its legal form ("Wikimedia Foundation, Inc." -> "Wikimedia
    Foundation"), or the name itself if that would leave nothing."""
    stripped = _LEGAL_FORM.sub("", name).strip(" ,")
    return stripped or name


def host_labels(*urls: str | None) -> set[str]:
    """The folded names a site's host says: "www.dw.com" -> {"dw", "dwcom"},
    "stardewvalleywiki.com" -> {"stardewvalleywiki", ...}, "bbc.co.uk" -> {"bbc", ...}."""
    labels: set[str] = set()
    for url in urls:
        if not url:
            continue
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            continue
        parts = [p for p in host.split(".") if p]
        if parts and parts[0] in ("www", "m", "amp", "mobile"):
            parts = parts[1:]
        if len(parts) < 2:
            continue
        core = parts[:-1]
        if len(core) >= 2 and core[-1] in _SECOND_LEVEL and len(parts[-1]) == 2:
            core = core[:-1]
        label = core[-1]
        if len(fold(label)) >= 2:
            labels.add(fold(label))
            labels.add(fold(label + parts[-1]))
            labels.add(fold(".".join(parts)))
    return labels


class SiteNames:
    """Everything that names the site, folded, to recognise it inside a title.

    ``names`` are what the page declares (``og:site_name``, JSON-LD, ``application-name``)
    and with the host's labels they may be cut from either end; ``weak`` names (a Twitter
    handle, the author) only from the end, where sites put their name, and a product's
    name may stand first ("Firefox — Customize and make it your own").
    """

    def __init__(self, names: Iterable[str | None], labels: set[str],
                 weak: Callable[[], Iterable[str | None]] = tuple) -> None:
        self.names = [n for n in dict.fromkeys(n.strip() for n in names if n) if n]
        self.folded = {fold(n) for n in self.names} - {""}
        self.labels = labels
        self._weak = weak
        self._weak_folded: set[str] | None = None

    @property
    def weak_folded(self) -> set[str]:
        """The weak names, read from the page only when a title part needs them."""
        if self._weak_folded is None:
            self._weak_folded = {fold(n) for n in self._weak() if n} - {""}
        return self._weak_folded

    def by_host(self, part: str) -> bool:
        """``part`` is the host's own name ("Aerobuzz.de", "LimeSpace" on limespace.de)."""
        folded = fold(part)
        if not folded or len(part.split()) > _MAX_SITE_WORDS:
            return False
        if folded in self.labels:
            return True
        # "Handball Schweiz" on handball.ch: the host's label is the part's first word
        first = fold(part.split()[0])
        return any(len(label) >= 5 and first.startswith(label) for label in self.labels)

    def named(self, part: str, weak: bool = True) -> bool:
        """Whether ``part`` (of a title) is the site's name."""
        if len(part.split()) > _MAX_SITE_WORDS:
            return False
        folded = fold(part)
        return bool(folded) and (folded in self.folded or self.by_host(part)
                                 or (weak and folded in self.weak_folded))


def _drop_named_ends(title: str, site: SiteNames) -> str:
    """Remove the site's name (or a bare date) from either end, as often as it repeats.

    When both ends could be the site, the one the host names wins: a page whose
    ``og:site_name`` repeats its headline must not lose the headline.
    """
    for _ in range(4):
        parts = split_title(title) if not _colon_only(title) else []
        if len(parts) < 2:
            break
        start, last = parts[-1]
        first = parts[0][1]
        cut_last = site.named(last) or bool(_DATE_PART.match(last))
        cut_first = site.named(first, weak=False) or bool(_DATE_PART.match(first))
        if cut_last and cut_first and site.by_host(first) and not site.by_host(last):
            cut_last = False
        if cut_last:
            title = _trim(title[:start])
        elif cut_first:
            title = _trim(title[parts[1][0]:])
        else:
            break
    return _drop_parenthesis(title, site)


def _colon_only(title: str) -> bool:
    """A title whose only separator is a colon: a kicker and its headline, unless the
    kicker is the site (handled by ``_drop_whole_names``)."""
    return SEPARATOR.search(title) is None


def _drop_parenthesis(title: str, site: SiteNames) -> str:
    m = _PARENTHESIS.search(title)
    if m and m.start() > 0 and site.named(m.group(1)):
        return title[: m.start()].rstrip()
    return title


_SEPARATOR_RUN = r"\s*(?:[|\-–—\\/>»·•~:⋆│]+|::)\s*"
_LOOSE_ENDS = re.compile(r"^\s*(?:[|\-–—\\/>·•~:⋆│]+|::)\s+|\s+(?:[|\-–—\\/<·•~:⋆│]+|::)\s*$")


_DANGLING = re.compile(r"\s+[-–—|]$")
"""A separator left at the end of a title whose site part the template forgot."""


def _trim(text: str) -> str:
    """Separators left standing at an end ("Headline -", "Headline »"), never a quote mark
    ("« Les privatisations … »")."""
    text = _LOOSE_ENDS.sub("", text).strip()
    if text.endswith(" »") and "«" not in text:
        text = text[:-2].rstrip()
    if text.startswith("» ") and "«" not in text:
        text = text[2:].lstrip()
    return text


def _drop_whole_names(title: str, site: SiteNames) -> str:
    """A site name that itself holds a separator ("Mady Morrison - Yoga Lifestyle") or a
    colon, cut from either end of the title as a whole."""
    folded_title = title.casefold()
    for name in sorted(site.names, key=len, reverse=True):  # declared names only
        low = name.casefold()
        if len(low) >= len(folded_title):
            continue
        if folded_title.endswith(low):
            head = title[: len(title) - len(name)]
            if re.search(rf"{_SEPARATOR_RUN}$", head) and re.search(r"\s$|[|·•⋆]$", head) \
                    and not site.named(_trim(head)):
                return _trim(head)
        if folded_title.startswith(low):
            rest = title[len(name):]
            if re.match(rf"{_SEPARATOR_RUN}", rest) and re.match(r"^(?::|\s)", rest) \
                    and not site.named(_trim(rest)):
                return _trim(rest)
    return title


def strip_site(title: str, names: Iterable[str | None], labels: set[str],
               weak: Callable[[], Iterable[str | None]] = tuple) -> str:
    """``title`` without the site's name (and bare dates) at its ends."""
    site = SiteNames(names, labels, weak)
    if not title:
        return title
    if fold(title) in site.folded:
        parts = split_title(title)
        if len(parts) < 2 or not site.by_host(parts[-1][1]):
            return title  # the page is the site (a home page): its name is its title
    stripped = _drop_whole_names(_DANGLING.sub("", title), site)
    stripped = _drop_named_ends(stripped, site)
    stripped = stripped.strip()
    return stripped if fold(stripped) else title


def brand_names(doc: lxml_html.HtmlElement, url: str | None) -> list[str]:
    """The site's name as its pages show it: the text or logo ``alt`` of the link home."""
    body = doc.find("body")
    if body is None:
        return []
    origin = _origin(url)
    homes = ("/", origin, origin + "/") if origin else ("/",)
    out: list[str] = []
    for seen, a in enumerate(body.iter("a")):
        if seen >= _MAX_LINKS_READ or len(out) >= MAX_BRANDS:
            break
        if (a.get("href") or "").strip() not in homes and "home" not in (a.get("rel") or ""):
            continue
        for text in _brand_texts(a):
            if len(text.split()) <= _MAX_SITE_WORDS and text not in out:
                out.append(text)
    return out


_MAX_LINKS_READ = 400
"""The link home sits in the page's header, among its first links."""


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin if parts.scheme and parts.netloc and origin.isprintable() else None


def _brand_texts(el: lxml_html.HtmlElement) -> list[str]:
    texts = [" ".join(el.text_content().split())]
    for img in el.iter("img"):
        texts.append(" ".join((img.get("alt") or "").split()))
    texts.append(" ".join((el.get("title") or "").split()))
    return [t for t in texts if 1 < len(t) <= 60]
