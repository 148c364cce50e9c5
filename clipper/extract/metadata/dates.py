"""Publication dates in the many shapes pages write them, reduced to ``YYYY-MM-DD``.

Standard library only: dateparser/htmldate cost more per page than the whole
extraction budget. The calendar day is kept as the page wrote it (no conversion
to UTC), because that is the day a reader of the page saw as its date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_tz

# Month names people write in dates (English first; a few other languages whose
# news sites are common). Keys are lower-case, without a trailing dot.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv januar jänner enero ene janeiro gennaio gen januari",
        "february feb février fevrier févr fevr februar febrero febr fevereiro fev febbraio"
        " februari",
        "march mar mars märz maerz marzo março marco maart",
        "april apr avril avr abril abr aprile",
        "may mai mayo maio maggio mag mei",
        "june jun juin juni junio junho giugno",
        "july jul juillet juil juli julio julho luglio lug",
        "august aug août aout agosto ago augustus",
        "september sep sept septembre septiembre setembro set settembre",
        "october oct octobre oktober okt octubre outubro out ottobre ott",
        "november nov novembre noviembre novembro",
        "december dec décembre decembre déc dezember dez diciembre dic dezembro dicembre"
        " desember",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

MONTH_PATTERN = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))

# 2021-07-16, 2021-07-16T19:30:00+05:30, 2021/07/16, 2021.07.16, 2021-7-6
_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
# 20210716 (compact ISO), alone or followed by a time
_COMPACT = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)(?:$|[T\s_]?\d{4,6})")
# July 16, 2021 / Jul. 16th 2021 / July 16 2021
_MDY_NAME = re.compile(
    rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I
)
# 16 July 2021 / 16. Juli 2021 / 16 de julio de 2021 / 1er mai 2021
_DMY_NAME = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|º|°)?\.?\s+(?:de\s+)?({MONTH_PATTERN})\.?,?\s+(?:de\s+)?"
    r"((?:19|20)\d\d)\b",
    re.I,
)
# 16/07/2021, 07/16/2021, 16.07.2021 (day/month order decided when unambiguous)
_NUMERIC_DMY = re.compile(r"(?<![\d/.])(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d\d)(?![\d/.])")
# /2021/07/16/ or /2021-07-16- in a URL path
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|\.html?|$)")

_EARLIEST_YEAR = 1990


def _valid(year: int, month: int, day: int, latest: date | None = None) -> str | None:
    if year < _EARLIEST_YEAR:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    limit = latest or date.today()
    if found.year > limit.year + 1:
        return None
    return found.isoformat()


def parse_date(text: str | None, *, month_first: bool | None = None) -> str | None:
    """The calendar day written in *text*, or None if it names no plausible day.

    *month_first* settles numeric dates like ``03/04/2021`` (True for US pages);
    when None such ambiguous dates are refused rather than guessed.
    """
    if not text:
        return None
    value = text.strip()
    if not value or len(value) > 300:
        return None
    match = _YMD.search(value)
    if match:
        return _valid(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    match = _COMPACT.match(value)
    if match:
        return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if value.isdigit() and len(value) in (10, 13):  # Unix time in seconds or milliseconds
        return _from_timestamp(int(value) // (1000 if len(value) == 13 else 1))
    match = _MDY_NAME.search(value)
    if match:
        return _valid(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    match = _DMY_NAME.search(value)
    if match:
        return _valid(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    rfc = parsedate_tz(value) if "," in value or value[:1].isalpha() else None
    if rfc is not None and rfc[0] and rfc[1]:
        return _valid(rfc[0], rfc[1], rfc[2])
    match = _NUMERIC_DMY.search(value)
    if match:
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if first > 12 >= second:
            return _valid(year, second, first)
        if second > 12 >= first:
            return _valid(year, first, second)
        if month_first is None or first == second:
            return _valid(year, first, second) if first == second else None
        return _valid(year, first, second) if month_first else _valid(year, second, first)
    return None


def _from_timestamp(seconds: int) -> str | None:
    try:
        return _valid(*datetime.fromtimestamp(seconds, tz=timezone.utc).timetuple()[:3])
    except (OverflowError, OSError, ValueError):
        return None


def date_from_url(url: str | None) -> str | None:
    """The day in a dated URL path (``/2021/07/16/slug``), a common blog and news pattern."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
