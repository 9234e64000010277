"""Site search: Dutch full-text search over the catalogue, prebuilt at build time for lunr.js.

- `dutch`: tokenising, stopwords, stemming and diacritic folding, identical to lunr-languages in the browser.
- `documents`: what is searchable, field by field with boosts, and the record a result shows.
- `index`: the lunr index and the files the browser downloads.
"""

from builder.search.index import SearchFiles, build_search_files

__all__ = ["SearchFiles", "build_search_files"]
