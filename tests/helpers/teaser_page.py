"""A German news teaser before an "Abo" box, for the core's teaser test and the window's
notice."""

from __future__ import annotations

TEASER_DE = """<!doctype html>
<html lang="de"><head><title>Neue Brücke über die Elbe: Stadtrat stimmt zu</title></head>
<body>
<header><nav><a href="/">Startseite</a> <a href="/lokales">Lokales</a></nav></header>
<main>
<article>
<h1>Neue Brücke über die Elbe: Stadtrat stimmt zu</h1>
<p class="intro">Nach jahrelangem Streit hat der Stadtrat am Donnerstagabend den Bau einer
neuen Brücke über die Elbe beschlossen. Die Kosten liegen bei 48 Millionen Euro.</p>
<p>Die Entscheidung fiel mit knapper Mehrheit. Vor allem die Anwohner im Norden der Stadt
hatten sich seit Jahren für die Verbindung eingesetzt.</p>
</article>
<div class="paywall">
<p>Sie möchten weiterlesen?</p>
<p>Jetzt Abo abschließen und alle Artikel lesen.</p>
<a href="/abo">Zum Abo</a> <a href="/login">Anmelden</a>
</div>
</main>
<footer><p>Impressum · Datenschutz</p></footer>
</body></html>
"""
