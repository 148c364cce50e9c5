"""Turn page text or bytes into an lxml document, whatever the page throws at the parser.

libxml2 stops at 2048 levels of nesting and silently drops everything deeper (text
included), so pathologically nested pages are flattened first; source line numbers
are preserved by every rewrite because the window tints the raw source by line.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from clipper.decode import decode_html
from clipper.errors import NoArticleError

MAX_DEPTH = 1500
"""Deeper elements are unwrapped (their text kept) before parsing; libxml2's limit is 2048."""

_CONTROL_REFERENCE = re.compile(
    r"&#(?:[xX]0*(1?[0-9a-fA-F])(?![0-9a-fA-F])|0*([12]?[0-9]|3[01])(?![0-9]));?")
"""A numeric reference: libxml2 turns ``&#26;`` into a control character lxml then refuses."""
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
"""Ends at the first ``>`` as a browser reads ``<?``: a garbage declaration may lack ``?>``."""
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters lxml refuses in text: binary junk and lone surrogates become U+FFFD."""
_C0_REFUSED = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:\s[^>]*)?/?>")
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr")
)
_HTML_START = re.compile(rb"<html\b[^>]*>", re.I)
_END_HTML = re.compile(rb"</html\s*>", re.I)
_LATER_DOCUMENT = re.compile(rb"<(?:!doctype|html)\b", re.I)
_DOCUMENT_MARKS = re.compile(rb"</(?:html|body)\s*>|<!doctype[^>]*>", re.I)
_RAW_TEXT = re.compile(r"<(script|style|textarea|title)\b.*?</\1\s*>", re.I | re.S)


def decode(body: bytes) -> str:
    """Bytes to text with the project's decoder (BOM, meta charset, detection)."""
    return decode_html(body)


_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity,
)
"""Every element an ``HtmlElement`` (``text_content``, ``drop_tree``...), chosen in C.

lxml.html's own lookup calls a Python method for each element proxy to pick per-tag
classes (forms, inputs) that extraction never uses; on a typical page that is a
tenth of the extraction time.
"""


def html_parser(encoding: str | None = None) -> lxml_html.HTMLParser:
    """The parser for a page or a fragment; ``encoding`` that of the bytes it is given.

    A parser per call: lxml parsers must not be shared between threads (the window
    extracts in a background thread), and building one costs microseconds.
    """
    parser = lxml_html.HTMLParser(
        huge_tree=True, remove_comments=True, remove_pis=True, no_network=True,
        encoding=encoding,
    )
    parser.set_element_class_lookup(_LOOKUP)
    return parser


def depth_exceeded(parser: lxml_html.HTMLParser) -> bool:
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def root_misread(doc: lxml_html.HtmlElement, parser: lxml_html.HTMLParser) -> bool:
    """libxml2 ended the page at a self-closed ``<html/>`` (nothing in it) or met a second
    ``<html>`` (documents glued together): read it again as one document."""
    return len(doc) == 0 or any(e.message.endswith("misplaced <html> tag")
                                for e in parser.error_log)


def flatten_deep_nesting(text: str, max_depth: int = MAX_DEPTH) -> str:
    """Drop the tags (never the text) of elements nested deeper than ``max_depth``.

    A lenient tag stack like the parser's own: a closing tag closes up to its opener,
    and the closing tags of dropped openers are dropped too. Newlines inside dropped
    tags are kept so line numbers do not move.
    """
    protected: list[tuple[int, int]] = [m.span() for m in _RAW_TEXT.finditer(text)]
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, kept)
    pos = 0
    guard = 0
    for m in _TAG.finditer(text):
        start = m.start()
        while guard < len(protected) and protected[guard][1] <= start:
            guard += 1
        if guard < len(protected) and protected[guard][0] <= start:
            continue  # <script>/<style> and their content: raw text, never nested markup
        closing, name = m.group(1) == "/", m.group(2).lower()
        keep = True
        if name in _VOID or m.group(0).endswith("/>"):
            keep = len(stack) < max_depth
        elif not closing:
            keep = len(stack) < max_depth
            stack.append((name, keep))
        else:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    keep = stack[i][1]
                    del stack[i:]
                    break
        if not keep:
            out.append(text[pos:start])
            out.append("\n" * m.group(0).count("\n"))
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _control_reference(match: re.Match[str]) -> str:
    hexa, decimal = match.groups()
    code = int(hexa, 16) if hexa else int(decimal)
    if code == 0x0C:
        return " "  # a form feed is white space to a browser
    if code < 0x20 and code not in (0x09, 0x0A, 0x0D):
        return ""  # a browser shows nothing for them (a DOS end-of-file &#26;, say)
    return match.group(0)


