"""Find the article in a web page and return it as Markdown with its metadata.

Our own extractor on lxml. It keeps the article's own subtree, chosen the way
Readability.js chooses it (paragraph scores spread over containers), so headings,
lists, tables, quotes, code and images survive; then it prunes that subtree with
precise boilerplate rules like trafilatura's, so share bars, related links and
newsletter boxes go even inside the article element. A thin result is retried with
looser rules and the longest attempt wins. Steps live in small modules:
``parse`` -> ``clean`` -> ``select`` (with ``score``) -> ``prune`` -> ``postprocess``.
"""

from __future__ import annotations

import copy

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from clipper import fidelity
from clipper.errors import NoArticleError
from clipper.extract import droplog
from clipper.extract import rules as site_rules
from clipper.extract.address import PageAddress
from clipper.extract.attempts import kept_attempt
from clipper.extract.buttons import drop_jump_buttons
from clipper.extract.clean import FIELDS_ATTR, remove_junk, replace_brs
from clipper.extract.context import ExtractionContext
from clipper.extract.credits import drop_credits
from clipper.extract.crosslinks import drop_cross_links
from clipper.extract.datelines import drop_date_lines
from clipper.extract.edges import trim_edges
from clipper.extract.excerpts import drop_cut_excerpts
from clipper.extract.guard import Verdict, has_rival, needs_second_look, second_look
from clipper.extract.hidden import hidden_signs, reveal_hidden
from clipper.extract.kinds import declares_discussion, is_thread
from clipper.extract.lead import add_lead
from clipper.extract.leadimage import (
    find_leads,
    has_media,
    lead_before,
    lead_figure,
    lead_urls,
)
from clipper.extract.linksections import drop_link_sections
from clipper.extract.marked import marked_body
from clipper.extract.metadata import Metadata, extract_metadata
from clipper.extract.named import article_named_by
from clipper.extract.normalize import document_base, normalize_document
from clipper.extract.noscript import unwrap_content_noscripts
from clipper.extract.parse import parse_html
from clipper.extract.postprocess import (
    drop_empty,
    drop_title_heading,
    first_paragraph,
    image_urls,
    kept_lines,
)
from clipper.extract.product import find_product, keep_product, unmark
from clipper.extract.prune import prepare_article
from clipper.extract.recipe import complete_recipe, find_recipe
from clipper.extract.score import Flags
from clipper.extract.select import choose_top, gather_siblings, walk_page
from clipper.extract.short import MIN_ARTICLE_CHARS
from clipper.extract.standfirst import add_standfirst
from clipper.extract.streaming import mark_fallback_ends, reveal_streamed
from clipper.extract.tablethreads import read_table_thread
from clipper.extract.teaser import TEASER_TEXT, is_not_free, prompt_follows, teaser_reason
from clipper.extract.text import has_words_outside_links, inner_text, text_length
from clipper.extract.threads import read_thread
from clipper.extract.wiki import clean_wiki, is_mediawiki
from clipper.markdown import element_to_markdown
from clipper.models import Article, DroppedBlock, PageRules

__all__ = ["extract"]

COPY_LIMIT = 4_000_000
"""Pages longer than this (characters or bytes) are re-parsed for a retry, not copied."""


def _prepared(doc: HtmlElement, url: str | None,
              local: str | None = None) -> tuple[HtmlElement, str | None]:
    """Clean the whole parsed page: (body, base URL). ``local``: a saved page's file."""
    base = document_base(doc, url)
    normalize_document(doc, url, local)  # the page's own address: it finds <base> itself
    signs = hidden_signs(doc)  # one walk for both steps
    reveal_hidden(doc, signs)  # after the footnotes are marked; what is the reader's is not dropped
    remove_junk(doc, signs)
    body = doc.find("body")
    if body is None:
        body = doc
    replace_brs(body)
    return body, base


def _select(body: HtmlElement, flags: Flags, meta: Metadata, url: str | None,
            context: ExtractionContext) -> HtmlElement:
    leads = find_leads(body, context.lead_urls)  # before the walk drops their blocks
    context.start_attempt()
    log = droplog.current()
    if log is not None:
        log.begin_attempt()
    walk = walk_page(body, flags, meta.title, context)
    forced = site_rules.marked_article(body) if log is not None and log.protect else None
    scores: dict[HtmlElement, float]
    if forced is not None:  # a site rule names the article
        top, scores, named = forced, {}, forced
    else:
        named = article_named_by(body, (context.page_url, meta.url))
        top, scores = choose_top(body, walk.to_score, flags, url, named)
        if named is None:
            # the body the page marks as its story, around a promotion the scores ended in:
            # the page named its article, so the second look does not replace it
            marked = marked_body(top, scores, url)
            context.named = context.named or marked is not top
            top = marked
    context.named = context.named or named is not None
    kept = site_rules.kept_outside(body, top) if log is not None and log.protect else []
    lead = lead_before(top, leads, url, context.headline_parent)
    chain = _outside_chain(top, body)
    article = gather_siblings(top, scores, url, alone=top is named)
    _note_outside(chain, body)
    context.rival = has_rival(article, top, scores)
    prepare_article(article, flags, url)
    site_rules.add_kept(article, kept)
    if lead is not None and not has_media(article):
        article.insert(0, lead_figure(lead))
        if log is not None:
            log.forget_pictures(lead)
    return article


