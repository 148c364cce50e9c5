"""MathML without a TeX annotation becomes TeX (MathJax 3 keeps only MathML)."""

from __future__ import annotations

import lxml.html
import pytest
from helpers.markdown import md

from clipper.extract.normalize.mathml import mathml_to_tex


def tex(mathml: str) -> str:
    el = lxml.html.fragment_fromstring(f"<math>{mathml}</math>")
    return mathml_to_tex(el)


@pytest.mark.parametrize(("mathml", "expected"), [
    ("<mi>a</mi><mo>≠</mo><mn>0</mn>", r"a\neq 0"),
    ("<msup><mi>x</mi><mn>2</mn></msup>", "x^2"),
    ("<msub><mi>a</mi><mrow><mi>i</mi><mo>+</mo><mn>1</mn></mrow></msub>", "a_{i+1}"),
    ("<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>", "x_i^2"),
    ("<mfrac><mrow><mo>−</mo><mi>b</mi></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac>",
     r"\frac{-b}{2a}"),
    ("<msqrt><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi></msqrt>",
     r"\sqrt{b^2-4ac}"),
    ("<mroot><mi>x</mi><mn>3</mn></mroot>", r"\sqrt[3]{x}"),
    ("<munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>"
     "<msub><mi>a</mi><mi>k</mi></msub>", r"\sum_{k=1}^na_k"),
    ("<mover><mi>x</mi><mo>˙</mo></mover>", r"\dot{x}"),
    ("<mover><mi mathvariant='bold'>E</mi><mo>→</mo></mover>", r"\vec{\mathbf{E}}"),
    ("<mi>sin</mi><mi>θ</mi>", r"\sin \theta"),
    ("<mi>rate</mi>", r"\mathrm{rate}"),
    ("<mtext>if </mtext><mi>x</mi>", r"\text{if}x"),
    ("<mrow><mo>(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac><mo>)</mo></mrow>",
     r"\left(\frac{a}{b}\right)"),
    ("<mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd>"
     "<mtd><mi>d</mi></mtd></mtr></mtable>", r"\begin{matrix}a & b \\ c & d\end{matrix}"),
    ("<mfenced><mi>x</mi><mi>y</mi></mfenced>", r"\left(x, y\right)"),
    ("<mi>%</mi><mo>{</mo><mi>_</mi>", r"\%\{\_"),
    ("<semantics><mi>q</mi><annotation encoding='text/plain'>q</annotation></semantics>", "q"),
])
def test_mathml_to_tex(mathml: str, expected: str) -> None:
    assert tex(mathml) == expected


def test_mathjax3_container_becomes_tex_in_markdown() -> None:
    html = """<p>When <mjx-container jax="CHTML"><mjx-math aria-hidden="true"><mjx-mi>
    </mjx-mi></mjx-math><mjx-assistive-mml display="inline"><math><mi>a</mi><mo>≠</mo>
    <mn>0</mn></math></mjx-assistive-mml></mjx-container>, then</p>
    <mjx-container jax="CHTML" display="true"><mjx-assistive-mml display="block"><math
    display="block"><mi>x</mi><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></math>
    </mjx-assistive-mml></mjx-container>"""
    assert md(html) == "When $a\\neq 0$, then\n\n$$\nx=\\frac{1}{2}\n$$\n"


def test_deep_mathml_does_not_recurse_forever() -> None:
    mathml = "<mrow>" * 200 + "<mi>z</mi>" + "</mrow>" * 200
    assert "z" in tex(mathml)
