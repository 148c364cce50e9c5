"""A clip's images: which address is the picture, where the Markdown names them, what a
downloaded file really is, and fetching them into ``Title.assets/``.

``srcset`` (choosing among an image's addresses, shared with the extractor), ``refs``
(finding and rewriting images in a clip body), ``sniff`` (type, size and safe SVG from
the bytes) and ``download`` (fetching them next to the clip). Nothing is imported here,
so reading a clip's image links does not load the network code.
"""
