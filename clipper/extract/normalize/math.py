"""The page pre-pass for math: every formula as TeX in a placeholder the writer reads.

Math exists as ``<script type="math/tex">`` (MathJax 2), KaTeX spans, MathJax 3
containers, MathML and fallback images; the extractor's cleaner would throw the
scripts and hidden parts away, so this runs on the whole page first and leaves
``<span data-clipper-math="inline|display">TeX</span>`` (``clipper.markdown.marks``).
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from clipper.extract.normalize.mathml import mathml_to_tex
from clipper.htmltree import remove_keep_tail, text_of
from clipper.markdown.marks import MATH_ATTR
from clipper.visibility import aria_hidden, hides

__all__ = ["DATA_MATH_CLASS", "MATH_SOURCE_TAGS", "MATH_TAGS", "convert_data_math", "convert_math",
           "is_math_source", "is_mathjax_rendering", "tex_from_image_url"]

MATH_TAGS = frozenset(("math", "{http://www.w3.org/1998/Math/MathML}math", "mjx-container"))
_TEX_WRAPPER = re.compile(r"^\{\\(?:display|text|script)style\s*(.*)\}$", re.S)
_MATHJAX_CLASS = re.compile(r"(?:^|\s)(?:MathJax|MJX|mjx)[\w-]*", re.I)
_TEXISH = re.compile(r"[\\^_{}]")
_TEX_COMMAND = re.compile(r"\\[A-Za-z]+|\^|[{}]")
"""Stronger signs of TeX (a command, a superscript, braces): an underscore alone is often
a file name's."""


def is_mathjax_rendering(el: etree._Element) -> bool:
    """A ``span``/``div``/``nobr`` MathJax 2 drew: a copy of a formula whose TeX script is
    kept, to be removed once that script became a placeholder."""
    cls = el.get("class")
    return bool(cls and _MATHJAX_CLASS.search(cls))


MATH_SOURCE_TAGS = MATH_TAGS | {"math-renderer"}
"""Elements that are math whatever their class: MathML, MathJax 3, GitHub's renderer."""


def is_math_source(el: etree._Element) -> bool:
    """MathML, MathJax 3, KaTeX, GitHub's ``<math-renderer>``, or an element whose class
    says it renders math (it may keep the TeX in a ``data-*`` attribute). Asked of every
    ``span`` and ``div`` of a page: plain substring tests, the cheapest Python has."""
    if el.tag in MATH_SOURCE_TAGS:
        return True
    cls = el.get("class")
    return bool(cls) and ("ath" in cls or "atex" in cls or "ATEX" in cls  # type: ignore[operator]
                          or "quation" in cls or "ormula" in cls)  # type: ignore[operator]


def _clean_tex(tex: str) -> str:
    tex = tex.strip()
    m = _TEX_WRAPPER.match(tex)
    if m:
        tex = m.group(1).strip()
    return tex


def _math_placeholder(like: etree._Element, tex: str, display: bool) -> etree._Element:
    maker = lxml_html.Element if isinstance(like, lxml_html.HtmlElement) else etree.Element
    span = maker("span")
    span.set(MATH_ATTR, "display" if display else "inline")
    span.text = _clean_tex(tex)
    return span


def _replace(old: etree._Element, new: etree._Element) -> None:
    parent = old.getparent()
    if parent is None:
        return
    new.tail = old.tail
    parent.replace(old, new)


def _tex_annotation(math: etree._Element) -> str | None:
    for ann in math.iter("annotation", "{http://www.w3.org/1998/Math/MathML}annotation"):
        enc = (ann.get("encoding") or "").lower()
        if "tex" in enc and ann.text and ann.text.strip():
            return ann.text
    return None


def _hidden(el: etree._Element) -> bool:
    return hides(el) or aria_hidden(el)


