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
from typing import Literal

from clipper.images.refs import ImageRef, find_image_refs, rewrite_images

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
    """Stand-in -> the original address, for images within the image size cap."""
    too_large: dict[str, str] = field(default_factory=dict)
    """Stand-in -> a short name of an image over the cap: left out, never copied."""
    max_bytes: int = 0

    @property
    def notes(self) -> list[str]:
        """One line for each image left out."""
        limit = f"{self.max_bytes / (1024 * 1024):.3g} MB"
        return [
            f"image {name} left out: larger than the {limit} image size limit"
            for name in self.too_large.values()
        ]

    def restore(self, text: str) -> str:
        """``text`` with each stand-in replaced by its address (an image left out: by
        nothing)."""
        if _TAG not in text:
            return text
        for stand_in, url in self.urls.items():
            if stand_in in text:
                text = text.replace(stand_in, url)
        for stand_in in self.too_large:
            if stand_in in text:
                text = text.replace(stand_in, "")
        return text

    def restore_markdown(self, markdown: str) -> str:
        """The article's Markdown with its images back; one left out keeps its alt text."""
        if _TAG not in markdown:
            return markdown
        refs = [ref for ref in find_image_refs(markdown) if _TAG in ref.url]

        def decide(ref: ImageRef) -> str | Literal[False] | None:
            if ref.url in self.too_large:
                return None
            return self.urls.get(ref.url, False)

        return self.restore(rewrite_images(markdown, refs, decide))

    def restore_all(self, values: list[str]) -> list[str]:
        return [v for v in (self.restore(v) for v in values) if v]


def lift_inline_images(html: str) -> tuple[str, Lifted]:
    """``html`` with each ``data:`` address over ``LIFT_CHARS`` swapped for a stand-in.

    One over the image size cap (``download.MAX_IMAGE_BYTES``) is not even copied: it
    will be left out of the clip, and ``Lifted.notes`` says so.
    """
    from clipper.images import download

    lifted = Lifted(max_bytes=download.MAX_IMAGE_BYTES)
    if len(html) < LIFT_CHARS:
        return html, lifted

    def stand_in(m: re.Match[str]) -> str:
        head = f"data:{m.group(1)},{_TAG}{len(lifted.urls) + len(lifted.too_large):06d}"
        token = head + "A" * (_STAND_IN_CHARS - len(head))
        chars = m.end() - m.start(1) - len(m.group(1)) - 1
        size = chars * 3 // 4 if m.group(1).lower().endswith(";base64") else chars // 3
        if size > lifted.max_bytes:
            kind = m.group(1).partition(";")[0] or "text/plain"
            lifted.too_large[token] = f"data:{kind},… ({(m.end() - m.start()) // 1024} KB)"
        else:
            lifted.urls[token] = m.group(0)
        return token

    return _BIG_DATA_URL.sub(stand_in, html), lifted
