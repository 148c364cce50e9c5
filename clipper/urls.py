"""URL rules shared by the whole core: comparison keys, resolving links, what a URL may carry.

Links arrive with tracking parameters, ``www.``, ``http`` vs ``https``, a trailing
slash or a fragment; none of that changes which article a page is, so
``normalize_url`` maps all of them to one key. The key is for comparing only —
clips keep the URL they were given in ``source``. ``absolute_url`` is the one rule
for turning a page's link or image address into one a clip can keep.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that identify a click, a campaign or a share, never the article itself.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid", "mkt_tok", "_hsenc", "_hsmi",
    "__hssc", "__hstc", "__hsfp", "hsctatracking", "ref_src", "ref_url", "_ga", "_gl", "_ke",
    "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "rb_clickid", "s_cid", "sr_share",
    "wt_mc", "wt.mc_id", "cmpid", "ncid", "spm", "smid", "cid_source",
    "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    "guccounter", "guce_referrer", "guce_referrer_sig", "soc_src", "soc_trk", "tpcc",
    "mbid", "__twitter_impression", "fb_action_ids", "fb_action_types", "fb_source", "fb_ref",
    "action_object_map", "action_type_map", "action_ref_map",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "ga_", "itm_")

_DEFAULT_PORTS = {"http": 80, "https": 443}
# RFC 3986 unreserved characters never need escaping; escaping them or not is the same URL.
_UNRESERVED = "-._~"


def is_tracking_param(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _normalize_host(host: str) -> str:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        return host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return host


def _normalize_path(path: str) -> str:
    # Decode then re-encode so %7E, ~ and %7e compare equal, but keep %2F (an encoded slash
    # is a different path from a real one).
    segments = [quote(unquote(seg), safe="!$&'()*+,;=:@" + _UNRESERVED)
                for seg in path.split("/")]
    path = "/".join(segments)
    if path:
        trailing = path.endswith("/")
        path = posixpath.normpath(path)
        if path.startswith("//"):
            path = "/" + path.lstrip("/")
        if trailing and path != "/":
            path += "/"
    path = path.rstrip("/")
    return path or "/"


def normalize_url(url: str | None) -> str | None:
    """A comparison key for ``url``: same key, same article.

    Scheme and host are lower-cased, ``http`` counts as ``https`` and ``www.`` as no
    ``www.``, default ports, credentials, trailing slashes and fragments go (``#!``
    routes stay, they select the page), tracking parameters (``utm_*``, ``fbclid``,
    ``gclid``...) are dropped and the rest sorted. Non-web URLs come back stripped.
    """
    if url is None:
        return None
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = _normalize_host(parts.hostname)
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port not in _DEFAULT_PORTS.values():
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not is_tracking_param(k)]
    query.sort()
    fragment = parts.fragment if parts.fragment.startswith("!") else ""
    return urlunsplit(("https", host, _normalize_path(parts.path),
                       urlencode(query, quote_via=quote, safe=_UNRESERVED), fragment))


def same_article_url(a: str | None, b: str | None) -> bool:
    na, nb = normalize_url(a), normalize_url(b)
    return na is not None and na == nb


def is_web_url(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://"))


def without_credentials(url: str) -> str:
    """``https://user:pw@host/x`` -> ``https://host/x``: a password must never be stored."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def strip_tracking(url: str) -> str:
    """The URL as given minus tracking parameters (what a clip's ``source`` should hold)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if not parts.query or parts.scheme.lower() not in _DEFAULT_PORTS:
        return url.strip()
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not is_tracking_param(k)]
    if len(kept) == len(pairs):
        return url.strip()
    return urlunsplit(parts._replace(query=urlencode(kept, quote_via=quote, safe=_UNRESERVED)))


_URL_JUNK = re.compile(r"[\t\n\r]")
NOT_LINK_SCHEMES = ("javascript:", "vbscript:", "data:", "about:")
"""Addresses that never become a link in a clip: scripts, inline data, browser pages."""


_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_URL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _encode_control(m: re.Match[str]) -> str:
    ch = m.group(0)
    return "" if "\ud800" <= ch <= "\udfff" else quote(ch, safe="")


def clean_href(url: str) -> str:
    """An address as a browser reads it from an attribute: tabs and newlines dropped, control
    characters and spaces trimmed from the ends, those inside percent-encoded (a browser
    does the same; lxml refuses them in an attribute, and a clip must not carry them)."""
    if "\t" in url or "\n" in url or "\r" in url:  # three scans in C cost less than a regex
        url = _URL_JUNK.sub("", url)
    url = url.strip(_C0_AND_SPACE).strip()
    if not url.isascii() or not url.isprintable():
        url = _URL_CONTROLS.sub(_encode_control, url)
    return url


def absolute_url(url: str | None, base: str | None) -> str | None:
    """Resolve ``url`` against ``base``; None for empty or script URLs.

    Tabs and newlines inside URLs are dropped (browsers do the same),
    ``javascript:``/``data:`` URLs never become links, and ``file:`` URLs are
    only accepted from a page that is itself a local file.
    """
    if url is None:
        return None
    return resolve_cleaned(clean_href(url), base)


def resolve_cleaned(url: str, base: str | None) -> str | None:
    """``absolute_url`` of an address that ``clean_href`` returned (not cleaned twice)."""
    if not url:
        return None
    low = url[:12].lower()
    if low.startswith(NOT_LINK_SCHEMES):
        return None
    plain = " " not in url and "[" not in url and "]" not in url  # no IPv6 host to check
    if url.startswith(("https://", "http://")) and plain:
        return url  # already absolute: the common case, no parsing needed
    if url.startswith("//") and not base:
        url, base = "https:" + url, None
    if base and url[:1] == "/" and url[1:2] != "/" and "/." not in url and plain:
        origin = _origin(base)
        if origin:
            return origin + url  # root-relative: the most common relative link by far
    try:
        joined = urljoin(base, url) if base else url
        urlsplit(joined)  # what no browser could open ("http://[x/a") is no link
    except ValueError:
        return None
    if joined[:5].lower() == "file:" and (base or "")[:5].lower() != "file:":
        return None  # a web page must not point a clip at the reader's own files
    return joined


def site_host(url: str | None) -> str | None:
    """``url``'s host in lower case without a leading "www." (one site either way); None
    for no host or an address no browser could open."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def web_host(href: str) -> str | None:
    """``site_host`` of an http(s) address; None for any other scheme (mail, script, a
    fragment, a relative path)."""
    if href[:8].lower().partition(":")[0] not in ("http", "https"):
        return None
    return site_host(href)


@lru_cache(maxsize=64)
def _origin(base: str) -> str | None:
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def short_url(url: str, limit: int = 160) -> str:
    """An address as a message shows it: a ``data:`` URL by its type alone (one can be
    megabytes long), any other cut to ``limit`` characters."""
    if url[:5].lower() == "data:":
        head = url[: min(len(url), 64)].partition(",")[0].partition(";")[0]
        return f"{head},… ({len(url) // 1024 or 1} KB)"
    return url if len(url) <= limit else url[: limit - 1] + "…"
