"""Site search: Dutch full-text search over the catalogue, prebuilt at build time for lunr.js.

- `dutch`: tokenising, stopwords, stemming and diacritic folding, identical to lunr-languages in the browser.
- `documents`: what is searchable, field by field with boosts, and the record a result shows.
- `index`: the lunr index and the files the browser downloads.
- `skills_index`: a second, small index of skills and occupations (same pipeline and format, own folder
  assets/search/vaardigheden/), kept apart so the course results stay as tuned. In the browser,
  templates/assets/skills-search.js offers `ScholingSkills.find(text, {kinds, limit, all})` -> Promise of
  [{kind, id, label, title, text, meta, path, url, score, exact}]: typed results on the search page, the
  filter on /vaardigheden/, adding skills by typing in the skills passport. A page that uses it includes
  skills-search.js (search.js, on every page, loads the engine); documented at the top of that file.
"""

from builder.search.index import SearchFiles, build_search_files, file_urls

__all__ = ["SearchFiles", "build_search_files", "file_urls"]
