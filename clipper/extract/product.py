"""A product page keeps the product: its description and price, not its reviews.

Shops mark the product up for search engines (schema.org ``Product`` microdata: ``name``,
``description``, ``offers``/``price``, ``review``); the reviews are often the longest
prose on the page and win the first pass's scores. When the page marks a product, its
reviews leave the clip, and a clip that lacks the marked description is replaced by the
description and the price; the key facts in the tabs beside the description's follow it
(``keyfacts``).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from clipper.extract.keyfacts import add_key_facts
from clipper.extract.metadata.jsonld import ld_json_scripts, typed_nodes
from clipper.extract.text import inner_text
from clipper.htmltree import ElementsXPath

__all__ = ["Product", "find_product", "keep_product", "unmark"]

MARK = "data-clipper-product"
"""Set on the description element before cleaning, to find it in the cleaned copy."""
_PRODUCT = ElementsXPath("//@itemscope/parent::*[contains(@itemtype, 'schema.org/Product')"
                         " or contains(@itemtype, 'schema.org/IndividualProduct')]")
"""Asked of every page: compiled once (a compiling costs as much as a run)."""
_MIN_DESCRIPTION = 100
"""A shorter description (a slogan) does not stand for the product."""
_PROBE = 60
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_REVIEWS = re.compile(r"(?:^|[\s_-])reviews?(?:$|[\s_-])", re.I)
"""A block a review widget names (``jdgm-review-widget``, ``spr-reviews``,
``woocommerce-Reviews``, ``product-reviews``): not "preview"."""
_REVIEW_BLOCKS = ("div", "section", "aside", "ul", "ol")
_LEAD = 80
"""A paragraph this long is text, not a one-line review ("Lovely mug!")."""


@dataclass
class Product:
    price: str | None = None
    description: str = ""
    data_only: bool = False
    """Named by JSON-LD alone: nothing in the page's markup is the product's own, so the
    clip is shaped as any page's (its standfirst and lead come along)."""


def _price(product: HtmlElement) -> str | None:
    price = next(iter(product.xpath(".//*[@itemprop='price']")), None)
    if price is None:
        return None
    value = (price.get("content") or inner_text(price)).strip()
    if not value:
        return None
    currency = next(iter(product.xpath(".//*[@itemprop='priceCurrency']")), None)
    unit = (currency.get("content") or inner_text(currency)).strip() if currency is not None else ""
    if unit and unit not in value:
        value = f"{value} {unit}"
    return value


def _offer_price(node: dict[str, Any]) -> str | None:
    offers = node.get("offers")
    for offer in offers if isinstance(offers, list) else [offers]:
        if isinstance(offer, dict):
            price = offer.get("price") or offer.get("lowPrice")
            if isinstance(price, (str, int, float)) and str(price).strip():
                unit = offer.get("priceCurrency")
                return f"{price} {unit}" if isinstance(unit, str) and unit else str(price)
    return None


def find_product(doc: HtmlElement) -> Product | None:
    """The product the page marks up, its description element marked (``doc``: the
    parsed page, before cleaning). Shops that write the product only as JSON-LD (Shopify's
    themes) are product pages too: their price comes from the data."""
    product = next(iter(_PRODUCT(doc)), None)
    if product is None:
        texts = [s.text for s in ld_json_scripts(doc) if s.text]
        nodes = typed_nodes(texts, "Product") if texts else []
        offered = [node for node in nodes if node.get("offers")]
        # a Product with no offer is a review's subject (a tech site's review article), no shop
        return Product(price=_offer_price(offered[0]), data_only=True) if offered else None
    found = Product(price=_price(product))
    for description in product.xpath(".//*[@itemprop='description']"):
        text = inner_text(description)
        if description.tag != "meta" and len(text) >= _MIN_DESCRIPTION:
            description.set(MARK, "description")
            found.description = text
            break
    return found


def keep_product(article: HtmlElement, page: HtmlElement | None,
                 product: Product) -> HtmlElement:
    """The clip of a product page: without reviews; the description if it lacks it.

    ``page``: the cleaned page before selection, where the description is marked.
    """
    holders = set()
    for review in article.xpath(".//*[@itemprop='review' or @itemprop='reviews']"):
        parent = review.getparent()
        if parent is not None:
            review.drop_tree()
            holders.add(parent)
    for holder in holders:  # the reviews' section, left with its heading only
        rest = "".join(inner_text(el) for el in holder if el.tag not in _HEADINGS)
        if holder is not article and holder.getparent() is not None and not rest.strip():
            holder.drop_tree()
    _drop_review_widgets(article)
    if not product.description or page is None:
        return article
    description = next(iter(page.xpath(f".//*[@{MARK}]")), None)
    probe = " ".join(product.description.split())[:_PROBE]
    if probe in inner_text(article):
        return add_key_facts(article, description)
    if description is None:
        return article
    kept = article.makeelement("div", {})
    if product.price:
        line = kept.makeelement("p", {})
        line.text = product.price
        kept.append(line)
    copied = copy.deepcopy(description)
    copied.tail = None
    kept.append(copied)
    return add_key_facts(kept, description)


def _drop_review_widgets(article: HtmlElement) -> None:
    """Review widgets mark no ``itemprop=review`` (Judge.me, Yotpo, Shopify's and
    WooCommerce's own) but name themselves: such a block goes, unless it holds the
    product's description or name, or the clip's first paragraph (a description block named
    ``editorial-review``, a review article's ``review-body``: widgets come after the text)."""
    lead = next((p for p in article.iter("p") if len(inner_text(p)) >= _LEAD), None)
    for el in list(article.iter(*_REVIEW_BLOCKS)):
        if el is article or el.getparent() is None:
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _REVIEWS.search(names):
            continue
        if el.xpath(f"descendant-or-self::*[@{MARK}] | .//h1"):
            continue
        if lead is not None and (lead is el or el in lead.iterancestors()):
            continue
        el.drop_tree()


def unmark(article: HtmlElement) -> None:
    for el in article.xpath(f".//*[@{MARK}]"):
        del el.attrib[MARK]
