"""Code blocks as a reader sees them: their language, their text, no line-number gutters.

Highlighters name the language in many ways: ``class="language-x"`` (Prism, highlight.js,
CommonMark), ``lang-x`` (Prettify, Stack Overflow), ``highlight-x`` and
``highlight-source-x`` (Sphinx, GitHub), ``brush: x`` (SyntaxHighlighter),
``data-lang``, a bare ``sourceCode x`` (Pandoc), on the ``<pre>``, its ``<code>``
or a wrapper up to two levels out.  The name becomes the fence's info string.

They also split code into per-line elements and put line numbers in a gutter (a
column of a table, or spans with a "line number" class): the text is read the way a
browser shows it and the numbers are left out, or every copied snippet would carry them.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable

from lxml import etree

from clipper.htmltree import remove_keep_tail, text_of

__all__ = ["code_language", "code_text", "gutter_table", "pre_html", "strip_gutters"]

_KNOWN_LANGS = frozenset((
    "bash", "c", "clojure", "coffeescript", "cpp", "csharp", "css", "dart", "diff", "dockerfile",
    "elixir", "erlang", "fortran", "go", "graphql", "groovy", "haskell", "html", "ini", "java",
    "javascript", "js", "json", "jsx", "julia", "kotlin", "latex", "lisp", "lua", "makefile",
    "matlab", "nginx", "objectivec", "ocaml", "perl", "php", "powershell", "python", "python3",
    "r", "ruby", "rust", "scala", "scheme", "scss", "shell", "sh", "sql", "swift", "toml", "ts",
    "tsx", "typescript", "vb", "xml", "yaml", "yml", "zsh", "console", "shell-session", "haml",
))
_NO_LANG = frozenset(("text", "plain", "plaintext", "none", "nohighlight", "txt", "code", "raw",
                      "default", "output"))
_LANG_CLASS = re.compile(
    r"^(?:language|lang|highlight-source|highlight|sourcecode|syntax|brush|code)-([\w#+.-]{1,30})$",
    re.I,
)
_BRUSH = re.compile(r"brush:\s*([\w#+.-]{1,30})", re.I)
_GUTTER_CLASS = re.compile(r"(?:^|[\s_-]|(?-i:(?<=[a-z])(?=L)))"
                           r"(?:line-?num(?:ber)?s?|linenos?|lineno-?\w*|gutter|ln-num|hljs-ln-n\w*"
                           r"|code-line-number|blob-num)(?:$|[\s_-])"
                           r"|(?:^|\s)lnt?(?:$|\s)", re.I)
"""Line-number elements: Pygments' ``linenos``, highlight.js' ``hljs-ln-n``, GitHub's
``blob-num``, Rouge's ``gutter``, Chroma's ``ln``/``lnt``, and camel-case names a CSS
module hashes (Docusaurus' ``codeLineNumber_Tfdd``: a new word at a capital ``L``)..."""
_DIGITS_ONLY = re.compile(r"^[\d\s.:]*$")
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff\u00ad]")


def code_language(pre: etree._Element) -> str:
    """The language named on the ``<pre>``, its ``<code>``, or up to two wrappers."""
    holders = [pre]
    code = next(pre.iter("code"), None)
    if code is not None:
        holders.insert(0, code)
    parent = pre.getparent()
    for _ in range(2):
        if parent is None:
            break
        holders.append(parent)
        parent = parent.getparent()
    for depth, el in enumerate(holders):
        for attr in ("data-lang", "data-language", "data-code-language"):
            value = (el.get(attr) or "").strip().lower()
            if value and re.fullmatch(r"[\w#+.-]{1,30}", value):
                return "" if value in _NO_LANG else value
        cls = el.get("class") or ""
        if not cls:
            continue
        m = _BRUSH.search(cls)
        if m:
            return m.group(1).lower()
        for token in cls.split():
            m = _LANG_CLASS.match(token)
            if m:
                lang = m.group(1).lower()
                return "" if lang in _NO_LANG else lang
        if depth <= 1 or el.tag in ("pre", "code"):
            for token in cls.split():
                if token.lower() in _KNOWN_LANGS:
                    return token.lower()
    return ""


