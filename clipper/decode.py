"""Bytes to text: find the page's real encoding, and tell a web page from a PDF or a picture.

Browsers follow the WHATWG encoding rules (BOM, HTTP charset, ``<meta>`` prescan,
then a guess), and so does :func:`decode_html`, with two twists that make Clipper
read more pages correctly than a browser does: a declaration that is plainly
wrong (a page "in windows-1252" whose bytes are valid UTF-8, a page "in UTF-8"
full of invalid sequences) is overruled, and undeclared pages are guessed from
their text only (markup stripped), which is what makes the guess reliable.

:func:`describe_non_html` is shared by the URL and the file readers so both
refuse PDFs, images and archives with the same words.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer
from charset_normalizer.cd import coherence_ratio
from charset_normalizer.md import mess_ratio

PRESCAN_BYTES = 4096
"""How far to look for ``<meta charset>`` (the spec says 1024 bytes; real pages need more)."""
SNIFF_BYTES = 4096
"""How much of the start of a body decides whether it is HTML at all."""
DETECT_SCAN_BYTES = 2 * 1024 * 1024
"""How much of an undeclared page is searched for text to guess its encoding from."""
DETECT_SAMPLE_BYTES = 16 * 1024
"""How much non-ASCII text is handed to the guesser: enough to be sure, small enough to be fast."""

# WHATWG Encoding Standard labels, grouped by the Python codec that decodes them the way
# browsers do (windows-1252 for "latin1"/"ascii", cp932 for "shift_jis", gb18030 for "gb2312"...).
# Labels that are not here (utf-7, the "replacement" encodings, "base64"...) are ignored.
_WHATWG_LABELS = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859-2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
    "iso_8859-2:1987 l2 latin2",
    "iso8859-3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
    "iso_8859-3:1988 l3 latin3",
    "iso8859-4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
    "iso_8859-4:1988 l4 latin4",
    "iso8859-5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
    "iso_8859-5 iso_8859-5:1988",
    "iso8859-6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 "
    "iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    "iso8859-7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
    "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859-8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
    "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical",
    "iso8859-10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859-13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859-14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859-15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859-16": "iso-8859-16",
    "koi8-r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8-u": "koi8-ru koi8-u",
    "mac-roman": "csmacintosh mac macintosh x-mac-roman",
    "mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
    "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252 "
    "x-user-defined",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
    "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk "
    "gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
    "ksc5601 ksc_5601 windows-949",
    "utf-16-be": "unicodefffe utf-16be",
    "utf-16-le": "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
}
_LABELS = {label: codec for codec, labels in _WHATWG_LABELS.items() for label in labels.split()}
# Names the guesser (charset-normalizer) answers with, mapped to the browser-compatible superset.
_LABELS.update({
    "utf_8": "utf-8", "latin_1": "cp1252", "iso8859_1": "cp1252", "shift_jis": "cp932",
    "gbk": "gb18030", "big5": "big5hkscs", "euc_kr": "cp949", "tis_620": "cp874",
    "iso8859_9": "cp1254", "mac_roman": "mac-roman", "mac_cyrillic": "mac-cyrillic",
})
_POPULARITY = ("cp1252", "cp1251", "cp932", "gb18030", "cp949", "euc_jp", "big5hkscs", "cp1250",
               "cp1256", "cp1254", "cp1253", "cp1255", "cp874", "koi8-r", "iso8859-2")
"""Most used legacy encodings on the web first (W3Techs), to break ties between guesses."""
_LANGUAGE_ENCODINGS = {
    lang: codec
    for codec, langs in {
        "cp1252": "en fr de es it pt nl da sv no nb nn fi is ga ca eu gl af sq id ms sw",
        "cp1251": "ru uk be bg mk sr",
        "cp1250": "pl cs sk hu ro hr sl bs",
        "cp1253": "el", "cp1254": "tr az", "cp1255": "he yi", "cp1256": "ar fa ur",
        "cp1257": "lt lv et", "cp1258": "vi", "cp874": "th",
        "cp932": "ja", "cp949": "ko", "gb18030": "zh",
    }.items()
    for lang in langs.split()
}
_SINGLE_BYTE = frozenset(c for c in _WHATWG_LABELS if c.startswith(("cp", "iso8859", "koi8", "mac"))
                         and c not in ("cp932", "cp949"))
_DETECT_CANDIDATES = [
    # What Firefox's detector (chardetng) also limits itself to: rarer code pages mostly win
    # near-ties by accident (Turkish "in ISO-8859-10").
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "cp874", "cp866", "koi8_r", "iso8859_2", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7",
    "iso8859_8", "iso8859_13", "cp932", "euc_jp", "cp949", "gb18030", "big5hkscs",
]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_COMMENT_RE = re.compile(rb"<!--.*?(?:-->|$)", re.S)
_META_RE = re.compile(rb"<meta[\s/]([^>]*)>?", re.I)
_ATTR_RE = re.compile(rb"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_CHARSET_IN_CONTENT_RE = re.compile(rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.I)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""", re.I)
_STRIP_RE = re.compile(
    rb"<script\b.*?(?:</script\s*>|$)|<style\b.*?(?:</style\s*>|$)|<!--.*?(?:-->|$)|<[^>]*>",
    re.S | re.I,
)
_ISO2022JP_RE = re.compile(rb"\x1b\$[@B]")
_SAFE_CUT_RE = re.compile(rb"[\x00-\x2f]")
SAMPLE_CONTEXT = 2000
_HIGH_BYTES_RE = re.compile(rb"[\x80-\xff]")
_LANG_RE = re.compile(
    rb"""<html\b[^>]*?\s(?:xml:)?lang\s*=\s*["']?([a-z]{2,3})(?:[-_]([a-z0-9]+))?""", re.I)
