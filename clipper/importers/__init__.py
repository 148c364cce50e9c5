"""Reading lists from other services into the library: Pocket, Instapaper, Omnivore,
Wallabag, Raindrop.io, browser bookmarks and plain lists of addresses.

One parser per format turns an export file into ``ImportItem``s (``formats`` tells
the formats apart and picks the parser); ``run.import_items`` fetches and saves them
as clips, politely (``polite``), carrying over what the service knew (``clips``);
``report`` writes the CSV list of what failed. The modules are imported one by one,
not with the package: the parsers need nothing heavy, the import run needs the whole
pipeline.
"""