_LINE_BLOCKS = frozenset(("div", "p", "li", "tr", "table", "pre", "code-line"))


def code_text(el: etree._Element) -> str:
    """Code text as a browser shows it: ``<br>`` and per-line blocks are newlines."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else None
        if event == "start":
            line_start = tag in _LINE_BLOCKS and node is not el and parts \
                and not parts[-1].endswith("\n")
            if tag == "br" or line_start:
                parts.append("\n")
            if tag is not None and node.text:
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def gutter_table(table: etree._Element) -> etree._Element | None:
    """A ``<pre>`` with the code of a line-numbered code table, or None."""
    rows = [tr for tr in table.iter("tr")]
    if not rows or len(rows) > 20000:
        return None
    code_cells: list[etree._Element] = []
    for tr in rows:
        cells = [c for c in tr if c.tag in ("td", "th")]
        if len(cells) != 2:
            return None
        gutter, code = cells
        gtext = text_of(gutter)
        if not _DIGITS_ONLY.match(gtext):
            return None
        if not (gtext.strip() or gutter.get("data-line-number") is not None
                or _GUTTER_CLASS.search(gutter.get("class") or "")):
            return None
        code_cells.append(code)
    is_code = any(next(c.iter("pre", "code"), None) is not None
                  or "code" in (c.get("class") or "").lower() for c in code_cells)
    if not is_code:
        return None
    text = "\n".join(code_text(next(c.iter("pre"), c)).rstrip("\n") for c in code_cells)
    pre = table.makeelement("pre", {})
    code = pre.makeelement("code", {})
    pre.append(code)
    code.text = text
    # Carry the language hint: it sits on the code cell's <pre>/<code> or the table.
    for holder in [*code_cells[0].iter("pre", "code", "div"), table]:
        cls = holder.get("class")
        if cls:
            code.set("class", (code.get("class", "") + " " + cls).strip())
        lang = (holder.get("data-lang") or holder.get("data-language")
                or holder.get("data-tagsearch-lang"))  # GitHub's file tables
        if lang:
            code.set("data-lang", lang.lower())
    return pre


def strip_gutters(pre: etree._Element) -> None:
    """Take line-number elements out of a ``<pre>`` (spans a highlighter put per line)."""
    for el in list(pre.iterdescendants()):
        if not isinstance(el.tag, str):
            continue
        cls = el.get("class")
        if ((cls and _GUTTER_CLASS.search(cls)) or el.get("data-line-number") is not None) \
                and _DIGITS_ONLY.match(text_of(el)):
            remove_keep_tail(el)


def pre_html(pre: etree._Element, url: Callable[[str | None, bool], str | None]) -> str:
    """``<pre>`` with only its links kept as tags (RFCs, man pages): a fenced block cannot
    hold links, and an HTML block may hold blank lines."""
    parts: list[str] = ["<pre>"]
    for event, el in etree.iterwalk(pre, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        href = url(el.get("href"), False) if el.tag == "a" else None
        if event == "start":
            if el.tag == "br":
                parts.append("\n")
            elif href:
                parts.append(f'<a href="{html_lib.escape(href, quote=True)}">')
            if el.text:
                parts.append(_pre_text(el.text))
        else:
            if href:
                parts.append("</a>")
            if el is not pre and el.tail:
                parts.append(_pre_text(el.tail))
    text = "".join(parts).rstrip()
    while text.startswith("<pre>\n"):
        text = "<pre>" + text[6:]
    return text + "</pre>"


def _pre_text(text: str) -> str:
    text = _ZERO_WIDTH.sub("", text).replace("\u00a0", " ").replace("\r\n", "\n")
    return html_lib.escape(text, quote=False)
