"""Turning page bytes into text, and telling pages from PDFs and pictures.

The texts are short news paragraphs, as real pages have, because encoding
detection is easy on long texts and on contrived ones and hard on these.
"""

from __future__ import annotations

import codecs
import gzip
import os
import random
import re
from pathlib import Path

import pytest

from clipper.decode import (
    charset_param,
    decode_html,
    describe_content_type,
    describe_non_html,
    detect_charset,
    looks_like_html,
    media_type,
    normalize_charset,
)

RUSSIAN = (
    "Правительство России в понедельник объявило о новых мерах поддержки малого бизнеса. "
    "По словам министра экономического развития, программа льготного кредитования будет "
    "продлена до конца следующего года, а лимит займов для индивидуальных предпринимателей "
    "увеличится почти вдвое. Эксперты считают, что эти шаги помогут компаниям пережить "
    "период высоких процентных ставок, однако предупреждают о росте нагрузки на бюджет."
)
JAPANESE = (
    "政府は月曜日、中小企業を支援するための新たな対策を発表した。経済産業省によると、"
    "低金利の融資制度は来年末まで延長され、個人事業主向けの融資上限はほぼ倍増する。"
    "専門家は、この措置が高金利の時期を乗り切る助けになると評価する一方で、"
    "財政負担の増加に懸念を示している。"
)
FRENCH = (
    "Le gouvernement a annoncé lundi une série de mesures pour soutenir les petites "
    "entreprises. Selon le ministre de l'Économie, le programme de prêts à taux réduit sera "
    "prolongé jusqu'à la fin de l'année prochaine, et le plafond des emprunts doublera presque."
)
CZECH = (
    "Vláda v pondělí oznámila nová opatření na podporu malých podniků. Podle ministra průmyslu "
    "bude program zvýhodněných úvěrů prodloužen do konce příštího roku a limit půjček pro "
    "živnostníky se téměř zdvojnásobí."
)
ENGLISH = (
    "The government announced new measures on Monday to support small businesses — the "
    "“biggest package” in years. It’s expected to cost £2bn, the minister said… © 2024"
)


def page(text: str, head: str = "", lang: str | None = None) -> str:
    """A realistic page shell: scripts and styles around the text, as detection meets them."""
    html_tag = f'<html lang="{lang}">' if lang else "<html>"
    return (
        f"<!DOCTYPE html>{html_tag}<head>{head}<title>{text[:30]}</title>"
        "<style>body { font-family: sans-serif } .nav > li { float: left }</style>"
        "<script>window.dataLayer = window.dataLayer || []; var n = 1;</script></head>"
        f'<body><nav><a href="/">Home</a></nav><h1>{text[:40]}</h1><p>{text}</p>'
        "<footer>Contact us</footer></body></html>"
    )


# --- Byte order marks and declarations ------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_bom_wins_over_any_declaration(codec: str) -> None:
    bom = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE,
           "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE,
           "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    html = page(RUSSIAN, head='<meta charset="windows-1251">')
    text = decode_html(bom + html.encode(codec), declared="iso-8859-1")
    assert text == html  # and the BOM itself is gone


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(codec: str) -> None:
    html = page(JAPANESE)
    assert decode_html(html.encode(codec), declared="utf-8") == html


def test_http_charset_is_used() -> None:
    html = page(RUSSIAN)
    assert decode_html(html.encode("koi8-r"), declared="KOI8-R") == html


def test_http_charset_wins_over_meta() -> None:
    html = page(RUSSIAN, head='<meta charset="koi8-r">')
    assert decode_html(html.encode("cp1251"), declared="windows-1251") == html


@pytest.mark.parametrize("head", [
    '<meta charset="windows-1251">',
    "<meta charset=windows-1251>",
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">',
    "<meta content='text/html;charset=cp1251' http-equiv='content-type'>",
])
def test_meta_charset_forms(head: str) -> None:
    html = page(RUSSIAN, head=head)
    assert decode_html(html.encode("cp1251")) == html


def test_meta_in_a_comment_is_ignored() -> None:
    html = page(RUSSIAN, head='<!-- <meta charset="koi8-r"> --><meta charset="windows-1251">')
    assert decode_html(html.encode("cp1251")) == html


