"""Markdown fidelity: each construct on a small page written for it.

Most tests check both the exact Markdown (what a person reads in the clip) and
the structure markdown-it renders back from it (what every renderer sees).
"""

from __future__ import annotations

import html as html_lib

import pytest
from helpers.markdown import count, md, render, roundtrip, text

# --------------------------------------------------------------------------- headings


def test_heading_levels_are_kept() -> None:
    html = "".join(f"<h{n}>Level {n}</h{n}><p>x</p>" for n in range(1, 7))
    out = md(html)
    for n in range(1, 7):
        assert f"\n{'#' * n} Level {n}\n" in f"\n{out}"
    tree = render(out)
    assert [count(tree, f"h{n}") for n in range(1, 7)] == [1] * 6


def test_heading_with_link_and_emphasis_stays_on_one_clean_line() -> None:
    out = md('<h2>\n  Read <a href="/more">the <em>whole</em> story</a>\n'
             "  <strong>now</strong> ##</h2>")
    assert out == "## Read [the *whole* story](https://example.com/more) now \\##\n"
    h2 = render(out).find(".//h2")
    assert h2 is not None
    assert text(h2) == "Read the whole story now ##"
    assert h2.find(".//a").get("href") == "https://example.com/more"


def test_line_break_in_heading_becomes_a_space() -> None:
    assert md("<h3>One<br>Two</h3>") == "### One Two\n"


def test_empty_heading_is_dropped() -> None:
    assert md("<h2> <a href='#x'></a> </h2><p>Body</p>") == "Body\n"


# --------------------------------------------------------------------------- lists


def test_nested_lists_with_start_numbers() -> None:
    html = """<ol start="3"><li>three<ul><li>bullet <b>b</b></li>
              <li>bullet two<ol><li>deep</li></ol></li></ul></li><li>four</li></ol>"""
    out = md(html)
    assert out == ("3. three\n   - bullet **b**\n   - bullet two\n     1. deep\n4. four\n")
    tree = render(out)
    ol = tree.find("ol")
    assert ol is not None
    assert ol.get("start") == "3"
    assert count(tree, "li") == 5
    assert count(tree, "ol") == 2
    assert count(tree, "ul") == 1


def test_list_item_with_paragraphs_and_code_stays_one_item() -> None:
    html = """<ul><li><p>First para.</p><p>Second para.</p>
              <pre><code>code line</code></pre></li><li>next</li></ul>"""
    tree = roundtrip(html)
    items = tree.findall(".//li")
    assert len(items) == 2
    assert len(items[0].findall("p")) == 2
    assert items[0].find("pre") is not None


def test_adjacent_lists_do_not_merge() -> None:
    out = md("<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>")
    tree = render(out)
    assert count(tree, "ul") == 2
    assert count(tree, "ol") == 2


def test_reversed_list_and_item_values() -> None:
    assert md('<ol reversed><li>a</li><li>b</li><li>c</li></ol>') == "3. a\n2. b\n1. c\n"
    assert md('<ol><li>a</li><li value="7">b</li><li>c</li></ol>') == "1. a\n7. b\n8. c\n"


def test_list_items_wrapped_in_divs_and_task_items() -> None:
    out = md('<ul><div><li>wrapped</li></div><li><input type="checkbox" checked> done</li>'
             '<li><input type="checkbox"> todo</li></ul>')
    assert out == "- wrapped\n- [x] done\n- [ ] todo\n"


def test_empty_list_items_are_dropped() -> None:
    assert md("<ul><li> </li><li>real</li></ul>") == "- real\n"


# --------------------------------------------------------------------------- links


def test_links_are_absolute_and_base_href_is_honoured() -> None:
    assert md('<p><a href="../up.html">up</a></p>') == "[up](https://example.com/up.html)\n"
    out = md('<base href="https://cdn.example.org/root/"><p><a href="x">x</a></p>')
    assert out == "[x](https://cdn.example.org/root/x)\n"


def test_no_empty_or_script_links() -> None:
    html = ('<p>a <a href="javascript:void(0)">js</a> b <a href="#">hash</a> c '
            '<a href="">empty</a> d <a href="/x"> </a>e <a href="/y"><span></span></a></p>')
    out = md(html)
    assert out == "a js b hash c empty d e\n"
    assert "](" not in out
    assert "[]" not in out