def convert_math(el: etree._Element) -> bool:
    """Turn one math source into a ``data-clipper-math`` placeholder; True if converted.

    Handles ``<script type="math/tex[; mode=display]">`` (MathJax 2), KaTeX
    spans (TeX from their ``<annotation>``), ``<math>`` with a TeX annotation
    or TeX ``alttext``, MathJax 3 containers, and math fallback images whose
    ``alt`` is TeX.  Call it before any cleaner removes scripts or hidden
    elements; :func:`normalize_document` does.
    """
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "script":
        return _from_script(el)
    if tag == "span" and "katex" in (el.get("class") or "").split():
        return _from_katex(el)
    if tag == "mjx-container":
        return _from_mathjax3(el)
    if tag in ("math", "{http://www.w3.org/1998/Math/MathML}math"):
        return _from_mathml(el)
    if tag == "img":
        return _from_image(el)
    return False


def _from_script(el: etree._Element) -> bool:
    kind = (el.get("type") or "").lower()
    if not kind.startswith("math/tex"):
        return False
    tex = el.text or ""
    if not tex.strip():
        remove_keep_tail(el)
        return True
    _replace(el, _math_placeholder(el, tex, "mode=display" in kind.replace(" ", "")))
    return True


def _from_katex(el: etree._Element) -> bool:
    math = next(el.iter("math", "{http://www.w3.org/1998/Math/MathML}math"), None)
    tex = _tex_annotation(math) if math is not None else None
    if tex is None:
        return False
    parent = el.getparent()
    display = parent is not None and "katex-display" in (parent.get("class") or "").split()
    target = parent if parent is not None and display and len(parent) == 1 else el
    _replace(target, _math_placeholder(el, tex, display))
    return True


def _from_mathjax3(el: etree._Element) -> bool:
    math = next(el.iter("math", "{http://www.w3.org/1998/Math/MathML}math"), None)
    if math is None:
        return False
    tex = _tex_annotation(math) or math.get("alttext") or mathml_to_tex(math)
    display = el.get("display") == "true" or math.get("display") == "block"
    if tex:
        _replace(el, _math_placeholder(el, tex, display))
    else:
        remove_keep_tail(el)
    return True


def _from_mathml(el: etree._Element) -> bool:
    tex = _tex_annotation(el)
    alt = el.get("alttext")
    if tex is None and alt and _TEXISH.search(alt):
        tex = alt
    if tex is None:
        tex = mathml_to_tex(el)
    if not tex:
        return False
    display = el.get("display") == "block" or el.get("mode") == "display"
    placeholder = _math_placeholder(el, tex, display)
    parent = el.getparent()
    target = el
    # Wikipedia-style: MathML in a hidden wrapper next to a fallback image.
    if parent is not None and len(parent) == 1 and _hidden(parent):
        target = parent
    holder = target.getparent()
    if holder is not None:
        for sib in list(holder):
            if sib is not target and sib.tag == "img" and (
                    "math" in (sib.get("class") or "")
                    or _clean_tex(sib.get("alt") or "") == placeholder.text):
                remove_keep_tail(sib)
    _replace(target, placeholder)
    return True


def _from_image(el: etree._Element) -> bool:
    """A formula drawn as a picture: TeX from a LaTeX image service's URL, or from the
    ``alt`` of an image that says it is math (class or address)."""
    cls = (el.get("class") or "").lower()
    src = (el.get("src") or el.get("data-src") or "").strip()
    math_class = bool(cls) and _maybe_math(cls) and bool(_MATH_WORD.search(cls))
    math_src = _maybe_math(src[:300].lower()) and bool(_MATH_HINT.search(src[:300]))
    if not (math_class or math_src):
        return False  # nearly every image: nothing in its class or address says math
    tex = tex_from_image_url(src) if math_src else None
    alt = _unwrap_dollars(el.get("alt") or el.get("title") or "")
    if tex is None and alt and ((math_class and _TEXISH.search(alt))
                                or (math_src and _TEX_COMMAND.search(alt))):
        tex = alt
    if not tex:
        return False
    display = ("display" in cls or "block" in cls or "center" in cls) and "inline" not in cls
    _replace(el, _math_placeholder(el, tex, display))
    return True


_MATH_WORD = re.compile(r"math|latex|(?<![a-z])tex(?![a-z])|equation|formula|katex", re.I)
def _maybe_math(low: str) -> bool:
    """A first look, in plain substring tests (every image of every page is asked)."""
    return ("math" in low or "tex" in low or "equation" in low or "formula" in low
            or "cht=tx" in low)


