"""Publication dates in the shapes pages write them, reduced to YYYY-MM-DD."""

from __future__ import annotations

from datetime import date

import pytest

from clipper.extract.metadata.dates import date_from_url, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-07-16", "2021-07-16"),
        ("2021-07-16T19:30:00+05:30", "2021-07-16"),  # the day as written, not UTC
        ("2021-07-16T23:59:00-08:00", "2021-07-16"),
        ("2017-11-03 03:01:00.000000", "2017-11-03"),
        ("2021-7-6", "2021-07-06"),
        ("2021/07/16", "2021-07-16"),
        ("2021.07.16", "2021-07-16"),
        ("20210716", "2021-07-16"),
        ("20150417T120000", "2015-04-17"),
        ("Fri, 16 Jul 2021 14:03:00 GMT", "2021-07-16"),
        ("Fri, 16 Jul 2021 23:03:00 -0700", "2021-07-16"),
        ("July 16, 2021", "2021-07-16"),
        ("Jul. 16th 2021, 3:45 PM", "2021-07-16"),
        ("JULY 29, 2016", "2016-07-29"),
        ("16 July 2021", "2021-07-16"),
        ("Friday 16 July 2021", "2021-07-16"),
        ("16. Juli 2021", "2021-07-16"),
        ("16 de julio de 2021", "2021-07-16"),
        ("30 avril 2015 à 07:19", "2015-04-30"),
        ("1er mai 2021", "2021-05-01"),
        ("29/05/2007", "2007-05-29"),  # day first: 29 cannot be a month
        ("05/29/2007 09:49:00", "2007-05-29"),  # month first: 29 cannot be a month
        ("1626444180", "2021-07-16"),  # Unix seconds
        ("1626444180000", "2021-07-16"),  # Unix milliseconds
    ],
)
def test_formats(text: str, expected: str) -> None:
    assert parse_date(text) == expected


def test_ambiguous_numeric_dates_need_a_hint() -> None:
    assert parse_date("03/04/2021") is None
    assert parse_date("03/04/2021", month_first=True) == "2021-03-04"
    assert parse_date("03/04/2021", month_first=False) == "2021-04-03"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "yesterday", "2021-13-01", "2021-02-30", "1850-01-01", "Version 2.0.1",
     "12:45", "Copyright", "call 555-1234", None],
)
def test_not_a_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_far_future_is_refused() -> None:
    assert parse_date(f"{date.today().year + 5}-01-01") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2021/07/16/some-story/", "2021-07-16"),
        ("https://example.com/news/2021/7/6/story.html", "2021-07-06"),
        ("https://example.com/2021-07-16-story", "2021-07-16"),
        ("https://example.com/blog/2021/07/", None),  # a month archive, not a day
        ("https://example.com/products/1234/5678/90", None),
        ("https://example.com/2021/13/45/x", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: str | None) -> None:
    assert date_from_url(url) == expected
