"""Class and id names that are not the template's: a highlighter's in code, generated ids.

The boilerplate rules read class/id words ("comment", "ad"); some names only look like
such words. Each case is a small page written for the purpose.
"""

from __future__ import annotations

from clipper.extract import extract

URL = "https://dev.example/blog/standalone-wasm"
PROSE = (
    "We would normally build this with the usual compiler flags, which emit both a "
    "JavaScript loader and the module itself, but this time we only want the module, "
    "so that it can run by itself without any of the runtime code."
)


def _page(article: str) -> str:
    return (
        "<html><head><title>Standalone Wasm</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav>"
        f"<main><article><h1>Standalone Wasm</h1>{article}</article></main>"
        "<footer><p>© 2024 Dev Example</p></footer></body></html>"
    )


def test_a_highlighters_comment_token_stays_in_the_code() -> None:
    # Prism wraps a code comment in <span class="token comment">, highlight.js in
    # "hljs-comment": the code's comment, not a comment thread.
    code = (
        '<pre class="language-c"><code class="language-c">'
        '<span class="token comment">// add.c</span><br>'
        '<span class="token keyword">int</span> add(int x, int y) {<br>'
        '  <span class="hljs-comment">/* sum */</span> return x + y;<br>}</code></pre>'
    )
    md = extract(_page(f"<p>{PROSE}</p>{code}<p>{PROSE}</p><p>{PROSE}</p>"), URL).markdown
    assert "// add.c\nint add(int x, int y) {" in md
    assert "/* sum */ return x + y;" in md


def test_blank_lines_in_code_stay_code() -> None:
    # Two <br> in a row start a paragraph in running text (Readability's rule), not in a
    # code block, where they are a blank line of the code.
    code = ("<pre><code>#include &lt;emscripten.h&gt;<br><br>EMSCRIPTEN_KEEPALIVE<br>"
            "int add(int x, int y);</code></pre>")
    md = extract(_page(f"<p>{PROSE}</p>{code}<p>{PROSE}</p><p>{PROSE}</p>"), URL).markdown
    assert "#include <emscripten.h>\n\nEMSCRIPTEN_KEEPALIVE\nint add(int x, int y);" in md


def test_a_generated_hex_id_does_not_name_an_ad() -> None:
    # Medium gives every paragraph a hex id ("e1ad", "10f1"): "e1ad" is not "e" + "ad".
    paras = "".join(
        f'<p id="{pid}" class="go gp dg">{PROSE} ({pid})</p>'
        for pid in ("5b2c", "10f1", "a9ea", "77d0"))
    lead_in = ('<p id="e1ad" class="go gp dg">With the inspector module you can do much '
               'more, here is a list:</p>')
    items = '<ul><li id="eb04">memory dump</li><li id="b896">code coverage</li></ul>'
    md = extract(_page(f"{paras}{lead_in}{items}{paras}"), URL).markdown
    assert "here is a list:" in md


def test_an_ad_slot_is_still_an_ad() -> None:
    # A name that starts with the word and runs on in digits still names an ad slot.
    ad = '<div id="ad300"><a href="https://ads.example/c">Buy a boat today</a></div>'
    md = extract(_page(f"<p>{PROSE}</p>{ad}<p>{PROSE}</p><p>{PROSE}</p>"), URL).markdown
    assert "Buy a boat" not in md
