"""The programming language of a code block, from the markup highlighters leave.

Highlighters name it in many ways: ``class="language-x"`` (Prism, highlight.js,
CommonMark), ``lang-x`` (Prettify, Stack Overflow), ``highlight-x`` and
``highlight-source-x`` (Sphinx, GitHub), ``brush: x`` (SyntaxHighlighter),
``data-lang``, a bare ``sourceCode x`` (Pandoc), on the ``<pre>``, its ``<code>``
or a wrapper up to two levels out.  The name becomes the fence's info string.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["code_language"]

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