def _outside_chain(top: HtmlElement, body: HtmlElement) -> list[HtmlElement]:
    """The containers from ``top``'s parent up to the body: their other children are
    outside the article."""
    chain = []
    parent = top.getparent()
    while parent is not None:
        chain.append(parent)
        if parent is body:
            break
        parent = parent.getparent()
    return chain


_OUTSIDE_TAGS = {"nav": "navigation", "header": "page header", "footer": "page footer",
                 "aside": "sidebar"}


def _note_outside(chain: list[HtmlElement], body: HtmlElement) -> None:
    """Record the blocks the chosen article leaves on the page (after its siblings were
    gathered: what is still beside it was not taken)."""
    if droplog.current() is None or not chain:
        return
    on_path = set(chain)
    for container in chain:
        for child in container:
            if not isinstance(child.tag, str) or child in on_path:
                continue
            reason = _OUTSIDE_TAGS.get(child.tag)
            if reason is None:
                names = f"{child.get('class') or ''} {child.get('id') or ''}".strip()
                reason = droplog.name_reason(names) if names else ""
                if not reason or reason == "named like page furniture":
                    reason = "outside the article"
            droplog.note(child, reason)


def _leading_heading(article: HtmlElement) -> str | None:
    """A fragment with no title anywhere (HTML pasted from a browser) is named by the heading
    it starts with, of any level: "<h2>Harbour works</h2><p>…" is not "Untitled"."""
    for el in article.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("h1", "h2", "h3", "h4"):
            text = " ".join(el.text_content().split())
            return text or None
        if (el.text or "").strip():
            return None  # text comes first: no heading names it
    return None


def extract(html: str | bytes, url: str | None = None, *, rules: PageRules | None = None,
            explain: bool = False) -> Article:
    """The article in ``html`` (page text or bytes) read from ``url``.

    A page read from disk (a ``file:`` ``url``) stands for the web address it was saved
    from (``address``): its links resolve against that, and it is the clip's source.
    ``Article.notes`` says what a reader of the Markdown misses (``clipper.fidelity``);
    ``Article.dropped`` lists the blocks left out and why, each with a CSS selector checked
    against the page when ``explain`` (which parses the page once more).
    ``rules``: the site rules for this page (``clipper.library.site_rules``).
    """
    with fidelity.collecting() as collected, droplog.collecting() as log:
        article = _extract(html, url, rules)
    article.notes = fidelity.finish(collected, html, article.markdown, article.kept_lines)
    if explain:
        from clipper.extract.selectors import locate

        article.dropped = locate(html, log.blocks())
    else:
        article.dropped = [DroppedBlock(e.text, e.reason, None, e.line, e.end)
                           for e in log.blocks()]
    return article


def _parse(html: str | bytes) -> HtmlElement:
    # bytes are decoded there (BOM, meta charset, detection)
    doc = parse_html(mark_fallback_ends(html))
    unwrap_content_noscripts(doc)  # a page served as its <noscript> fallback
    reveal_streamed(doc)  # a React-streamed part, hidden until a script moves it in place
    return doc