def test_xml_declaration_is_a_last_resort_declaration() -> None:
    html = '<?xml version="1.0" encoding="Shift_JIS"?>' + page(JAPANESE)
    assert decode_html(html.encode("cp932")) == html


@pytest.mark.parametrize(("label", "codec"), [
    ("ISO-8859-1", "cp1252"), ("latin1", "cp1252"), ("US-ASCII", "cp1252"),
    ("x-sjis", "cp932"), ("Shift_JIS", "cp932"), ("gb2312", "gb18030"), ("GBK", "gb18030"),
    ("big5", "big5hkscs"), ("euc-kr", "cp949"), ("tis-620", "cp874"), ("iso-8859-9", "cp1254"),
    (" \"UTF8\" ", "utf-8"), ("unicode-1-1-utf-8", "utf-8"), ("x-mac-cyrillic", "mac-cyrillic"),
    ("utf-7", None), ("base64", None), ("replacement", None), ("nonsense", None), ("", None),
])
def test_labels_map_as_in_browsers(label: str, codec: str | None) -> None:
    assert normalize_charset(label) == codec


def test_latin1_label_decodes_as_windows_1252() -> None:
    # Curly quotes in 0x80-0x9F: ISO-8859-1 would make them control characters.
    html = page("“Quoted” — and… that’s all")
    assert decode_html(html.encode("cp1252"), declared="iso-8859-1") == html


def test_gb2312_label_reads_characters_only_gbk_has() -> None:
    html = page("镕基 and 喆 are outside GB2312 but inside GBK.")
    assert decode_html(html.encode("gb18030"), declared="gb2312") == html


def test_utf7_declaration_is_ignored() -> None:
    html = page("+ADw-script+AD4-alert(1)+ADw-/script+AD4-", head='<meta charset="utf-7">')
    assert decode_html(html.encode("ascii")) == html  # stays literal text, no <script> appears


def test_unknown_declared_charset_falls_back() -> None:
    html = page(FRENCH, head='<meta charset="klingon-8">')
    assert decode_html(html.encode("utf-8"), declared="x-unknown") == html


# --- Undeclared and wrongly declared pages --------------------------------------------------

@pytest.mark.parametrize("lang", [None, "ru"])
def test_undeclared_windows_1251_russian(lang: str | None) -> None:
    html = page(RUSSIAN, lang=lang)
    assert decode_html(html.encode("cp1251")) == html


def test_undeclared_short_russian_headline() -> None:
    html = page("Москва: новые меры поддержки бизнеса")
    assert decode_html(html.encode("cp1251")) == html


def test_undeclared_koi8_russian() -> None:
    html = page(RUSSIAN)
    assert decode_html(html.encode("koi8-r")) == html


@pytest.mark.parametrize("lang", [None, "ja"])
def test_undeclared_shift_jis_japanese(lang: str | None) -> None:
    html = page(JAPANESE, lang=lang)
    assert decode_html(html.encode("shift_jis")) == html


def test_undeclared_euc_jp_japanese() -> None:
    html = page(JAPANESE)
    assert decode_html(html.encode("euc_jp")) == html


def test_undeclared_iso_2022_jp_japanese() -> None:
    html = page(JAPANESE)
    assert decode_html(html.encode("iso2022_jp")) == html


@pytest.mark.parametrize("lang", [None, "fr"])
def test_undeclared_windows_1252_french(lang: str | None) -> None:
    html = page(FRENCH, lang=lang)
    assert decode_html(html.encode("cp1252")) == html


def test_undeclared_windows_1250_czech() -> None:
    html = page(CZECH)
    assert decode_html(html.encode("cp1250")) == html


def test_undeclared_english_with_only_typographic_punctuation() -> None:
    html = page(ENGLISH, lang="en")
    assert decode_html(html.encode("cp1252")) == html


def test_undeclared_utf8_needs_no_guessing() -> None:
    html = page(RUSSIAN + JAPANESE + FRENCH)
    assert decode_html(html.encode("utf-8")) == html


@pytest.mark.parametrize("declared", [None, "utf-8"])
def test_page_that_says_utf8_but_is_windows_1252(declared: str | None) -> None:
    html = page(FRENCH, head='<meta charset="utf-8">', lang="fr")
    assert decode_html(html.encode("cp1252"), declared=declared) == html