def test_link_text_brackets_are_escaped() -> None:
    out = md('<p><a href="/a">[1] see [this]</a></p>')
    assert out == "[\\[1\\] see \\[this\\]](https://example.com/a)\n"
    a = render(out).find(".//a")
    assert a is not None
    assert a.text_content() == "[1] see [this]"


def test_url_with_spaces_and_parentheses_survives() -> None:
    out = md('<p><a href="/wiki/A_(b) c">w</a></p>')
    a = render(out).find(".//a")
    assert a is not None
    assert a.get("href") == "https://example.com/wiki/A_%28b%29%20c"


def test_image_inside_link() -> None:
    out = md('<p><a href="/big.jpg"><img src="/small.jpg" alt="A cat"></a></p>')
    assert out == "[![A cat](https://example.com/small.jpg)](https://example.com/big.jpg)\n"


def test_link_around_blocks_links_the_first_block() -> None:
    out = md('<a href="/story"><div><h3>Headline</h3><p>Teaser text.</p></div></a>')
    assert out == "### [Headline](https://example.com/story)\n\nTeaser text.\n"


def test_same_page_anchor_points_at_the_original_page() -> None:
    assert md('<p><a href="#part-2">Part 2</a></p>') == (
        "[Part 2](https://example.com/dir/page.html#part-2)\n")


def test_web_page_cannot_link_a_local_file() -> None:
    out = md('<p><a href="file:///etc/passwd">pw</a> <img src="file:///C:/x.png" alt="x"></p>')
    assert out == "pw\n"


# --------------------------------------------------------------------------- images


def test_image_with_alt_title_and_escaped_brackets() -> None:
    out = md('<p><img src="/a.png" alt="A [big] chart" title="Sales"></p>')
    assert out == '![A \\[big\\] chart](https://example.com/a.png "Sales")\n'
    img = render(out).find(".//img")
    assert img is not None
    assert img.get("alt") == "A [big] chart"
    assert img.get("title") == "Sales"


def test_figure_caption_is_an_italic_line_after_the_image() -> None:
    html = """<figure><figcaption>Before the image</figcaption>
              <img src="/p.jpg" alt="Photo"></figure>"""
    assert md(html) == "![Photo](https://example.com/p.jpg)\n\n*Before the image*\n"


def test_figure_caption_with_link_credit_and_break() -> None:
    html = ('<figure><picture><img src="/p.jpg" alt=""></picture><figcaption>'
            '<span>A <em>fine</em> view.</span><br><a href="/cred">Credit</a></figcaption>'
            "</figure>")
    out = md(html)
    assert out == ("![](https://example.com/p.jpg)\n\n"
                   "*A fine view.\\\n[Credit](https://example.com/cred)*\n")
    em = render(out).find(".//em")
    assert em is not None
    assert "A fine view." in em.text_content()


def test_best_image_source_and_no_tracking_pixels() -> None:
    html = ('<p><img src="/s.jpg" srcset="/m.jpg 800w, /l.jpg 1600w, /xl.jpg 3200w" alt="s">'
            '<img src="https://stats.example.com/pixel.gif" width="1" height="1">'
            '<img src="https://x.example.com/track?utm_source=feed"></p>')
    assert md(html) == "![s](https://example.com/l.jpg)\n"


# --------------------------------------------------------------------------- tables


def test_table_with_th_header() -> None:
    html = """<table><thead><tr><th>Name</th><th align="right">Qty</th></tr></thead>
              <tbody><tr><td>Apple</td><td>3</td></tr><tr><td>Pear</td><td>10</td></tr></tbody>
              </table>"""
    out = md(html)
    assert out == "| Name | Qty |\n| --- | ---: |\n| Apple | 3 |\n| Pear | 10 |\n"
    tree = render(out)
    assert count(tree, "table") == 1
    assert count(tree, "th") == 2
    assert count(tree, "td") == 4


def test_table_without_th_uses_first_row_as_header() -> None:
    out = md("<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>")
    assert out == "| a | b |\n| --- | --- |\n| 1 | 2 |\n"