_CP1252_PUNCTUATION = {bytes([b]) for b in (
    0x80, 0x82, 0x84, 0x85, 0x86, 0x87, 0x89, 0x8B, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
    0x99, 0x9B, *range(0xA0, 0xC0), 0xD7, 0xF7)}
"""Bytes that windows-1252 (and mostly the other single-byte encodings) use for punctuation."""
PLAUSIBLE_CHAOS = 0.15
"""Guesses this much "messier" than the best one are out."""
COHERENCE_MARGIN = 0.1
LANGUAGE_LIKE = 0.5
"""Guesses that read less like a language than the best one (by the margin) and than this
are out; with one accented letter in a page, every Latin code page reads "like a language"."""
CHAOS_MARGIN = 0.01
"""Guesses this close in "mess" count as a tie, settled by popularity."""


def normalize_charset(label: str | None) -> str | None:
    """The Python codec for a charset label as browsers read it, or None if unknown/unsafe."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    return _LABELS.get(key) or _LABELS.get(key.replace("_", "-"))


def decode_html(body: bytes, declared: str | None = None) -> str:
    """Decode a page; never raises on bad bytes (they become U+FFFD as a last resort)."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(codec, errors="replace")
    utf16 = _sniff_utf16(body)
    if utf16:  # an 8-bit declaration can never be right for text full of NUL bytes
        return body.decode(utf16, errors="replace")
    prescanned = _prescan(body[:PRESCAN_BYTES])
    if prescanned in ("utf-16-le", "utf-16-be"):  # per spec: the page is ASCII-compatible
        prescanned = "utf-8"
    tried: set[str] = set()
    for announced in (normalize_charset(declared), prescanned):
        if announced and announced not in tried:
            tried.add(announced)
            text = _decode_declared(body, announced)
            if text is not None:
                return text
    if "utf-8" not in tried:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # 7-bit ISO-2022-JP is valid ASCII too; its escape sequences give it away
            return body.decode("iso2022_jp", errors="replace") if _ISO2022JP_RE.search(
                body[:DETECT_SCAN_BYTES]) else text
    return body.decode(detect_charset(body) or "utf-8", errors="replace")


def _decode_declared(body: bytes, codec: str) -> str | None:
    """Decode with a declared codec, or None when the bytes show the declaration is wrong."""
    if codec.startswith("utf-16"):
        return None  # real UTF-16 was caught by the BOM or NUL sniffing; this is a false label
    if codec != "utf-8" and not body.isascii():
        # Legacy text is practically never valid UTF-8, so valid UTF-8 overrules the label:
        # the common lie is a server or template saying iso-8859-1 for a UTF-8 page.
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        first_error = exc.start
    # Judge from the text around the first error (decoding all of a big page twice is slow):
    # a few broken bytes (a truncated page, one bad paste) are tolerated; mostly broken is a lie.
    start = _safe_cut(body, max(0, first_error - SAMPLE_CONTEXT), first_error)
    end = _safe_cut(body, first_error + DETECT_SAMPLE_BYTES, len(body))
    raw = body[start:end]
    window = raw.decode(codec, errors="replace")
    bad = window.count("\ufffd") - (raw.count(b"\xef\xbf\xbd") if codec == "utf-8" else 0)
    good = len(window) - len(window.encode("ascii", errors="ignore")) - bad
    return body.decode(codec, errors="replace") if bad * 20 <= good else None