def _extract(html: str | bytes, url: str | None, rules: PageRules | None = None) -> Article:
    doc = _parse(html)
    address = PageAddress.of(html, url)
    meta = extract_metadata(doc, address.web)  # first: it reads JSON-LD scripts and <head>
    applied = site_rules.apply_rules(doc, rules) if rules else []
    if address.local and not address.web and meta.url:
        address = PageAddress(meta.url, address.local)  # its canonical or og:url
    url = address.web
    # read before normalizing keeps one URL per image: any srcset variant may be the one
    leads = lead_urls(doc, meta.image, document_base(doc, url))
    thread = is_thread(doc, url)  # before the scripts with its JSON-LD go
    declared = declares_discussion(doc)
    recipe = find_recipe(doc)
    product = find_product(doc)  # marks its description, before the cleaning
    wiki = is_mediawiki(doc)
    not_free = _marked_not_free(html) and is_not_free(doc)
    body, base = _prepared(doc, url, address.local)
    flags = Flags()
    context = ExtractionContext(base_url=base, page_url=url, lead_urls=leads)
    attempts: list[tuple[int, int, HtmlElement]] = []
    # Retries start from a copy of the cleaned page, which costs 1/20 of a re-parse; a
    # huge page (which almost never needs a retry) is parsed again instead of doubling
    # its memory up front.
    pristine = copy.deepcopy(body) if len(html) < COPY_LIMIT else None
    while True:
        article = _select(body, flags, meta, base, context)
        length = text_length(article)
        enough = length >= MIN_ARTICLE_CHARS
        attempts.append((length, -len(attempts), article))
        if enough or not flags.relax():
            length, index, article = kept_attempt(attempts, enough, pristine)
            _chosen_attempt(-index)
            break
        body = copy.deepcopy(pristine) if pristine is not None else \
            _reprepared(html, url, address.local, rules)
    verdict = Verdict(article)
    # a thread always gets the second look: its posts wear the names of comments; a page
    # the site's rules shaped gets none (the person chose)
    if pristine is not None and not applied and \
            needs_second_look(length, pristine, len(attempts) > 1 or not enough or thread):
        verdict = _second_look(article, pristine, meta.lang, base, swap=not context.named,
                               thread=thread)
        if verdict.article is not article:
            article = verdict.article
            length = text_length(article)
    if context.rival and verdict.article is article:
        verdict.flag_rival()
    posts = (read_thread(pristine, article, declared, thread, base)
             or read_table_thread(pristine, article, declared)) \
        if pristine is not None and not applied else None  # (or laid out as a table)
    if posts is not None:  # every post in order, each led by its author and date
        article, length = posts.article, text_length(posts.article)
    if product is not None:
        article = keep_product(article, pristine, product)
        unmark(article)
        length = text_length(article)
    if length == 0 or not has_words_outside_links(article):
        raise NoArticleError(
            "No article text found on this page",
            "It may be built by scripts, or hold only links and images.",
        )

    if pristine is not None and not applied and (product is None or product.data_only) and \
            not add_standfirst(article, pristine, meta.excerpt):
        add_lead(article, pristine, meta.title, meta.lang)
    if applied:
        site_rules.unmark(article)
    if recipe is not None:
        complete_recipe(article, recipe)
    if wiki:
        clean_wiki(article)
    drop_credits(article)
    drop_date_lines(article, thread=posts is not None)
    drop_jump_buttons(article, url)
    drop_cross_links(article, url, thread=posts is not None)
    _drop_pointers(article, url, skip=posts is not None or bool(applied))
    # a thread's last reply may be one word; a page the site's rules shaped is as chosen
    trim_edges(article, meta.lang, skip=posts is not None or bool(applied), page_url=url)
    title = meta.title or _leading_heading(article)
    drop_title_heading(article, title)
    drop_empty(article)
    etree.strip_attributes(article, FIELDS_ATTR)
    article_html = lxml_html.tostring(article, encoding="unicode")
    excerpt = meta.excerpt or first_paragraph(article)
    lines = kept_lines(article)
    teaser = _teaser(not_free, article, pristine, lines, length)
    markdown = element_to_markdown(article, base, url)  # consumes the element
    if not markdown.strip():
        raise NoArticleError("No article text found on this page")
    return Article(
        markdown=markdown,
        title=title,
        byline=(posts and posts.byline) or meta.byline or context.byline,
        published=meta.published,
        site_name=meta.site_name,
        excerpt=excerpt,
        lang=meta.lang,
        url=meta.url or url,
        html=article_html,
        images=image_urls(markdown, address.local or base),
        kept_lines=lines,
        site_rules=applied,
        confidence=verdict.confidence,
        confidence_reason=verdict.reason,
        teaser_reason=teaser,
    )


def _drop_pointers(article: HtmlElement, url: str | None, *, skip: bool) -> None:
    """Related boxes and teaser cards: links to other stories of the site. Not in
    a thread (its replies' links are replies) nor on a page the site's rules shaped."""
    if not skip:
        drop_link_sections(article, url)
        drop_cut_excerpts(article, url)


def _marked_not_free(html: str | bytes) -> bool:
    """Cheap first test: the page's source names the mark at all."""
    if isinstance(html, bytes):
        return b"isAccessibleForFree" in html
    return "isAccessibleForFree" in html


def _teaser(not_free: bool, article: HtmlElement, page: HtmlElement | None,
            lines: list[tuple[int, int]], length: int) -> str:
    """Why the clip may be only a teaser (``teaser.teaser_reason``); the prompt after it
    is looked for only in a short clip (``length`` characters) of a page with its cleaned
    copy."""
    if not_free:
        return teaser_reason(True, length, False)
    if length >= TEASER_TEXT or page is None or not lines:
        return ""
    text = inner_text(article)
    last = max(end for _start, end in lines)
    return teaser_reason(False, len(text), prompt_follows(page, last, text))


def _second_look(article: HtmlElement, pristine: HtmlElement, lang: str | None,
                 base: str | None, *, swap: bool, thread: bool) -> Verdict:
    """The guard's whole-page pass, its drops recorded as an attempt of their own: they are
    the ones listed when its article replaces the first one."""
    log = droplog.current()
    first = log.entries if log is not None else None
    if log is not None:
        log.begin_attempt()
    verdict = second_look(article, pristine, lang, base, swap=swap, thread=thread)
    if log is not None and first is not None and verdict.article is article:
        log.entries = first
    return verdict


def _chosen_attempt(index: int) -> None:
    log = droplog.current()
    if log is not None:
        log.choose(index)


def _reprepared(html: str | bytes, url: str | None, local: str | None,
                rules: PageRules | None) -> HtmlElement:
    """A huge page parsed and cleaned again for a retry (its drops are already recorded)."""
    with droplog.muted():
        doc = _parse(html)
        if rules:
            site_rules.apply_rules(doc, rules)
        return _prepared(doc, url, local)[0]
