"""Article metadata: title, byline, date, site, excerpt, language, canonical URL, image.

``fields`` takes each from the most deliberate source the page offers; the sources
have their own modules: ``jsonld`` (schema.org), ``tags`` (``<meta>`` vocabularies),
``dom`` (microdata, ``<time>``, the headline), ``byline``, ``title`` and ``dates``.
"""

from clipper.extract.metadata.fields import Metadata, extract_metadata

__all__ = ["Metadata", "extract_metadata"]