def _safe_cut(data: bytes, at: int, limit: int) -> int:
    """The first position from ``at`` that is not inside a multi-byte character (or ``limit``)."""
    if at >= limit:
        return limit
    found = _SAFE_CUT_RE.search(data, at, limit)
    return found.end() if found else limit


def _sniff_utf16(body: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII markup leaves every other byte NUL."""
    head = body[:SNIFF_BYTES]
    if len(head) < 8 or b"\x00" not in head:
        return None
    half = len(head) // 2
    even = head[0 : 2 * half : 2].count(0)
    odd = head[1 : 2 * half : 2].count(0)
    if odd > half * 0.3 and even < half * 0.05 and head[0:1] != b"\x00":
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05 and head[1:2] != b"\x00":
        return "utf-16-be"
    return None


def _prescan(head: bytes) -> str | None:
    """The charset a ``<meta>`` (or an XML declaration) announces, as a Python codec name."""
    xml = _XML_DECL_RE.match(head)
    head = _COMMENT_RE.sub(b"", head)
    for meta in _META_RE.finditer(head):
        attrs: dict[bytes, bytes] = {}
        for name, value in _ATTR_RE.findall(meta.group(1)):
            attrs.setdefault(name.lower(), value.strip(b"\"'"))
        label: bytes | None = attrs.get(b"charset")
        if label is None and attrs.get(b"http-equiv", b"").strip().lower() == b"content-type":
            found = _CHARSET_IN_CONTENT_RE.search(attrs.get(b"content", b""))
            label = next((g for g in found.groups() if g is not None), None) if found else None
        codec = normalize_charset(label.decode("latin-1")) if label else None
        if codec:
            return codec
    return normalize_charset(xml.group(1).decode("latin-1")) if xml else None


def detect_charset(body: bytes) -> str | None:
    """Guess the encoding of an undeclared page from its text (markup stripped).

    charset-normalizer does the statistics; Clipper adds what a browser knows: the
    page's ``lang`` and how common each encoding is, which settle the near-ties that
    short or mostly-English samples produce.
    """
    head = body[:DETECT_SCAN_BYTES]
    sample = _text_sample(_STRIP_RE.sub(b"\n", head))
    if not sample:
        return None
    preferred = _language_encoding(head)
    if set(_HIGH_BYTES_RE.findall(sample)) <= _CP1252_PUNCTUATION:
        # Only dashes, quotes, (c)... : an English-like page; most single-byte encodings agree.
        return preferred if preferred in _SINGLE_BYTE else "cp1252"
    matches = list(charset_normalizer.from_bytes(
        sample, steps=8, chunk_size=2048, threshold=0.3, cp_isolation=_DETECT_CANDIDATES,
        preemptive_behaviour=False,
    ))
    if not matches:
        return None
    best = matches[0]
    scores = {m.encoding: (m.chaos, m.coherence) for m in matches}
    # charset-normalizer skips code pages "similar" to one it already liked, so the common
    # windows-1252 (or the page language's encoding) may be missing: score those ourselves.
    for extra in (_cn_name(preferred), "cp1252"):
        if not extra or extra in scores:
            continue
        try:
            text = sample.decode(extra)
        except UnicodeDecodeError:
            continue
        languages = coherence_ratio(text)
        scores[extra] = (mess_ratio(text, 1.0), languages[0][1] if languages else 0.0)
    # Short samples fool the statistics in two ways: a wrong code page can read as slightly
    # cleaner but as no language at all (French "in Arabic windows-1256"), and clean Latin
    # code pages tie. So: keep the guesses that read as a language, let the page's own
    # ``lang`` decide among them, else the cleanest, else the most common.
    plausible = {normalize_charset(name) or name: (chaos, coherence)
                 for name, (chaos, coherence) in scores.items()
                 if chaos <= best.chaos + PLAUSIBLE_CHAOS}
    top = max(coherence for _, coherence in plausible.values())
    floor = min(top - COHERENCE_MARGIN, LANGUAGE_LIKE)
    coherent = {name: chaos for name, (chaos, coherence) in plausible.items()
                if coherence >= floor}
    cleanest = min(coherent.values())
    if preferred in coherent and coherent[preferred] <= cleanest + PLAUSIBLE_CHAOS:
        return preferred
    close = [name for name, chaos in coherent.items() if chaos <= cleanest + CHAOS_MARGIN]
    return min(close, key=lambda c: _POPULARITY.index(c) if c in _POPULARITY else 99)


def _text_sample(text: bytes) -> bytes:
    """The lines around non-ASCII bytes: ASCII context dilutes noise, pure-ASCII lines add none."""
    lines: list[bytes] = []
    size, pos = 0, 0
    while size < DETECT_SAMPLE_BYTES:
        found = _HIGH_BYTES_RE.search(text, pos)
        if not found:
            break
        at = found.start()
        start = text.rfind(b"\n", 0, at) + 1
        end = text.find(b"\n", at)
        end = len(text) if end < 0 else end
        # Cut very long lines at a byte below 0x30, which is never inside a multi-byte character.
        if at - start > SAMPLE_CONTEXT:
            start = min(_safe_cut(text, at - SAMPLE_CONTEXT, at), at)
        if end - at > SAMPLE_CONTEXT:
            end = _safe_cut(text, at + SAMPLE_CONTEXT, end)
        line = b" ".join(text[start:end].split())
        lines.append(line)
        size += len(line) + 1
        pos = end + 1
    return b"\n".join(lines)


def _cn_name(codec: str | None) -> str | None:
    """Our codec name as charset-normalizer spells it (``iso8859-2`` -> ``iso8859_2``)."""
    return codec.replace("-", "_") if codec else None


def _language_encoding(head: bytes) -> str | None:
    """The legacy encoding pages in the document's language mostly used (``<html lang>``)."""
    found = _LANG_RE.search(head[:PRESCAN_BYTES * 2])
    if not found:
        return None
    lang = found.group(1).decode("ascii").lower()
    region = (found.group(2) or b"").decode("ascii").lower()
    if lang == "zh" and region in ("tw", "hk", "mo", "hant"):
        return "big5hkscs"
    return _LANGUAGE_ENCODINGS.get(lang)


# --- Is this a web page at all? ------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", ""),  # checked below: "BM" alone also starts ordinary words
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office or EPUB document)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", ""),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"(\xb5/\xfd", "a zstd-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript document"),
    (b"OggS\x00", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3", ""),
    (b"\x1aE\xdf\xa3", "a WebM or Matroska video"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\xca\xfe\xba\xbe", "a program (Mach-O or Java class)"),
    (b"\xcf\xfa\xed\xfe", "a program (Mach-O executable)"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}

_TYPE_DESCRIPTIONS = {
    "application/pdf": "a PDF document",
    "application/x-pdf": "a PDF document",
    "application/zip": "a ZIP archive",
    "application/x-zip-compressed": "a ZIP archive",
    "application/gzip": "a gzip-compressed file",
    "application/x-gzip": "a gzip-compressed file",
    "application/x-tar": "a tar archive",
    "application/x-7z-compressed": "a 7-Zip archive",
    "application/vnd.rar": "a RAR archive",
    "application/x-rar-compressed": "a RAR archive",
    "application/epub+zip": "an EPUB e-book",
    "application/msword": "a Word document",
    "application/rtf": "an RTF document",
    "application/postscript": "a PostScript document",
    "application/json": "JSON data",
    "application/ld+json": "JSON data",
    "application/javascript": "a JavaScript file",
    "application/x-javascript": "a JavaScript file",
    "text/javascript": "a JavaScript file",
    "text/css": "a style sheet",
    "text/csv": "a CSV table",
    "text/calendar": "a calendar file",
    "application/rss+xml": "an RSS feed",
    "application/atom+xml": "an Atom feed",
    "application/wasm": "a WebAssembly program",
    "application/x-shockwave-flash": "a Flash file",
    "image/svg+xml": "an SVG image",
}
_TYPE_FAMILIES = {
    "image": "an image",
    "audio": "an audio file",
    "video": "a video",
    "font": "a font",
    "model": "a 3D model",
}
_PAGE_TYPES = {"text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml"}
_UNTYPED = {
    # Labels that say nothing: bytes that are not a known binary format are given the benefit.
    "", "application/octet-stream", "binary/octet-stream", "application/unknown",
    "application/x-download", "application/force-download", "application/download",
    "unknown/unknown",
}
_STRONG_HTML_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.I)
_ANY_TAG_RE = re.compile(
    rb"<(?:!--|p|div|a|span|br|h[1-6]|article|section|main|header|table|ul|ol|img|script|style|"
    rb"link|form|nav|b|i|em|strong|pre|blockquote|figure)[\s>/]",
    re.I,
)
_FEED_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]", re.S)


def media_type(content_type: str | None) -> str:
    """``"Text/HTML; charset=x"`` -> ``"text/html"``; empty string when absent."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset_param(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, unquoted."""
    found = _CHARSET_IN_CONTENT_RE.search((content_type or "").encode("latin-1", "replace"))
    if not found:
        return None
    value = next(g for g in found.groups() if g is not None).decode("latin-1").strip()
    return value or None


def describe_content_type(content_type: str | None) -> str | None:
    """What a Content-Type names when it can never be a web page (no need to see the bytes)."""
    mime = media_type(content_type)
    if mime in _TYPE_DESCRIPTIONS:
        return _TYPE_DESCRIPTIONS[mime]
    family, _, subtype = mime.partition("/")
    if family in _TYPE_FAMILIES:
        kind = _TYPE_FAMILIES[family]
        return f"{kind} ({subtype.upper()})" if subtype else kind
    if mime.startswith("application/vnd.openxmlformats") or mime.startswith("application/vnd.ms-"):
        return "an Office document"
    if mime.startswith("application/vnd.oasis.opendocument"):
        return "an OpenDocument file"
    return None


def looks_like_html(body: bytes) -> bool:
    """Markup near the start: a doctype or ``<html>``, or text that opens with a tag."""
    head = body[:SNIFF_BYTES]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, errors="ignore").encode("utf-8")
            break
    else:
        utf16 = _sniff_utf16(head)
        if utf16:
            head = head.decode(utf16, errors="ignore").encode("utf-8")
    if _STRONG_HTML_RE.search(head):
        return True
    return head.lstrip().startswith(b"<") and _ANY_TAG_RE.search(head) is not None