def test_table_cells_escape_pipes_and_flatten_breaks_and_lists() -> None:
    html = """<table><tr><th>k</th><th>v</th></tr>
              <tr><td>a|b</td><td>one<br>two</td></tr>
              <tr><td><ul><li>x</li><li>y</li></ul></td><td><code>p|q</code></td></tr></table>"""
    out = md(html)
    assert out == ("| k | v |\n| --- | --- |\n| a\\|b | one<br/>two |\n"
                   "| • x<br/>• y | <code>p&#124;q</code> |\n")
    cells = render(out).findall(".//td")
    assert [c.text_content() for c in cells] == ["a|b", "onetwo", "• x• y", "p|q"]


def test_colspan_fills_the_spanned_columns() -> None:
    html = """<table><tr><th colspan="2">Both</th><th>C</th></tr>
              <tr><td>1</td><td>2</td><td>3</td></tr></table>"""
    assert md(html) == "| Both | | C |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n"


@pytest.mark.parametrize("cell", [
    "<td><table><tr><td>nested</td><td>grid</td></tr><tr><td>of</td><td>two rows</td></tr>"
    "</table></td>",
    "<td><pre>code\n  block</pre></td>",
])
def test_data_tables_markdown_cannot_say_stay_clean_html(cell: str) -> None:
    """A grid or a code block inside a data table's cell (see test_markdown_tables.py)."""
    html = (f'<table class="x" style="width:100%"><tr><th>k</th><th>v</th></tr>'
            f'<tr>{cell}<td id="c" class="y">b</td></tr>'
            "<tr><td>c</td><td>d</td></tr></table>")
    out = md(html)
    assert out.startswith("<table>\n")
    assert out.rstrip().endswith("</table>")
    assert "class=" not in out
    assert "style=" not in out
    assert "id=" not in out
    assert "\n\n" not in out.strip()  # one HTML block: a blank line would end it
    tree = render(out)
    assert count(tree, "table") >= 1
    assert "b" in text(tree)
    assert "d" in text(tree)


def test_rowspan_html_keeps_its_spans_and_pre_newlines() -> None:
    html = ('<table><tr><td rowspan="2">r</td><td><pre>a\n\nb</pre></td></tr>'
            "<tr><td>c</td></tr></table>")
    out = md(html)
    assert '<td rowspan="2">r</td>' in out
    assert "<pre>a&#10;&#10;b</pre>" in out
    pre = render(out).find(".//pre")
    assert pre is not None
    assert pre.text_content() == "a\n\nb"


def test_single_cell_layout_table_is_unwrapped() -> None:
    out = md("<table><tr><td><h2>Title</h2><p>Body text.</p></td></tr></table>")
    assert out == "## Title\n\nBody text.\n"


def test_table_caption_comes_before_the_table() -> None:
    out = md("<table><caption>Prices</caption><tr><th>a</th></tr><tr><td>1</td></tr></table>")
    assert out == "Prices\n\n| a |\n| --- |\n| 1 |\n"


# --------------------------------------------------------------------------- code


@pytest.mark.parametrize(("html", "lang"), [
    ('<pre><code class="language-python">x</code></pre>', "python"),
    ('<pre class="lang-rust"><code>x</code></pre>', "rust"),
    ('<div class="highlight-ruby"><pre>x</pre></div>', "ruby"),
    ('<pre class="brush: js; gutter: false">x</pre>', "js"),
    ('<pre data-lang="go"><code>x</code></pre>', "go"),
    ('<div class="highlight highlight-source-shell"><pre>x</pre></div>', "shell"),
    ('<div class="language-yaml highlighter-rouge"><div class="highlight">'
     '<pre class="highlight"><code>x</code></pre></div></div>', "yaml"),
    ('<pre class="sourceCode haskell"><code class="sourceCode">x</code></pre>', "haskell"),
    ('<pre><code class="language-plaintext">x</code></pre>', ""),
    ("<pre>x</pre>", ""),
])
def test_code_language_from_common_markup(html: str, lang: str) -> None:
    assert md(html) == f"```{lang}\nx\n```\n"


