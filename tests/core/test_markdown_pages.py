"""Markdown from real pages (issue 10, item 5): the shapes sites actually send, written
for the purpose, checked as Markdown and as what a renderer makes of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.markdown import md, render

from clipper.extract import extract

URL = "https://docs.example.com/guide/page.html"
FILLER = "".join(f"<p>Paragraph {i} explains the setting at length, so that the page has a "
                 "real article that an extractor keeps whole, with its boxes and notes.</p>"
                 for i in range(5))


def article(inner: str, head: str = "") -> str:
    """A page with site chrome around an article that holds ``inner``."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Guide</title>'
            f"{head}</head><body><header><nav><a href='/'>Home</a> <a href='/docs'>Docs</a>"
            f"</nav></header><main><article><h1>Guide</h1>{FILLER}{inner}{FILLER}</article>"
            "</main><footer>© 2026 Example Docs</footer></body></html>")


def clip(inner: str, head: str = "") -> str:
    return extract(article(inner, head), URL).markdown


# --------------------------------------------------------------------------- bold and breaks


@pytest.mark.parametrize(("html", "expected"), [
    ("<p><b>Zutaten<br></b>200 g Mehl</p>", "**Zutaten**\\\n200 g Mehl\n"),
    ("<p><strong>Ingredients:<br>\n</strong>200 g flour</p>", "**Ingredients:**\\\n200 g flour\n"),
    ("<p>Step one<b><br>Step two</b> done</p>", "Step one\\\n**Step two** done\n"),
    ("<p><em>Line one<br><br></em>Line two</p>", "*Line one*\n\nLine two\n"),
    ("<p>Name: <strong> </strong>Ann</p>", "Name: Ann\n"),
    ("<p><strong><br></strong>Text</p>", "Text\n"),
])
def test_bold_next_to_a_line_break_never_leaves_literal_asterisks(html: str,
                                                                  expected: str) -> None:
    out = md(html)
    assert out == expected
    tree = render(out)
    assert "*" not in tree.text_content()


def test_bold_line_breaks_in_a_recipe_page() -> None:
    out = clip("<div class='recipe'><p><b>Für den Teig:<br></b>250 g Mehl<br>125 g Butter<br>"
               "1 Ei</p><p><strong>Zubereitung<br></strong>Alles verkneten.</p></div>")
    assert "**Für den Teig:**\\\n250 g Mehl\\\n125 g Butter\\\n1 Ei" in out
    assert "**Zubereitung**\\\nAlles verkneten." in out
    assert "*" not in render(out).text_content()


# --------------------------------------------------------------------------- callouts

GITHUB_README = """
<div class="markdown-alert markdown-alert-note" dir="auto"><p class="markdown-alert-title"
 dir="auto"><svg class="octicon octicon-info mr-2" viewBox="0 0 16 16" width="16" height="16"
 aria-hidden="true"><path d="M0 8a8 8 0 1 1 16 0A8 8 0 0 1 0 8Z"></path></svg>Note</p><p
 dir="auto">Highlights information that users should take into account.</p></div>
<div class="markdown-alert markdown-alert-caution" dir="auto"><p class="markdown-alert-title"
 dir="auto"><svg class="octicon octicon-stop mr-2"></svg>Caution</p><p dir="auto">Negative
 outcomes of an action:</p><ul dir="auto"><li>data loss</li><li>a broken build</li></ul></div>
"""


def test_github_alerts_become_callouts() -> None:
    out = clip(GITHUB_README)
    assert ("> [!note]\n> Highlights information that users should take into account.\n"
            in out)
    assert "> [!caution]\n> Negative outcomes of an action:\n>\n> - data loss\n> - a broken build" \
        in out
    assert "Note\n" not in out.replace("[!note]\n", "")


DOCUSAURUS = """
<div class="theme-admonition theme-admonition-tip admonition_xJq3 alert alert--success">
<div class="admonitionHeading_Gvgb"><span class="admonitionIcon_Rf37"><svg viewBox="0 0 12 16">
<path d="M6.5 0C3.48"></path></svg></span>Pro tip</div><div class="admonitionContent_BuS1">
<p>Run <code>npm ci</code> on the build server, never <code>npm install</code>.</p></div></div>
<div class="theme-admonition theme-admonition-danger admonition_xJq3 alert alert--danger">
<div class="admonitionHeading_Gvgb"><span class="admonitionIcon_Rf37"></span>danger</div>
<div class="admonitionContent_BuS1"><p>This deletes the cache.</p></div></div>
"""


