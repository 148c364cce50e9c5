"""A page given as text keeps its characters whatever charset its ``<meta>`` declares.

The text was decoded already (``clipper.extract.decode``, or the caller's ``str``); the
parser reads it as UTF-8 bytes, so the declared charset must not be applied a second time.
Small pages written for the purpose: a French menu saved as windows-1252, a Japanese notice
saved as Shift_JIS.
"""

from __future__ import annotations

import pytest

from clipper.extract import extract
from clipper.extract.parse import parse_html
from clipper.extract.text import inner_text

FRENCH = ("La crème brûlée de la maison coûte 7 € : « un classique », dit le chef, "
          "qui la flambe à table devant les clients du déjeuner.")
JAPANESE = "本日の営業時間は午前十時から午後六時までです。ご来店をお待ちしております。"


@pytest.mark.parametrize(("head", "text"), [
    ('<meta charset="windows-1252">', FRENCH),
    ('<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">', JAPANESE),
    ('<meta charset="iso-8859-1">', JAPANESE),
])
def test_declared_charset_does_not_garble_decoded_text(head: str, text: str) -> None:
    page = f"<html><head>{head}<title>Notice</title></head><body><p>{text}</p></body></html>"
    doc = parse_html(page)
    assert inner_text(doc.find("body")) == text
    assert doc.findtext(".//title") == "Notice"


def test_declared_charset_in_a_clipped_article() -> None:
    paragraphs = "".join(f"<p>{FRENCH} {n}</p>" for n in range(1, 6))
    page = (f'<html><head><meta charset="windows-1252"><title>Le menu</title></head>'
            f"<body><article><h1>Le menu</h1>{paragraphs}</article></body></html>")
    assert f"{FRENCH} 3" in extract(page).markdown