def test_code_whitespace_entities_and_no_markdown_escaping() -> None:
    html = ('<pre><code class="language-python">def f(a, *args):\n'
            '\tif a &lt; 1 and b &gt; 2:  # _x_ [y](z)\n        return `a` * 2\n\n\n'
            "print(f(1))\n</code></pre>")
    out = md(html)
    assert out == ("```python\ndef f(a, *args):\n\tif a < 1 and b > 2:  # _x_ [y](z)\n"
                   "        return `a` * 2\n\n\nprint(f(1))\n```\n")
    code = render(out).find(".//pre/code")
    assert code is not None
    assert code.get("class") == "language-python"
    assert code.text_content() == ("def f(a, *args):\n\tif a < 1 and b > 2:  # _x_ [y](z)\n"
                                   "        return `a` * 2\n\n\nprint(f(1))\n")


def test_fence_is_longer_than_any_backtick_run_in_the_code() -> None:
    out = md("<pre>use ``` or ````` fences</pre>")
    assert out == "``````\nuse ``` or ````` fences\n``````\n"
    assert render(out).find(".//pre").text_content() == "use ``` or ````` fences\n"


def test_code_with_br_and_per_line_elements() -> None:
    assert md("<pre>a<br>  b<br/>c</pre>") == "```\na\n  b\nc\n```\n"
    html = '<pre><code><div class="line">one</div><div class="line">  two</div></code></pre>'
    assert md(html) == "```\none\n  two\n```\n"


@pytest.mark.parametrize("html", [
    # Pygments
    '<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre>1\n2'
    '</pre></div></td><td class="code"><div class="highlight"><pre><span>x = 1</span>\n'
    '<span>y = 2</span>\n</pre></div></td></tr></table>',
    # Hexo-style gutter of spans and <br>
    '<figure class="highlight python"><table><tr><td class="gutter"><pre><span class="line">1'
    '</span><br><span class="line">2</span></pre></td><td class="code"><pre><span class="line">'
    'x = 1</span><br><span class="line">y = 2</span></pre></td></tr></table></figure>',
    # one row per line, numbers in data attributes
    '<table class="highlight"><tr><td class="blob-num" data-line-number="1"></td>'
    '<td class="blob-code">x = 1</td></tr><tr><td class="blob-num" data-line-number="2"></td>'
    '<td class="blob-code">y = 2</td></tr></table>',
    # numbers as spans inside the pre
    '<pre><code><span class="line-number">1</span>x = 1\n<span class="line-number">2</span>'
    "y = 2</code></pre>",
])
def test_line_numbered_code_keeps_only_the_code(html: str) -> None:
    out = md(html)
    body = out.split("\n", 1)[1]
    assert out.startswith("```")
    assert body == "x = 1\ny = 2\n```\n"


def test_line_numbered_code_keeps_its_language() -> None:
    html = ('<div class="language-python"><table class="highlighttable"><tr><td class="linenos">'
            '<pre>1</pre></td><td class="code"><pre>x = 1</pre></td></tr></table></div>')
    assert md(html) == "```python\nx = 1\n```\n"


def test_inline_code_kbd_samp_tt_and_backticks_inside() -> None:
    out = md("<p>Run <code>ls -l</code>, press <kbd>Ctrl</kbd>+<kbd>C</kbd>, see <samp>ok</samp>"
             " in <tt>tty</tt>; <code>a`b</code> and <code>`x`</code>.</p>")
    assert out == ("Run `ls -l`, press `Ctrl`+`C`, see `ok` in `tty`; ``a`b`` and `` `x` ``.\n")
    codes = [c.text_content() for c in render(out).iter("code")]
    assert codes == ["ls -l", "Ctrl", "C", "ok", "tty", "a`b", "`x`"]


def test_preformatted_text_with_links_keeps_the_links() -> None:
    out = md('<pre>See <a href="/rfc1">RFC 1</a>\n\n  and more</pre>')
    assert out == '<pre>See <a href="https://example.com/rfc1">RFC 1</a>\n\n  and more</pre>\n'
    tree = render(out)
    assert count(tree, "pre") == 1
    assert count(tree, "a") == 1


# --------------------------------------------------------------------------- quotes