def test_docusaurus_admonitions_become_callouts_with_their_title() -> None:
    out = clip(DOCUSAURUS)
    assert ("> [!tip] Pro tip\n> Run `npm ci` on the build server, never `npm install`."
            in out)
    assert "> [!danger]\n> This deletes the cache." in out


def test_mkdocs_and_sphinx_admonitions() -> None:
    out = clip('<div class="admonition note"><p class="admonition-title">Phasellus posuere</p>'
               "<p>In hac habitasse platea dictumst.</p></div>"
               '<details class="warning"><summary>Before you upgrade</summary>'
               "<p>Back up the database first.</p></details>"
               '<div class="admonition warning"><p class="admonition-title">Warning</p>'
               "<p>Never run this as root.</p></div>"
               '<aside class="admonition important"><p class="admonition-title">Important</p>'
               "<p>docutils 0.18 writes asides.</p></aside>")
    assert "> [!note] Phasellus posuere\n> In hac habitasse platea dictumst." in out
    assert "> [!warning]- Before you upgrade\n> Back up the database first." in out
    assert "> [!warning]\n> Never run this as root." in out
    assert "> [!important]\n> docutils 0.18 writes asides." in out


def test_bootstrap_alerts_with_role_alert_are_kept_as_callouts() -> None:
    out = clip('<div class="alert alert-info" role="alert"><h4 class="alert-heading">Heads '
               "up!</h4><p>The old endpoint stops working in June.</p></div>"
               '<div class="alert alert-warning alert-dismissible fade show" role="alert">'
               "<strong>Holy guacamole!</strong> Check the fields below."
               '<button type="button" class="btn-close" data-bs-dismiss="alert" '
               'aria-label="Close"></button></div>')
    assert "> [!info] Heads up!\n> The old endpoint stops working in June." in out
    assert "> [!warning]\n> **Holy guacamole!** Check the fields below." in out


def test_quarto_and_obsidian_publish_callouts() -> None:
    out = md('<div class="callout callout-style-default callout-note callout-titled">'
             '<div class="callout-header d-flex align-content-center"><div class="callout-icon-'
             'container"><i class="callout-icon"></i></div><div class="callout-title-container '
             'flex-fill">Reading the output</div></div><div class="callout-body-container '
             'callout-body"><p>Each row is one run.</p></div></div>'
             '<div data-callout-metadata="" data-callout-fold="" data-callout="question" '
             'class="callout"><div class="callout-title"><div class="callout-icon"></div>'
             '<div class="callout-title-inner">Why?</div></div><div class="callout-content">'
             "<p>Because.</p></div></div>"
             '<div class="tip custom-block"><p class="custom-block-title">TIP</p>'
             "<p>VitePress tip.</p></div>")
    assert "> [!note] Reading the output\n> Each row is one run." in out
    assert "> [!question] Why?\n> Because." in out
    assert "> [!tip]\n> VitePress tip." in out
    tree = render(out)
    assert len(tree.findall(".//blockquote")) == 3


def test_boxes_that_are_not_callouts_stay_text() -> None:
    out = md('<div class="alert">Plain alert class without a type.</div>'
             '<div class="note-card"><p>A card.</p></div>'
             '<div class="callout-wrapper"><p>Wrapper.</p></div>')
    assert "[!" not in out


# --------------------------------------------------------------------------- code blocks

HUGO_CHROMA_TABLE = """<div class="highlight"><div class="chroma">
<table class="lntable"><tr><td class="lntd">
<pre tabindex="0" class="chroma"><code><span class="lnt">1
</span><span class="lnt">2
</span><span class="lnt">3
</span></code></pre></td>
<td class="lntd">
<pre tabindex="0" class="chroma"><code class="language-go" data-lang="go"><span class="line"><span
 class="cl"><span class="kn">package</span> <span class="nx">main</span>
</span></span><span class="line"><span class="cl">
</span></span><span class="line"><span class="cl"><span class="kn">import</span> <span
 class="s">&#34;fmt&#34;</span>
</span></span></code></pre></td></tr></table>
</div></div>"""

