"""Articles the first pass used to lose whole: pages written for the purpose."""

from __future__ import annotations

from clipper.extract import extract

SIDEBAR = """
<aside id="sidebar"><h3>Archive</h3><ul>
<li><a href="/2013/05/">May 2013</a></li><li><a href="/2013/04/">April 2013</a></li>
<li><a href="/2013/03/">March 2013</a></li></ul>
<h3>About</h3><p>A small blog about the little things of everyday life, written at night
when the house is quiet and the tea is still warm, since the spring of 2009.</p></aside>
"""

BLOG_TEMPLATE_POST = """<!DOCTYPE html><html lang="en"><head>
<title>Safer downloads | Lab Notes</title></head><body>
<header class="header-outer"><h1><a href="/">Lab Notes</a></h1>
<p>Short updates from the people who build the browser's safety checks.</p></header>
<main><div class="post" itemscope itemtype="http://schema.org/BlogPosting">
<h2 class="title">Safer downloads</h2>
<div class="post-body"><div class="post-content" itemprop="articleBody">
<script type="text/template">
<p>Over the past year the checks learned to look at a download before it is opened.</p>
</script>
<noscript>
<p>Over the past year the checks learned to look at a download before it is opened, and not
only at the address it came from, which changes every few hours for the worst senders.</p>
<p>The new mode sends a short fingerprint of the file, never the file itself, and the answer
comes back before the download ends, so nobody waits longer than they did before.</p>
<p>Turning it on takes one switch in the settings, and turning it off again takes the same
switch: nothing is kept once it is off, and the fingerprints are deleted within a day.</p>
</noscript>
</div></div></div></main>
""" + SIDEBAR + """
<div class="blog-pager"><h3>Older posts</h3>
<p>Phishing pages now rotate their addresses every few hours, and this is how the list keeps up
with them without ever learning which pages a reader visits on a normal day at work.</p>
<p>A year of warnings shown in the browser, counted by kind and by country, with the changes
the team made after reading what people clicked when a warning appeared on the screen.</p>
<p>Why a warning page has two buttons and not one, and what happened when we tried a single
one for a month with a small group of volunteers who agreed to take part in the study.</p>
</div>
<footer><p>Privacy - Terms - Help - Send feedback about this blog to the editors.</p></footer>
</body></html>"""


def test_a_post_body_kept_only_in_its_noscript_fallback_is_the_article() -> None:
    a = extract(BLOG_TEMPLATE_POST, "https://lab.example.org/2020/05/safer-downloads.html")
    assert "short fingerprint of the file" in a.markdown
    assert "deleted within a day" in a.markdown
    assert "Short updates from the people" not in a.markdown


def test_a_small_noscript_notice_beside_content_stays_out() -> None:
    page = BLOG_TEMPLATE_POST.replace(
        '<script type="text/template">',
        "<p>The checks now read downloads too, which the old mode could not do at all, and the"
        " answer comes back before the file is saved on the disk of the reader.</p>"
        '<script type="text/template">').replace(
        "</noscript>", "</noscript><p>Please turn on scripts to see the rest of this"
        " post, which is built in the browser from the template above this line.</p>")
    a = extract(page, "https://lab.example.org/2020/05/safer-downloads.html")
    assert "short fingerprint of the file" not in a.markdown  # the fallback is not alone


SHORT_POST_WITH_COOKIE_BOX = """<!DOCTYPE html><html lang="de"><head>
<title>Nichts tun ist auch eine Möglichkeit | Nachtblog</title></head><body>
<div id="wrapper"><div id="header"><h1><a href="/">Nachtblog</a></h1></div>
<div id="content"><div class="post hentry" id="post-406">
<h2 class="posttitle"><a href="/2013/06/14/nichts-tun/">Nichts tun ist auch eine
Möglichkeit</a></h2>
<p>„Ich weiß, ich bin müde und sollte das nicht sagen…“</p>
<p>– „Dann sag es nicht.“</p>
<p>– „Gut.“</p>
</div></div>""" + SIDEBAR + """</div>
<div class="widget widget_eu_cookie_law_widget"><div class="hide-on-button" id="eu-cookie-law">
<form method="post"><input type="submit" value="Schließen und Akzeptieren" class="accept">
Datenschutz &amp; Cookies: Diese Website verwendet Cookies. Wenn du die Website weiterhin
nutzt, stimmst du der Verwendung von Cookies zu. Weitere Informationen, beispielsweise zur
Kontrolle von Cookies, findest du hier: <a href="/cookies">Cookie-Richtlinie</a></form>
</div></div>
</body></html>"""