def _drop_control_references(text: str) -> str:
    return _CONTROL_REFERENCE.sub(_control_reference, text) if "&#" in text else text


def _has_refused_chars(text: str) -> bool:
    """``_NOT_XML_CHARS.search(text)``, twice as fast on a whole page (a regex class
    tests every character in Python's engine)."""
    return _accepted_utf8(text) is None


def _accepted_utf8(text: str) -> bytes | None:
    """The text's UTF-8 bytes, or None when it holds a character lxml refuses: the bytes
    (a lone surrogate cannot be encoded) lose nothing when the refused C0 controls are
    deleted."""
    if "\ufffe" in text or "\uffff" in text:  # one character: found as fast as memchr
        return None
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return raw if len(raw.translate(None, _C0_REFUSED)) == len(raw) else None


def parse_html(html: str | bytes) -> lxml_html.HtmlElement:
    """Parse a whole page; raise NoArticleError when there is nothing to parse."""
    text = decode(html) if isinstance(html, bytes) else html
    raw = _accepted_utf8(text)
    if raw is None:
        text = _NOT_XML_CHARS.sub("\ufffd", text)
    read = text
    text = _drop_control_references(text)
    match = XML_DECLARATION.match(text)
    if match:  # lxml refuses str input that declares an encoding; keep the line count
        text = "\n" * match.group(0).count("\n") + text[match.end():]
    if not text.strip():
        raise NoArticleError("The page is empty", "There is no text on it to clip.")
    if raw is None or text is not read:  # else the bytes already read are the page's
        raw = text.encode("utf-8")
    # As UTF-8 bytes: libxml2 reads a str as UCS-4 (or UCS-2) and converts it, which costs
    # more than the encoding here (the same tree: the declared charset is overridden).
    parser = html_parser("utf-8")
    try:
        doc = lxml_html.document_fromstring(raw, parser=parser)
        if depth_exceeded(parser):
            parser = html_parser("utf-8")
            raw = flatten_deep_nesting(text).encode("utf-8")
            doc = lxml_html.document_fromstring(raw, parser=parser)
        if root_misread(doc, parser):
            doc = lxml_html.document_fromstring(as_one_document(raw), parser=html_parser("utf-8"))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise NoArticleError(
            "No article text found on this page", "The page could not be read as HTML."
        ) from exc
    if doc is None or not isinstance(doc.tag, str):
        raise NoArticleError("No article text found on this page")
    adopt_after_body(doc)
    return doc


def as_one_document(raw: bytes) -> bytes:
    """The page as a browser reads its root: a self-closed ``<html … />`` does not end it
    (libxml2 returned an empty page), and the documents glued after the first ``</html>``
    are shown with the first (a second ``<!DOCTYPE>``, ``</body>``, ``</html>`` end
    nothing; libxml2 kept the first document alone). Line numbers are kept."""
    start = _HTML_START.search(raw)
    if start is not None and start.group(0).endswith(b"/>"):
        raw = raw[:start.start()] + start.group(0)[:-2].rstrip() + b">" + raw[start.end():]
    end = _END_HTML.search(raw)
    if end is None or _LATER_DOCUMENT.search(raw, end.start()) is None:
        return raw
    return raw[:end.start()] + _DOCUMENT_MARKS.sub(_blank_lines, raw[end.start():])


def _blank_lines(match: re.Match[bytes]) -> bytes:
    return b"\n" * match.group(0).count(b"\n")


def adopt_after_body(doc: lxml_html.HtmlElement) -> None:
    """Content after a stray ``</body>`` goes back into the body, as a browser reads it.

    libxml2 closes the body at the first ``</body>`` and hangs what follows on ``<html>``
    beside it (a page pasted into a template, a second document in a table cell), where
    nothing looks for an article; a browser ignores that end tag and shows the rest.
    """
    body = doc.find("body")
    if body is None or body.getparent() is not doc:
        return
    strays = [el for el in body.itersiblings() if isinstance(el.tag, str)]
    if not strays:
        return
    if body.tail and body.tail.strip():
        if len(body):
            body[-1].tail = (body[-1].tail or "") + body.tail
        else:
            body.text = (body.text or "") + body.tail
    body.tail = None
    for el in strays:
        body.append(el)  # with its tail