def _describe_bytes(body: bytes) -> str | None:
    """Binary formats known by their first bytes, or any body with NUL bytes near the start."""
    head = body[:SNIFF_BYTES]
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    if head[4:8] == b"ftyp":
        still = head[8:12] in (b"heic", b"heix", b"avif", b"mif1")
        return "an image (HEIC/AVIF)" if still else "a video"
    for magic, description in _MAGIC:
        if head.startswith(magic):
            if description:
                return description
            if magic == b"BM" and len(head) > 14 and head[6:10] == b"\0\0\0\0":
                return "a BMP image"
            if magic == b"BZh" and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
                return "a bzip2-compressed file"
            if magic == b"ID3" and head[3:4] in (b"\x02", b"\x03", b"\x04"):
                return "an MP3 audio file"
    kb = head[:1024]
    if b"\x00" in kb and not any(kb.startswith(bom) for bom, _ in _BOMS) and not _sniff_utf16(head):
        return "a binary file"
    return None


def describe_non_html(body: bytes, content_type: str | None = None) -> str | None:
    """Say what the content is when it is not a web page (e.g. ``"a PDF document"``), else None.

    The bytes win over the label when they are a known binary format; a vague or
    missing label (octet-stream, text/plain, XML) is accepted only if the bytes look
    like a page, or, when there is no label at all, are at least text.
    """
    by_bytes = _describe_bytes(body)
    if by_bytes:
        return by_bytes
    mime = media_type(content_type)
    if mime in _PAGE_TYPES:
        return None
    by_type = describe_content_type(mime)
    if by_type:
        return by_type
    if looks_like_html(body):
        return None
    if mime in _UNTYPED:
        return None if not mime else "a file of unknown type"
    if mime in ("text/xml", "application/xml") or mime.endswith("+xml"):
        feed = _FEED_RE.match(body[:SNIFF_BYTES])
        if feed:
            return "an Atom feed" if feed.group(1) == b"feed" else "an RSS feed"
        return "an XML document"
    if mime == "text/plain":
        return "a plain text file"
    return f"a {mime} file"
