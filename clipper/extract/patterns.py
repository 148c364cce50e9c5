"""Word lists and patterns the extraction steps share, kept in one place to tune them together.

The scoring patterns are Readability.js's (Apache-2.0, Mozilla), which decades of
reader modes have tuned; the boilerplate patterns are ours, in the spirit of
trafilatura's: they name page chrome precisely enough to remove it even inside the
article element, where Readability's looser patterns would also hit content.
"""

from __future__ import annotations

import re


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Readability.js scoring ------------------------------------------------------------------

# Readability's class patterns are alternations of plain substrings; Python tests them much
# faster as a loop of ``in`` over the lower-cased class string than as re.I regexes
# (bench/extraction/README.md).
UNLIKELY_CANDIDATES = (
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
)
MAYBE_CANDIDATE = ("and", "article", "body", "column", "content", "main", "mathjax", "shadow")
POSITIVE = (
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
    "post", "text", "blog", "story",
)
NEGATIVE = (
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
)
BYLINE = ("byline", "author", "dateline", "writtenby", "p-author")
SHARE_ELEMENTS = re.compile(r"(\b|_)(share|sharedaddy)(\b|_)")
"""Matched against the lower-cased class and id."""


def has_any(lowered: str, words: tuple[str, ...]) -> bool:
    """Whether any of the words occurs in the (lower-cased) class/id string."""
    for word in words:  # noqa: SIM110 - a plain loop is twice as fast as any() on a genexpr
        if word in lowered:
            return True
    return False


def is_negative(lowered: str) -> bool:
    """Readability's negative class test, ``hid`` as a whole class name included."""
    return has_any(lowered, NEGATIVE) or f" {lowered} ".find(" hid ") >= 0


COMMAS = re.compile("[\u002c\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c]")
VIDEOS = re.compile(
    r"//(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq|bilibili"
    r"|live\.bilibili)\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)",
    re.I,
)
AD_WORDS = re.compile(
    r"^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$", re.I
)
LOADING_WORDS = re.compile(
    r"^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$", re.I
)
SENTENCE_END = re.compile(r"\.( |$)")

UNLIKELY_ROLES = frozenset(
    ("menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog")
)

# --- Tag classes -----------------------------------------------------------------------------

TAGS_TO_SCORE = frozenset(("section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"))
DIV_TO_P_ELEMS = frozenset(("blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"))
ALTER_TO_DIV_EXCEPTIONS = frozenset(("div", "article", "section", "p", "ol", "ul"))
PHRASING_ELEMS = _names(
    """abbr audio b bdo br button cite code data datalist dfn em embed i img input kbd label
    mark math meter noscript object output progress q ruby samp script select small span strong
    sub sup textarea time var wbr font u s strike tt big nobr acronym bdi picture"""
)
"""Readability's list plus the old inline tags it forgets (font, u, s, tt...)."""
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

# Never article content, whatever the scores say.
JUNK_TAGS = _names(
    """script style noscript template link meta head title base canvas select option optgroup
    datalist textarea input button dialog map area param source track"""
)

# --- Boilerplate inside the article (ours) -----------------------------------------------------

