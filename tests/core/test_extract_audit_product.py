"""Audit of issue 10 item 1 on a product page written the way a Shopify theme builds it: the
product is JSON-LD only (no microdata), and the reviews come from a widget (Judge.me) that
marks no ``itemprop=review``. The page is a product page all the same; its reviews stay out
of the clip and its price comes from the data's offer."""

from __future__ import annotations

import json

from clipper.extract import extract

URL = "https://tallernorte.example/products/mochila-lona"
DATA = {"@context": "http://schema.org/", "@type": "Product",
        "name": "Mochila de lona encerada 20 L", "sku": "MN-20",
        "description": "Mochila de lona de algodón encerada, cosida a mano en Oviedo.",
        "offers": [{"@type": "Offer", "price": "129.00", "priceCurrency": "EUR"}]}
HEAD = ('<!doctype html><html class="no-js" lang="es"><head><meta charset="utf-8"><title>Mochila '
        'de lona encerada 20 L &ndash; Taller Norte</title><meta property="og:site_name" content='
        '"Taller Norte"><meta property="og:type" content="product">\n')
BODY = ('</head>\n<body class="template-product"><a class="skip-to-content-link" href="#MainConten'
        't">Ir directamente al contenido</a><div class="announcement-bar"><p>Envío gratis a parti'
        'r de 60 €</p></div>\n<header class="header"><a href="/" class="header__heading-link"><spa'
        'n class="h2">Taller Norte</span></a><nav class="header__inline-menu"><ul class="list-men'
        'u"><li><a href="/collections/all">Tienda</a></li><li><a href="/pages/nosotros">Nosotros<'
        '/a></li></ul></nav><a href="/cart" class="header__icon--cart">Carrito</a></header>\n<main'
        ' id="MainContent" class="content-for-layout" role="main"><section class="shopify-section'
        ' section"><div class="product product--large grid">\n<div class="product__media-wrapper">'
        '<ul class="product__media-list"><li class="product__media-item"><div class="product__med'
        'ia media"><img src="//cdn.shopify.example/files/mochila.jpg?v=1&amp;width=1946" srcset="'
        '//cdn.shopify.example/files/mochila.jpg?v=1&amp;width=493 493w, //cdn.shopify.example/fi'
        'les/mochila.jpg?v=1&amp;width=1946 1946w" alt="Mochila de lona encerada color oliva" wid'
        'th="1946" height="1946"></div></li></ul></div>\n<div class="product__info-wrapper"><div i'
        'd="ProductInfo-template" class="product__info-container"><p class="product__text caption'
        '-with-letter-spacing">Taller Norte</p><div class="product__title"><h1>Mochila de lona en'
        'cerada 20 L</h1></div>\n<div class="price price--large"><div class="price__container"><di'
        'v class="price__regular"><span class="visually-hidden visually-hidden--inline">Precio ha'
        'bitual</span><span class="price-item price-item--regular">€129,00 EUR</span></div></div>'
        '</div><div class="product__tax caption rte">Impuestos incluidos. Los <a href="/policies/'
        'shipping-policy">gastos de envío</a> se calculan en la pantalla de pago.</div>\n<variant-'
        'radios class="no-js-hidden"><fieldset class="product-form__input"><legend class="form__l'
        'abel">Color</legend><input type="radio" id="c1" name="Color" value="Oliva" checked><labe'
        'l for="c1">Oliva</label><input type="radio" id="c2" name="Color" value="Negro"><label fo'
        'r="c2">Negro</label></fieldset></variant-radios>\n<div class="product-form__buttons"><but'
        'ton type="submit" name="add" class="product-form__submit button">Añadir al carrito</butt'
        'on></div>\n<div class="product__description rte quick-add-hidden"><p>Mochila de lona de a'
        'lgodón encerada, cosida a mano en nuestro taller de Oviedo. La cera hace que la lona res'
        'ista la lluvia y que con los años tome una pátina propia.</p><p>Tiene un bolsillo interi'
        'or acolchado para un portátil de 14 pulgadas y dos bolsillos laterales para una botella '
        'y un paraguas.</p><ul><li>Capacidad: 20 litros</li><li>Peso: 900 g</li><li>Medidas: 45 ×'
        ' 30 × 14 cm</li><li>Correas de cuero curtido vegetal</li></ul></div>\n<div class="share-b'
        'utton"><details><summary class="share-button__button">Compartir</summary><div class="sha'
        're-button__fallback"><input type="text" class="field__input" value="https://tallernorte.'
        'example/products/mochila-lona" readonly><button class="share-button__copy">Copiar enlace'
        '</button></div></details></div>\n</div></div></div></section>\n<section class="shopify-sec'
        'tion"><div class="product-recommendations"><h2>También te puede interesar</h2><ul><li><a'
        ' href="/products/bolsa">Bolsa de mano</a> €59,00</li><li><a href="/products/cartera">Car'
        'tera</a> €39,00</li></ul></div></section>\n<section class="shopify-section"><div id="judg'
        'eme_product_reviews" class="jdgm-widget jdgm-review-widget"><h2 class="jdgm-rev-widg__ti'
        'tle">Opiniones de clientes</h2><div class="jdgm-rev"><span class="jdgm-rev__author">Lucí'
        'a</span><div class="jdgm-rev__body"><p>Muy bonita y resistente, la uso todos los días en'
        ' bici.</p></div></div></div></section></main>\n<footer class="footer"><ul><li><a href="/p'
        'olicies/refund-policy">Política de reembolso</a></li></ul><small>© 2024, Taller Norte Te'
        'cnología de Shopify</small></footer></body></html>\n')


def _page(data: dict) -> str:
    return HEAD + f'<script type="application/ld+json">{json.dumps(data)}</script>' + BODY


def test_a_json_ld_product_keeps_its_description_not_its_reviews() -> None:
    md = extract(_page(DATA), URL).markdown
    assert "cosida a mano en nuestro taller de Oviedo" in md
    assert "- Peso: 900 g" in md
    assert "€129,00 EUR" in md
    assert "Opiniones de clientes" not in md
    assert "la uso todos los días" not in md

