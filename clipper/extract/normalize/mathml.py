"""MathML to TeX, for formulas that carry no TeX of their own.

MathJax 3 and many publishers ship only MathML (MathJax keeps it in
``<mjx-assistive-mml>``).  Flattened to text, ``x = (-b ± √(b²-4ac)) / 2a``
becomes "x = − b ± b 2 − 4 a c 2 a", which is wrong rather than merely ugly;
as TeX it renders again in Obsidian (MathJax) and stays readable as source.
The conversion covers Presentation MathML's layout elements; unknown elements
fall back to their content, so nothing is ever dropped.
"""

from __future__ import annotations

import re

from lxml import etree

from clipper.htmltree import text_of

__all__ = ["mathml_to_tex"]

_MAX_DEPTH = 60

_SYMBOLS = {
    "±": r"\pm", "∓": r"\mp", "×": r"\times", "÷": r"\div", "⋅": r"\cdot", "·": r"\cdot",
    "∗": r"\ast", "≠": r"\neq", "≤": r"\leq", "≥": r"\geq", "≦": r"\leqq", "≧": r"\geqq",
    "≪": r"\ll", "≫": r"\gg", "≈": r"\approx", "≡": r"\equiv", "∼": r"\sim", "≃": r"\simeq",
    "≅": r"\cong", "∝": r"\propto", "∞": r"\infty", "∂": r"\partial", "∇": r"\nabla",
    "∑": r"\sum", "∏": r"\prod", "∐": r"\coprod", "∫": r"\int", "∬": r"\iint",
    "∭": r"\iiint", "∮": r"\oint", "√": r"\surd", "→": r"\to", "←": r"\leftarrow",
    "↔": r"\leftrightarrow", "⇒": r"\Rightarrow", "⇐": r"\Leftarrow", "⇔": r"\Leftrightarrow",
    "↦": r"\mapsto", "⟶": r"\longrightarrow", "∈": r"\in", "∉": r"\notin", "∋": r"\ni",
    "⊂": r"\subset", "⊃": r"\supset", "⊆": r"\subseteq", "⊇": r"\supseteq", "∪": r"\cup",
    "∩": r"\cap", "∅": r"\emptyset", "∀": r"\forall", "∃": r"\exists", "¬": r"\neg",
    "∧": r"\wedge", "∨": r"\vee", "⊕": r"\oplus", "⊗": r"\otimes", "…": r"\ldots",
    "⋯": r"\cdots", "⋮": r"\vdots", "⋱": r"\ddots", "′": "'", "″": "''", "‴": "'''",
    "∠": r"\angle", "°": r"^\circ", "ℏ": r"\hbar", "ℓ": r"\ell", "ℝ": r"\mathbb{R}",
    "ℕ": r"\mathbb{N}", "ℤ": r"\mathbb{Z}", "ℚ": r"\mathbb{Q}", "ℂ": r"\mathbb{C}",
    "−": "-", "∣": r"\mid", "‖": r"\|", "⟨": r"\langle", "⟩": r"\rangle", "⌊": r"\lfloor",
    "⌋": r"\rfloor", "⌈": r"\lceil", "⌉": r"\rceil", "{": r"\{", "}": r"\}", "#": r"\#",
    "%": r"\%", "&": r"\&", "$": r"\$", "_": r"\_", "∘": r"\circ", "⊥": r"\perp",
    "∥": r"\parallel", "⊢": r"\vdash", "⊨": r"\models", "≺": r"\prec", "≻": r"\succ",
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ϵ": r"\epsilon", "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ϑ": r"\vartheta",
    "ι": r"\iota", "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi",
    "π": r"\pi", "ϖ": r"\varpi", "ρ": r"\rho", "ϱ": r"\varrho", "σ": r"\sigma",
    "ς": r"\varsigma", "τ": r"\tau", "υ": r"\upsilon", "φ": r"\varphi", "ϕ": r"\phi",
    "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta",
    "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi", "Σ": r"\Sigma",
    "Υ": r"\Upsilon", "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega",
}
_INVISIBLE = {"\u2061": "", "\u2062": "", "\u2063": "", "\u2064": "+"}
_FUNCTIONS = frozenset(("sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan",
                        "sinh", "cosh", "tanh", "log", "ln", "lg", "exp", "lim", "max", "min",
                        "sup", "inf", "det", "dim", "ker", "deg", "gcd", "arg", "Pr", "hom"))