def test_nested_blockquotes_with_lists() -> None:
    html = "<blockquote><p>Outer</p><blockquote><p>Inner</p></blockquote><ul><li>x</li></ul>" \
           "</blockquote>"
    out = md(html)
    assert out == "> Outer\n>\n> > Inner\n>\n> - x\n"
    tree = render(out)
    assert count(tree, "blockquote") == 2
    assert count(tree, "li") == 1


def test_inline_quotes() -> None:
    assert md("<p>He said <q>it is <q>fine</q></q>.</p>") == "He said “it is ‘fine’”.\n"


def test_a_q_whose_text_has_its_own_marks_gets_no_second_pair() -> None:
    # A pull quote typed with its marks: “"In hindsight…"” would repeat them.
    assert md('<p><q class="right">"In hindsight, it was too much."</q></p>') == (
        '"In hindsight, it was too much."\n')
    assert md("<p>Er sagte <q>„Nein“</q> und <q>ja</q>.</p>") == "Er sagte „Nein“ und “ja”.\n"


# --------------------------------------------------------------------------- footnotes


def test_pandoc_style_footnotes() -> None:
    html = """<p>Claim<sup id="fnref1"><a href="#fn1" class="footnote-ref">1</a></sup> and
    again<sup id="fnref2"><a href="#fn2">2</a></sup>.</p>
    <section class="footnotes"><hr><ol>
    <li id="fn1"><p>Source with <a href="/s">link</a>.
    <a href="#fnref1" class="footnote-back">↩︎</a></p></li>
    <li id="fn2"><p>Two paragraphs.</p><p>Second one. <a href="#fnref2">↩</a></p></li>
    </ol></section>"""
    assert md(html) == ("Claim[^1] and again[^2].\n\n"
                        "[^1]: Source with [link](https://example.com/s).\n\n"
                        "[^2]: Two paragraphs.\n\n    Second one.\n")


def test_wikipedia_citations() -> None:
    html = """<p>Fact<sup id="cite_ref-a_1-0" class="reference"><a href="#cite_note-a-1">[1]</a>
    </sup> and more<sup id="cite_ref-a_1-1" class="reference"><a href="#cite_note-a-1">[1]</a>
    </sup><sup class="reference"><a href="#cite_note-2">[n 1]</a></sup>.</p>
    <h2>References</h2><div class="reflist"><ol class="references">
    <li id="cite_note-a-1"><span class="mw-cite-backlink">^ <a href="#cite_ref-a_1-0"><sup><i>
    <b>a</b></i></sup></a> <a href="#cite_ref-a_1-1"><sup><i><b>b</b></i></sup></a></span>
    <span class="reference-text">Smith, <i>A Book</i>, 2001.</span></li>
    <li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span>
    <span class="reference-text">A note.</span></li></ol></div>"""
    assert md(html) == ("Fact[^1] and more[^1][^n1].\n\n## References\n\n"
                        "[^1]: Smith, *A Book*, 2001.\n\n[^n1]: A note.\n")


def test_dpub_aria_notes() -> None:
    html = """<p>Text<a href="#en1" role="doc-noteref">*</a>.</p>
    <aside role="doc-endnotes"><ol><li id="en1" role="doc-endnote">The note.
    <a href="#r" role="doc-backlink">back</a></li></ol></aside>"""
    assert md(html) == "Text[^1].\n\n[^1]: The note.\n"


def test_reference_whose_note_was_not_kept() -> None:
    # Marked on the whole page, but the extractor left the notes out: the number stays.
    html = '<p>x<sup><a href="#cite_note-3" data-clipper-fnref="3">[3]</a></sup></p>'
    assert md(html) == "x<sup>[3]</sup>\n"
    # Never marked (no note anywhere): an ordinary link to the original page.
    assert md('<p>x<sup><a href="#fn4">4</a></sup></p>') == (
        "x<sup>[4](https://example.com/dir/page.html#fn4)</sup>\n")


def test_table_of_contents_links_are_not_footnotes() -> None:
    html = '<ul><li><a href="#intro">Intro</a></li></ul><h2 id="intro">Intro</h2><p>Text</p>'
    out = md(html)
    assert "[^" not in out
    assert "[Intro](https://example.com/dir/page.html#intro)" in out


