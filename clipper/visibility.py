"""Whether an element's inline ``style`` hides it, as a browser would read the declarations.

A plain search for ``display: none`` also finds custom properties: ``--toc-display: none``
sets a variable for some other rule and hides nothing, yet it reads as a hidden block. So the
declarations are read one by one: only the ``display`` and ``visibility`` properties count,
the last one written wins, and ``display: var(--x, block)`` is resolved from the custom
properties set on the element or inherited from an ancestor's inline style (a variable set
in a stylesheet is unknown here: its fallback, else visible).
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["aria_hidden", "hides", "style_hides"]

_DECLARATION = re.compile(r"\s*([-\w]+)\s*:\s*([^;]*)")
_VAR = re.compile(r"var\(\s*(--[-\w]+)\s*(?:,\s*([^)]*))?\)", re.I)
_MAX_VAR_DEPTH = 8


def _declarations(style: str) -> dict[str, str]:
    """``property -> value`` of an inline style; the last declaration of a property wins."""
    found: dict[str, str] = {}
    for part in style.split(";"):
        m = _DECLARATION.match(part)
        if m:
            value = m.group(2).replace("!important", "").strip()
            name = m.group(1)
            found[name if name.startswith("--") else name.lower()] = value
    return found


def _custom(el: etree._Element, name: str) -> str | None:
    """A custom property's value, set on ``el`` or inherited from an ancestor's inline style."""
    for node in (el, *el.iterancestors()):
        style = node.get("style")
        if style and name in style:
            value = _declarations(style).get(name)
            if value is not None:
                return value
    return None


def _resolved(el: etree._Element, value: str) -> str:
    for _ in range(_MAX_VAR_DEPTH):
        m = _VAR.search(value)
        if m is None:
            break
        found = _custom(el, m.group(1))
        if found is None:
            found = m.group(2) or ""
        value = value[:m.start()] + found.strip() + value[m.end():]
    return value.strip().lower()


def style_hides(el: etree._Element) -> bool:
    """True when the inline style sets ``display: none`` or ``visibility: hidden``."""
    style = el.get("style")
    if not style or ("none" not in style.lower() and "hidden" not in style.lower()
                     and "var(" not in style):
        return False
    decl = _declarations(style)
    display, visibility = decl.get("display"), decl.get("visibility")
    if display is not None and _resolved(el, display) == "none":
        return True
    return visibility is not None and _resolved(el, visibility) == "hidden"


def hides(el: etree._Element) -> bool:
    """``el`` is not shown: its ``hidden`` attribute (except ``until-found``, which the
    browser's find reveals) or its inline style."""
    hidden = el.get("hidden")
    return (hidden is not None and hidden.strip().lower() != "until-found") or style_hides(el)


def aria_hidden(el: etree._Element) -> bool:
    """``el`` is kept from screen readers (``aria-hidden="true"``, any case or spacing)."""
    return (el.get("aria-hidden") or "").strip().lower() == "true"