_BIG_OPERATORS = frozenset(("∑", "∏", "∐", "∫", "∬", "∭", "∮", "⋃", "⋂", "⨁", "⨂", "lim", "max",
                            "min", "sup", "inf"))
_ACCENTS = {"˙": r"\dot", "¨": r"\ddot", "→": r"\vec", "⃗": r"\vec", "^": r"\hat",
            "ˆ": r"\hat", "~": r"\tilde", "˜": r"\tilde", "¯": r"\bar", "‾": r"\overline",
            "ˇ": r"\check", "˘": r"\breve", "´": r"\acute", "`": r"\grave",
            "⏞": r"\overbrace", "⏟": r"\underbrace", "_": r"\underline", "̲": r"\underline"}
_VARIANTS = {"bold": r"\mathbf", "double-struck": r"\mathbb", "script": r"\mathcal",
             "fraktur": r"\mathfrak", "sans-serif": r"\mathsf", "monospace": r"\mathtt",
             "bold-italic": r"\boldsymbol"}
_FENCES = frozenset("()[]{}|‖⟨⟩⌊⌋⌈⌉")
_TEX_SPECIAL = re.compile(r"([\\{}$%&#_^~])")


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _escape(text: str) -> str:
    return _TEX_SPECIAL.sub(lambda m: {"\\": r"\backslash ", "~": r"\sim ", "^": r"\hat{}"}.get(
        m.group(1), "\\" + m.group(1)), text)


def _token(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch in _INVISIBLE:
            out.append(_INVISIBLE[ch])
        elif ch in _SYMBOLS:
            sym = _SYMBOLS[ch]
            out.append(sym + " " if sym[-1:].isalpha() else sym)
        else:
            out.append(_escape(ch))
    return "".join(out)


def _group(tex: str) -> str:
    tex = tex.strip()
    if len(tex) == 1 or re.fullmatch(r"\\[A-Za-z]+", tex):
        return tex
    return "{" + tex + "}"


def _children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if _local(c.tag)]