HUGO_CHROMA_INLINE = """<div class="highlight"><pre tabindex="0" class="chroma"><code
 class="language-python" data-lang="python"><span class="line"><span class="ln">1</span><span
 class="cl"><span class="kn">import</span> <span class="nn">os</span>
</span></span><span class="line"><span class="ln">2</span><span class="cl"><span
 class="nb">print</span><span class="p">(</span><span class="s2">"Read more"</span><span
 class="p">)</span>
</span></span></code></pre></div>"""

JEKYLL_ROUGE = """<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby"><table
 class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1
2
3
</pre></td><td class="code"><pre><span class="k">def</span> <span class="nf">greet</span>
  <span class="nb">puts</span> <span class="s1">'hi'</span>
<span class="k">end</span>
</pre></td></tr></tbody></table></code></pre></figure>"""

SPHINX_HIGHLIGHTTABLE = """<div class="highlight-python notranslate"><table
 class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span
 class="normal">1</span>
<span class="normal">2</span></pre></div></td><td class="code"><div class="highlight"><pre><span
></span><span class="kn">import</span> <span class="nn">os</span>
<span class="nb">print</span><span class="p">(</span><span class="n">os</span><span
 class="o">.</span><span class="n">getcwd</span><span class="p">())</span>
</pre></div></td></tr></table></div>"""

PYGMENTS_INLINE = """<div class="highlight-c notranslate"><div class="highlight"><pre><span
></span><span class="linenos">1</span><span class="kt">int</span><span class="w"> </span><span
 class="n">x</span><span class="p">;</span>
<span class="linenos">2</span><span class="n">x</span><span class="o">++</span><span
 class="p">;</span>
</pre></div></div>"""

HLJS_LINE_NUMBERS = """<pre><code class="hljs language-javascript"><table class="hljs-ln"><tbody>
<tr><td class="hljs-ln-line hljs-ln-numbers" data-line-number="1"><div class="hljs-ln-n"
 data-line-number="1"></div></td><td class="hljs-ln-line hljs-ln-code" data-line-number="1"><span
 class="hljs-keyword">const</span> a = <span class="hljs-number">1</span>;</td></tr>
<tr><td class="hljs-ln-line hljs-ln-numbers" data-line-number="2"><div class="hljs-ln-n"
 data-line-number="2"></div></td><td class="hljs-ln-line hljs-ln-code"
 data-line-number="2">console.log(a);</td></tr></tbody></table></code></pre>"""

REHYPE_PRETTY_CODE = """<figure data-rehype-pretty-code-figure=""><figcaption
 data-rehype-pretty-code-title="" data-language="ts" data-theme="github-dark">utils.ts</figcaption>
<pre style="background-color:#24292e" tabindex="0" data-language="ts" data-theme="github-dark"><code
 data-language="ts" data-theme="github-dark" style="display: grid;" data-line-numbers=""
 data-line-numbers-max-digits="1"><span data-line=""><span style="color:#F97583">export</span><span
 style="color:#E1E4E8"> const x = 1;</span></span>
<span data-line=""><span style="color:#F97583">export</span><span
 style="color:#E1E4E8"> const y = 2;</span></span></code></pre></figure>"""

REACT_SYNTAX_HIGHLIGHTER = """<pre style="display:block;overflow-x:auto;padding:0.5em"><code
 class="language-python" style="white-space:pre"><span style="display:inline-block;min-width:2.25em;
padding-right:1em;text-align:right;user-select:none" class="linenumber
 react-syntax-highlighter-line-number">1</span><span class="hljs-keyword">def</span> <span
 class="hljs-title">f</span>():
<span style="display:inline-block;min-width:2.25em;user-select:none" class="linenumber
 react-syntax-highlighter-line-number">2</span>    <span class="hljs-keyword">return</span> <span
 class="hljs-number">1</span></code></pre>"""