_MATH_HINT = re.compile(r"math|latex|tex\b|tex=|equation|formula|cht=tx", re.I)
"""Cheap first look at an image address: could it be a formula at all?"""
_QUERY_TEX_PARAMS = ("latex", "tex", "math", "chl", "from", "formula", "eq", "expr", "equation")
_SERVICE_PREFIX = re.compile(
    r"^\s*(?:\\(?:dpi\{\d+\}|dpi_?\d+|bg_\w+|bg\{\w+\}|fg_\w+|fg\{\w+\}|inline|large|Large|LARGE"
    r"|huge|Huge|small|tiny|normal|normalsize|fn_\w+|displaystyle(?=\s))\s*)+")
_RAW_QUERY_SERVICE = re.compile(r"codecogs\.com|latex\.php|\.latex|latex\.|mimetex|mathtex", re.I)


def tex_from_image_url(src: str) -> str | None:
    """The TeX a LaTeX image service renders, read from its address, or None.

    Covers the shapes such services take: the whole query is the formula
    (``latex.codecogs.com/svg.latex?\\frac{a}{b}``, mimeTeX), a named parameter
    (``?latex=`` WordPress, ``?tex=`` Zhihu, ``?math=`` GitHub, ``?chl=`` Google charts),
    or the path after the format (``i.upmath.me/svg/x^2``).
    """
    if "?" not in src and "/svg/" not in src and "/png/" not in src:
        return None
    try:
        parts = urlsplit(src)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    tex: str | None = None
    if parts.query:
        params = parse_qs(parts.query, keep_blank_values=False)
        if "chl" in params and params.get("cht", [""])[0] != "tx":
            params.pop("chl")
        named = next((params[k][0] for k in _QUERY_TEX_PARAMS if params.get(k)), None)
        if named is not None and (_MATH_WORD.search(host + parts.path) or "cht" in params):
            tex = named
        elif "=" not in parts.query.split("&", 1)[0] and _RAW_QUERY_SERVICE.search(
                host + parts.path):
            tex = unquote(parts.query.replace("&space;", " ").replace("&plus;", "+"))
    elif ("math" in host or "latex" in host) and re.match(r"^/(?:svg|png)/.", parts.path):
        tex = unquote(parts.path[5:])
    if not tex:
        return None
    tex = _SERVICE_PREFIX.sub("", tex.replace("&space;", " ")).strip()
    return tex if tex and len(tex) <= 2000 else None


def _unwrap_dollars(text: str) -> str:
    text = text.strip()
    m = re.fullmatch(r"\$\$?(.+?)\$?\$", text, re.S)
    return m.group(1).strip() if m else text


_DATA_TEX_ATTRS = ("data-latex", "data-tex", "data-math", "data-expr", "data-formula",
                   "data-equation", "data-katex", "data-original-tex", "data-source-tex")
DATA_MATH_CLASS = re.compile(r"math|latex|katex|equation|formula", re.I)
"""Classes of the elements that may carry their formula in a ``data-*`` attribute."""


def convert_data_math(el: etree._Element) -> bool:
    """A formula kept in a ``data-*`` attribute of its rendering (``data-latex``,
    ``data-tex``, ``data-expr``..., Substack's ``data-attrs`` JSON) or written between
    dollars inside GitHub's ``<math-renderer>``; True if converted."""
    tex = None
    for attr in _DATA_TEX_ATTRS:
        value = el.get(attr)
        if value and value.strip():
            tex = value
            break
    if tex is None:
        attrs = el.get("data-attrs")
        if attrs and "persistentExpression" in attrs:
            try:
                found = json.loads(attrs).get("persistentExpression")
            except (ValueError, AttributeError):
                found = None
            tex = found if isinstance(found, str) else None
    if tex is None and el.tag == "math-renderer":
        tex = _unwrap_dollars(text_of(el))
    if not tex or not tex.strip():
        return False
    cls = (el.get("class") or "").lower()
    display = ("display" in cls or "block" in cls or el.tag == "div"
               or (el.tag == "math-renderer" and text_of(el).strip().startswith("$$")))
    _replace(el, _math_placeholder(el, _unwrap_dollars(tex), display and "inline" not in cls))
    return True