def test_page_that_says_utf8_but_is_windows_1251() -> None:
    html = page(RUSSIAN, head='<meta charset="utf-8">')
    assert decode_html(html.encode("cp1251")) == html


def test_page_that_says_latin1_but_is_utf8() -> None:
    html = page(FRENCH + " " + RUSSIAN, head='<meta charset="iso-8859-1">')
    assert decode_html(html.encode("utf-8"), declared="ISO-8859-1") == html


def test_utf8_page_with_one_broken_byte_stays_utf8() -> None:
    body = page(RUSSIAN, head='<meta charset="utf-8">').encode("utf-8")
    broken = body.replace("Эксперты".encode(), b"\xff" + "Эксперты".encode(), 1)
    text = decode_html(broken)
    assert "\ufffdЭксперты" in text
    assert RUSSIAN.replace("Эксперты", "\ufffdЭксперты") in text


@pytest.mark.parametrize("declared", [None, "utf-8", "shift_jis", "windows-1251", "utf-16"])
def test_random_bytes_never_raise(declared: str | None) -> None:
    noise = random.Random(7).randbytes(20_000)
    assert isinstance(decode_html(noise, declared=declared), str)
    assert isinstance(decode_html(b"<p>" + noise[:3], declared=declared), str)


def test_empty_body_decodes_to_empty_text() -> None:
    assert decode_html(b"") == ""
    assert decode_html(b"", declared="utf-8") == ""


def test_big_declared_page_decodes_whole() -> None:
    html = page(RUSSIAN * 20, head='<meta charset="windows-1251">')
    body = html.encode("cp1251") * 2000  # ~3 MB
    text = decode_html(body, declared="windows-1251")
    assert len(text) == len(body)
    assert text.endswith(html)


def test_detection_looks_at_text_not_markup() -> None:
    # A big ASCII head (scripts, styles) followed by the text: the guess must still be right.
    script = "<script>" + "var x = 'abcdefgh';\n" * 5000 + "</script>"
    html = page(RUSSIAN, head=script)
    assert detect_charset(html.encode("cp1251")) == "cp1251"


def test_detection_gives_up_on_pure_ascii() -> None:
    assert detect_charset(b"<p>plain ascii</p>") is None


CORPUS = Path(os.environ.get("CLIPPER_READABILITY_CORPUS",
                             Path(__file__).resolve().parents[3] / "shared/corpus/readability"))
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "corpus-sample"
LEGACY_BY_LANGUAGE = {
    "en": "cp1252", "fr": "cp1252", "de": "cp1252", "es": "cp1252", "it": "cp1252",
    "pt": "cp1252", "nl": "cp1252", "ru": "cp1251", "uk": "cp1251", "ja": "cp932",
    "zh": "gb18030", "zh-tw": "big5hkscs", "ko": "cp949", "pl": "cp1250", "cs": "cp1250",
    "el": "cp1253", "tr": "cp1254", "he": "cp1255", "ar": "cp1256", "th": "cp874",
}


@pytest.mark.corpus
def test_undeclared_legacy_pages_of_the_corpus() -> None:
    """Each corpus page, in the legacy encoding of its language, declarations removed.

    When this was written: 91 of 92 exact (the miss: one kana in a Big5 page), where
    charset-normalizer alone gets 61 and a browser's windows-1252 fallback 88.
    """
    full = len(list(CORPUS.glob("*/source.html"))) >= 100 if CORPUS.is_dir() else False
    if full:
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/source.html"))]
    else:  # the gzipped sample shipped with the tests
        texts = [gzip.decompress(p.read_bytes()).decode("utf-8")
                 for p in sorted(SAMPLE.glob("*/source.html.gz"))]
    results = []
    for html in texts:
        found = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z-]+)", html, re.I)
        lang = found.group(1).lower() if found else "en"
        codec = LEGACY_BY_LANGUAGE.get(lang) or LEGACY_BY_LANGUAGE.get(lang.split("-")[0])
        if codec is None:
            continue
        html = re.sub(r"(?i)<meta[^>]*charset[^>]*>|<\?xml[^>]*>", "", html)
        body = html.encode(codec, errors="xmlcharrefreplace")  # as legacy pages wrote the rest
        if body.isascii():
            continue
        results.append(decode_html(body) == body.decode(codec))
    assert len(results) >= (80 if full else 30)
    assert sum(results) / len(results) >= 0.95