GITHUB_BLOB = """<div itemprop="text"
 class="Box-body p-0 blob-wrapper data type-python gist-border-0">
<table class="highlight tab-size js-file-line-container" data-tab-size="8"
 data-paste-markdown-skip="" data-tagsearch-lang="Python" data-tagsearch-path="hello.py">
<tr><td id="file-hello-py-L1" class="blob-num js-line-number js-code-nav-line-number
 js-blob-rnum" data-line-number="1"></td><td id="file-hello-py-LC1" class="blob-code
 blob-code-inner js-file-line"><span class="pl-k">import</span> <span class="pl-s1">os</span></td>
</tr><tr><td id="file-hello-py-L2" class="blob-num js-line-number js-code-nav-line-number
 js-blob-rnum" data-line-number="2"></td><td id="file-hello-py-LC2" class="blob-code
 blob-code-inner js-file-line"><span class="pl-en">print</span>(<span class="pl-s1">os</span>.<span
 class="pl-c1">sep</span>)</td></tr></table></div>"""


@pytest.mark.parametrize(("html", "fenced"), [
    (HUGO_CHROMA_TABLE, '```go\npackage main\n\nimport "fmt"\n```'),
    (HUGO_CHROMA_INLINE, '```python\nimport os\nprint("Read more")\n```'),
    (JEKYLL_ROUGE, "```ruby\ndef greet\n  puts 'hi'\nend\n```"),
    (SPHINX_HIGHLIGHTTABLE, "```python\nimport os\nprint(os.getcwd())\n```"),
    (PYGMENTS_INLINE, "```c\nint x;\nx++;\n```"),
    (HLJS_LINE_NUMBERS, "```javascript\nconst a = 1;\nconsole.log(a);\n```"),
    (REHYPE_PRETTY_CODE, "```ts\nexport const x = 1;\nexport const y = 2;\n```"),
    (REACT_SYNTAX_HIGHLIGHTER, "```python\ndef f():\n    return 1\n```"),
    (GITHUB_BLOB, "```python\nimport os\nprint(os.sep)\n```"),
], ids=["hugo-chroma-table", "hugo-chroma-inline", "jekyll-rouge", "sphinx-highlighttable",
        "pygments-inline", "highlightjs-line-numbers", "rehype-pretty-code",
        "react-syntax-highlighter", "github-blob"])
def test_code_from_highlighters_without_line_numbers_and_with_the_language(
        html: str, fenced: str) -> None:
    out = clip(html)
    assert fenced in out
    assert out.count("```") == 2


# --------------------------------------------------------------------------- math

WIKIPEDIA_MATH = """<p>The mass–energy relation <span class="mwe-math-element"><span
 class="mwe-math-mathml-inline mwe-math-mathml-a11y" style="display: none;"><math
 xmlns="http://www.w3.org/1998/Math/MathML" alttext="{\\displaystyle E=mc^{2}}"><semantics><mrow
 class="MJX-TeXAtom-ORD"><mstyle displaystyle="true" scriptlevel="0"><mi>E</mi><mo>=</mo><mi>m</mi>
<msup><mi>c</mi><mrow class="MJX-TeXAtom-ORD"><mn>2</mn></mrow></msup></mstyle></mrow><annotation
 encoding="application/x-tex">{\\displaystyle E=mc^{2}}</annotation></semantics></math></span><img
 src="https://wikimedia.org/api/rest_v1/media/math/render/svg/4a5c4b7d" class="mwe-math-fallback-
image-inline mw-invert skin-invert" aria-hidden="true" style="vertical-align: -0.338ex;"
 alt="{\\displaystyle E=mc^{2}}"></span> links mass and energy.</p>
<dl><dd><span class="mwe-math-element"><img src="https://wikimedia.org/api/rest_v1/media/math/
render/svg/9b1e" class="mwe-math-fallback-image-display mw-invert" aria-hidden="true"
 alt="{\\displaystyle \\int _{0}^{1}x\\,dx={\\frac {1}{2}}}"></span></dd></dl>"""


def test_wikipedia_math_images_and_mathml_become_tex() -> None:
    out = clip(WIKIPEDIA_MATH)
    assert "The mass–energy relation $E=mc^{2}$ links mass and energy." in out
    assert "$$\n\\int _{0}^{1}x\\,dx={\\frac {1}{2}}\n$$" in out
    assert "wikimedia.org" not in out