class _Converter:
    def __init__(self) -> None:
        self.depth = 0

    def convert(self, el: etree._Element) -> str:
        self.depth += 1
        try:
            if self.depth > _MAX_DEPTH:
                return _escape(" ".join(text_of(el).split()))
            return self._convert(el)
        finally:
            self.depth -= 1

    def _row(self, kids: list[etree._Element]) -> str:
        pieces = [self.convert(k) for k in kids]
        if len(kids) >= 3 and _local(kids[0].tag) == "mo" and _local(kids[-1].tag) == "mo":
            opener, closer = (kids[0].text or "").strip(), (kids[-1].text or "").strip()
            tall = any(_local(k.tag) in ("mfrac", "mtable", "munderover", "msqrt", "mroot")
                       for k in kids[1:-1])
            if tall and opener in _FENCES and closer in _FENCES:
                pieces[0] = r"\left" + (pieces[0].strip() or ".") + " "
                pieces[-1] = r" \right" + (pieces[-1].strip() or ".")
        return "".join(pieces)

    def _convert(self, el: etree._Element) -> str:  # noqa: C901 -- a dispatch over MathML elements; each branch is one element's TeX
        tag = _local(el.tag)
        kids = _children(el)
        text = (el.text or "").strip()
        if tag in ("annotation", "annotation-xml", "mphantom", "none", "mprescripts"):
            return ""
        if tag == "semantics":
            return self.convert(kids[0]) if kids else ""
        if tag == "mi":
            variant = el.get("mathvariant") or ""
            if text in _FUNCTIONS:
                return "\\" + text + " "
            if len(text) > 1 and not any(ch in _SYMBOLS for ch in text):
                return r"\mathrm{" + _escape(text) + "}"
            body = _token(text)
            wrap = _VARIANTS.get(variant)
            return f"{wrap}{{{body.strip()}}}" if wrap else body
        if tag == "mn":
            return _token(text)
        if tag == "mo":
            if text in _FUNCTIONS:
                return "\\" + text + " "
            return _token(text)
        if tag in ("mtext", "ms"):
            raw = text_of(el)
            if not raw.strip():
                return r"\ "
            return r"\text{" + _escape(" ".join(raw.split())) + "}"
        if tag == "mspace":
            return r"\,"
        if tag in ("msup", "msub", "msubsup") and kids:
            base = _group(self.convert(kids[0]))
            if tag == "msup" and len(kids) > 1:
                return f"{base}^{_group(self.convert(kids[1]))}"
            if tag == "msub" and len(kids) > 1:
                return f"{base}_{_group(self.convert(kids[1]))}"
            if len(kids) > 2:
                sub, sup = _group(self.convert(kids[1])), _group(self.convert(kids[2]))
                return f"{base}_{sub}^{sup}"
            return base
        if tag == "mfrac" and len(kids) == 2:
            num, den = self.convert(kids[0]).strip(), self.convert(kids[1]).strip()
            if (el.get("linethickness") or "").strip() in ("0", "0px", "0em"):
                return f"{{{num} \\atop {den}}}"
            return f"\\frac{{{num}}}{{{den}}}"
        if tag == "msqrt":
            return r"\sqrt{" + self._row(kids).strip() + "}"
        if tag == "mroot" and len(kids) == 2:
            return r"\sqrt[" + self.convert(kids[1]).strip() + "]{" + self.convert(
                kids[0]).strip() + "}"
        if tag in ("mover", "munder", "munderover") and kids:
            return self._scripts(tag, el, kids)
        if tag == "mtable":
            rows = []
            for tr in kids:
                cells = [self._row(_children(td)).strip() for td in _children(tr)
                         if _local(td.tag) == "mtd"]
                if _local(tr.tag) == "mlabeledtr" and cells:
                    cells = cells[1:]
                rows.append(" & ".join(cells))
            return r"\begin{matrix}" + r" \\ ".join(rows) + r"\end{matrix}"
        if tag == "mfenced":
            opener, closer = el.get("open", "("), el.get("close", ")")
            seps = (el.get("separators") or ",").strip() or ","
            inner = (seps[0] + " ").join(self.convert(k).strip() for k in kids)
            return rf"\left{_token(opener) or '.'} {inner} \right{_token(closer) or '.'}"
        if tag == "menclose" and "radical" in (el.get("notation") or ""):
            return r"\sqrt{" + self._row(kids).strip() + "}"
        if tag == "mmultiscripts" and kids:
            return self.convert(kids[0]) + "".join(
                f"_{_group(self.convert(a))}^{_group(self.convert(b))}"
                for a, b in zip(kids[1::2], kids[2::2], strict=False))
        if tag == "mstyle" and el.get("mathvariant") in _VARIANTS:
            return _VARIANTS[el.get("mathvariant") or ""] + "{" + self._row(kids).strip() + "}"
        # math, mrow, mstyle, mpadded, merror, maction, menclose, unknown: their content
        if tag == "maction" and kids:
            return self.convert(kids[0])
        if not kids:
            return _token(text)
        return self._row(kids)

    def _scripts(self, tag: str, el: etree._Element, kids: list[etree._Element]) -> str:
        base_el = kids[0]
        base = self.convert(base_el).strip()
        base_text = text_of(base_el).strip()
        big = base_text in _BIG_OPERATORS
        under = self.convert(kids[1]).strip() if len(kids) > 1 and tag != "mover" else ""
        over = ""
        if tag == "mover" and len(kids) > 1:
            over = self.convert(kids[1]).strip()
        elif tag == "munderover" and len(kids) > 2:
            over = self.convert(kids[2]).strip()
        if big:
            return base + (f"_{_group(under)}" if under else "") + (
                f"^{_group(over)}" if over else "")
        if tag == "mover" and len(kids) > 1:
            accent = text_of(kids[1]).strip()
            if accent in _ACCENTS:
                return f"{_ACCENTS[accent]}{{{base}}}"
            return rf"\overset{{{over}}}{{{base}}}"
        if tag == "munder" and len(kids) > 1:
            accent = text_of(kids[1]).strip()
            if accent in ("⏟", "_", "̲"):
                return f"{_ACCENTS[accent]}{{{base}}}"
            return rf"\underset{{{under}}}{{{base}}}"
        return rf"\overset{{{over}}}{{\underset{{{under}}}{{{base}}}}}"


def mathml_to_tex(math: etree._Element) -> str:
    """TeX for a ``<math>`` element (Presentation MathML), whitespace tidied."""
    tex = _Converter().convert(math)
    tex = re.sub(r"\s+", " ", tex).strip()
    tex = re.sub(r"(?<!\\) (?=[}^_)\],]|\\right)", "", tex)
    tex = re.sub(r"(\\left[^\\\w\s]) ", r"\1", tex)
    return tex