def test_a_cookie_notice_is_never_the_article_of_a_short_post() -> None:
    a = extract(SHORT_POST_WITH_COOKIE_BOX, "https://nachtblog.example.com/2013/06/14/nichts-tun/")
    assert "Ich weiß, ich bin müde" in a.markdown
    assert "„Gut.“" in a.markdown
    assert "Cookies" not in a.markdown
    assert any(d.reason == "cookie notice" for d in a.dropped)


def test_a_wrapper_named_for_the_cookie_state_keeps_the_article() -> None:
    """A page wrapper whose class tells the consent state is no notice: it holds the page."""
    page = SHORT_POST_WITH_COOKIE_BOX.replace(
        '<div id="wrapper">', '<div id="wrapper" class="cookie-consent-given">')
    a = extract(page, "https://nachtblog.example.com/2013/06/14/nichts-tun/")
    assert "Ich weiß, ich bin müde" in a.markdown


NEWS_WITH_CREDITS = """<!DOCTYPE html><html lang="de"><head><title>Neue Brücke eröffnet</title>
</head><body><main><article class="story">
<h1>Neue Brücke eröffnet</h1>
<p>Nach drei Jahren Bauzeit ist die neue Brücke über den Fluss am Samstag eröffnet worden,
und schon am ersten Tag fuhren mehr als zweitausend Radfahrer über die breite Fahrbahn.</p>
<figure><img src="/img/bruecke.jpg" alt="Die Brücke am Abend">
<figcaption>Die Brücke am Abend der Eröffnung. <span class="image-credit">Getty Images</span>
</figcaption></figure>
<p>Die Stadt hatte lange um die Finanzierung gestritten, bis das Land im Herbst zusagte, die
Hälfte der Kosten zu tragen, und die Bürgerinnen und Bürger stimmten dem Plan zu.</p>
<figure><img src="/img/fest.jpg" alt="Das Fest">
<figcaption>Hunderte feierten am Ufer mit Musik und Essen. (Quelle: Stadtarchiv/Müller)
</figcaption></figure>
<p>Im nächsten Jahr soll der Radweg bis zum Bahnhof verlängert werden, sagte die
Bürgermeisterin bei der Feier, zu der auch viele Familien aus den Nachbarorten kamen.</p>
<figure><img src="/img/plan.png" alt="Der Plan">
<figcaption>Der Plan für den Radweg - Image: Radweg bis zum Bahnhof und zur Schule</figcaption>
</figure>
<div class="photo-copyright">© Stadtwerke, dpa</div>
</article></main></body></html>"""


def test_photo_credits_leave_the_captions_and_the_article() -> None:
    a = extract(NEWS_WITH_CREDITS, "https://zeitung.example.de/lokales/bruecke")
    md = a.markdown
    assert "Die Brücke am Abend der Eröffnung." in md
    assert "Hunderte feierten am Ufer mit Musik und Essen." in md
    assert "Getty Images" not in md
    assert "Stadtarchiv" not in md
    assert "Stadtwerke, dpa" not in md
    assert "Radweg bis zum Bahnhof" in md
    # a plain "Image: …" in a caption of the body may say what the picture shows: kept
    assert "Image: Radweg bis zum Bahnhof und zur Schule" in md