def test_katex_spans_keep_their_tex_from_the_annotation_or_a_data_attribute() -> None:
    out = clip('<p>Inline <span class="katex"><span class="katex-mathml"><math><semantics>'
               '<mrow><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding="application/'
               'x-tex">x^2</annotation></semantics></math></span><span class="katex-html" '
               'aria-hidden="true"><span class="base">x2</span></span></span> and '
               '<span class="math math-inline" data-latex="\\sqrt{2}"><span class="katex-html" '
               'aria-hidden="true">√2</span></span> in a sentence.</p>'
               '<div class="math math-display" data-tex="\\sum_{i=1}^n i"><span class="katex-'
               'display"><span class="katex-html" aria-hidden="true">Σ</span></span></div>')
    assert "Inline $x^2$ and $\\sqrt{2}$ in a sentence." in out
    assert "$$\n\\sum_{i=1}^n i\n$$" in out


@pytest.mark.parametrize(("img", "tex"), [
    ('<img src="https://latex.codecogs.com/svg.latex?\\frac{a}{b}&space;+&space;c" '
     'title="\\frac{a}{b} + c">', "\\frac{a}{b} + c"),
    ('<img src="https://latex.codecogs.com/png.image?\\dpi{110}&space;\\inline&space;x^2">',
     "x^2"),
    ('<img src="https://latex.codecogs.com/gif.latex?%5Csum_%7Bi%3D1%7D%5En%20i">',
     "\\sum_{i=1}^n i"),
    ('<img src="https://chart.googleapis.com/chart?cht=tx&chl=x%5E2%2By%5E2" alt="">', "x^2+y^2"),
    ('<img src="https://s0.wp.com/latex.php?latex=%5Calpha+%2B+%5Cbeta&bg=ffffff&fg=000&s=0" '
     'alt="\\alpha + \\beta" class="latex">', "\\alpha + \\beta"),
    ('<img src="https://www.zhihu.com/equation?tex=a%2Bb" alt="a+b" eeimg="1">', "a+b"),
    ('<img src="https://render.githubusercontent.com/render/math?math=e%5E%7Bi%5Cpi%7D">',
     "e^{i\\pi}"),
    ('<img src="https://i.upmath.me/svg/%5Cfrac%7B1%7D%7B2%7D" alt="">', "\\frac{1}{2}"),
    ('<img class="latex" src="https://latex.artofproblemsolving.com/7/a/7a.png" '
     'alt="$\\sqrt{x}$">', "\\sqrt{x}"),
])
def test_math_given_as_an_image_from_a_latex_service(img: str, tex: str) -> None:
    out = md(f"<p>So {img} holds.</p>")
    assert out == f"So ${tex}$ holds.\n"


def test_images_that_are_not_math_stay_images() -> None:
    out = md('<p><img src="https://cdn.example.com/math_class_2021.jpg?w=800" '
             'alt="our_class_photo"> <img src="/img/chart.png?from=2020&to=2021" alt="a^b"></p>')
    assert out.count("![") == 2


def test_substack_and_github_math() -> None:
    out = md('<p>Energy:</p><div class="latex-rendered" data-attrs="{&quot;persistentExpression'
             '&quot;:&quot;E = mc^2&quot;,&quot;id&quot;:&quot;XYZ&quot;}" '
             'data-component-name="LatexBlockToDOM"><div class="latex-rendered-inner"></div></div>'
             '<p>GitHub: <math-renderer class="js-inline-math" style="display: inline" '
             'data-static-url="https://github.githubassets.com/static">$\\sqrt{3}$</math-renderer>'
             " ok</p>")
    assert out == "Energy:\n\n$$\nE = mc^2\n$$\n\nGitHub: $\\sqrt{3}$ ok\n"


# --------------------------------------------------------------------------- footnotes

DATA = Path(__file__).resolve().parent.parent / "data"


def test_word_exported_page_footnotes() -> None:
    """Word's "Save as Web Page": references are ``<a href="#_ftn1" name="_ftnref1">[1]``,
    notes sit after the text in ``mso-element:footnote`` blocks, each opening with a
    ``[1]`` that links back."""
    out = extract((DATA / "word-export-footnotes.htm").read_bytes(),
                  "https://council.example/report.htm").markdown
    assert "the fish market beside it.[^1] The repairs" in out
    assert "full most days.[^2]" in out
    assert out.endswith("[^1]: Harbour accounts, page 12.\n\n[^2]: Tourist office, visitor "
                        "survey.\n")
    assert "_ftn" not in out and "[1]" not in out and "\\[" not in out


