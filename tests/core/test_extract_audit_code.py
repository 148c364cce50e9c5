"""Audit of issue 10 item 5 on a page written the way a documentation site builds it today:
a Docusaurus page whose Prism code block numbers its lines in spans with CSS-module class
names (``codeLineNumber_Tfdd``), which name the gutter in camel case."""

from __future__ import annotations

from clipper.extract import extract

URL = "https://docs.acme.example/docs/configuration"


def _line(n: int, code: str) -> str:
    return (f'<span class="token-line"><span class="codeLineNumber_Tfdd">{n}</span>'
            f'<span class="codeLineContent_feaV">{code}</span><br></span>')


PAGE = (
    '<html><head><title>Configuration | Acme Docs</title></head><body>'
    '<nav class="navbar"><a href="/">Acme</a><a href="/docs/intro">Docs</a></nav>'
    '<main class="docMainContainer"><article><div class="theme-doc-markdown markdown">'
    '<header><h1>Configuration</h1></header>'
    '<p>Acme reads its settings from a file named <code>acme.config.js</code> at the root of '
    'your project. The file exports a plain object, and every key is optional.</p>'
    '<p>A small configuration that sets the output folder and turns on caching looks like '
    'this, and it is all most projects ever need:</p>'
    '<div class="language-js codeBlockContainer_Ckt0 theme-code-block"><div '
    'class="codeBlockContent_biex"><pre tabindex="0" class="prism-code language-js '
    'codeBlock_bY9V"><code class="codeBlockLines_e6Vv codeBlockLinesWithNumbering_o6Pm">'
    + _line(1, '<span class="token keyword">module</span>.exports = {')
    + _line(2, "  output: <span class=\"token string\">'/srv/site'</span>,")
    + _line(3, "  cache: true,")
    + _line(4, "};")
    + '</code></pre><button type="button" aria-label="Copy code to clipboard">'
    '</button></div></div>'
    '<p>The <strong>output</strong> key names the folder where built pages go. The '
    '<strong>cache</strong> key keeps files between runs so the second build is faster.</p>'
    '</div></article></main><footer>Copyright © 2024 Acme. Built with Docusaurus.</footer>'
    '</body></html>')


def test_prism_line_numbers_in_camel_case_classes_stay_out_of_the_code() -> None:
    """A copied snippet must run: ``1module.exports`` would not."""
    md = extract(PAGE, URL).markdown
    assert "```js\nmodule.exports = {\n  output: '/srv/site',\n  cache: true,\n};\n```" in md