DRUPAL_ARTICLE = """<!DOCTYPE html><html lang="de"><head><title>Pelz erkennen</title></head>
<body><div class="page"><main><article class="node node--type-news">
<h1>So erkennen Sie echten Pelz im Laden</h1>
<div class="field field--name-field-lead field--label-hidden field__item">Immer mehr Marken
verzichten auf Pelz, doch nicht jedes Etikett sagt die Wahrheit.</div>
<div class="field field--name-field-paragraphs field--label-hidden">
<div class="paragraph paragraph--type--text"><div class="clearfix text-formatted field
 field--name-field-text field--label-hidden field__item">
<p>Lange galt echter Pelz als luxuriös, heute stammt der meiste aus Farmen, auf denen Füchse,
Waschbären oder Hunde unter schlechten Bedingungen gehalten werden, oft jahrelang.</p>
<p>Wer sicher sein will, pustet in das Fell: Echtes Fell hat eine dichte Unterwolle, und die
Haare sind am Grund heller als an der Spitze, was man mit blossem Auge erkennen kann.</p>
<p>Ein Feuerzeug hilft ebenfalls: Echtes Haar riecht verbrannt, Kunstfaser schmilzt zu
kleinen Kugeln, die sich hart anfühlen, sagt eine Beraterin einer Tierschutzorganisation.</p>
<p>Sind die Haarspitzen sichtbar spitz, ist es meist echtes Fell, denn Kunstfasern werden
gerade abgeschnitten und haben daher stumpfe Enden, auch nach vielen Wäschen.</p>
</div></div></div>
<div class="view view-teasers"><h2>Das könnte Sie auch interessieren</h2>
<div class="teaser"><h3><a href="/news/a">Plastik im Schnee der Alpen</a></h3><p>Die
Verbreitung winziger Plastikteilchen durch die Luft ist ein bisher unterschätztes Problem,
sagen die Autoren einer neuen Studie aus der Schweiz, die den Ursprung untersucht haben.</p></div>
<div class="teaser"><h3><a href="/news/b">Füchse in der Stadt</a></h3><p>Rotfüchse leben
immer öfter in Städten, wo sie Futter finden, und Forschende zählen sie nun, um zu verstehen,
wie viele es sind und wie sie mit den Menschen und ihren Haustieren zurechtkommen.</p></div>
<div class="teaser"><h3><a href="/news/d">Igel im Garten</a></h3><p>Igel finden in
aufgeräumten Gärten kaum noch Laub, Reisig oder Verstecke, und so raten Fachleute, im Herbst
eine Ecke wild zu lassen, damit die Tiere dort, geschützt und ruhig, überwintern können.</p></div>
<div class="teaser"><h3><a href="/news/e">Bienen auf dem Dach</a></h3><p>Auf den Dächern
der Stadt stehen immer mehr Bienenstöcke, betreut von Vereinen, Schulen und Firmen, und der
Honig, so sagen die Imker, schmeckt nach Linden, Kastanien und den Blumen der Balkone.</p></div>
<div class="teaser"><h3><a href="/news/c">Wildtiere im Wald</a></h3><p>Auf zwölf Prozent
der Waldfläche fressen Rehe und Hirsche die jungen Bäume, sodass der Wald sich kaum erneuert,
berichten die Förster, die nun mehr Jagd fordern, um den Bestand zu verkleinern.</p></div>
</div></article></main></div></body></html>"""


def test_drupal_fields_with_hidden_labels_are_not_judged_hidden() -> None:
    """Every field of a Drupal article wears ``field--label-hidden`` (its label is hidden,
    not the field): the article is chosen, not the teasers beside it."""
    a = extract(DRUPAL_ARTICLE, "https://tiere.example.ch/news/pelz-erkennen")
    assert "Waschbären oder Hunde unter schlechten" in a.markdown
    assert "Sind die Haarspitzen sichtbar" in a.markdown


LONG_POST_WITH_BOXES = """<!DOCTYPE html><html lang="de"><head><title>Datenbrillen im Büro</title>
</head><body><main><article class="single-blog-article" id="single-blocks">
<h1>Datenbrillen im Büro</h1>
<div class="single-blog-content entry">
<p>Datenbrillen zeigen Informationen direkt im Blickfeld an, und im Büro können sie helfen,
Abläufe zu vereinfachen, etwa beim Suchen von Akten, beim Planen von Räumen oder bei Schulungen.</p>
<p>Die ersten Geräte waren schwer und teuer, heute wiegen sie kaum mehr als eine normale Brille,
und viele Programme laufen direkt auf ihnen, ohne dass ein Rechner daneben stehen muss.</p>
<p>Wer sie einführen will, sollte mit einem kleinen Team beginnen, die Erfahrungen sammeln und
erst dann entscheiden, ob sich die Anschaffung für alle Mitarbeitenden wirklich lohnt.</p>
<p>Datenschutz ist dabei ein wichtiges Thema, denn die Kameras der Brillen nehmen auch Menschen
auf, die davon nichts wissen, und das muss im Betrieb klar und offen geregelt werden.</p>
<div class="tag-list">Filed under <a href="/tag/technik">Technik</a>,
<a href="/tag/buero">Büro</a></div>
<section class="author-bio clr"><h4 class="author-bio-title">Isabella Beispiel</h4>
<div class="author-bio-description"><p>Als Redakteurin betreue ich den Blog rund um die Themen
Sekretariat und Assistenz und schreibe über neue Werkzeuge für den Alltag im Büro. Vorher
war ich zehn Jahre lang Assistentin der Geschäftsführung in einem großen Verlag.</p></div>
</section>
<section class="relatedlinks block"><h2 class="headline">Entdecken Sie jetzt</h2>
<div><h3>Neue Drucker im Test</h3><p>Wir haben zehn Drucker für kleine Büros verglichen, vom
günstigen Tintenstrahler bis zum Laserdrucker mit Scanner und Fax in einem Gerät, und
sagen, welcher sich für welches Büro eignet und was die Patronen im Jahr kosten.</p></div>
</section>
</div>
</article></main></body></html>"""