# Matched against the parts of each class/id token split on non-letters ("post-share" ->
# "post", "share"), never substrings, so "shareholder" or "commentary" do not match.
# Chrome whatever it holds: comment threads, sign-up and consent boxes, ads.
BOILERPLATE_STRONG = _names(
    """comment comments commentlist commentform respond disqus newsletter newsletters subscribe
    subscription signup cookie cookies consent gdpr advert advertisement advertising adslot
    adunit adsense dfp doubleclick taboola outbrain sponsored popup modal"""
)
# Chrome when it is link lists or a small box: share bars, related links, tag lists, paging.
BOILERPLATE_WEAK = _names(
    """share shares sharebar sharetools sharer sharedaddy social socials socialbar sociallinks
    addthis addtoany shariff related relatedposts relatedarticles recommended recommendations
    breadcrumb breadcrumbs crumbs pagination pager paginator prevnext promo promos promotion
    sponsor tagcloud tagged tags taglist toolbar recirc ad ads rating ratings starrating
    stars vote votes disclaimer notice categories"""
)
# Several-word names, found in the class/id parts joined ("recirc-most-popular" ->
# "recircmostpopular"), that are chrome as a whole.
BOILERPLATE_JOINED = re.compile(
    r"author(?:bio|box|info|card|profile|details)|abouttheauthor|aboutauthor"
    r"|more(?:stories|articles|news|from|on)|read(?:more|next|also)|alsoread"
    r"|youmay(?:also)?like|mostpopular|mostread|mostviewed|editorspicks|nextarticle|nextpost"
    r"|prevpost|previouspost|postnav|articlenav|navlinks|relatedcontent|relatedlinks"
    r"|relatedstories|relatedtopics|relatedarticles|relatedposts|entrytags|posttags"
    r"|articletags|tags?list|taglinks|printlink|emailthis|skiplink|socialshare|sharebuttons"
    r"|shareicons|sharelinks|followus|adcontainer|adwrapper|adslot|adbox|adsbygoogle"
    r"|advertorial|inlinead|adplaceholder"
    r"|(?:entry|post|article|story)(?:meta|footer|info|utility|tools|actions)|postmetadata"
)
# Author boxes, found in the joined class/id parts as BOILERPLATE_JOINED: a bio and a photo
# under the article, chrome whatever they hold (a heading "About the author" included).
AUTHOR_BOX = re.compile(
    r"author(?:bio|box|info|card|profile|details|description)|abouttheauthor|aboutauthor")
# A post's meta line or footer, found as AUTHOR_BOX: its date, categories, permalink and
# comment state (and often the author's box), chrome whatever its length when it holds no
# heading or picture (a header named so holds the headline).
ENTRY_META = re.compile(r"postmetadata|(?:entry|post|article|story)(?:meta|footer|utility)")
_NAME_PARTS = re.compile(r"[^a-z]+")


def is_entry_meta(el_class: str | None, el_id: str | None) -> bool:
    """Whether a class or id token names a post's meta line ("entry-meta", "postmetadata")."""
    for value in (el_class, el_id):
        for token in (value or "").lower().split():
            if ENTRY_META.search(_NAME_PARTS.sub("", token)):
                return True
    return False

# Short names that are chrome only as a whole class part.
BOILERPLATE_WHOLE = _names("bio biobox topics seealso trending crumbs meta metadata byline")