# --------------------------------------------------------------------------- math


def test_mathjax_scripts_keep_only_the_tex() -> None:
    html = """<p>Energy <span class="MathJax_Preview">E=mc2</span><span class="MathJax"
    id="MathJax-Element-1-Frame"><nobr>E=mc2</nobr></span><script type="math/tex"
    id="MathJax-Element-1">E=mc^2</script> holds.</p><div class="MathJax_Display"><span
    class="MathJax">sum</span></div><script type="math/tex; mode=display">
    \\sum_{i=1}^n i</script>"""
    assert md(html) == "Energy $E=mc^2$ holds.\n\n$$\n\\sum_{i=1}^n i\n$$\n"


def test_katex_inline_and_display() -> None:
    def katex(tex: str) -> str:
        return (f'<span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>x'
                f'</mi></mrow><annotation encoding="application/x-tex">{tex}</annotation>'
                f'</semantics></math></span><span class="katex-html" aria-hidden="true">'
                f"<span>x</span></span></span>")

    html = (f"<p>Let {katex('x_1')} be.</p><p><span class=\"katex-display\">{katex('a^2+b^2')}"
            "</span></p>")
    assert md(html) == "Let $x_1$ be.\n\n$$\na^2+b^2\n$$\n"


def test_mathml_with_tex_annotation_block_and_inline() -> None:
    html = """<p>Inline <math><semantics><mi>y</mi><annotation encoding="application/x-tex">
    y^2</annotation></semantics></math> and</p><math display="block"><semantics><mi>z</mi>
    <annotation encoding="TeX">\\frac{1}{z}</annotation></semantics></math>"""
    assert md(html) == "Inline $y^2$ and\n\n$$\n\\frac{1}{z}\n$$\n"


def test_tex_delimiters_in_text_are_left_as_they_are() -> None:
    assert md("<p>Both \\(a_1\\) and \\[b*c\\] stay.</p>") == (
        "Both \\(a_1\\) and \\[b*c\\] stay.\n")


def test_dollar_signs_in_text_do_not_become_math() -> None:
    assert md("<p>It costs $5.</p>") == "It costs $5.\n"
    assert md("<p>From $5 to $10.</p>") == "From \\$5 to \\$10.\n"


# --------------------------------------------------------------------------- inline bits


def test_line_breaks_become_backslash_hard_breaks() -> None:
    out = md("<p>Line one<br>Line two<br><br>New paragraph<br></p>")
    assert out == "Line one\\\nLine two\n\nNew paragraph\n"
    tree = render(out)
    assert count(tree, "br") == 1
    assert count(tree, "p") == 2


def test_definition_lists() -> None:
    html = "<dl><dt>Term</dt><dd>First.</dd><dd>Second.</dd><dt>Other</dt>" \
           "<dd><p>Block one.</p><p>Block two.</p></dd></dl>"
    out = md(html)
    assert out == "**Term**\\\nFirst.\\\nSecond.\n\n**Other**\n\nBlock one.\n\nBlock two.\n"


def test_sub_sup_mark_del_and_hr() -> None:
    out = md("<p>H<sub>2</sub>O, x<sup>2</sup>, <mark>key</mark>, <del>old</del> <s>x</s>"
             "</p><hr><p>end</p>")
    assert out == ("H<sub>2</sub>O, x<sup>2</sup>, <mark>key</mark>, ~~old~~ ~~x~~\n\n---\n\n"
                   "end\n")
    tree = render(out)
    assert count(tree, "sub") == 1
    assert count(tree, "sup") == 1
    assert count(tree, "hr") == 1


# --------------------------------------------------------------------------- emphasis


def test_emphasis_markers_and_spaces_outside_them() -> None:
    out = md("<p>a<em> spaced </em>b <strong>bold </strong>c<b> </b>d <i></i>e</p>")
    assert out == "a *spaced* b **bold** c d e\n"


def test_adjacent_emphasis_is_merged() -> None:
    assert md("<p><em>one</em><em>two</em> <b>x</b><b>y</b></p>") == "*onetwo* **xy**\n"


