"""Pages that show only the start of an article: a teaser before a paywall or a sign-in.

Two signs: the page's structured data says the article is not free to read (schema.org
``isAccessibleForFree: false``, in JSON-LD or microdata) and the clip is not long; or the
clip holds little text and a prompt to subscribe, register or sign in to read on follows
it closely on the page ("Subscribe to continue reading", "Jetzt Abo abschließen und alle
Artikel lesen", "Bereits Abonnent? Anmelden"). A newsletter box or a channel's
"Abonnieren" button is not such a prompt. The clip is kept as it is; the window says it may
be cut short.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from clipper.extract.metadata.jsonld import ld_json_scripts

__all__ = ["NOT_FREE", "PROMPT_AFTER", "is_not_free", "prompt_follows", "teaser_reason"]

_NOT_FREE = re.compile(r'"isAccessibleForFree"\s*:\s*(?:false|"false"|"False"|"no")')
_NOT_FREE_MICRODATA = "//*[@itemprop='isAccessibleForFree']"
_PROMPT = re.compile(
    r"(?:^|\W)(?:subscri(?:be|ption|bers?)|abos?|abonn\w*|registrier\w*|anmelden|"
    r"log\s?in|sign\s?in|sign\s?up|create\s+(?:a\s+)?(?:free\s+)?account|"
    r"s'abonner|abonnez|abonné\w*|suscr[ií]b\w*|suscripci[oó]n)(?:\W|$)", re.IGNORECASE)
_READ_ON = re.compile(
    r"weiter\s?zu\s?lesen|weiter\s?lesen|lesen sie|artikel\s+lesen|alle artikel|"
    r"continue reading|keep reading|read (?:the )?(?:full|rest|whole|on)|to read|unlock|"
    r"full access|unlimited access|lire la suite|continuer à lire|seguir leyendo|"
    r"continuar leyendo|leer (?:más|el artículo)", re.IGNORECASE)
_WALL = re.compile(
    r"already (?:a )?subscri|already have an account|subscribers? only|for subscribers|"
    r"(?:bereits|schon) (?:abonnent|registriert)|(?:nur )?für abonnenten|plus-artikel|"
    r"déjà abonné|réservé aux abonnés|ya eres suscriptor|exclusivo para suscriptores",
    re.IGNORECASE)
_NOT_PROMPT = re.compile(r"newsletter", re.IGNORECASE)

TEASER_TEXT = 1500
"""A clip with fewer characters than this, a prompt after it: maybe a teaser."""
NOT_FREE_TEXT = 3000
"""A clip this long holds the article, whatever the page's data says (a page saved by a
subscriber carries the same marks as the teaser)."""
NEAR = 6
"""Pieces of text after the clip's end looked at for a prompt."""
PROMPT_LENGTH = 300
"""A longer piece of text is prose, not a prompt."""

NOT_FREE = "the page says the article is not free to read"
PROMPT_AFTER = "little text, then a prompt to subscribe or sign in"


def is_not_free(doc: HtmlElement) -> bool:
    """The page's structured data marks the article as not free to read (``doc``: the
    parsed page, its scripts still in it)."""
    for script in ld_json_scripts(doc):
        if _NOT_FREE.search(script.text or ""):
            return True
    for el in doc.xpath(_NOT_FREE_MICRODATA):
        value = (el.get("content") or el.text_content() or "").strip().lower()
        if value in ("false", "no"):
            return True
    return False


def is_prompt(text: str) -> bool:
    """A short piece asking the reader to subscribe, register or sign in to read on (a
    channel's "Abonnieren" button or a newsletter box is not one)."""
    if len(text) > PROMPT_LENGTH or _NOT_PROMPT.search(text):
        return False
    return bool(_WALL.search(text)) or bool(_PROMPT.search(text) and _READ_ON.search(text))


def prompt_follows(page: HtmlElement, last_line: int, clip_text: str) -> bool:
    """A prompt among the first pieces of the page's text from the clip's last source line
    on (``page``: the cleaned page, with source lines), or in the clip's own end."""
    tail = clip_text[-PROMPT_LENGTH:]
    if any(is_prompt(line.strip()) for line in tail.splitlines() if line.strip()):
        return True
    seen = 0
    for el in page.iter():
        if not isinstance(el.tag, str) or el.sourceline is None or el.sourceline < last_line:
            continue
        text = " ".join((el.text or "").split())
        if not text or text in clip_text:
            continue  # the clip's own words
        if is_prompt(text):
            return True
        seen += 1
        if seen >= NEAR:
            return False
    return False


def teaser_reason(not_free: bool, clip_length: int, prompt: bool) -> str:
    """Why the clip may be only the start of the article, "" when nothing says so."""
    if not_free and clip_length < NOT_FREE_TEXT:
        return NOT_FREE
    if prompt and clip_length < TEASER_TEXT:
        return PROMPT_AFTER
    return ""
