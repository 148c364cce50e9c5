"""Large ``data:`` images kept out of the extractor's way, and put back after it.

A page may inline a picture as megabytes of base64 in one ``src``. The extractor
copies an attribute every time it reads it (lxml hands out a new string each time),
so one 50 MB image cost half a gigabyte and a quarter of a minute there, for an
image it only passes through. Before extraction each such address is swapped for a
short stand-in that the extractor treats the same way (it is a ``data:`` address of
the same type, long enough not to look like a lazy-load stub); afterwards the
stand-ins in the article are swapped back. What the image then becomes (a file, or
left out when over the image cap) is decided when the clip is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["LIFT_CHARS", "Lifted", "lift_inline_images"]

LIFT_CHARS = 256 * 1024
"""``data:`` addresses longer than this skip the extractor; shorter ones cost it little."""
_STAND_IN_CHARS = 4096
"""Longer than the 3000 characters under which the extractor takes a ``data:`` image for a
placeholder, so a stand-in is kept exactly where its image would be."""
_TAG = "ClipperInlineImage"
_BIG_DATA_URL = re.compile(r"data:([^,\"'\s<>]{0,200}),[^\"'\s<>]{" + str(LIFT_CHARS) + ",}", re.I)


@dataclass
class Lifted:
    """The addresses taken out of a page, by the stand-in that holds each one's place."""

    urls: dict[str, str] = field(default_factory=dict)

    def restore(self, text: str) -> str:
        """``text`` with every stand-in replaced by its original address."""
        if not self.urls or _TAG not in text:
            return text
        for stand_in, url in self.urls.items():
            if stand_in in text:
                text = text.replace(stand_in, url)
        return text

    def restore_all(self, values: list[str]) -> list[str]:
        return [self.restore(v) for v in values]


def lift_inline_images(html: str) -> tuple[str, Lifted]:
    """``html`` with each ``data:`` address over ``LIFT_CHARS`` swapped for a stand-in."""
    lifted = Lifted()
    if len(html) < LIFT_CHARS:
        return html, lifted

    def stand_in(m: re.Match[str]) -> str:
        head = f"data:{m.group(1)},{_TAG}{len(lifted.urls):06d}"
        token = head + "A" * (_STAND_IN_CHARS - len(head))
        lifted.urls[token] = m.group(0)
        return token

    return _BIG_DATA_URL.sub(stand_in, html), lifted