def test_nested_emphasis_is_not_doubled() -> None:
    assert md("<p><em>a <i>b</i> c</em> <b><strong>d</strong></b></p>") == "*a b c* **d**\n"
    tree = roundtrip("<p><strong>bold <em>both</em></strong></p>")
    assert tree.find(".//strong/em") is not None


def test_emphasis_between_words_moves_its_punctuation_out_instead_of_raw_html() -> None:
    """Issue 10: no raw <em>/<strong> where Markdown can say it. ``word**Note:**text`` does
    not parse (the closing ``**`` follows punctuation and precedes a letter), but
    ``word**Note**:text`` does, and reads the same."""
    out = md("<p>word<strong>Note:</strong>text and x<em>(y)</em>z and "
             "Zitat<em>«so»</em>Ende</p>")
    assert "<" not in out
    assert out == "word**Note**:text and x(*y*)z and Zitat«*so*»Ende\n"
    tree = render(out)
    assert [el.text_content() for el in tree.iter("strong", "em")] == ["Note", "y", "so"]
    assert " ".join(tree.text_content().split()) == "wordNote:text and x(y)z and Zitat«so»Ende"


def test_emphasis_of_punctuation_alone_is_dropped() -> None:
    assert md("<p>Jindrák<em>,</em> který and x<strong>…</strong>y</p>") == \
        "Jindrák, který and x…y\n"


def test_emphasis_that_markdown_cannot_express_falls_back_to_html() -> None:
    out = md("<p>a<strong>“<a href='/q'>quote</a>”</strong>b</p>")
    tree = render(out)
    assert tree.find(".//strong").text_content() == "“quote”"


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize("sample", [
    "1. Not a list", "2024) neither", "# not a heading", "- not a bullet", "+ nor this",
    "* nor this", "> not a quote", "*not emphasis*", "_not emphasis_", "`not code`",
    "[not](a link)", "[not a ref]: /x", "<b>not html</b>", "&amp; stays an entity name",
    "a \\ backslash \\* here", "~~not struck~~", "--- not a rule", "===", "```", "~~~ nope",
    "#hashtag is text", "[^1] not a note", "[[not a wikilink]]", "%%not a comment%%",
])
def test_text_that_looks_like_markdown_stays_text(sample: str) -> None:
    out = md(f"<p>{html_lib.escape(sample, quote=False)}</p>")
    tree = render(out)
    assert text(tree) == sample, out
    assert [el.tag for el in tree.iter()] == ["div", "p"], out


def test_ordinary_prose_gets_no_escaping_noise() -> None:
    prose = ("Prices rose 3.5% - a record (again). C# and F# are fine; so is snake_case, "
             "1 * 2 = 2, a - b, e.g. this, 10. And [1] stays.")
    assert md(f"<p>{prose}</p>") == prose + "\n"


# --------------------------------------------------------------------------- tidy output


def test_spaces_are_normalised_and_zero_width_characters_removed() -> None:
    out = md("<p>a\u00a0\u00a0b\u200bc\ufeff d\u00adé</p><p>\t  x  </p>\n\n\n<p>y</p>")
    assert out == "a bc dé\n\nx\n\ny\n"


def test_no_trailing_spaces_and_single_blank_lines() -> None:
    html = "<div><p>a </p>\n\n<div>\n<p> b</p></div><ul><li>c </li></ul>\n<br><br><p>d</p></div>"
    out = md(html)
    assert out == "a\n\nb\n\n- c\n\nd\n"
    assert all(line == line.rstrip() for line in out.split("\n"))


def test_hidden_elements_are_dropped() -> None:
    html = ('<p>seen</p><p hidden>hidden attr</p><div aria-hidden="true">aria</div>'
            '<p style="color:red; display: none">css</p><span style="visibility:hidden">v</span>')
    assert md(html) == "seen\n"


def test_scripts_styles_forms_and_comments_are_dropped() -> None:
    html = ("<p>a<!-- note --> b</p><script>alert(1)</script><style>p{}</style>"
            "<form><button>Send</button><input type='text'></form><p>c</p>")
    assert md(html) == "a b\n\nc\n"


