"""The page pre-pass for math: every formula as TeX in a placeholder the writer reads.

Math exists as ``<script type="math/tex">`` (MathJax 2), KaTeX spans, MathJax 3
containers, MathML and fallback images; the extractor's cleaner would throw the
scripts and hidden parts away, so this runs on the whole page first and leaves
``<span data-clipper-math="inline|display">TeX</span>`` (``clipper.markdown.marks``).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from clipper.extract.normalize.mathml import mathml_to_tex
from clipper.htmltree import remove_keep_tail
from clipper.markdown.marks import MATH_ATTR

__all__ = ["MATH_TAGS", "convert_math", "is_mathjax_rendering"]

MATH_TAGS = frozenset(("math", "{http://www.w3.org/1998/Math/MathML}math", "mjx-container"))
_STYLE_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TEX_WRAPPER = re.compile(r"^\{\\(?:display|text|script)style\s*(.*)\}$", re.S)
_MATHJAX_CLASS = re.compile(r"(?:^|\s)(?:MathJax|MJX|mjx)[\w-]*", re.I)
_TEXISH = re.compile(r"[\\^_{}]")


def is_mathjax_rendering(el: etree._Element) -> bool:
    """A ``span``/``div``/``nobr`` MathJax 2 drew: a copy of a formula whose TeX script is
    kept, to be removed once that script became a placeholder."""
    cls = el.get("class")
    return bool(cls and _MATHJAX_CLASS.search(cls))


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
    style = el.get("style") or ""
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or bool(_STYLE_NONE.search(style)))


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
    cls = (el.get("class") or "").lower()
    alt = el.get("alt") or ""
    if "math" in cls and alt and _TEXISH.search(alt):
        display = "display" in cls or "block" in cls
        _replace(el, _math_placeholder(el, alt, display))
        return True
    return False