# --- Is it a page? --------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "content_type", "expected"), [
    (b"<!DOCTYPE html><html>", "text/html", None),
    (b"<html><body>x", None, None),
    (b"<p>fragment</p>", "application/octet-stream", None),
    (b"<html><body>x", "text/plain", None),
    (b"\xef\xbb\xbf<!doctype html>", None, None),
    ("<html><body>wide</body></html>".encode("utf-16-le"), None, None),
    (codecs.BOM_UTF16_LE + "<html><body>wide</body></html>".encode("utf-16-le"), None, None),
    (b"Plain words, maybe a mis-named page.", None, None),
    (b"%PDF-1.4\n", "application/pdf", "a PDF document"),
    (b"%PDF-1.4\n", "text/html", "a PDF document"),
    (b"%PDF-1.4\n", None, "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", None, "a PNG image"),
    (b"\xff\xd8\xff\xe1", None, "a JPEG image"),
    (b"GIF87a", None, "a GIF image"),
    (b"RIFF\x10\x00\x00\x00WEBPVP8 ", None, "a WebP image"),
    (b"\x00\x00\x00\x20ftypisom", None, "a video"),
    (b"PK\x03\x04", None, "a ZIP archive (or an Office or EPUB document)"),
    (b"\x1f\x8b\x08\x00", None, "a gzip-compressed file"),
    (b"\x7fELF\x02\x01", None, "a program (ELF executable)"),
    (b"MZ\x90\x00\x03\x00\x00\x00", None, "a binary file"),
    (b"text then \x00\x01\x02 binary", None, "a binary file"),
    (b"anything", "image/svg+xml", "an SVG image"),
    (b"anything", "video/mp4", "a video (MP4)"),
    (b"{}", "application/json", "JSON data"),
    (b"Some notes.", "text/plain", "a plain text file"),
    (b"not a page", "application/octet-stream", "a file of unknown type"),
    (b'<?xml version="1.0"?>\n<rss version="2.0">', "application/xml", "an RSS feed"),
    (b'<?xml version="1.0"?><note/>', "text/xml", "an XML document"),
    (b"# Title\n\nSome *markdown*.", "text/markdown", "a text/markdown file"),
])
def test_describe_non_html(body: bytes, content_type: str | None, expected: str | None) -> None:
    assert describe_non_html(body, content_type) == expected


def test_bmp_and_mp3_signatures_do_not_catch_words() -> None:
    assert describe_non_html(b"BMW drivers say hello") is None
    assert describe_non_html(b"ID3 tags explained") is None
    assert describe_non_html(b"BM" + b"\x00" * 40) == "a BMP image"
    assert describe_non_html(b"ID3\x04\x00\x00\x00\x00") == "an MP3 audio file"


def test_describe_content_type_needs_no_bytes() -> None:
    assert describe_content_type("application/pdf; qs=0.001") == "a PDF document"
    assert describe_content_type("image/png") == "an image (PNG)"
    assert describe_content_type("application/vnd.openxmlformats-officedocument.wordprocessingml"
                                 ".document") == "an Office document"
    assert describe_content_type("text/html; charset=utf-8") is None
    assert describe_content_type("application/octet-stream") is None
    assert describe_content_type(None) is None


def test_looks_like_html() -> None:
    assert looks_like_html(b"\n\n  <!-- saved --><html>")
    assert looks_like_html(b"<div class=a><p>x</p></div>")
    assert not looks_like_html(b"Dear diary, today <b> was bold.")
    assert not looks_like_html(b"")


@pytest.mark.parametrize(("header", "charset"), [
    ("text/html; charset=UTF-8", "UTF-8"),
    ('text/html; charset="windows-1251"', "windows-1251"),
    ("text/html;charset='koi8-r' ; q=1", "koi8-r"),
    ("text/html", None),
    (None, None),
    ("text/html; charset=", None),
])
def test_charset_param(header: str | None, charset: str | None) -> None:
    assert charset_param(header) == charset


def test_media_type() -> None:
    assert media_type(" Text/HTML ; charset=x") == "text/html"
    assert media_type(None) == ""