def test_whole_documents_and_empty_input() -> None:
    assert md("<html><head><title>T</title></head><body><p>x</p></body></html>") == "x\n"
    assert md("") == ""
    assert md("   ") == ""
    assert md("<div><span> </span></div>") == ""
    assert md('<?xml version="1.0" encoding="utf-8"?><p>x</p>') == "x\n"


def test_html5_void_elements_do_not_swallow_text() -> None:
    # libxml2 parses <wbr>/<source> as containers; the text after them must survive.
    assert md("<p>super<wbr>cali <b>fragile</b></p><p>next</p>") == (
        "supercali **fragile**\n\nnext\n")


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize("tag", ["div", "span", "blockquote", "ul><li", "b"])
def test_thousands_of_nesting_levels_do_not_raise(tag: str) -> None:
    opener = f"<{tag}>"
    closer = "".join(f"</{t}>" for t in reversed(tag.split("><")))
    out = md(opener * 5000 + "deep text" + closer * 5000)
    assert "deep text" in out


@pytest.mark.slow
def test_a_megabyte_article_converts() -> None:
    para = ('<p>Lorem <b>ipsum</b> dolor sit amet, <a href="/x">consectetur</a> adipiscing '
            "elit, sed do <em>eiusmod</em> tempor incididunt ut labore.</p>")
    html = "<article>" + "".join(f"<h2>S{i}</h2>" + para * 10 for i in range(1000)) + "</article>"
    out = md(html)
    assert out.count("\n## S") == 999
    assert out.count("[consectetur](") == 10_000
    assert len(out) > 1_000_000


def test_sphinx_contents_with_backrefs_are_not_footnotes() -> None:
    html = """<div class="contents"><p>Contents</p><ul><li><a class="reference internal"
    href="#setup" id="id1">Set up</a></li></ul></div><div class="section" id="setup">
    <h2><a class="toc-backref" href="#id1">Set up</a></h2><p>Install it.</p></div>"""
    out = md(html)
    assert "[^" not in out
    assert "## [Set up]" in out
    assert "Install it." in out


def test_link_around_a_picture_block_keeps_the_link() -> None:
    html = ('<figure><a href="https://cdn.example.com/big.png"><div><picture><img '
            'src="https://cdn.example.com/small.png" alt="Chart"></picture></div></a>'
            "<figcaption>Growth</figcaption></figure>")
    assert md(html) == ("[![Chart](https://cdn.example.com/small.png)]"
                        "(https://cdn.example.com/big.png)\n\n*Growth*\n")


# --------------------------------------------------------------------------- text and URLs


def test_non_ascii_urls_are_percent_encoded_as_a_browser_sends_them() -> None:
    out = md('<p><a href="/wiki/Größe">Größe</a> <img src="/img/Capture d’écran.png" alt="x">'
             "</p>")
    assert out == ("[Größe](https://example.com/wiki/Gr%C3%B6%C3%9Fe) "
                   "![x](https://example.com/img/Capture%20d%E2%80%99%C3%A9cran.png)\n")


def test_text_is_written_in_composed_unicode() -> None:
    # "geprüft" typed on a Mac: u + combining diaeresis; the clip has the one character
    out = md("<p>gepru\u0308ft \u00a0 und\u200b fertig\t\n</p>")
    assert out == "geprüft und fertig\n"


def test_the_extractor_path_gives_the_same_markdown_without_reparsing() -> None:
    import lxml.html

    from clipper.extract.fragment import html_to_markdown
    from clipper.extract.normalize import normalize_document
    from clipper.markdown import element_to_markdown

    fragment = ('<div><h2>Notes</h2><p>Text<sup id="r1"><a href="#n1">1</a></sup> and '
                '<a href="/a">a link</a>.</p><p hidden>gone</p><pre class="language-py">'
                'x = 1</pre><img data-src="/i.jpg" src="/blank.gif" alt="i">'
                '<ol><li id="n1">The note. <a href="#r1">↩</a></li></ol></div>')
    doc = lxml.html.document_fromstring(fragment)
    normalize_document(doc, "https://example.com/p")
    root = doc.find(".//body/div")
    assert element_to_markdown(root, "https://example.com/p") == \
        html_to_markdown(fragment, "https://example.com/p")