TUFTE = """<section><p>The Tufte handout style puts notes in the margin.<label
 for="sn-margin" class="margin-toggle sidenote-number"></label><input type="checkbox"
 id="sn-margin" class="margin-toggle"/><span class="sidenote">Beside the text, not at the
 bottom of the page.</span> Margin notes have no number.<label for="mn-demo"
 class="margin-toggle">&#8853;</label><input type="checkbox" id="mn-demo"
 class="margin-toggle"/><span class="marginnote">Like this one.</span> The text goes on.</p>
</section>"""


def test_tufte_sidenotes_and_margin_notes_become_footnotes() -> None:
    out = clip(TUFTE)
    assert ("The Tufte handout style puts notes in the margin.[^1] Margin notes have no "
            "number.[^2] The text goes on." in out)
    assert "[^1]: Beside the text, not at the bottom of the page.\n\n[^2]: Like this one." in out
    assert "⊕" not in out and "[ ]" not in out


def test_google_docs_and_libreoffice_footnotes() -> None:
    out = md('<p class="c1"><span class="c0">Google Docs text</span><sup><a href="#ftnt1" '
             'id="ftnt_ref1">[1]</a></sup><span class="c0">&nbsp;continues.</span></p>'
             '<p>LibreOffice text<a class="sdfootnoteanc" name="sdfootnote1anc" '
             'href="#sdfootnote1sym"><sup>1</sup></a> continues.</p><hr class="c5">'
             '<div><p class="c3"><a href="#ftnt_ref1" id="ftnt1">[1]</a><span class="c2">'
             "&nbsp;The Google Docs note.</span></p></div>"
             '<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" '
             'name="sdfootnote1sym" href="#sdfootnote1anc">1</a>The LibreOffice note.</p></div>')
    assert out == ("Google Docs text[^1] continues.\n\nLibreOffice text[^1-2] continues.\n\n"
                   "[^1]: The Google Docs note.\n\n[^1-2]: The LibreOffice note.\n")


def test_notes_in_asides_and_a_continued_numbered_list() -> None:
    out = clip('<p>A claim with a note<sup><a href="#note-3" id="ref-3">3</a></sup> in it.</p>'
               '<aside id="note-3"><p>The note set beside the claim.</p></aside>'
               '<p>Another claim<a href="#n4" class="ref">4</a>.</p>'
               '<aside class="notes"><ol start="4"><li id="n4">The fourth note, in a list that '
               "continues the numbering.</li></ol></aside>")
    assert "A claim with a note[^3] in it." in out
    assert "Another claim[^4]." in out
    assert "[^3]: The note set beside the claim." in out
    assert "[^4]: The fourth note, in a list that continues the numbering." in out


def test_notes_in_data_attributes_and_inline_spans() -> None:
    out = md('<p>A tooltip note<sup class="footnote-ref" data-footnote="Held in an '
             'attribute.">1</sup> and an inline one<span class="footnote">Written in the '
             "text, floated by CSS.</span> end.</p>")
    assert out == ("A tooltip note[^1] and an inline one[^2] end.\n\n"
                   "[^1]: Held in an attribute.\n\n[^2]: Written in the text, floated by CSS.\n")


def test_substack_footnotes_keep_the_text_and_the_note_apart() -> None:
    out = clip('<p>A claim<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" '
               'id="footnote-anchor-1" href="#footnote-1" target="_self">1</a> in a post.</p>'
               f"{FILLER}"
               '<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1" '
               'href="#footnote-anchor-1" class="footnote-number" contenteditable="false" '
               'target="_self">1</a><div class="footnote-content"><p>The note.</p></div></div>')
    assert "A claim[^1] in a post." in out
    assert out.endswith("[^1]: The note.\n")


def test_note_classes_that_are_not_notes() -> None:
    out = md('<div class="footnote">Published by the Harbour Gazette.</div>'
             '<p>A <span class="notes-count">3</span> and <span class="sidenote">x</span>.</p>'
             '<ul class="footnotes"><li><span class="footnote">A list item note</span></li></ul>')
    assert "[^" not in out
