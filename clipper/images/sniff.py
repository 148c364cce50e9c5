"""What a downloaded file really is: image type by magic numbers, pixel size, safe SVG.

Servers label images wrongly and error pages come back as ``200 text/html``, so
the bytes decide: an "image" that is really HTML stays remote, a 1×1 file is a
tracking pixel, and an SVG is kept only after its scripts, event handlers and
external references are removed (an SVG opened directly in a browser runs them).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from lxml import etree

from clipper.htmltree import text_of


@dataclass(frozen=True)
class ImageInfo:
    kind: str
    """``png``, ``jpeg``, ``gif``, ``webp``, ``avif``, ``svg``, ``bmp`` or ``ico``."""
    width: int | None = None
    height: int | None = None

    @property
    def extension(self) -> str:
        return ".jpg" if self.kind == "jpeg" else f".{self.kind}"

    @property
    def is_tracking_pixel(self) -> bool:
        return (self.width is not None and self.height is not None
                and self.width <= 1 and self.height <= 1)


_SVG_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?"
    rb"(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[[^\]]*\]\s*)?>\s*)*<svg[\s>]",
    re.S | re.I)


def sniff(data: bytes) -> ImageInfo | None:
    """The image type and (where the header says) pixel size; None if not an image."""
    head = data[:32]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        w, h = _unpack(">II", data, 16)
        return ImageInfo("png", w, h)
    if head.startswith(b"\xff\xd8\xff"):
        return ImageInfo("jpeg", *_jpeg_size(data))
    if head[:6] in (b"GIF87a", b"GIF89a"):
        w, h = _unpack("<HH", data, 6)
        return ImageInfo("gif", w, h)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ImageInfo("webp", *_webp_size(data))
    if head[4:8] == b"ftyp" and _is_avif(data):
        return ImageInfo("avif")
    if head[:2] == b"BM" and len(data) >= 26:
        return _bmp(data)
    if head[:4] == b"\x00\x00\x01\x00" and len(data) >= 22:
        count = struct.unpack("<H", data[4:6])[0]
        if 0 < count <= 256:
            return ImageInfo("ico", data[6] or 256, data[7] or 256)
    if _SVG_START.match(data[:4096]):
        return ImageInfo("svg")
    return None


def _unpack(fmt: str, data: bytes, offset: int) -> tuple[int | None, int | None]:
    try:
        w, h = struct.unpack_from(fmt, data, offset)
    except struct.error:
        return None, None
    return int(w), int(h)


def _jpeg_size(data: bytes) -> tuple[int | None, int | None]:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            pos += 1
            continue
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[pos + 5:pos + 9])
            return w, h
        pos += 2 + length
    return None, None


def _webp_size(data: bytes) -> tuple[int | None, int | None]:
    chunk = data[12:16]
    try:
        if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
            w, h = struct.unpack("<HH", data[26:30])
            return w & 0x3FFF, h & 0x3FFF
        if chunk == b"VP8L" and data[20] == 0x2F:
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if chunk == b"VP8X":
            w = int.from_bytes(data[24:27], "little") + 1
            h = int.from_bytes(data[27:30], "little") + 1
            return w, h
    except (IndexError, struct.error):
        pass
    return None, None


def _is_avif(data: bytes) -> bool:
    size = int.from_bytes(data[:4], "big")
    box = data[8:max(16, min(size, 256))]
    brands = {box[i:i + 4] for i in range(0, len(box) - 3, 4)}
    return bool(brands & {b"avif", b"avis"})


def _bmp(data: bytes) -> ImageInfo | None:
    header = struct.unpack("<I", data[14:18])[0]
    if header == 12:
        w, h = struct.unpack("<HH", data[18:22])
    elif header in (40, 52, 56, 64, 108, 124):
        w, h = struct.unpack("<ii", data[18:26])
    else:
        return None
    return ImageInfo("bmp", abs(w), abs(h))


# --- SVG -------------------------------------------------------------------------------------

_SVG_DROP = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
_SAFE_HREF = re.compile(r"^\s*(#|data:image/(png|jpe?g|gif|webp|avif|bmp);)", re.I)
# CSS that can load something: @import, url() to anything but a fragment or inline picture,
# image-set()/image()/src() with a bare string, and any backslash (``\\75 rl(`` is url()).
_CSS_EXTERNAL = re.compile(
    r"@import|url\(\s*['\"]?\s*(?!#|data:image/)|image-set\(|\bimage\(|\bsrc\(|\\", re.I)
_HREF_NAMES = ("href", "{http://www.w3.org/1999/xlink}href")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _drop_keeping_tail(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def sanitize_svg(data: bytes) -> bytes | None:
    """The SVG without scripts, handlers or external references; None if it is not SVG.

    Its DOCTYPE goes (nothing is ever loaded from a DTD), so entity references, which
    only the DOCTYPE could declare, go too: the file written is well-formed XML alone.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None or _local(str(root.tag)) != "svg":
        return None
    for element in list(root.iter()):
        if isinstance(element, etree._Entity):
            _drop_keeping_tail(element)
            continue
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        parent = element.getparent()
        animates_href = tag in ("set", "animate") and "href" in element.get("attributeName", "")
        if tag in _SVG_DROP or animates_href or (
                tag == "style" and _CSS_EXTERNAL.search(text_of(element))):
            if parent is not None:
                parent.remove(element)
            continue
        for name in list(element.attrib):
            local = _local(name).lower()
            value = element.attrib[name]
            # Any attribute may hold CSS: style, and presentation ones such as fill="url(...)".
            if local.startswith("on") or (name in _HREF_NAMES and not _SAFE_HREF.match(value)) \
                    or _CSS_EXTERNAL.search(value):
                del element.attrib[name]
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
