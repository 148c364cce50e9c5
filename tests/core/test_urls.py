"""URL normalisation: the same article under the addresses people share it with."""

from __future__ import annotations

import pytest

from clipper.urls import is_tracking_param, normalize_url, same_article_url, strip_tracking

BASE = "https://example.com/news/story"


@pytest.mark.parametrize("variant", [
    "https://example.com/news/story",
    "HTTPS://EXAMPLE.COM/news/story",
    "http://example.com/news/story",
    "https://www.example.com/news/story",
    "https://example.com:443/news/story",
    "http://example.com:80/news/story",
    "https://example.com/news/story/",
    "https://example.com/news/story#comments",
    "https://example.com/news/story?utm_source=twitter&utm_medium=social",
    "https://example.com/news/story?fbclid=IwAR0abc",
    "https://example.com/news/story?gclid=x&mc_cid=1&mc_eid=2&igshid=3&ref_src=twsrc",
    "https://user:secret@example.com/news/story",
    "https://example.com/news/./story",
    "https://example.com/news/x/../story",
    "  https://example.com/news/story  ",
    "https://example.com/news/%73tory",
])
def test_variants_of_one_article_share_a_key(variant: str) -> None:
    assert normalize_url(variant) == normalize_url(BASE)
    assert same_article_url(variant, BASE)


@pytest.mark.parametrize("other", [
    "https://example.com/news/story2",
    "https://example.org/news/story",
    "https://example.com/news/story?id=2",
    "https://example.com:8443/news/story",
    "https://example.com/News/Story",  # paths are case-sensitive
    "https://example.com/news%2Fstory",  # an encoded slash is not a slash
])
def test_different_articles_keep_different_keys(other: str) -> None:
    assert normalize_url(other) != normalize_url(BASE)


def test_query_parameters_are_sorted_and_kept() -> None:
    a = normalize_url("https://example.com/a?b=2&a=1&utm_campaign=x")
    b = normalize_url("https://example.com/a?a=1&b=2")
    assert a == b == "https://example.com/a?a=1&b=2"


def test_hashbang_routes_select_the_page() -> None:
    assert normalize_url("https://x.com/#!/a") != normalize_url("https://x.com/#!/b")


def test_blank_and_non_web_urls() -> None:
    assert normalize_url(None) is None
    assert normalize_url("   ") is None
    assert normalize_url("file:///tmp/a.html") == "file:///tmp/a.html"
    assert normalize_url("not a url") == "not a url"


def test_unicode_hosts_compare_equal_to_their_punycode() -> None:
    assert normalize_url("https://bücher.de/x") == normalize_url("https://xn--bcher-kva.de/x")


def test_tracking_parameter_names() -> None:
    for name in ("utm_source", "UTM_Medium", "fbclid", "gclid", "mc_cid", "mc_eid", "igshid",
                 "ref_src", "_hsenc", "msclkid"):
        assert is_tracking_param(name), name
    for name in ("id", "page", "q", "v", "p"):
        assert not is_tracking_param(name), name


def test_strip_tracking_keeps_everything_else_as_given() -> None:
    assert strip_tracking("https://Ex.com/A?id=3&utm_source=x#top") == "https://Ex.com/A?id=3#top"
    assert strip_tracking("https://ex.com/a?b=1") == "https://ex.com/a?b=1"
    assert strip_tracking("https://ex.com/a?fbclid=1") == "https://ex.com/a"