def test_author_boxes_with_headings_and_tag_lists_leave_the_article() -> None:
    a = extract(LONG_POST_WITH_BOXES, "https://blog.example.de/datenbrillen")
    md = a.markdown
    assert "Datenschutz ist dabei ein wichtiges Thema" in md
    assert "Als Redakteurin betreue ich" not in md
    assert "Filed under" not in md
    assert "Entdecken Sie jetzt" not in md
    assert "Neue Drucker im Test" not in md


STANDFIRST_IN_HEADER = """<!DOCTYPE html><html lang="de"><head>
<title>Jugend fordert Prämie für Gründer | Landblatt</title>
<meta name="description" content="Die Jugendverbände der Landwirtschaft fordern eine Prämie für
Gründer. In einem ersten Gespräch zeigte sich die Ministerin offen für den Vorschlag.">
</head><body>
<header class="site-header"><a href="/">Landblatt</a> <a href="/politik">Politik</a></header>
<main class="l-main">
<header class="m-intro-header"><h1>Jugend fordert Prämie für Gründer</h1>
<p class="a-lead">Die Jugendverbände der Landwirtschaft fordern eine Prämie für Gründer. In einem
ersten Gespräch zeigte sich die Ministerin offen für den Vorschlag.</p></header>
<div class="m-article-body">
<p>Bis zu 70.000 Euro sollen junge Landwirtinnen und Landwirte bei der ersten Niederlassung
bekommen, so der Vorschlag, der aus der zweiten Säule der Agrarförderung bezahlt werden soll.</p>
<p>Die Ministerin besprach mit den Verbänden auch Fragen zur erwartenden Reform der Förderung,
zur Ausbildung und zu den Preisen für Pachtland, die in vielen Regionen stark gestiegen sind.</p>
<p>Ein zweites Treffen ist für den Herbst geplant, dann sollen auch die Banken und die
Landwirtschaftskammer dabei sein, um über Kredite für junge Betriebe zu sprechen.</p>
</div></main>
<footer><p>Impressum · Datenschutz · Kontakt · Mediadaten · Abo · Newsletter</p></footer>
</body></html>"""


def test_the_standfirst_above_the_body_starts_the_clip() -> None:
    a = extract(STANDFIRST_IN_HEADER, "https://landblatt.example.de/politik/praemie")
    md = a.markdown
    assert "In einem ersten Gespräch zeigte sich die Ministerin" in md
    assert md.index("Die Jugendverbände") < md.index("Bis zu 70.000 Euro")
    assert "Impressum" not in md


def test_a_description_found_only_in_a_teaser_link_is_not_added() -> None:
    page = STANDFIRST_IN_HEADER.replace(
        '<p class="a-lead">Die Jugendverbände der Landwirtschaft fordern eine Prämie für Gründer.'
        ' In einem\nersten Gespräch zeigte sich die Ministerin offen für den Vorschlag.</p>', "",
    ).replace("<footer>", '<footer><a href="/x">Die Jugendverbände der Landwirtschaft fordern'
              " eine Prämie für Gründer. In einem ersten Gespräch zeigte sich die Ministerin"
              " offen für den Vorschlag.</a>")
    assert 'class="a-lead"' not in page
    a = extract(page, "https://landblatt.example.de/politik/praemie")
    assert "In einem ersten Gespräch" not in a.markdown


def test_a_standfirst_longer_than_the_description_and_after_a_kicker_comes_whole() -> None:
    page = STANDFIRST_IN_HEADER.replace(
        "Gründer. In einem ersten Gespräch zeigte sich die Ministerin offen für den Vorschlag.\">",
        'Gründer.">',
    ).replace('<p class="a-lead">Die', '<p class="a-lead"><strong>Agrarpolitik:</strong> Die')
    a = extract(page, "https://landblatt.example.de/politik/praemie")
    assert "Agrarpolitik: Die Jugendverbände" in a.markdown
    assert "In einem ersten Gespräch zeigte sich die Ministerin" in a.markdown


