"""Audit of issue 10 item 6 on a page saved from the browser as "HTML only": the file keeps
the site's own relative paths and Chrome's ``<!-- saved from url=… -->`` comment. A path
climbing out of the saved file's folder (``../../images/a.jpg``) was written for the site;
it was dropped, leaving the figure's caption alone in the clip."""

from __future__ import annotations

from clipper.extract import extract

WEB = "https://www.journal.example/culture/article/2024/03/12/trains-de-nuit.html"
LOCAL = "file:///home/ana/Downloads/trains-de-nuit.html"
TEXT = ("<p>Après des années de fermetures, les trains de nuit reviennent sur les rails "
        "européens. La ligne Paris-Berlin a rouvert en décembre, et deux autres liaisons sont "
        "prévues pour l’an prochain.</p><p>Les voyageurs y trouvent une alternative à l’avion"
        " : on s’endort dans une ville et on se réveille dans une autre, sans passer par "
        "l’aéroport.</p><p>Mais le modèle économique reste fragile : les voitures-lits coûtent "
        "cher à entretenir, et les péages pèsent lourd sur le prix du billet.</p>")


def _page(src: str, saved_from: bool = True) -> str:
    comment = f"<!-- saved from url=({len(WEB):04d}){WEB} -->\n" if saved_from else ""
    return (f"<!DOCTYPE html>\n{comment}<html lang='fr'><head><title>Le retour des trains de "
            "nuit - Le Journal</title></head><body><header><a href='/'>Le Journal</a><nav>"
            "<a href='/culture/'>Culture</a><a href='/sport/'>Sport</a></nav></header><main>"
            "<article><h1>Le retour des trains de nuit</h1><figure><img src='" + src + "' "
            "alt='Un train de nuit à Paris-Austerlitz'><figcaption>Un train de nuit en gare de "
            f"Paris-Austerlitz.</figcaption></figure>{TEXT}</article></main><footer>© Le "
            "Journal 2024</footer></body></html>")


def test_a_path_out_of_the_folder_is_the_sites_image() -> None:
    article = extract(_page("../../../images/train-nuit.jpg"), LOCAL)
    src = "https://www.journal.example/culture/article/images/train-nuit.jpg"
    assert f"![Un train de nuit à Paris-Austerlitz]({src})" in article.markdown
    assert src in article.images


def test_without_a_web_address_it_stays_out() -> None:
    """No address to resolve it against: never a ``file://`` path to the reader's disk."""
    md = extract(_page("../../../images/train-nuit.jpg", saved_from=False), LOCAL).markdown
    assert "train-nuit.jpg" not in md
    assert "file:" not in md


def test_a_file_url_out_of_the_folder_stays_out() -> None:
    md = extract(_page("file:///home/ana/Pictures/train-nuit.jpg"), LOCAL).markdown
    assert "train-nuit.jpg" not in md