# Whole texts of small blocks that are page furniture, not article: ad labels, caption
# toggles, "continue reading" prompts, share and follow calls.
CHROME_TEXT = re.compile(
    r"^(?:advertisements?|advertising|anzeige|publicidad|publicité|sponsored(?: content)?"
    r"|paid (?:content|post)|story continues below(?: advertisement)?|skip (?:advertisement|ad)"
    r"|continue reading(?: below| the main story)?|scroll (?:down )?to continue(?: with content)?"
    r"|(?:hide|show|toggle) caption|enlarge this image|(?:click|tap) to (?:enlarge|expand)"
    r"|share (?:this|this article|this story|on \w+|via \w+)|share|tweet|email|print"
    r"|follow us(?: on \w+)?|loading\W*"
    r"|(?:subscribe|sign in|log in|register|sign up)(?: now)? to (?:continue|keep) reading.*"
    r"|already (?:a subscriber|have an account|registered)\?.*"
    r"|(?:this|the rest of this) (?:article|story|content) is (?:only )?(?:for|available to)"
    r" (?:subscribers|members).*)\W*$",
    re.I,
)
# Words of toolbars: a small block made only of these is buttons, not text ("Share Tweet
# Email", "Weiterempfehlen Drucken", "Load more").
_ACTION = (
    r"(?:share|tweet|email|e-mail|print|copy link|load more|show more"
    r"|teilen|drucken|weiterempfehlen|merken|kommentieren"
    r"|mehr laden|lade weitere inhalte|partager|imprimer|compartir|imprimir)"
)
_NETWORK = (
    r"(?:facebook|twitter|x|whatsapp|pinterest|linkedin|reddit|flipboard|messenger|telegram"
    r"|xing|threads|bluesky|mastodon|instagram|youtube|tiktok)"
)
# Action words, possibly with network names ("Share Facebook Twitter"), or two or more
# network names in a row: one name alone is a photo credit or a word in a sentence.
ACTION_WORDS = re.compile(
    rf"^(?:(?:{_NETWORK}(?:\W+|$))*{_ACTION}(?:\W+|$)(?:(?:{_ACTION}|{_NETWORK})(?:\W+|$))*"
    rf"|(?:{_NETWORK}(?:\W+|$)){{2,}})$",
    re.I,
)
# Calls to comment and the state of the comment form, which stay when the form goes.
COMMENT_PROMPT = re.compile(
    r"^(?:\d+\s+)?(?:leave a (?:comment|reply)|write a comment|post a comment|add a comment"
    r"|join the (?:discussion|conversation)|comments? (?:are )?closed|no comments(?: yet)?"
    r"|(?:\d+ )?comments?|kommentar(?:e)? (?:schreiben|verfassen|hinzufügen|geschlossen)"
    r"|(?:\d+ )?kommentare?|schreibe einen kommentar|hinterlasse einen kommentar"
    r"|laisser un commentaire|(?:\d+ )?commentaires?|deja un comentario)\W*$",
    re.I,
)
# Labels of taxonomy lines under a post ("Tags: a, b", "Filed under: X", "Kategorie: Y").
TAXONOMY_LABEL = re.compile(
    r"^(?:tags?|tagged(?: with| as)?|categor(?:y|ies)|filed (?:under|in)|posted in|topics?"
    r"|schlagw(?:ö|o)rter?|stichw(?:ö|o)rter?|kategorien?|themen?|getaggt mit|abgelegt unter"
    r"|étiquettes?|catégories?|mots-clés|etiquetas|categorías?)\s*:",
    re.I,
)
# Headings of boxes that point elsewhere: the box is a link list, not part of the text.
RELATED_HEADING = re.compile(
    r"^(?:related(?: posts| articles| stories| links| content| reading| topics)?"
    r"|(?:you )?(?:may|might) also (?:like|enjoy|be interested in)|see also|further reading"
    r"|more (?:on this(?: topic| story)?|from [\w .]+|stories|articles|news"
    r"|(?:[\w&-]+ ){1,2}stories)"
    r"|read (?:more|next|also)"
    r"|recommended(?: for you| articles| stories)?|popular (?:posts|articles|stories)"
    r"|most (?:read|popular|viewed|shared)|trending(?: now)?|don't miss|top stories"
    r"|ähnliche (?:beiträge|artikel)|verwandte (?:beiträge|artikel|themen)|mehr zum thema"
    r"|weiterführende?r? links?|das könnte (?:sie|dich) auch interessieren|auch interessant"
    r"|meistgelesen|lesen sie auch|empfehlungen|articles similaires|à lire aussi|sur le même sujet"
    r"|lire aussi|artículos relacionados|te puede interesar|leer más"
    r"|notícias relacionadas|leia também|articoli correlati|leggi anche|gerelateerde artikelen"
    r"|lees ook|czytaj (?:też|także)|zobacz (?:też|także)|читайте также|похожие (?:статьи|новости)"
    r"|по теме|ilgili haberler|baca juga|berita terkait|関連記事|相关(?:文章|阅读|新闻)"
    r"|相關(?:文章|閱讀|新聞)|관련 ?기사|مقالات ذات صلة|أخبار ذات صلة|เรื่องที่เกี่ยวข้อง)\W*$",
    re.I,
)