def test_a_body_that_starts_with_the_standfirst_s_words_does_not_hide_it() -> None:
    # the body's first sentence repeats the standfirst's first one, then goes its own way
    page = STANDFIRST_IN_HEADER.replace(
        "<p>Bis zu 70.000 Euro", "<p>Die Jugendverbände der Landwirtschaft fordern eine Prämie"
        " für Gründer. Bis zu 70.000 Euro")
    a = extract(page, "https://landblatt.example.de/politik/praemie")
    md = a.markdown
    assert "In einem ersten Gespräch zeigte sich die Ministerin" in md
    assert md.index("In einem ersten Gespräch") < md.index("Bis zu 70.000 Euro")


def test_a_description_cut_from_the_body_s_first_paragraph_is_not_added_twice() -> None:
    page = STANDFIRST_IN_HEADER.replace(
        '<p class="a-lead">Die Jugendverbände der Landwirtschaft fordern eine Prämie für Gründer.'
        ' In einem\nersten Gespräch zeigte sich die Ministerin offen für den Vorschlag.</p>', "",
    ).replace("<p>Bis zu 70.000 Euro", "<p>Die Jugendverbände der Landwirtschaft fordern eine"
              " Prämie für Gründer. In einem ersten Gespräch zeigte sich die Ministerin offen für"
              " den Vorschlag. Bis zu 70.000 Euro")
    assert 'class="a-lead"' not in page
    a = extract(page, "https://landblatt.example.de/politik/praemie")
    assert a.markdown.count("In einem ersten Gespräch") == 1


def test_a_first_paragraph_quoting_differently_from_the_description_is_not_added_twice() -> None:
    # the description quotes with straight marks, the body with curly ones and a dateline
    # in bold before it: the same paragraph all the same
    page = STANDFIRST_IN_HEADER.replace(
        '<p class="a-lead">Die Jugendverbände der Landwirtschaft fordern eine Prämie für Gründer.'
        ' In einem\nersten Gespräch zeigte sich die Ministerin offen für den Vorschlag.</p>', "",
    ).replace("offen für den Vorschlag.", "offen für den &quot;Kieler Vorschlag&quot;.").replace(
        "<p>Bis zu 70.000 Euro", "<p><b>Kiel:</b> Die Jugendverbände der Landwirtschaft fordern"
        " eine Prämie für Gründer. In einem ersten Gespräch zeigte sich die Ministerin offen für"
        " den „Kieler Vorschlag“. Bis zu 70.000 Euro")
    assert "&quot;Kieler Vorschlag&quot;" in page
    assert 'class="a-lead"' not in page
    a = extract(page, "https://landblatt.example.de/politik/praemie")
    assert a.markdown.count("In einem ersten Gespräch") == 1


def test_a_description_running_on_into_the_body_still_brings_the_standfirst() -> None:
    # the description is the standfirst and then the body's first words, cut off
    page = STANDFIRST_IN_HEADER.replace(
        "offen für den Vorschlag.\">", "offen für den Vorschlag. Bis zu 70.000 Euro sollen junge"
        " Landwirtinnen und Landwirte bei der ersten Niederlassung […]\">")
    a = extract(page, "https://landblatt.example.de/politik/praemie")
    md = a.markdown
    assert "In einem ersten Gespräch zeigte sich die Ministerin" in md
    assert md.count("Bis zu 70.000 Euro") == 1


def test_a_standfirst_quoting_with_both_quote_marks_is_found() -> None:
    # the probe is passed to XPath as a variable, so no quote mark in it can end it
    lead = "Der \"Bauern's Tag\" fordert eine Prämie für Gründer auf neuen Höfen im Land"
    page = STANDFIRST_IN_HEADER.replace(
        '<meta name="description" content="Die Jugendverbände der Landwirtschaft fordern',
        f'<meta name="description" content="{lead.replace(chr(34), "&quot;")}',
    ).replace('<p class="a-lead">Die Jugendverbände der Landwirtschaft fordern',
              f'<p class="a-lead">{lead}')
    a = extract(page, "https://landblatt.example.de/politik/praemie")
    md = a.markdown
    assert "Bauern's Tag" in md
    assert md.index("Bauern's Tag") < md.index("Bis zu 70.000 Euro")