# Page and slide navigation: "<< < 1 2 3 … 14 > >>", "« Older | Newer »".
_PAGER_TOKENS = re.compile(r"\d+|[^\W\d_]+|[<>«»‹›←→…|/·]+|\S")
_PAGER_WORDS = _names(
    """next prev previous first last older newer page of weiter zurück vor nächste vorherige
    seite von suivant précédent sur siguiente anterior de"""
)


_PAGER_MARK = re.compile(r"[0-9<>]")
"""A number or an arrow in ASCII: an ASCII text without one is no pager, whatever its words
(outside ASCII "²" is a digit too, and « an arrow: such a text is read token by token)."""


def is_pager(text: str) -> bool:
    """Only page numbers, arrows and paging words, with at least one number or arrow."""
    if text.isascii() and _PAGER_MARK.search(text) is None:
        return False  # most texts: no tokens to split and look up
    tokens = _PAGER_TOKENS.findall(text.lower())
    if not tokens or len(tokens) > 40:
        return False
    marks = 0
    for token in tokens:
        if token.isdigit():
            if len(token) > 4:
                return False
            marks += 1
        elif token[0] in "<>«»‹›←→…|/·":
            marks += token[0] in "<>«»‹›←→"
        elif token not in _PAGER_WORDS:
            return False
    arrows_only = all(not t.isdigit() and t[0] in "<>«»‹›←→" for t in tokens)
    return bool(marks) and (len(tokens) >= 2 or arrows_only)


# Openings of one-line teasers that point to other articles ("Read more: <link>").
TEASER_START = re.compile(
    r"^(?:read more|read also|also read|read next|more|related|see also|recommended|watch"
    r"|listen|more on this(?: story)?|more from \w+|trending|most read|don't miss|also see"
    r"|[←«‹<]?\s*(?:previous|prev|next|older|newer)(?: (?:post|article|story|entry))?(?!-\w))"
    # not a compound's first word ("Next-generation sequencing", "Older-adult care")
    r"\s*[:»›>|–—-]", re.I,
)

# Whole texts of the link that ends a teaser ("… Seht selbst! Weiterlesen").
READ_MORE_LINK = re.compile(
    r"^(?:read (?:more|on|the (?:full|whole|rest of the) (?:story|article|post))|continue reading"
    r"|(?:mehr|weiter) ?lesen|weiterlesen|zum (?:ganzen )?artikel|lire la suite|(?:en )?lire plus"
    r"|leer más|seguir leyendo|leggi (?:tutto|di più)|continua a leggere|lees meer|verder lezen)"
    r"\W*$",
    re.I,
)

# Addresses of share buttons: a link to one posts this page elsewhere, it is not content.
# A mail link with no address, only a subject or body ("mailto:?subject=…"), mails the page.
SHARE_URL = re.compile(
    r"^(?:mailto:\?|(?:https?:)?//(?:[\w-]+\.)*(?:pinterest\.\w+(?:\.\w+)?/pin/create|facebook\.com/sharer"
    r"|facebook\.com/share\.php|facebook\.com/dialog/(?:share|feed)|(?:twitter|x)\.com/intent/"
    r"|twitter\.com/share|linkedin\.com/(?:share|cws/share|sharearticle)|reddit\.com/submit"
    r"|api\.whatsapp\.com/send|wa\.me/\?|tumblr\.com/(?:share|widgets/share)"
    r"|getpocket\.com/(?:save|edit)|news\.ycombinator\.com/submitlink|xing\.com/spi/shares"
    r"|xing\.com/app/user\?op=share|vk\.com/share\.php|t\.me/share|telegram\.me/share"
    r"|bsky\.app/intent/compose|flipboard\.com/bookmarklet|mix\.com/add"
    r"|(?:www\.)?addtoany\.com/(?:share|add_to)|(?:[\w-]+\.)?addthis\.com/bookmark))",
    re.I,
)
